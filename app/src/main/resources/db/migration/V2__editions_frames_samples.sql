-- An edition ties a questionnaire version, a frame, a sample, a fieldwork period and its languages.

create table questionnaire (
    id          bigserial primary key,
    title       text not null,
    version     text,
    file_name   text not null,
    content     bytea not null,
    sha256      text not null,
    uploaded_at timestamptz not null default now(),
    uploaded_by bigint references app_user (id) on delete set null
);

create table edition (
    id               bigserial primary key,
    name             text not null unique,
    year             integer,
    questionnaire_id bigint references questionnaire (id),
    fieldwork_start  date,
    fieldwork_end    date,
    languages        text[] not null default '{da,en}',
    created_at       timestamptz not null default now(),
    check (fieldwork_end is null or fieldwork_start is null or fieldwork_end >= fieldwork_start)
);

-- A frame: the register of workplaces an edition samples from.
create table frame (
    id           bigserial primary key,
    edition_id   bigint not null references edition (id) on delete cascade,
    source_name  text not null,
    imported_at  timestamptz not null default now(),
    imported_by  bigint references app_user (id) on delete set null,
    unit_count   integer not null,
    skipped_rows integer not null default 0
);

create table frame_unit (
    id               bigserial primary key,
    frame_id         bigint not null references frame (id) on delete cascade,
    row_number       integer not null,
    workplace_id     text not null,
    name             text not null,
    government_level text not null,
    area             text not null,
    employees        integer,
    size_group       text not null,
    region           text,
    manager_name     text,
    manager_email    text,
    language         text not null,
    unique (frame_id, workplace_id)
);
create index frame_unit_frame on frame_unit (frame_id);

-- A stratified sample drawn from a frame, reproducible from its seed.
create table sample (
    id          bigserial primary key,
    frame_id    bigint not null references frame (id) on delete cascade,
    allocation  text not null check (allocation in ('proportional', 'neyman', 'fixed', 'take_all')),
    strata_by   text not null,
    requested_n integer,
    minimum_per_stratum integer not null default 0,
    seed        bigint not null,
    drawn_at    timestamptz not null default now(),
    drawn_by    bigint references app_user (id) on delete set null
);

-- Per stratum: population count N_h (for the finite population correction) and sample size n_h.
create table sample_stratum (
    sample_id      bigint not null references sample (id) on delete cascade,
    stratum        text not null,
    population     integer not null check (population >= 0),
    sample_size    integer not null check (sample_size >= 0 and sample_size <= population),
    variance_guess double precision,
    primary key (sample_id, stratum)
);

-- Selected units with their inclusion probability pi = n_h / N_h.
create table sample_unit (
    sample_id      bigint not null references sample (id) on delete cascade,
    frame_unit_id  bigint not null references frame_unit (id) on delete cascade,
    stratum        text not null,
    inclusion_prob double precision not null check (inclusion_prob > 0 and inclusion_prob <= 1),
    primary key (sample_id, frame_unit_id)
);
create index sample_unit_stratum on sample_unit (sample_id, stratum);

-- The frame and sample an edition currently uses.
alter table edition add column frame_id bigint references frame (id) on delete set null;
alter table edition add column sample_id bigint references sample (id) on delete set null;
