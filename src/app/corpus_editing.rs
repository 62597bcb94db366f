//! Ward staff edit and publish the corpus (issue 18, part 1): drafts, preview, publish,
//! history with line diffs, rollback, and `shien corpus import` / `export`. Every change is
//! validated by the corpus validator in the context of the whole published corpus, and every
//! action is written to the audit log here, once. Only editors and administrators may act
//! (`Permission::EditCorpus`).
//!
//! Optimistic concurrency: an edit names the published version it started from; when another
//! editor has published the entry since, the edit is refused (`AppError::Conflict`) and nothing
//! is overwritten.

use std::collections::HashMap;
use std::path::{Path, PathBuf};

use super::messages::Messages;
use super::refusal::Wording;
use super::staff::StaffMember;
use super::{App, AppError, Result};
use crate::config::Settings;
use crate::domain::Corpus;
use crate::domain::corpus::diff::{DiffLine, line_diff};
use crate::domain::corpus::form::{form_of, scheme_path, without_item};
use crate::domain::corpus::translation::Lang;
use crate::domain::corpus::{CorpusError, CorpusTree, EntryKind, ID_FORMAT, Problem, is_valid_id};
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
    /// Deleted: its history stays, and a rollback restores it.
    pub deleted: bool,
}

/// Where the form that edits an entry is: the file, and for an item of a file of FAQs or
/// desks the item's path in the form (`faq.3`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct EntryLocation {
    pub path: String,
    pub item: Option<String>,
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
            Err(AppError::refused(
                "editing_off",
                Wording::new("editing-refusal-off"),
            ))
        }
    }

    async fn entry(&self, path: &str) -> Result<CorpusEntry> {
        self.store.corpus_entry(path).await?.ok_or_else(|| {
            AppError::NotFound(Wording::new("editing-refusal-no-entry").arg("path", path))
        })
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
                deleted: e.body.is_empty(),
                path: e.path,
                kind: e.kind,
                entry_id: e.entry_id,
                published: e.published,
            })
            .collect())
    }

    /// The form of every scheme, FAQ and desk by its id, for links from the freshness board.
    /// Anyone who may read the board may have the links; the forms themselves ask for
    /// `EditCorpus`. Empty when editing is off.
    pub async fn corpus_locations(&self) -> Result<HashMap<String, EntryLocation>> {
        let mut out = HashMap::new();
        if !self.live.on() {
            return Ok(out);
        }
        for e in self.store.corpus_entries().await? {
            let array = match e.kind {
                EntryKind::Scheme => {
                    out.insert(
                        e.entry_id.clone(),
                        EntryLocation {
                            path: e.path.clone(),
                            item: None,
                        },
                    );
                    continue;
                }
                EntryKind::FaqFile => "faq",
                EntryKind::Desks => "desk",
                _ => continue,
            };
            let Ok(table) = toml::from_str::<toml::Table>(&e.body) else {
                continue;
            };
            let items = table.get(array).and_then(toml::Value::as_array);
            for (i, item) in items.into_iter().flatten().enumerate() {
                if let Some(id) = item.get("id").and_then(toml::Value::as_str) {
                    out.insert(
                        id.to_string(),
                        EntryLocation {
                            path: e.path.clone(),
                            item: Some(format!("{array}.{i}")),
                        },
                    );
                }
            }
        }
        Ok(out)
    }

    /// Checks the id and level of a scheme to be added and gives the path and first text of
    /// its file (published only when the editor publishes the form). The id must be new:
    /// no scheme, published or deleted, may have it (ids are never reused).
    pub async fn new_corpus_scheme(
        &self,
        by: &StaffMember,
        id: &str,
        level: &str,
        title: &str,
    ) -> Result<(String, String)> {
        self.editing(by)?;
        let id = id.trim();
        if !is_valid_id(id) {
            return Err(new_entry_problem("id", ID_FORMAT.into()));
        }
        let Some(path) = scheme_path(level, id) else {
            return Err(new_entry_problem(
                "level",
                format!("unknown level {level:?}"),
            ));
        };
        let taken = self
            .store
            .corpus_entries()
            .await?
            .into_iter()
            .any(|e| e.kind == EntryKind::Scheme && e.entry_id == id)
            || self.engine().corpus.scheme(id).is_some();
        if taken {
            return Err(new_entry_problem("id", "duplicate id".into()));
        }
        if title.trim().is_empty() {
            return Err(new_entry_problem("title", "must not be empty".into()));
        }
        let today = chrono::Utc::now()
            .with_timezone(&chrono_tz_tokyo())
            .date_naive();
        Ok((
            path,
            crate::domain::corpus::form::new_scheme_text(id, level, title.trim(), today),
        ))
    }

    /// Deletes a scheme's file from the published corpus, if it is still at `based_on` and
    /// nothing else refers to it (the validator names what does). The history keeps every
    /// version and shows the deletion; a rollback to an earlier version restores the scheme.
    pub async fn delete_corpus_entry(
        &self,
        by: &StaffMember,
        path: &str,
        based_on: i64,
    ) -> Result<Published> {
        self.editing(by)?;
        let entry = self.entry(path).await?;
        if entry.kind != EntryKind::Scheme {
            return Err(AppError::refused(
                "corpus_delete_kind",
                Wording::new("editing-refusal-delete-kind"),
            ));
        }
        if entry.body.is_empty() {
            return Err(AppError::refused(
                "corpus_deleted",
                Wording::new("editing-refusal-deleted").arg("path", path),
            ));
        }
        let mut tree = self.store.published_tree().await?;
        tree.remove(path);
        // Its translations go with it: a translation of no scheme is refused by the validator.
        let translations = scheme_translations_without(&tree, &entry.entry_id);
        for (file, text) in &translations {
            tree.insert(file.clone(), text.clone());
        }
        let extra = self.settings.extra_corpus_dirs.clone();
        tokio::task::spawn_blocking(move || validate(&tree, &extra))
            .await
            .map_err(|e| AppError::Internal(e.to_string()))??;
        // Translations first: every corpus version replicas may load on the way is valid.
        for (file, text) in &translations {
            let at = self.entry(file).await?.published;
            self.record_publish(
                by,
                file,
                text,
                at,
                &format!("削除（{} の翻訳）", entry.entry_id),
                AuditAction::CorpusPublished,
            )
            .await?;
        }
        let published = self
            .record_publish(by, path, "", based_on, "削除", AuditAction::CorpusDeleted)
            .await?;
        self.refresh_after_publish().await;
        Ok(published)
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
        if self.store.corpus_entry(path).await?.is_none() && !is_new_scheme_path(path) {
            self.entry(path).await?;
        }
        if text.trim().is_empty() {
            return Err(AppError::refused(
                "corpus_empty_text",
                Wording::new("editing-refusal-empty"),
            ));
        }
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
        AppError::Conflict(Wording::new("editing-refusal-conflict").arg("path", path))
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
        if based_on == 0 {
            return self.create(by, path, text).await;
        }
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

    /// Publishes a new entry; a path already taken (by another editor's new entry, or a
    /// deleted one) is a conflict.
    async fn create(&self, by: &StaffMember, path: &str, text: &str) -> Result<Published> {
        let published = self
            .store
            .create_corpus_entry(path, text, &by.username, "追加")
            .await?
            .ok_or_else(|| {
                AppError::Conflict(Wording::new("editing-refusal-exists").arg("path", path))
            })?;
        self.audit(
            by.actor(),
            AuditAction::CorpusCreated,
            Some(path),
            &format!(
                "版{}（コーパス版{}）",
                published.number, published.corpus_version
            ),
        )
        .await?;
        if let Err(e) = self.refresh_corpus().await {
            tracing::error!(error = %e, "published, but this server could not rebuild its engine");
        }
        Ok(published)
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
            .record_publish(by, path, text, based_on, note, action)
            .await?;
        self.refresh_after_publish().await;
        Ok(published)
    }

    /// Publishes and audits, leaving this server's engine as it is.
    async fn record_publish(
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
        Ok(published)
    }

    async fn refresh_after_publish(&self) {
        if let Err(e) = self.refresh_corpus().await {
            tracing::error!(error = %e, "published, but this server could not rebuild its engine");
        }
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
            .ok_or_else(|| {
                AppError::NotFound(
                    Wording::new("editing-refusal-no-version")
                        .arg("path", path)
                        .arg("number", number),
                )
            })
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

fn is_new_scheme_path(path: &str) -> bool {
    let (kind, id) = EntryKind::of(path);
    kind == EntryKind::Scheme
        && path
            .split('/')
            .nth(1)
            .and_then(|level| scheme_path(level, &id))
            .as_deref()
            == Some(path)
}

fn new_entry_problem(field: &str, message: String) -> AppError {
    AppError::CorpusInvalid {
        problems: vec![Problem {
            file: PathBuf::new(),
            line: None,
            id: None,
            field: Some(field.to_string()),
            message,
        }],
    }
}

fn chrono_tz_tokyo() -> chrono::FixedOffset {
    chrono::FixedOffset::east_opt(9 * 3600).expect("UTC+9")
}

/// Whether entries of `kind` have a per-field form.
pub fn has_form(kind: EntryKind) -> bool {
    form_of(kind).is_some()
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

/// A validator's problem in the staff's language, from the catalogs (`editing-problem-*`).
/// The validator and `shien corpus check` keep their English messages (the command line's
/// language); this reads them by their fixed wording and fills in the values they name. A
/// message not known here is shown as the validator wrote it, after a sentence that says so.
pub fn problem_text(m: Messages, problem: &Problem) -> String {
    let msg = problem.message.as_str();
    let quoted = || quoted_value(msg).unwrap_or_default();
    let ticked = || ticked_value(msg).unwrap_or_default();
    let numbers: Vec<String> = msg
        .split(|c: char| !c.is_ascii_digit())
        .filter(|s| !s.is_empty())
        .map(str::to_string)
        .collect();
    let n = |i: usize| numbers.get(i).cloned().unwrap_or_default();
    let one = |key: &str| m.t(key);
    let with = |key: &str, value: String| m.ta(key, "value", &value);
    match msg {
        "must not be empty" => one("editing-problem-empty"),
        "empty word" => one("editing-problem-empty-word"),
        "duplicate id" => one("editing-problem-duplicate-id"),
        ID_FORMAT => one("editing-problem-id-format"),
        "refers to itself" => one("editing-problem-self"),
        "name at least one purpose key" => one("editing-problem-no-purpose"),
        "link at least one scheme" => one("editing-problem-no-scheme"),
        "name at least one category" => one("editing-problem-no-category"),
        "name at least one weekday" => one("editing-problem-no-weekday"),
        "sets no rule" => one("editing-problem-person-empty"),
        "\"only\" contradicts min_years" => one("editing-problem-only-founding"),
        "use anywhere, tokyo or minato" => one("editing-problem-area"),
        "rounds are only allowed with kind = \"rounds\" or \"annual\"" => {
            one("editing-problem-rounds-not-allowed")
        }
        "kind = \"rounds\" needs at least one [[window.rounds]]" => {
            one("editing-problem-rounds-missing")
        }
        "use [\"all\"] or jGrants industry names" => one("editing-problem-no-industry"),
        _ if msg.starts_with("needs min_years") => one("editing-problem-area-needs-years"),
        _ if msg.starts_with("unknown purpose key") => {
            with("editing-problem-unknown-purpose", quoted())
        }
        _ if msg.starts_with("unknown industry") => {
            with("editing-problem-unknown-industry", quoted())
        }
        _ if msg.starts_with("refers to unknown scheme") => {
            with("editing-problem-unknown-scheme", quoted())
        }
        _ if msg.starts_with("must be the http(s) URL") => {
            with("editing-problem-source-url", quoted())
        }
        _ if msg.ends_with("is implausibly old") => one("editing-problem-old-date"),
        _ if msg.starts_with("min_years ") => m.targs(
            "editing-problem-min-years",
            &[("min", &n(0)), ("max", &n(1))],
        ),
        _ if msg.starts_with("min_employees ") => m.targs(
            "editing-problem-min-employees",
            &[("min", &n(0)), ("max", &n(1))],
        ),
        _ if msg.starts_with("min_sales_yen ") => m.targs(
            "editing-problem-min-sales",
            &[("min", &n(0)), ("max", &n(1))],
        ),
        _ if msg.starts_with("more than one cap covers") => with(
            "editing-problem-caps-overlap",
            msg.trim_start_matches("more than one cap covers")
                .trim()
                .to_string(),
        ),
        _ if msg.starts_with("cap ") && msg.ends_with("nor max_capital_yen") => {
            one("editing-problem-cap-empty")
        }
        _ if msg.starts_with("below_age ") => {
            m.targs("editing-problem-ages", &[("below", &n(0)), ("from", &n(1))])
        }
        _ if msg.starts_with("round ") && msg.contains(" after it closes ") => {
            with("editing-problem-round-order", quoted())
        }
        _ if msg.starts_with("opens ") && msg.ends_with("must be HH:MM") => {
            one("editing-problem-hours-format")
        }
        _ if msg.starts_with("opens ") && msg.contains("is not before closes") => {
            one("editing-problem-hours-order")
        }
        _ if msg.starts_with("the file must be named") => with(
            "editing-problem-file-name",
            msg.trim_start_matches("the file must be named")
                .trim()
                .to_string(),
        ),
        _ if msg.contains("but the file is in schemes/") => one("editing-problem-level-folder"),
        _ if msg.starts_with("missing field") => with("editing-problem-missing-field", ticked()),
        _ if msg.starts_with("unknown field") => with("editing-problem-unknown-field", ticked()),
        _ if msg.starts_with("unknown variant") => with("editing-problem-unknown-value", ticked()),
        _ if msg.starts_with("invalid type") || msg.starts_with("invalid value") => {
            one("editing-problem-type")
        }
        _ if msg.starts_with("not a whole number") => with("editing-problem-number", quoted()),
        _ if msg.starts_with("not a date") => with("editing-problem-date", quoted()),
        _ if msg.starts_with("unknown level") => one("editing-problem-level"),
        _ => with("editing-problem-other", msg.to_string()),
    }
}

/// The text between the first and the last double quote of a message (`{:?}` of a value).
fn quoted_value(message: &str) -> Option<String> {
    let start = message.find('"')?;
    let end = message.rfind('"')?;
    (end > start).then(|| message[start + 1..end].to_string())
}

/// The first `…` of a TOML parser's message (the field or value it names).
fn ticked_value(message: &str) -> Option<String> {
    let start = message.find('`')? + 1;
    let len = message[start..].find('`')?;
    Some(message[start..start + len].to_string())
}

/// Each `i18n/<lang>/schemes.toml` in `tree` that translates scheme `id`, without it.
fn scheme_translations_without(tree: &CorpusTree, id: &str) -> Vec<(String, String)> {
    Lang::TRANSLATED
        .iter()
        .filter_map(|lang| {
            let file = format!("i18n/{}/schemes.toml", lang.code());
            let text = tree.get(&file)?;
            without_item(text, "scheme", id).map(|rest| (file, rest))
        })
        .collect()
}
