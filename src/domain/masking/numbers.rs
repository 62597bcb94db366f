//! Numbers: phone, card, bank account and personal numbers (licence, passport, My Number),
//! after their cues or by their shape alone.

use std::sync::OnceLock;

use regex::Regex;

use super::PiiKind;
use super::scan::{Claims, char_back, char_offset, is_unit, re, trim_span};

pub(super) struct Patterns {
    digits: Regex,
    account_cue: Regex,
    id_cue: Regex,
    card_cue: Regex,
    cued_value: Regex,
}

pub(super) fn patterns() -> &'static Patterns {
    static P: OnceLock<Patterns> = OnceLock::new();
    P.get_or_init(|| Patterns {
        // Digit groups joined by one separator (space, dash, dot, brackets); a country code
        // (+81, +86) in front.
        digits: re(
            r"(?:\+ ?\d{1,3} ?(?:\(0\))? ?-? ?)?(?:\(\d{1,5}\) ?-? ?)?\d+(?:(?: ?[\-.] ?|の| |\) ?| ?\()\d+)*\)?",
        ),
        account_cue: re(
            r"(?i)口座番号|口座|普通預金|当座預金|普通|当座|コウザ(?:バンゴウ)?|フツウ|トウザ|\(普\)|\(当\)|貯蓄預金|総合口座|店番号?|支店番号|支店コード|振込先|振り込み先|ゆうちょ|記号|bank account|\baccount(?: number| no\.?)?\b|\bbranch\b,?|acct\.?|a/c",
        ),
        id_cue: re(
            r"(?i)運転免許証?(?:番号)?|免許証?(?:番号)?|パスポート(?:番号)?|旅券(?:番号)?|マイナンバー(?:カード)?|個人番号|被保険者番号|被保険者証(?:番号)?|保険証(?:番号)?|基礎年金番号|年金番号|年金手帳|在留カード(?:番号)?|特別永住者証明書|住民票コード|passport(?: number| no\.?)?|driver'?s? licen[cs]e(?: number| no\.?)?|licen[cs]e (?:number|no\.?)|my ?number|residence card(?: number)?|social security number|ssn|health insurance(?: card)?(?: number| no\.?)?|insurance card(?: number)?",
        ),
        card_cue: re(r"(?i)カード番号|クレジット|カード|card|visa|master|amex"),
        // A number after a cue: optional letters (passport TK1234567), digits with separators.
        cued_value: re(r"[A-Za-z]{0,3} ?-? ?\d(?:[ \-・]?\d)*[A-Za-z]?"),
    })
}

/// Numbers right after a cue: bank accounts (口座, 普通 1234567), personal numbers (免許証,
/// パスポート, マイナンバー) and card numbers.
pub(super) fn cued_numbers(text: &str, claims: &mut Claims) {
    let p = patterns();
    for (cue, kind, min_digits) in [
        (&p.id_cue, PiiKind::IdNumber, 4),
        (&p.card_cue, PiiKind::Card, 12),
        (&p.account_cue, PiiKind::Account, 3),
    ] {
        for c in cue.find_iter(text) {
            // 法人番号 is public; 受付番号 is ours.
            let before = &text[..c.start()];
            if before.ends_with("法人") || before.ends_with("受付") {
                continue;
            }
            let window_end = char_offset(text, c.end(), 24);
            let window = &text[c.end()..window_end];
            // A list (マイナンバー…、電話…) moves on to the next item at 、.
            let window = &window[..window
                .find(['。', '\n', '!', '?', '、'])
                .unwrap_or(window.len())];
            for v in p.cued_value.find_iter(window) {
                // The window may cut a number short: take the whole of it.
                let start = c.end() + v.start();
                let end = p
                    .cued_value
                    .find(&text[start..])
                    .map_or(v.end(), |w| start + w.end());
                let digits = text[start..end]
                    .chars()
                    .filter(char::is_ascii_digit)
                    .count();
                let (mut start, end) = trim_span(text, start, end);
                // "number is 1234-5678": a lowercase word in front is English, not part of it.
                if let Some(sp) = text[start..end].find(' ')
                    && text[start..start + sp]
                        .chars()
                        .all(|c| c.is_ascii_lowercase())
                {
                    start += sp + 1;
                }
                let after = text[end..].chars().next();
                // 第301204558870号: a licence is printed between 第 and 号.
                let numbered = after == Some('号') && text[..start].ends_with('第');
                if digits < min_digits || (after.is_some_and(is_unit) && !numbered) {
                    continue;
                }
                // 店番 123 is a branch (3 digits); an account number has at least 4.
                if kind == PiiKind::Account && digits < 4 && !branch_cue(c.as_str()) {
                    continue;
                }
                claims.claim(start, end, kind);
            }
        }
    }
}

