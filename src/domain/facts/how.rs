//! How and where to apply, the documents, whom to ask, and what combines with what.

use super::money::saying;
use super::sentence::Sentence;
use super::{FactContext, end, end_plain, is_numeral, quotes, sentences};
use crate::domain::scheme::Scheme;

/// How and where: the how-to-apply text, a sentence of the details on the way to apply
/// that it does not already say (online, by post, at a desk), and whom to ask.
pub(super) fn how_to_apply(scheme: &Scheme, ctx: &FactContext) -> Vec<Sentence> {
    const WAYS: &[&str] = &[
        "jgrants",
        "jGrants",
        "Jグランツ",
        "電子申請",
        "オンライン",
        "郵送",
        "持参",
        "窓口",
        "予約",
        "申請書",
        "申し込",
        "申込",
    ];
    let mut s = vec![Sentence::HowToApply {
        text: end(&scheme.how_to_apply),
    }];
    if let Some(more) = sentences(&scheme.details)
        .into_iter()
        .filter(|d| d.chars().count() <= 160)
        .find(|d| {
            WAYS.iter()
                .any(|w| d.contains(w) && !scheme.how_to_apply.contains(w))
        })
    {
        s.push(Sentence::Words { text: more });
    }
    // "how long until I get the certificate?": the sentence that gives a span of days or weeks.
    if asks_how_long(ctx.question)
        && let Some(text) = saying(scheme, ctx, gives_a_span)
        && !quotes(&s, &text)
    {
        s.push(Sentence::Words { text: end(&text) });
    }
    s.push(Sentence::ApplyTo {
        contact: end_plain(&scheme.contact).to_string(),
    });
    s
}

/// Whether the question asks how long something takes (a certificate, an ID, a decision).
fn asks_how_long(question: &str) -> bool {
    [
        "how long",
        "how soon",
        "how many days",
        "how many weeks",
        "どのくらいかか",
        "どれくらいかか",
        "どのくらいで",
        "どれくらいで",
        "何日",
        "なんにち",
        "何週間",
        "いつ届",
        "いつごろ届",
        "いつ頃届",
    ]
    .iter()
    .any(|w| question.contains(w))
}

/// Whether a sentence gives a span of days, weeks or months (5営業日, 約1週間, 45日, 2か月程度).
fn gives_a_span(sentence: &str) -> bool {
    const UNITS: &[&str] = &[
        "営業日",
        "開庁日",
        "日程度",
        "日ほど",
        "日以内",
        "日前後",
        "日で",
        "日かか",
        "週間",
        "か月程度",
        "ヶ月程度",
        "カ月程度",
        "か月ほど",
        "か月かか",
    ];
    sentence.contains("標準処理期間")
        || sentence.char_indices().any(|(at, c)| {
            is_numeral(c)
                && UNITS
                    .iter()
                    .any(|u| sentence[at + c.len_utf8()..].starts_with(u))
        })
}

pub(super) fn documents(scheme: &Scheme) -> (Vec<Sentence>, bool) {
    const PAPERS: &[&str] = &[
        "書類",
        "申請書",
        "計画書",
        "見積",
        "証明",
        "添え",
        "様式",
        "写し",
        "届",
        "報告書",
        "契約書",
        "決算書",
        "試算表",
        "カタログ",
        "写真",
        "シート",
        "同意書",
        "領収書",
    ];
    let found: Vec<String> = sentences(&scheme.how_to_apply)
        .into_iter()
        .chain(sentences(&scheme.details))
        .chain(scheme.eligibility.requirements.iter().map(|r| end(r)))
        .filter(|s| PAPERS.iter().any(|w| s.contains(w)))
        .take(3)
        .collect();
    if found.is_empty() {
        return (Vec::new(), false);
    }
    (vec![Sentence::Documents { texts: found }], true)
}

