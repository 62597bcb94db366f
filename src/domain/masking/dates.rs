//! Dates of birth in 西暦, 和暦 and numeric forms, when a birth cue is near.

use std::sync::OnceLock;

use regex::Regex;

use super::PiiKind;
use super::scan::{Claims, char_back, char_offset, is_kanji, is_katakana, re, trim_span};

pub(super) struct Patterns {
    date: Regex,
    birth_cue: Regex,
    business_date: Regex,
    birth_after: Regex,
    month_day: Regex,
}

pub(super) fn patterns() -> &'static Patterns {
    static P: OnceLock<Patterns> = OnceLock::new();
    P.get_or_init(|| Patterns {
        date: re(concat!(
            // 年月日 also in kana (1998ねん3がつ19にち), and 1992年の8月14日.
            // The other calendar's year may follow in brackets: 1969年(昭和44年)2月29日.
            r"(?i)(?:(?:19|20)\d{2}|(?:明治|大正|昭和|平成|令和|(?-u:\b)[MTSHR]\.?) ?(?:\d{1,2}|元)) ?(?:年|ねん)(?: ?\((?:(?:19|20)\d{2}|(?:明治|大正|昭和|平成|令和|[MTSHR]\.?) ?(?:\d{1,2}|元)) ?年?\))?(?: ?の? ?\d{1,2} ?(?:月|がつ)(?: ?\d{1,2} ?(?:日|にち))?)?",
            // 昭和三十五年八月十五日: numbers in kanji.
            r"|(?:明治|大正|昭和|平成|令和)(?:[一二三四五六七八九十]{1,3}|元)年(?:[一二三四五六七八九十]{1,2}月(?:[一二三四五六七八九十]{1,3}日)?)?",
            r"|(?-u:\b)[MTSHR]\.? ?\d{1,2}[./\-]\d{1,2}[./\-]\d{1,2}",
            r"|(?:19|20)\d{2}[/\-.] ?\d{1,2}[/\-.] ?\d{1,2}",
            r"|\b(?:19|20)\d{2},? (?:jan|feb|mar|apr|may|jun|jul|aug|sep|sept|oct|nov|dec)[a-z]*\.? \d{1,2}(?:st|nd|rd|th)?\b",
            r"|\d{1,2}[/\-.]\d{1,2}[/\-.](?:19|20)\d{2}",
            r"|(?:19|20)\d{2}(?:0[1-9]|1[0-2])(?:0[1-9]|[12]\d|3[01])",
            r"|\b(?:jan|feb|mar|apr|may|jun|jul|aug|sep|sept|oct|nov|dec)[a-z]*\.? \d{1,2}(?:st|nd|rd|th)?,? (?:19|20)\d{2}\b",
            r"|\b\d{1,2}(?:st|nd|rd|th)? (?:of )?(?:jan|feb|mar|apr|may|jun|jul|aug|sep|sept|oct|nov|dec)[a-z]*\.?,? (?:19|20)\d{2}\b",
            // 85.4.3: a year in two digits, only with a birth cue; last, so that 14.04.1970 is
            // read whole first.
            r"|\d{2}\.\d{1,2}\.\d{1,2}",
            // 8/9/90: a year in two digits after a day and a month, also only with a cue.
            r"|\d{1,2}/\d{1,2}/\d{2}",
            // 12-Apr-1985, 12-apr-85.
            r"|\b\d{1,2}-(?:jan|feb|mar|apr|may|jun|jul|aug|sep|sept|oct|nov|dec)[a-z]*-(?:19|20)?\d{2}\b",
            // 一九八五年四月十二日: a Western year in kanji digits.
            r"|[一二三四五六七八九〇○]{4}年(?:[一二三四五六七八九十]{1,2}月(?:[一二三四五六七八九十]{1,3}日)?)?",
            // しょうわ60ねん4がつ12にち: the era in kana.
            r"|(?:めいじ|たいしょう|しょうわ|へいせい) ?(?:\d{1,2}|がん) ?ねん(?: ?\d{1,2} ?がつ(?: ?\d{1,2} ?にち)?)?",
        )),
        birth_cue: re(
            r"(?i)生年月日|セイネンガッピ|せいねんがっぴ|生まれ|生れ|うまれ|誕生|たんじょう|生年|\bdob\b|d\.o\.b|date of birth|birth|born",
        ),
        business_date: re(
            r"(?i)\b(?:incorporated|founded|established|registered|opened|started|deadline|due)\b",
        ),
        // Right after a date: 「1985年4月12日生」「S60.4.12生」.
        birth_after: re(r"(?i)^ ?(?:生|うまれ|誕生|born|b\.)"),
        // Month and day without a year (誕生日は4月12日).
        month_day: re(
            r"(?i)\d{1,2} ?月 ?\d{1,2} ?日|\d{1,2}/\d{1,2}|(?:jan|feb|mar|apr|may|jun|jul|aug|sep|sept|oct|nov|dec)[a-z]*\.? \d{1,2}(?:st|nd|rd|th)?|\d{1,2}(?:st|nd|rd|th)? (?:of )?(?:jan|feb|mar|apr|may|jun|jul|aug|sep|sept|oct|nov|dec)[a-z]*",
        ),
    })
}

