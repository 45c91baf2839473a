-- The public explorer's record of what it has answered (docs/confidentiality.md, "query-set overlap"): every
-- base and breakdown group it has shown for an edition, as a set of the edition's respondents, so that a base
-- differing from an answered one by fewer respondents than the minimum is refused on every node.
-- A respondent's position numbers it within its edition once and for all, across publications of the edition.
create table explorer_position (
    edition_id  bigint not null references edition (id) on delete cascade,
    response_id bigint not null,
    position    integer not null,
    primary key (edition_id, response_id),
    unique (edition_id, position)
);

-- members: a bit set over positions (bit p of byte p / 8, least significant first).
create table explorer_answered (
    id         bigserial primary key,
    edition_id bigint not null references edition (id) on delete cascade,
    members    bytea not null,
    published  boolean not null,
    created    timestamptz not null default now()
);
create index explorer_answered_edition on explorer_answered (edition_id, id);
