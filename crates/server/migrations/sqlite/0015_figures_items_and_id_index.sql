-- Items by month with the intake as columns rather than rows: a county's 1,500 items over
-- two years are then a quarter of the rows. Filled from the rows already counted (those
-- with the current facts_version), so the tables stay exact.
DROP TABLE figures_items;
CREATE TABLE figures_items (
    month        TEXT   NOT NULL,
    item_code    TEXT   NOT NULL,
    site         TEXT   NOT NULL,
    cases        INTEGER NOT NULL,
    accepted     INTEGER NOT NULL,
    not_accepted INTEGER NOT NULL,
    incomplete   INTEGER NOT NULL,
    PRIMARY KEY (month, item_code, site)
);
INSERT INTO figures_items (month, item_code, site, cases, accepted, not_accepted, incomplete)
SELECT substr(received_on, 1, 7), item_code, site, COUNT(*),
       SUM(CASE WHEN intake = 'accepted' THEN 1 ELSE 0 END),
       SUM(CASE WHEN intake = 'not_accepted' THEN 1 ELSE 0 END),
       SUM(CASE WHEN intake = 'incomplete' THEN 1 ELSE 0 END)
FROM cases WHERE facts_version = 2 AND received_on <> ''
GROUP BY substr(received_on, 1, 7), item_code, site;
-- The days at a period's edges read the rows: this index covers the terminal channel too.
DROP INDEX cases_facts_received;
CREATE INDEX cases_facts_received ON cases (received_on, department, channel, via_terminal, intake, first_visit, notified_on_time, owner, site);
-- The keyed hash of the applicant's ID number (vault.rs), for exact-match search of the
-- encrypted column.
ALTER TABLE cases ADD COLUMN applicant_id_hash TEXT NOT NULL DEFAULT '';
CREATE INDEX cases_applicant_id_hash ON cases (applicant_id_hash);
