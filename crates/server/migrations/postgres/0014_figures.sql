-- Supervision figures kept by month, so that a year or two among a million cases reads a
-- few thousand rows. Each table holds, per calendar month, the sum of what every case row
-- with the current facts_version contributes; the facts write (facts.rs) takes a row's
-- contribution out before it changes the row and puts the new one in after, in the same
-- transaction, so the sums are exact at every commit. Months are YYYY-MM.
ALTER TABLE cases ADD COLUMN via_terminal BIGINT NOT NULL DEFAULT 0;
ALTER TABLE cases ADD COLUMN evaluated_acceptance_on TEXT NOT NULL DEFAULT '';
ALTER TABLE cases ADD COLUMN evaluated_handout_on TEXT NOT NULL DEFAULT '';
CREATE INDEX cases_facts_eval_acceptance ON cases (evaluated_acceptance_on, department, site, owner, eval_acceptance);
CREATE INDEX cases_facts_eval_handout ON cases (evaluated_handout_on, department, site, owner, eval_handout);
-- Received cases by department, channel (pre_check, desk, terminal), intake, clerk, site.
CREATE TABLE figures_intake (
    month            TEXT   NOT NULL,
    department       TEXT   NOT NULL,
    channel          TEXT   NOT NULL,
    intake           TEXT   NOT NULL,
    owner            TEXT   NOT NULL,
    site             TEXT   NOT NULL,
    cases            BIGINT NOT NULL,
    first_visit      BIGINT NOT NULL,
    notified_on_time BIGINT NOT NULL,
    notified_late    BIGINT NOT NULL,
    PRIMARY KEY (month, department, channel, intake, owner, site)
);
-- Received cases by item and intake.
CREATE TABLE figures_items (
    month     TEXT   NOT NULL,
    item_code TEXT   NOT NULL,
    intake    TEXT   NOT NULL,
    site      TEXT   NOT NULL,
    cases     BIGINT NOT NULL,
    PRIMARY KEY (month, item_code, intake, site)
);
-- Decisions by department, and how many by the promised deadline.
CREATE TABLE figures_decided (
    month      TEXT   NOT NULL,
    department TEXT   NOT NULL,
    site       TEXT   NOT NULL,
    decided    BIGINT NOT NULL,
    on_time    BIGINT NOT NULL,
    late       BIGINT NOT NULL,
    PRIMARY KEY (month, department, site)
);
-- Evaluations (好差评) by the month each stage was evaluated in.
CREATE TABLE figures_evaluations (
    month      TEXT   NOT NULL,
    department TEXT   NOT NULL,
    site       TEXT   NOT NULL,
    owner      TEXT   NOT NULL,
    stage      TEXT   NOT NULL,
    level      BIGINT NOT NULL,
    count      BIGINT NOT NULL,
    PRIMARY KEY (month, department, site, owner, stage, level)
);
-- Complaints count for the site of the clerk they were assigned to.
ALTER TABLE complaints ADD COLUMN site TEXT NOT NULL DEFAULT '';
CREATE INDEX complaints_filed ON complaints (filed_at, site);