pub(super) fn contact(scheme: &Scheme, ctx: &FactContext) -> Vec<Sentence> {
    let contact = end_plain(&scheme.contact).to_string();
    // A phone number once: not again when the contact or a desk already gave it.
    let mut said = contact.clone();
    let mut s = vec![Sentence::ContactIs { contact }];
    for d in ctx.desks.iter().take(2) {
        let book = d.how_to_book.trim_end_matches('。').to_string();
        said.push_str(&d.name);
        said.push_str(&book);
        s.push(Sentence::DeskOpen {
            name: d.name.clone(),
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
    // Days and times a desk keeps that the how-to-apply text gives ("水曜日の午後").
    if ctx.desks.is_empty() {
        for h in sentences(&scheme.how_to_apply) {
            if ["曜", "午後", "午前", "時"].iter().any(|w| h.contains(w)) {
                s.push(Sentence::Words { text: h });
            }
        }
    }
    // "場所どこ?", "where is it?": the entry's sentence that gives the place, when neither the
    // contact nor a desk gives a street address.
    if ASKS_PLACE.iter().any(|w| ctx.question.contains(w))
        && !has_street_address(&said)
        && let Some(text) = saying(scheme, ctx, |t| {
            PLACE_WORDS.iter().any(|w| t.contains(w)) && has_street_address(t)
        })
    {
        s.push(Sentence::Words { text: end(&text) });
    }
    s.extend(unknown_contact_details(scheme, ctx));
    s
}

/// Words that ask where a desk is.
const ASKS_PLACE: &[&str] = &[
    "場所",
    "どこ",
    "住所",
    "所在地",
    "行き方",
    "最寄",
    "ばしょ",
    "where",
    "address",
    "station",
];

/// Words that introduce a place in an entry's text.
const PLACE_WORDS: &[&str] = &["場所", "所在地", "住所", "本社", "会場"];

/// Whether `text` gives a street address: a block number such as 5-36-4 or 1-9.
fn has_street_address(text: &str) -> bool {
    let chars: Vec<char> = text.chars().collect();
    chars
        .windows(3)
        .any(|w| w[0].is_ascii_digit() && w[1] == '-' && w[2].is_ascii_digit())
}

/// Words that ask for a phone number, in normalised (lower-case) text.
const ASKS_PHONE: &[&str] = &[
    "電話",
    "番号",
    "ダイヤル",
    "でんわ",
    "phone",
    "call",
    "telephone",
    "number",
];

/// Words that ask for the days or hours a desk keeps.
const ASKS_HOURS: &[&str] = &[
    "何時",
    "時間",
    "何曜",
    "曜日",
    "なんじ",
    "じかん",
    "hours",
    "what time",
    "which days",
    "what days",
    "until when",
];

/// What the caller asked of the contact that the corpus does not hold: a phone number where
/// neither the entry's contact nor a desk of it gives one, days or hours where no desk
/// describes the scheme and neither its contact nor its how-to-apply text names a time. Said
/// plainly, after what is known, so that nothing is guessed.
pub(super) fn unknown_contact_details(scheme: &Scheme, ctx: &FactContext) -> Vec<Sentence> {
    let asks = |words: &[&str]| words.iter().any(|w| ctx.question.contains(w));
    let mut s = Vec::new();
    let phone_known = has_phone_number(&scheme.contact)
        || ctx
            .desks
            .iter()
            .any(|d| d.phone.is_some() || has_phone_number(&d.how_to_book));
    if asks(ASKS_PHONE) && !phone_known {
        s.push(Sentence::PhoneUnknown);
    }
    let hours_known =
        !ctx.desks.is_empty() || tells_hours(&scheme.contact) || tells_hours(&scheme.how_to_apply);
    if asks(ASKS_HOURS) && !hours_known {
        s.push(Sentence::HoursUnknown);
    }
    s
}

/// Whether `text` holds a phone number: three groups of digits joined by hyphens
/// ("03-3578-2111", "0570-082100" has two and counts too when it has nine digits or more).
fn has_phone_number(text: &str) -> bool {
    text.split(|c: char| !(c.is_ascii_digit() || c == '-'))
        .any(|t| t.contains('-') && t.chars().filter(char::is_ascii_digit).count() >= 9)
}

/// Whether `text` names days or times ("月〜土 9:00〜21:30", "水曜日の午後", "9時から").
fn tells_hours(text: &str) -> bool {
    let chars: Vec<char> = text.chars().collect();
    let clock = chars
        .windows(3)
        .any(|w| w[0].is_ascii_digit() && (w[1] == ':' || w[1] == '時') && !w[2].is_whitespace());
    clock || ["曜", "午前", "午後"].iter().any(|w| text.contains(w))
}

pub(super) fn combination(scheme: &Scheme, ctx: &FactContext) -> (Vec<Sentence>, bool) {
    if let Some(s) = not_combinable(scheme, ctx) {
        return (vec![s], true);
    }
    fn first_two<'a>(
        lines: impl Iterator<Item = &'a str>,
        on_combining: fn(&str) -> bool,
    ) -> Vec<String> {
        lines
            .filter(|c| on_combining(c))
            .take(2)
            .map(|c| c.trim_end_matches('。').to_string())
            .collect()
    }
    let mut rules = first_two(
        scheme.eligibility.conditions.iter().map(String::as_str),
        |c| {
            ["受けていない", "重ねて", "同じ経費", "併用", "受けた人"]
                .iter()
                .any(|w| c.contains(w))
        },
    );
    // The rule told in the entry's text instead ("同じ権利で国や他の自治体の補助を受けていないこと").
    if rules.is_empty() {
        let text = [sentences(&scheme.summary), sentences(&scheme.details)].concat();
        rules = first_two(text.iter().map(String::as_str), |c| {
            ["受けていない", "重ねて", "併用", "重複"]
                .iter()
                .any(|w| c.contains(w))
                && ["補助", "助成", "給付", "併用", "重複"]
                    .iter()
                    .any(|w| c.contains(w))
        });
    }
    if rules.is_empty() {
        return (Vec::new(), false);
    }
    (vec![Sentence::CombinationConditions { texts: rules }], true)
}

/// That `scheme` cannot pay for the same costs as the other scheme asked about, or, when the
/// question names none, as the schemes its entry excludes.
pub(super) fn not_combinable(scheme: &Scheme, ctx: &FactContext) -> Option<Sentence> {
    if let Some(other) = ctx.other {
        (scheme.not_combinable_with.contains(&other.id)
            || other.not_combinable_with.contains(&scheme.id))
        .then(|| Sentence::NotCombinable {
            scheme: scheme.title.clone(),
            other: other.title.clone(),
        })
    } else if !ctx.not_combinable.is_empty() {
        Some(Sentence::NotCombinableWithAny {
            scheme: scheme.title.clone(),
            others: ctx.not_combinable.iter().map(|t| t.to_string()).collect(),
        })
    } else {
        None
    }
}
