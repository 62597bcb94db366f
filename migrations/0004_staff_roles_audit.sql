-- Staff roles and the audit log. Accounts made before roles existed keep every power they had:
-- they become administrators. Portable between SQLite and PostgreSQL like 0001.
ALTER TABLE staff_users ADD COLUMN role TEXT NOT NULL DEFAULT 'administrator';
-- Every staff action, append only (0005 makes the database refuse changes and deletions).
-- `at` is RFC 3339 UTC with microseconds, so text order is time order.
CREATE TABLE IF NOT EXISTS audit_log (
    id TEXT PRIMARY KEY,
    at TEXT NOT NULL,
    actor TEXT,
    role TEXT,
    source TEXT NOT NULL,
    action TEXT NOT NULL,
    target TEXT,
    detail TEXT NOT NULL
);
CREATE INDEX IF NOT EXISTS audit_log_at ON audit_log (at)