/// A health insurance card has a 記号 and a short 番号 (記号 4410 番号 22); a bank branch a
/// three-digit code in brackets (赤坂支店(254), Roppongi branch (301)).
pub(super) fn short_numbers(text: &str, claims: &mut Claims) {
    static PAIR: OnceLock<Regex> = OnceLock::new();
    let pair = PAIR.get_or_init(|| {
        re(
            r"(?:保険証|被保険者|保険)[^。\n]{0,12}?記号[はが:=]? ?([\d\-]+) ?(?:[、,/] ?)?(?:番号|No\.?)[はが:=]? ?(\d{1,8})",
        )
    });
    for c in pair.captures_iter(text) {
        let m = c.get(2).expect("group");
        if !text[m.end()..].starts_with(|c: char| c.is_ascii_digit() || is_unit(c)) {
            // The 記号 too, however short (記号 12 番号 345).
            let mark = c.get(1).expect("group");
            let (s, e) = trim_span(text, mark.start(), mark.end());
            claims.claim(s, e, PiiKind::IdNumber);
            claims.claim(m.start(), m.end(), PiiKind::IdNumber);
        }
    }
    // "card ending 1881": the last four digits of a card.
    static ENDING: OnceLock<Regex> = OnceLock::new();
    let ending = ENDING.get_or_init(|| re(r"(?i)\bcard (?:number )?ending (?:in )?(\d{4})\b"));
    for c in ending.captures_iter(text) {
        let m = c.get(1).expect("group");
        claims.claim(m.start(), m.end(), PiiKind::Card);
    }
    static BRANCH: OnceLock<Regex> = OnceLock::new();
    let branch = BRANCH.get_or_init(|| re(r"(?i)(?:支店|出張所|\bbranch) ?\((\d{3})\)"));
    for c in branch.captures_iter(text) {
        let m = c.get(1).expect("group");
        claims.claim(m.start(), m.end(), PiiKind::Account);
    }
}

/// Personal numbers known by their printed shape, wherever they stand in a message that speaks
/// of their document: a residence card (two letters, eight digits, two letters: the shape
/// alone is enough), a passport (one or two letters and seven or eight digits), a basic pension
/// number (4-6 digits) and an employment-insurance number (4-6-1). Cues may be far from the
/// number ("the card is blurry. It is AB12345678CD").
pub(super) fn shaped_ids(text: &str, claims: &mut Claims) {
    static SHAPES: OnceLock<[(Regex, Option<Regex>); 4]> = OnceLock::new();
    let shapes = SHAPES.get_or_init(|| {
        [
            (re(r"[A-Z]{2} ?\d{8} ?[A-Z]{2}"), None),
            (
                re(r"[A-Z]{1,2}\d{7,8}"),
                Some(re(r"(?i)passport|パスポート|旅券")),
            ),
            (re(r"\d{4}-\d{6}"), Some(re(r"(?i)年金|pension"))),
            (
                re(r"\d{4}-\d{6}-\d"),
                Some(re(r"(?i)雇用保険|被保険者|employment insurance")),
            ),
        ]
    });
    for (shape, cue) in shapes {
        if cue.as_ref().is_some_and(|c| !c.is_match(text)) {
            continue;
        }
        for m in shape.find_iter(text) {
            // A neighbouring letter, digit or dash makes it part of a longer code (the regex
            // crate's \b would see kana and kanji as letters too).
            let joined = |c: Option<char>| c.is_some_and(|c| c == '-' || c.is_ascii_alphanumeric());
            if joined(text[..m.start()].chars().next_back())
                || joined(text[m.end()..].chars().next())
            {
                continue;
            }
            // 適用事業所番号 has the insurance number's shape and names the employer.
            let before = &text[char_back(text, m.start(), 12)..m.start()];
            if before.contains("事業所") {
                continue;
            }
            claims.claim(m.start(), m.end(), PiiKind::IdNumber);
        }
    }
}

