-- What a publication computed (the survey it was read from and every figure, exact and as published), kept with it
-- so that every node loads it instead of computing it again. A publication stored before this has none and is
-- computed on loading, as before.
create table publication_snapshot (
    publication_id bigint primary key references publication (id) on delete cascade,
    format         int    not null,
    body           bytea  not null
);
