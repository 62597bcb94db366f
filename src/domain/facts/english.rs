//! The asked facts in English, for a question written in English: sentences built from the
//! same structured fields as the Japanese (amounts, rounds, years, desk hours), and the
//! reviewed English translation of the scheme's words (who can apply, how to apply) where
//! one exists. Text the corpus holds only in Japanese is not translated here: the reply
//! quotes the Japanese facts beside these sentences. Never a guess, as in Japanese.

use chrono::NaiveDate;

use super::FactContext;
use crate::domain::asked::Asked;
use crate::domain::consultants::{Desk, DeskDay};
use crate::domain::corpus::translation::{DeskText, SchemeText};
use crate::domain::scheme::{
    Area, Kind, LegalForm, OfficeRule, PersonRule, PreFounding, Scheme, SizeRule, WindowKind,
    yen_en,
};

/// The reviewed English words an English fact may use.
#[derive(Debug, Clone, Default)]
pub struct EnglishWords<'a> {
    /// The scheme's translation (title, who, how to apply), when there is one.
    pub scheme: Option<&'a SchemeText>,
    /// Translations of the desks in [`FactContext::desks`], where they exist.
    pub desks: Vec<&'a DeskText>,
}

/// The fact `asked` about `scheme` in English: what the structured fields and the English
/// translation say, or, when they hold nothing, that it is not known and where to confirm.
/// `known` is the Japanese fact's verdict, so both languages agree on what is unknown.
pub fn fact_en(
    scheme: &Scheme,
    asked: Asked,
    known: bool,
    ctx: &FactContext,
    words: &EnglishWords,
) -> String {
    let text = match asked {
        Asked::Amount => amount(scheme),
        Asked::Rate => rate(scheme),
        Asked::Eligibility => eligibility(scheme, ctx, words),
        Asked::Years => years(scheme),
        Asked::Deadline => deadline(scheme, ctx, words),
        Asked::HowToApply => how_to_apply(scheme, words),
        Asked::Documents => documents(words),
        Asked::Contact => contact(scheme, ctx, words),
        Asked::Combination => combination(scheme, ctx),
    };
    if known {
        return text;
    }
    let mut s = format!(
        "{} is not confirmed in our sources. Please check with {} or on the official page.",
        asked.label_en(),
        scheme.contact.trim().trim_end_matches('。')
    );
    if !text.is_empty() {
        s.push(' ');
        s.push_str(&text);
    }
    s
}

/// 29 May 2026.
pub fn date_en(d: NaiveDate) -> String {
    d.format("%-d %B %Y").to_string()
}

/// 2500000 → "2.5 million yen (¥2,500,000)"; below a million, "¥400,000".
pub fn yen_words(yen: u64) -> String {
    if yen >= 1_000_000 {
        let millions = format!("{:.2}", yen as f64 / 1_000_000.0);
        let millions = millions.trim_end_matches('0').trim_end_matches('.');
        format!("{millions} million yen ({})", yen_en(yen))
    } else {
        yen_en(yen)
    }
}

/// A published rate in English where it reads plainly ("2/3以内" → "up to 2/3",
/// "3分の2" → "2/3"), else `None` (the Japanese is quoted instead).
pub fn rate_words(rate: &str) -> Option<String> {
    let mut r = rate.trim().to_string();
    let up_to = r.ends_with("以内") || r.ends_with("以下");
    r = r
        .trim_end_matches("以内")
        .trim_end_matches("以下")
        .to_string();
    if let Some((den, num)) = r.split_once("分の")
        && den.chars().all(|c| c.is_ascii_digit())
        && num.chars().all(|c| c.is_ascii_digit())
    {
        r = format!("{num}/{den}");
    }
    r = r.replace('％', "%");
    if !r.is_ascii() || r.is_empty() {
        return None;
    }
    Some(if up_to { format!("up to {r}") } else { r })
}

