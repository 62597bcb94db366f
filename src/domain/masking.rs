//! Masks personal data in free text before anything is written to the inquiry log:
//! e-mail addresses, phone numbers, postal codes, マイナンバー-like 12 digits, 13-digit
//! 法人番号, card-like numbers, and names after cues such as 氏名・名前・担当.

use std::sync::OnceLock;

use regex::Regex;
use unicode_normalization::UnicodeNormalization;

struct Patterns {
    email: Regex,
    digits: Regex,
    postal: Regex,
    name: Regex,
    labelled_name: Regex,
}

fn patterns() -> &'static Patterns {
    static P: OnceLock<Patterns> = OnceLock::new();
    P.get_or_init(|| Patterns {
        email: Regex::new(r"[A-Za-z0-9._%+\-]+@[A-Za-z0-9.\-]+\.[A-Za-z]{2,}").expect("valid regex"),
        // Runs of digits with optional separators, optionally with a +81 country code.
        digits: Regex::new(r"(?:\+81[\s\-]?)?\d[\d\s\-()]{7,}\d").expect("valid regex"),
        // Whole numbers only: the start of a longer digit run is not a postal code.
        postal: Regex::new(r"〒?\s?\b\d{3}-\d{4}\b").expect("valid regex"),
        // 「担当は佐藤さんです」「名前は鈴木と申します」: a cue, は, a short name, an honorific or です.
        name: Regex::new(r"(氏名|お名前|名前|担当者?|代表者?|申込者)(\s*は\s*)([一-龯々ぁ-んァ-ヶー]{1,8}?)(さん|様|です|と申します|といいます)").expect("valid regex"),
        // 「氏名：山田太郎」: a labelled field, up to the next space or punctuation.
        // Brackets end a name too, so a placeholder from an earlier pass is never swallowed.
        labelled_name: Regex::new(r"(氏名|お名前|名前|担当者?|代表者?|申込者)(\s*[:=]\s*)([^\s\p{Cc}、。,.:()\[\]]{1,12})").expect("valid regex"),
    })
}

/// Masks personal data; the text around it stays readable for staff. The patterns run until
/// nothing changes, because masking one thing can expose another (a name next to digits leaves
/// a phone-length run behind), and a second look must not find more than the first.
pub fn mask(text: &str) -> String {
    let mut current = mask_once(text);
    for _ in 0..4 {
        let next = mask_once(&current);
        if next == current {
            break;
        }
        current = next;
    }
    current
}

fn mask_once(text: &str) -> String {
    // Full-width digits and @ would otherwise slip past the patterns.
    let text: String = text.nfkc().collect();
    let p = patterns();
    let text = p.email.replace_all(&text, "[メール]");
    let text = p.digits.replace_all(&text, |c: &regex::Captures<'_>| {
        classify_digits(&c[0]).map_or_else(|| c[0].to_string(), str::to_string)
    });
    let text = p.postal.replace_all(&text, "[郵便番号]");
    let text = p.name.replace_all(&text, |c: &regex::Captures<'_>| {
        format!("{}{}[氏名]{}", &c[1], &c[2], &c[4])
    });
    let text = p
        .labelled_name
        .replace_all(&text, |c: &regex::Captures<'_>| {
            format!("{}{}[氏名]", &c[1], &c[2])
        });
    text.into_owned()
}

fn classify_digits(run: &str) -> Option<&'static str> {
    let digits: String = run.chars().filter(|c| c.is_ascii_digit()).collect();
    let international = run.trim_start().starts_with("+81");
    let n = digits.len();
    match n {
        _ if international && (9..=11).contains(&(n - 2)) => Some("[電話番号]"),
        10 | 11 if digits.starts_with('0') => Some("[電話番号]"),
        12 => Some("[個人番号]"),
        13 => Some("[法人番号]"),
        14..=19 => Some("[カード番号]"),
        20.. => Some("[番号]"),
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::mask;
    use unicode_normalization::UnicodeNormalization;

    #[test]
    fn masks_each_kind_of_personal_data() {
        assert_eq!(
            mask("連絡先は taro.yamada@example.co.jp です"),
            "連絡先は [メール] です"
        );
        assert_eq!(mask("電話 03-1234-5678 まで"), "電話 [電話番号] まで");
        assert_eq!(mask("携帯は09012345678です"), "携帯は[電話番号]です");
        assert_eq!(mask("+81 90-1234-5678"), "[電話番号]");
        assert_eq!(mask("〒105-8511 港区芝公園"), "[郵便番号] 港区芝公園");
        assert_eq!(mask("番号は1234 5678 9012です"), "番号は[個人番号]です");
        assert_eq!(mask("法人番号 1234567890123"), "法人番号 [法人番号]");
        assert_eq!(mask("カード 4111-1111-1111-1111"), "カード [カード番号]");
        assert_eq!(mask("氏名：山田太郎 です"), "氏名:[氏名] です");
        assert_eq!(mask("担当は佐藤さんです"), "担当は[氏名]さんです");
        assert_eq!(mask("名前は鈴木と申します"), "名前は[氏名]と申します");
    }

    #[test]
    fn full_width_digits_are_masked_too() {
        assert_eq!(mask("０３－１２３４－５６７８"), "[電話番号]");
    }

    #[test]
    fn amounts_dates_and_counts_are_left_alone() {
        for text in [
            "上限は1,000万円です",
            "締切は2026-11-30です",
            "従業員300人以下",
            "令和8年4月1日から",
            "年1.5%以内",
            "5年未満の事業者",
            "8:30〜17:15",
        ] {
            let plain: String = text.nfkc().collect();
            assert_eq!(mask(text), plain, "{text}");
        }
    }
}
