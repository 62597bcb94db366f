//! The asked facts for a reply in a translated language (English, やさしい日本語): sentences
//! from the same structured fields as the Japanese reading (amounts, rounds, years, desk
//! hours) and the reviewed translation of the scheme's and desks' words (who can apply, how to
//! apply, how to book) where one exists. Text the corpus holds only in administrative Japanese
//! is quoted as it is for a reader of Japanese script (やさしい日本語), and left to the official
//! Japanese that an English reply adds below. Never a guess, as in Japanese.

use super::english::rate_words;
use super::how::{combination, not_combinable, unknown_contact_details};
use super::sentence::{AmountOf, RateOf, Rule, Sentence, Share};
use super::when::{dated_details, past_rounds, round};
use super::who::{covered_rule, mainly_for, person_rule};
use super::{FactContext, end, end_plain, named_area, sentences};
use crate::domain::asked::Asked;
use crate::domain::corpus::translation::{DeskText, Lang, SchemeText};
use crate::domain::scheme::{Scheme, WindowKind, WindowStatus, yen_ja};

/// The reviewed words a translated fact may use, in the reply's language.
#[derive(Debug, Clone)]
pub struct TranslatedWords<'a> {
    /// English or やさしい日本語.
    pub lang: Lang,
    /// The scheme's translation (title, who, how to apply), when there is one.
    pub scheme: Option<&'a SchemeText>,
    /// Translations of the desks in [`FactContext::desks`], where they exist.
    pub desks: Vec<&'a DeskText>,
}

impl TranslatedWords<'_> {
    /// Whether the reader reads Japanese script, so the entry's own words can be quoted where
    /// the translation has none.
    fn reads_japanese(&self) -> bool {
        self.lang != Lang::En
    }

    /// The sentences of a translated text, each with its full stop.
    fn sentences(&self, text: &str) -> Vec<String> {
        if self.reads_japanese() {
            return sentences(text);
        }
        text.split_inclusive(". ")
            .map(str::trim)
            .filter(|s| !s.is_empty())
            .map(str::to_string)
            .collect()
    }

    /// The first sentence of the translated summary, in lower case, that `holds` of, as the
    /// translation words it.
    fn summary_sentence(&self, holds: impl Fn(&str) -> bool) -> Option<Sentence> {
        self.sentences(&self.scheme?.summary)
            .into_iter()
            .find(|s| holds(&s.to_lowercase()))
            .map(|text| Sentence::Words { text })
    }

    /// The first sentence of the translated summary that gives a figure: in やさしい日本語 one
    /// `japanese` holds of (it reads like the entry's Japanese), in English one with a digit
    /// and one of `english` (lower case).
    fn summary_sentence_giving(
        &self,
        japanese: fn(&str) -> bool,
        english: &[&str],
    ) -> Option<Sentence> {
        self.summary_sentence(|l| {
            if self.reads_japanese() {
                japanese(l)
            } else {
                l.contains(|c: char| c.is_ascii_digit()) && english.iter().any(|w| l.contains(w))
            }
        })
    }

    /// The sentences of the translated how-to-apply text holding one of `words` (lower-case
    /// English, or Japanese), in order.
    fn how_to_apply_with(&self, english: &[&str], japanese: &[&str]) -> Vec<Sentence> {
        let Some(t) = self.scheme else {
            return Vec::new();
        };
        let words = if self.reads_japanese() {
            japanese
        } else {
            english
        };
        self.sentences(&t.how_to_apply)
            .into_iter()
            .filter(|s| {
                let l = s.to_lowercase();
                words.iter().any(|w| l.contains(w))
            })
            .map(|text| Sentence::Words { text })
            .collect()
    }
}

