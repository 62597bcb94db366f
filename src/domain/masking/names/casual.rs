//! Names as callers write them in a hurry: at the opening of a message before だけど, っす or
//! だ (田中だけど、, 菊池っす。, おう、戸田だ。), after こちら (こちら佐々木、), a given name of
//! one kanji before くん or ちゃん (光くん, 愛さんから), and the same person's name in another
//! script in brackets beside a name found (ハヤシ ケンジ(林 健二), Chen Jing (陳静)).

use crate::domain::masking::scan::{hiragana_prefix_len, hiragana_suffix_len};
use std::sync::OnceLock;

use regex::Regex;

use super::introduction::COMMON_KANA;
use super::is_latin_letter;
use super::scripts::is_hangul;
use super::view::{NameView, is_person};
use super::words::{
    RELATIONS, Relation, is_common_word, is_event_word, is_title, is_town, name_shaped,
    relation_alternation,
};
use crate::domain::masking::scan::{Claims, is_hiragana, is_kanji, is_kanji_str, is_katakana, re};
use crate::domain::masking::{PiiKind, WordClass};

/// Words a caller opens with before saying who they are: おう、, あ、, もしもし、.
const INTERJECTIONS: &[&str] = &[
    "おう",
    "あ",
    "あの",
    "えーと",
    "えっと",
    "もしもし",
    "どうも",
    "ども",
    "お疲れ様です",
    "お疲れさまです",
    "おつかれさまです",
    "お疲れ様",
    "おつかれ",
    "元気?",
    "こんにちは",
    "こんばんは",
    "おはようございます",
    "おはよう",
    "お世話になります",
    "お世話になっております",
    "すみません",
    "はじめまして",
    "初めまして",
    "ごめん",
    "DM失礼します",
    "チャットで失礼します",
    "失礼します",
];

/// What follows a name that introduces its writer in speech: 田中だけど, 菊池っす, 翼だよ.
const CASUAL_COPULAS: &[&str] = &[
    "だけど",
    "だけれど",
    "ですけど",
    "ですが",
    "だが",
    "っす",
    "です",
    "だよ",
    "だ。",
    "だ、",
    "だ!",
    "だ ",
];

/// The writer introduced at the opening of the message or of a line, in speech: 田中だけど、,
/// 菊池っす。, おう、戸田だ。, 翼だよ。, こちら佐々木、, 俺だ、岩田。
pub(super) fn casual_opening(view: &NameView<'_>, claims: &mut Claims) {
    let text = view.text;
    let mut openings = vec![(0, false)];
    openings.extend(text.match_indices('\n').map(|(i, _)| (i + 1, false)));
    // あ、名前言ってなかった。ちはるです。: the second or third sentence may introduce too,
    // with です and a name the dictionary knows or written in kana.
    openings.extend(
        text.match_indices(['。', '!', '?'])
            .take(2)
            .map(|(i, m)| (i + m.len(), true)),
    );
    for (open, sentence) in openings {
        let open = open + (text[open..].len() - text[open..].trim_start_matches(' ').len());
        let mut at = open;
        // Interjections and greetings, each closed by 、 。 ! ? or a space.
        loop {
            let rest = &text[at..];
            let skip = INTERJECTIONS
                .iter()
                .chain(["俺だ", "おれだ", "私だ", "わたしだ"].iter())
                .find_map(|w| {
                    let after = rest.strip_prefix(w)?;
                    let trimmed = after.trim_start_matches(['、', '。', '!', '?', ' ', ',', '.']);
                    (trimmed.len() < after.len()).then(|| rest.len() - trimmed.len())
                });
            match skip {
                Some(n) => at += n,
                None => break,
            }
        }
        // 俺だ、岩田。 こちら佐々木、: the name needs no copula after them.
        let head = &text[open..at];
        let mut named = ["俺だ", "おれだ", "私だ", "わたしだ"]
            .iter()
            .any(|w| head.contains(w));
        if let Some(r) = text[at..].strip_prefix("こちら") {
            let r2 = r.strip_prefix('は').unwrap_or(r).trim_start_matches(' ');
            at = text.len() - r2.len();
            named = true;
        }
        let Some((s, e)) = name_at(view, at) else {
            continue;
        };
        let rest = &text[e..];
        let copula = CASUAL_COPULAS.iter().any(|c| rest.starts_with(c))
            && !rest.starts_with("ですか")
            && !rest.starts_with("だけで");
        let closed = rest.chars().next().is_none_or(|c| "、。,. !\n".contains(c));
        if sentence {
            let run = &text[s..e];
            let desu = ["です。", "です!", "です、"]
                .iter()
                .any(|c| rest.starts_with(c));
            let known = run.chars().all(is_hiragana)
                || (view.has_person_word(s, e) && run.chars().count() >= 2)
                || name_shaped(run);
            if !(desu && known && !run.ends_with('い')) {
                continue;
            }
        }
        // ひなたのパパです: whose parent the writer is.
        let parent = ["のパパです", "のママです", "の父です", "の母です"]
            .iter()
            .any(|w| rest.starts_with(w));
        if copula || parent || (named && closed) {
            claims.claim(s, e, PiiKind::Name);
        }
    }
}

