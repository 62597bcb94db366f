//! Which scheme a factual question is about, and for a combination question the other
//! scheme it names.

use super::compose::is_english;
use crate::app::engine::{Engine, Result, SchemeHit, SearchOutcome, level_hint};
use crate::domain::asked::{Asked, without_asking_words};
use crate::domain::scheme::{Kind, Scheme};
use crate::domain::search::{SearchFilters, SearchQuery};

/// The scheme a factual question is about: the best result for the question without its
/// asking words ("補助率", "上限" are in many entries and would pull the ranking), preferring
/// the level and the kind the caller names ("港区の…", "…の融資") among close results. Of two schemes a combination question
/// names, the one whose rule excludes the other, else the one named first.
pub(super) fn asked_scheme<'a>(
    app: &'a Engine,
    outcome: &SearchOutcome,
    terms: &crate::text::QueryTerms,
    asking: &[Asked],
    today: chrono::NaiveDate,
) -> Result<Option<&'a Scheme>> {
    let normalized = terms.normalized.as_str();
    let topic = without_asking_words(normalized);
    let search = |text: &str| -> Result<Vec<SchemeHit>> {
        match SearchQuery::parse(text) {
            Ok(q) if text.chars().count() >= 2 => {
                Ok(app.search(&q, &SearchFilters::default(), 5, today)?.results)
            }
            _ => Ok(Vec::new()),
        }
    };
    let narrowed = search(&topic)?;
    let results: &[SchemeHit] = if narrowed.is_empty() {
        &outcome.results
    } else {
        &narrowed
    };
    let Some(best) = results.first() else {
        return Ok(None);
    };
    let mut close: Vec<&SchemeHit> = results
        .iter()
        .take(3)
        .filter(|h| h.score >= best.score * 0.8)
        .collect();
    // An English question is also searched by the Japanese words its synonyms stand for
    // ("monozukuri" → ものづくり): the English words alone can favour a scheme whose English
    // text shares the question's common words ("small businesses"). The two best of each
    // search are the candidates, in the order of their summed reciprocal ranks.
    let english = is_english(normalized);
    let by_synonyms = if english && !terms.expansions.is_empty() {
        search(&terms.expansions.join(" "))?
    } else {
        Vec::new()
    };
    if !by_synonyms.is_empty() {
        let rrf = |h: &SchemeHit| -> f32 {
            [results, by_synonyms.as_slice()]
                .iter()
                .filter_map(|list| list.iter().position(|x| x.id == h.id))
                .map(|rank| 1.0 / (60.0 + rank as f32))
                .sum()
        };
        close = results.iter().take(2).collect();
        for h in by_synonyms.iter().take(2) {
            if !close.iter().any(|c| c.id == h.id) {
                close.push(h);
            }
        }
        close.sort_by(|a, b| rrf(b).total_cmp(&rrf(a)));
    }
    let level = level_hint(normalized);
    let kinds = named_kinds(normalized);
    // Among close results: the level the caller names, the kind of scheme it names (a loan,
    // a grant, a desk), one whose name the question quotes at length (see QUOTED_NAME: "…（運
    // 転資金・設備資金の一般的な融資）の限度額" names that loan, not the founders' one whose
    // amount is known), then one that holds the asked amount or rate (a desk entry has
    // neither), then the best.
    let holds = |h: &SchemeHit| {
        let amount = app.scheme(&h.id).and_then(|s| s.amount.as_ref());
        asking.iter().all(|a| match a {
            Asked::Amount => amount.is_some(),
            Asked::Rate => amount
                .is_some_and(|a| a.rate.is_some() || a.text.as_deref().is_some_and(states_a_rate)),
            _ => true,
        })
    };
    let of_kind = |h: &SchemeHit| {
        kinds.is_none_or(|ks| app.scheme(&h.id).is_some_and(|s| ks.contains(&s.kind)))
    };
    let chosen = close
        .iter()
        .copied()
        .max_by_key(|h| {
            (
                level.is_none_or(|l| h.level == l),
                of_kind(h),
                app.scheme(&h.id).is_some_and(|s| {
                    named_at(s, normalized).is_some_and(|(len, _)| len >= QUOTED_NAME)
                        || (english && japanese_name_quoted(s, normalized))
                }),
                if english {
                    english_name_quoted(app, &h.id, normalized)
                } else {
                    0
                },
                holds(h),
                std::cmp::Reverse(close.iter().position(|c| c.id == h.id)),
            )
        })
        .unwrap_or(best);
    if asking.contains(&Asked::Combination) {
        let mut named: Vec<(usize, &Scheme)> = Vec::new();
        for h in results.iter().chain(outcome.results.iter()).take(8) {
            if let Some(s) = app.scheme(&h.id)
                && !named.iter().any(|(_, n)| n.id == s.id)
                && let Some(at) = mention(s, normalized)
            {
                named.push((at, s));
            }
        }
        let owner = named
            .iter()
            .find(|(_, a)| named.iter().any(|(_, b)| b.id != a.id && excludes(a, b)));
        if let Some((_, s)) = owner.or_else(|| named.iter().min_by_key(|(at, _)| *at)) {
            return Ok(Some(s));
        }
    }
    Ok(app.scheme(&chosen.id))
}

