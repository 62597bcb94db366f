//! Names told apart by their script from the text around them: a Korean name in Hangul in a
//! Japanese message, a name in kanji or katakana inside an English sentence, and a Chinese
//! name in kanji introduced by its writer (its surname is one of the common ones).

use super::view::{NameView, is_person};
use super::words::{is_organisation, is_title, is_town};
use crate::domain::masking::scan::{Claims, is_kanji, is_katakana, kanji_prefix_len};
use crate::domain::masking::{PiiKind, WordClass};

pub(super) fn is_hangul(c: char) -> bool {
    ('\u{AC00}'..='\u{D7A3}').contains(&c)
}

/// What follows a Korean name: the Korean copula or honorific (입니다, 이에요, 씨), or the
/// Japanese one, an honorific or a particle (です, さん, の, が).
const AFTER_HANGUL_NAME: &[&str] = &[
    "입니다",
    "이에요",
    "예요",
    "이라고",
    "라고",
    "씨",
    "님",
    "です",
    "さん",
    "様",
    "の",
    "が",
    "と",
    "は",
    "に",
    "(",
    ")",
];

/// A Korean name in Hangul: two to four syllables (이지은, 박서준) before a copula, an
/// honorific or a Japanese particle, or after a Japanese の. A longer run is a sentence
/// (안녕하세요) and is left alone.
pub(super) fn hangul_names(text: &str, claims: &mut Claims) {
    let mut at = 0;
    while at < text.len() {
        let Some(c) = text[at..].chars().next() else {
            break;
        };
        if !is_hangul(c) {
            at += c.len_utf8();
            continue;
        }
        let run_len: usize = text[at..]
            .chars()
            .take_while(|&c| is_hangul(c))
            .map(char::len_utf8)
            .sum();
        let run = &text[at..at + run_len];
        // 이지은입니다: the copula written on to the name.
        let (name_len, closed) = ["입니다", "이에요", "예요", "씨", "님"]
            .iter()
            .find_map(|w| run.strip_suffix(w).map(|n| (n.len(), true)))
            .unwrap_or((run_len, false));
        let rest = &text[at + run_len..];
        let closed = closed
            || AFTER_HANGUL_NAME.iter().any(|w| rest.starts_with(w))
            || text[..at].ends_with('の');
        let syllables = text[at..at + name_len].chars().count();
        if closed && (2..=4).contains(&syllables) {
            claims.claim(at, at + name_len, PiiKind::Name);
        }
        at += run_len;
    }
}

/// A name in kanji or katakana standing on its own in an English message: "My kid 進 will",
/// "Please ask Ms. 宮崎 to call", "Hello, I am 楊帆.", "My name in katakana is ハヤカワ・リクト".
/// Japanese words in such a message are mostly terms the caller quotes (家賃補助, 港区), so a
/// run of two or more kanji must be read by the dictionary as a person's name, or not be a word
/// it knows; one kanji alone, or katakana the dictionary does not know as a word, is a name.
pub(super) fn names_in_english(view: &NameView<'_>, claims: &mut Claims) {
    let text = view.text;
    let latin = text.chars().filter(char::is_ascii_alphabetic).count();
    let total = text.chars().filter(|c| !c.is_whitespace()).count();
    if latin * 2 < total {
        return;
    }
    let mut at = 0;
    while at < text.len() {
        let Some(c) = text[at..].chars().next() else {
            break;
        };
        if !(is_kanji(c) || is_katakana(c)) {
            at += c.len_utf8();
            continue;
        }
        let len: usize = text[at..]
            .chars()
            .take_while(|&c| is_kanji(c) || is_katakana(c) || c == '・')
            .map(char::len_utf8)
            .sum();
        let (s, e) = (at, at + len);
        at = e;
        // Standing alone: after a Latin word and a space, before a space or punctuation.
        let before = text[..s]
            .strip_suffix(' ')
            .and_then(|b| b.chars().next_back());
        let after = text[e..].chars().next();
        let alone = before.is_some_and(|c| c.is_ascii_alphabetic() || ",.:".contains(c))
            && after.is_none_or(|c| " ,.!?)\n".contains(c));
        if !alone {
            continue;
        }
        let run = &text[s..e];
        let n = run.chars().count();
        // Ms. 宮崎, Mr. 青山: after an English honorific a surname the dictionary files as a
        // place or a word is still a name.
        let honorific = [
            "Mr. ", "Ms. ", "Mrs. ", "Dr. ", "Mr ", "Ms ", "Mrs ", "Miss ",
        ]
        .iter()
        .any(|h| text[..s].ends_with(h));
        if is_title(run) || (is_town(run) && !honorific) || is_organisation(run) {
            continue;
        }
        let inside: Vec<_> = view
            .words
            .iter()
            .filter(|w| w.start < e && w.end > s)
            .collect();
        let person = inside.iter().any(|w| is_person(w.class));
        let known = inside.iter().any(|w| {
            matches!(
                w.class,
                WordClass::CommonNoun | WordClass::Place | WordClass::ProperNoun
            ) && w.end - w.start > 3
        });
        let kanji = run.chars().all(is_kanji);
        let katakana = run.chars().all(|c| is_katakana(c) || c == '・');
        let name = if kanji {
            n == 1 || ((2..=4).contains(&n) && (person || !known || honorific))
        } else {
            katakana && (2..=16).contains(&n) && (run.contains('・') || !known)
        };
        if name {
            claims.claim(s, e, PiiKind::Name);
        }
    }
}