fn amount(scheme: &Scheme) -> String {
    let Some(a) = &scheme.amount else {
        return String::new();
    };
    let what = match scheme.kind {
        Kind::Loan | Kind::LoanMediation => "The loan limit is",
        Kind::Subsidy | Kind::Grant => "The maximum amount is",
        _ => "The maximum is",
    };
    let mut parts = Vec::new();
    if let Some(max) = a.max_yen {
        parts.push(format!("{what} {}.", yen_words(max)));
    }
    if let Some(min) = a.min_yen {
        parts.push(format!("The minimum is {}.", yen_words(min)));
    }
    if let Some(r) = a.rate.as_deref().and_then(rate_words) {
        parts.push(format!("The rate is {r}."));
    }
    parts.join(" ")
}

fn rate(scheme: &Scheme) -> String {
    let Some(a) = &scheme.amount else {
        return String::new();
    };
    let what = match scheme.kind {
        Kind::Loan | Kind::LoanMediation => "The interest rate is",
        _ => "The rate is",
    };
    match a.rate.as_deref() {
        Some(r) => match rate_words(r) {
            Some(words) => format!("{what} {words}."),
            None => format!("{what} as published in Japanese: {r}."),
        },
        None => String::new(),
    }
}

fn area_en(area: Area) -> &'static str {
    match area {
        Area::Minato => "Minato City",
        Area::Tokyo => "Tokyo",
        Area::Anywhere | Area::OtherPrefecture => "",
    }
}

fn eligibility(scheme: &Scheme, ctx: &FactContext, words: &EnglishWords) -> String {
    let e = &scheme.eligibility;
    let rule = super::who::covered_rule(scheme, ctx.question)
        .map(|c| {
            format!(
                "The condition is 「{c}」: if your case does not meet it, you are not eligible. "
            )
        })
        .unwrap_or_default();
    let size = match e.size {
        SizeRule::Sme => "small and medium-sized enterprises (SMEs)",
        SizeRule::Small if e.small_by_law() => {
            "small businesses (at most 20 regular employees in manufacturing and most other industries, 5 in commerce and services; 20 in lodging and entertainment)"
        }
        SizeRule::Small => "small businesses",
        SizeRule::Any => "businesses",
    };
    let place = match (area_en(e.location), e.office) {
        ("", _) => String::new(),
        (area, OfficeRule::HeadOffice) => format!(
            " with their head office (for sole proprietors, main place of business) in {area}"
        ),
        (area, OfficeRule::AnyOffice) => format!(" with a place of business in {area}"),
    };
    let legal = match e.legal_form {
        LegalForm::Any => "Both companies and sole proprietors can apply.",
        LegalForm::Corporate => "Only companies can apply, not sole proprietors.",
        LegalForm::SoleProprietor => {
            "Only individuals (sole proprietors or people about to start) can apply, not companies."
        }
    };
    let mut s = format!("{rule}It is mainly for {size}{place}. {legal}");
    if let Some(n) = e.max_employees {
        s.push_str(&format!(" At most {n} regular employees."));
    }
    if let Some(n) = e.min_employees {
        s.push_str(&format!(" At least {n} regular employees."));
    }
    if let Some(y) = e.max_capital_yen {
        s.push_str(&format!(" Capital of at most {}.", yen_words(y)));
    }
    let years = years_rules(scheme);
    if !years.is_empty() {
        s.push(' ');
        s.push_str(&years.join(" "));
    }
    if let Some(who) = words.scheme.map(|t| t.who.trim()).filter(|w| !w.is_empty()) {
        s.push_str(&format!(" In short: {who}"));
    }
    s
}

/// The years and the owner's age or experience, one sentence each.
fn years_rules(scheme: &Scheme) -> Vec<String> {
    let e = &scheme.eligibility;
    let mut parts = Vec::new();
    if let Some(n) = e.max_years {
        parts.push(format!(
            "It is for businesses founded less than {n} {} ago.",
            plural(n, "year")
        ));
    }
    if let Some(n) = e.min_years {
        let place = match area_en(e.min_years_area) {
            "" => String::new(),
            area => format!(" in {area}"),
        };
        parts.push(format!(
            "You must have been in business{place} for at least {n} {} in a row.",
            plural(n, "year")
        ));
    }
    if let Some(p) = &e.person {
        parts.extend(person(p));
    }
    parts
}

fn plural(n: u32, word: &str) -> String {
    if n == 1 {
        word.to_string()
    } else {
        format!("{word}s")
    }
}