/// Dates with a birth cue near: before within 24 characters or right after.
pub(super) fn birthdates(text: &str, claims: &mut Claims) {
    let p = patterns();
    for m in p.date.find_iter(text) {
        let (start, end) = trim_span(text, m.start(), m.end());
        // Whole numbers only (the regex crate's \b sees kanji as word characters).
        if text[..start]
            .chars()
            .next_back()
            .is_some_and(|c| c.is_ascii_alphanumeric())
            || text[end..]
                .chars()
                .next()
                .is_some_and(|c| c.is_ascii_digit())
        {
            continue;
        }
        let after = &text[end..char_offset(text, end, 8)];
        // 「昭和43年4月2日以降生まれ」 is an eligibility rule, not someone's birthday.
        if [
            "以降", "以前", "以後", "より", "以上", "以下", "未満", "まで",
        ]
        .iter()
        .any(|w| after.trim_start().starts_with(w))
        {
            continue;
        }
        // 開業日 2020/04/01、生年月日 …: the date a business step labels is that step's.
        let label = &text[char_back(text, start, 8)..start];
        if [
            "開業",
            "設立",
            "創業",
            "申請",
            "締切",
            "締め切り",
            "期限",
            "届出",
            "登記",
            "契約",
        ]
        .iter()
        .any(|w| {
            // 共同創業者は…, 申請者: a person, whose date may be a birthday.
            label
                .match_indices(w)
                .any(|(i, _)| !label[i + w.len()..].starts_with(['者', '人', '主']))
        }) && !p.birth_cue.is_match(label)
        {
            continue;
        }
        let before = &text[char_back(text, start, 24)..start];
        let cue_before = p.birth_cue.is_match(before);
        // "were incorporated on 2019/05/20": the business's date, in English.
        if !cue_before && p.business_date.is_match(before) {
            continue;
        }
        let cue_after = p.birth_after.is_match(after)
            || p.birth_cue
                .find(after)
                .is_some_and(|c| after[..c.start()].chars().count() <= 3);
        let year_only = !m.as_str().contains(['月', 'が'])
            && m.as_str().contains(['年', 'ね'])
            && !m.as_str().contains(['/', '-', '.']);
        // A whole date a grown-up was born on, in a message that speaks of a birth: "My DOB on
        // the residence card is written as 1987/11/05", "me 1990/06/06, him 1990/01/20".
        // ｶﾜｲ ﾕｳｺ⏎S61.9.19⏎090-…: an era date alone on a line of a record is a birthday.
        let line_alone = {
            let line_start = text[..start].rfind('\n').map_or(0, |i| i + 1);
            let line_end = text[end..].find('\n').map_or(text.len(), |i| end + i);
            text[line_start..start].trim().is_empty()
                && text[end..line_end].trim().is_empty()
                && text.contains('\n')
                && m.as_str().starts_with(['S', 'H', 'T', 's', 'h', 't'])
                && could_be_born(&text[start..end])
        };
        let whole = line_alone
            || !year_only
                && m.as_str().chars().filter(|c| c.is_ascii_digit()).count() >= 5
                && could_be_born(&text[start..end])
                && p.birth_cue.is_match(text);
        if cue_after || (cue_before && !year_only) || whole {
            // A year alone with a cue before it ("born in 1985") is masked as well.
            claims.claim(start, end, PiiKind::Birthdate);
        } else if year_only && cue_before && {
            // 「生年は 1985年」, 「生まれ年 昭和59年」: the year right after its label.
            let label = before.trim_end();
            label.ends_with(['は', ':', ' '])
                || ["生まれ年", "生まれた年", "生年"]
                    .iter()
                    .any(|w| label.trim_end_matches([':', 'は']).ends_with(w))
        } {
            claims.claim(start, end, PiiKind::Birthdate);
        }
    }
    // A birthday without the year, right after its cue (誕生日は4月12日, birthday: April 12).
    for m in p.month_day.find_iter(text) {
        let (start, end) = (m.start(), m.end());
        if text[..start]
            .chars()
            .next_back()
            .is_some_and(|c| c.is_ascii_digit())
            || text[end..]
                .chars()
                .next()
                .is_some_and(|c| c.is_ascii_digit())
        {
            continue;
        }
        let before = &text[char_back(text, start, 12)..start];
        if p.birth_cue.is_match(before) || p.birth_after.is_match(&text[end..]) {
            claims.claim(start, end, PiiKind::Birthdate);
        }
    }
    // "born in 1985": a bare year after born.
    static BORN_YEAR: OnceLock<Regex> = OnceLock::new();
    let born = BORN_YEAR.get_or_init(|| re(r"(?i)\bborn (?:in |on )?((?:19|20)\d{2})\b"));
    for c in born.captures_iter(text) {
        let m = c.get(1).expect("group");
        claims.claim(m.start(), m.end(), PiiKind::Birthdate);
    }
}

