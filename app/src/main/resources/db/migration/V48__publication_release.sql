-- Publications have a release time (an embargo): the portal shows a publication from its release time on.
-- Publications stored before this have been public since they were made.
alter table publication add column release_at timestamptz;
update publication set release_at = published_at;
alter table publication alter column release_at set not null, alter column release_at set default now();

-- The release time an edition's next publications get (null: as soon as they are made).
alter table edition add column release_at timestamptz;