fn person(p: &PersonRule) -> Vec<String> {
    let mut parts = Vec::new();
    let mut who = Vec::new();
    if p.women {
        who.push("a woman".to_string());
    }
    if let Some(n) = p.below_age {
        who.push(format!("under {n}"));
    }
    if let Some(n) = p.from_age {
        who.push(format!("{n} or older"));
    }
    if !who.is_empty() {
        parts.push(format!(
            "The owner (founder) must be {}.",
            who.join(", or ")
        ));
    }
    if let Some(n) = p.max_management_years {
        parts.push(format!(
            "The owner must have less than {n} {} of management experience.",
            plural(n, "year")
        ));
    }
    parts
}

fn years(scheme: &Scheme) -> String {
    let mut parts = years_rules(scheme);
    parts.push(
        match scheme.eligibility.pre_founding {
            PreFounding::Allowed => {
                "People who have not started their business yet can also use it."
            }
            PreFounding::Only => "Only people who have not started their business yet can use it.",
            PreFounding::No => {
                "It cannot be used before you start your business: apply once you have started."
            }
        }
        .to_string(),
    );
    parts.join(" ")
}

fn deadline(scheme: &Scheme, ctx: &FactContext, words: &EnglishWords) -> String {
    let w = &scheme.window;
    let mut parts = Vec::new();
    match w.kind {
        WindowKind::Always => {
            parts.push("Applications are accepted at any time, all year round; there is no fixed deadline.".into())
        }
        WindowKind::Annual => parts.push(format!(
            "It is usually offered every year, but the next application period had not been announced as of {}.",
            date_en(scheme.as_of)
        )),
        WindowKind::Rounds => {
            for r in &w.rounds {
                let state = match ctx.today {
                    Some(t) if r.opens <= t && t <= r.closes => " (open now)",
                    Some(t) if t < r.opens => " (not open yet)",
                    Some(_) => " (closed)",
                    None => "",
                };
                parts.push(format!(
                    "{} ({}): applications from {} to {}{state}.",
                    round_name(&r.label),
                    r.label,
                    date_en(r.opens),
                    date_en(r.closes)
                ));
            }
            if ctx
                .today
                .is_some_and(|t| w.rounds.iter().all(|r| r.closes < t))
            {
                parts.push(format!(
                    "The next round's dates are not in our sources. Please check with {} or on the official page.",
                    scheme.contact.trim().trim_end_matches('。')
                ));
            }
        }
    }
    // Time limits the English how-to-apply text gives ("within 14 days", "before …").
    if let Some(t) = words.scheme {
        for s in english_sentences(&t.how_to_apply) {
            let l = s.to_lowercase();
            if [
                "within",
                "before",
                "by the",
                "deadline",
                "period",
                "first-come",
                "until",
            ]
            .iter()
            .any(|w| l.contains(w))
            {
                parts.push(s);
            }
        }
    }
    parts.join(" ")
}

/// "第22次公募" → "Round 22"; a label without a number stays as it is.
fn round_name(label: &str) -> String {
    let digits: String = label.chars().filter(|c| c.is_ascii_digit()).collect();
    if digits.is_empty() {
        "Round".to_string()
    } else {
        format!("Round {digits}")
    }
}

fn how_to_apply(scheme: &Scheme, words: &EnglishWords) -> String {
    let mut s = words
        .scheme
        .map(|t| t.how_to_apply.trim().to_string())
        .unwrap_or_default();
    if !s.is_empty() {
        s.push(' ');
    }
    s.push_str(&format!(
        "Where to apply or ask: {}.",
        scheme.contact.trim().trim_end_matches('。')
    ));
    s
}

fn documents(words: &EnglishWords) -> String {
    const PAPERS: &[&str] = &[
        "document",
        "form",
        "plan",
        "quote",
        "certificate",
        "report",
        "application",
        "estimate",
        "receipt",
        "statement",
    ];
    let Some(t) = words.scheme else {
        return String::new();
    };
    let found: Vec<String> = english_sentences(&t.how_to_apply)
        .into_iter()
        .filter(|s| {
            let l = s.to_lowercase();
            PAPERS.iter().any(|w| l.contains(w))
        })
        .collect();
    found.join(" ")
}

