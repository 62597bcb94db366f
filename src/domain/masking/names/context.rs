//! Names beside what a message says about a person: a date of birth or a phone number in
//! brackets after it, a contact that follows it at the head of a line, a reading in brackets,
//! someone who told or sent the caller, someone the caller writes for.

use crate::domain::masking::scan::hiragana_prefix_len;
use std::sync::OnceLock;

use regex::Regex;

use super::view::{NameView, Strength, is_person};
use super::words::{
    MINATO_TOWNS, RELATIONS, Relation, is_event_word, is_organisation, is_title, is_town,
    name_shaped, relation_alternation,
};
use crate::domain::masking::scan::{
    Claims, char_back, char_offset, is_hiragana, is_kanji, is_kanji_str, is_katakana, re,
};
use crate::domain::masking::{PiiKind, WordClass};

/// Whether [s, e) reads as a name where the context already speaks of a person: the
/// dictionary's person or proper names, katakana or Latin words, or a kanji run shaped like a
/// name ([`name_shaped`]); never a title or a town.
pub(super) fn person_like(view: &NameView<'_>, s: usize, e: usize) -> Option<(usize, usize)> {
    let run = &view.text[s..e];
    if is_title(run) || is_town(run) || is_event_word(run) {
        return None;
    }
    if run.is_ascii() {
        return latin_name(run).then_some((s, e));
    }
    view.accept(s, e, Strength::Strong)
        .filter(|&(a, b)| !is_town(&view.text[a..b]) && !is_title(&view.text[a..b]))
        .or_else(|| name_shaped(run).then_some((s, e)))
}

/// A name right before a date of birth or a phone number in brackets: ハン・ミンジュ(1994年2月14日),
/// 今泉(080-3328-4410), Hanna Berg (1992/11/30).
pub(super) fn bracketed_after_name(view: &NameView<'_>, claims: &mut Claims) {
    static DATE: OnceLock<Regex> = OnceLock::new();
    let date = DATE.get_or_init(|| {
        re(
            r"^\((?:(?:19|20)\d{2}|(?:昭和|平成|大正|[STH]\.?) ?(?:\d{1,2}|元))(?: ?年 ?\d{1,2} ?月 ?\d{1,2} ?日|[./\-]\d{1,2}[./\-]\d{1,2})(?:生まれ|生)?\)",
        )
    });
    let text = view.text;
    for (open, _) in text.match_indices('(') {
        let name_end = text[..open].trim_end_matches(' ').len();
        let inner_end = text[open..].find(')').map(|i| open + i);
        let dated = date.is_match(&text[open..]);
        // 金子(携帯090-…/…): a short label may stand before the number.
        let labelled = |s: usize| {
            let label = text[open + 1..s].trim_matches([' ', ':']);
            label.is_empty() || CONTACT_LABELS.contains(&label)
        };
        let contact_at = inner_end.and_then(|close| {
            claims.0.iter().find_map(|&(s, e, kind)| {
                (matches!(kind, PiiKind::Phone | PiiKind::Email)
                    && s > open
                    && s < close
                    && labelled(s)
                    && (e >= close || !text[e..close].contains(['(', ')'])))
                .then_some(s)
            })
        });
        let phoned = contact_at.is_some();
        // With a label in the bracket the run before may be an office (センター東京(電話…)):
        // only what reads as a person's name.
        let label_between = contact_at.is_some_and(|s| s > open + 1);
        if !(dated || phoned) {
            continue;
        }
        let Some((s, e)) = view.run_before(name_end) else {
            continue;
        };
        // 息子の誠(昭和26年1月14日生): one kanji before a date of birth is a given name.
        let single = dated
            && e - s == 3
            && is_kanji_str(&text[s..e])
            && !is_title(&text[s..e])
            && !is_event_word(&text[s..e]);
        let found = if label_between && !dated {
            head_name(view, s, e)
        } else {
            person_like(view, s, e).or(single.then_some((s, e)))
        };
        if let Some((a, b)) = found {
            claims.claim(a, b, PiiKind::Name);
        }
    }
}

