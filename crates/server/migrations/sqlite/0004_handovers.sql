-- Unfinished work handed over from a shared terminal, to be resumed at the desk by its
-- number: the terminal keeps nothing of it.
CREATE TABLE handovers (
    id         INTEGER PRIMARY KEY,
    number     TEXT    NOT NULL UNIQUE,
    -- The terminal's draft id: sending the same draft twice gives the same number.
    draft_id   TEXT    NOT NULL UNIQUE,
    item_code  TEXT    NOT NULL,
    content    TEXT    NOT NULL,
    created_at TEXT    NOT NULL
);