/// A full date beside a name, as a roster or a record writes a birthday: 山田太郎(S60.4.12),
/// 相談者 やまだ はなこ/H2/3/4/…. Runs after the names are found; a kanji or katakana name in
/// a list (名簿:木下紀子(1955/09/10)、…) is taken with its date.
pub(super) fn beside_names(text: &str, claims: &mut Claims) {
    let p = patterns();
    for m in p.date.find_iter(text) {
        let (start, end) = trim_span(text, m.start(), m.end());
        let date = &text[start..end];
        let full = (date.contains(['月', 'が']) && date.contains(['日', 'に']))
            || date.matches(['/', '.', '-']).count() >= 2;
        if !full || !could_be_born(date) || !claims.free(start, end) {
            continue;
        }
        let before = text[..start].trim_end_matches(' ');
        // 斉藤 翔 S63.3.3 正社員: a roster's columns, the date a space after the name.
        let spaced = before.len() < start;
        let (open, bracketed) = match before.strip_suffix(['(', '/']) {
            Some(open) => (open, true),
            None if spaced => (before, false),
            None => continue,
        };
        let after = text[end..].trim_start_matches(' ');
        if before.ends_with('(') && !after.starts_with(')') {
            continue;
        }
        let name_end = open.trim_end_matches(' ').len();
        let named = claims
            .0
            .iter()
            .any(|&(_, e, kind)| kind == PiiKind::Name && e == name_end);
        if named {
            claims.claim(start, end, PiiKind::Birthdate);
            continue;
        }
        if !bracketed {
            continue;
        }
        // A name in a list: kanji or katakana right after a colon, a comma or a line start.
        let run_len: usize = open[..name_end]
            .chars()
            .rev()
            .take_while(|&c| is_kanji(c) || is_katakana(c) || c == '・')
            .map(char::len_utf8)
            .sum();
        let run_start = name_end - run_len;
        let run = &open[run_start..name_end];
        let listed = open[..run_start]
            .chars()
            .next_back()
            .is_some_and(|c| matches!(c, ':' | '、' | ','));
        let chars = run.chars().count();
        if before.ends_with('(') && listed && (2..=12).contains(&chars) {
            claims.claim(run_start, name_end, PiiKind::Name);
            claims.claim(start, end, PiiKind::Birthdate);
        }
    }
}

/// Whether a date's year is one a grown-up caller or employee was born in: 1920 to 2010 in
/// 西暦; 昭和 and 大正 whole; 平成 up to 22; never 令和.
fn could_be_born(date: &str) -> bool {
    // A year in four digits wherever it stands (12 June 1984, 15/02/1980).
    if let Some(year) = date
        .split(|c: char| !c.is_ascii_digit())
        .find(|n| n.len() == 4)
        .and_then(|y| y.parse::<u32>().ok())
    {
        return (1920..=2010).contains(&year);
    }
    let year: u32 = date
        .trim_start_matches(|c: char| !c.is_ascii_digit())
        .split(|c: char| !c.is_ascii_digit())
        .next()
        .and_then(|y| y.parse().ok())
        .unwrap_or(0);
    let era = date.chars().next().unwrap_or(' ').to_ascii_uppercase();
    match era {
        'S' | 'T' | '昭' | '大' | 'し' | 'た' => true,
        'H' | '平' | 'へ' => year <= 22 || date.contains("元"),
        'R' | '令' | 'M' | '明' => false,
        _ => (1920..=2010).contains(&year),
    }
}

