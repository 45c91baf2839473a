-- Fieldwork: personal invitations, the mail outbox, reminders, and the respondent's answers.
-- The invitation copies the workplace's name, manager and address from the frame: the mail says what was sent.

-- One invitation per sampled workplace.
CREATE TABLE fieldwork_invitation (
    id              bigserial PRIMARY KEY,
    edition_id      bigint      NOT NULL REFERENCES edition (id) ON DELETE CASCADE,
    frame_unit_id   bigint      REFERENCES frame_unit (id) ON DELETE SET NULL,
    workplace_id    text        NOT NULL,
    workplace_name  text        NOT NULL,
    manager_name    text        NOT NULL DEFAULT '',
    email           text        NOT NULL,
    language        text        NOT NULL DEFAULT 'da',
    stratum         text        NOT NULL DEFAULT '',
    created_at      timestamptz NOT NULL DEFAULT now(),
    expires_at      timestamptz NOT NULL,
    opted_out_at    timestamptz,
    bounced_at      timestamptz,
    UNIQUE (edition_id, workplace_id)
);

-- The personal links of an invitation. Only the SHA-256 hash of a token is stored: the database alone never
-- yields a working link. Each mail carries a fresh token (a reminder cannot recover the invitation's token from
-- its hash); every token of an invitation keeps working until the invitation expires.
CREATE TABLE fieldwork_token (
    token_hash     bytea       PRIMARY KEY,
    invitation_id  bigint      NOT NULL REFERENCES fieldwork_invitation (id),
    created_at     timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX fieldwork_token_invitation ON fieldwork_token (invitation_id);

-- A mailing: one send-out (invitations or a reminder round) whose progress the monitor shows.
CREATE TABLE fieldwork_mailing (
    id          bigserial PRIMARY KEY,
    edition_id  bigint      NOT NULL REFERENCES edition (id) ON DELETE CASCADE,
    kind        text        NOT NULL CHECK (kind IN ('invitation', 'reminder')),
    created_at  timestamptz NOT NULL DEFAULT now()
);

-- The outbox. A message is claimed by one sender (FOR UPDATE SKIP LOCKED), sent, then marked sent.
-- A claim is a lease: a 'sending' row whose lease ran out (its node died) is claimed again.
CREATE TABLE fieldwork_outbox (
    id              bigserial PRIMARY KEY,
    mailing_id      bigint      REFERENCES fieldwork_mailing (id),
    invitation_id   bigint      NOT NULL REFERENCES fieldwork_invitation (id),
    recipient       text        NOT NULL,
    subject         text        NOT NULL,
    body            text        NOT NULL,
    -- The token in the body, kept only until the message leaves the outbox; then it is cut out of the body.
    token           text,
    state           text        NOT NULL DEFAULT 'queued'
                    CHECK (state IN ('queued', 'sending', 'sent', 'failed', 'bounced', 'cancelled')),
    attempts        integer     NOT NULL DEFAULT 0,
    next_attempt_at timestamptz NOT NULL DEFAULT now(),
    claimed_by      text,
    lease_until     timestamptz,
    sent_at         timestamptz,
    last_error      text,
    created_at      timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX fieldwork_outbox_due ON fieldwork_outbox (next_attempt_at) WHERE state IN ('queued', 'sending');
CREATE INDEX fieldwork_outbox_mailing ON fieldwork_outbox (mailing_id, state);
CREATE INDEX fieldwork_outbox_invitation ON fieldwork_outbox (invitation_id);

-- Reminder rounds on a schedule; each round is taken by one node (FOR UPDATE SKIP LOCKED) and done once.
CREATE TABLE fieldwork_reminder (
    id          bigserial PRIMARY KEY,
    edition_id  bigint      NOT NULL REFERENCES edition (id) ON DELETE CASCADE,
    send_at     timestamptz NOT NULL,
    done_at     timestamptz,
    mailing_id  bigint REFERENCES fieldwork_mailing (id)
);

-- A response: the current answers of one invitation, and its state.
CREATE TABLE respond_response (
    id              bigserial PRIMARY KEY,
    invitation_id   bigint      NOT NULL UNIQUE REFERENCES fieldwork_invitation (id),
    state           text        NOT NULL DEFAULT 'started' CHECK (state IN ('started', 'submitted')),
    answers         jsonb       NOT NULL DEFAULT '{}'::jsonb,
    current_page    text,
    language        text,
    started_at      timestamptz NOT NULL DEFAULT now(),
    last_seen_at    timestamptz NOT NULL DEFAULT now(),
    submitted_at    timestamptz,
    sittings        integer     NOT NULL DEFAULT 1,
    device_class    text,
    saves           integer     NOT NULL DEFAULT 0
);

-- Every acknowledged page save, once: a retried POST carries the same save id and is not stored twice.
CREATE TABLE respond_page_save (
    response_id     bigint      NOT NULL REFERENCES respond_response (id),
    save_id         uuid        NOT NULL,
    page            text        NOT NULL,
    answers         jsonb       NOT NULL,
    cleared         text[]      NOT NULL DEFAULT '{}',
    seconds_on_page integer,
    device_class    text,
    saved_at        timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (response_id, save_id)
);

-- Reopening a submitted response is an admin action, kept here with who and why.
CREATE TABLE respond_reopening (
    id           bigserial PRIMARY KEY,
    response_id  bigint      NOT NULL REFERENCES respond_response (id),
    reopened_by  text        NOT NULL,
    reason       text        NOT NULL DEFAULT '',
    reopened_at  timestamptz NOT NULL DEFAULT now()
);
