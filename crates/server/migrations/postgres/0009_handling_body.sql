-- The handling body (办理单位) a case's answers route it to, e.g. a township's police
-- station instead of the county bureau: the department's queues can be narrowed to it.
-- Empty for older cases, which read the item's own.
ALTER TABLE cases ADD COLUMN handling_body TEXT NOT NULL DEFAULT '';
CREATE INDEX cases_handling_body ON cases (handling_body, id);