/// Cues after which a three-digit number is a branch code (店番 123, 支店番号 136).
fn branch_cue(cue: &str) -> bool {
    cue.starts_with('店') || cue.starts_with("支店")
}

/// Phone numbers, My Number-length and card-length numbers with no cue.
pub(super) fn numbers(text: &str, claims: &mut Claims) {
    for m in patterns().digits.find_iter(text) {
        let (start, end) = trim_span(text, m.start(), m.end());
        let run = &text[start..end];
        // Part of a longer token (a decimal, a version, an id with letters): not a number alone.
        // A comma only joins digits (1,000,000); "… 1111, expiry" ends the number.
        let mut after = text[end..].chars();
        let next = after.next();
        if text[..start]
            .chars()
            .next_back()
            .is_some_and(|c| c.is_ascii_digit() || c == '.' || c == ',')
            || next.is_some_and(|c| c.is_ascii_digit())
            || (next == Some(',') && after.next().is_some_and(|c| c.is_ascii_digit()))
        {
            continue;
        }
        // 受付番号 2026-0413-0087, tracking no. 1234 5678 9012, 1234567円: a reference the
        // service or a shop gave, or an amount, not anyone's personal number.
        let amount = |c: char| "円万千億人件回歳才%名社個枚台倍".contains(c);
        if next.is_some_and(amount) || names_a_reference(&text[..start]) {
            continue;
        }
        let digits: String = run.chars().filter(char::is_ascii_digit).collect();
        let international = run.starts_with('+');
        let n = digits.len();
        let kind = match n {
            _ if international && (10..=13).contains(&n) => Some(PiiKind::Phone),
            10 | 11 if digits.starts_with('0') => Some(PiiKind::Phone),
            12 => Some(PiiKind::IdNumber),
            // 13 digits is a 法人番号: public, kept.
            14..=19 => Some(PiiKind::Card),
            20.. => Some(PiiKind::IdNumber),
            _ => None,
        };
        // A Japanese account number is seven digits; a bank, branch or account named anywhere
        // in the message makes one (…支店の1234567です, 番号：1234567 under 種別：普通).
        let kind = kind.or_else(|| {
            (n == 7 && run == digits && !text[..start].ends_with('〒') && bank_named(text))
                .then_some(PiiKind::Account)
        });
        if let Some(kind) = kind {
            claims.claim(start, end, kind);
        }
    }
}

/// Whether the words just before a number (on its line, within a few words) name a reference
/// number that an office or a shop issued: 受付番号, 申請番号, 追跡番号, order number, ref.
fn names_a_reference(before: &str) -> bool {
    const REFERENCES: &[&str] = &[
        "受付番号",
        "受付No",
        "申請番号",
        "整理番号",
        "管理番号",
        "追跡番号",
        "問い合わせ番号",
        "問合せ番号",
        "お問合せ番号",
        "注文番号",
        "伝票番号",
        "請求書番号",
        "予約番号",
        "案件番号",
        "決定番号",
        "order number",
        "order no",
        "tracking number",
        "tracking no",
        "reference number",
        "reference no",
        "ref. no",
        "ref no",
        "application number",
        "application no",
        "invoice number",
        "invoice no",
        "receipt number",
        "receipt no",
        "booking number",
        "meeting id",
    ];
    let line = before.rsplit('\n').next().unwrap_or(before);
    let from = line.char_indices().rev().nth(23).map_or(0, |(i, _)| i);
    let tail = line[from..].to_lowercase();
    REFERENCES.iter().any(|r| {
        tail.rfind(r).is_some_and(|at| {
            let between = &tail[at + r.len()..];
            // Only a label's punctuation and spacing between the cue and the number.
            between
                .chars()
                .all(|c| matches!(c, ' ' | ':' | '.' | '#' | '(' | 'は' | '：' | '　') || c == '）')
        })
    })
}

