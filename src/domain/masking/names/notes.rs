//! Names in the shapes call notes and lists give them: a note typed in katakana as it was
//! heard (ヒガシ ユウコ サマ, ウケツケ イシカワ), a foreign name joined by ・ in a list or
//! before an honorific (| グエン・ヴァン・ナム |, ポール・ロバーツ様), and what stands beside a
//! name already found (the rest of a ・-joined name, the same name in brackets).

use super::casual;
use super::context::latin_name;
use super::view::NameView;
use super::words::is_title;
use crate::domain::masking::scan::{Claims, is_hiragana, is_kanji, is_katakana};
use crate::domain::masking::{PiiKind, WordClass};

/// Honorifics as a note typed in katakana writes them (not チャン: a surname as often).
const KANA_HONORIFICS: &[&str] = &["サマ", "サン", "センセイ", "クン", "ドノ"];

/// Roles a katakana note writes before a person's name (ウケツケ イシカワ: reception, Ishikawa).
const KANA_ROLES: &[&str] = &[
    "ウケツケ",
    "ソウダンイン",
    "ソウダンシャ",
    "タントウ",
    "タントウシャ",
    "ホンニン",
    "モウシコミシャ",
    "オペレーター",
    "ジムイン",
    "ダイヒョウ",
];

/// Katakana words such a note puts before an honorific or after a role that are no names.
const KANA_NOT_NAMES: &[&str] = &[
    "オキャク",
    "ミナ",
    "ミナミナ",
    "オクサン",
    "ゴシュジン",
    "ダンナ",
    "オコサン",
    "ゴタントウ",
    "シャチョウ",
    "テンチョウ",
    "ギョウシャ",
    "カイシャ",
    "ミセ",
    "ヒト",
    "カタ",
    "ゴカゾク",
    "カゾク",
    "ツマ",
    "オット",
    "ムスコ",
    "ムスメ",
    "センター",
    "ブショ",
    "カ",
    "ケイタイ",
    "デンワ",
    "メール",
    "ジュウショ",
    // What a note says was done: ソウダンシャ リョウカイ (the caller agreed).
    "リョウカイ",
    "ショウチ",
    "カクニン",
    "タイオウ",
    "セツメイ",
    "アンナイ",
    "ヘンシン",
    "レンラク",
    "フザイ",
    "ヨテイ",
    "キボウ",
    "ソウダン",
    "シンセイ",
    "ドウイ",
    "ナシ",
    "アリ",
];

/// A text written mostly in katakana, as a call note typed phonetically is: at least ten
/// letters, three in five of them katakana.
fn katakana_note(text: &str) -> bool {
    let letters = text
        .chars()
        .filter(|&c| is_katakana(c) || is_hiragana(c) || is_kanji(c) || c.is_alphabetic())
        .count();
    let katakana = text.chars().filter(|&c| is_katakana(c)).count();
    letters >= 10 && katakana * 5 >= letters * 3
}

/// A word of such a note: katakana only (parts joined by ・ allowed), two to twelve letters.
fn kana_word(word: &str) -> bool {
    (2..=12).contains(&word.chars().count())
        && word.chars().all(|c| is_katakana(c) || c == '・')
        && !word.starts_with(['ー', '・'])
        && !word.ends_with('・')
}

fn name_word(word: &str) -> bool {
    kana_word(word)
        && !KANA_NOT_NAMES.contains(&word)
        && !KANA_ROLES.contains(&word)
        && !KANA_HONORIFICS.contains(&word)
}

