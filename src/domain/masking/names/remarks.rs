//! Names told by what a message remarks about them: an aside on how the name is written
//! (のぐちれいな(ひらがなですみません)), a signature sealed with 拝, a call handed over
//! (田中に代わります), whose phone a number is (山本(携帯)090-…).

use std::sync::OnceLock;

use regex::Regex;

use super::introduction::COMMON_KANA;
use super::view::{NameView, Strength};
use super::words::{is_organisation, is_title, is_town, name_shaped};
use crate::domain::masking::PiiKind;
use crate::domain::masking::scan::{Claims, hiragana_suffix_len, is_katakana, re};

/// Words in a bracketed aside that speak of how a name is written or read: what stands right
/// before such an aside is a name (あやの(ひらがなで登録しています), 髙橋(本名は髙)).
const SCRIPT_REMARKS: &[&str] = &[
    "ひらがな",
    "平仮名",
    "カタカナ",
    "片仮名",
    "漢字",
    "ローマ字",
    "本名",
    "旧姓",
    "通称",
    "読み方",
    "フルネーム",
];

/// Whether the run [s, e) reads as a name by itself: the dictionary's person names, a kanji
/// run shaped like a name, or a word in katakana; never a title, town or office.
fn named(view: &NameView<'_>, s: usize, e: usize) -> bool {
    let run = &view.text[s..e];
    let katakana = run.chars().count() >= 2 && run.chars().all(|c| is_katakana(c) || c == '・');
    (view.has_person_word(s, e) || name_shaped(run) || katakana)
        && !is_title(run)
        && !is_town(run)
        && !is_organisation(run)
}

/// Whether a phrase may begin right before `at`: the start of the text or a line, or
/// punctuation.
fn opens_phrase(text: &str, at: usize) -> bool {
    text[..at]
        .chars()
        .next_back()
        .is_none_or(|c| "。、.,!?:「『 \n".contains(c))
}

/// A name followed by an aside on its script: in kana at the opening of a phrase, or a run
/// the context would read as a person's name.
pub(super) fn script_asides(view: &NameView<'_>, claims: &mut Claims) {
    let text = view.text;
    for (open, _) in text.match_indices('(') {
        let Some(close) = text[open..].find(')').map(|i| open + i) else {
            continue;
        };
        let aside = &text[open + 1..close];
        if aside.chars().count() > 30 || !SCRIPT_REMARKS.iter().any(|w| aside.contains(w)) {
            continue;
        }
        let end = text[..open].trim_end_matches(' ').len();
        let kana = hiragana_suffix_len(&text[..end]);
        if kana > 0 {
            let s = end - kana;
            let word = &text[s..end];
            let n = word.chars().count();
            if (2..=10).contains(&n) && !COMMON_KANA.contains(&word) && opens_phrase(text, s) {
                claims.claim(s, end, PiiKind::Name);
            }
            continue;
        }
        if let Some((s, e)) = view.run_before(end)
            && opens_phrase(text, s)
            && named(view, s, e)
        {
            claims.claim(s, e, PiiKind::Name);
        }
    }
}

/// 石井拝, 山田 太郎 拝: a signature sealed with 拝 at the end of a line.
pub(super) fn sealed_signatures(view: &NameView<'_>, claims: &mut Claims) {
    let text = view.text;
    for (at, _) in text.match_indices('拝') {
        let after = &text[at + '拝'.len_utf8()..];
        if !after.chars().next().is_none_or(|c| "\n 。".contains(c)) {
            continue;
        }
        let end = text[..at].trim_end_matches(' ').len();
        if let Some((s, e)) = view.run_before(end)
            && (s == 0 || text[..s].ends_with('\n'))
            && named(view, s, e)
        {
            claims.claim(s, e, PiiKind::Name);
        }
    }
}

