//! The published corpus and its history (migration 0007): one row per entry with its
//! published text, every version (drafts included) of every entry, and the corpus version
//! replicas watch. A publish changes the entry only if it is still at the version the editor
//! started from: a second editor is refused, never silently overwritten.

use super::*;
use crate::domain::corpus::{CorpusTree, EntryKind};

/// Where the database's corpus stands.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CorpusState {
    pub version: i64,
    /// The checksum of the TOML tree last seeded or imported.
    pub seeded_checksum: String,
    /// Whether something was published from the console since that seed or import.
    pub edited: bool,
}

/// An entry as the console lists it. A deleted entry keeps its row with an empty text (its
/// published version is the deletion), so that its history and a rollback stay reachable;
/// the published tree leaves it out. The console never publishes an empty text otherwise.
#[derive(Debug, Clone)]
pub struct CorpusEntry {
    pub path: String,
    pub kind: EntryKind,
    pub entry_id: String,
    /// The number of the published version.
    pub published: i64,
    pub body: String,
}

/// One saved version of an entry.
#[derive(Debug, Clone)]
pub struct CorpusVersion {
    pub path: String,
    pub number: i64,
    pub body: String,
    pub published: bool,
    pub based_on: Option<i64>,
    pub author: String,
    pub created_at: DateTime<Utc>,
    pub published_at: Option<DateTime<Utc>>,
    /// What it was: 下書き, 公開, 差し戻し (rollback), 取り込み (seed or import).
    pub note: String,
}

/// What a publish did: the entry's new version and the corpus version it made.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Published {
    pub number: i64,
    pub corpus_version: i64,
}

fn kind_of(r: &AnyRow) -> Result<EntryKind> {
    let code: String = r.try_get("kind")?;
    EntryKind::from_code(&code)
        .ok_or_else(|| StoreError::Corrupt(format!("corpus entry kind {code:?}")))
}

fn version_row(r: &AnyRow) -> Result<CorpusVersion> {
    let status: String = r.try_get("status")?;
    Ok(CorpusVersion {
        path: r.try_get("path")?,
        number: r.try_get("number")?,
        body: r.try_get("body")?,
        published: status == "published",
        based_on: r.try_get("based_on")?,
        author: r.try_get("author")?,
        created_at: parse_ts(&r.try_get::<String, _>("created_at")?)?,
        published_at: r
            .try_get::<Option<String>, _>("published_at")?
            .map(|s| parse_ts(&s))
            .transpose()?,
        note: r.try_get("note")?,
    })
}

impl Store {
    /// None before the corpus was first seeded.
    pub async fn corpus_state(&self) -> Result<Option<CorpusState>> {
        let row =
            sqlx::query("SELECT version, seeded_checksum, edited FROM corpus_state WHERE id = 1")
                .fetch_optional(&self.pool)
                .await?;
        row.map(|r| {
            Ok(CorpusState {
                version: r.try_get("version")?,
                seeded_checksum: r.try_get("seeded_checksum")?,
                edited: r.try_get::<i64, _>("edited")? != 0,
            })
        })
        .transpose()
    }

    /// The published corpus, every entry's text (deleted entries left out).
    pub async fn published_tree(&self) -> Result<CorpusTree> {
        let rows = sqlx::query("SELECT path, body FROM corpus_entries WHERE body <> ''")
            .fetch_all(&self.pool)
            .await?;
        let mut tree = CorpusTree::default();
        for r in rows {
            tree.insert(
                r.try_get::<String, _>("path")?,
                r.try_get::<String, _>("body")?,
            );
        }
        Ok(tree)
    }

    pub async fn corpus_entries(&self) -> Result<Vec<CorpusEntry>> {
        sqlx::query("SELECT * FROM corpus_entries ORDER BY path")
            .fetch_all(&self.pool)
            .await?
            .iter()
            .map(|r| {
                Ok(CorpusEntry {
                    path: r.try_get("path")?,
                    kind: kind_of(r)?,
                    entry_id: r.try_get("entry_id")?,
                    published: r.try_get("published")?,
                    body: r.try_get("body")?,
                })
            })
            .collect()
    }

    pub async fn corpus_entry(&self, path: &str) -> Result<Option<CorpusEntry>> {
        let row = sqlx::query("SELECT * FROM corpus_entries WHERE path = $1")
            .bind(key(path))
            .fetch_optional(&self.pool)
            .await?;
        row.map(|r| {
            Ok(CorpusEntry {
                path: r.try_get("path")?,
                kind: kind_of(&r)?,
                entry_id: r.try_get("entry_id")?,
                published: r.try_get("published")?,
                body: r.try_get("body")?,
            })
        })
        .transpose()
    }

