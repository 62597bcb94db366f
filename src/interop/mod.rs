//! The schemes in the national formats, so the ward can hand its own schemes to the national
//! search sites and read theirs: the Digital Agency's open-data CSV of support schemes
//! (ミラサポplus 制度ナビ, `mirasapo`) and jGrants' public API JSON (`jgrants`).
//!
//! Exports write only what the corpus says; imports produce an optional bundle (like
//! `shien import mirasapo`), never hand-written corpus files. This module must never reach
//! the network: files in, files out.

pub mod jgrants;
pub mod mirasapo;

use std::fmt;

use crate::domain::scheme::{Level, Scheme};

/// One problem in an imported file, naming the record and the field.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RecordProblem {
    /// Where the record sits in the file, with its id when it has one: `result[2] (id "a0W…")`.
    pub record: String,
    pub field: String,
    pub message: String,
}

impl fmt::Display for RecordProblem {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}: {}: {}", self.record, self.field, self.message)
    }
}

#[derive(Debug, thiserror::Error)]
pub enum InteropError {
    #[error("{file}: {reason}")]
    Io { file: String, reason: String },
    #[error("{file}: not JSON: {reason}")]
    Json { file: String, reason: String },
    #[error("{file}: {} bad record(s):\n{}", problems.len(), problems.iter().map(|p| format!("  {p}")).collect::<Vec<_>>().join("\n"))]
    Records {
        file: String,
        problems: Vec<RecordProblem>,
    },
}

impl InteropError {
    pub fn io(file: &std::path::Path, e: impl fmt::Display) -> InteropError {
        InteropError::Io {
            file: file.display().to_string(),
            reason: e.to_string(),
        }
    }
}

pub type Result<T> = std::result::Result<T, InteropError>;

/// The schemes to export, in corpus order, optionally of one level only (the CLI loads the
/// hand-written corpus without bundles).
pub fn selected<'a>(
    schemes: impl IntoIterator<Item = &'a Scheme>,
    level: Option<Level>,
) -> Vec<&'a Scheme> {
    schemes
        .into_iter()
        .filter(|s| level.is_none_or(|l| s.level == l))
        .collect()
}
