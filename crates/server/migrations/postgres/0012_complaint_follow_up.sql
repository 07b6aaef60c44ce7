-- A complaint's follow-up: whom a supervisor assigned it to (they may record actions and
-- close it), and what was done, in order (a JSON list of {at, by, note}).
ALTER TABLE complaints ADD COLUMN assigned_to TEXT NOT NULL DEFAULT '';
ALTER TABLE complaints ADD COLUMN actions TEXT NOT NULL DEFAULT '[]';
CREATE INDEX complaints_assigned ON complaints (assigned_to, closed_at);
