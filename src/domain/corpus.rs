//! Loading and validating the corpus: schemes, FAQs, consultation desks and synonyms.
//!
//! Every problem names the file, the line where known, the entry id and the field, and
//! loading collects all problems before failing so a ward officer can fix them in one pass.

use std::collections::{HashMap, HashSet};
use std::fmt;
use std::path::{Path, PathBuf};

use chrono::NaiveDate;
use serde::Deserialize;

use super::audit::unstructured_conditions;
use super::consultants::Desk;
use super::scheme::{
    ALL_INDUSTRIES, Area, Faq, Level, PreFounding, Scheme, Sector, WindowKind, is_industry,
    is_purpose,
};
use super::translation::{TranslationReport, Translations};

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

/// Hosts whose pages count as official sources: government, public bodies and the operators
/// they designate (`corpus/sources.toml`). A host covers its subdomains too. Entries citing any
/// other page are still allowed, but users are told the page is not official and
/// `shien corpus check` lists them for a ward officer to confirm.
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct OfficialHosts {
    #[serde(default, rename = "official_hosts")]
    hosts: Vec<String>,
}

impl OfficialHosts {
    pub fn new(hosts: impl IntoIterator<Item = impl Into<String>>) -> OfficialHosts {
        OfficialHosts {
            hosts: hosts.into_iter().map(Into::into).collect(),
        }
    }

    pub fn is_official(&self, url: &str) -> bool {
        let Some(host) = host_of(url) else {
            return false;
        };
        self.hosts.iter().any(|h| {
            host.eq_ignore_ascii_case(h)
                || (host.len() > h.len()
                    && host.as_bytes()[host.len() - h.len() - 1] == b'.'
                    && host[host.len() - h.len()..].eq_ignore_ascii_case(h))
        })
    }

    fn problems(&self, file: &Path) -> Vec<Problem> {
        self.hosts
            .iter()
            .filter(|h| h.is_empty() || !h.chars().all(|c| c.is_ascii_alphanumeric() || c == '.' || c == '-') || h.starts_with('.') || h.ends_with('.'))
            .map(|h| Problem {
                file: file.to_path_buf(),
                line: None,
                id: None,
                field: Some("official_hosts".into()),
                message: format!("{h:?} is not a host name (write e.g. \"city.minato.tokyo.jp\", without https:// or a path)"),
            })
            .collect()
    }
}

/// The host of an http(s) URL, without port or user info.
fn host_of(url: &str) -> Option<&str> {
    let rest = url
        .strip_prefix("https://")
        .or_else(|| url.strip_prefix("http://"))?;
    let authority = rest.split(['/', '?', '#']).next()?;
    let host = authority.rsplit('@').next()?.split(':').next()?;
    (!host.is_empty()).then_some(host)
}