/// A foreign name in katakana, its parts joined by ・, that makes a sentence of its own (as a
/// signature does): 「…まだ作っていません。ルーカス・ベルナール」, 「ディネシュ・ポカレル。創業の…」.
/// Parts the dictionary knows as ordinary words (テイクアウト・デリバリー) are not a name.
pub(super) fn katakana_name_sentences(view: &NameView<'_>, claims: &mut Claims) {
    let text = view.text;
    let mut at = 0;
    for sentence in text.split_inclusive(['。', '\n', '!', '?']) {
        let s = at + (sentence.len() - sentence.trim_start().len());
        let e = at + sentence.trim_end_matches(['。', '\n', '!', '?', ' ']).len();
        at += sentence.len();
        if s >= e {
            continue;
        }
        let run = &text[s..e];
        let parts: Vec<&str> = run.split('・').collect();
        let katakana = parts.iter().all(|p| {
            (1..=8).contains(&p.chars().count())
                && p.chars().all(is_katakana)
                && !p.starts_with('ー')
        });
        let ordinary = view.words.iter().any(|w| {
            w.start >= s && w.end <= e && w.class == WordClass::CommonNoun && w.end - w.start >= 9
        });
        if (2..=4).contains(&parts.len()) && katakana && !ordinary {
            claims.claim(s, e, PiiKind::Name);
        }
    }
}

/// The commonest Chinese surnames, in the forms a Japanese text writes them.
const CHINESE_SURNAMES: &str = concat!(
    "王李張劉陳楊黄趙周呉徐孫馬朱胡郭何林羅鄭梁謝宋唐許韓馮鄧曹彭曽蕭董潘袁蔡蒋",
    "余于杜葉程魏蘇呂丁沈姚盧姜崔鍾譚陸汪范廖賈夏韋方鄒孟熊秦邱尹薛閻段雷侯龍",
    "史陶黎賀顧毛郝龔邵銭厳覃戴莫孔湯",
    // The same surnames as mainland China writes them (陈, 刘, 张).
    "张刘陈杨黄赵吴孙罗郑谢韩冯邓萧蒋卢钟谭陆贾邹龙贺顾龚钱严汤许",
);

