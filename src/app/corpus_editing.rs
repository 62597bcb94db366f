//! Ward staff edit and publish the corpus (issue 18, part 1): drafts, preview, publish,
//! history with line diffs, rollback, and `shien corpus import` / `export`. Every change is
//! validated by the corpus validator in the context of the whole published corpus, and every
//! action is written to the audit log here, once. Only editors and administrators may act
//! (`Permission::EditCorpus`).
//!
//! Optimistic concurrency: an edit names the published version it started from; when another
//! editor has published the entry since, the edit is refused (`AppError::Conflict`) and nothing
//! is overwritten.

use std::path::{Path, PathBuf};

use super::staff::StaffMember;
use super::{App, AppError, Result};
use crate::config::Settings;
use crate::domain::Corpus;
use crate::domain::corpus::diff::{DiffLine, line_diff};
use crate::domain::corpus::{CorpusError, CorpusTree, EntryKind, Problem};
use crate::domain::staff::{Actor, AuditAction, AuditRecord, Permission};
use crate::store::{CorpusEntry, CorpusVersion, Published, Store};

/// An entry as the console lists it.
#[derive(Debug, Clone)]
pub struct EntrySummary {
    pub path: String,
    pub kind: EntryKind,
    pub entry_id: String,
    /// A scheme's title, an FAQ file's first question, or the path.
    pub title: String,
    pub published: i64,
}

/// What an import stored.
#[derive(Debug, Clone, Copy)]
pub struct ImportOutcome {
    pub files: usize,
    pub corpus_version: i64,
}

fn refused(e: CorpusError) -> AppError {
    match e {
        CorpusError::Invalid { problems } => AppError::CorpusInvalid { problems },
        missing @ CorpusError::Missing { .. } => {
            AppError::invalid("corpus_missing", missing.to_string())
        }
    }
}

fn problem(file: &str, message: String) -> AppError {
    AppError::CorpusInvalid {
        problems: vec![Problem {
            file: PathBuf::from(file),
            line: None,
            id: None,
            field: None,
            message,
        }],
    }
}

/// Validates `tree` as `shien corpus check` does, plus the questionnaire and routing examples
/// the engine reads from the same folder; problems name the file by its path in the tree.
fn validate(tree: &CorpusTree, extra: &[PathBuf]) -> Result<Corpus> {
    let corpus = tree.load(extra).map_err(refused)?;
    let dir = tree
        .materialise()
        .map_err(|e| AppError::Internal(format!("corpus folder: {e}")))?;
    for (path, _) in tree.iter() {
        let file = dir.path().join(path);
        match EntryKind::of(path).0 {
            EntryKind::Questionnaire => {
                crate::domain::questionnaire::Questionnaire::load(&file)
                    .map_err(|e| problem(path, e.to_string()))?;
            }
            EntryKind::RoutingExamples => {
                crate::domain::routing::examples::load_examples(&file)
                    .map_err(|e| problem(path, e.to_string()))?;
            }
            _ => {}
        }
    }
    Ok(corpus)
}

/// Form fields arrive with CRLF line ends; the corpus is written with LF.
pub fn normalise_form_text(text: &str) -> String {
    text.replace("\r\n", "\n")
}

impl App {
    fn editing(&self, by: &StaffMember) -> Result<()> {
        by.require(Permission::EditCorpus)?;
        if self.live.on() {
            Ok(())
        } else {
            Err(AppError::invalid(
                "editing_off",
                "このサーバーはコーパスのフォルダから起動していないため、編集できません。",
            ))
        }
    }

    async fn entry(&self, path: &str) -> Result<CorpusEntry> {
        self.store
            .corpus_entry(path)
            .await?
            .ok_or_else(|| AppError::NotFound(format!("コーパスの項目 {path} は見つかりません。")))
    }

