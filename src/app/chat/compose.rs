//! The words of an answer: the asked facts of one scheme (then the FAQ that adds to them and
//! the citation), or, for a question that asks no attribute, the FAQ on the caller's topic
//! and the schemes found. In the reply's language: the bot's own sentences from the message
//! catalogs, the schemes' and FAQs' words from their reviewed translations (each scheme's
//! official Japanese name beside a translated one), facts from the entry's fields.

use unicode_normalization::UnicodeNormalization;

use super::Citation;
use super::citations::{cite, push_unique};
use super::facts::{label, render};
use crate::app::engine::{Engine, FaqHit, SearchOutcome, shorten};
use crate::app::messages::Messages;
use crate::domain::asked::{Asked, Point};
use crate::domain::corpus::translation::Lang;
use crate::domain::facts::english::date_en;
use crate::domain::facts::translated::{TranslatedWords, fact_in};
use crate::domain::facts::{Fact, FactContext, Sentence, date_ja, fact, on_point, point_named};
use crate::domain::scheme::{Scheme, yen_en, yen_ja};

/// Words every question about support shares: a message of nothing else is too vague to
/// answer, and a FAQ matched only on them is not on the caller's topic.
pub(super) const GENERIC: &[&str] = &[
    "補助金",
    "助成金",
    "補助",
    "助成",
    "金",
    "支援",
    "制度",
    "お金",
    "何か",
    "なにか",
    "何",
    "使える",
    "使う",
    "もらえる",
    "もらう",
    "ある",
    "教える",
    "知る",
    "相談",
    "利用",
    "申請",
    "どれ",
    "おすすめ",
    "受ける",
    "うち",
    "会社",
    "事業",
];

/// Places say which level a scheme is at, not what it is about: a FAQ that shares only
/// "東京" or "Tokyo" with the question is not on its topic.
const PLACES: &[&str] = &[
    "東京",
    "東京都",
    "都",
    "都内",
    "港区",
    "港",
    "区",
    "区内",
    "国",
    "全国",
    "tokyo",
    "minato",
    "japan",
    "city",
    "ward",
    "metropolitan",
];

/// The reply to a question that asks no attribute: the FAQ about what the caller named, the
/// schemes found, and where to confirm. Also returns the scheme the quoted FAQ is about (the
/// session's subject from now on).
pub(super) fn overview_reply(
    app: &Engine,
    m: Messages,
    outcome: &SearchOutcome,
    terms: &crate::text::QueryTerms,
    best_words: f32,
) -> (String, Vec<Citation>, Option<String>) {
    let lang = m.lang();
    let mut text = String::new();
    let mut citations: Vec<Citation> = Vec::new();
    let mut lead = None;
    // Quote a FAQ only when it is about something the caller actually named, not just
    // the generic words (補助金, 使える) every FAQ shares.
    let specific: Vec<&String> = terms
        .lemmas
        .iter()
        .filter(|l| !GENERIC.contains(&l.as_str()) && !PLACES.contains(&l.as_str()))
        .collect();
    let on_topic = |question: &str| {
        app.analyzer
            .lemmas(question)
            .is_ok_and(|ls| specific.iter().any(|s| ls.contains(s)))
    };
    if let Some(faq) = outcome
        .faqs
        .first()
        .filter(|f| f.score >= best_words * 0.5 && on_topic(&f.question))
    {
        text.push_str(
            app.corpus
                .translations
                .faq(lang, &faq.id)
                .map_or(faq.answer.as_str(), |t| t.text.answer.as_str()),
        );
        for id in &faq.scheme_ids {
            if let Some(s) = app.scheme(id) {
                push_unique(&mut citations, cite(&app.corpus, s));
            }
        }
        lead = faq.scheme_ids.first().cloned();
    }
    let listed: Vec<&Scheme> = outcome
        .results
        .iter()
        .take(3)
        .filter_map(|h| app.scheme(&h.id))
        .collect();
    if !listed.is_empty() {
        if text.is_empty() {
            text.push_str(&m.t("chat-overview-intro"));
        } else {
            text.push_str("\n\n");
            text.push_str(&m.t("chat-overview-related"));
        }
        for s in &listed {
            let amount = overview_amount(s, lang)
                .map(|a| m.ta("chat-overview-amount", "amount", &a))
                .unwrap_or_default();
            text.push('\n');
            text.push_str(&m.targs(
                "chat-overview-item",
                &[
                    ("name", &scheme_name(app, m, s)),
                    ("amount", &amount),
                    ("summary", &scheme_summary(app, lang, s)),
                ],
            ));
            push_unique(&mut citations, cite(&app.corpus, s));
        }
    }
    text.push_str("\n\n");
    text.push_str(&m.t("chat-overview-closing"));
    (text, citations, lead)
}

