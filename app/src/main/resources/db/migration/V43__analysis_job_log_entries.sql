-- A job's log as entries to be written out in the reader's language: each a text key with its arguments (an
-- argument may itself be an entry). The text log stays, in English, for jobs logged before and for the server's log.
alter table analysis_job add column entries jsonb not null default '[]'::jsonb;
