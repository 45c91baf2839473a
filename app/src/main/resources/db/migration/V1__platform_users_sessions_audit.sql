-- Users of the administration, their sessions, failed logins (for lockout) and the audit log.

create table app_user (
    id            bigserial primary key,
    username      text not null,
    display_name  text not null,
    role          text not null check (role in ('admin', 'analyst')),
    password_hash text not null,
    active        boolean not null default true,
    created_at    timestamptz not null default now()
);
create unique index app_user_username_key on app_user (lower(username));

-- Failed login attempts; a username with too many recent failures is locked for a while.
create table login_failure (
    id        bigserial primary key,
    username  text not null,
    failed_at timestamptz not null default now(),
    ip        text
);
create index login_failure_user_time on login_failure (lower(username), failed_at);

-- Server-side sessions: the browser holds a random token, the database only its SHA-256 hash,
-- so any app node behind a load balancer can serve any request.
create table web_session (
    token_hash   text primary key,
    user_id      bigint references app_user (id) on delete cascade,
    csrf_token   text not null,
    created_at   timestamptz not null default now(),
    last_seen_at timestamptz not null default now(),
    expires_at   timestamptz not null
);
create index web_session_expires on web_session (expires_at);

create table audit_log (
    id       bigserial primary key,
    at       timestamptz not null default now(),
    user_id  bigint references app_user (id) on delete set null,
    username text,
    action   text not null,
    target   text,
    detail   text,
    ip       text
);
create index audit_log_at on audit_log (at desc);
