//! Translations of the corpus into English and やさしい日本語 (`corpus/i18n/<lang>/`), and
//! whether each one still matches the Japanese it was made from.
//!
//! The Japanese entry is the reference: a translation carries `source_sha`, the checksum of the
//! Japanese fields it was written from ([`scheme_source_sha`] and friends). When the Japanese
//! text changes, the checksum no longer matches and the translation is *stale*: `shien corpus
//! check` lists it, and pages still show it with a notice that the Japanese entry prevails.
//! Structured facts (amounts, dates, hours, phone numbers) are never translated: pages render
//! them from the Japanese entry's fields in each language.
//!
//! Loading never invents text: a scheme without a translation is shown in Japanese.

use std::collections::{HashMap, HashSet};
use std::fmt;
use std::path::{Path, PathBuf};

use serde::{Deserialize, Serialize};
use sha2::{Digest, Sha256};

use super::consultants::Desk;
use super::corpus::{Corpus, Problem};
use super::furigana::Readings;
use super::scheme::{Faq, Scheme};

/// A language the site speaks.
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, Hash, Default, Serialize, Deserialize, utoipa::ToSchema,
)]
#[serde(rename_all = "snake_case")]
pub enum Lang {
    /// Administrative Japanese: the corpus as written, the reference.
    #[default]
    Ja,
    /// やさしい日本語: short sentences and common words, with furigana on the page.
    Easy,
    En,
}

impl Lang {
    pub const ALL: [Lang; 3] = [Lang::Ja, Lang::Easy, Lang::En];
    /// The languages the corpus is translated into (Japanese is the original).
    pub const TRANSLATED: [Lang; 2] = [Lang::Easy, Lang::En];

    /// The stable code used in URLs (`?lang=`), the cookie and `corpus/i18n/<code>/`.
    pub fn code(self) -> &'static str {
        match self {
            Lang::Ja => "ja",
            Lang::Easy => "easy",
            Lang::En => "en",
        }
    }

    pub fn parse(code: &str) -> Option<Lang> {
        Lang::ALL.into_iter().find(|l| l.code() == code)
    }

    /// The BCP 47 tag for `lang` attributes: やさしい日本語 is Japanese.
    pub fn html_lang(self) -> &'static str {
        match self {
            Lang::Ja | Lang::Easy => "ja",
            Lang::En => "en",
        }
    }

    /// The language's name in itself, as the language switch shows it.
    pub fn own_name(self) -> &'static str {
        match self {
            Lang::Ja => "日本語",
            Lang::Easy => "やさしい日本語",
            Lang::En => "English",
        }
    }

    fn slot(self) -> Option<usize> {
        match self {
            Lang::Ja => None,
            Lang::Easy => Some(0),
            Lang::En => Some(1),
        }
    }
}

impl fmt::Display for Lang {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.code())
    }
}

/// What kind of corpus entry a translation belongs to.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum EntryKind {
    Scheme,
    Faq,
    Desk,
}

impl EntryKind {
    pub fn as_str(self) -> &'static str {
        match self {
            EntryKind::Scheme => "scheme",
            EntryKind::Faq => "faq",
            EntryKind::Desk => "desk",
        }
    }
}

/// A scheme in another language (`[[scheme]]` in `corpus/i18n/<lang>/schemes.toml`).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct SchemeText {
    pub id: String,
    pub title: String,
    pub summary: String,
    /// Who can use it, in plain words (no amounts).
    pub who: String,
    pub how_to_apply: String,
    /// Checksum of the Japanese fields this was translated from ([`scheme_source_sha`]).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub source_sha: Option<String>,
}

/// An FAQ in another language (`[[faq]]` in `corpus/i18n/<lang>/faqs/<group>.toml`).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct FaqText {
    pub id: String,
    pub question: String,
    pub answer: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub source_sha: Option<String>,
}

/// A consultation desk in another language (`[[desk]]` in `corpus/i18n/<lang>/desks.toml`).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct DeskText {
    pub id: String,
    pub name: String,
    pub how_to_book: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub source_sha: Option<String>,
}

#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
struct SchemeTextFile {
    #[serde(default)]
    scheme: Vec<SchemeText>,
}

#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
struct FaqTextFile {
    #[serde(default)]
    faq: Vec<FaqText>,
}

#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
struct DeskTextFile {
    #[serde(default)]
    desk: Vec<DeskText>,
}

