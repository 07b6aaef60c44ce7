-- What supervision counts of each case, derived by the core from its events whenever they
-- change (onewindow_core::case::facts), so that the centre's figures are counts and sums
-- over indexed columns. Dates are YYYY-MM-DD, '' for none; -1 means "not yet" for the
-- on-time flags and 0 "none" for evaluation levels. Rows written before are filled in at
-- start (facts_version).
ALTER TABLE cases ADD COLUMN department TEXT NOT NULL DEFAULT '';
ALTER TABLE cases ADD COLUMN received_on TEXT NOT NULL DEFAULT '';
ALTER TABLE cases ADD COLUMN intake TEXT NOT NULL DEFAULT '';
ALTER TABLE cases ADD COLUMN first_visit BIGINT NOT NULL DEFAULT 0;
ALTER TABLE cases ADD COLUMN notified_on_time BIGINT NOT NULL DEFAULT -1;
ALTER TABLE cases ADD COLUMN decided_on TEXT NOT NULL DEFAULT '';
ALTER TABLE cases ADD COLUMN promised_due TEXT NOT NULL DEFAULT '';
ALTER TABLE cases ADD COLUMN decided_on_time BIGINT NOT NULL DEFAULT -1;
ALTER TABLE cases ADD COLUMN delivered_on TEXT NOT NULL DEFAULT '';
ALTER TABLE cases ADD COLUMN eval_acceptance BIGINT NOT NULL DEFAULT 0;
ALTER TABLE cases ADD COLUMN eval_handout BIGINT NOT NULL DEFAULT 0;
ALTER TABLE cases ADD COLUMN evaluated_on TEXT NOT NULL DEFAULT '';
ALTER TABLE cases ADD COLUMN follow_up_due TEXT NOT NULL DEFAULT '';
ALTER TABLE cases ADD COLUMN is_open BIGINT NOT NULL DEFAULT 0;
ALTER TABLE cases ADD COLUMN facts_version BIGINT NOT NULL DEFAULT 0;
-- Each figure reads one of these, covering what it groups by, so a month among a million
-- cases is an index range.
CREATE INDEX cases_facts_received ON cases (received_on, department, channel, intake, first_visit, notified_on_time, owner, site);
CREATE INDEX cases_facts_items ON cases (received_on, item_code, intake, site);
CREATE INDEX cases_facts_created ON cases (channel, created_at, department);
CREATE INDEX cases_facts_decided ON cases (decided_on, department, decided_on_time, site);
CREATE INDEX cases_facts_open ON cases (is_open, promised_due, department, site);
CREATE INDEX cases_facts_evaluated ON cases (evaluated_on, department, site, owner, eval_acceptance, eval_handout);
CREATE INDEX cases_facts_follow_up ON cases (follow_up_due);
CREATE INDEX cases_facts_version ON cases (facts_version);
-- The sites that ever received a case, for the supervision filter without a scan.
CREATE TABLE sites (name TEXT PRIMARY KEY);
INSERT INTO sites (name) SELECT DISTINCT site FROM cases WHERE site <> '';