    /// Every version of the entry at `path`, newest first.
    pub async fn corpus_versions(&self, path: &str) -> Result<Vec<CorpusVersion>> {
        sqlx::query("SELECT * FROM corpus_versions WHERE path = $1 ORDER BY number DESC")
            .bind(key(path))
            .fetch_all(&self.pool)
            .await?
            .iter()
            .map(version_row)
            .collect()
    }

    pub async fn corpus_version_of(
        &self,
        path: &str,
        number: i64,
    ) -> Result<Option<CorpusVersion>> {
        sqlx::query("SELECT * FROM corpus_versions WHERE path = $1 AND number = $2")
            .bind(key(path))
            .bind(number)
            .fetch_optional(&self.pool)
            .await?
            .as_ref()
            .map(version_row)
            .transpose()
    }

    /// Seeds an empty database with `tree` (corpus version 1). False when another server
    /// seeded it first: the state row is claimed before anything else is written.
    pub async fn seed_corpus(&self, tree: &CorpusTree, author: &str) -> Result<bool> {
        let mut tx = self.pool.begin().await?;
        let claimed = sqlx::query("INSERT INTO corpus_state (id, version, seeded_checksum, edited, updated_at) VALUES (1, 1, $1, 0, $2) ON CONFLICT (id) DO NOTHING")
            .bind(tree.checksum())
            .bind(ts(Utc::now()))
            .execute(&mut *tx)
            .await?
            .rows_affected()
            > 0;
        if !claimed {
            return Ok(false);
        }
        write_tree(&mut tx, tree, author, 1, "取り込み（初期登録）").await?;
        tx.commit().await?;
        Ok(true)
    }

    /// Replaces the published corpus by `tree` (an import, or a re-seed from a changed
    /// checkout): changed and new entries get a published version, entries the tree lacks are
    /// removed (their history stays). Returns the new corpus version.
    pub async fn replace_corpus(&self, tree: &CorpusTree, author: &str, note: &str) -> Result<i64> {
        let mut tx = self.pool.begin().await?;
        let version: i64 = sqlx::query_scalar("UPDATE corpus_state SET version = version + 1, seeded_checksum = $1, edited = 0, updated_at = $2 WHERE id = 1 RETURNING version")
            .bind(tree.checksum())
            .bind(ts(Utc::now()))
            .fetch_one(&mut *tx)
            .await?;
        let current: Vec<(String, String)> = sqlx::query("SELECT path, body FROM corpus_entries")
            .fetch_all(&mut *tx)
            .await?
            .iter()
            .map(|r| Ok((r.try_get("path")?, r.try_get("body")?)))
            .collect::<Result<_>>()?;
        let mut changed = CorpusTree::default();
        for (path, text) in tree.iter() {
            if !current.iter().any(|(p, b)| p == path && b == text) {
                changed.insert(path, text);
            }
        }
        for (path, _) in &current {
            if tree.get(path).is_none() {
                sqlx::query("DELETE FROM corpus_entries WHERE path = $1")
                    .bind(path.clone())
                    .execute(&mut *tx)
                    .await?;
            }
        }
        write_tree(&mut tx, &changed, author, version, note).await?;
        tx.commit().await?;
        Ok(version)
    }

    /// Publishes `body` as a new entry at `path` (its version 1, or the next one when a
    /// creation failed half-way before). None when the path is taken.
    pub async fn create_corpus_entry(
        &self,
        path: &str,
        body: &str,
        author: &str,
        note: &str,
    ) -> Result<Option<Published>> {
        let (kind, entry_id) = EntryKind::of(path);
        // Version 0 with no text: a placeholder the publish below moves on from atomically.
        sqlx::query("INSERT INTO corpus_entries (path, kind, entry_id, published, body) VALUES ($1, $2, $3, 0, '') ON CONFLICT (path) DO NOTHING")
            .bind(key(path))
            .bind(kind.code().to_string())
            .bind(key(&entry_id))
            .execute(&self.pool)
            .await?;
        self.publish_corpus_entry(path, body, 0, author, note).await
    }

    /// Saves a draft of the entry at `path`, started from published version `based_on`.
    /// None when the entry has moved on since (another editor published).
    pub async fn save_corpus_draft(
        &self,
        path: &str,
        body: &str,
        based_on: i64,
        author: &str,
    ) -> Result<Option<i64>> {
        let mut tx = self.pool.begin().await?;
        let Some((kind, entry_id)) = entry_at(&mut tx, path, based_on).await? else {
            return Ok(None);
        };
        let number = insert_version(
            &mut tx,
            NewVersion {
                path,
                kind: &kind,
                entry_id: &entry_id,
                body,
                based_on: Some(based_on),
                author,
                note: "下書き",
                published: None,
            },
        )
        .await?;
        tx.commit().await?;
        Ok(Some(number))
    }