/// Whether a translation matches the Japanese it was made from.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Freshness {
    /// `source_sha` is the checksum of today's Japanese.
    Current,
    /// The Japanese changed since: the translation needs a look.
    Stale,
    /// No `source_sha` yet (run `shien corpus i18n stamp` once the translation is reviewed).
    Unstamped,
}

/// A translation as loaded: the text, where it was read, and whether it is current.
#[derive(Debug, Clone, PartialEq)]
pub struct Translated<T> {
    pub text: T,
    pub file: PathBuf,
    pub line: usize,
    pub freshness: Freshness,
}

impl<T> Translated<T> {
    pub fn is_current(&self) -> bool {
        self.freshness == Freshness::Current
    }
}

#[derive(Debug, Clone, Default)]
struct LangTexts {
    schemes: HashMap<String, Translated<SchemeText>>,
    faqs: HashMap<String, Translated<FaqText>>,
    desks: HashMap<String, Translated<DeskText>>,
}

/// Every translation of the corpus, validated against it: each id names an entry of the
/// Japanese corpus, once per language.
#[derive(Debug, Clone, Default)]
pub struct Translations {
    langs: [LangTexts; 2],
    /// Readings the dictionary gets wrong, for furigana (`i18n/readings.toml`).
    pub readings: Readings,
}

impl Translations {
    pub fn scheme(&self, lang: Lang, id: &str) -> Option<&Translated<SchemeText>> {
        self.texts(lang)?.schemes.get(id)
    }

    pub fn faq(&self, lang: Lang, id: &str) -> Option<&Translated<FaqText>> {
        self.texts(lang)?.faqs.get(id)
    }

    pub fn desk(&self, lang: Lang, id: &str) -> Option<&Translated<DeskText>> {
        self.texts(lang)?.desks.get(id)
    }

    fn texts(&self, lang: Lang) -> Option<&LangTexts> {
        lang.slot().map(|i| &self.langs[i])
    }

    /// Loads `corpus/i18n/{easy,en}/` (a missing folder is no translation at all) and the
    /// furigana overrides (`readings.toml`), and checks the translations against the Japanese
    /// `corpus`. Returns the problems instead of failing, so that the
    /// corpus loader can report them with its own.
    pub fn load(dir: &Path, corpus: &Corpus) -> (Translations, Vec<Problem>) {
        let mut translations = Translations::default();
        let mut problems = Vec::new();
        translations.readings = Readings::load(&dir.join("readings.toml"), &mut problems);
        for lang in Lang::TRANSLATED {
            let folder = dir.join(lang.code());
            if !folder.is_dir() {
                continue;
            }
            let slot = lang.slot().expect("translated languages have a slot");
            let texts = &mut translations.langs[slot];
            let files = LangFiles::in_folder(&folder, &mut problems);
            if let Some(file) = &files.schemes {
                for (entry, line) in read_entries::<SchemeTextFile>(file, &mut problems) {
                    let japanese = corpus.scheme(&entry.id);
                    let sha = japanese.map(scheme_source_sha);
                    add(
                        &mut texts.schemes,
                        entry,
                        file,
                        line,
                        sha,
                        &mut problems,
                        EntryKind::Scheme,
                    );
                }
            }
            for file in &files.faqs {
                for (entry, line) in read_entries::<FaqTextFile>(file, &mut problems) {
                    let sha = corpus.faq(&entry.id).map(faq_source_sha);
                    add(
                        &mut texts.faqs,
                        entry,
                        file,
                        line,
                        sha,
                        &mut problems,
                        EntryKind::Faq,
                    );
                }
            }
            if let Some(file) = &files.desks {
                for (entry, line) in read_entries::<DeskTextFile>(file, &mut problems) {
                    let sha = corpus.desk(&entry.id).map(desk_source_sha);
                    add(
                        &mut texts.desks,
                        entry,
                        file,
                        line,
                        sha,
                        &mut problems,
                        EntryKind::Desk,
                    );
                }
            }
        }
        (translations, problems)
    }

