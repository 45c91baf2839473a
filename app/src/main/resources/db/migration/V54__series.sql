-- A family of barometers (series of editions, one per country, and harmonised indicators), as its files declare
-- it: each upload that passes the checks is a new version; the latest is the one the portal shows.
create table series_family (
    id          bigserial primary key,
    file_name   text not null,
    files       jsonb not null,
    uploaded_by text,
    uploaded_at timestamptz not null default now()
);

-- The Barometer editions a version of the family places in its series: an edition belongs to one series only.
create table series_edition (
    family_id   bigint not null references series_family (id) on delete cascade,
    series_key  text not null,
    edition_key text not null,
    edition_id  bigint not null references edition (id) on delete cascade,
    primary key (family_id, series_key, edition_key),
    unique (family_id, edition_id)
);
