-- Clerk accounts, their sessions, the append-only audit log, and the document numbers
-- issued to each case's notices.
CREATE TABLE users (
    id            BIGSERIAL PRIMARY KEY,
    name          TEXT    NOT NULL UNIQUE,
    role          TEXT    NOT NULL CHECK (role IN ('clerk', 'supervisor')),
    -- argon2id, PHC string format.
    password_hash TEXT    NOT NULL,
    created_at    TEXT    NOT NULL
);

-- Only the SHA-256 of a session token is stored, so a copy of the database opens no session.
CREATE TABLE sessions (
    token_hash TEXT    PRIMARY KEY,
    user_id    BIGINT NOT NULL REFERENCES users(id),
    created_at BIGINT NOT NULL, -- unix seconds
    last_seen  BIGINT NOT NULL  -- unix seconds
);

CREATE TABLE audit_log (
    id      BIGSERIAL PRIMARY KEY,
    at      TEXT    NOT NULL,
    actor   TEXT    NOT NULL,
    action  TEXT    NOT NULL,
    target  TEXT    NOT NULL,
    client  TEXT    NOT NULL,
    success BIGINT NOT NULL, -- 1 or 0
    detail  TEXT    NOT NULL
);

-- Append-only: the database itself refuses to change or remove a line.
CREATE FUNCTION audit_log_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN RAISE EXCEPTION 'the audit log is append-only'; END; $$;
CREATE TRIGGER audit_log_no_update BEFORE UPDATE OR DELETE ON audit_log
FOR EACH ROW EXECUTE FUNCTION audit_log_append_only();

-- Each notice handed out, with its number from the kind's yearly sequence.
CREATE TABLE notices (
    id          BIGSERIAL PRIMARY KEY,
    case_number TEXT    NOT NULL REFERENCES cases(number),
    kind        TEXT    NOT NULL,
    -- The position in the case's events of the step that produced it.
    event_index BIGINT NOT NULL,
    year        BIGINT NOT NULL,
    seq         BIGINT NOT NULL,
    number      TEXT    NOT NULL,
    issued_on   TEXT    NOT NULL,
    UNIQUE (case_number, kind, event_index),
    UNIQUE (kind, year, seq)
);

CREATE INDEX cases_state ON cases(state);
CREATE INDEX cases_item ON cases(item_code);