    /// Per language: what has no translation, and which translations are stale or unstamped.
    /// Imported open-data schemes are left out (nobody translates generated entries).
    pub fn report(&self, corpus: &Corpus) -> TranslationReport {
        let langs = Lang::TRANSLATED
            .into_iter()
            .map(|lang| {
                let texts = self.texts(lang).expect("translated");
                let mut report = LangReport {
                    lang,
                    ..LangReport::default()
                };
                let schemes = corpus
                    .schemes
                    .iter()
                    .filter(|s| !corpus.imported.contains(&s.id))
                    .map(|s| (EntryKind::Scheme, s.id.as_str()));
                let faqs = corpus.faqs.iter().map(|f| (EntryKind::Faq, f.id.as_str()));
                let desks = corpus
                    .desks
                    .iter()
                    .map(|d| (EntryKind::Desk, d.id.as_str()));
                for (kind, id) in schemes.chain(faqs).chain(desks) {
                    let found = match kind {
                        EntryKind::Scheme => texts.schemes.get(id).map(where_and_how),
                        EntryKind::Faq => texts.faqs.get(id).map(where_and_how),
                        EntryKind::Desk => texts.desks.get(id).map(where_and_how),
                    };
                    *report.expected.entry(kind).or_default() += 1;
                    let entry = |file: PathBuf, line| Outdated {
                        kind,
                        id: id.to_string(),
                        file,
                        line,
                    };
                    match found {
                        None => report.missing.push((kind, id.to_string())),
                        Some((file, line, Freshness::Stale)) => {
                            report.stale.push(entry(file, line))
                        }
                        Some((file, line, Freshness::Unstamped)) => {
                            report.unstamped.push(entry(file, line))
                        }
                        Some((_, _, Freshness::Current)) => {
                            *report.current.entry(kind).or_default() += 1
                        }
                    }
                }
                report
            })
            .collect();
        TranslationReport { langs }
    }
}

fn where_and_how<T>(t: &Translated<T>) -> (PathBuf, usize, Freshness) {
    (t.file.clone(), t.line, t.freshness)
}

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

/// The files of one language folder: `schemes.toml`, `desks.toml`, `faqs/*.toml`.
struct LangFiles {
    schemes: Option<PathBuf>,
    desks: Option<PathBuf>,
    faqs: Vec<PathBuf>,
}

