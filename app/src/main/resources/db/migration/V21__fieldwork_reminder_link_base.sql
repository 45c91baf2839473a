-- A reminder round is queued in the background, where no request tells the public address of the server:
-- the round keeps the address its links are made with, taken when it was scheduled.
ALTER TABLE fieldwork_reminder ADD COLUMN base_url text NOT NULL DEFAULT 'http://localhost:7070';
ALTER TABLE fieldwork_reminder ADD COLUMN deadline date;
