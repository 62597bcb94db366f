-- Judgments: what the right answer to a logged inquiry was, the fix the console proposed, and
-- the editor's decision. The masked query is kept here, so the regression set outlives the
-- inquiry log's retention. Portable between SQLite and PostgreSQL like 0001.
CREATE TABLE IF NOT EXISTS judgments (
    id TEXT PRIMARY KEY,
    inquiry_id TEXT NOT NULL,
    query_masked TEXT NOT NULL,
    answer_kind TEXT NOT NULL,
    answer_id TEXT,
    found INTEGER NOT NULL,
    fix_kind TEXT NOT NULL,
    fix_target TEXT,
    fix_words TEXT,
    status TEXT NOT NULL,
    recorded_by TEXT NOT NULL,
    recorded_at TEXT NOT NULL,
    decided_by TEXT,
    decided_at TEXT
);
CREATE INDEX IF NOT EXISTS judgments_status ON judgments (status, recorded_at);
CREATE INDEX IF NOT EXISTS judgments_inquiry ON judgments (inquiry_id)
