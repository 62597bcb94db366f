//! What a scheme's structured fields say about one asked attribute ([`Asked`]), as a few
//! sentences: which sentence and its values ([`Sentence`]), never its wording, which is in the
//! message catalogs (the application layer renders them in the reply's language). Every number
//! comes from the corpus entry (its amount, rounds, conditions, how-to-apply text, contact or
//! the desk that describes it); when the entry does not hold the fact, the sentences say so and
//! name where to confirm it. Never a guess.
//!
//! Two readings of the same fields: [`fact`], for a reply in administrative Japanese, quotes
//! the entry's own words; [`translated::fact_in`], for English and やさしい日本語, uses the
//! reviewed translation of the scheme's words instead and the fields alone elsewhere.

pub mod english;
mod how;
mod money;
pub mod sentence;
pub mod translated;
mod when;
mod who;

use how::{combination, contact, documents, how_to_apply};
use money::{amount, count, fee, rate, term};
use when::deadline;
use who::{eligibility, years};

use chrono::NaiveDate;

pub use sentence::Sentence;

use super::asked::{Asked, Point, is_hiragana};
use super::consultants::Desk;
use super::scheme::{Area, Scheme};

/// One attribute answered: its sentences, and whether the corpus actually held the fact.
#[derive(Debug, Clone, PartialEq)]
pub struct Fact {
    pub asked: Asked,
    pub sentences: Vec<Sentence>,
    /// False when the sentences say the fact is not known (then a FAQ may still hold it).
    pub known: bool,
}

/// What else a fact may draw on besides the scheme itself.
#[derive(Debug, Clone, Default)]
pub struct FactContext<'a> {
    /// Today in Tokyo (window status).
    pub today: Option<NaiveDate>,
    /// The desks that describe this scheme (`consultants.toml`, `scheme_id`): hours and phone.
    pub desks: Vec<&'a Desk>,
    /// The other scheme the question names, for a combination question.
    pub other: Option<&'a Scheme>,
    /// Titles of the schemes this one cannot be combined with.
    pub not_combinable: Vec<&'a str>,
    /// The caller's question, normalised (which sub-point of an attribute to put first).
    pub question: &'a str,
}

/// The fact `asked` about `scheme`, in the reading that quotes the entry's own words.
pub fn fact(scheme: &Scheme, asked: Asked, ctx: &FactContext) -> Fact {
    let (sentences, known) = match asked {
        Asked::Amount => amount(scheme, ctx),
        Asked::Rate => rate(scheme),
        Asked::Eligibility => (eligibility(scheme, ctx), true),
        Asked::Years => years(scheme, ctx),
        Asked::Deadline => deadline(scheme, ctx),
        Asked::HowToApply => (how_to_apply(scheme, ctx), true),
        Asked::Documents => documents(scheme),
        Asked::Contact => (contact(scheme, ctx), true),
        Asked::Combination => combination(scheme, ctx),
        Asked::Fee => fee(scheme, ctx),
        Asked::Count => count(scheme, ctx),
        Asked::Term => term(scheme, ctx),
    };
    let sentences = if known {
        sentences
    } else {
        unknown(scheme, asked, sentences)
    };
    Fact {
        asked,
        sentences,
        known,
    }
}

/// "Not in our sources", where to confirm it, and anything related the entry does say.
fn unknown(scheme: &Scheme, asked: Asked, also: Vec<Sentence>) -> Vec<Sentence> {
    let mut s = vec![Sentence::NotInSources {
        asked,
        contact: end_plain(&scheme.contact).to_string(),
    }];
    s.extend(also);
    s
}

/// Up to `n` of `texts`, those sharing the most with the question first, each without its
/// final "。" (the entry's own words).
fn nearest<'a>(texts: impl Iterator<Item = &'a String>, question: &str, n: usize) -> Vec<String> {
    let mut texts: Vec<&String> = texts.collect();
    texts.sort_by_key(|c| std::cmp::Reverse(shared(c, question)));
    texts
        .iter()
        .take(n)
        .map(|c| c.trim_end_matches('。').to_string())
        .collect()
}

/// The one of `texts` sharing the most with the question (the last of equals), and how much.
fn closest<'a>(
    texts: impl Iterator<Item = &'a String>,
    question: &str,
) -> Option<(usize, &'a String)> {
    texts
        .map(|c| (shared(c, question), c))
        .max_by_key(|(n, _)| *n)
}