fn day_en(d: DeskDay) -> &'static str {
    match d {
        DeskDay::Mon => "Mondays",
        DeskDay::Tue => "Tuesdays",
        DeskDay::Wed => "Wednesdays",
        DeskDay::Thu => "Thursdays",
        DeskDay::Fri => "Fridays",
    }
}

/// "Wednesdays, 13:00–16:00", with a caveat when the times are stand-ins.
pub fn schedule_en(desk: &Desk) -> String {
    let days: Vec<&str> = desk.weekdays.iter().map(|d| day_en(*d)).collect();
    let caveat = if desk.hours_confirmed {
        ""
    } else {
        " (times not yet confirmed: please check when you book)"
    };
    format!(
        "{}, {}–{}{caveat}",
        days.join(", "),
        desk.opens,
        desk.closes
    )
}

fn contact(scheme: &Scheme, ctx: &FactContext, words: &EnglishWords) -> String {
    let mut s = format!("Contact: {}.", scheme.contact.trim().trim_end_matches('。'));
    for d in ctx.desks.iter().take(2) {
        let text = words.desks.iter().find(|t| t.id == d.id);
        let name = text.map_or(d.name.as_str(), |t| t.name.as_str());
        let book = text.map_or(d.how_to_book.as_str(), |t| t.how_to_book.as_str());
        s.push_str(&format!(
            " {name} is open on {} ({}).",
            schedule_en(d),
            book.trim().trim_end_matches('.')
        ));
        if let Some(phone) = &d.phone
            && !s.contains(phone.as_str())
        {
            s.push_str(&format!(" Phone: {phone}."));
        }
    }
    if ctx.desks.is_empty()
        && let Some(t) = words.scheme
    {
        const WHEN: &[&str] = &[
            "monday",
            "tuesday",
            "wednesday",
            "thursday",
            "friday",
            "a.m.",
            "p.m.",
            "morning",
            "afternoon",
            ":00",
        ];
        for h in english_sentences(&t.how_to_apply) {
            let l = h.to_lowercase();
            if WHEN.iter().any(|w| l.contains(w)) {
                s.push(' ');
                s.push_str(&h);
            }
        }
    }
    s
}

fn combination(scheme: &Scheme, ctx: &FactContext) -> String {
    if let Some(other) = ctx.other {
        if scheme.not_combinable_with.contains(&other.id)
            || other.not_combinable_with.contains(&scheme.id)
        {
            return format!(
                "{} and {} cannot both be used for the same costs.",
                scheme.title, other.title
            );
        }
    } else if !ctx.not_combinable.is_empty() {
        return format!(
            "{} cannot be combined with {} for the same costs.",
            scheme.title,
            ctx.not_combinable.join(", ")
        );
    }
    String::new()
}

/// The sentences of an English text, each ending with its full stop.
fn english_sentences(text: &str) -> Vec<String> {
    text.split_inclusive(". ")
        .map(str::trim)
        .filter(|s| !s.is_empty())
        .map(str::to_string)
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn yen_reads_in_millions_with_the_exact_figure() {
        assert_eq!(yen_words(2_500_000), "2.5 million yen (¥2,500,000)");
        assert_eq!(yen_words(15_000_000), "15 million yen (¥15,000,000)");
        assert_eq!(yen_words(400_000), "¥400,000");
    }

    #[test]
    fn plain_rates_are_written_in_english_and_others_are_left_to_the_japanese() {
        assert_eq!(rate_words("2/3以内").as_deref(), Some("up to 2/3"));
        assert_eq!(rate_words("3分の2").as_deref(), Some("2/3"));
        assert_eq!(rate_words("0.1%").as_deref(), Some("0.1%"));
        assert_eq!(rate_words("原則1/2（小規模は2/3）"), None);
    }

    #[test]
    fn dates_and_rounds_read_in_english() {
        let d = NaiveDate::from_ymd_opt(2026, 5, 29).unwrap();
        assert_eq!(date_en(d), "29 May 2026");
        assert_eq!(round_name("第22次公募"), "Round 22");
    }
}
