-- An edition's own texts for the people it reaches, per language: the survey's title and description, sender and
-- contact, the invitation and reminder mails, the thank-you page. A text not stored here is the product's neutral
-- default, so no survey speaks with another survey's words.
CREATE TABLE edition_text (
    edition_id  bigint      NOT NULL REFERENCES edition (id) ON DELETE CASCADE,
    key         text        NOT NULL,
    language    text        NOT NULL,
    text        text        NOT NULL,
    updated_at  timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (edition_id, key, language)
);