/// The fact `asked` about `scheme` for a translated reply: what the structured fields and the
/// translation say, or, when they hold nothing, that it is not known and where to confirm.
/// `known` is the Japanese fact's verdict, so every language agrees on what is unknown.
pub fn fact_in(
    scheme: &Scheme,
    asked: Asked,
    known: bool,
    ctx: &FactContext,
    words: &TranslatedWords,
) -> Vec<Sentence> {
    let sentences = match asked {
        Asked::Amount => amount(scheme, words),
        Asked::Rate => rate(scheme, words),
        Asked::Eligibility => eligibility(scheme, ctx, words),
        Asked::Years => years(scheme),
        Asked::Deadline => deadline(scheme, ctx, words),
        Asked::HowToApply => how_to_apply(scheme, words),
        Asked::Documents => documents(words),
        Asked::Contact => contact(scheme, ctx, words),
        // The entry's conditions on combining are in Japanese alone; English quotes them too
        // (its catalog says so), rather than leave the asked fact out.
        Asked::Combination => match not_combinable(scheme, ctx) {
            Some(s) => vec![s],
            None => combination(scheme, ctx).0,
        },
        Asked::Fee => fee(scheme, ctx, words),
        Asked::Count => count(scheme, ctx, words),
        Asked::Term => term(scheme, ctx, words),
    };
    if known {
        return sentences;
    }
    let mut s = vec![Sentence::NotInSources {
        asked,
        contact: end_plain(&scheme.contact).to_string(),
    }];
    s.extend(sentences);
    s
}

fn amount(scheme: &Scheme, words: &TranslatedWords) -> Vec<Sentence> {
    if words.lang == Lang::Easy {
        return easy_amount(scheme);
    }
    let Some(a) = &scheme.amount else {
        return Vec::new();
    };
    let of = AmountOf::of(scheme.kind);
    let mut parts = Vec::new();
    if let Some(max) = a.max_yen {
        parts.push(Sentence::AmountCeiling { of, yen: max });
    } else if let Some(t) = a.text.as_deref().filter(|_| words.reads_japanese()) {
        parts.push(Sentence::AmountPublished {
            of,
            text: t.trim_end_matches('。').to_string(),
        });
    }
    if let Some(min) = a.min_yen {
        parts.push(Sentence::Floor { yen: min });
    }
    // English states a rate only where it reads plainly; the official Japanese has the rest.
    if let Some(r) = a
        .rate
        .as_deref()
        .filter(|r| words.reads_japanese() || rate_words(r).is_some())
    {
        parts.push(Sentence::AlsoRate {
            rate: r.to_string(),
        });
    }
    parts
}

/// The amount in やさしい日本語: one short sentence per fact, from the fields — the share of the
/// costs and the ceiling together (「かかった お金の 3分の2まで … いちばん 多くて 40万円」), a
/// ceiling per person where the entry's amount line puts it after 1人あたり, the floor, any
/// other rate — then the entry's own amount line quoted whenever it says more than those
/// sentences (per-item ceilings, exceptions, the fiscal year), so that the reader gets every
/// fact the Japanese reply gives.
fn easy_amount(scheme: &Scheme) -> Vec<Sentence> {
    let Some(a) = &scheme.amount else {
        return Vec::new();
    };
    let of = AmountOf::of(scheme.kind);
    let text = a.text.as_deref().map(|t| t.trim().trim_end_matches('。'));
    let share = a
        .rate
        .as_deref()
        .and_then(Share::parse)
        .filter(|_| of == AmountOf::Grant);
    let per_person = match (text, a.max_yen) {
        (Some(t), Some(max)) => ceiling_per_person(t, max),
        _ => false,
    };
    let mut parts = Vec::new();
    match (share, a.max_yen) {
        (Some(share), max) if !per_person => parts.push(Sentence::ShareOfCosts {
            share,
            ceiling: max,
        }),
        (share, max) => {
            if let Some(share) = share {
                parts.push(Sentence::ShareOfCosts {
                    share,
                    ceiling: None,
                });
            }
            match max {
                Some(yen) if per_person => parts.push(Sentence::PerPersonCeiling { of, yen }),
                Some(yen) => parts.push(Sentence::AmountCeiling { of, yen }),
                None => {}
            }
        }
    }
    if let Some(min) = a.min_yen {
        parts.push(Sentence::Floor { yen: min });
    }
    if let Some(r) = a.rate.as_deref().map(str::trim).filter(|_| share.is_none()) {
        let of = RateOf::of(scheme.kind);
        // A figure reads as a sentence's value; a rate in words (「本人負担率は要確認（…）」) is
        // quoted as what the official page says.
        parts.push(if is_figure(r) {
            Sentence::Rate {
                of,
                rate: r.to_string(),
            }
        } else {
            Sentence::RateInText {
                of,
                text: r.trim_end_matches('。').to_string(),
            }
        });
    }
    if let Some(t) = text.filter(|t| !said_by_the_fields(t, share, a.max_yen)) {
        parts.push(Sentence::AmountPublished {
            of,
            text: t.to_string(),
        });
    }
    parts
}

