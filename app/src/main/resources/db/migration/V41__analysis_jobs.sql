-- Weighting and publishing run as background jobs. Any app node's worker claims a queued job with
-- FOR UPDATE SKIP LOCKED; a running job whose heartbeat went stale (its node died) is claimed again.
create table analysis_job (
    id           bigserial primary key,
    edition_id   bigint not null references edition (id) on delete cascade,
    kind         text not null check (kind in ('publish')),
    spec_folder  text not null,
    state        text not null default 'queued' check (state in ('queued', 'running', 'succeeded', 'failed')),
    progress     integer not null default 0 check (progress between 0 and 100),
    log          text not null default '',
    requested_by bigint references app_user (id) on delete set null,
    node         text,
    attempts     integer not null default 0,
    publication_id bigint references publication (id) on delete set null,
    created_at   timestamptz not null default now(),
    started_at   timestamptz,
    heartbeat_at timestamptz,
    finished_at  timestamptz
);
create index analysis_job_queue on analysis_job (state, id);
create index analysis_job_edition on analysis_job (edition_id, id desc);
