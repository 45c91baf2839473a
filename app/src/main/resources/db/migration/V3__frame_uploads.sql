-- An uploaded frame file waiting for the user's decision after validation (import, leave faulty rows out,
-- or discard). Kept in the database so that any app node can finish the import.
create table frame_upload (
    id          bigserial primary key,
    edition_id  bigint not null references edition (id) on delete cascade,
    file_name   text not null,
    content     bytea not null,
    uploaded_at timestamptz not null default now(),
    uploaded_by bigint references app_user (id) on delete set null
);