/// In a note typed in katakana, the one or two words before a katakana honorific (ヒガシ ユウコ
/// サマ, ミユキ サン, ハセガワ センセイ) and the word after a role (ウケツケ イシカワ, ソウダンシャ
/// ハ マツシマ) are a person's name.
pub(super) fn katakana_notes(text: &str, claims: &mut Claims) {
    if !katakana_note(text) {
        return;
    }
    let mut words: Vec<(usize, usize)> = Vec::new();
    let mut start = None;
    for (i, c) in text.char_indices() {
        let separator = c.is_whitespace() || "、。,.:：/|()「」[]!?".contains(c);
        match (separator, start) {
            (true, Some(s)) => {
                words.push((s, i));
                start = None;
            }
            (false, None) => start = Some(i),
            _ => {}
        }
    }
    if let Some(s) = start {
        words.push((s, text.len()));
    }
    let word = |i: usize| &text[words[i].0..words[i].1];
    // Two words belong together only with a single space between them.
    let spaced = |a: usize, b: usize| &text[words[a].1..words[b].0] == " ";
    for i in 0..words.len() {
        if KANA_HONORIFICS.contains(&word(i)) && i >= 1 && name_word(word(i - 1)) {
            // The surname may be claimed already (after a role): the given name on its own.
            let two = i >= 2 && name_word(word(i - 2)) && spaced(i - 2, i - 1);
            if !(two && claims.claim(words[i - 2].0, words[i - 1].1, PiiKind::Name)) {
                claims.claim(words[i - 1].0, words[i - 1].1, PiiKind::Name);
            }
        }
        if KANA_ROLES.contains(&word(i)) {
            let mut j = i + 1;
            if j < words.len() && word(j) == "ハ" {
                j += 1;
            }
            if j < words.len() && name_word(word(j)) {
                claims.claim(words[j].0, words[j].1, PiiKind::Name);
            }
        }
    }
}

/// A foreign name in katakana, two to four parts joined by ・, where a list or a note puts a
/// name: before an honorific (ポール・ロバーツ様), or as an entry of its own (a table cell, a
/// bulleted line, the end of a line, before a bracket). As an entry, parts the dictionary knows
/// as ordinary words (テイクアウト・デリバリー) make it no name.
pub(super) fn dotted_katakana_names(view: &NameView<'_>, claims: &mut Claims) {
    let text = view.text;
    let mut at = 0;
    while let Some(offset) = text[at..].find(|c: char| is_katakana(c) && c != 'ー') {
        let s = at + offset;
        let len: usize = text[s..]
            .chars()
            .take_while(|&c| is_katakana(c) || c == '・')
            .map(char::len_utf8)
            .sum();
        let e = s + text[s..s + len].trim_end_matches('・').len();
        at = s + len.max(1);
        let run = &text[s..e];
        let parts: Vec<&str> = run.split('・').collect();
        if !(2..=4).contains(&parts.len())
            || !parts
                .iter()
                .all(|p| (1..=8).contains(&p.chars().count()) && !p.starts_with('ー'))
            || parts.iter().map(|p| p.chars().count()).sum::<usize>() < 4
        {
            continue;
        }
        let before = text[..s].chars().next_back();
        let entry_start = before.is_none_or(|c| " \n|:(「/、".contains(c) || c == '・');
        let after = &text[e..];
        let honorific = ["様", "さん", "氏", "先生", "くん", "ちゃん"]
            .iter()
            .any(|h| after.trim_start_matches(' ').starts_with(h));
        let entry_end = after.is_empty()
            || after.trim_start_matches(' ').starts_with(['|', '\n', '('])
            || after.starts_with('[')
            || after.starts_with(" [")
            || after.starts_with("です")
            || after.starts_with("と申");
        // Ordinary words inside the run (コーヒー・ショップ): of three letters or more for an
        // entry, five or more before an honorific (ポール・ロバーツ様: ポール is a word).
        let ordinary = |min_bytes: usize| {
            view.words.iter().any(|w| {
                w.start >= s
                    && w.end <= e
                    && w.end - w.start >= min_bytes
                    && matches!(w.class, WordClass::CommonNoun | WordClass::ProperNoun)
            })
        };
        let name = if honorific {
            !ordinary(15)
        } else {
            entry_start && entry_end && !ordinary(9)
        };
        if name && !is_title(run) {
            claims.claim(s, e, PiiKind::Name);
        }
    }
}