/// A name starting at `at`: kanji the dictionary reads as a name or shaped like one, one kanji
/// that is no common word, katakana it does not know as a word, or two to five kana that are
/// not a word that opens a message.
fn name_at(view: &NameView<'_>, at: usize) -> Option<(usize, usize)> {
    let text = view.text;
    let first = text[at..].chars().next()?;
    if is_hiragana(first) {
        let len: usize = hiragana_prefix_len(&text[at..]);
        let run = &text[at..at + len];
        // さとうだけど: the copula is not part of the name.
        // ひなたのパパです: whose parent the writer is.
        let parent = run.ends_with('の')
            && ["パパ", "ママ"]
                .iter()
                .any(|w| text[at + len..].starts_with(w));
        // おかだ ひとみ: だ may be part of a name in kana, so only です and っす close one.
        let name_len = if parent {
            len - 'の'.len_utf8()
        } else {
            ["ですけど", "ですが", "です", "っす"]
                .iter()
                .filter_map(|c| run.find(c))
                .filter(|&i| i > 0)
                .min()?
        };
        let name = &run[..name_len];
        let n = name.chars().count();
        return ((2..=5).contains(&n) && !COMMON_KANA.contains(&name))
            .then_some((at, at + name_len));
    }
    let len: usize = text[at..]
        .chars()
        .take_while(|&c| {
            if is_kanji(first) {
                is_kanji(c)
            } else {
                is_katakana(c)
            }
        })
        .map(char::len_utf8)
        .sum();
    if len == 0 {
        return None;
    }
    let (s, e) = (at, at + len);
    let run = &text[s..e];
    if is_title(run) || is_town(run) || is_common_word(run) || is_event_word(run) {
        return None;
    }
    let whole_word = |class: WordClass| {
        view.words
            .iter()
            .any(|w| w.start == s && w.end == e && w.class == class)
    };
    if run.chars().all(is_katakana) {
        let known = whole_word(WordClass::CommonNoun);
        return ((2..=8).contains(&run.chars().count()) && !known).then_some((s, e));
    }
    let n = run.chars().count();
    let person = view.has_person_word(s, e)
        && view
            .words
            .iter()
            .filter(|w| w.start < e && w.end > s)
            .all(|w| is_person(w.class) || w.class == WordClass::Place);
    let single = n == 1 && !whole_word(WordClass::Other) && !SINGLE_NOT_NAMES.contains(&run);
    let ok = is_kanji_str(run)
        && (1..=4).contains(&n)
        && (person || name_shaped(run) || single || (n <= 3 && whole_word(WordClass::Place)));
    ok.then_some((s, e))
}