/// How many two-character pieces of `condition` appear in `question` (a crude overlap).
fn shared(condition: &str, question: &str) -> usize {
    pieces_in(condition, question, |w| {
        w.iter()
            .all(|c| !c.is_ascii_punctuation() && !"、。（）・".contains(*c))
    })
}

/// Like [`shared`], counting only the pieces with a character that is not hiragana: the
/// words a sentence and a question name together ("年度", "認定書"), not their particles and
/// endings ("まで", "ます").
fn shared_words(text: &str, question: &str) -> usize {
    pieces_in(text, question, |w| {
        w.iter()
            .all(|c| !c.is_ascii_punctuation() && !"、。（）・〜".contains(*c))
            && !w.iter().all(|c| is_hiragana(*c))
    })
}

/// How many two-character pieces of `text` that `counts` keeps appear in `question`.
fn pieces_in(text: &str, question: &str, counts: impl Fn(&[char]) -> bool) -> usize {
    let chars: Vec<char> = text.chars().collect();
    chars
        .windows(2)
        .filter(|w| counts(w))
        .filter(|w| question.contains(&w.iter().collect::<String>()))
        .count()
}

/// 2026-04-03 → "2026年4月3日".
pub fn date_ja(d: NaiveDate) -> String {
    d.format("%Y年%-m月%-d日").to_string()
}

/// The rule of `scheme` a caller's own case sits on the edge of: the condition that shares
/// the most with the question, else its rule on years. Quoted in a hand-off's warm summary,
/// so the desk sees what the bot knows; deciding the case is the desk's.
pub fn rule_for(scheme: &Scheme, question: &str) -> Option<String> {
    let best = closest(scheme.eligibility.conditions.iter(), question)
        .filter(|(n, _)| *n > 1)
        .map(|(_, c)| c.trim_end_matches('。').to_string());
    best.or_else(|| {
        let e = &scheme.eligibility;
        match (e.min_years, e.max_years) {
            (Some(n), _) => Some(years_in_business_ja(e.min_years_area, n)),
            (None, Some(n)) => Some(format!("創業{n}年未満であること")),
            (None, None) => e
                .conditions
                .first()
                .map(|c| c.trim_end_matches('。').to_string()),
        }
    })
}

/// The entry's sentence on the particular thing the question names besides the scheme and
/// the attribute asked ("パソコンを買った場合も使える?" → the sentence on パソコン; "生鮮三品の店
/// は?" → the one on 生鮮三品), when one shares at least two such pieces with it and `said`
/// does not hold it already. Quoted as it is: the entry's own words, no reading of ours.
pub fn on_point(scheme: &Scheme, question: &str, said: &[Fact]) -> Option<Sentence> {
    let names: Vec<String> = std::iter::once(&scheme.title)
        .chain(scheme.aliases.iter())
        .map(|n| n.to_lowercase())
        .collect();
    let q: Vec<char> = question.chars().collect();
    // Latin pieces count in a Japanese question ("IoTを使った設備"), not in an English one,
    // whose every word would.
    let japanese = q.iter().filter(|c| !c.is_ascii()).count() * 2 > q.len();
    let mut pieces: Vec<String> = q
        .windows(2)
        .filter(|w| {
            w.iter().all(|c| {
                !c.is_ascii_punctuation()
                    && !c.is_whitespace()
                    && !"、。（）・〜?？!！「」".contains(*c)
            }) && !w.iter().all(|c| is_hiragana(*c))
                && !w.iter().any(|c| PARTICLES.contains(*c))
                && (japanese || !w.iter().all(|c| c.is_ascii_alphanumeric()))
        })
        .map(|w| w.iter().collect::<String>())
        .filter(|p| !names.iter().any(|n| n.contains(p.as_str())))
        .filter(|p| !COMMON_PIECES.contains(&p.as_str()))
        .filter(|p| !crate::domain::asked::vocabulary().any(|w| w.contains(p.as_str())))
        .collect();
    pieces.sort();
    pieces.dedup();
    if pieces.len() < 2 {
        return None;
    }
    let e = &scheme.eligibility;
    let candidates = sentences(&scheme.summary)
        .into_iter()
        .chain(sentences(&scheme.details))
        .chain(sentences(&scheme.how_to_apply))
        .chain(
            e.conditions
                .iter()
                .chain(e.requirements.iter())
                .map(|c| end(c)),
        );
    // The first of those sharing the most pieces.
    let (n, best) = candidates
        .map(|c| {
            let folded = c.to_lowercase();
            let n = pieces
                .iter()
                .filter(|p| folded.contains(p.as_str()))
                .count();
            (n, c)
        })
        .rev()
        .max_by_key(|(n, _)| *n)?;
    let said = said.iter().flat_map(|f| &f.sentences);
    (n >= 2 && !quotes(said, end_plain(&best))).then(|| Sentence::Words {
        text: best.trim().to_string(),
    })
}