    /// Every entry whose path or text contains `query` (all when empty), by path.
    pub async fn corpus_entries(&self, by: &StaffMember, query: &str) -> Result<Vec<EntrySummary>> {
        self.editing(by)?;
        let query = query.trim().to_lowercase();
        let engine = self.engine();
        Ok(self
            .store
            .corpus_entries()
            .await?
            .into_iter()
            .filter(|e| {
                query.is_empty()
                    || e.path.to_lowercase().contains(&query)
                    || e.body.to_lowercase().contains(&query)
            })
            .map(|e| EntrySummary {
                title: match e.kind {
                    EntryKind::Scheme => engine
                        .corpus
                        .scheme(&e.entry_id)
                        .map_or_else(|| e.path.clone(), |s| s.title.clone()),
                    _ => e.path.clone(),
                },
                path: e.path,
                kind: e.kind,
                entry_id: e.entry_id,
                published: e.published,
            })
            .collect())
    }

    /// The entry at `path` as published now.
    pub async fn corpus_entry(&self, by: &StaffMember, path: &str) -> Result<CorpusEntry> {
        self.editing(by)?;
        self.entry(path).await
    }

    /// The published corpus with `text` in place of the entry at `path`, validated; the
    /// validator's problems are the error (each names file, line, entry and field).
    pub async fn check_corpus_edit(
        &self,
        by: &StaffMember,
        path: &str,
        text: &str,
    ) -> Result<Corpus> {
        self.editing(by)?;
        self.entry(path).await?;
        let mut tree = self.store.published_tree().await?;
        tree.insert(path, text);
        let extra = self.settings.extra_corpus_dirs.clone();
        tokio::task::spawn_blocking(move || validate(&tree, &extra))
            .await
            .map_err(|e| AppError::Internal(e.to_string()))?
    }

    /// Saves `text` as a draft of the entry at `path`, started from published version
    /// `based_on`; returns the draft's number. Invalid text is refused, not saved.
    pub async fn save_corpus_draft(
        &self,
        by: &StaffMember,
        path: &str,
        text: &str,
        based_on: i64,
    ) -> Result<i64> {
        self.check_corpus_edit(by, path, text).await?;
        let number = self
            .store
            .save_corpus_draft(path, text, based_on, &by.username)
            .await?
            .ok_or_else(|| self.conflict(path))?;
        self.audit(
            by.actor(),
            AuditAction::CorpusDraftSaved,
            Some(path),
            &format!("版{number}（版{based_on}から）"),
        )
        .await?;
        Ok(number)
    }

    fn conflict(&self, path: &str) -> AppError {
        AppError::Conflict(format!(
            "{path} は、編集を始めた後に別の職員が公開しました。上書きはしていません。最新の内容を開き直し、変更をもう一度加えてください。"
        ))
    }

    /// Publishes `text` as the entry's new version if the entry is still at `based_on`, and
    /// swaps the new corpus into this server before returning (other servers follow within
    /// a few seconds).
    pub async fn publish_corpus_entry(
        &self,
        by: &StaffMember,
        path: &str,
        text: &str,
        based_on: i64,
    ) -> Result<Published> {
        self.check_corpus_edit(by, path, text).await?;
        self.publish(
            by,
            path,
            text,
            based_on,
            "公開",
            AuditAction::CorpusPublished,
        )
        .await
    }

    async fn publish(
        &self,
        by: &StaffMember,
        path: &str,
        text: &str,
        based_on: i64,
        note: &str,
        action: AuditAction,
    ) -> Result<Published> {
        let published = self
            .store
            .publish_corpus_entry(path, text, based_on, &by.username, note)
            .await?
            .ok_or_else(|| self.conflict(path))?;
        self.audit(
            by.actor(),
            action,
            Some(path),
            &format!(
                "版{}（版{based_on}から、コーパス版{}）",
                published.number, published.corpus_version
            ),
        )
        .await?;
        if let Err(e) = self.refresh_corpus().await {
            tracing::error!(error = %e, "published, but this server could not rebuild its engine");
        }
        Ok(published)
    }