/// Single kanji that take くん, ちゃん or さん, or open a sentence, without being a name.
const SINGLE_NOT_NAMES: &[&str] = &[
    "奥", "嫁", "娘", "妹", "姉", "兄", "弟", "父", "母", "孫", "妻", "夫", "客", "皆", "彼", "誰",
    "婆", "爺", "王", "神", "仏", "上", "屋", "坊", "赤", "姫", "猫", "犬", "私", "僕", "俺", "君",
    "今", "店", "先", "前", "後", "次", "件", "方", "人", "親", "子", "何", "本", "実", "旦", "殿",
    "様", "主",
];

/// A given name of one kanji before くん, ちゃん or さん, set apart from the words before it:
/// 光くん(うちのバイト), 愛さんから紹介されて, マスターの誠さんに.
pub(super) fn single_kanji_before_honorific(view: &NameView<'_>, claims: &mut Claims) {
    let text = view.text;
    for honorific in ["さん", "くん", "ちゃん", "君"] {
        for (at, _) in text.match_indices(honorific) {
            let Some(c) = text[..at].chars().next_back().filter(|&c| is_kanji(c)) else {
                continue;
            };
            let s = at - c.len_utf8();
            let set_apart = text[..s]
                .chars()
                .next_back()
                .is_none_or(|b| !is_kanji(b) && !is_katakana(b) && b != 'お' && b != 'ご');
            let run = &text[s..at];
            // 書くんですか, 開くんですが: a verb, not an honorific.
            let verb = text[at + honorific.len()..].starts_with(['で', 'だ', 'じ']);
            // 源さん, 光くん: what the dictionary knows as a word of its own (奥, 客) is listed.
            if set_apart && !verb && !SINGLE_NOT_NAMES.contains(&run) && !is_title(run) {
                claims.claim(s, at, PiiKind::Name);
            }
        }
    }
}

/// The same person's name in another script in brackets right after a name found (and its
/// honorific): ハヤシ ケンジ(林 健二)様, イ・ソヨン様(李素妍), Chen Jing (陳静), Leo Park
/// (박레오), 張 明 様(チャン・ミン).
pub(super) fn bracketed_other_script(view: &NameView<'_>, claims: &mut Claims) {
    bracketed_beside(view, claims, true);
}

/// The same, with kanji in brackets read as a name only when `kanji` (the rules' pass: after
/// the tagger no dictionary is at hand to tell 女性 or 代表 from a name).
pub(super) fn bracketed_beside(view: &NameView<'_>, claims: &mut Claims, kanji: bool) {
    let text = view.text;
    let found = claims.ends_of(PiiKind::Name);
    for e in found {
        let mut rest = text[e..].trim_start_matches(' ');
        // ZHOU Xin / 周鑫: the name in kanji after a slash, ending the line.
        if let Some(r) = rest.strip_prefix("/ ") {
            let len: usize = r
                .chars()
                .take_while(|&c| is_kanji(c))
                .map(char::len_utf8)
                .sum();
            let n = r[..len].chars().count();
            if (2..=4).contains(&n) && r[len..].chars().next().is_none_or(|c| c == '\n') {
                let s = text.len() - r.len();
                claims.claim(s, s + len, PiiKind::Name);
            }
            continue;
        }
        // T. Suzuki here (Suzuki Takumi).
        for w in [" here", " again"] {
            if let Some(r) = text[e..].strip_prefix(w) {
                rest = r.trim_start_matches(' ');
            }
        }
        for h in ["様", "さん", "さま", "殿", "氏"] {
            if let Some(r) = rest.strip_prefix(h) {
                rest = r.trim_start_matches(' ');
                break;
            }
        }
        let Some(inner) = rest.strip_prefix('(') else {
            continue;
        };
        let Some(close) = inner.find(')') else {
            continue;
        };
        let whole = inner[..close].trim();
        let whole_at = text.len() - inner.len() + (inner.len() - inner.trim_start().len());
        // (おう ほう/Wang Fang): a reading and a spelling side by side, each a name.
        let pieces: Vec<(usize, &str)> = if whole.contains('/') {
            let mut at = whole_at;
            whole
                .split('/')
                .map(|p| {
                    let piece = (at + (p.len() - p.trim_start().len()), p.trim());
                    at += p.len() + 1;
                    piece
                })
                .collect()
        } else {
            vec![(whole_at, whole)]
        };
        for (s, name) in pieces {
            if kanji || !name.chars().any(is_kanji) {
                bracketed_piece(claims, s, name);
            }
        }
    }
}

