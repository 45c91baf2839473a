-- An edition's publication files (edition.json and the figure files it lists), uploaded as one ZIP and kept as
-- numbered versions: the ZIP as uploaded, its SHA-256, who uploaded it, and the questionnaire version it was
-- checked against (its "form" keeps meaning that questionnaire). Jobs and publications name the version they
-- publish in spec_folder as 'stored:<id>'.
create table edition_files (
    id               bigserial primary key,
    edition_id       bigint not null references edition (id) on delete cascade,
    version          integer not null,
    file_name        text not null,
    content          bytea not null,
    sha256           text not null,
    questionnaire_id bigint references questionnaire (id),
    uploaded_by      bigint references app_user (id) on delete set null,
    uploaded_at      timestamptz not null default now(),
    unique (edition_id, version)
);
