-- Admission control for public computation (docs/confidentiality.md): requests per client and minute, and the
-- slots of computations that may run at once across every node (a slot is held under a lease, so that a node
-- that dies frees its slots when their lease ends).
create table http_rate (
    bucket  text not null,
    client  text not null,
    minute  timestamptz not null,
    count   integer not null,
    primary key (bucket, client, minute)
);
create index http_rate_minute on http_rate (minute);

create table http_compute_slot (
    pool        text not null,
    slot        integer not null,
    holder      text,
    lease_until timestamptz not null default '-infinity',
    primary key (pool, slot)
);

-- Sign-in throttling per client as well as per username (docs/platform.md).
create index login_failure_ip_time on login_failure (ip, failed_at);
