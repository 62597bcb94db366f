//! A scheme's, FAQ's or desk's words in the language a page asks for: the reviewed translation
//! when there is one, else the Japanese entry, never a machine translation. Facts (amounts,
//! dates, hours, phone numbers) are not words: pages render them from the entry's fields.

use crate::domain::consultants::Desk;
use crate::domain::corpus::translation::{Freshness, Segment, is_japanese_char, mark_japanese};
use crate::domain::{Faq, Lang, Scheme};
use crate::text::is_mostly_latin;

use super::{App, Engine};

/// How a translated text relates to the Japanese entry.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Source {
    /// The Japanese entry itself (the page is in Japanese).
    Japanese,
    /// A reviewed translation of today's Japanese.
    Current,
    /// A translation of an older Japanese text: shown with a notice.
    Stale,
    /// No translation exists: the Japanese is shown instead.
    Missing,
}

impl Source {
    fn of(freshness: Freshness) -> Source {
        match freshness {
            Freshness::Current => Source::Current,
            // An unstamped translation has not been checked against today's Japanese either.
            Freshness::Stale | Freshness::Unstamped => Source::Stale,
        }
    }

    pub fn is_translation(self) -> bool {
        matches!(self, Source::Current | Source::Stale)
    }
}

/// A scheme's words in one language.
#[derive(Debug, Clone)]
pub struct SchemeWords<'a> {
    /// The language asked for.
    pub lang: Lang,
    pub source: Source,
    pub title: Vec<Segment>,
    pub summary: Vec<Segment>,
    /// Who can use it, in plain words (translations only; the Japanese lists conditions).
    pub who: Option<Vec<Segment>>,
    pub how_to_apply: Vec<Segment>,
    /// The official Japanese name, shown beside a translated title.
    pub official_title: Option<&'a str>,
    pub scheme: &'a Scheme,
}

impl SchemeWords<'_> {
    /// The title as plain text (for `<title>`).
    pub fn title_text(&self) -> String {
        Segment::plain(&self.title)
    }
}

/// An FAQ's words in one language.
#[derive(Debug, Clone)]
pub struct FaqWords {
    pub source: Source,
    pub question: Vec<Segment>,
    pub answer: Vec<Segment>,
}

/// A desk's words in one language; its hours and phone come from its fields.
#[derive(Debug, Clone)]
pub struct DeskWords<'a> {
    pub source: Source,
    pub name: Vec<Segment>,
    pub how_to_book: Vec<Segment>,
    pub desk: &'a Desk,
}

/// A line of text written by the chat or a caller, as a page shows it: in its own language
/// when that is not the page's (an English reply on a Japanese page, a Japanese line on an
/// English one), with the Japanese inside English marked.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Line {
    /// The line's `lang` attribute, when it differs from the page's.
    pub lang: Option<&'static str>,
    pub words: Vec<Segment>,
}

/// Words in `lang` as segments: English marks the Japanese terms inside it.
fn words(lang: Lang, text: &str) -> Vec<Segment> {
    match lang {
        Lang::En => mark_japanese(text),
        Lang::Ja | Lang::Easy => vec![Segment::Text(text.to_string())],
    }
}

/// Japanese shown where `lang` was asked for: marked as Japanese inside an English page.
fn japanese(lang: Lang, text: &str) -> Vec<Segment> {
    match lang {
        Lang::En => vec![Segment::Japanese(text.to_string())],
        Lang::Ja | Lang::Easy => vec![Segment::Text(text.to_string())],
    }
}

