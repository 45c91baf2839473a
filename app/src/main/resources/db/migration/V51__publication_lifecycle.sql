-- A published publication can be withdrawn, with a notice to the public in Danish and in English: from then on
-- the portal shows the notice instead of its figures. A withdrawn publication is never shown again.
alter table publication add column withdrawn_at timestamptz,
    add column withdrawn_by text,
    add column withdrawal_notice_da text,
    add column withdrawal_notice_en text,
    add constraint publication_withdrawal_notice check (withdrawn_at is null
        or (length(trim(withdrawal_notice_da)) > 0 and length(trim(withdrawal_notice_en)) > 0));

-- The edition the portal shows first, chosen by staff (no row: the newest published edition).
create table publication_default (
    only_one   boolean primary key default true check (only_one),
    edition_id bigint not null references edition (id) on delete cascade,
    chosen_by  text,
    chosen_at  timestamptz not null default now()
);
