//! The words of an answer: the asked facts of one scheme (then the FAQ that adds to them and
//! the citation), or, for a question that asks no attribute, the FAQ on the caller's topic
//! and the schemes found.

use super::Citation;
use super::citations::{cite, push_unique};
use crate::app::engine::{Engine, FaqHit, SearchOutcome, shorten};
use crate::domain::asked::Asked;
use crate::domain::corpus::translation::Lang;
use crate::domain::facts::english::{EnglishWords, date_en, fact_en};
use crate::domain::facts::{Fact, FactContext, date_ja, fact};
use crate::domain::scheme::Scheme;

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

/// The reply to a question that asks no attribute: the FAQ about what the caller named, the
/// schemes found, and where to confirm. Also returns the scheme the quoted FAQ is about (the
/// session's subject from now on).
pub(super) fn overview_reply(
    app: &Engine,
    outcome: &SearchOutcome,
    terms: &crate::text::QueryTerms,
    best_words: f32,
) -> (String, Vec<Citation>, Option<String>) {
    let mut text = String::new();
    let mut citations: Vec<Citation> = Vec::new();
    let mut lead = None;
    // Quote a FAQ only when it is about something the caller actually named, not just
    // the generic words (補助金, 使える) every FAQ shares.
    let specific: Vec<&String> = terms
        .lemmas
        .iter()
        .filter(|l| !GENERIC.contains(&l.as_str()))
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
        text.push_str(&faq.answer);
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
        text.push_str(if text.is_empty() {
            "次の制度が参考になります。"
        } else {
            "\n\n関連する制度："
        });
        for s in &listed {
            let amount = s
                .amount_text()
                .map(|a| format!("（{a}）"))
                .unwrap_or_default();
            text.push_str(&format!(
                "\n・{}{}：{}",
                s.title,
                amount,
                shorten(&s.summary, 80)
            ));
            push_unique(&mut citations, cite(&app.corpus, s));
        }
    }
    text.push_str(
        "\n\n詳しい条件は各制度の公式ページでご確認ください。個別のご相談は窓口でも承ります。",
    );
    (text, citations, lead)
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

/// The reply to a factual question about `scheme`: one or two sentences per asked
/// attribute from its structured fields, then the FAQ that adds to them (when a fact is
/// unknown, or the question is one FAQs answer in words), then the citation.
pub(super) fn facts_reply(
    app: &Engine,
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
    let facts: Vec<Fact> = asking.iter().map(|a| fact(scheme, *a, &ctx)).collect();
    let english = is_english(question);
    let mut text = String::new();
    if english {
        english_facts(app, scheme, &facts, &ctx, &mut text);
        text.push_str("\n\nThe official information in Japanese:\n");
    }
    for (i, f) in facts.iter().enumerate() {
        if i == 0 {
            text.push_str(&format!("「{}」の{}：", scheme.title, f.asked.label_ja()));
        } else {
            text.push_str(&format!("\n{}：", f.asked.label_ja()));
        }
        text.push_str(&f.text);
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
        match corpus
            .translations
            .faq(Lang::En, &faq.id)
            .filter(|_| english)
        {
            Some(t) => text.push_str(&format!("\nFrom our FAQ: {}", t.text.answer)),
            None => text.push_str(&format!("\nよくある質問より：{}", faq.answer)),
        }
        for s in faq.scheme_ids.iter().filter_map(|id| corpus.scheme(id)) {
            push_unique(&mut citations, cite(corpus, s));
        }
    }
    if let Some(o) = other {
        push_unique(&mut citations, cite(corpus, o));
    }
    if english {
        text.push_str(&format!(
            "\nSource: {} (information as of {}; please check the official page for the latest).",
            english_title(app, scheme),
            date_en(scheme.as_of)
        ));
    } else {
        text.push_str(&format!(
            "\n出典：{}（{}時点の情報。最新の内容は公式ページでご確認ください）",
            scheme.title,
            date_ja(scheme.as_of)
        ));
    }
    (text, citations)
}

/// The reviewed English title, else the Japanese one.
fn english_title<'a>(app: &'a Engine, scheme: &'a Scheme) -> &'a str {
    app.corpus
        .translations
        .scheme(Lang::En, &scheme.id)
        .map_or(scheme.title.as_str(), |t| t.text.title.as_str())
}

/// The asked facts in English, one line each, from the same fields as the Japanese ones and
/// the reviewed English words of the scheme and its desks.
fn english_facts(
    app: &Engine,
    scheme: &Scheme,
    facts: &[Fact],
    ctx: &FactContext,
    text: &mut String,
) {
    let translations = &app.corpus.translations;
    let words = EnglishWords {
        scheme: translations.scheme(Lang::En, &scheme.id).map(|t| &t.text),
        desks: ctx
            .desks
            .iter()
            .filter_map(|d| translations.desk(Lang::En, &d.id))
            .map(|t| &t.text)
            .collect(),
    };
    text.push_str(english_title(app, scheme));
    for f in facts {
        let sentence = fact_en(scheme, f.asked, f.known, ctx, &words);
        let sentence = if sentence.is_empty() {
            "see the official Japanese below.".to_string()
        } else {
            sentence
        };
        text.push_str(&format!("\n{}: {sentence}", f.asked.label_en()));
    }
}
