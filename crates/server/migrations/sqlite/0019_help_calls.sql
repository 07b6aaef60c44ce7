-- "呼叫工作人员" from a self-service terminal: where, for which item, when (the server's
-- clock), and who went to help.
CREATE TABLE help_calls (
    id          INTEGER PRIMARY KEY AUTOINCREMENT,
    place       TEXT    NOT NULL,
    item_code   TEXT    NOT NULL DEFAULT '',
    called_at   TEXT    NOT NULL,
    handled_by  TEXT,
    handled_at  TEXT
);
CREATE INDEX help_calls_open ON help_calls (handled_at, called_at);