/// Whether a number stands right after the name of a public body or a hotline, as its number:
/// 東京都よろず支援拠点(03-…), 芝税務署の番号(03-…), ねんきんダイヤルの 0570-…, "the Invoice
/// call center at 0570-…". Those lines are published, nobody's personal data.
pub(super) fn after_a_public_body(before: &str) -> bool {
    const BODIES: &[&str] = &[
        "税務署",
        "労働局",
        "労働基準監督署",
        "監督署",
        "ハローワーク",
        "年金事務所",
        "公社",
        "協会",
        "機構",
        "商工会議所",
        "区役所",
        "都庁",
        "支援拠点",
        "支援センター",
        "振興センター",
        "サポートセンター",
        "コールセンター",
        "ダイヤル",
        "相談センター",
        "振興課",
        "call center",
        "call centre",
        "hotline",
        "tax office",
        "labour bureau",
        "labor bureau",
        "ward office",
    ];
    let line = before.rsplit('\n').next().unwrap_or(before).to_lowercase();
    let mut tail = line.trim_end();
    for link in [
        "(",
        "の電話番号は",
        "の電話番号",
        "の番号は",
        "の番号",
        "の",
        ":",
        " at",
        "は",
    ] {
        tail = tail
            .trim_end()
            .strip_suffix(link)
            .unwrap_or(tail)
            .trim_end();
    }
    // 東京労働局の雇用環境・均等部の 03-…: a section of a body.
    // フリーダイヤル 0120-…: a business's own toll-free line, not a body's hotline.
    let body_end =
        |t: &str| BODIES.iter().any(|b| t.ends_with(b)) && !t.ends_with("フリーダイヤル");
    body_end(tail)
        || tail.rfind('の').is_some_and(|at| {
            let (head, section) = tail.split_at(at);
            body_end(head) && section.chars().count() <= 12 && section.ends_with('部')
        })
}

/// A phone number as its digits alone, with +81 read as the leading 0, so that
/// 03-3578-2111, ０３（３５７８）２１１１ and +81 3 3578 2111 are one number.
pub fn phone_key(number: &str) -> String {
    let prepared = super::scan::prepare(number);
    let digits: String = prepared.chars().filter(char::is_ascii_digit).collect();
    match digits.strip_prefix("81") {
        Some(rest) if prepared.trim_start().starts_with('+') => {
            format!("0{}", rest.strip_prefix('0').unwrap_or(rest))
        }
        _ => digits,
    }
}

/// The keys of the phone numbers in published texts (scheme contacts, FAQ answers, desks):
/// the ward's and its partners' office lines, which are nobody's personal data.
pub fn public_phone_keys<'a>(
    texts: impl IntoIterator<Item = &'a str>,
) -> std::collections::HashSet<String> {
    let mut keys = std::collections::HashSet::new();
    for text in texts {
        let prepared = super::scan::prepare(text);
        let mut claims = Claims::default();
        numbers(&prepared, &mut claims);
        for (s, e, kind) in claims.0 {
            if kind == PiiKind::Phone {
                keys.insert(phone_key(&prepared[s..e]));
            }
        }
    }
    keys
}

fn bank_named(text: &str) -> bool {
    static BANK: OnceLock<Regex> = OnceLock::new();
    BANK.get_or_init(|| {
        re(r"(?i)口座|普通|当座|コウザ|フツウ|トウザ|支店|銀行|信用金庫|信金|ゆうちょ|\bbank\b|\bbranch\b")
    })
    .is_match(text)
}