/// Words that label a phone number or an address inside brackets: 金子(携帯090-…).
const CONTACT_LABELS: &[&str] = &[
    "携帯",
    "電話",
    "自宅",
    "直通",
    "会社",
    "TEL",
    "Tel",
    "tel",
    "mobile",
    "Mobile",
    "mail",
    "メール",
];

/// The writer in brackets after a first-person word: 私(岩田)の生年月日, 僕(ケン)が.
pub(super) fn self_in_brackets(view: &NameView<'_>, claims: &mut Claims) {
    static SELF: OnceLock<Regex> = OnceLock::new();
    let me = SELF.get_or_init(|| {
        re(r"(?:私|わたし|わたくし|僕|ぼく|自分|本人)\(([一-龯々ァ-ヶー・ ]{1,12}|[A-Za-z][A-Za-z ]{1,30})\)")
    });
    for c in me.captures_iter(view.text) {
        let m = c.get(1).expect("group");
        // 私(個人事業主)でも: a word for what the writer is, not a name.
        if let Some((s, e)) = head_name(view, m.start(), m.end())
            && !is_event_word(&view.text[s..e])
        {
            claims.claim(s, e, PiiKind::Name);
        }
    }
}

/// Whose relative the writer is: 大槻の妻です, 沢口の娘です, 上野の代理の者です. The name
/// before の and a family word or 代理 that introduces the writer.
pub(super) fn relative_of(view: &NameView<'_>, claims: &mut Claims) {
    static RELATIVE: OnceLock<Regex> = OnceLock::new();
    let relative = RELATIVE.get_or_init(|| {
        re(&format!(
            r"の(?:{}|代理の者|代理人|代理)(?:です|でございます|と申します|の者です|として)",
            relation_alternation(&[Relation::Family])
        ))
    });
    let text = view.text;
    for m in relative.find_iter(text) {
        let Some((s, e)) = view.run_before(m.start()) else {
            continue;
        };
        let run = &text[s..e];
        // 社長の妻です, 港区の代理: a title or a place is not whose relative.
        if is_title(run) || is_town(run) || is_organisation(run) || is_event_word(run) {
            continue;
        }
        if let Some((a, b)) = head_name(view, s, e).or_else(|| {
            // One kanji before の妻 is too often a thing (店の娘です).
            (run.chars().all(is_kanji) && (2..=4).contains(&run.chars().count()))
                .then_some((s, e))
                .filter(|_| {
                    !view
                        .words
                        .iter()
                        .any(|w| w.start == s && w.end == e && w.class == WordClass::CommonNoun)
                        || name_shaped(run)
                })
        }) {
            claims.claim(a, b, PiiKind::Name);
        }
    }
}

/// A name before a role in brackets: 大槻(代表), 北川(経理担当), ミラー(オーナー).
pub(super) fn bracketed_role(view: &NameView<'_>, claims: &mut Claims) {
    let text = view.text;
    for (open, _) in text.match_indices('(') {
        let Some(close) = text[open..].find(')').map(|i| open + i) else {
            continue;
        };
        let inner = text[open + 1..close].trim();
        // Only a role alone or a short one (経理担当), not a description (相談にのってくれる先輩).
        let role = is_title(inner)
            || RELATIONS.iter().any(|(w, _)| inner == *w)
            || (inner.chars().count() <= 6
                && inner.chars().all(|c| is_kanji(c) || is_katakana(c))
                && ["担当", "代表", "店主", "オーナー", "本人"]
                    .iter()
                    .any(|w| inner.ends_with(w)));
        if !role || inner.is_empty() {
            continue;
        }
        let end = text[..open].trim_end_matches(' ').len();
        if let Some((s, e)) = view.run_before(end)
            && let Some((a, b)) = head_name(view, s, e)
        {
            claims.claim(a, b, PiiKind::Name);
        }
    }
}