/// A run of a scheme's name this long in the question quotes it (a title's distinctive part,
/// not the "融資あっせん" or "補助金" many names share).
const QUOTED_NAME: usize = 10;

/// Where the question names the scheme: the position of the longest run of four or more
/// characters it shares with the title or an alias ("区の創業支援融資" names
/// "港区中小企業融資あっせん（創業支援融資）"), if any.
fn mention(s: &Scheme, normalized: &str) -> Option<usize> {
    named_at(s, normalized).map(|(_, at)| at)
}

/// The longest run of four or more characters the question shares with the scheme's title or
/// an alias: its length in characters and where it starts in the question.
fn named_at(s: &Scheme, normalized: &str) -> Option<(usize, usize)> {
    let mut best: Option<(usize, usize)> = None;
    for name in std::iter::once(&s.title).chain(s.aliases.iter()) {
        let name: Vec<char> = crate::text::normalize(name).chars().collect();
        for start in 0..name.len() {
            for end in (start + 4..=name.len()).rev() {
                let piece: String = name[start..end].iter().collect();
                if let Some(at) = normalized.find(&piece) {
                    let len = end - start;
                    if best.is_none_or(|(l, _)| len > l) {
                        best = Some((len, at));
                    }
                    break;
                }
            }
        }
    }
    best
}

/// Whether an English question quotes the scheme's Japanese name: a run of four or more
/// Japanese characters standing in it ("… apply for 経営革新計画 approval") that the title or
/// an alias holds whole. Shorter than [`QUOTED_NAME`] is enough here: the caller chose to
/// write those words in Japanese.
fn japanese_name_quoted(s: &Scheme, normalized: &str) -> bool {
    let names: Vec<String> = std::iter::once(&s.title)
        .chain(s.aliases.iter())
        .map(|n| crate::text::normalize(n))
        .collect();
    // A name in brackets glosses the English one beside it ("the emergency loan (緊急支援融
    // 資)"), which may be the other thing asked about; only a bare name stands for the subject.
    let mut bare = String::new();
    let mut depth = 0usize;
    for c in normalized.chars() {
        match c {
            '(' | '（' | '「' => depth += 1,
            ')' | '）' | '」' => depth = depth.saturating_sub(1),
            _ if depth == 0 => bare.push(c),
            _ => {}
        }
    }
    bare.split(|c: char| c.is_ascii())
        .filter(|run| run.chars().count() >= 4)
        .any(|run| names.iter().any(|n| n.contains(run)))
}

/// How much of a scheme's English name (its title before the Japanese name in brackets or a
/// description after a colon) an English question quotes: the distinctive letters
/// (see [`COMMON_TITLE_WORDS`]) of the longest run of whole title words it repeats, when at
/// least [`QUOTED_NAME`] ("DX Reskilling Grant" names that grant, "Minato City … Support"
/// names none); else 0.
fn english_name_quoted(app: &Engine, id: &str, normalized: &str) -> usize {
    let Some(title) = app
        .corpus
        .translations
        .scheme(crate::domain::Lang::En, id)
        .map(|t| t.text.title.split(['(', ':']).next().unwrap_or_default())
    else {
        return 0;
    };
    let words = |text: &str| -> Vec<String> {
        text.to_lowercase()
            .split(|c: char| !(c.is_ascii_alphanumeric() || c == '-' || c == '\''))
            .map(|w| w.replace(['-', '\''], ""))
            .filter(|w| !w.is_empty())
            .collect()
    };
    let title = words(title);
    let question = words(normalized);
    let mut best = 0;
    for start in 0..title.len() {
        for q in 0..question.len() {
            let run = title[start..]
                .iter()
                .zip(&question[q..])
                .take_while(|(t, q)| t == q)
                .map(|(t, _)| t);
            let letters: usize = run
                .filter(|w| !COMMON_TITLE_WORDS.contains(&w.as_str()))
                .map(|w| w.len())
                .sum();
            best = best.max(letters);
        }
    }
    if best >= QUOTED_NAME { best } else { 0 }
}

