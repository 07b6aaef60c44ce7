-- The whole hall: accounts of every post (front desk, middle office, reviewer, lead,
-- supervisor) with their departments and site, and each case's owner (首办负责人) and the
-- site that received it.
ALTER TABLE users DROP CONSTRAINT users_role_check;
ALTER TABLE users ADD CONSTRAINT users_role_check
    CHECK (role IN ('clerk', 'support', 'reviewer', 'lead', 'supervisor'));
-- The departments' names, one per line, as the catalogue writes them.
ALTER TABLE users ADD COLUMN departments TEXT NOT NULL DEFAULT '';
ALTER TABLE users ADD COLUMN site TEXT NOT NULL DEFAULT '';

ALTER TABLE cases ADD COLUMN owner TEXT NOT NULL DEFAULT '';
ALTER TABLE cases ADD COLUMN site TEXT NOT NULL DEFAULT '';
CREATE INDEX cases_owner ON cases(owner);
