-- Every version of an item's guide this server has published, so that a draft made with
-- an older one can be told what changed for it instead of being refused without a word.
CREATE TABLE guide_versions (
    code         TEXT NOT NULL,
    version      TEXT NOT NULL,
    json         TEXT NOT NULL,
    published_at TEXT NOT NULL,
    PRIMARY KEY (code, version)
);