/// "0.1%", "2/3", "1.2％以内": a rate that is a figure, not words.
fn is_figure(rate: &str) -> bool {
    let r = rate.trim_end_matches("以内").trim_end_matches("以下");
    !r.is_empty() && r.chars().all(|c| c.is_ascii_digit() || "./%％".contains(c))
}

/// Whether the amount line puts the ceiling after 「1人あたり」 (or 1人につき, 1名あたり): the
/// ceiling is then per person. Only then: a ceiling per office or per year reads as a whole.
fn ceiling_per_person(text: &str, max_yen: u64) -> bool {
    ["1人あたり", "1人につき", "1名あたり", "一人あたり"]
        .iter()
        .filter_map(|marker| text.find(marker).map(|i| &text[i..]))
        .any(|after| {
            let ceiling = yen_ja(max_yen);
            after.contains(&ceiling) || after.contains(&group_thousands(&ceiling))
        })
}

/// "1400万円" → "1,400万円", as amount lines often write it.
fn group_thousands(yen: &str) -> String {
    let digits: String = yen.chars().take_while(|c| c.is_ascii_digit()).collect();
    if digits.len() <= 3 {
        return yen.to_string();
    }
    let mut grouped = String::new();
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            grouped.push(',');
        }
        grouped.push(c);
    }
    format!("{grouped}{}", &yen[digits.len()..])
}

/// Whether the amount line says nothing but the share and the ceiling the fields give
/// (「対象経費の3分の2以内、上限40万円」), so quoting it would repeat them.
fn said_by_the_fields(text: &str, share: Option<Share>, max_yen: Option<u64>) -> bool {
    let (Some(share), Some(max)) = (share, max_yen) else {
        return false;
    };
    let up_to = if share.up_to { "以内" } else { "" };
    let tail = format!("の{}分の{}{up_to}、上限", share.den, share.num);
    let Some((costs, ceiling)) = text.split_once(&tail) else {
        return false;
    };
    costs.ends_with("経費")
        && !costs.contains(['、', '。', '（', '）'])
        && (ceiling == yen_ja(max) || ceiling == group_thousands(&yen_ja(max)))
}

fn rate(scheme: &Scheme, words: &TranslatedWords) -> Vec<Sentence> {
    let Some(a) = &scheme.amount else {
        return Vec::new();
    };
    let of = RateOf::of(scheme.kind);
    if words.lang == Lang::Easy
        && of == RateOf::Subsidy
        && let Some(share) = a.rate.as_deref().and_then(Share::parse)
    {
        return vec![Sentence::ShareOfCosts {
            share,
            ceiling: None,
        }];
    }
    match (a.rate.as_deref(), a.text.as_deref()) {
        (Some(r), _) => vec![Sentence::Rate {
            of,
            rate: r.to_string(),
        }],
        (None, Some(t)) if words.reads_japanese() && super::money::has_rate(t) => {
            vec![Sentence::RateInText {
                of,
                text: t.trim_end_matches('。').to_string(),
            }]
        }
        _ => Vec::new(),
    }
}