/// A name before まで and a phone or mail: ご連絡は野村まで:nomura@…, 佐藤まで 090-….
pub(super) fn until_contact(view: &NameView<'_>, claims: &mut Claims) {
    let text = view.text;
    for (at, _) in text.match_indices("まで") {
        let after = at + "まで".len();
        let rest = text[after..].trim_start_matches([' ', ':', '、', ',', '→']);
        let contact = after + (text.len() - after - rest.len());
        let reached = claims
            .0
            .iter()
            .any(|&(s, _, k)| s == contact && matches!(k, PiiKind::Phone | PiiKind::Email));
        // 折り返しは福田まで, 酒井まで折り返しください: a call back asked for by name.
        let sentence = text[..at].rfind(['。', '\n', '!', '?']).map_or(0, |i| {
            i + text[i..].chars().next().map_or(1, char::len_utf8)
        });
        let clause = &text[sentence..char_offset(text, after, 8)];
        let call_back = ["折り返", "連絡", "電話", "返信", "一報"]
            .iter()
            .any(|w| clause.contains(w));
        if !(reached || call_back) {
            continue;
        }
        if let Some((s, e)) = view.run_before(at)
            && let Some((a, b)) = head_name(view, s, e)
        {
            claims.claim(a, b, PiiKind::Name);
        }
    }
}

/// A surname after a town or an office and の, or after what the writer did, that introduces
/// the writer: 青山の青木です, 芝の清水です, 営業部の小松です, 区役所で話を聞いた服部です.
pub(super) fn town_person(view: &NameView<'_>, claims: &mut Claims) {
    static TOWN_OF: OnceLock<Regex> = OnceLock::new();
    let town_of = TOWN_OF.get_or_init(|| {
        re(
            r"(?:([一-龯々ヶァ-ヶー]{1,8})の|(した|った|いた|んだ|れた|きた|ている|ていた|てる|する))([一-龯々]{1,3})(?:です|でございます|と申します|といいます|と言います)(?:[。、!?,. 
(]|が、|$)",
        )
    });
    let text = view.text;
    for c in town_of.captures_iter(text) {
        let m = c.get(3).expect("group");
        let (s, e) = (m.start(), m.end());
        let run = m.as_str();
        let named_place = match c.get(1) {
            Some(place) => {
                is_town(place.as_str())
                    || is_organisation(place.as_str())
                    || view.words.iter().any(|w| {
                        w.start == place.start()
                            && w.end == place.end()
                            && w.class == WordClass::Place
                    })
            }
            // After a verb the kanji run must start a word (した人です is not 人).
            None => view.words.iter().any(|w| w.start == s),
        };
        // 上野の家内です: a relation, not a name (the name is 上野: relative_of).
        let relation = RELATIONS.iter().any(|(w, _)| *w == run);
        if !named_place || relation || is_title(run) || is_town(run) || is_event_word(run) {
            continue;
        }
        let inside: Vec<_> = view
            .words
            .iter()
            .filter(|w| w.start < e && w.end > s)
            .collect();
        // A landmark is filed as a place (増上寺); a surname as a person, a proper noun or
        // nothing the dictionary knows.
        // After a call or a visit (電話した, 話を聞いた) a place word is a surname too (服部).
        let visited = c.get(2).is_some() && {
            let clause = &text[char_back(text, s, 14)..s];
            [
                "電話",
                "相談",
                "伺",
                "話",
                "連絡",
                "メール",
                "問い合わせ",
                "予約",
                "申し込",
            ]
            .iter()
            .any(|w| clause.contains(w))
        };
        let placed = inside.iter().any(|w| w.class == WordClass::Place);
        let place_word = inside.len() == 1 && inside[0].class == WordClass::Place;
        let one_proper = inside.len() == 1
            && inside[0].start == s
            && inside[0].end == e
            && inside[0].class == WordClass::ProperNoun;
        if view.has_person_word(s, e)
            || one_proper
            || (name_shaped(run) && !placed)
            || (visited && place_word)
        {
            claims.claim(s, e, PiiKind::Name);
        }
    }
}

