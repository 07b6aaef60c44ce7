-- Clerk accounts, their sessions, the append-only audit log, and the document numbers
-- issued to each case's notices.
CREATE TABLE users (
    id            INTEGER PRIMARY KEY,
    name          TEXT    NOT NULL UNIQUE,
    role          TEXT    NOT NULL CHECK (role IN ('clerk', 'supervisor')),
    -- argon2id, PHC string format.
    password_hash TEXT    NOT NULL,
    created_at    TEXT    NOT NULL
);

-- Only the SHA-256 of a session token is stored, so a copy of the database opens no session.
CREATE TABLE sessions (
    token_hash TEXT    PRIMARY KEY,
    user_id    INTEGER NOT NULL REFERENCES users(id),
    created_at INTEGER NOT NULL, -- unix seconds
    last_seen  INTEGER NOT NULL  -- unix seconds
);

CREATE TABLE audit_log (
    id      INTEGER PRIMARY KEY,
    at      TEXT    NOT NULL,
    actor   TEXT    NOT NULL,
    action  TEXT    NOT NULL,
    target  TEXT    NOT NULL,
    client  TEXT    NOT NULL,
    success INTEGER NOT NULL, -- 1 or 0
    detail  TEXT    NOT NULL
);

-- Append-only: the database itself refuses to change or remove a line.
CREATE TRIGGER audit_log_no_update BEFORE UPDATE ON audit_log
BEGIN SELECT RAISE(ABORT, 'the audit log is append-only'); END;
CREATE TRIGGER audit_log_no_delete BEFORE DELETE ON audit_log
BEGIN SELECT RAISE(ABORT, 'the audit log is append-only'); END;

-- Each notice handed out, with its number from the kind's yearly sequence.
CREATE TABLE notices (
    id          INTEGER PRIMARY KEY,
    case_number TEXT    NOT NULL REFERENCES cases(number),
    kind        TEXT    NOT NULL,
    -- The position in the case's events of the step that produced it.
    event_index INTEGER NOT NULL,
    year        INTEGER NOT NULL,
    seq         INTEGER NOT NULL,
    number      TEXT    NOT NULL,
    issued_on   TEXT    NOT NULL,
    UNIQUE (case_number, kind, event_index),
    UNIQUE (kind, year, seq)
);

CREATE INDEX cases_state ON cases(state);
CREATE INDEX cases_item ON cases(item_code);
