-- The case library: cases of public-sector innovation, their language versions, contacts, links and images; the
-- classifications they are filed under (configuration data of a series, not code); personal submission links.

-- Editors review and publish cases. Widening the check keeps every stored role valid.
alter table app_user drop constraint app_user_role_check;
alter table app_user add constraint app_user_role_check check (role in ('admin', 'analyst', 'editor'));

-- The classifications of a series: government level, sector, technology and value created.
create table cases_classification (
    series   text    not null,
    kind     text    not null check (kind in ('level', 'sector', 'technology', 'value')),
    code     text    not null check (code ~ '^[a-z0-9][a-z0-9_-]{0,39}$'),
    label_da text    not null,
    label_en text    not null,
    position integer not null,
    primary key (series, kind, code)
);

create table cases_case (
    id                 bigserial primary key,
    series             text        not null,
    status             text        not null default 'submitted' check (status in ('submitted', 'published', 'retired')),
    source             text        not null check (source in ('public', 'personal', 'staff', 'demo')),
    organisation       text        not null,
    level              text        not null,
    sector             text        not null,
    technology         text        not null,
    technology_novelty text        not null check (technology_novelty in ('new', 'known')),
    value              text        not null,
    tags               text[]      not null default '{}',
    licence            text        not null default 'CC BY 4.0',
    submitted_at       timestamptz not null default now(),
    published_at       timestamptz,
    retired_at         timestamptz,
    updated_at         timestamptz not null default now()
);
create index cases_case_status on cases_case (series, status);

-- A case in one language: what the submitter wrote, or an editor's translation. The search vector is made by the
-- database from the texts with the stemming of the version's language, so 'innovationer' finds 'innovation'.
create table cases_version (
    case_id        bigint      not null references cases_case (id) on delete cascade,
    lang           text        not null check (lang in ('da', 'en')),
    title          text        not null,
    summary        text        not null,
    problem        text        not null default '',
    solution       text        not null default '',
    results        text        not null default '',
    result_numbers text[]      not null default '{}',
    before_text    text        not null default '',
    now_text       text        not null default '',
    value_text     text        not null default '',
    updated_at     timestamptz not null default now(),
    search         tsvector generated always as (
        case lang
            when 'da' then
                setweight(to_tsvector('danish', title), 'A') || setweight(to_tsvector('danish', summary), 'B')
                || setweight(to_tsvector('danish', problem || ' ' || solution || ' ' || results || ' ' || before_text
                                                   || ' ' || now_text || ' ' || value_text), 'C')
            else
                setweight(to_tsvector('english', title), 'A') || setweight(to_tsvector('english', summary), 'B')
                || setweight(to_tsvector('english', problem || ' ' || solution || ' ' || results || ' ' || before_text
                                                    || ' ' || now_text || ' ' || value_text), 'C')
        end) stored,
    primary key (case_id, lang)
);
create index cases_version_search on cases_version using gin (search);

-- The people to ask about a case. They are shown on the case page only when they consented to it.
create table cases_contact (
    id           bigserial primary key,
    case_id      bigint  not null references cases_case (id) on delete cascade,
    name         text    not null,
    email        text    not null default '',
    phone        text    not null default '',
    role         text    not null default '',
    show_consent boolean not null default false
);

-- Links to more about a case (reports, videos, the organisation's own page).
create table cases_reference (
    id       bigserial primary key,
    case_id  bigint  not null references cases_case (id) on delete cascade,
    position integer not null,
    url      text    not null check (url ~ '^https?://'),
    label    text    not null default ''
);

-- An image of a case in one language version, uploaded as PNG or JPEG and kept here (the pages' content security
-- policy shows no image from elsewhere), never without its alt text.
create table cases_image (
    id           bigserial primary key,
    case_id      bigint not null references cases_case (id) on delete cascade,
    lang         text   not null check (lang in ('da', 'en')),
    content_type text   not null check (content_type in ('image/png', 'image/jpeg')),
    data         bytea  not null check (octet_length(data) <= 2097152),
    alt          text   not null check (length(btrim(alt)) > 0),
    unique (case_id, lang)
);

-- Personal submission links: only the hash of the secret is kept. A link offered to a respondent who consented
-- names the response; one made by staff names nobody. Using the link once files one case.
create table cases_invite (
    id          bigserial primary key,
    series      text        not null,
    token_hash  bytea       not null unique,
    response_id bigint      references respond_response (id) on delete set null,
    created_by  text        not null,
    created_at  timestamptz not null default now(),
    expires_at  timestamptz not null,
    case_id     bigint      references cases_case (id) on delete set null,
    used_at     timestamptz
);
create unique index cases_invite_response on cases_invite (response_id) where response_id is not null;

-- The respondent's answer to the offer on the last page: may the office contact them about a case. Kept with
-- the response, never part of the responses as data.
alter table respond_response add column case_contact_consent_at timestamptz;