/// Capitalised English words that may stand in brackets after a name without being one.
const BRACKETED_NOT_NAMES: &[&str] = &[
    "owner",
    "manager",
    "staff",
    "director",
    "president",
    "representative",
    "accountant",
    "chef",
    "agent",
    "translator",
    "interpreter",
    "son",
    "daughter",
    "wife",
    "husband",
    "mother",
    "father",
    "friend",
    "japan",
    "tokyo",
    "minato",
    "ceo",
    "cfo",
    "coo",
    "english",
    "japanese",
    "mobile",
    "office",
    "home",
    "work",
    "private",
    "personal",
    "deceased",
];

/// One piece of a bracket after a name found: claimed when it reads as a name.
fn bracketed_piece(claims: &mut Claims, s: usize, name: &str) {
    let n = name.chars().count();
    let kanji = name.split(' ').all(|p| !p.is_empty() && is_kanji_str(p)) && (1..=6).contains(&n);
    let katakana = katakana_name(name);
    let korean = hangul_name(name);
    let relation = RELATIONS.iter().any(|(w, _)| *w == name);
    // (Tomek): one capitalised word, in brackets right after a name, is that name.
    let single = (3..=15).contains(&n)
        && name.starts_with(|c: char| c.is_ascii_uppercase())
        && name
            .chars()
            .skip(1)
            .all(|c| c.is_ascii_lowercase() || c == '-')
        && !BRACKETED_NOT_NAMES.contains(&name.to_lowercase().as_str())
        && !super::context::LATIN_NOT_NAMES.contains(&name.to_lowercase().as_str());
    let latin = super::context::latin_name(name) || accented_name(name) || single;
    // 相談者 若林様(わかばやし): the reading in hiragana.
    // (おう ほう): a reading in two words.
    let reading = name.chars().all(|c| is_hiragana(c) || c == ' ')
        && !name.contains("  ")
        && (2..=10).contains(&n)
        && !name.split(' ').any(|w| COMMON_KANA.contains(&w));
    if (kanji || katakana || korean || latin || reading || other_script_name(name))
        && !is_title(name)
        && !relation
        && !is_town(name)
        && !is_event_word(name)
        && !SINGLE_NOT_NAMES.contains(&name)
        && ![
            "株",
            "有",
            "本人",
            "代理",
            "携帯",
            "自宅",
            "直通",
            "会社",
            "勤務先",
            "固定",
            "内線",
        ]
        .contains(&name)
    {
        claims.claim(s, s + name.len(), PiiKind::Name);
    }
}

/// Two to sixteen katakana, with ・ or spaces between the parts: ハヤシ ケンジ, イ・ソヨン.
fn katakana_name(name: &str) -> bool {
    name.chars()
        .all(|c| is_katakana(c) || c == '・' || c == ' ')
        && (2..=16).contains(&name.chars().count())
}

/// Two to eight hangul, with spaces: 박레오, 김 민수.
fn hangul_name(name: &str) -> bool {
    name.chars().all(|c| is_hangul(c) || c == ' ') && (2..=8).contains(&name.chars().count())
}