/// A name at the head of a line or sentence, followed by a phone number, e-mail, address or
/// date of birth (野々村 03-…, Olivia Brown、olivia@…, ﾐﾔｹ ｱﾔｺ 090…, Nguyen Thi Lan, born …);
/// and a name whose phone or mail the message gives (椎名の携帯は090…).
pub(super) fn before_contact(view: &NameView<'_>, claims: &mut Claims) {
    let text = view.text;
    let contacts: Vec<(usize, PiiKind)> = claims
        .0
        .iter()
        .filter(|c| {
            matches!(
                c.2,
                PiiKind::Phone
                    | PiiKind::Email
                    | PiiKind::Address
                    | PiiKind::Birthdate
                    | PiiKind::Account
            )
        })
        .map(|c| (c.0, c.2))
        .collect();
    for &(at, kind) in &contacts {
        let mut before = &text[..at];
        if kind == PiiKind::Address {
            // The address's town comes first: 港区芝浦3-9-14.
            before = before.trim_end_matches(|c: char| is_kanji(c) || is_katakana(c));
        }
        let mut lead = before.trim_end_matches([' ', '、', ',', '/', ':', '|']);
        if kind == PiiKind::Birthdate {
            // Nguyen Thi Lan, born 22 September 1996.
            let Some(l) = lead.strip_suffix("born") else {
                continue;
            };
            lead = l.trim_end_matches([' ', ',', '、']);
        } else if lead.len() == before.len() {
            // The contact must be set apart from what precedes it.
            continue;
        }
        let Some((s, e)) = view.run_before(lead.len()) else {
            continue;
        };
        let head = text[..s].trim_end_matches(' ');
        let at_head = head.is_empty() || head.ends_with(['\n', '。', '!', '?', '.', ':']);
        // 連絡先 遠山 070-…, 事務担当 / 小池 / …: a short label in kanji, set apart, heads the
        // line before the name.
        let label = head.trim_end_matches(['/', ' ']);
        let line_start = label.rfind(['\n', '。', '!', '?', ':']).map_or(0, |i| {
            i + label[i..].chars().next().map_or(1, char::len_utf8)
        });
        let label_word = label[line_start..].trim_start();
        let labelled = label.len() < text[..s].len()
            && (1..=6).contains(&label_word.chars().count())
            && is_kanji_str(label_word)
            && !view.has_person_word(label.len() - label_word.len(), label.len());
        if !(at_head || labelled) {
            continue;
        }
        if let Some((a, b)) = head_name(view, s, e) {
            claims.claim(a, b, PiiKind::Name);
        }
    }
    // 椎名の携帯は…, 坂本のメールアドレスは…: whose contact it is.
    static OWNER: OnceLock<Regex> = OnceLock::new();
    let owner = OWNER.get_or_init(|| {
        re(
            r"の(?:携帯|電話|自宅|連絡先|メール|メアド|アドレス|番号|直通)(?:番号|電話|アドレス)?(?:は|:| )",
        )
    });
    for m in owner.find_iter(text) {
        let near = contacts
            .iter()
            .any(|&(at, k)| at >= m.end() && at <= m.end() + 12 && k != PiiKind::Address);
        if !near {
            continue;
        }
        if let Some((s, e)) = view.run_before(m.start())
            && let Some((a, b)) = person_like(view, s, e)
            && view.has_person_word(a, b)
        {
            claims.claim(a, b, PiiKind::Name);
        }
    }
}

/// A name heading a record line: two or three capitalised Latin words, katakana, or kanji the
/// dictionary reads as a name.
fn head_name(view: &NameView<'_>, s: usize, e: usize) -> Option<(usize, usize)> {
    let run = &view.text[s..e];
    if run.is_ascii() {
        return latin_name(run).then_some((s, e));
    }
    if run.chars().all(|c| is_katakana(c) || c == ' ' || c == '・') {
        let common = view.words.iter().any(|w| {
            w.start >= s
                && w.end <= e
                && matches!(w.class, WordClass::CommonNoun | WordClass::Other)
        });
        return (run.chars().count() >= 2 && !is_title(run) && !common).then_some((s, e));
    }
    person_like(view, s, e)
        .filter(|&(a, b)| view.has_person_word(a, b) || name_shaped(&view.text[a..b]))
}

/// Two or three capitalised Latin words that are not the words of a heading (Olivia Brown,
/// Nguyen Thi Lan; not Support Center, Home Address).
pub(super) fn latin_name(run: &str) -> bool {
    let words: Vec<&str> = run.split(' ').collect();
    let capital = |w: &&str| {
        w.len() >= 2
            && w.starts_with(|c: char| c.is_ascii_uppercase())
            && w.chars()
                .all(|c| c.is_ascii_alphabetic() || c == '\'' || c == '-')
            && !LATIN_NOT_NAMES.contains(&w.to_lowercase().as_str())
    };
    (2..=3).contains(&words.len()) && words.iter().all(capital)
}

