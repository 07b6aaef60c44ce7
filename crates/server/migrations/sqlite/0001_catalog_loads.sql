-- Which catalogue the server served, and since when: a case is always judged against a
-- known catalogue, so supervisors can tell which version of a guide applied.
CREATE TABLE catalog_loads (
    id        INTEGER PRIMARY KEY,
    digest    TEXT    NOT NULL,
    items     INTEGER NOT NULL,
    loaded_at TEXT    NOT NULL
);
