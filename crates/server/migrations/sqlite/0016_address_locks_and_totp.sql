-- Failed logins counted per client address as well as per account name: guessing across
-- many names from one address grows slower and is then locked for a while (auth.rs).
CREATE TABLE login_failures_by_address (
    client       TEXT   PRIMARY KEY,
    failures     INTEGER NOT NULL,
    last_failed  INTEGER NOT NULL,
    locked_until INTEGER NOT NULL
);
-- A supervisor's optional second factor (TOTP, RFC 6238): the secret sealed like personal
-- data (vault.rs), '' for none; the last time step used, so a code works once.
ALTER TABLE users ADD COLUMN totp_secret TEXT NOT NULL DEFAULT '';
ALTER TABLE users ADD COLUMN totp_last_step INTEGER NOT NULL DEFAULT 0;