/// Capitalised words that head a line without being a name.
pub(super) const LATIN_NOT_NAMES: &[&str] = &[
    "tel",
    "phone",
    "mobile",
    "cell",
    "fax",
    "email",
    "mail",
    "e-mail",
    "address",
    "contact",
    "name",
    "home",
    "office",
    "work",
    "minato",
    "tokyo",
    "japan",
    "city",
    "ward",
    "center",
    "centre",
    "bank",
    "branch",
    "account",
    "dob",
    "birthday",
    "born",
    "date",
    "please",
    "thanks",
    "thank",
    "dear",
    "hello",
    "hi",
    "regards",
    "best",
    "the",
    "my",
    "our",
    "new",
    "old",
    "number",
    "no",
    "line",
    "call",
    "main",
    "direct",
    "cafe",
    "shop",
    "store",
    "inc",
    "ltd",
    "support",
    "desk",
    "service",
    "services",
    "business",
    "trading",
    "design",
    "company",
    "corporation",
    "group",
    "team",
    "staff",
    "sme",
    "jfc",
    "japan",
    "metropolitan",
    "government",
    "association",
    "chamber",
    "commerce",
    "bureau",
    "agency",
    "room",
    "building",
    "tower",
    "to",
    "monday",
    "tuesday",
    "wednesday",
    "thursday",
    "friday",
    "saturday",
    "sunday",
    "january",
    "february",
    "march",
    "april",
    "june",
    "july",
    "august",
    "september",
    "october",
    "november",
    "december",
];

/// A reading in brackets beside an introduction: 寒河江(さがえ)と申します, 鈴村(すずむら)です,
/// 野口と申します(のぐち). Both the name and its reading are masked.
pub(super) fn readings_around_cues(view: &NameView<'_>, claims: &mut Claims) {
    static READING: OnceLock<Regex> = OnceLock::new();
    let reading = READING.get_or_init(|| {
        re(
            r"\(([ぁ-ゖァ-ヶー・ ]{2,20})\) ?(?:と申|といい|と言い|です|でござ)|(?:と申します|といいます|です)\(([ぁ-ゖァ-ヶー・ ]{2,20})\)",
        )
    });
    let text = view.text;
    for c in reading.captures_iter(text) {
        let m = c.get(1).or(c.get(2)).expect("group");
        let whole = c.get(0).expect("match");
        // The name: before the bracket, or before the cue when the reading comes after it.
        let name_end = if c.get(1).is_some() {
            text[..whole.start()].trim_end_matches(' ').len()
        } else {
            whole.start()
        };
        let Some((s, e)) = view.run_before(name_end) else {
            continue;
        };
        // After と申します any kanji run of a name's length is one; before です the reading
        // may be a word's (補助金(ほじょきん)です), so the run must read as a name.
        let introduced = ["申", "いい", "言い"]
            .iter()
            .any(|w| whole.as_str().contains(w));
        let run = &text[s..e];
        // 九十九(つくも)です: before です, a run that is not simply a word (補助金).
        let word = view
            .words
            .iter()
            .filter(|w| w.start >= s && w.end <= e)
            .all(|w| w.class == WordClass::CommonNoun);
        let spelled = (introduced || !word)
            && run.chars().all(is_kanji)
            && (1..=6).contains(&run.chars().count())
            && !is_title(run)
            && !is_town(run);
        if let Some((a, b)) = person_like(view, s, e).or(spelled.then_some((s, e))) {
            claims.claim(a, b, PiiKind::Name);
            claims.claim(m.start(), m.end(), PiiKind::Name);
        }
    }
}