/// A name in a script the other rules do not read (Thai, Devanagari, Cyrillic, Arabic, Hebrew,
/// Ethiopic…): one to four words of such letters.
fn other_script_name(name: &str) -> bool {
    let letter = |c: char| {
        ('\u{0400}'..='\u{04FF}').contains(&c) // Cyrillic
            || ('\u{0590}'..='\u{06FF}').contains(&c) // Hebrew, Arabic
            || ('\u{0900}'..='\u{0DFF}').contains(&c) // Devanagari … Sinhala
            || ('\u{0E00}'..='\u{0EFF}').contains(&c) // Thai, Lao
            || ('\u{1000}'..='\u{109F}').contains(&c) // Myanmar
            || ('\u{1200}'..='\u{137F}').contains(&c) // Ethiopic
    };
    let words = name.split(' ').filter(|w| !w.is_empty()).count();
    (1..=4).contains(&words)
        && name.chars().any(letter)
        && name
            .chars()
            // Zero-width joiners hold some Indic names together.
            .all(|c| letter(c) || c == ' ' || c == '-' || c == '\u{200C}' || c == '\u{200D}')
}

/// Diego Fernández, Đặng Thị Hà, Nguyễn Văn An: Latin names with accents, two to four
/// capitalised words.
fn accented_name(name: &str) -> bool {
    let words: Vec<&str> = name.split(' ').filter(|w| !w.is_empty()).collect();
    (2..=4).contains(&words.len())
        && !name.is_ascii()
        && words.iter().all(|w| {
            w.chars().next().is_some_and(char::is_uppercase)
                && w.chars()
                    .all(|c| is_latin_letter(c) || c == '-' || c == '\'')
        })
}

/// Chen Mei-Ling ([氏名]), 김민수 ([氏名]): a name found in brackets names, in another script,
/// the person whose name stands right before the bracket.
pub(super) fn before_bracketed_name(text: &str, claims: &mut Claims) {
    let inside: Vec<(usize, usize)> = claims
        .0
        .iter()
        .filter(|c| c.2 == PiiKind::Name)
        .map(|c| (c.0, c.1))
        .collect();
    for (s, e) in inside {
        let Some(before) = text[..s].trim_end_matches(' ').strip_suffix('(') else {
            continue;
        };
        if !text[e..].trim_start_matches(' ').starts_with(')') {
            continue;
        }
        let before = before.trim_end_matches(' ');
        // The run of letters back to the start of the line or a separator.
        let from = before
            .char_indices()
            .rev()
            .find(|&(_, c)| !(c.is_alphabetic() || c == ' ' || c == '-' || c == '\'' || c == '・'))
            .map_or(0, |(i, c)| i + c.len_utf8());
        let run = before[from..].trim();
        if run.is_empty() {
            continue;
        }
        let start = from + (before[from..].len() - before[from..].trim_start().len());
        if super::context::latin_name(run)
            || accented_name(run)
            || katakana_name(run)
            || hangul_name(run)
        {
            claims.claim(start, start + run.len(), PiiKind::Name);
        }
    }
}

/// The names a relation holds in brackets, one or several, in any script: 祖母(清子),
/// ばあちゃん(とし子), 息子夫婦(健一・さやか), 娘(沙織)と孫(陽向), 妻(ジュリア), 夫(Michael).
pub(super) fn relation_in_brackets(view: &NameView<'_>, claims: &mut Claims) {
    static REL: OnceLock<Regex> = OnceLock::new();
    let rel = REL.get_or_init(|| {
        re(&format!(
            r"(?:{}|ばあちゃん|じいちゃん|息子さん|娘さん|奥さん|奥様|旦那さん|ご主人|夫婦|私|わたし|僕)\(([^()\n]{{1,20}})\)",
            relation_alternation(&[Relation::Family, Relation::Colleague])
        ))
    });
    let text = view.text;
    for c in rel.captures_iter(text) {
        let inner = c.get(1).expect("group");
        let mut at = inner.start();
        for part in inner.as_str().split(['・', '、', ',', ' ']) {
            let (s, e) = (at, at + part.len());
            at = e + text[e..].chars().next().map_or(0, char::len_utf8);
            if bracketed_name(view, s, e) {
                claims.claim(s, e, PiiKind::Name);
            }
        }
    }
}

