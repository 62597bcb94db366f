-- Chat sessions, shared by every replica: what a follow-up needs (the schemes discussed, whether
-- a clarifying question was asked, the no-JavaScript history) as bounded JSON, with a sliding
-- expiry. Portable between SQLite and PostgreSQL like 0001 (TEXT RFC 3339 UTC timestamps).
CREATE TABLE IF NOT EXISTS chat_sessions (
    id TEXT PRIMARY KEY,
    state_json TEXT NOT NULL,
    updated_at TEXT NOT NULL,
    expires_at TEXT NOT NULL
);
CREATE INDEX IF NOT EXISTS chat_sessions_expires_at ON chat_sessions (expires_at)
