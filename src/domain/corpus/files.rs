//! Reading the TOML files, with problems that name the file, the line and the entry.

use std::path::{Path, PathBuf};

use super::{Corpus, Problem};
use crate::domain::scheme::Scheme;

pub(super) fn toml_files(dir: &Path) -> Vec<PathBuf> {
    let mut files: Vec<PathBuf> = std::fs::read_dir(dir)
        .into_iter()
        .flatten()
        .flatten()
        .map(|e| e.path())
        .filter(|p| p.extension().is_some_and(|e| e == "toml"))
        .collect();
    files.sort();
    files
}

/// Parses one TOML file, recording a problem (with line and the entry id when it can be read) on failure.
pub(super) fn parse_file<T: serde::de::DeserializeOwned>(
    file: &Path,
    problems: &mut Vec<Problem>,
) -> Option<T> {
    let text = read_text(file, problems)?;
    parse_text(file, &text, problems)
}

/// A file's text, or a problem naming the file when it cannot be read.
pub(in crate::domain) fn read_text(file: &Path, problems: &mut Vec<Problem>) -> Option<String> {
    match std::fs::read_to_string(file) {
        Ok(t) => Some(t),
        Err(e) => {
            problems.push(Problem {
                file: file.into(),
                line: None,
                id: None,
                field: None,
                message: format!("cannot read: {e}"),
            });
            None
        }
    }
}

/// Checks one scheme file's text on its own (format and the rules that need no other entry);
/// what `shien corpus check` reports for it, minus cross-references. Used by the fuzzer.
pub fn check_scheme_text(file: &Path, text: &str) -> Vec<Problem> {
    let mut problems = Vec::new();
    if let Some(scheme) = parse_text::<Scheme>(file, text, &mut problems) {
        problems.extend(Corpus::problems_of_one(scheme).into_iter().filter(|p| {
            !matches!(
                p.field.as_deref(),
                Some("related" | "not_combinable_with" | "eligibility.not_for_recipients_of")
            )
        }));
    }
    problems
}

pub(in crate::domain) fn parse_text<T: serde::de::DeserializeOwned>(
    file: &Path,
    text: &str,
    problems: &mut Vec<Problem>,
) -> Option<T> {
    match toml::from_str::<T>(text) {
        Ok(v) => Some(v),
        Err(e) => {
            let line = e
                .span()
                .map(|s| text[..s.start.min(text.len())].matches('\n').count() + 1);
            let id = entry_id_near(text, e.span().map(|s| s.start));
            let message = e.message().trim().to_string();
            let field = field_named_in(&message);
            problems.push(Problem {
                file: file.into(),
                line,
                id,
                field,
                message,
            });
            None
        }
    }
}

/// The `id = "…"` closest before the error position, so array-of-table files name the faulty entry.
pub(super) fn entry_id_near(text: &str, pos: Option<usize>) -> Option<String> {
    let end = pos.unwrap_or(text.len()).min(text.len());
    let head = &text[..end];
    let tail = &text[end..];
    let from_line = |line: &str| {
        let line = line.trim();
        let rest = line
            .strip_prefix("id")?
            .trim_start()
            .strip_prefix('=')?
            .trim();
        Some(rest.trim_matches('"').to_string())
    };
    head.lines()
        .rev()
        .find_map(from_line)
        .or_else(|| tail.lines().find_map(from_line))
}

fn field_named_in(message: &str) -> Option<String> {
    let start = message.find('`')? + 1;
    let len = message[start..].find('`')?;
    Some(message[start..start + len].to_string())
}
