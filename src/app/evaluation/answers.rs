//! `shien eval --answers`: does the chatbot answer the factual question that was asked?
//! Each case names the scheme a correct answer cites and groups of alternative strings, one of
//! each group must appear in the reply. Three figures: right scheme cited (first), all required
//! facts present, and answers that state a number the cited schemes' corpus text does not hold.

use std::collections::{BTreeMap, HashSet};

use chrono::{NaiveDate, NaiveDateTime};
use regex::Regex;
use serde::{Deserialize, Serialize};
use unicode_normalization::UnicodeNormalization;

use super::measures::{EvalError, Result, round4};
use crate::app::Engine;
use crate::app::chat::{Caller, ChatBot, ChatSession};
use crate::domain::Lang;
use crate::domain::calendar::OfficeCalendar;
use crate::domain::corpus::Corpus;
use crate::domain::inquiry::Channel;
use crate::domain::scheme::yen_ja;

#[derive(Debug, Clone, Deserialize)]
pub struct AnswerCase {
    pub id: String,
    pub question: String,
    pub scheme_id: String,
    /// What the question asks (amount, rate, eligibility, years, deadline, how_to_apply,
    /// documents, contact, combination).
    #[serde(default)]
    pub asks: Vec<String>,
    /// Each inner list: alternatives, any one of which satisfies the fact.
    pub must_contain: Vec<Vec<String>>,
    #[serde(default)]
    pub lang: Option<String>,
}

impl AnswerCase {
    /// The interface the question is asked from: a `lang: "easy"` question is a caller on the
    /// やさしい日本語 pages, and gets the reply that caller would get; no or an unknown language
    /// is the Japanese interface.
    pub fn interface(&self) -> Lang {
        self.lang
            .as_deref()
            .and_then(Lang::parse)
            .unwrap_or(Lang::Ja)
    }
}

#[derive(Debug, Clone, Serialize)]
pub struct AnswerReport {
    pub questions: usize,
    /// Share whose first citation is the expected scheme.
    pub right_scheme: f64,
    /// Share whose reply holds one alternative of every required group.
    pub facts_present: f64,
    /// Answers stating a number (円, %, 分の) that no cited scheme's corpus text holds.
    pub wrong_number_answers: usize,
    /// Facts present, per asked attribute.
    pub by_ask: BTreeMap<String, AskScore>,
    /// Facts present, per language.
    pub by_lang: BTreeMap<String, AskScore>,
    pub failures: Vec<AnswerFailure>,
}

#[derive(Debug, Clone, Copy, Default, Serialize)]
pub struct AskScore {
    pub questions: usize,
    pub facts_present: f64,
}

#[derive(Debug, Clone, Serialize)]
pub struct AnswerFailure {
    pub id: String,
    pub question: String,
    pub expected_scheme: String,
    pub cited: Vec<String>,
    pub missing: Vec<Vec<String>>,
    pub wrong_numbers: Vec<String>,
    /// What the question was read as asking (`Asked` codes), to tell a misread question from
    /// a fact the answer left out.
    pub read_as: Vec<&'static str>,
    pub reply: String,
}

/// Text compared for facts: NFKC, lower case, without commas and white space.
pub fn comparable(text: &str) -> String {
    text.nfkc()
        .flat_map(char::to_lowercase)
        .filter(|c| !c.is_whitespace() && *c != ',' && *c != '、')
        .collect()
}

/// Numbers that carry a unit of money, percent or fraction, in [`comparable`] form:
/// `250万円`, `1億5000万円`, `0.1%`, `3分の2`. Only the comma that groups digits is removed,
/// so `1,500万円` reads `1500万円`.
pub fn stated_numbers(text: &str) -> Vec<String> {
    static NUMBER: std::sync::OnceLock<Regex> = std::sync::OnceLock::new();
    let re = NUMBER.get_or_init(|| {
        Regex::new(r"(\d+(?:\.\d+)?(?:億\d*)?(?:万\d*)?(?:千)?円|\d+(?:\.\d+)?%|\d+分の\d+)")
            .expect("valid pattern")
    });
    let text: String = text
        .nfkc()
        .filter(|c| !c.is_whitespace() && *c != ',')
        .collect();
    re.find_iter(&text)
        .map(|m| m.as_str().to_string())
        .collect()
}