impl App {
    /// A scheme's title, summary, who and how to apply in `lang`.
    pub fn scheme_words<'a>(&self, scheme: &'a Scheme, lang: Lang) -> SchemeWords<'a> {
        let engine = self.engine();
        match engine.corpus.translations.scheme(lang, &scheme.id) {
            Some(t) => SchemeWords {
                lang,
                source: Source::of(t.freshness),
                title: engine.reading_aid(lang, &t.text.title),
                summary: engine.reading_aid(lang, &t.text.summary),
                who: Some(words(lang, &t.text.who)),
                how_to_apply: words(lang, &t.text.how_to_apply),
                official_title: Some(&scheme.title),
                scheme,
            },
            None => SchemeWords {
                lang,
                source: if lang == Lang::Ja {
                    Source::Japanese
                } else {
                    Source::Missing
                },
                title: japanese(lang, &scheme.title),
                summary: japanese(lang, &scheme.summary),
                who: None,
                how_to_apply: japanese(lang, &scheme.how_to_apply),
                official_title: None,
                scheme,
            },
        }
    }

    /// The words of the scheme `id` of `engine` in `lang`, if the scheme exists.
    pub fn scheme_words_by_id<'a>(
        &self,
        engine: &'a Engine,
        id: &str,
        lang: Lang,
    ) -> Option<SchemeWords<'a>> {
        let scheme = engine.corpus.scheme(id)?;
        Some(self.scheme_words(scheme, lang))
    }

    /// An FAQ's question and answer in `lang`.
    pub fn faq_words(&self, faq: &Faq, lang: Lang) -> FaqWords {
        match self.engine().corpus.translations.faq(lang, &faq.id) {
            Some(t) => FaqWords {
                source: Source::of(t.freshness),
                question: words(lang, &t.text.question),
                answer: words(lang, &t.text.answer),
            },
            None => FaqWords {
                source: if lang == Lang::Ja {
                    Source::Japanese
                } else {
                    Source::Missing
                },
                question: japanese(lang, &faq.question),
                answer: japanese(lang, &faq.answer),
            },
        }
    }

    /// The FAQ `id` in `lang`, if it exists.
    pub fn faq_words_by_id(&self, id: &str, lang: Lang) -> Option<FaqWords> {
        let engine = self.engine();
        let faq = engine.corpus.faq(id)?;
        Some(self.faq_words(faq, lang))
    }

    /// One line of a chat conversation on a page in `page`'s language (see [`Line`]). No
    /// furigana: the dictionary misreads the dates and day names the replies are full of
    /// (12月 as つき), and a wrong reading is worse than none.
    pub fn line(&self, page: Lang, text: &str) -> Line {
        let (lang, words) = if is_mostly_latin(text) {
            ("en", mark_japanese(text))
        } else if text.chars().any(is_japanese_char) {
            ("ja", vec![Segment::Text(text.to_string())])
        } else {
            // Digits and signs alone (a ticket number): the page's language.
            (page.html_lang(), vec![Segment::Text(text.to_string())])
        };
        Line {
            lang: (lang != page.html_lang()).then_some(lang),
            words,
        }
    }

    /// The desk `id` as published now (a copy).
    pub fn desk(&self, id: &str) -> Option<Desk> {
        self.engine().corpus.desk(id).cloned()
    }

    /// The desks of `engine` whose own entry is this scheme (`scheme_id`), in `lang`.
    pub fn desks_of_scheme<'a>(
        &self,
        engine: &'a Engine,
        scheme_id: &str,
        lang: Lang,
    ) -> Vec<DeskWords<'a>> {
        engine
            .corpus
            .desks
            .iter()
            .filter(|d| d.scheme_id.as_deref() == Some(scheme_id))
            .map(|d| self.desk_words(d, lang))
            .collect()
    }

    pub fn desk_words<'a>(&self, desk: &'a Desk, lang: Lang) -> DeskWords<'a> {
        match self.engine().corpus.translations.desk(lang, &desk.id) {
            Some(t) => DeskWords {
                source: Source::of(t.freshness),
                name: words(lang, &t.text.name),
                how_to_book: words(lang, &t.text.how_to_book),
                desk,
            },
            None => DeskWords {
                source: if lang == Lang::Ja {
                    Source::Japanese
                } else {
                    Source::Missing
                },
                name: japanese(lang, &desk.name),
                how_to_book: japanese(lang, &desk.how_to_book),
                desk,
            },
        }
    }
}
