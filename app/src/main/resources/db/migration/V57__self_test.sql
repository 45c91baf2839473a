-- The self-test: anonymous counters only. No row holds one visitor's answers, an address, a browser or a time of
-- answering; nothing here is read by weighting or publishing, so the self-test never reaches the official statistic.

-- Completed self-tests of an edition by the comparison group the visitors chose.
create table selftest_usage (
    edition_id bigint not null references edition (id) on delete cascade,
    comparison text   not null check (length(comparison) between 1 and 100),
    completed  bigint not null default 0 check (completed >= 0),
    primary key (edition_id, comparison)
);

-- How often each answer was given to each question of an edition's self-test.
create table selftest_answer (
    edition_id bigint not null references edition (id) on delete cascade,
    question   text   not null check (length(question) between 1 and 100),
    answer     text   not null check (length(answer) between 1 and 100),
    count      bigint not null default 0 check (count >= 0),
    primary key (edition_id, question, answer)
);

-- A group made by staff for a workshop or a conference: participants enter its code, its organiser follows it
-- through a secret link (only the link's SHA-256 is kept). Answers are shown to the organiser in whole batches.
create table selftest_group (
    id                 bigserial   primary key,
    edition_id         bigint      not null references edition (id) on delete cascade,
    code               text        not null unique check (code ~ '^[A-Z0-9]{8}$'),
    organiser_hash     text        not null unique check (organiser_hash ~ '^[0-9a-f]{64}$'),
    label              text        not null check (length(label) between 1 and 120),
    batch              integer     not null check (batch between 2 and 1000),
    created_at         timestamptz not null default now(),
    expires_at         timestamptz not null,
    participants       integer     not null default 0 check (participants >= 0),
    shown_participants integer     not null default 0 check (shown_participants >= 0 and shown_participants <= participants)
);
create index selftest_group_expiry on selftest_group (expires_at);

-- A group's answer counts: "pending" since its last whole batch (never shown), "shown" in whole batches.
create table selftest_group_answer (
    group_id bigint  not null references selftest_group (id) on delete cascade,
    question text    not null check (length(question) between 1 and 100),
    answer   text    not null check (length(answer) between 1 and 100),
    pending  integer not null default 0 check (pending >= 0),
    shown    integer not null default 0 check (shown >= 0),
    primary key (group_id, question, answer)
);