fn eligibility(scheme: &Scheme, ctx: &FactContext, words: &TranslatedWords) -> Vec<Sentence> {
    let e = &scheme.eligibility;
    let mut s: Vec<Sentence> = covered_rule(scheme, ctx.question)
        .map(|condition| Sentence::CoveredRule { condition })
        .into_iter()
        .collect();
    s.push(mainly_for(e));
    if let Some(n) = e.max_employees {
        s.push(Sentence::Required(Rule::EmployeesAtMost(n)));
    }
    if let Some(n) = e.min_employees {
        s.push(Sentence::Required(Rule::EmployeesAtLeast(n)));
    }
    if let Some(y) = e.max_capital_yen {
        s.push(Sentence::Required(Rule::CapitalAtMost(y)));
    }
    s.extend(years_rules(scheme));
    if let Some(who) = words.scheme.map(|t| t.who.trim()).filter(|w| !w.is_empty()) {
        s.push(Sentence::InShort {
            text: who.to_string(),
        });
    }
    s
}

/// The years and the owner's age or experience, one sentence each.
fn years_rules(scheme: &Scheme) -> Vec<Sentence> {
    let e = &scheme.eligibility;
    let mut rules = Vec::new();
    if let Some(n) = e.max_years {
        rules.push(Rule::FoundedWithin(n));
    }
    if let Some(n) = e.min_years {
        rules.push(Rule::InBusiness {
            area: named_area(e.min_years_area),
            years: n,
        });
    }
    if let Some(p) = &e.person {
        rules.extend(person_rule(p));
    }
    rules.into_iter().map(Sentence::Required).collect()
}

fn years(scheme: &Scheme) -> Vec<Sentence> {
    let mut parts = years_rules(scheme);
    parts.push(Sentence::PreFounding(scheme.eligibility.pre_founding));
    parts
}

fn deadline(scheme: &Scheme, ctx: &FactContext, words: &TranslatedWords) -> Vec<Sentence> {
    let w = &scheme.window;
    let mut parts = Vec::new();
    match w.kind {
        WindowKind::Always => parts.push(Sentence::AlwaysOpen),
        WindowKind::Annual => {
            parts.extend(w.rounds.iter().map(|r| round(r, ctx.today)));
            let status = ctx.today.map(|t| w.status_on(t));
            if !matches!(status, Some(WindowStatus::Open | WindowStatus::Upcoming)) {
                parts.push(Sentence::NextRoundUnannounced {
                    as_of: scheme.as_of,
                });
            }
            let past = past_rounds(scheme);
            if words.reads_japanese() && !past.is_empty() {
                parts.push(Sentence::PastRounds { texts: past });
            }
        }
        WindowKind::Rounds => {
            parts.extend(w.rounds.iter().map(|r| round(r, ctx.today)));
            if ctx
                .today
                .is_some_and(|t| w.rounds.iter().all(|r| r.closes < t))
            {
                parts.push(Sentence::NextRoundUnknown {
                    contact: end_plain(&scheme.contact).to_string(),
                });
            }
        }
    }
    // Time limits the translated how-to-apply text gives ("within 14 days", "前の日までに").
    parts.extend(words.how_to_apply_with(
        &[
            "within",
            "before",
            "by the",
            "deadline",
            "period",
            "first-come",
            "until",
        ],
        &[
            "までに",
            "以内",
            "期間",
            "先着",
            "しめきり",
            "締め切り",
            "締切",
            "前の日",
        ],
    ));
    // A reader of Japanese script gets the entry's dated sentences on the question's subject
    // as the Japanese reply quotes them; English has them in the official Japanese below.
    if words.reads_japanese() {
        let dated = dated_details(scheme, ctx.question, &parts);
        parts.extend(dated.into_iter().map(|text| Sentence::Words { text }));
    }
    parts
}