/// An entry whose `source_url` is not on an official host, as listed by `shien corpus check`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SecondarySource<'a> {
    pub kind: &'static str,
    pub id: &'a str,
    pub url: &'a str,
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

    /// Whether `url` is a page of a body listed in `sources.toml`.
    pub fn is_official_source(&self, url: &str) -> bool {
        self.official_hosts.is_official(url)
    }

    /// Hand-written entries whose `source_url` is not an official page, in corpus order.
    /// Imported open-data schemes are left out: their links are whatever the open data gives.
    pub fn secondary_sources(&self) -> Vec<SecondarySource<'_>> {
        let schemes = self
            .schemes
            .iter()
            .filter(|s| !self.imported.contains(&s.id))
            .map(|s| SecondarySource {
                kind: "scheme",
                id: &s.id,
                url: &s.source_url,
            });
        let faqs = self.faqs.iter().map(|f| SecondarySource {
            kind: "faq",
            id: &f.id,
            url: &f.source_url,
        });
        let desks = self.desks.iter().map(|d| SecondarySource {
            kind: "desk",
            id: &d.id,
            url: &d.source_url,
        });
        schemes
            .chain(faqs)
            .chain(desks)
            .filter(|s| !self.is_official_source(s.url))
            .collect()
    }

    /// Validation problems of an in-memory corpus (file names unknown).
    pub fn problems(&self) -> Vec<Problem> {
        let none = HashMap::new();
        let p = PathBuf::from("<memory>");
        self.validate(&Sources {
            schemes: &none,
            faqs: &none,
            desks: &p,
            synonyms: &p,
        })
    }

    /// `shien corpus check --strict`: each hand-written scheme's `conditions` line that holds a
    /// number or a rule word without a structured counterpart (see [`super::audit`]), naming
    /// file, id and the line's index.
    pub fn strict_problems(&self) -> Vec<Problem> {
        self.schemes
            .iter()
            .filter(|s| !self.imported.contains(&s.id))
            .flat_map(|s| {
                let file = self
                    .scheme_files
                    .get(&s.id)
                    .cloned()
                    .unwrap_or_else(|| PathBuf::from("<memory>"));
                unstructured_conditions(s).into_iter().map(move |u| Problem {
                    file: file.clone(),
                    line: None,
                    id: Some(s.id.clone()),
                    field: Some(format!("eligibility.conditions[{}]", u.index)),
                    message: format!(
                        "「{}」: no structured field holds {} (move the rule into a field, or into `requirements` when it is about the project, not the business)",
                        u.line,
                        u.leftovers
                            .iter()
                            .map(|l| format!("「{l}」"))
                            .collect::<Vec<_>>()
                            .join("")
                    ),
                })
            })
            .collect()
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

    fn validate(&self, src: &Sources<'_>) -> Vec<Problem> {
        let mut problems = Vec::new();
        let today_limit = NaiveDate::from_ymd_opt(2000, 1, 1).expect("valid date");
        let mut seen: HashMap<&str, usize> = HashMap::new();
        for scheme in &self.schemes {
            let file = src.scheme_file(&scheme.id);
            let mut push = |field: &str, message: String| {
                problems.push(problem(&file, &scheme.id, field, message))
            };
            if let Some(count) = seen.get_mut(scheme.id.as_str()) {
                *count += 1;
                push("id", "duplicate id".into());
            } else {
                seen.insert(&scheme.id, 1);
            }
            if !is_valid_id(&scheme.id) {
                push(
                    "id",
                    "use lowercase ASCII letters, digits and hyphens".into(),
                );
            }
            for text in [
                ("title", &scheme.title),
                ("summary", &scheme.summary),
                ("provider", &scheme.provider),
            ] {
                if text.1.trim().is_empty() {
                    push(text.0, "must not be empty".into());
                }
            }
            if scheme.purposes.is_empty() {
                push("purposes", "name at least one purpose key".into());
            }
            for p in &scheme.purposes {
                if !is_purpose(p) {
                    push("purposes", format!("unknown purpose key {p:?}"));
                }
            }
            if scheme.industries.is_empty() {
                push(
                    "industries",
                    "use [\"all\"] or jGrants industry names".into(),
                );
            }
            for i in &scheme.industries {
                if i != ALL_INDUSTRIES && !is_industry(i) {
                    push(
                        "industries",
                        format!("unknown industry {i:?} (use jGrants' strings)"),
                    );
                }
            }
            check_source(&scheme.source_url, scheme.as_of, today_limit, &mut push);
            let e = &scheme.eligibility;
            if let (Some(min), Some(max)) = (e.min_years, e.max_years)
                && min >= max
            {
                push(
                    "eligibility.min_years",
                    format!("min_years {min} must be below max_years {max}"),
                );
            }
            if e.pre_founding == PreFounding::Only && e.min_years.is_some_and(|m| m > 0) {
                push(
                    "eligibility.pre_founding",
                    "\"only\" contradicts min_years".into(),
                );
            }
            if e.min_years_area != Area::Anywhere && e.min_years.is_none() {
                push(
                    "eligibility.min_years_area",
                    "needs min_years (the years to count in the area)".into(),
                );
            }
            if e.min_years_area == Area::OtherPrefecture {
                push(
                    "eligibility.min_years_area",
                    "use anywhere, tokyo or minato".into(),
                );
            }
            if let (Some(min), Some(max)) = (e.min_employees, e.max_employees)
                && min > max
            {
                push(
                    "eligibility.min_employees",
                    format!("min_employees {min} is above max_employees {max}"),
                );
            }
            if let (Some(min), Some(max)) = (e.min_sales_yen, e.max_sales_yen)
                && min >= max
            {
                push(
                    "eligibility.min_sales_yen",
                    format!("min_sales_yen {min} must be below max_sales_yen {max}"),
                );
            }
            for sector in Sector::ALL {
                if e.size_caps.iter().filter(|c| c.covers(sector)).count() > 1 {
                    push(
                        "eligibility.size_caps",
                        format!("more than one cap covers {}", sector.label_ja()),
                    );
                }
            }
            for (i, cap) in e.size_caps.iter().enumerate() {
                if cap.max_employees.is_none() && cap.max_capital_yen.is_none() {
                    push(
                        "eligibility.size_caps",
                        format!("cap {i} sets neither max_employees nor max_capital_yen"),
                    );
                }
            }
            for (field, list) in [
                ("eligibility.excluded_industries", &e.excluded_industries),
                (
                    "eligibility.partly_excluded_industries",
                    &e.partly_excluded_industries,
                ),
            ] {
                for i in list {
                    if !is_industry(i) {
                        push(
                            field,
                            format!("unknown industry {i:?} (use jGrants' strings)"),
                        );
                    }
                }
            }
            if let Some(person) = &e.person {
                if !person.has_age_rule() && person.max_management_years.is_none() {
                    push("eligibility.person", "sets no rule".into());
                }
                if let (Some(below), Some(from)) = (person.below_age, person.from_age)
                    && below > from
                {
                    push(
                        "eligibility.person",
                        format!("below_age {below} above from_age {from} admits every age"),
                    );
                }
            }
            match scheme.window.kind {
                WindowKind::Rounds if scheme.window.rounds.is_empty() => push(
                    "window.rounds",
                    "kind = \"rounds\" needs at least one [[window.rounds]]".into(),
                ),
                WindowKind::Always | WindowKind::Annual if !scheme.window.rounds.is_empty() => {
                    push(
                        "window.rounds",
                        "rounds are only allowed with kind = \"rounds\"".into(),
                    )
                }
                _ => {}
            }
            for r in &scheme.window.rounds {
                if r.opens > r.closes {
                    push(
                        "window.rounds",
                        format!(
                            "round {:?} opens {} after it closes {}",
                            r.label, r.opens, r.closes
                        ),
                    );
                }
            }
            for (field, ids) in [
                ("related", &scheme.related),
                ("not_combinable_with", &scheme.not_combinable_with),
            ] {
                for id in ids {
                    if self.scheme(id).is_none() {
                        push(field, format!("refers to unknown scheme {id:?}"));
                    } else if id == &scheme.id {
                        push(field, "refers to itself".into());
                    }
                }
            }
        }
        let mut faq_ids = HashSet::new();
        for faq in &self.faqs {
            let file = src.faq_file(&faq.id);
            let mut push = |field: &str, message: String| {
                problems.push(problem(&file, &faq.id, field, message))
            };
            if !faq_ids.insert(faq.id.as_str()) {
                push("id", "duplicate id".into());
            }
            if faq.question.trim().is_empty() {
                push("question", "must not be empty".into());
            }
            if faq.answer.trim().is_empty() {
                push("answer", "must not be empty".into());
            }
            if faq.scheme_ids.is_empty() {
                push("scheme_ids", "link at least one scheme".into());
            }
            for id in &faq.scheme_ids {
                if self.scheme(id).is_none() {
                    push("scheme_ids", format!("refers to unknown scheme {id:?}"));
                }
            }
            check_source(&faq.source_url, faq.as_of, today_limit, &mut push);
        }
        let mut desk_ids = HashSet::new();
        for desk in &self.desks {
            let mut push = |field: &str, message: String| {
                problems.push(problem(src.desks, &desk.id, field, message))
            };
            if !desk_ids.insert(desk.id.as_str()) {
                push("id", "duplicate id".into());
            }
            for message in desk.schedule_problems() {
                push("opens/closes", message);
            }
            if desk.categories.is_empty() {
                push("categories", "name at least one category".into());
            }
            if desk.weekdays.is_empty() {
                push("weekdays", "name at least one weekday".into());
            }
            if let Some(id) = &desk.scheme_id
                && self.scheme(id).is_none()
            {
                push("scheme_id", format!("refers to unknown scheme {id:?}"));
            }
            check_source(&desk.source_url, desk.as_of, today_limit, &mut push);
        }
        for group in &self.synonyms {
            if group.canonical.trim().is_empty()
                || group.variants.iter().any(|v| v.trim().is_empty())
            {
                problems.push(problem(
                    src.synonyms,
                    &group.canonical,
                    "variants",
                    "empty word".into(),
                ));
            }
        }
        problems
    }
}