/// Every number with a unit the corpus says about a scheme: its own fields, its structured
/// amounts, the FAQs that cite it and the desks that describe it.
pub fn scheme_numbers(corpus: &Corpus, id: &str) -> HashSet<String> {
    let Some(s) = corpus.scheme(id) else {
        return HashSet::new();
    };
    let mut text = vec![
        s.title.clone(),
        s.summary.clone(),
        s.details.clone(),
        s.how_to_apply.clone(),
        s.contact.clone(),
        s.notes.clone().unwrap_or_default(),
    ];
    text.extend(s.aliases.iter().cloned());
    text.extend(s.eligibility.conditions.iter().cloned());
    if let Some(a) = &s.amount {
        text.extend(a.text.iter().cloned());
        text.extend(a.rate.iter().cloned());
        text.extend(a.max_yen.iter().map(|y| yen_ja(*y)));
        text.extend(a.min_yen.iter().map(|y| yen_ja(*y)));
    }
    // The structured eligibility's amounts (capital, sales) are corpus fields too.
    let e = &s.eligibility;
    let yen = e
        .max_capital_yen
        .into_iter()
        .chain(e.size_caps.iter().filter_map(|c| c.max_capital_yen))
        .chain(e.min_sales_yen)
        .chain(e.max_sales_yen);
    text.extend(yen.map(yen_ja));
    for f in corpus.faqs_for(id) {
        text.push(f.question.clone());
        text.push(f.answer.clone());
    }
    for d in corpus
        .desks
        .iter()
        .filter(|d| d.scheme_id.as_deref() == Some(id))
    {
        text.push(d.name.clone());
        text.push(d.how_to_book.clone());
    }
    text.iter().flat_map(|t| stated_numbers(t)).collect()
}

/// Asks each question in a fresh session at 10:00 JST on `today`, from the interface of its
/// language, and scores the replies.
pub fn eval_answers(app: &Engine, cases: &[AnswerCase], today: NaiveDate) -> Result<AnswerReport> {
    let bot = ChatBot::new(app.settings.handoff_confidence);
    let calendar = OfficeCalendar::new();
    let now: NaiveDateTime = today.and_hms_opt(10, 0, 0).expect("valid time");
    let (mut right, mut present, mut wrong) = (0usize, 0usize, 0usize);
    let mut by_ask: BTreeMap<String, (usize, usize)> = BTreeMap::new();
    let mut by_lang: BTreeMap<String, (usize, usize)> = BTreeMap::new();
    let mut failures = Vec::new();
    for case in cases {
        let mut session = ChatSession::default();
        let out = bot
            .answer(
                app,
                &calendar,
                format!("eval-{}", case.id),
                &mut session,
                &case.question,
                Caller::new(Channel::Operator, case.interface()),
                now,
            )
            .map_err(|e| EvalError::Run(format!("{}: {e}", case.id)))?;
        let reply = &out.reply.reply;
        let cited: Vec<String> = out.reply.citations.iter().map(|c| c.id.clone()).collect();
        let scheme_ok = cited.first() == Some(&case.scheme_id);
        let shown = comparable(reply);
        let missing: Vec<Vec<String>> = case
            .must_contain
            .iter()
            .filter(|group| !group.iter().any(|alt| shown.contains(&comparable(alt))))
            .cloned()
            .collect();
        let known: HashSet<String> = cited
            .iter()
            .flat_map(|id| scheme_numbers(&app.corpus, id))
            .collect();
        let wrong_numbers: Vec<String> = stated_numbers(reply)
            .into_iter()
            .filter(|n| !known.contains(n))
            .collect();
        right += scheme_ok as usize;
        present += missing.is_empty() as usize;
        wrong += !wrong_numbers.is_empty() as usize;
        for ask in &case.asks {
            let e = by_ask.entry(ask.clone()).or_default();
            e.0 += 1;
            e.1 += missing.is_empty() as usize;
        }
        let e = by_lang
            .entry(case.interface().code().to_string())
            .or_default();
        e.0 += 1;
        e.1 += missing.is_empty() as usize;
        if !scheme_ok || !missing.is_empty() || !wrong_numbers.is_empty() {
            failures.push(AnswerFailure {
                id: case.id.clone(),
                question: case.question.clone(),
                expected_scheme: case.scheme_id.clone(),
                cited,
                missing,
                wrong_numbers,
                read_as: crate::domain::asked::asked(&crate::text::normalize(&case.question))
                    .into_iter()
                    .map(|a| a.code())
                    .collect(),
                reply: reply.clone(),
            });
        }
    }
    let n = cases.len().max(1) as f64;
    let scores = |m: BTreeMap<String, (usize, usize)>| {
        m.into_iter()
            .map(|(k, (q, ok))| {
                let score = AskScore {
                    questions: q,
                    facts_present: round4(ok as f64 / q as f64),
                };
                (k, score)
            })
            .collect()
    };
    Ok(AnswerReport {
        questions: cases.len(),
        right_scheme: round4(right as f64 / n),
        facts_present: round4(present as f64 / n),
        wrong_number_answers: wrong,
        by_ask: scores(by_ask),
        by_lang: scores(by_lang),
        failures,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn numbers_with_units_are_read_in_one_form() {
        assert_eq!(
            stated_numbers("上限２５０万円、補助率３分の２、利率0.1％、1,500万円と7億2,000万円"),
            vec!["250万円", "3分の2", "0.1%", "1500万円", "7億2000万円"]
        );
        // A number without a unit is no stated amount (dates, phone numbers, counts).
        assert!(stated_numbers("2026年4月1日 03-3578-2111 5人以下").is_empty());
    }

    #[test]
    fn facts_compare_without_width_commas_or_spaces() {
        assert!(comparable("上限 1,500 万円").contains(&comparable("1500万円")));
        assert!(comparable("０１２０－１５４－５０５").contains("0120-154-505"));
    }
}