/// What using it costs: the sentence of the translated summary that says so; else the
/// Japanese sentence, quoted (an English reply quotes its official Japanese anyway).
fn fee(scheme: &Scheme, ctx: &FactContext, words: &TranslatedWords) -> Vec<Sentence> {
    const ENGLISH: &[&str] = &["free", "fee", "charge", "no cost", "cost nothing"];
    const EASY: &[&str] = &[
        "無料",
        "むりょう",
        "ただ",
        "お金は いりません",
        "お金は かかりません",
    ];
    let marks = if words.reads_japanese() {
        EASY
    } else {
        ENGLISH
    };
    words
        .summary_sentence(|l| marks.iter().any(|w| l.contains(w)))
        .map_or_else(|| super::money::fee(scheme, ctx).0, |s| vec![s])
}

/// How many times: the sentence of the translated summary that gives it; else the Japanese
/// sentence, quoted.
fn count(scheme: &Scheme, ctx: &FactContext, words: &TranslatedWords) -> Vec<Sentence> {
    words
        .summary_sentence_giving(super::money::gives_times, &["times", "visits", "sessions"])
        .map_or_else(|| super::money::count(scheme, ctx).0, |s| vec![s])
}

/// How long it runs: the sentence of the translated summary that gives it; else the Japanese
/// sentence, quoted.
fn term(scheme: &Scheme, ctx: &FactContext, words: &TranslatedWords) -> Vec<Sentence> {
    words
        .summary_sentence_giving(
            super::money::gives_a_term,
            &["repay", "grace", "years", "months"],
        )
        .map_or_else(|| super::money::term(scheme, ctx).0, |s| vec![s])
}

fn how_to_apply(scheme: &Scheme, words: &TranslatedWords) -> Vec<Sentence> {
    let mut s = Vec::new();
    match words.scheme.map(|t| t.how_to_apply.trim()) {
        Some(t) if !t.is_empty() => s.push(Sentence::Words {
            text: t.to_string(),
        }),
        _ if words.reads_japanese() => s.push(Sentence::HowToApply {
            text: end(&scheme.how_to_apply),
        }),
        _ => {}
    }
    s.push(Sentence::ApplyTo {
        contact: end_plain(&scheme.contact).to_string(),
    });
    s
}

fn documents(words: &TranslatedWords) -> Vec<Sentence> {
    words.how_to_apply_with(
        &[
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
        ],
        &[
            "書類",
            "申込書",
            "申請書",
            "計画書",
            "計画",
            "見積",
            "証明",
            "報告",
            "決算書",
            "領収書",
        ],
    )
}

fn contact(scheme: &Scheme, ctx: &FactContext, words: &TranslatedWords) -> Vec<Sentence> {
    let contact = end_plain(&scheme.contact).to_string();
    let mut said = contact.clone();
    let mut s = vec![Sentence::ContactIs { contact }];
    for d in ctx.desks.iter().take(2) {
        let text = words.desks.iter().find(|t| t.id == d.id);
        let name = text.map_or(d.name.as_str(), |t| t.name.as_str());
        let book = text.map_or(d.how_to_book.as_str(), |t| t.how_to_book.as_str());
        let stop = if words.reads_japanese() { '。' } else { '.' };
        let book = book.trim().trim_end_matches(stop).to_string();
        said.push_str(name);
        said.push_str(&book);
        s.push(Sentence::DeskOpen {
            name: name.to_string(),
            desk: Box::new((*d).clone()),
            book,
        });
        if let Some(phone) = &d.phone
            && !said.contains(phone.as_str())
        {
            said.push_str(phone);
            s.push(Sentence::Phone {
                phone: phone.clone(),
            });
        }
    }
    if ctx.desks.is_empty() {
        s.extend(words.how_to_apply_with(
            &[
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
            ],
            &["曜日", "午前", "午後", "時から", "時まで"],
        ));
    }
    s.extend(unknown_contact_details(scheme, ctx));
    s
}