/// Someone the caller heard from, was sent by or writes for: 竹内から聞いた, 田村さんに紹介された,
/// ジェームズの代わりに, 母の代理で. Only the dictionary's person names, or katakana names.
pub(super) fn heard_from(view: &NameView<'_>, claims: &mut Claims) {
    let text = view.text;
    for cue in [
        "から聞い",
        "に聞い",
        "から紹介",
        "に紹介",
        "の紹介で",
        "の代わりに",
        "の代わりで",
        "の代理で",
        "の代理として",
        "の代理人",
        "からの紹介",
        "からご紹介",
    ] {
        for (at, _) in text.match_indices(cue) {
            let Some((s, e)) = view.run_before(at) else {
                continue;
            };
            let run = &text[s..e];
            if is_title(run) || is_town(run) {
                continue;
            }
            let katakana = run.chars().all(|c| is_katakana(c) || c == '・')
                && run.chars().count() >= 2
                && view.words.iter().all(|w| {
                    w.end <= s
                        || w.start >= e
                        || w.class == WordClass::Unknown
                        || is_person(w.class)
                });
            if let Some((a, b)) = view.accept(s, e, Strength::Weak) {
                claims.claim(a, b, PiiKind::Name);
            } else if katakana {
                claims.claim(s, e, PiiKind::Name);
            }
        }
    }
}

/// A given name in hiragana after a surname in kanji (森永さくらです, 松本ゆい): where the
/// name ends, when the kana that follow are a short word closed by です, an honorific or a
/// break.
pub(super) fn kana_given_after(view: &NameView<'_>, e: usize) -> Option<usize> {
    const CLOSE: &[&str] = &["です", "でござ", "と申", "といい", "さん", "さま", "様"];
    let rest = &view.text[e..];
    let kana_len: usize = hiragana_prefix_len(rest);
    let kana = &rest[..kana_len];
    let given_len = CLOSE
        .iter()
        .filter_map(|w| kana.find(w))
        .filter(|&i| i > 0)
        .min()
        .unwrap_or(kana_len);
    let given = &rest[..given_len];
    let next = &rest[given_len..];
    let particle = [
        "の", "が", "は", "を", "に", "で", "と", "も", "へ", "や", "か", "よ", "ね",
    ]
    .iter()
    .any(|p| given.starts_with(p));
    let closed = CLOSE.iter().any(|w| next.starts_with(w))
        || next
            .chars()
            .next()
            .is_none_or(|c| " 、。,!?\n(".contains(c));
    ((2..=4).contains(&given.chars().count()) && !particle && closed).then_some(e + given_len)
}

/// A given name in kanji a space after a surname, closed by an introduction (松田 英樹です):
/// where the name ends. A word the dictionary knows as common (松田 商店です) is not one.
pub(super) fn kanji_given_after(view: &NameView<'_>, e: usize) -> Option<usize> {
    const CLOSE: &[&str] = &["です", "でござ", "と申", "といい", "と言い", "さん", "様"];
    let rest = view.text[e..].strip_prefix(' ')?;
    let len: usize = rest
        .chars()
        .take_while(|&c| is_kanji(c))
        .map(char::len_utf8)
        .sum();
    let (s, end) = (e + 1, e + 1 + len);
    let n = rest[..len].chars().count();
    let common = n >= 2
        && view
            .words
            .iter()
            .any(|w| w.start == s && w.end == end && w.class == WordClass::CommonNoun);
    ((1..=3).contains(&n)
        && !common
        && !is_title(&rest[..len])
        && CLOSE.iter().any(|w| rest[len..].starts_with(w)))
    .then_some(end)
}

/// A given name in hiragana after a role and の at a self-introduction: ネイルサロン経営の
/// えりかです.
pub(super) fn kana_after_role(view: &NameView<'_>, claims: &mut Claims) {
    const NOT: &[&str] = &[
        "もの",
        "こと",
        "ため",
        "よう",
        "ほう",
        "ところ",
        "はず",
        "つもり",
        "わけ",
        "とき",
        "みなさん",
        "かた",
        "ひと",
    ];
    let text = view.text;
    for (role, _) in RELATIONS {
        for (at, _) in text.match_indices(&format!("{role}の")) {
            let from = at + role.len() + "の".len();
            let rest = &text[from..];
            let kana: usize = hiragana_prefix_len(rest);
            let Some(name_len) = rest[..kana].find("です") else {
                continue;
            };
            let name = &rest[..name_len];
            let after = &rest[name_len + "です".len()..];
            let closed = after
                .chars()
                .next()
                .is_none_or(|c| !is_hiragana(c) && !is_kanji(c));
            if (2..=4).contains(&name.chars().count()) && closed && !NOT.contains(&name) {
                claims.claim(from, from + name_len, PiiKind::Name);
            }
        }
    }
}