#[cfg(test)]
mod tests {
    use super::super::*;
    use super::{phone_key, public_phone_keys};
    use crate::domain::masking::test_dict::m;

    /// A ward that publishes one office line.
    struct WardOffice(std::collections::HashSet<String>);

    impl Lexicon for WardOffice {
        fn words(&self, _text: &str) -> Vec<Word> {
            Vec::new()
        }

        fn is_public_phone(&self, key: &str) -> bool {
            self.0.contains(key)
        }
    }

    fn ward_office() -> WardOffice {
        WardOffice(public_phone_keys([
            "お問い合わせ：産業振興課（電話 03-5555-0123、平日8:30〜17:15）",
        ]))
    }

    #[test]
    fn a_published_office_line_stays_in_any_width_and_separator() {
        let ward = ward_office();
        for text in [
            "産業振興課 03-5555-0123 に電話しました",
            "産業振興課 ０３－５５５５－０１２３ に電話しました",
            "産業振興課 03(5555)0123 に電話しました",
            "産業振興課 +81 3 5555 0123 に電話しました",
            "産業振興課 0355550123 に電話しました",
        ] {
            let plain = super::super::scan::prepare(text);
            assert_eq!(mask(text, &ward).into_string(), plain, "{text}");
        }
    }

    #[test]
    fn a_callers_own_number_is_masked_beside_a_published_one() {
        assert_eq!(
            mask(
                "03-5555-0123 ではなく 03-5555-0124 に折り返してください",
                &ward_office()
            )
            .into_string(),
            "03-5555-0123 ではなく [電話番号] に折り返してください"
        );
        assert_eq!(
            mask("携帯 090-5555-0123 まで", &ward_office()).into_string(),
            "携帯 [電話番号] まで"
        );
    }

    #[test]
    fn a_phone_key_is_the_national_number() {
        assert_eq!(phone_key("+81-3-5555-0123"), "0355550123");
        assert_eq!(phone_key("+81 (0)3 5555 0123"), "0355550123");
        assert_eq!(phone_key("０３（５５５５）０１２３"), "0355550123");
    }

    #[test]
    fn a_corporate_number_is_public_and_stays() {
        assert_eq!(m("法人番号 1234567890123"), "法人番号 1234567890123");
        assert_eq!(
            m("法人番号は1234567890123です"),
            "法人番号は1234567890123です"
        );
    }

    #[test]
    fn phone_numbers_in_any_width_and_with_any_dash() {
        for text in [
            "０３－１２３４－５６７８",
            "０９０ー１２３４ー５６７８",
            "090—1234—5678",
            "090‐1234‐5678",
            "03−1234−5678",
            "(03) 1234-5678",
            "（０３）１２３４－５６７８",
            "090 1234 5678",
            "+81-3-1234-5678",
            "＋８１ ９０ １２３４ ５６７８",
            "+81 (0)90-1234-5678",
            "03.1234.5678",
            "0120-123-456",
        ] {
            assert_eq!(m(text), "[電話番号]", "{text}");
        }
        assert_eq!(
            m("TEL：０３ー１２３４ー５６７８までお願いします"),
            "TEL:[電話番号]までお願いします"
        );
    }

