-- The published corpus and every version of every entry (issue 18, part 1). An entry is one
-- file of the TOML tree (`path` relative to corpus/), kept as its raw text so that
-- `shien corpus export` writes it back byte for byte. Portable between SQLite and PostgreSQL.
CREATE TABLE IF NOT EXISTS corpus_state (
    id INTEGER PRIMARY KEY,
    -- Changes on every publish, import and re-seed: what replicas watch.
    version INTEGER NOT NULL,
    -- The checksum of the TOML tree last seeded or imported.
    seeded_checksum TEXT NOT NULL,
    -- 1 once something was published from the console since that seed or import.
    edited INTEGER NOT NULL,
    updated_at TEXT NOT NULL
);
CREATE TABLE IF NOT EXISTS corpus_entries (
    path TEXT PRIMARY KEY,
    kind TEXT NOT NULL,
    entry_id TEXT NOT NULL,
    -- The number of the published version, and its text.
    published INTEGER NOT NULL,
    body TEXT NOT NULL
);
CREATE TABLE IF NOT EXISTS corpus_versions (
    path TEXT NOT NULL,
    number INTEGER NOT NULL,
    kind TEXT NOT NULL,
    entry_id TEXT NOT NULL,
    body TEXT NOT NULL,
    -- draft / published
    status TEXT NOT NULL,
    -- The published version the editor started from (none for a seed or an import).
    based_on INTEGER,
    author TEXT NOT NULL,
    created_at TEXT NOT NULL,
    published_at TEXT,
    -- The corpus version its publication made.
    corpus_version INTEGER,
    note TEXT NOT NULL,
    PRIMARY KEY (path, number)
);
CREATE INDEX IF NOT EXISTS corpus_versions_status ON corpus_versions (status, created_at)