/// A name after a role or a relation and の (経理の林が, 店長の東です, 娘のあやかが, 弊社の黒田が,
/// 妻の林 香が): what follows the name must go on as a sentence about that person, and the word
/// must not be one the dictionary knows as an ordinary noun (弊社の製品が, うちの店が).
pub(super) fn after_role_of(view: &NameView<'_>, claims: &mut Claims) {
    static ROLE_OF: OnceLock<Regex> = OnceLock::new();
    let role_of = ROLE_OF.get_or_init(|| {
        re(&format!(
            concat!(
                // 前任の 原 から, 弊社の経理、杉山 由美から: a space or 、 may set the name apart.
                r"({})(?:の|、) ?",
                r"([一-龯々]{{1,4}}(?: [一-龯々]{{1,3}})?|[ァ-ヶ][ァ-ヶー・]{{1,15}}|[ぁ-ゖ]{{2,4}})",
                r" ?(?:が|は|です|でございます|と|から|より|に|まで|宛|を|の代わり|、|\)|$)",
            ),
            relation_alternation(&[
                Relation::Family,
                Relation::Colleague,
                Relation::Role,
                Relation::Organisation
            ])
        ))
    });
    const NOT_AFTER_ROLE: &[&str] = &[
        "方",
        "者",
        "人",
        "私",
        "僕",
        "件",
        "話",
        "分",
        "声",
        "顔",
        "家",
        "店",
        "車",
        "席",
        "代",
        "番",
        "前",
        "後",
        "上",
        "下",
        "中",
        "時",
        "日",
        "手",
        "口",
        "目",
        "所",
        "側",
        "元",
        "子",
        "娘",
        "妻",
        "夫",
        "母",
        "父",
        "兄",
        "姉",
        "弟",
        "妹",
        "名",
        "方々",
        "皆",
        "誰",
        "ほう",
        "かた",
        "ひと",
        "もの",
        "こと",
        "ため",
        "みな",
        "みんな",
        "わたし",
        "ぼく",
        "あたり",
        "ところ",
        "とき",
        "おかげ",
    ];
    for c in role_of.captures_iter(view.text) {
        let role = c.get(1).expect("group").as_str();
        let m = c.get(2).expect("group");
        let (s, e) = (m.start(), m.end());
        let run = m.as_str();
        // 経理の青山です: after a person's role a town of the ward is a surname (青山, 三田);
        // after 弊社の or うちの it is where the business is.
        let relation = RELATIONS.iter().find(|(w, _)| *w == role).map(|r| r.1);
        let organisation = relation == Some(Relation::Organisation);
        let town = is_town(run) && (organisation || !MINATO_TOWNS.contains(&run));
        if NOT_AFTER_ROLE.contains(&run)
            || NOT_AFTER_ROLE
                .iter()
                .any(|w| w.chars().count() >= 2 && run.ends_with(w))
            || is_title(run)
            || town
            || is_event_word(run)
        {
            continue;
        }
        // 娘のあやかが: a given name in kana the dictionary cuts into pieces of no class.
        let kana_given = run.chars().all(is_hiragana) && relation == Some(Relation::Family);
        // A known ordinary word (製品, サービス, 会社) is not a name; a single kanji may be
        // filed as one (林, 東) and is judged by the list above.
        // 弊社の黒田が: a word the dictionary files as common but shaped like a surname is one.
        let ordinary = (view.words.iter().any(|w| {
            w.start == s
                && w.end == e
                && matches!(w.class, WordClass::CommonNoun | WordClass::Other)
                && run.chars().count() >= 2
        }) && !name_shaped(run))
            || (view.words.iter().any(|w| {
                w.start >= s
                    && w.end <= e
                    && w.class == WordClass::Other
                    && !run.contains(' ')
                    && run.chars().count() >= 2
            }) && !kana_given);
        // Two or more kanji (代表就任, 青木): the dictionary's person or place, or a name's shape.
        let kanji = run.chars().filter(|&c| is_kanji(c)).count();
        // 妻の林 香が: two short kanji words a space apart are a surname and a given name.
        let spaced = run.contains(' ')
            && run
                .split(' ')
                .all(|p| (1..=3).contains(&p.chars().count()) && !is_title(p));
        let named = kanji < 2
            || !is_kanji(run.chars().next().unwrap_or(' '))
            || view.has_person_word(s, e)
            || view
                .words
                .iter()
                .any(|w| w.start >= s && w.end <= e && w.class == WordClass::Place)
            || run.split(' ').all(name_shaped)
            || spaced
            || (MINATO_TOWNS.contains(&run) && !organisation);
        if !ordinary && named {
            claims.claim(s, e, PiiKind::Name);
        }
    }
}

