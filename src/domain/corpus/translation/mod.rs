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

use std::collections::HashMap;
use std::fmt;
use std::path::{Path, PathBuf};

use serde::{Deserialize, Serialize};

use super::{Corpus, Problem};
use furigana::Readings;

mod files;
pub mod furigana;
mod report;
mod segment;
mod stamp;
#[cfg(test)]
mod tests;

use files::{LangFiles, add, read_entries};
pub use report::{LangReport, Outdated, TranslationReport};
pub use segment::{Segment, is_japanese_char, mark_japanese};
pub use stamp::{
    StampError, StampReport, desk_source_sha, faq_source_sha, scheme_source_sha, stamp,
};

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

    /// The language's name for the staff, in Japanese (a hand-off's warm summary says which
    /// language the caller was answered in).
    pub fn label_ja(self) -> &'static str {
        match self {
            Lang::Ja => "日本語",
            Lang::Easy => "やさしい日本語",
            Lang::En => "英語",
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
