//! Loading and validating the corpus: schemes, FAQs, consultation desks and synonyms.
//!
//! Every problem names the file, the line where known, the entry id and the field, and
//! loading collects all problems before failing so a ward officer can fix them in one pass.

use std::collections::{HashMap, HashSet};
use std::fmt;
use std::path::{Path, PathBuf};

use serde::Deserialize;

use super::consultants::Desk;
use super::scheme::{Faq, Level, Scheme};
use translation::{TranslationReport, Translations};

pub mod diff;
mod files;
pub mod form;
mod sources;
#[cfg(test)]
mod tests;
pub mod translation;
pub mod tree;
mod validate;
pub use validate::ID_FORMAT;

pub use files::check_scheme_text;
use files::{parse_file, toml_files};
pub(super) use files::{parse_text, read_text};
pub use sources::{OfficialHosts, SecondarySource};
pub use tree::{CorpusTree, EntryKind};
use validate::{Sources, problem};

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Problem {
    pub file: PathBuf,
    pub line: Option<usize>,
    pub id: Option<String>,
    pub field: Option<String>,
    pub message: String,
}

impl fmt::Display for Problem {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}", self.file.display())?;
        if let Some(line) = self.line {
            write!(f, ":{line}")?;
        }
        if let Some(id) = &self.id {
            write!(f, ": {id}")?;
        }
        if let Some(field) = &self.field {
            write!(f, ": {field}")?;
        }
        write!(f, ": {}", self.message)
    }
}

#[derive(Debug, thiserror::Error)]
pub enum CorpusError {
    #[error(
        "corpus directory {dir} not found (set SHIEN__CORPUS_DIR or run from the repository root)"
    )]
    Missing { dir: PathBuf },
    #[error("{} problem(s) in the corpus:\n{}", problems.len(), problems.iter().map(|p| p.to_string()).collect::<Vec<_>>().join("\n"))]
    Invalid { problems: Vec<Problem> },
}

pub type Result<T> = std::result::Result<T, CorpusError>;

/// Words callers use, mapped to the word the corpus uses.
#[derive(Debug, Clone, PartialEq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct SynonymGroup {
    pub canonical: String,
    pub variants: Vec<String>,
}

#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
struct SynonymFile {
    #[serde(default)]
    group: Vec<SynonymGroup>,
}

#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
struct FaqFile {
    #[serde(default)]
    faq: Vec<Faq>,
}

#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
struct DeskFile {
    #[serde(default)]
    desk: Vec<Desk>,
}

/// A file holding many schemes, as written by `shien import`.
#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct SchemeBundle {
    #[serde(default)]
    pub scheme: Vec<Scheme>,
}

