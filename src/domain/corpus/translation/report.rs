//! What `shien corpus check` says about translations: missing and stale entries per language.

use std::collections::HashMap;
use std::fmt;
use std::path::PathBuf;

use super::{EntryKind, Lang};

/// What `shien corpus check` says about translations.
#[derive(Debug, Clone, Default)]
pub struct TranslationReport {
    pub langs: Vec<LangReport>,
}

impl TranslationReport {
    /// Every entry translated into every language, from today's Japanese.
    pub fn is_clean(&self) -> bool {
        self.langs.iter().all(LangReport::is_clean)
    }
}

#[derive(Debug, Clone, Default)]
pub struct LangReport {
    pub lang: Lang,
    /// Entries of the Japanese corpus, by kind.
    pub expected: HashMap<EntryKind, usize>,
    /// Translations that match today's Japanese, by kind.
    pub current: HashMap<EntryKind, usize>,
    pub missing: Vec<(EntryKind, String)>,
    pub stale: Vec<Outdated>,
    pub unstamped: Vec<Outdated>,
}

impl LangReport {
    pub fn is_clean(&self) -> bool {
        self.missing.is_empty() && self.stale.is_empty() && self.unstamped.is_empty()
    }

    /// "current/expected" for one kind.
    pub fn count(&self, kind: EntryKind) -> (usize, usize) {
        (
            self.current.get(&kind).copied().unwrap_or(0),
            self.expected.get(&kind).copied().unwrap_or(0),
        )
    }
}

/// A translation that needs a look, with where it is.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Outdated {
    pub kind: EntryKind,
    pub id: String,
    pub file: PathBuf,
    pub line: usize,
}

impl fmt::Display for Outdated {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "{} {} ({}:{})",
            self.kind.as_str(),
            self.id,
            self.file.display(),
            self.line
        )
    }
}