/// A scheme's amount in a list of schemes: the corpus's own line in Japanese; elsewhere the
/// ceiling from its field (the published Japanese wording is on the scheme's page).
fn overview_amount(scheme: &Scheme, lang: Lang) -> Option<String> {
    let max = scheme.amount.as_ref().and_then(|a| a.max_yen);
    match lang {
        Lang::Ja => scheme.amount_text(),
        Lang::Easy => max.map(|y| Messages::new(lang).ta("amount-max", "amount", &yen_ja(y))),
        Lang::En => max.map(|y| Messages::new(lang).ta("amount-max", "amount", &yen_en(y))),
    }
}

/// A scheme's summary, shortened for a list: the reviewed translation in `lang`, else the
/// Japanese. English is cut at a word.
fn scheme_summary(app: &Engine, lang: Lang, scheme: &Scheme) -> String {
    match app.corpus.translations.scheme(lang, &scheme.id) {
        Some(t) if lang == Lang::En => shorten_words(&t.text.summary, 160),
        Some(t) => shorten(&t.text.summary, 80),
        None => shorten(&scheme.summary, 80),
    }
}

/// `text` cut at the last space before `max_chars`, with an ellipsis.
fn shorten_words(text: &str, max_chars: usize) -> String {
    if text.chars().count() <= max_chars {
        return text.to_string();
    }
    let cut: String = text.chars().take(max_chars - 1).collect();
    let cut = cut
        .rsplit_once(' ')
        .map_or(cut.as_str(), |(head, _)| head)
        .trim_end_matches([',', ';', ':']);
    format!("{cut}…")
}

/// A scheme's name in the reply's language: its reviewed translation with the official
/// Japanese name beside it (unless the translation already quotes it whole), so that the
/// caller can ask the ward for it; the official name itself in Japanese or untranslated.
pub(super) fn scheme_name(app: &Engine, m: Messages, scheme: &Scheme) -> String {
    // Full-width brackets and spaces aside: "MINATO Incubator (港区 …)" quotes
    // "MINATO Incubator（港区 …）" whole.
    let loose = |s: &str| -> String { s.nfkc().filter(|c| !c.is_whitespace()).collect() };
    match app.corpus.translations.scheme(m.lang(), &scheme.id) {
        Some(t) if !loose(&t.text.title).contains(&loose(&scheme.title)) => m.targs(
            "chat-scheme-name",
            &[("name", &t.text.title), ("official", &scheme.title)],
        ),
        Some(t) => t.text.title.clone(),
        None => scheme.title.clone(),
    }
}

/// The FAQ about `scheme` that answers this question too: among the FAQs found, one citing
/// the scheme, on the caller's own words and scoring close to the best scheme.
pub(super) fn supporting_faq<'a>(
    app: &Engine,
    scheme: &Scheme,
    outcome: &'a SearchOutcome,
    lemmas: &[String],
    best_words: f32,
) -> Option<&'a FaqHit> {
    let specific: Vec<&String> = lemmas
        .iter()
        .filter(|l| !GENERIC.contains(&l.as_str()) && l.chars().count() > 1)
        .collect();
    outcome.faqs.iter().find(|f| {
        f.scheme_ids.iter().any(|id| id == &scheme.id)
            && f.score >= best_words * 0.5
            && app
                .analyzer
                .lemmas(&f.question)
                .is_ok_and(|ls| specific.iter().filter(|s| ls.contains(s)).count() >= 2)
    })
}

/// Whether `text` is mostly written in the Latin alphabet (an English question).
pub(super) fn is_english(text: &str) -> bool {
    let letters = text.chars().filter(|c| c.is_ascii_alphabetic()).count();
    letters * 2 > text.chars().filter(|c| !c.is_whitespace()).count()
}

/// The language of a reply: English for a message written in English, whatever the page (a
/// person who writes English reads it); else the language of the page it was asked from.
pub(super) fn reply_lang(page: Lang, message: &str) -> Lang {
    if is_english(message) { Lang::En } else { page }
}

