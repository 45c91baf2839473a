-- Staff try the questionnaire through a test link of their own: an invitation marked test, never mailed, never
-- counted by the monitor, the status list, the sample's lock or the analysis.
alter table fieldwork_invitation add column test boolean not null default false;
