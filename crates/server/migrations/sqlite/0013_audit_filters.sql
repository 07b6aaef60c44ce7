-- The audit log read by who and when (the supervision area's filters and export).
CREATE INDEX audit_log_at ON audit_log (at);
CREATE INDEX audit_log_actor ON audit_log (actor, at);
