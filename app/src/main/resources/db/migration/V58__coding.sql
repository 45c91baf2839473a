-- The coding of open answers: coding frames per open question, coders' codes, the double-coded sample, final codes.

-- Coders code open answers; senior coders also keep the coding frames and adjudicate disagreements.
alter table app_user drop constraint app_user_role_check;
alter table app_user add constraint app_user_role_check
    check (role in ('admin', 'analyst', 'editor', 'coder', 'senior_coder'));

-- One open question of an edition under coding: the share coded twice, and the seed of the draw of that sample.
create table coding_question (
    edition_id   bigint      not null references edition (id) on delete cascade,
    question     text        not null,
    double_share numeric     not null default 0 check (double_share >= 0 and double_share <= 1),
    seed         bigint      not null,
    primary key (edition_id, question)
);

-- A version of the coding frame of a question; codes always name a version, so an old code keeps its meaning.
create table coding_frame (
    id          bigserial   primary key,
    edition_id  bigint      not null,
    question    text        not null,
    version     int         not null,
    multiple    boolean     not null,
    file_name   text,
    created_by  bigint      references app_user (id),
    created_at  timestamptz not null default now(),
    unique (edition_id, question, version),
    foreign key (edition_id, question) references coding_question (edition_id, question) on delete cascade
);

create table coding_category (
    frame_id      bigint not null references coding_frame (id) on delete cascade,
    position      int    not null,
    code          text   not null,
    parent        text,
    label_da      text   not null,
    label_en      text   not null,
    definition_da text   not null default '',
    definition_en text   not null default '',
    examples_da   text   not null default '',
    examples_en   text   not null default '',
    primary key (frame_id, code),
    unique (frame_id, position),
    foreign key (frame_id, parent) references coding_category (frame_id, code)
);

-- The answers drawn to be coded twice, recorded when the share is set, so that the draw can be shown and repeated.
create table coding_double (
    edition_id  bigint not null,
    question    text   not null,
    response_id bigint not null references respond_response (id) on delete cascade,
    primary key (edition_id, question, response_id),
    foreign key (edition_id, question) references coding_question (edition_id, question) on delete cascade
);

-- A coder's codes of one answer, under one version of the frame.
create table coding_code (
    edition_id  bigint      not null,
    question    text        not null,
    response_id bigint      not null references respond_response (id) on delete cascade,
    coder_id    bigint      not null references app_user (id),
    frame_id    bigint      not null references coding_frame (id),
    codes       text[]      not null check (cardinality(codes) > 0),
    coded_at    timestamptz not null default now(),
    primary key (edition_id, question, response_id, coder_id),
    foreign key (edition_id, question) references coding_question (edition_id, question) on delete cascade
);
create index coding_code_answer on coding_code (response_id);

-- The final codes of an answer: its one coder's, the two coders' when they agree, or an adjudicator's decision.
create table coding_final (
    edition_id  bigint      not null,
    question    text        not null,
    response_id bigint      not null references respond_response (id) on delete cascade,
    frame_id    bigint      not null references coding_frame (id),
    codes       text[]      not null check (cardinality(codes) > 0),
    adjudicated_by bigint   references app_user (id),
    decided_at  timestamptz not null default now(),
    primary key (edition_id, question, response_id),
    foreign key (edition_id, question) references coding_question (edition_id, question) on delete cascade
);