/// The person a call is handed to (田中に代わります) or who will answer for the office
/// (担当の者は鈴木になります): a name the dictionary knows, or a katakana one.
pub(super) fn handed_over(view: &NameView<'_>, claims: &mut Claims) {
    static HANDED: OnceLock<Regex> = OnceLock::new();
    let handed = HANDED.get_or_init(|| {
        re(r"(?:担当の者|担当者|担当)は ?([^ 。、\n]{1,12}?) ?(?:になります|が担当します|が対応します|が伺います)|([一-龯々ァ-ヶー]{1,12})(?:に|と)(?:代わります|替わります|かわります|代わりますね)")
    });
    let text = view.text;
    for c in handed.captures_iter(text) {
        let m = c.get(1).or(c.get(2)).expect("group");
        let Some((s, e)) = view.run_before(m.end()) else {
            continue;
        };
        if let Some((s, e)) = view.accept(s, e, Strength::Medium)
            && !is_title(&text[s..e])
            && !is_town(&text[s..e])
            && !is_organisation(&text[s..e])
        {
            claims.claim(s, e, PiiKind::Name);
        }
    }
}

/// 山本(携帯)090-…, 佐藤(自宅):03-…: whose number follows is the name before the bracket.
pub(super) fn phone_owners(view: &NameView<'_>, claims: &mut Claims) {
    let text = view.text;
    let phones: Vec<usize> = claims
        .0
        .iter()
        .filter(|c| c.2 == PiiKind::Phone)
        .map(|c| c.0)
        .collect();
    for label in ["(携帯)", "(自宅)", "(直通)", "(会社)", "(勤務先)", "(固定)"] {
        for (at, _) in text.match_indices(label) {
            let after = at + label.len();
            let gap = text[after..]
                .chars()
                .take_while(|c| matches!(c, ' ' | ':'))
                .map(char::len_utf8)
                .sum::<usize>();
            if !phones.contains(&(after + gap)) {
                continue;
            }
            let end = text[..at].trim_end_matches(' ').len();
            if let Some((s, e)) = view.run_before(end)
                && named(view, s, e)
            {
                claims.claim(s, e, PiiKind::Name);
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use crate::domain::masking::test_dict::{d, m};

    #[test]
    fn a_name_before_an_aside_on_how_it_is_written() {
        assert_eq!(
            m("みずのさやか(ひらがなで失礼します)です。相談があります"),
            "[氏名](ひらがなで失礼します)です。相談があります"
        );
        assert_eq!(
            m("とおやま(漢字が難しいので)で登録しています"),
            "[氏名](漢字が難しいので)で登録しています"
        );
        for text in [
            "申請書(漢字で記入)を出します",
            "補助金(ほじょきん)の話です",
            "ふりがなをふってください(カタカナでも可)",
        ] {
            assert_eq!(m(text), text, "{text}");
        }
    }

    #[test]
    fn a_signature_sealed_with_hai() {
        assert_eq!(
            m("よろしくお願いします。\n北浦拝"),
            "よろしくお願いします。\n[氏名]拝"
        );
        for text in [
            "参拝者向けの店です",
            "拝啓 いつもお世話になっております",
            "以上\n敬具",
        ] {
            assert_eq!(m(text), text, "{text}");
        }
    }

    #[test]
    fn the_person_a_call_is_handed_to() {
        assert_eq!(
            d("戸田に代わりますので少々お待ちください"),
            "[氏名]に代わりますので少々お待ちください"
        );
        assert_eq!(d("担当の者は北川になります"), "担当の者は[氏名]になります");
        for text in [
            "担当は窓口になります",
            "来月から制度が代わります",
            "事業に代わります",
        ] {
            assert_eq!(d(text), text, "{text}");
        }
    }

    #[test]
    fn the_owner_of_a_phone_named_before_its_label() {
        assert_eq!(
            m("連絡先:柳瀬(携帯)090-1111-2233"),
            "連絡先:[氏名](携帯)[電話番号]"
        );
        assert_eq!(m("事務所(直通)03-1234-5678"), "事務所(直通)[電話番号]");
    }
}
