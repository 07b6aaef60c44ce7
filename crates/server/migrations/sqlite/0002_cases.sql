-- Cases as submitted and re-checked, their events, and the idempotency keys that make a
-- retried submission land once.
CREATE TABLE cases (
    id               INTEGER PRIMARY KEY,
    number           TEXT    NOT NULL UNIQUE,
    lookup_code      TEXT    NOT NULL,
    item_code        TEXT    NOT NULL,
    channel          TEXT    NOT NULL,
    state            TEXT    NOT NULL,
    applicant_name   TEXT    NOT NULL,
    applicant_id     TEXT    NOT NULL,
    applicant_mobile TEXT    NOT NULL,
    submission       TEXT    NOT NULL,
    outcome          TEXT,
    events           TEXT    NOT NULL,
    version          INTEGER NOT NULL DEFAULT 1,
    created_at       TEXT    NOT NULL
);

CREATE TABLE idempotency_keys (
    key          TEXT    PRIMARY KEY,
    request_hash TEXT    NOT NULL,
    -- NULL while the first request is still being handled.
    status       INTEGER,
    response     TEXT,
    created_at   TEXT    NOT NULL
);

-- Yearly sequences: case numbers and document numbers.
CREATE TABLE sequences (
    name  TEXT    PRIMARY KEY,
    value INTEGER NOT NULL
);