/// After every name is decided (the rules' and the tagger's): the rest of a ・-joined name
/// found in part ([氏名]・ヤマモト), the same name in brackets beside it, in another script or
/// as its reading, and the holder's name in brackets after a passport or card number.
pub(crate) fn beside_found(text: &str, claims: &mut Claims) {
    let found = claims.ends_of(PiiKind::Name);
    let dot = '・'.len_utf8();
    for mut e in found {
        while let Some(rest) = text[e..].strip_prefix('・') {
            let len: usize = rest
                .chars()
                .take_while(|&c| is_katakana(c) && c != '・')
                .map(char::len_utf8)
                .sum();
            let n = rest[..len].chars().count();
            if !(1..=8).contains(&n) || !claims.claim(e + dot, e + dot + len, PiiKind::Name) {
                break;
            }
            e += dot + len;
        }
    }
    let view = NameView { text, words: &[] };
    casual::bracketed_beside(&view, claims, false);
    let numbers = claims.ends_of(PiiKind::IdNumber);
    for e in numbers {
        let rest = text[e..].trim_start_matches(' ');
        if let Some(inner) = rest.strip_prefix('(')
            && let Some(close) = inner.find(')')
            && latin_name(inner[..close].trim())
        {
            let s = text.len() - inner.len();
            claims.claim(s, s + close, PiiKind::Name);
        }
    }
}

/// What follows a historical figure's name in a place, a shop's product or a project, not a
/// caller's: 高橋是清翁記念公園, 大石内蔵助にちなんだ銘菓, 高橋是清の旧宅跡地.
const NAMESAKE_AFTER: &[&str] = &[
    "記念公園",
    "記念館",
    "記念碑",
    "翁",
    "旧宅",
    "の旧宅",
    "邸跡",
    "にちなん",
];

/// Lets go of a name that a place or a product is named after (see [`NAMESAKE_AFTER`]).
pub(crate) fn drop_namesakes(text: &str, claims: &mut Claims) {
    claims.0.retain(|&(_, e, kind)| {
        kind != PiiKind::Name || !NAMESAKE_AFTER.iter().any(|w| text[e..].starts_with(w))
    });
}

#[cfg(test)]
mod tests {
    use crate::domain::masking::test_dict::m;

    #[test]
    fn a_note_typed_in_katakana_masks_names_before_honorifics_and_after_roles() {
        let masked = m("ﾓｳｼｺﾐｼｬ ﾋｶﾞｼ ﾕｳｺ ｻﾏ ﾆ ﾃﾞﾝﾜ ｽﾐ ｳｹﾂｹ ｲｼｶﾜ ｶﾞ ﾀｲｵｳ");
        for name in ["ヒガシ", "ユウコ", "イシカワ", "ﾋｶﾞｼ", "ﾕｳｺ", "ｲｼｶﾜ"]
        {
            assert!(!masked.contains(name), "{masked}");
        }
        assert!(masked.contains("デンワ スミ"), "{masked}");
        // What a note says was done after a role is no name.
        let kept = m("ｶｰﾄﾞ ﾃﾞﾉ ｼﾊﾗｲ ﾊ ﾌｶ ﾄ ｾﾂﾒｲ ｿｳﾀﾞﾝｼｬ ﾘｮｳｶｲ");
        assert!(!kept.contains('['), "{kept}");
    }

    #[test]
    fn a_dotted_katakana_name_in_a_list_or_before_an_honorific_is_masked() {
        let masked = m("| 氏名 | 役職 |\n| グエン・ヴァン・ナム | 調理 |");
        assert!(!masked.contains("グエン"), "{masked}");
        let masked = m("本日の来所予定：11:30 ポール・ロバーツ様");
        assert!(!masked.contains("ロバーツ"), "{masked}");
    }

    #[test]
    fn a_reading_and_a_spelling_in_brackets_beside_a_name_are_masked() {
        let masked = m("ご相談者：王 芳（おう ほう／Wang Fang）様、中華物産店の件。");
        for part in ["王 芳", "おう ほう", "Wang Fang"] {
            assert!(!masked.contains(part), "{masked}");
        }
        let masked = m("旅券番号 TR1234567（Gabriel Martins）のコピーを持参済み。");
        assert!(!masked.contains("Gabriel"), "{masked}");
    }
}
