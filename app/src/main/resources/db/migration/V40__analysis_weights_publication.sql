-- Weighting as a versioned step: every run of the weighting keeps its method, diagnostics and weights.
create table analysis_weights (
    id          bigserial primary key,
    edition_id  bigint not null references edition (id) on delete cascade,
    version     integer not null,
    method      text not null,
    diagnostics jsonb not null,
    created_at  timestamptz not null default now(),
    unique (edition_id, version)
);

create table analysis_weight (
    weights_id       bigint not null references analysis_weights (id) on delete cascade,
    response_id      bigint not null references respond_response (id) on delete cascade,
    weight           double precision not null check (weight > 0),
    before_calibration double precision not null check (before_calibration > 0),
    variance_stratum text not null,
    primary key (weights_id, response_id)
);

-- A publication: the figures of an edition as published, computed from one weights version. Written in one
-- transaction with all its figures, so an edition is never published in part.
create table publication (
    id           bigserial primary key,
    edition_id   bigint not null references edition (id) on delete cascade,
    weights_id   bigint not null references analysis_weights (id),
    spec_folder  text not null,
    figures      jsonb not null,
    published_at timestamptz not null default now()
);
create index publication_edition on publication (edition_id, published_at desc);