/// Whether [s, e), all that a bracket after a relation holds or one part of it, is a name.
fn bracketed_name(view: &NameView<'_>, s: usize, e: usize) -> bool {
    let part = &view.text[s..e];
    let n = part.chars().count();
    if n == 0
        || is_title(part)
        || is_town(part)
        || is_event_word(part)
        || is_common_word(part)
        || SINGLE_NOT_NAMES.contains(&part)
        || RELATIONS.iter().any(|(w, _)| *w == part)
    {
        return false;
    }
    let whole_common = view.words.iter().any(|w| {
        w.start == s && w.end == e && matches!(w.class, WordClass::CommonNoun | WordClass::Other)
    });
    if part.chars().all(is_katakana) {
        return (2..=8).contains(&n) && !whole_common;
    }
    if part.chars().all(|c| c.is_ascii_alphabetic() || c == '-') {
        return part.starts_with(|c: char| c.is_ascii_uppercase()) && part.len() >= 2;
    }
    if part.chars().all(is_hiragana) {
        return (2..=4).contains(&n) && !COMMON_KANA.contains(&part);
    }
    // とし子, 清子, 宏: kanji, or kana ending in a kanji, a name's length.
    let kanji_tail = part.chars().next_back().is_some_and(is_kanji);
    let shaped = part.chars().all(|c| is_kanji(c) || is_hiragana(c)) && kanji_tail;
    shaped
        && (1..=4).contains(&n)
        && (n <= 2 || view.has_person_word(s, e) || name_shaped(part))
        && !(n == 2 && whole_common && !name_shaped(part))
}

/// Names in a message typed in kana with spaces between words: むすめの あやか の かわりです,
/// and the signature after its thanks: … ありがとう ございました たなか ともこ.
pub(super) fn kana_message_names(text: &str, claims: &mut Claims) {
    static P: OnceLock<[Regex; 2]> = OnceLock::new();
    let [relative, signed] = P.get_or_init(|| {
        [
            re(
                r"(?:むすめ|むすこ|つま|おっと|はは|ちち|あね|あに|いもうと|おとうと|まご)の ?([ぁ-ゖ]{2,4}) ?(?:の|が|は|と|です|、)",
            ),
            re(
                r"(?:ございました|ございます|ありがとう|おねがいします|よろしく)[ 、。!]+([ぁ-ゖ]{2,5}(?: [ぁ-ゖ]{2,5})?)[ 。!]*$",
            ),
        ]
    });
    for re_ in [relative, signed] {
        for c in re_.captures_iter(text) {
            let m = c.get(1).expect("group");
            let words_ok = m
                .as_str()
                .split(' ')
                .all(|w| !COMMON_KANA.contains(&w) && !w.ends_with("ます"));
            if words_ok {
                claims.claim(m.start(), m.end(), PiiKind::Name);
            }
        }
    }
}

/// One kanji introduced after what the writer did: 昼間に相談した楓です.
pub(super) fn single_kanji_after_deed(view: &NameView<'_>, claims: &mut Claims) {
    static P: OnceLock<Regex> = OnceLock::new();
    let deed = P.get_or_init(|| {
        re(
            r"(?:した|った|いた|んだ|れた|きた|ている|ていた|てる|する)([一-龯々])(?:です|でございます|と申します)(?:[。、!?,. \n]|$)",
        )
    });
    for c in deed.captures_iter(view.text) {
        let m = c.get(1).expect("group");
        if !SINGLE_NOT_NAMES.contains(&m.as_str()) && !is_title(m.as_str()) {
            claims.claim(m.start(), m.end(), PiiKind::Name);
        }
    }
}

