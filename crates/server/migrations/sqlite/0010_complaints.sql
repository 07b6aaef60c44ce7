-- 办不成事: what people could not get done, reported online or by a helper at a terminal;
-- followed up by the centre's supervisors and closed with a result the reporter reads by
-- number and lookup code.
CREATE TABLE complaints (
    id          INTEGER PRIMARY KEY,
    number      TEXT    NOT NULL UNIQUE,
    lookup_code TEXT    NOT NULL,
    item_code   TEXT    NOT NULL,
    place       TEXT    NOT NULL,
    what        TEXT    NOT NULL,
    name        TEXT    NOT NULL,
    mobile      TEXT    NOT NULL,
    at_terminal INTEGER NOT NULL,
    filed_at    TEXT    NOT NULL,
    -- Empty until closed.
    closed_at   TEXT    NOT NULL DEFAULT '',
    closed_by   TEXT    NOT NULL DEFAULT '',
    result      TEXT    NOT NULL DEFAULT ''
);
CREATE INDEX complaints_open ON complaints (closed_at, id);