#[cfg(test)]
mod tests {
    use crate::domain::masking::test_dict::m;

    #[test]
    fn a_date_in_brackets_beside_a_listed_name_is_a_birthday() {
        assert_eq!(
            m("名簿:北川美咲(1960/02/03)、トダ・ユウ(H5.6.7)"),
            "名簿:[氏名]([生年月日])、[氏名]([生年月日])"
        );
        assert_eq!(m("氏名:山田花子(S50.1.2)"), "氏名:[氏名]([生年月日])");
        assert_eq!(
            m("名簿\n1. 氏名:山田花子 S50.1.2 パート\n2. 氏名:北川美咲 1960/02/03 正社員"),
            "名簿\n1. 氏名:[氏名] [生年月日] パート\n2. 氏名:[氏名] [生年月日] 正社員"
        );
        assert_eq!(
            m("開業日(2020/04/01)に届けました"),
            "開業日(2020/04/01)に届けました"
        );
    }

    #[test]
    fn a_date_beside_kaigyoubi_is_not_a_birthdate() {
        for text in [
            "開業日は2024年4月1日です。創業5年未満の支援は使えますか",
            "開業日:2020/04/01",
            "山田太郎です。開業日(2019年6月12日)から5年です",
        ] {
            assert!(!m(text).contains("[生年月日]"), "{text}");
        }
        assert_eq!(
            m("1969年5月3日生まれ、共同創業者は1971年2月21日生まれです"),
            "[生年月日]生まれ、共同創業者は[生年月日]生まれです"
        );
        assert_eq!(
            m("開業日 2020/04/01、生年月日 1985/04/12"),
            "開業日 2020/04/01、生年月日 [生年月日]"
        );
    }

    #[test]
    fn birthdates_need_a_birth_cue() {
        for text in [
            "生年月日は1985年4月12日です",
            "生年月日：昭和60年4月12日",
            "生年月日 S60.4.12",
            "1985/04/12生まれです",
            "平成元年5月3日生まれ",
            "DOB: 12/04/1985",
            "I was born on April 12, 1985",
            "date of birth 12th April 1985",
            "1990年生まれの店主です",
            "生年月日 19850412",
        ] {
            let out = m(text);
            assert!(out.contains("[生年月日]"), "{text} -> {out}");
            assert!(
                !out.contains("1985") && !out.contains("60") && !out.contains("1990"),
                "{text} -> {out}"
            );
        }
        for (text, masked) in [
            (
                "代表の生年月日:1972年(昭和47年)11月3日",
                "代表の生年月日:[生年月日]",
            ),
            ("生年月日 昭和47年(1972年)11月3日", "生年月日 [生年月日]"),
            (
                "たんじょうび は 1988ねん 7がつ 9にち",
                "たんじょうび は [生年月日]",
            ),
            ("生まれ年 平成3年", "生まれ年 [生年月日]"),
            ("my birthday is 4/7/86", "my birthday is [生年月日]"),
            ("DOB 23/11/1979.", "DOB [生年月日]."),
            ("Date of birth: 07-Sep-1966", "Date of birth: [生年月日]"),
            ("生年月日 一九七一年十月五日", "生年月日 [生年月日]"),
            (
                "うまれ は しょうわ 52ねん 6がつ 1にち です",
                "うまれ は [生年月日] です",
            ),
        ] {
            assert_eq!(m(text), masked, "{text}");
        }
        // A birthday the form asks for, written in another calendar a few words on.
        let out = m("The form asks for 代表者の生年月日 in which calendar? Mine is 3 March 1979.");
        assert!(out.contains("Mine is [生年月日]"), "{out}");
        let out = m(
            "Birthdays of the directors are on the form. The company was incorporated on 2008/10/01.",
        );
        assert!(out.ends_with("incorporated on 2008/10/01."), "{out}");
        assert_eq!(m("令和8年4月1日から受付"), "令和8年4月1日から受付");
        assert_eq!(m("配分は 1/2/3 の順です"), "配分は 1/2/3 の順です");
        assert_eq!(m("締切は2026-11-30です"), "締切は2026-11-30です");
        assert_eq!(
            m("昭和43年4月2日以降生まれの方を雇う場合"),
            "昭和43年4月2日以降生まれの方を雇う場合"
        );
    }
}