/// A name in kana before a relation or a role in brackets: ゆうき(従業員)とゆうき(息子).
pub(super) fn kana_before_bracketed_role(text: &str, claims: &mut Claims) {
    for (open, _) in text.match_indices('(') {
        let Some(close) = text[open..].find(')').map(|i| open + i) else {
            continue;
        };
        let inner = &text[open + 1..close];
        let role = is_title(inner) || RELATIONS.iter().any(|(w, _)| *w == inner);
        if !role {
            continue;
        }
        let len: usize = hiragana_suffix_len(&text[..open]);
        let s = open - len;
        let run = &text[s..open];
        let set_apart = text[..s]
            .chars()
            .next_back()
            .is_none_or(|c| " 、。!?\n".contains(c));
        let run = run.strip_prefix('と').filter(|_| !set_apart).unwrap_or(run);
        let s = open - run.len();
        let set_apart = set_apart || text[..s].ends_with('と');
        if set_apart && (2..=5).contains(&run.chars().count()) && !COMMON_KANA.contains(&run) {
            claims.claim(s, open, PiiKind::Name);
        }
    }
}

/// A name the writer corrects is a name too: 林じゃなくて「はやし」, 桜じゃなくてさくら,
/// 翼じゃなくて、ひらがなのつばさ. The name after the correction must have been found.
pub(super) fn corrected_names(text: &str, claims: &mut Claims) {
    static P: OnceLock<Regex> = OnceLock::new();
    let corrected = P.get_or_init(|| {
        re(
            r"([一-龯々]{1,4}|[ァ-ヶー]{2,8}|[ぁ-ゖ]{2,5})(?:じゃなくて|じゃなく|ではなくて|ではなく)[、 ]?(?:ひらがなの|カタカナの|漢字の)?「?",
        )
    });
    let names: Vec<(usize, usize)> = claims
        .0
        .iter()
        .filter(|c| c.2 == PiiKind::Name)
        .map(|c| (c.0, c.1))
        .collect();
    for c in corrected.captures_iter(text) {
        let whole = c.get(0).expect("match");
        let m = c.get(1).expect("group");
        let named_after = names.iter().any(|&(s, _)| s == whole.end());
        let run = m.as_str();
        // The right name written again in another script: the two are the same name.
        let same_name = names
            .iter()
            .any(|&(s, e)| s > whole.end() && s <= whole.end() + 6 && e - s >= 2);
        if (named_after || same_name) && !is_title(run) && !COMMON_KANA.contains(&run) {
            claims.claim(m.start(), m.end(), PiiKind::Name);
        }
    }
}

/// A name found once, in one kanji or in hiragana, wherever else the message writes it apart
/// from other words: 原から…原と私で, はやしです…「はやし」って.
pub(super) fn repeated_short_names(text: &str, claims: &mut Claims) {
    let parts: Vec<String> = claims
        .0
        .iter()
        .filter(|c| c.2 == PiiKind::Name)
        .map(|c| text[c.0..c.1].to_string())
        .filter(|p| {
            let n = p.chars().count();
            (n == 1 && is_kanji_str(p) && !SINGLE_NOT_NAMES.contains(&p.as_str()))
                || ((2..=5).contains(&n) && p.chars().all(is_hiragana))
        })
        .collect();
    const PARTICLES: &str = "のはがとにをもへや";
    const AFTER: &[&str] = &[
        "って",
        "じゃ",
        "です",
        "だ",
        "の",
        "と",
        "が",
        "は",
        "に",
        "を",
        "も",
        "へ",
        "さん",
        "ちゃん",
        "くん",
        "から",
        "まで",
    ];
    let mut found = Vec::new();
    for part in &parts {
        let kanji = is_kanji_str(part);
        for (at, _) in text.match_indices(part.as_str()) {
            let end = at + part.len();
            let before = text[..at].chars().next_back();
            let after = text[end..].chars().next();
            let ok = if kanji {
                let apart = |c: Option<char>| c.is_none_or(|c| !is_kanji(c) && !is_katakana(c));
                apart(before) && apart(after)
            } else {
                (before.is_none_or(|c| !is_hiragana(c) || PARTICLES.contains(c))
                    || ["なくて", "なく"].iter().any(|w| text[..at].ends_with(w)))
                    && (after.is_none_or(|c| !is_hiragana(c))
                        || AFTER.iter().any(|w| text[end..].starts_with(w)))
            };
            if ok {
                found.push((at, end));
            }
        }
    }
    for (s, e) in found {
        claims.claim(s, e, PiiKind::Name);
    }
}