    #[test]
    fn bank_accounts_after_their_cue() {
        assert_eq!(m("振込先は普通 1234567です"), "振込先は普通 [口座]です");
        assert_eq!(
            m("みずほ銀行赤坂支店 当座預金 7654321"),
            "みずほ銀行赤坂支店 当座預金 [口座]"
        );
        assert_eq!(m("口座番号：0012345"), "口座番号:[口座]");
        assert_eq!(m("account number 12345678"), "account number [口座]");
        assert_eq!(m("店番123 普通1234567"), "店番[口座] 普通[口座]");
        // A plain "普通" and an amount after 口座 are not accounts.
        assert_eq!(m("普通は3年かかります"), "普通は3年かかります");
        // A message typed in kana spells the cue in kana (half-width kana arrive folded).
        assert_eq!(
            m("きゅうよの ふりこみは ﾌﾂｳ ４４１２０９８ です"),
            "きゅうよの ふりこみは フツウ [口座] です"
        );
        assert_eq!(m("口座振替で毎月10000円"), "口座振替で毎月10000円");
        assert_eq!(
            m("売上は1234567円でした。支店は新橋です"),
            "売上は1234567円でした。支店は新橋です"
        );
        assert_eq!(
            m("受付番号 2026-0413-0087 です"),
            "受付番号 2026-0413-0087 です"
        );
        assert_eq!(
            m("申請番号:202511040031 の件"),
            "申請番号:202511040031 の件"
        );
        assert_eq!(
            m("Tracking no. 4401 2290 8812"),
            "Tracking no. 4401 2290 8812"
        );
        // A caller's own line is still masked, and so is a shop's toll-free number.
        assert_eq!(
            m("フリーダイヤル0120-558-123です"),
            "フリーダイヤル[電話番号]です"
        );
        // Without such a cue a number of that length is still masked.
        assert_eq!(m("番号 202511040031 です"), "番号 [番号] です");
    }

    #[test]
    fn seven_digits_are_an_account_when_a_bank_is_named() {
        assert_eq!(
            m("信用金庫の田町支店、番号は7654321です"),
            "信用金庫の田町支店、番号は[口座]です"
        );
        assert_eq!(m("会員番号は7654321です"), "会員番号は7654321です");
    }

    #[test]
    fn licence_passport_and_my_number() {
        assert_eq!(
            m("運転免許証番号は123456789012です"),
            "運転免許証番号は[番号]です"
        );
        assert_eq!(m("パスポート番号 TK1234567"), "パスポート番号 [番号]");
        assert_eq!(m("passport no. AB 1234567"), "passport no. [番号]");
        assert_eq!(m("マイナンバーは1234-5678-9012"), "マイナンバーは[番号]");
        assert_eq!(m("受付番号 T1234ABCD"), "受付番号 T1234ABCD");
        assert_eq!(m("保険証 記号 41 番号 7"), "保険証 記号 [番号] 番号 [番号]");
        assert_eq!(
            m("保険証の記号番号 1234・567です"),
            "保険証の記号番号 [番号]です"
        );
        assert_eq!(
            m("my health insurance number is 5555-6666."),
            "my health insurance number is [番号]."
        );
    }

    #[test]
    fn personal_numbers_known_by_their_shape_far_from_their_cue() {
        // A residence card number's shape is enough on its own.
        assert_eq!(
            m("コピーが読みにくいですが、番号はQR48210937KZです"),
            "コピーが読みにくいですが、番号は[番号]です"
        );
        // A passport number anywhere in a message that speaks of a passport.
        assert_eq!(
            m("My passport was renewed. Old one: K7730291, new one: K7730292."),
            "My passport was renewed. Old one: [番号], new one: [番号]."
        );
        assert_eq!(m("注文番号はK7730291です"), "注文番号はK7730291です");
        // Pension (4-6) and employment-insurance (4-6-1) numbers beside their document.
        assert_eq!(
            m("年金の書類に書く番号は 2210-583904 でいいですか"),
            "年金の書類に書く番号は [番号] でいいですか"
        );
        assert_eq!(
            m("雇用保険に入っているパートさんの番号は 3302-771045-6 です"),
            "雇用保険に入っているパートさんの番号は [番号] です"
        );
        // An employer's office number of the same shape names the business.
        assert_eq!(
            m("雇用保険の適用事業所番号 1301-555555-1 はどこに書きますか"),
            "雇用保険の適用事業所番号 1301-555555-1 はどこに書きますか"
        );
    }

    #[test]
    fn a_foreign_mobile_number_with_its_country_code() {
        assert_eq!(
            m("在中国时请打 +86 139 2044 5716"),
            "在中国时请打 [電話番号]"
        );
        assert_eq!(
            m("Mobile +34 655 210 487 until Friday"),
            "Mobile [電話番号] until Friday"
        );
    }
}