/// The reply to a factual question about `scheme`: one or two sentences per asked
/// attribute from its structured fields, then the FAQ that adds to them (when a fact is
/// unknown, or the question is one FAQs answer in words), then the citation.
#[allow(clippy::too_many_arguments)]
pub(super) fn facts_reply(
    app: &Engine,
    m: Messages,
    scheme: &Scheme,
    asking: &[Asked],
    question: &str,
    today: chrono::NaiveDate,
    other: Option<&Scheme>,
    faq: Option<&FaqHit>,
) -> (String, Vec<Citation>) {
    let corpus = &app.corpus;
    let ctx = FactContext {
        today: Some(today),
        desks: corpus
            .desks
            .iter()
            .filter(|d| d.scheme_id.as_deref() == Some(scheme.id.as_str()))
            .collect(),
        other,
        not_combinable: scheme
            .not_combinable_with
            .iter()
            .filter_map(|id| corpus.scheme(id))
            .map(|s| s.title.as_str())
            .collect(),
        question,
    };
    let mut facts: Vec<Fact> = asking.iter().map(|a| fact(scheme, *a, &ctx)).collect();
    // The entry's sentences on what the question names in particular, on the lowest cost and
    // on visits it asks, after the last fact.
    let mut points: Vec<Sentence> = on_point(scheme, question, &facts).into_iter().collect();
    for point in Point::ALL
        .into_iter()
        .filter_map(|p| point_named(scheme, &ctx, &facts, p))
    {
        if !points.contains(&point) {
            points.push(point);
        }
    }
    if let Some(last) = facts.last_mut() {
        last.sentences.extend(points.iter().cloned());
    }
    let lang = m.lang();
    let ja = Messages::new(Lang::Ja);
    let mut text = String::new();
    // English and やさしい日本語 state the facts from the same fields in their own words first.
    // English then adds the official Japanese; やさしい日本語, a note that the official page
    // prevails (its reader reads Japanese script, and each fact quotes what only the entry says).
    if lang != Lang::Ja {
        translated_facts(app, m, scheme, &facts, &points, &ctx, &mut text);
        text.push_str("\n\n");
    }
    match lang {
        Lang::Easy => text.push_str(&m.t("chat-fact-note")),
        Lang::Ja | Lang::En => {
            if lang == Lang::En {
                text.push_str(&m.t("chat-official-japanese"));
                text.push('\n');
            }
            for (i, f) in facts.iter().enumerate() {
                if i == 0 {
                    text.push_str(&ja.targs(
                        "chat-fact-first",
                        &[("scheme", &scheme.title), ("label", &label(ja, f.asked))],
                    ));
                } else {
                    text.push('\n');
                    text.push_str(&ja.ta("chat-fact-next", "label", &label(ja, f.asked)));
                }
                text.push_str(&render(ja, &f.sentences));
            }
        }
    }
    let mut citations = vec![cite(corpus, scheme)];
    let wants_words = facts.iter().any(|f| {
        !f.known
            || matches!(
                f.asked,
                Asked::Eligibility
                    | Asked::Years
                    | Asked::Combination
                    | Asked::Documents
                    | Asked::HowToApply
            )
    });
    if let Some(faq) = faq.filter(|_| wants_words) {
        let quoted = match corpus.translations.faq(lang, &faq.id) {
            Some(t) => m.ta("chat-from-faq", "answer", &t.text.answer),
            None => Messages::new(Lang::Ja).ta("chat-from-faq", "answer", &faq.answer),
        };
        text.push('\n');
        text.push_str(&quoted);
        for s in faq.scheme_ids.iter().filter_map(|id| corpus.scheme(id)) {
            push_unique(&mut citations, cite(corpus, s));
        }
    }
    if let Some(o) = other {
        push_unique(&mut citations, cite(corpus, o));
    }
    // The source by the name the facts above use: the official one, or in English the
    // translated one beside it.
    let (name, date) = match lang {
        Lang::En => (scheme_name(app, m, scheme), date_en(scheme.as_of)),
        Lang::Ja | Lang::Easy => (scheme.title.clone(), date_ja(scheme.as_of)),
    };
    text.push('\n');
    text.push_str(&m.targs("chat-source", &[("name", &name), ("date", &date)]));
    (text, citations)
}

/// The asked facts in English or やさしい日本語, one line each, from the same fields as the
/// Japanese ones and the reviewed words of the scheme and its desks in that language; a fact
/// those hold nothing on points to (English) or quotes (やさしい日本語) the official Japanese.
fn translated_facts(
    app: &Engine,
    m: Messages,
    scheme: &Scheme,
    facts: &[Fact],
    points: &[Sentence],
    ctx: &FactContext,
    text: &mut String,
) {
    let lang = m.lang();
    let translations = &app.corpus.translations;
    let words = TranslatedWords {
        lang,
        scheme: translations.scheme(lang, &scheme.id).map(|t| &t.text),
        desks: ctx
            .desks
            .iter()
            .filter_map(|d| translations.desk(lang, &d.id))
            .map(|t| &t.text)
            .collect(),
    };
    text.push_str(&scheme_name(app, m, scheme));
    for (i, f) in facts.iter().enumerate() {
        let mut sentences = fact_in(scheme, f.asked, f.known, ctx, &words);
        // やさしい日本語 quotes the entry's words on the point asked, as Japanese does; English
        // has them in the official Japanese below.
        if lang == Lang::Easy && i + 1 == facts.len() && !sentences.is_empty() {
            sentences.extend(points.iter().cloned());
        }
        let sentence = if sentences.is_empty() {
            let official = render(Messages::new(Lang::Ja), &f.sentences);
            m.ta("chat-fact-in-official", "official", &official)
        } else {
            render(m, &sentences)
        };
        text.push('\n');
        text.push_str(&m.targs(
            "chat-fact-line",
            &[("label", &label(m, f.asked)), ("text", &sentence)],
        ));
    }
}