/// Words many English titles share, which name no scheme in particular.
const COMMON_TITLE_WORDS: &[&str] = &[
    "minato",
    "city",
    "tokyo",
    "metropolitan",
    "government",
    "japan",
    "national",
    "sme",
    "smes",
    "small",
    "business",
    "businesses",
    "support",
    "subsidy",
    "subsidies",
    "grant",
    "grants",
    "loan",
    "loans",
    "fund",
    "programme",
    "program",
    "scheme",
    "system",
    "for",
    "the",
    "of",
    "and",
    "on",
    "in",
    "a",
    "an",
    "to",
    "with",
    "by",
    "corporation",
    "finance",
];

/// Whether `a`'s own rules exclude `b`: listed as not combinable, or a condition naming it
/// ("…持続化補助金を含む…を受けていないこと").
fn excludes(a: &Scheme, b: &Scheme) -> bool {
    a.not_combinable_with.contains(&b.id)
        || a.eligibility.conditions.iter().any(|c| {
            let c = crate::text::normalize(c);
            std::iter::once(&b.title)
                .chain(b.aliases.iter())
                .map(|n| crate::text::normalize(n))
                .filter(|n| n.chars().count() >= 4)
                .any(|n| c.contains(&n))
        })
}

/// For a combination question, the other scheme it names: one this scheme excludes, else one
/// named by title or alias among the next results.
pub(super) fn other_scheme<'a>(
    app: &'a Engine,
    scheme: &Scheme,
    outcome: &SearchOutcome,
    asking: &[Asked],
) -> Option<&'a Scheme> {
    if !asking.contains(&Asked::Combination) {
        return None;
    }
    let next: Vec<&SchemeHit> = outcome.results.iter().skip(1).take(4).collect();
    next.iter()
        .filter_map(|h| app.scheme(&h.id))
        .find(|o| {
            scheme.not_combinable_with.contains(&o.id) || o.not_combinable_with.contains(&scheme.id)
        })
        .or_else(|| {
            next.iter()
                .find(|h| h.explanation.title_match > 1.0)
                .and_then(|h| app.scheme(&h.id))
        })
}

/// The kinds of scheme the question names by its noun ("loan", "融資" → a loan or a loan
/// mediation; "grant", "補助金" → a subsidy or grant), when it names exactly one group.
fn named_kinds(normalized: &str) -> Option<&'static [Kind]> {
    const GROUPS: &[(&[&str], &[Kind])] = &[
        (
            &["loan", "融資", "貸付", "ローン"],
            &[Kind::Loan, Kind::LoanMediation],
        ),
        (
            &["subsidy", "grant", "補助金", "助成金", "奨励金"],
            &[Kind::Subsidy, Kind::Grant, Kind::InterestSubsidy],
        ),
        (
            &["consultation", "advice", "desk", "相談", "窓口"],
            &[Kind::Consultation, Kind::ExpertDispatch],
        ),
        (&["seminar", "course", "セミナー", "講座"], &[Kind::Seminar]),
    ];
    let text = normalized.to_lowercase();
    let mut named = GROUPS
        .iter()
        .filter(|(words, _)| words.iter().any(|w| text.contains(w)));
    match (named.next(), named.next()) {
        (Some((_, kinds)), None) => Some(kinds),
        _ => None,
    }
}

/// Whether an amount line states a rate ("3分の2", "1/2", "0.1%").
fn states_a_rate(t: &str) -> bool {
    t.contains("分の") || t.contains('%') || t.contains('％') || t.contains('/')
}