/// The whole corpus, validated: every reference resolves and every id is unique.
#[derive(Debug, Clone, Default)]
pub struct Corpus {
    pub schemes: Vec<Scheme>,
    pub faqs: Vec<Faq>,
    pub desks: Vec<Desk>,
    pub synonyms: Vec<SynonymGroup>,
    /// Schemes that came from an imported bundle (open data), not hand-written.
    pub imported: HashSet<String>,
    /// English and やさしい日本語 texts (`i18n/`), checked against the entries above.
    pub translations: Translations,
    official_hosts: OfficialHosts,
    by_id: HashMap<String, usize>,
    /// The file each scheme was read from (empty for corpora built in memory).
    scheme_files: HashMap<String, PathBuf>,
}
impl Corpus {
    /// Loads `dir` (schemes/, faqs/, consultants.toml, synonyms.toml) and any extra bundle
    /// directories (e.g. `corpus/imported`).
    pub fn load(dir: &Path, extra: &[PathBuf]) -> Result<Corpus> {
        if !dir.is_dir() {
            return Err(CorpusError::Missing {
                dir: dir.to_path_buf(),
            });
        }
        let mut problems = Vec::new();
        let mut schemes = Vec::new();
        let mut files_by_scheme = HashMap::new();
        for level in Level::ALL {
            let folder = dir.join("schemes").join(level.as_str());
            for file in toml_files(&folder) {
                if let Some(scheme) = parse_file::<Scheme>(&file, &mut problems) {
                    let stem = file
                        .file_stem()
                        .and_then(|s| s.to_str())
                        .unwrap_or_default();
                    if stem != scheme.id {
                        problems.push(problem(
                            &file,
                            &scheme.id,
                            "id",
                            format!("the file must be named {}.toml", scheme.id),
                        ));
                    }
                    if scheme.level != level {
                        problems.push(problem(
                            &file,
                            &scheme.id,
                            "level",
                            format!(
                                "is {:?} but the file is in schemes/{}/",
                                scheme.level.as_str(),
                                level.as_str()
                            ),
                        ));
                    }
                    files_by_scheme.insert(scheme.id.clone(), file.clone());
                    schemes.push(scheme);
                }
            }
        }
        let mut imported = HashSet::new();
        for extra_dir in extra {
            for file in toml_files(extra_dir) {
                if let Some(bundle) = parse_file::<SchemeBundle>(&file, &mut problems) {
                    for scheme in bundle.scheme {
                        files_by_scheme.insert(scheme.id.clone(), file.clone());
                        imported.insert(scheme.id.clone());
                        schemes.push(scheme);
                    }
                }
            }
        }
        let mut faqs = Vec::new();
        let mut files_by_faq = HashMap::new();
        for file in toml_files(&dir.join("faqs")) {
            if let Some(group) = parse_file::<FaqFile>(&file, &mut problems) {
                for faq in group.faq {
                    files_by_faq.insert(faq.id.clone(), file.clone());
                    faqs.push(faq);
                }
            }
        }
        let desks_file = dir.join("consultants.toml");
        let desks = if desks_file.exists() {
            parse_file::<DeskFile>(&desks_file, &mut problems)
                .map(|f| f.desk)
                .unwrap_or_default()
        } else {
            Vec::new()
        };
        let synonyms_file = dir.join("synonyms.toml");
        let synonyms = if synonyms_file.exists() {
            parse_file::<SynonymFile>(&synonyms_file, &mut problems)
                .map(|f| f.group)
                .unwrap_or_default()
        } else {
            Vec::new()
        };

        let hosts_file = dir.join("sources.toml");
        let official_hosts = if hosts_file.exists() {
            parse_file::<OfficialHosts>(&hosts_file, &mut problems).unwrap_or_default()
        } else {
            OfficialHosts::default()
        };
        problems.extend(official_hosts.problems(&hosts_file));

        let mut corpus = Corpus::new(schemes, faqs, desks, synonyms, imported)
            .with_official_hosts(official_hosts);
        let sources = Sources {
            schemes: &files_by_scheme,
            faqs: &files_by_faq,
            desks: &desks_file,
            synonyms: &synonyms_file,
        };
        problems.extend(corpus.validate(&sources));
        corpus.scheme_files = files_by_scheme;
        let (translations, translation_problems) = Translations::load(&dir.join("i18n"), &corpus);
        corpus.translations = translations;
        problems.extend(translation_problems);
        if problems.is_empty() {
            Ok(corpus)
        } else {
            Err(CorpusError::Invalid { problems })
        }
    }

    /// Builds a corpus from parts already in memory (tests, imports). Call [`Corpus::problems`] to validate.
    pub fn new(
        schemes: Vec<Scheme>,
        faqs: Vec<Faq>,
        desks: Vec<Desk>,
        synonyms: Vec<SynonymGroup>,
        imported: HashSet<String>,
    ) -> Corpus {
        let by_id = schemes
            .iter()
            .enumerate()
            .map(|(i, s)| (s.id.clone(), i))
            .collect();
        Corpus {
            schemes,
            faqs,
            desks,
            synonyms,
            imported,
            translations: Translations::default(),
            official_hosts: OfficialHosts::default(),
            by_id,
            scheme_files: HashMap::new(),
        }
    }

    pub fn with_official_hosts(mut self, hosts: OfficialHosts) -> Corpus {
        self.official_hosts = hosts;
        self
    }

    /// Which entries lack a translation, and which translations no longer match the Japanese.
    pub fn translation_report(&self) -> TranslationReport {
        self.translations.report(self)
    }

    pub fn scheme(&self, id: &str) -> Option<&Scheme> {
        self.by_id.get(id).map(|&i| &self.schemes[i])
    }

    pub fn faqs_for<'a>(&'a self, scheme_id: &'a str) -> impl Iterator<Item = &'a Faq> + 'a {
        self.faqs
            .iter()
            .filter(move |f| f.scheme_ids.iter().any(|s| s == scheme_id))
    }

    pub fn faq(&self, id: &str) -> Option<&Faq> {
        self.faqs.iter().find(|f| f.id == id)
    }

    /// The scheme entry describing a desk, if it has one.
    pub fn desk_scheme(&self, desk: &Desk) -> Option<&Scheme> {
        desk.scheme_id.as_deref().and_then(|id| self.scheme(id))
    }

    pub fn desk(&self, id: &str) -> Option<&Desk> {
        self.desks.iter().find(|d| d.id == id)
    }
}

pub fn is_valid_id(id: &str) -> bool {
    !id.is_empty()
        && id.len() <= 100
        && id
            .bytes()
            .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-')
        && !id.starts_with('-')
}
