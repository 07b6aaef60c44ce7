-- The whole hall: accounts of every post (front desk, middle office, reviewer, lead,
-- supervisor) with their departments and site, and each case's owner (首办负责人) and the
-- site that received it. SQLite cannot widen a CHECK in place, so the users table is
-- rebuilt; open sessions end with the upgrade (everyone logs in again).
DELETE FROM sessions;
CREATE TABLE users_new (
    id            INTEGER PRIMARY KEY,
    name          TEXT    NOT NULL UNIQUE,
    role          TEXT    NOT NULL CHECK (role IN ('clerk', 'support', 'reviewer', 'lead', 'supervisor')),
    password_hash TEXT    NOT NULL,
    created_at    TEXT    NOT NULL,
    -- The departments' names, one per line, as the catalogue writes them.
    departments   TEXT    NOT NULL DEFAULT '',
    site          TEXT    NOT NULL DEFAULT ''
);
INSERT INTO users_new (id, name, role, password_hash, created_at)
    SELECT id, name, role, password_hash, created_at FROM users;
DROP TABLE users;
ALTER TABLE users_new RENAME TO users;

ALTER TABLE cases ADD COLUMN owner TEXT NOT NULL DEFAULT '';
ALTER TABLE cases ADD COLUMN site TEXT NOT NULL DEFAULT '';
CREATE INDEX cases_owner ON cases(owner);