/// A Chinese name its writer introduces: a common Chinese surname and one or two kanji, right
/// after 私は or "I am" and closed by です, と申します or a full stop (私は王偉です). Words
/// the dictionary knows (私は陳列…) are not names; a name it knows is left to the others.
pub(super) fn chinese_self_introduction(view: &NameView<'_>, claims: &mut Claims) {
    let text = view.text;
    for cue in [
        "私は",
        "わたしは",
        "I am ",
        "I'm ",
        "I’m ",
        "我是",
        "我叫",
        "我姓",
    ] {
        for (at, _) in text.match_indices(cue) {
            let s = at + cue.len();
            let len = kanji_prefix_len(&text[s..], 4);
            let run = &text[s..s + len];
            let n = run.chars().count();
            let rest = &text[s + len..];
            let closed = rest.is_empty()
                || [
                    "です",
                    "と申します",
                    "でございます",
                    ".",
                    "。",
                    ",",
                    "、",
                    " ",
                    "!",
                ]
                .iter()
                .any(|w| rest.starts_with(w));
            let surname = run.starts_with(|c: char| CHINESE_SURNAMES.contains(c));
            let word = view
                .words
                .iter()
                .any(|w| w.start == s && w.end == s + len && w.class == WordClass::CommonNoun);
            if (2..=3).contains(&n) && closed && surname && !word && !is_title(run) {
                claims.claim(s, s + len, PiiKind::Name);
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::super::super::*;
    use crate::domain::masking::test_dict::m;

    #[test]
    fn a_korean_name_in_hangul_before_its_copula_or_a_particle() {
        assert_eq!(
            m("안녕하세요. 최민수입니다. 카페를 하고 있어요"),
            "안녕하세요. [氏名]입니다. 카페를 하고 있어요"
        );
        assert_eq!(
            m("共同経営者の한서연さんと来ます"),
            "共同経営者の[氏名]さんと来ます"
        );
        // A greeting or a sentence in Hangul is no name.
        for text in ["안녕하세요. 相談したいです", "감사합니다"] {
            assert_eq!(m(text), text, "{text}");
        }
    }

    #[test]
    fn a_name_in_kanji_or_katakana_inside_an_english_sentence() {
        assert_eq!(
            m("My daughter 葵 helps at the counter on weekends."),
            "My daughter [氏名] helps at the counter on weekends."
        );
        assert_eq!(
            m("Could you ask Mr. 森岡 to call me back?"),
            "Could you ask Mr. [氏名] to call me back?"
        );
        assert_eq!(
            m("Please spell it as タナベ・ユウジ on the form."),
            "Please spell it as [氏名] on the form."
        );
        // Places and the ward's terms quoted in English stay.
        for text in [
            "Is the shop in 港区 eligible for the grant?",
            "I opened a cafe near 赤坂 last year.",
        ] {
            assert_eq!(m(text), text, "{text}");
        }
    }

    #[test]
    fn a_katakana_name_that_makes_a_sentence_of_its_own() {
        assert_eq!(
            m("書類は来週出します。アマル・シェルパ"),
            "書類は来週出します。[氏名]"
        );
        assert_eq!(
            m("ソフィア・ロッシ。開業の相談です。"),
            "[氏名]。開業の相談です。"
        );
        assert_eq!(
            m("テイクアウト用の容器です。"),
            "テイクアウト用の容器です。"
        );
    }

    #[test]
    fn a_chinese_name_introduced_by_its_writer() {
        assert_eq!(
            m("はじめまして、私は趙麗です。飲食店を開きたいです。"),
            "はじめまして、私は[氏名]です。飲食店を開きたいです。"
        );
        assert_eq!(
            m("Hello, I am 周杰. I run a small shop."),
            "Hello, I am [氏名]. I run a small shop."
        );
        let r = |t: &str| mask(t, &test_dict::RELATIVES).into_string();
        assert_eq!(r("私は会社員です。"), "私は会社員です。");
    }

    #[test]
    fn a_chinese_name_after_wo_shi_or_wo_jiao_in_either_script() {
        assert_eq!(m("我叫张伟,想开一家面馆"), "我叫[氏名],想开一家面馆");
        assert_eq!(m("您好,我是陈敏。"), "您好,我是[氏名]。");
        assert_eq!(m("我是学生,想咨询补助"), "我是学生,想咨询补助");
    }

    #[test]
    fn a_kanji_surname_after_an_english_honorific_whatever_the_dictionary_says() {
        let places = test_dict::PEOPLE;
        assert_eq!(
            mask("Please ask Ms. 赤坂 to call me.", &places).into_string(),
            "Please ask Ms. [氏名] to call me."
        );
        assert_eq!(
            mask("Our office is near 赤坂 station.", &places).into_string(),
            "Our office is near 赤坂 station."
        );
    }
}
