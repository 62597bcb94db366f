//! Reading a language folder's files, entry by entry, with the line each entry starts on.

use std::collections::HashMap;
use std::path::{Path, PathBuf};

use crate::domain::corpus::files::toml_files;

use super::{
    DeskText, DeskTextFile, EntryKind, FaqText, FaqTextFile, Freshness, SchemeText, SchemeTextFile,
    Translated,
};
use crate::domain::corpus::Problem;

/// The files of one language folder: `schemes.toml`, `desks.toml`, `faqs/*.toml`.
pub(super) struct LangFiles {
    pub(super) schemes: Option<PathBuf>,
    pub(super) desks: Option<PathBuf>,
    pub(super) faqs: Vec<PathBuf>,
}

impl LangFiles {
    pub(super) fn in_folder(folder: &Path, problems: &mut Vec<Problem>) -> LangFiles {
        let existing = |name: &str| Some(folder.join(name)).filter(|p| p.is_file());
        let faqs = toml_files(&folder.join("faqs"));
        for entry in std::fs::read_dir(folder).into_iter().flatten().flatten() {
            let name = entry.file_name().to_string_lossy().into_owned();
            if !matches!(name.as_str(), "schemes.toml" | "desks.toml" | "faqs") {
                problems.push(Problem {
                    file: entry.path(),
                    line: None,
                    id: None,
                    field: None,
                    message: "unexpected file: a language folder holds schemes.toml, desks.toml and faqs/<group>.toml".into(),
                });
            }
        }
        LangFiles {
            schemes: existing("schemes.toml"),
            desks: existing("desks.toml"),
            faqs,
        }
    }
}

/// Reads one translation file: its entries, each with the line of its `id`.
pub(super) fn read_entries<F: HasEntries + serde::de::DeserializeOwned>(
    file: &Path,
    problems: &mut Vec<Problem>,
) -> Vec<(F::Entry, usize)> {
    let Some(text) = crate::domain::corpus::read_text(file, problems) else {
        return Vec::new();
    };
    let Some(parsed) = crate::domain::corpus::parse_text::<F>(file, &text, problems) else {
        return Vec::new();
    };
    let list = parsed.into_entries();
    let lines = id_lines(&text);
    list.into_iter()
        .enumerate()
        .map(|(i, entry)| {
            let id = entry.id();
            // Entries appear in file order, so the i-th id line is the i-th entry's, unless an
            // id line sits somewhere unusual; then look it up by value.
            let line = match lines.get(i) {
                Some((seen, line)) if seen == id => *line,
                _ => lines
                    .iter()
                    .find(|(seen, _)| seen == id)
                    .map_or(1, |(_, l)| *l),
            };
            (entry, line)
        })
        .collect()
}

/// A translation file: a list of `[[table]]` entries.
pub(super) trait HasEntries {
    type Entry: Entry;
    fn into_entries(self) -> Vec<Self::Entry>;
}

impl HasEntries for SchemeTextFile {
    type Entry = SchemeText;
    fn into_entries(self) -> Vec<SchemeText> {
        self.scheme
    }
}

impl HasEntries for FaqTextFile {
    type Entry = FaqText;
    fn into_entries(self) -> Vec<FaqText> {
        self.faq
    }
}

impl HasEntries for DeskTextFile {
    type Entry = DeskText;
    fn into_entries(self) -> Vec<DeskText> {
        self.desk
    }
}

/// A translation entry's text fields, for validation and stamping.
pub(super) trait Entry {
    fn id(&self) -> &str;
    fn texts(&self) -> Vec<(&'static str, &str)>;
    fn source_sha(&self) -> Option<&str>;
}

impl Entry for SchemeText {
    fn id(&self) -> &str {
        &self.id
    }
    fn texts(&self) -> Vec<(&'static str, &str)> {
        vec![
            ("title", &self.title),
            ("summary", &self.summary),
            ("who", &self.who),
            ("how_to_apply", &self.how_to_apply),
        ]
    }
    fn source_sha(&self) -> Option<&str> {
        self.source_sha.as_deref()
    }
}

impl Entry for FaqText {
    fn id(&self) -> &str {
        &self.id
    }
    fn texts(&self) -> Vec<(&'static str, &str)> {
        vec![("question", &self.question), ("answer", &self.answer)]
    }
    fn source_sha(&self) -> Option<&str> {
        self.source_sha.as_deref()
    }
}

impl Entry for DeskText {
    fn id(&self) -> &str {
        &self.id
    }
    fn texts(&self) -> Vec<(&'static str, &str)> {
        vec![("name", &self.name), ("how_to_book", &self.how_to_book)]
    }
    fn source_sha(&self) -> Option<&str> {
        self.source_sha.as_deref()
    }
}

/// Checks one entry against the Japanese (`sha` is `None` when the id is unknown) and files it.
pub(super) fn add<T: Entry>(
    into: &mut HashMap<String, Translated<T>>,
    entry: T,
    file: &Path,
    line: usize,
    sha: Option<String>,
    problems: &mut Vec<Problem>,
    kind: EntryKind,
) {
    let mut push = |field: &str, message: String| {
        problems.push(Problem {
            file: file.to_path_buf(),
            line: Some(line),
            id: Some(entry.id().to_string()),
            field: Some(field.to_string()),
            message,
        })
    };
    let Some(expected) = sha else {
        push(
            "id",
            format!(
                "no {} with this id in the Japanese corpus (ids must match exactly)",
                kind.as_str()
            ),
        );
        return;
    };
    if into.contains_key(entry.id()) {
        push("id", "duplicate id in this language".into());
        return;
    }
    for (field, text) in entry.texts() {
        if text.trim().is_empty() {
            push(field, "must not be empty".into());
        }
    }
    let freshness = match entry.source_sha() {
        None => Freshness::Unstamped,
        Some(sha) if !is_source_sha(sha) => {
            push(
                "source_sha",
                format!(
                    "{sha:?} is not 16 lowercase hex digits (let `shien corpus i18n stamp` write it)"
                ),
            );
            Freshness::Unstamped
        }
        Some(sha) if sha == expected => Freshness::Current,
        Some(_) => Freshness::Stale,
    };
    into.insert(
        entry.id().to_string(),
        Translated {
            text: entry,
            file: file.to_path_buf(),
            line,
            freshness,
        },
    );
}

/// `(id, line)` for every `id = "…"` line at the start of a line, in file order.
pub(super) fn id_lines(text: &str) -> Vec<(String, usize)> {
    text.lines()
        .enumerate()
        .filter_map(|(i, line)| Some((id_of_line(line)?, i + 1)))
        .collect()
}

pub(super) fn id_of_line(line: &str) -> Option<String> {
    let rest = line
        .trim()
        .strip_prefix("id")?
        .trim_start()
        .strip_prefix('=')?;
    let value = rest.trim().strip_prefix('"')?;
    Some(value[..value.find('"')?].to_string())
}

pub(super) fn is_source_sha(s: &str) -> bool {
    s.len() == 16
        && s.bytes()
            .all(|b| b.is_ascii_digit() || (b'a'..=b'f').contains(&b))
}
