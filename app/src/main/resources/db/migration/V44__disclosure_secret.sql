-- The secret from which every respondent's record key for the cell-key method is derived (HMAC-SHA256 of the
-- response id): made once per database, shared by every node, never shown.
create table disclosure_secret (
    id      integer primary key check (id = 1),
    secret  bytea not null,
    created timestamptz not null default now()
);