struct Sources<'a> {
    schemes: &'a HashMap<String, PathBuf>,
    faqs: &'a HashMap<String, PathBuf>,
    desks: &'a Path,
    synonyms: &'a Path,
}

impl Sources<'_> {
    fn scheme_file(&self, id: &str) -> PathBuf {
        self.schemes
            .get(id)
            .cloned()
            .unwrap_or_else(|| PathBuf::from("<memory>"))
    }
    fn faq_file(&self, id: &str) -> PathBuf {
        self.faqs
            .get(id)
            .cloned()
            .unwrap_or_else(|| PathBuf::from("<memory>"))
    }
}

fn check_source(
    url: &str,
    as_of: NaiveDate,
    earliest: NaiveDate,
    push: &mut impl FnMut(&str, String),
) {
    if !(url.starts_with("https://") || url.starts_with("http://")) || url.len() < 12 {
        push(
            "source_url",
            format!("must be the http(s) URL of the official source, got {url:?}"),
        );
    }
    if as_of < earliest {
        push("as_of", format!("{as_of} is implausibly old"));
    }
}

fn problem(file: &Path, id: &str, field: &str, message: String) -> Problem {
    Problem {
        file: file.to_path_buf(),
        line: None,
        id: Some(id.to_string()),
        field: Some(field.to_string()),
        message,
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

fn toml_files(dir: &Path) -> Vec<PathBuf> {
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
fn parse_file<T: serde::de::DeserializeOwned>(
    file: &Path,
    problems: &mut Vec<Problem>,
) -> Option<T> {
    let text = read_text(file, problems)?;
    parse_text(file, &text, problems)
}

/// A file's text, or a problem naming the file when it cannot be read.
pub(super) fn read_text(file: &Path, problems: &mut Vec<Problem>) -> Option<String> {
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

impl Corpus {
    /// The problems a scheme has on its own, in a corpus of just itself (ids it names in
    /// `related` or `not_combinable_with` are then unknown and reported too).
    pub fn problems_of_one(scheme: Scheme) -> Vec<Problem> {
        Corpus::new(
            vec![scheme],
            Vec::new(),
            Vec::new(),
            Vec::new(),
            HashSet::new(),
        )
        .problems()
    }
}

/// Checks one scheme file's text on its own (format and the rules that need no other entry);
/// what `shien corpus check` reports for it, minus cross-references. Used by the fuzzer.
pub fn check_scheme_text(file: &Path, text: &str) -> Vec<Problem> {
    let mut problems = Vec::new();
    if let Some(scheme) = parse_text::<Scheme>(file, text, &mut problems) {
        problems.extend(Corpus::problems_of_one(scheme).into_iter().filter(|p| {
            p.field.as_deref() != Some("related")
                && p.field.as_deref() != Some("not_combinable_with")
        }));
    }
    problems
}

pub(super) fn parse_text<T: serde::de::DeserializeOwned>(
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
fn entry_id_near(text: &str, pos: Option<usize>) -> Option<String> {
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ids_must_be_lowercase_ascii() {
        assert!(is_valid_id("minato-yushi-sogyo"));
        assert!(!is_valid_id("Minato"));
        assert!(!is_valid_id("港区"));
        assert!(!is_valid_id(""));
    }

    #[test]
    fn entry_id_is_found_before_the_error() {
        let text = "[[faq]]\nid = \"a\"\n\n[[faq]]\nid = \"b\"\nbogus = 1\n";
        let pos = text.find("bogus");
        assert_eq!(entry_id_near(text, pos).as_deref(), Some("b"));
    }

    #[test]
    fn official_hosts_cover_subdomains_but_not_lookalikes() {
        let hosts = OfficialHosts::new(["go.jp", "city.minato.tokyo.jp", "tokyo-kosha.or.jp"]);
        assert!(hosts.is_official("https://www.mhlw.go.jp/stf/seisakunitsuite/index.html"));
        assert!(hosts.is_official("https://city.minato.tokyo.jp/"));
        assert!(hosts.is_official("http://WWW.TOKYO-KOSHA.OR.JP:443/chizai?x=1"));
        assert!(!hosts.is_official("https://notgo.jp/"));
        assert!(!hosts.is_official("https://go.jp.example.com/"));
        assert!(!hosts.is_official("https://example.com/?ref=www.mhlw.go.jp"));
        assert!(!hosts.is_official("https://user@evil.example/@go.jp"));
        assert!(!hosts.is_official("ftp://www.mhlw.go.jp/"));
    }

    #[test]
    fn host_list_entries_must_be_bare_host_names() {
        let hosts = OfficialHosts::new(["go.jp", "https://city.minato.tokyo.jp/", ".lg.jp", ""]);
        let problems = hosts.problems(Path::new("corpus/sources.toml"));
        assert_eq!(problems.len(), 3, "{problems:?}");
        assert!(
            problems
                .iter()
                .all(|p| p.field.as_deref() == Some("official_hosts"))
        );
    }
}