/// A surname the dictionary knows (or files as a place), a space, and a given name in kana
/// that introduces or addresses someone: 川口 あいりです, 森 さくら、.
pub(super) fn spaced_kana_given(view: &NameView<'_>, claims: &mut Claims) {
    let text = view.text;
    for w in view.words {
        let sa = &text[w.start..w.end];
        if !matches!(
            w.class,
            WordClass::Surname | WordClass::PersonName | WordClass::Place
        ) || !is_kanji_str(sa)
            || !(1..=3).contains(&sa.chars().count())
            || is_town(sa)
            || is_title(sa)
        {
            continue;
        }
        let Some(rest) = text[w.end..].strip_prefix(' ') else {
            continue;
        };
        let len: usize = hiragana_prefix_len(rest);
        let kana = &rest[..len];
        // 北川 です: the copula after a space, not a given name.
        if ["で", "と", "さん", "さま"]
            .iter()
            .any(|c| kana.starts_with(c))
        {
            continue;
        }
        let given = ["です", "でござ", "と申", "といい", "さん", "さま"]
            .iter()
            .filter_map(|c| kana.find(c))
            .filter(|&i| i > 0)
            .min()
            .unwrap_or(len);
        let n = kana[..given].chars().count();
        let closed = given < len || rest[len..].starts_with(['、', '。', ' ', '\n', '!']);
        if (2..=4).contains(&n) && closed && !COMMON_KANA.contains(&&kana[..given]) {
            claims.claim(w.start, w.end + 1 + given, PiiKind::Name);
        }
    }
}

/// Given names in hiragana listed before a count of people: 「みさき、けんた 二人とも」,
/// 「あおい、れん、ゆい の三人が」. A list of words the dictionary knows all of (こども、おとな)
/// is not.
pub(super) fn kana_names_counted(view: &NameView<'_>, claims: &mut Claims) {
    static COUNTED: OnceLock<Regex> = OnceLock::new();
    let counted = COUNTED.get_or_init(|| {
        re(concat!(
            r"((?:[ぁ-ゖ]{2,5}[、,] ?)+[ぁ-ゖ]{2,5}?)",
            r" ?(?:の ?)?(?:[二三四五六七八九2-9]人|全員|みんな|皆)"
        ))
    });
    for c in counted.captures_iter(view.text) {
        let list = c.get(1).expect("group");
        let items: Vec<(usize, usize)> = list
            .as_str()
            .split(['、', ','])
            .scan(list.start(), |at, item| {
                let s = *at + (item.len() - item.trim_start().len());
                *at += item.len();
                *at += view.text[*at..].chars().next().map_or(0, char::len_utf8);
                Some((s, s + item.trim().len()))
            })
            .collect();
        // Many given names are also words in kana (みさき, りく): one the dictionary does not
        // know is enough to show a list of names.
        let common = |&(s, e): &(usize, usize)| COMMON_KANA.contains(&&view.text[s..e]);
        let known = |&(s, e): &(usize, usize)| {
            view.words.iter().any(|w| {
                w.start == s
                    && w.end == e
                    && matches!(w.class, WordClass::CommonNoun | WordClass::Other)
            })
        };
        if items.len() < 2 || items.iter().any(common) || items.iter().all(known) {
            continue;
        }
        for (s, e) in items {
            claims.claim(s, e, PiiKind::Name);
        }
    }
}

#[cfg(test)]
mod tests {
    use crate::domain::masking::test_dict::m;

    #[test]
    fn kana_given_names_listed_before_a_count_of_people() {
        assert_eq!(
            m("みさき、けんた、りく 三人ともアルバイトです"),
            "[氏名]、[氏名]、[氏名] 三人ともアルバイトです"
        );
        assert_eq!(
            m("あおい、れんの二人が来ます"),
            "[氏名]、[氏名]の二人が来ます"
        );
        assert_eq!(
            m("そう、いい 二人だと思います"),
            "そう、いい 二人だと思います"
        );
    }
}