impl LangFiles {
    fn in_folder(folder: &Path, problems: &mut Vec<Problem>) -> LangFiles {
        let existing = |name: &str| Some(folder.join(name)).filter(|p| p.is_file());
        let mut faqs: Vec<PathBuf> = std::fs::read_dir(folder.join("faqs"))
            .into_iter()
            .flatten()
            .flatten()
            .map(|e| e.path())
            .filter(|p| p.extension().is_some_and(|e| e == "toml"))
            .collect();
        faqs.sort();
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
fn read_entries<F: HasEntries + serde::de::DeserializeOwned>(
    file: &Path,
    problems: &mut Vec<Problem>,
) -> Vec<(F::Entry, usize)> {
    let Some(text) = super::corpus::read_text(file, problems) else {
        return Vec::new();
    };
    let Some(parsed) = super::corpus::parse_text::<F>(file, &text, problems) else {
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
trait HasEntries {
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
trait Entry {
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
fn add<T: Entry>(
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

fn is_source_sha(s: &str) -> bool {
    s.len() == 16
        && s.bytes()
            .all(|b| b.is_ascii_digit() || (b'a'..=b'f').contains(&b))
}

/// `(id, line)` for every `id = "…"` line at the start of a line, in file order.
fn id_lines(text: &str) -> Vec<(String, usize)> {
    text.lines()
        .enumerate()
        .filter_map(|(i, line)| Some((id_of_line(line)?, i + 1)))
        .collect()
}

fn id_of_line(line: &str) -> Option<String> {
    let rest = line
        .trim()
        .strip_prefix("id")?
        .trim_start()
        .strip_prefix('=')?;
    let value = rest.trim().strip_prefix('"')?;
    Some(value[..value.find('"')?].to_string())
}

/// SHA-256 of named fields, first 16 hex digits. Each field is written as its name, U+001F,
/// its value and U+001E, so that moving text from one field to another changes the sum.
fn checksum<'a>(fields: impl IntoIterator<Item = (&'a str, &'a str)>) -> String {
    let mut hasher = Sha256::new();
    for (name, value) in fields {
        hasher.update(name.as_bytes());
        hasher.update([0x1f]);
        hasher.update(value.as_bytes());
        hasher.update([0x1e]);
    }
    hex::encode(hasher.finalize())[..16].to_string()
}

/// The checksum of the Japanese a scheme translation is made from: title, summary, details,
/// how to apply and the eligibility conditions in plain words.
pub fn scheme_source_sha(s: &Scheme) -> String {
    let fields = [
        ("title", s.title.as_str()),
        ("summary", &s.summary),
        ("details", &s.details),
        ("how_to_apply", &s.how_to_apply),
    ];
    let conditions = s
        .eligibility
        .conditions
        .iter()
        .map(|c| ("conditions", c.as_str()));
    checksum(fields.into_iter().chain(conditions))
}

/// The checksum of an FAQ's Japanese question and answer.
pub fn faq_source_sha(f: &Faq) -> String {
    checksum([("question", f.question.as_str()), ("answer", &f.answer)])
}

/// The checksum of a desk's Japanese name and how to book it.
pub fn desk_source_sha(d: &Desk) -> String {
    checksum([("name", d.name.as_str()), ("how_to_book", &d.how_to_book)])
}

/// What `stamp` wrote.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct StampReport {
    /// Files rewritten, with how many entries each got a checksum.
    pub files: Vec<(PathBuf, usize)>,
}

impl StampReport {
    pub fn entries(&self) -> usize {
        self.files.iter().map(|(_, n)| n).sum()
    }
}

#[derive(Debug, thiserror::Error)]
pub enum StampError {
    #[error("{file}: {message}")]
    File { file: PathBuf, message: String },
}

/// Writes today's Japanese checksum into the translations of `lang` (or both) that have none,
/// and into those whose id is in `restamp` (after someone updated them to a changed Japanese
/// text). Only `source_sha` lines change: the rest of each file is kept byte for byte, and
/// each rewritten file is parsed again and compared with the original before it is written.
pub fn stamp(
    dir: &Path,
    corpus: &Corpus,
    lang: Option<Lang>,
    restamp: &HashSet<String>,
) -> Result<StampReport, StampError> {
    let mut report = StampReport::default();
    for l in Lang::TRANSLATED {
        if lang.is_some_and(|only| only != l) {
            continue;
        }
        let folder = dir.join(l.code());
        if !folder.is_dir() {
            continue;
        }
        let mut ignored = Vec::new();
        let files = LangFiles::in_folder(&folder, &mut ignored);
        let texts = corpus.translations.texts(l).expect("translated");
        let wants = |id: &str, sha: Option<&str>| sha.is_none() || restamp.contains(id);
        if let Some(file) = files.schemes {
            let shas: HashMap<String, String> = texts
                .schemes
                .values()
                .filter(|t| wants(&t.text.id, t.text.source_sha.as_deref()))
                .filter_map(|t| {
                    Some((
                        t.text.id.clone(),
                        scheme_source_sha(corpus.scheme(&t.text.id)?),
                    ))
                })
                .collect();
            stamp_file::<SchemeTextFile>(&file, "scheme", &shas, &mut report)?;
        }
        for file in files.faqs {
            let shas: HashMap<String, String> = texts
                .faqs
                .values()
                .filter(|t| t.file == file && wants(&t.text.id, t.text.source_sha.as_deref()))
                .filter_map(|t| Some((t.text.id.clone(), faq_source_sha(corpus.faq(&t.text.id)?))))
                .collect();
            stamp_file::<FaqTextFile>(&file, "faq", &shas, &mut report)?;
        }
        if let Some(file) = files.desks {
            let shas: HashMap<String, String> = texts
                .desks
                .values()
                .filter(|t| wants(&t.text.id, t.text.source_sha.as_deref()))
                .filter_map(|t| {
                    Some((t.text.id.clone(), desk_source_sha(corpus.desk(&t.text.id)?)))
                })
                .collect();
            stamp_file::<DeskTextFile>(&file, "desk", &shas, &mut report)?;
        }
    }
    Ok(report)
}

fn stamp_file<F>(
    file: &Path,
    table: &str,
    shas: &HashMap<String, String>,
    report: &mut StampReport,
) -> Result<(), StampError>
where
    F: HasEntries + serde::de::DeserializeOwned,
{
    if shas.is_empty() {
        return Ok(());
    }
    let fail = |message: String| StampError::File {
        file: file.to_path_buf(),
        message,
    };
    let before = std::fs::read_to_string(file).map_err(|e| fail(format!("cannot read: {e}")))?;
    let (after, stamped) = stamp_text(&before, table, shas);
    // The rewrite must change nothing but the checksums it meant to write.
    let parse = |text: &str| {
        toml::from_str::<F>(text)
            .map(F::into_entries)
            .map_err(|e| fail(format!("rewritten file does not parse: {e}")))
    };
    let old = parse(&before)?;
    let new = parse(&after)?;
    let same = old.len() == new.len()
        && old.iter().zip(&new).all(|(o, n)| {
            o.id() == n.id()
                && o.texts() == n.texts()
                && match shas.get(o.id()) {
                    Some(sha) => n.source_sha() == Some(sha.as_str()),
                    None => n.source_sha() == o.source_sha(),
                }
        });
    if !same || stamped != shas.len() {
        return Err(fail(format!(
            "could not place source_sha safely ({stamped} of {} entries); add it by hand after each id line",
            shas.len()
        )));
    }
    std::fs::write(file, after).map_err(|e| fail(format!("cannot write: {e}")))?;
    report.files.push((file.to_path_buf(), stamped));
    Ok(())
}

/// Puts `source_sha = "…"` right after the `id` line of each `[[table]]` whose id is in
/// `shas`, replacing the entry's old `source_sha` line. Returns the text and how many entries
/// were stamped.
fn stamp_text(text: &str, table: &str, shas: &HashMap<String, String>) -> (String, usize) {
    let header = format!("[[{table}]]");
    let mut out = String::with_capacity(text.len() + shas.len() * 32);
    let mut stamped = 0;
    // Whether the table we are in is being stamped (its id line has been seen).
    let mut stamping = false;
    let mut in_table = false;
    for line in text.split_inclusive('\n') {
        let trimmed = line.trim();
        if trimmed.starts_with('[') {
            in_table = trimmed == header;
            stamping = false;
        } else if in_table {
            if stamping
                && trimmed.starts_with("source_sha")
                && trimmed["source_sha".len()..].trim_start().starts_with('=')
            {
                // The old checksum of an entry being re-stamped.
                continue;
            }
            if let Some(id) = id_of_line(line)
                && let Some(sha) = shas.get(&id)
            {
                out.push_str(line);
                if !line.ends_with('\n') {
                    out.push('\n');
                }
                out.push_str(&format!("source_sha = \"{sha}\"\n"));
                stamped += 1;
                stamping = true;
                continue;
            }
        }
        out.push_str(line);
    }
    (out, stamped)
}

/// A piece of text as a page shows it: plain, Japanese inside another language (marked with
/// `lang="ja"`), or a word with its reading (`<ruby>`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Segment {
    Text(String),
    Japanese(String),
    Ruby { base: String, reading: String },
}

impl Segment {
    /// The text without readings.
    pub fn plain(segments: &[Segment]) -> String {
        segments
            .iter()
            .map(|s| match s {
                Segment::Text(t) | Segment::Japanese(t) => t.as_str(),
                Segment::Ruby { base, .. } => base.as_str(),
            })
            .collect()
    }
}

/// Hiragana, katakana, kanji, Japanese punctuation and full-width forms.
pub fn is_japanese_char(c: char) -> bool {
    matches!(c,
        '\u{3000}'..='\u{303F}'   // CJK symbols and punctuation (、。「」々〜)
        | '\u{3040}'..='\u{30FF}' // hiragana, katakana
        | '\u{31F0}'..='\u{31FF}' // katakana phonetic extensions
        | '\u{3400}'..='\u{4DBF}' // CJK extension A
        | '\u{4E00}'..='\u{9FFF}' // CJK unified ideographs
        | '\u{F900}'..='\u{FAFF}' // CJK compatibility ideographs
        | '\u{FF00}'..='\u{FFEF}' // full-width forms (（）、ＡＢＣ)
    )
}

/// Splits a text written in another language into plain runs and the Japanese terms inside it
/// (official names in parentheses, 認定支援機関 …), so each can carry its own `lang`. A word
/// (between spaces and ASCII brackets or commas) with any Japanese character is Japanese as a
/// whole (`GビズIDプライム`, `65歳超雇用推進助成金`); Japanese words separated only by spaces
/// form one run.
pub fn mark_japanese(text: &str) -> Vec<Segment> {
    let is_break =
        |c: char| c.is_whitespace() || matches!(c, '(' | ')' | ',' | ';' | ':' | '"' | '[' | ']');
    // Maximal runs of word characters and of break characters, in order.
    struct Piece<'t> {
        is_break: bool,
        japanese: bool,
        text: &'t str,
    }
    let piece = |text, is_break| Piece {
        is_break,
        japanese: !is_break && str::chars(text).any(is_japanese_char),
        text,
    };
    let mut pieces = Vec::new();
    let mut start = 0;
    let mut current: Option<bool> = None;
    for (i, c) in text.char_indices() {
        let b = is_break(c);
        if let Some(prev) = current
            && prev != b
        {
            pieces.push(piece(&text[start..i], prev));
            start = i;
        }
        current = Some(b);
    }
    if let Some(prev) = current {
        pieces.push(piece(&text[start..], prev));
    }
    let mut out: Vec<Segment> = Vec::new();
    let mut i = 0;
    while i < pieces.len() {
        if !pieces[i].japanese {
            push_text(&mut out, pieces[i].text);
            i += 1;
            continue;
        }
        // Extend over (spaces, Japanese word) pairs.
        let mut run = pieces[i].text.to_string();
        let mut j = i + 1;
        while j + 1 < pieces.len()
            && pieces[j].is_break
            && pieces[j].text.chars().all(char::is_whitespace)
            && pieces[j + 1].japanese
        {
            run.push_str(pieces[j].text);
            run.push_str(pieces[j + 1].text);
            j += 2;
        }
        out.push(Segment::Japanese(run));
        i = j;
    }
    out
}

fn push_text(out: &mut Vec<Segment>, piece: &str) {
    if let Some(Segment::Text(t)) = out.last_mut() {
        t.push_str(piece);
    } else {
        out.push(Segment::Text(piece.to_string()));
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn japanese_terms_inside_english_are_marked() {
        let segs = mark_japanese(
            "Subsidy for Employing People over 65 (65歳超雇用推進助成金) with a GビズIDプライム account",
        );
        assert_eq!(
            segs,
            [
                Segment::Text("Subsidy for Employing People over 65 (".into()),
                Segment::Japanese("65歳超雇用推進助成金".into()),
                Segment::Text(") with a ".into()),
                Segment::Japanese("GビズIDプライム".into()),
                Segment::Text(" account".into()),
            ]
        );
        assert_eq!(
            mark_japanese("Minato City Business Consultation (港区 商工相談): experts"),
            [
                Segment::Text("Minato City Business Consultation (".into()),
                Segment::Japanese("港区 商工相談".into()),
                Segment::Text("): experts".into()),
            ]
        );
        assert_eq!(
            mark_japanese("Plain text."),
            [Segment::Text("Plain text.".into())]
        );
        assert_eq!(mark_japanese(""), []);
    }

    #[test]
    fn languages_parse_from_their_codes_only() {
        assert_eq!(Lang::parse("en"), Some(Lang::En));
        assert_eq!(Lang::parse("easy"), Some(Lang::Easy));
        assert_eq!(Lang::parse("ja"), Some(Lang::Ja));
        assert_eq!(Lang::parse("EN"), None);
        assert_eq!(Lang::parse("en-US"), None);
        assert_eq!(Lang::Easy.html_lang(), "ja");
    }

    #[test]
    fn the_checksum_changes_when_text_moves_between_fields() {
        let a = checksum([("title", "ab"), ("summary", "c")]);
        let b = checksum([("title", "a"), ("summary", "bc")]);
        assert_ne!(a, b);
        assert_eq!(a.len(), 16);
        assert!(is_source_sha(&a));
    }

    #[test]
    fn stamping_inserts_after_the_id_and_replaces_an_old_checksum() {
        let text = "[[faq]]\nid = \"a\"\nquestion = \"q\"\n\n[[faq]]\nid = \"b\"\nsource_sha = \"0000000000000000\"\nanswer = \"x\"\n";
        let shas = HashMap::from([
            ("a".to_string(), "1111111111111111".to_string()),
            ("b".to_string(), "2222222222222222".to_string()),
        ]);
        let (out, n) = stamp_text(text, "faq", &shas);
        assert_eq!(n, 2);
        assert_eq!(
            out,
            "[[faq]]\nid = \"a\"\nsource_sha = \"1111111111111111\"\nquestion = \"q\"\n\n[[faq]]\nid = \"b\"\nsource_sha = \"2222222222222222\"\nanswer = \"x\"\n"
        );
    }

    #[test]
    fn stamping_leaves_other_entries_alone() {
        let text = "[[faq]]\nid = \"a\"\nsource_sha = \"0000000000000000\"\n[[faq]]\nid = \"b\"\n";
        let shas = HashMap::from([("b".to_string(), "2222222222222222".to_string())]);
        let (out, n) = stamp_text(text, "faq", &shas);
        assert_eq!(n, 1);
        assert!(out.contains("id = \"a\"\nsource_sha = \"0000000000000000\"\n"));
        assert!(out.ends_with("id = \"b\"\nsource_sha = \"2222222222222222\"\n"));
    }
}