/// The entry's sentence on a point the question asks beside its attributes (see [`Point`]):
/// the lowest cost that counts (経費が50万円以上のもの, 1件あたり税抜10万円以上), or visits to the
/// business (訪問相談, 事務所に出向いて); none when not asked, or when a floor of the fields or a
/// sentence of `said` gives it already.
pub fn point_named(
    scheme: &Scheme,
    ctx: &FactContext,
    said: &[Fact],
    point: Point,
) -> Option<Sentence> {
    if !point.asked_in(ctx.question) {
        return None;
    }
    let said = said.iter().flat_map(|f| &f.sentences);
    let tells: fn(&str) -> bool = match point {
        Point::LowestCost => {
            if said.clone().any(|s| matches!(s, Sentence::Floor { .. })) {
                return None;
            }
            gives_a_floor
        }
        Point::Visit => |s| {
            ["訪問", "出張", "出向", "派遣"]
                .iter()
                .any(|w| s.contains(w))
        },
    };
    let text = money::saying(scheme, ctx, tells)?;
    (!quotes(said, &text)).then(|| Sentence::Words { text: end(&text) })
}

/// Whether a sentence gives a sum of yen "or more" (50万円以上, 税抜10万円以上).
fn gives_a_floor(sentence: &str) -> bool {
    sentence.match_indices("円以上").any(|(at, _)| {
        sentence[..at]
            .trim_end_matches(['万', '千'])
            .ends_with(|c: char| c.is_ascii_digit())
    })
}

/// Whether one of `sentences` already holds `text` in the corpus words it carries (a quoted
/// condition, a how-to-apply text, a contact).
fn quotes<'a>(sentences: impl IntoIterator<Item = &'a Sentence>, text: &str) -> bool {
    sentences
        .into_iter()
        .any(|s| s.quoted_words().iter().any(|w| w.contains(text)))
}

/// Hiragana that mostly stand as particles: a piece holding one joins two words ("を使",
/// "上の") rather than naming anything.
const PARTICLES: &str = "のをでにはがともへやかって";

/// Two-character pieces too common in the entries to name a particular thing.
const COMMON_PIECES: &[&str] = &[
    "港区",
    "区内",
    "東京",
    "都内",
    "申請",
    "利用",
    "場合",
    "必要",
    "事業",
    "制度",
    "補助",
    "助成",
    "支援",
    "会社",
    "企業",
    "法人",
    "個人",
    "中小",
    "小企",
    "使え",
    "使う",
    "受け",
    "もら",
    "です",
    "ます",
    "ください",
    "教え",
    "知り",
    "聞き",
];

/// "区内で引き続き1年以上事業を営んでいること": a rule quoted in the entry's Japanese, as a hand-off
/// gives it to the desk (and to the caller, in quotation marks, whatever their language).
fn years_in_business_ja(area: Area, n: u32) -> String {
    let place = match area {
        Area::Minato => "港区内",
        Area::Tokyo => "都内",
        Area::Anywhere | Area::OtherPrefecture => "",
    };
    if place.is_empty() {
        format!("事業を{n}年以上営んでいること")
    } else {
        format!("{place}で引き続き{n}年以上事業を営んでいること")
    }
}

/// The area a rule names, if any (a rule for anywhere names none).
fn named_area(area: Area) -> Option<Area> {
    match area {
        Area::Minato | Area::Tokyo => Some(area),
        Area::Anywhere | Area::OtherPrefecture => None,
    }
}

/// A digit, full-width or ASCII, or a kanji numeral (3回, ３年, 五年).
fn is_numeral(c: char) -> bool {
    c.is_ascii_digit() || "０１２３４５６７８９一二三四五六七八九十".contains(c)
}

/// The sentences of a text, each ending with "。".
pub fn sentences(text: &str) -> Vec<String> {
    text.split_inclusive('。')
        .map(str::trim)
        .filter(|s| !s.is_empty())
        .map(|s| {
            if s.ends_with('。') {
                s.to_string()
            } else {
                format!("{s}。")
            }
        })
        .collect()
}

fn end(text: &str) -> String {
    let t = text.trim();
    if t.ends_with('。') {
        t.to_string()
    } else {
        format!("{t}。")
    }
}

fn end_plain(text: &str) -> &str {
    text.trim().trim_end_matches('。')
}
