-- The guidance desk's consultations (counted for supervision) and the questions it sends
-- to an item's back office, with their answers and due times (the server's clock).
CREATE TABLE consultations (
    id        BIGSERIAL PRIMARY KEY,
    item_code TEXT    NOT NULL,
    clerk     TEXT    NOT NULL,
    site      TEXT    NOT NULL DEFAULT '',
    at        TEXT    NOT NULL
);
CREATE INDEX consultations_at ON consultations (at);

CREATE TABLE enquiries (
    id          BIGSERIAL PRIMARY KEY,
    item_code   TEXT    NOT NULL,
    department  TEXT    NOT NULL,
    question    TEXT    NOT NULL,
    asked_by    TEXT    NOT NULL,
    site        TEXT    NOT NULL DEFAULT '',
    asked_at    TEXT    NOT NULL,
    due         TEXT    NOT NULL,
    answer      TEXT,
    answered_by TEXT,
    answered_at TEXT
);
CREATE INDEX enquiries_department ON enquiries (department, answered_at);
CREATE INDEX enquiries_asked_at ON enquiries (asked_at);