    /// Publishes `body` as the entry's new version if the entry is still at `based_on`;
    /// None otherwise (nothing changes). Bumps the corpus version replicas watch.
    pub async fn publish_corpus_entry(
        &self,
        path: &str,
        body: &str,
        based_on: i64,
        author: &str,
        note: &str,
    ) -> Result<Option<Published>> {
        let mut tx = self.pool.begin().await?;
        // The conditional update comes first: it takes the write lock (SQLite) or the row
        // lock (PostgreSQL), so two publishes from one base are serialised and one fails.
        let moved = sqlx::query(
            "UPDATE corpus_entries SET published = -1 WHERE path = $1 AND published = $2",
        )
        .bind(key(path))
        .bind(based_on)
        .execute(&mut *tx)
        .await?
        .rows_affected();
        if moved == 0 {
            return Ok(None);
        }
        let Some((kind, entry_id)) = entry_at(&mut tx, path, -1).await? else {
            return Ok(None);
        };
        let corpus_version: i64 = sqlx::query_scalar("UPDATE corpus_state SET version = version + 1, edited = 1, updated_at = $1 WHERE id = 1 RETURNING version")
            .bind(ts(Utc::now()))
            .fetch_one(&mut *tx)
            .await?;
        let number = insert_version(
            &mut tx,
            NewVersion {
                path,
                kind: &kind,
                entry_id: &entry_id,
                body,
                based_on: Some(based_on),
                author,
                note,
                published: Some(corpus_version),
            },
        )
        .await?;
        sqlx::query("UPDATE corpus_entries SET published = $1, body = $2 WHERE path = $3")
            .bind(number)
            .bind(body.to_string())
            .bind(key(path))
            .execute(&mut *tx)
            .await?;
        tx.commit().await?;
        Ok(Some(Published {
            number,
            corpus_version,
        }))
    }
}

/// The entry's kind and id if it is at version `at`.
async fn entry_at(
    tx: &mut sqlx::Transaction<'_, sqlx::Any>,
    path: &str,
    at: i64,
) -> Result<Option<(String, String)>> {
    let row =
        sqlx::query("SELECT kind, entry_id FROM corpus_entries WHERE path = $1 AND published = $2")
            .bind(key(path))
            .bind(at)
            .fetch_optional(&mut **tx)
            .await?;
    row.map(|r| Ok((r.try_get("kind")?, r.try_get("entry_id")?)))
        .transpose()
}

struct NewVersion<'a> {
    path: &'a str,
    kind: &'a str,
    entry_id: &'a str,
    body: &'a str,
    based_on: Option<i64>,
    author: &'a str,
    note: &'a str,
    /// The corpus version its publication makes; None for a draft.
    published: Option<i64>,
}

/// Inserts a version numbered after the entry's last one; returns its number.
async fn insert_version(
    tx: &mut sqlx::Transaction<'_, sqlx::Any>,
    v: NewVersion<'_>,
) -> Result<i64> {
    let now = ts(Utc::now());
    let number: i64 = sqlx::query_scalar("INSERT INTO corpus_versions (path, number, kind, entry_id, body, status, based_on, author, created_at, published_at, corpus_version, note) SELECT $1, COALESCE(MAX(number), 0) + 1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11 FROM corpus_versions WHERE path = $12 RETURNING number")
        .bind(key(v.path))
        .bind(v.kind.to_string())
        .bind(key(v.entry_id))
        .bind(v.body.to_string())
        .bind(if v.published.is_some() { "published" } else { "draft" })
        .bind(v.based_on)
        .bind(key(v.author))
        .bind(now.clone())
        .bind(v.published.map(|_| now))
        .bind(v.published)
        .bind(v.note.to_string())
        .bind(key(v.path))
        .fetch_one(&mut **tx)
        .await?;
    Ok(number)
}

/// Publishes every entry of `tree` (seed, import) as corpus version `version`.
async fn write_tree(
    tx: &mut sqlx::Transaction<'_, sqlx::Any>,
    tree: &CorpusTree,
    author: &str,
    version: i64,
    note: &str,
) -> Result<()> {
    for (path, text) in tree.iter() {
        let (kind, entry_id) = EntryKind::of(path);
        let number = insert_version(
            tx,
            NewVersion {
                path,
                kind: kind.code(),
                entry_id: &entry_id,
                body: text,
                based_on: None,
                author,
                note,
                published: Some(version),
            },
        )
        .await?;
        let updated =
            sqlx::query("UPDATE corpus_entries SET published = $1, body = $2 WHERE path = $3")
                .bind(number)
                .bind(text.to_string())
                .bind(path.to_string())
                .execute(&mut **tx)
                .await?
                .rows_affected();
        if updated == 0 {
            sqlx::query("INSERT INTO corpus_entries (path, kind, entry_id, published, body) VALUES ($1, $2, $3, $4, $5)")
                .bind(path.to_string())
                .bind(kind.code().to_string())
                .bind(entry_id)
                .bind(number)
                .bind(text.to_string())
                .execute(&mut **tx)
                .await?;
        }
    }
    Ok(())
}