#[cfg(test)]
mod tests {
    use crate::domain::masking::test_dict::{d, m};

    #[test]
    fn the_writer_in_brackets_after_watashi() {
        assert_eq!(
            m("私（平野）の生年月日を直したいです"),
            "私([氏名])の生年月日を直したいです"
        );
        assert_eq!(d("私（北川）が申請者です"), "私([氏名])が申請者です");
        assert_eq!(
            m("私（個人事業主）でも申請できますか"),
            "私(個人事業主)でも申請できますか"
        );
    }

    #[test]
    fn a_name_before_made_and_a_call_back() {
        assert_eq!(
            m("ご連絡は平野まで：hirano@example.jp"),
            "ご連絡は[氏名]まで:[メール]"
        );
        assert_eq!(
            m("お手数ですが平野まで折り返しお願いします"),
            "お手数ですが[氏名]まで折り返しお願いします"
        );
        assert_eq!(
            m("折り返しは北川まで。080-2222-3333"),
            "折り返しは[氏名]まで。[電話番号]"
        );
        for text in [
            "ご連絡は事務局までお願いします",
            "折り返しは窓口まで",
            "お電話は平日17時までです",
        ] {
            assert_eq!(m(text), text, "{text}");
        }
    }

    #[test]
    fn a_labelled_number_in_brackets_after_a_name() {
        assert_eq!(
            m("担当 平野（携帯090-1234-5678）"),
            "担当 [氏名](携帯[電話番号])"
        );
        assert_eq!(
            m("区民センター（電話03-1234-5678）に聞きました"),
            "区民センター(電話[電話番号])に聞きました"
        );
    }

    #[test]
    fn a_surname_after_a_town_an_office_or_what_the_writer_did() {
        assert_eq!(d("赤坂の北川です。"), "赤坂の[氏名]です。");
        assert_eq!(d("経理部の戸田です"), "経理部の[氏名]です");
        assert_eq!(d("先ほど電話した野村です、"), "先ほど電話した[氏名]です、");
        for text in [
            "赤坂の店舗です",
            "六本木の会社です",
            "営業部の担当です",
            "先日申請した内容です",
            "前回相談した事業です。",
        ] {
            assert_eq!(d(text), text, "{text}");
        }
    }

    #[test]
    fn a_name_after_a_role_or_relation_and_no() {
        assert_eq!(
            m("経理の林が書類を持って伺います。"),
            "経理の[氏名]が書類を持って伺います。"
        );
        assert_eq!(
            m("店長の東です。バイト募集の助成について質問です。"),
            "店長の[氏名]です。バイト募集の助成について質問です。"
        );
        assert_eq!(
            m("娘のあやかが手伝っています"),
            "娘の[氏名]が手伝っています"
        );
        assert_eq!(
            m("うちのジョンが日本語あまり話せません"),
            "うちの[氏名]が日本語あまり話せません"
        );
        assert_eq!(
            m("妻の平野 翼が窓口に行きます"),
            "妻の[氏名]が窓口に行きます"
        );
        assert_eq!(
            m("息子のゆうとが店を手伝います"),
            "息子の[氏名]が店を手伝います"
        );
        assert_eq!(
            m("総務の三田が書類を届けます"),
            "総務の[氏名]が書類を届けます"
        );
        for text in [
            "弊社の三田の店舗が対象か知りたい",
            "母のおかげで開業できました",
            "代表の方が来ないとだめですか",
            "うちの店が対象か知りたいです",
            "社長の娘が店を継ぎます",
            "経理のほうから連絡します",
            "担当の開業日が決まりました",
        ] {
            assert_eq!(m(text), text, "{text}");
        }
    }
}
