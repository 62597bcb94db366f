-- Inquiry log, hand-off tickets, feedback and staff accounts.
-- Portable between SQLite and PostgreSQL: TEXT timestamps (RFC 3339, UTC), INTEGER booleans.
CREATE TABLE IF NOT EXISTS inquiries (
    id TEXT PRIMARY KEY,
    created_at TEXT NOT NULL,
    channel TEXT NOT NULL,
    kind TEXT NOT NULL,
    session_id TEXT,
    text_masked TEXT NOT NULL,
    results_json TEXT NOT NULL,
    purposes TEXT NOT NULL,
    result_count INTEGER NOT NULL,
    confidence DOUBLE PRECISION,
    handoff_category TEXT,
    handoff_reason TEXT,
    latency_ms DOUBLE PRECISION NOT NULL
);
CREATE INDEX IF NOT EXISTS inquiries_created_at ON inquiries (created_at);
CREATE TABLE IF NOT EXISTS tickets (
    id TEXT PRIMARY KEY,
    inquiry_id TEXT NOT NULL,
    created_at TEXT NOT NULL,
    category TEXT NOT NULL,
    desk_id TEXT NOT NULL,
    reason TEXT NOT NULL,
    summary TEXT NOT NULL,
    next_slot TEXT,
    status TEXT NOT NULL,
    outcome TEXT,
    closed_at TEXT,
    closed_by TEXT
);
CREATE INDEX IF NOT EXISTS tickets_status ON tickets (status, created_at);
CREATE TABLE IF NOT EXISTS feedback (
    id TEXT PRIMARY KEY,
    inquiry_id TEXT NOT NULL,
    created_at TEXT NOT NULL,
    helpful INTEGER NOT NULL,
    comment_masked TEXT
);
CREATE INDEX IF NOT EXISTS feedback_inquiry ON feedback (inquiry_id);
CREATE TABLE IF NOT EXISTS staff_users (
    username TEXT PRIMARY KEY,
    password_hash TEXT NOT NULL,
    created_at TEXT NOT NULL,
    failed_attempts INTEGER NOT NULL,
    locked_until TEXT
);
CREATE TABLE IF NOT EXISTS staff_sessions (
    token_hash TEXT PRIMARY KEY,
    username TEXT NOT NULL,
    csrf_token TEXT NOT NULL,
    created_at TEXT NOT NULL,
    expires_at TEXT NOT NULL
);