    /// Every version of the entry at `path` (drafts included), newest first.
    pub async fn corpus_history(&self, by: &StaffMember, path: &str) -> Result<Vec<CorpusVersion>> {
        self.editing(by)?;
        self.entry(path).await?;
        Ok(self.store.corpus_versions(path).await?)
    }

    pub async fn corpus_version_of(
        &self,
        by: &StaffMember,
        path: &str,
        number: i64,
    ) -> Result<CorpusVersion> {
        self.editing(by)?;
        self.store
            .corpus_version_of(path, number)
            .await?
            .ok_or_else(|| AppError::NotFound(format!("{path} の版{number} は見つかりません。")))
    }

    /// Publishes version `number` of the entry again, as a new version (the history keeps
    /// everything), if the entry is still at `based_on`.
    pub async fn roll_back_corpus_entry(
        &self,
        by: &StaffMember,
        path: &str,
        number: i64,
        based_on: i64,
    ) -> Result<Published> {
        let old = self.corpus_version_of(by, path, number).await?;
        self.check_corpus_edit(by, path, &old.body).await?;
        self.publish(
            by,
            path,
            &old.body,
            based_on,
            &format!("版{number}に戻す"),
            AuditAction::CorpusRolledBack,
        )
        .await
    }
}

/// The line diff from `old` to `new`.
pub fn diff(old: &CorpusVersion, new: &CorpusVersion) -> Vec<DiffLine> {
    line_diff(&old.body, &new.body)
}

/// `shien corpus import DIR`: validates the tree under `dir` and makes it the published
/// corpus (entries it lacks are removed, their history kept). An invalid tree is refused and
/// nothing stored changes.
pub async fn import_corpus(
    store: &Store,
    settings: &Settings,
    dir: &Path,
    actor: Actor,
) -> Result<ImportOutcome> {
    let tree = CorpusTree::read(dir)
        .map_err(|e| AppError::invalid("corpus_unreadable", format!("{}: {e}", dir.display())))?;
    if tree.is_empty() {
        return Err(AppError::invalid(
            "corpus_empty",
            format!("{}: コーパスのファイルがありません。", dir.display()),
        ));
    }
    // Validated from the folder itself, so that problems name its files.
    Corpus::load(dir, &settings.extra_corpus_dirs).map_err(refused)?;
    validate(&tree, &settings.extra_corpus_dirs)?;
    let author = actor.username().unwrap_or("（コマンドライン）").to_string();
    let corpus_version = match store.corpus_state().await? {
        None => {
            store.seed_corpus(&tree, &author).await?;
            1
        }
        Some(_) => {
            store
                .replace_corpus(&tree, &author, "取り込み（shien corpus import）")
                .await?
        }
    };
    store
        .append_audit(&AuditRecord::new(
            actor,
            AuditAction::CorpusImported,
            None,
            &format!("{}件のファイル（コーパス版{corpus_version}）", tree.len()),
        ))
        .await?;
    Ok(ImportOutcome {
        files: tree.len(),
        corpus_version,
    })
}

/// `shien corpus export DIR`: writes the published corpus under `dir`, each file exactly as
/// stored. Returns the number of files written.
pub async fn export_corpus(store: &Store, dir: &Path, actor: Actor) -> Result<usize> {
    let tree = store.published_tree().await?;
    if tree.is_empty() {
        return Err(AppError::invalid(
            "corpus_empty",
            "データベースにコーパスがありません（サーバーを一度起動するか shien corpus import で取り込んでください）。",
        ));
    }
    tree.write(dir)
        .map_err(|e| AppError::invalid("corpus_unwritable", format!("{}: {e}", dir.display())))?;
    store
        .append_audit(&AuditRecord::new(
            actor,
            AuditAction::CorpusExported,
            None,
            &format!("{}件のファイル", tree.len()),
        ))
        .await?;
    Ok(tree.len())
}
