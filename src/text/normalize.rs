//! Width and form folding, so that ｿﾌﾄｳｪｱ, ソフトウェア and ＳＯＦＴ all meet in the index.

use unicode_normalization::{IsNormalized, UnicodeNormalization, is_nfkc_quick};

/// NFKC (half-width kana to full-width, full-width ASCII to ASCII), ASCII lower-case,
/// wave-dash and hyphen variants unified, control characters dropped and whitespace collapsed.
pub fn normalize(text: &str) -> String {
    // Control characters go before NFKC composes, or removing them later would leave
    // neighbours (ゝ + a voiced mark) that a second pass composes differently.
    let has_control = text.chars().any(|c| c.is_control() && !c.is_whitespace());
    // Most text is already in NFKC (kana, kanji, ASCII): the quick check says so without
    // decomposing and recomposing every character, and NFKC would return it unchanged.
    if !has_control && is_nfkc_quick(text.chars()) == IsNormalized::Yes {
        fold(text.chars(), text.len())
    } else {
        fold(
            text.chars()
                .filter(|c| c.is_whitespace() || !c.is_control())
                .nfkc(),
            text.len(),
        )
    }
}

/// What `normalize` does after NFKC.
fn fold(chars: impl Iterator<Item = char>, capacity: usize) -> String {
    let mut out = String::with_capacity(capacity);
    let mut pending_space = false;
    for c in chars {
        let c = match c {
            '〜' | '～' | '∼' => '~',
            '‐' | '‑' | '‒' | '–' | '—' | '―' | '−' => '-',
            c => c.to_ascii_lowercase(),
        };
        if c.is_whitespace() || c == '\u{3000}' {
            pending_space = !out.is_empty();
            continue;
        }
        if c.is_control() {
            continue;
        }
        if pending_space {
            out.push(' ');
            pending_space = false;
        }
        out.push(c);
    }
    out
}

/// Folds kana that callers confuse when typing: small kana to their full-size forms
/// (ソフトウエア for ソフトウェア) and ぢ/づ to じ/ず, which sound the same (ものずくり for
/// ものづくり). Used only for character and reading n-grams, never for the words themselves.
pub fn fold_kana(c: char) -> char {
    match c {
        'ヂ' => 'ジ',
        'ヅ' => 'ズ',
        'ぢ' => 'じ',
        'づ' => 'ず',
        'ァ' => 'ア',
        'ィ' => 'イ',
        'ゥ' => 'ウ',
        'ェ' => 'エ',
        'ォ' => 'オ',
        'ッ' => 'ツ',
        'ャ' => 'ヤ',
        'ュ' => 'ユ',
        'ョ' => 'ヨ',
        'ヮ' => 'ワ',
        'ぁ' => 'あ',
        'ぃ' => 'い',
        'ぅ' => 'う',
        'ぇ' => 'え',
        'ぉ' => 'お',
        'っ' => 'つ',
        'ゃ' => 'や',
        'ゅ' => 'ゆ',
        'ょ' => 'よ',
        'ゎ' => 'わ',
        c => c,
    }
}

pub fn is_katakana(c: char) -> bool {
    ('\u{30A0}'..='\u{30FF}').contains(&c)
}

pub fn is_hiragana(c: char) -> bool {
    ('\u{3040}'..='\u{309F}').contains(&c)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn half_width_katakana_becomes_full_width() {
        assert_eq!(normalize("ｿﾌﾄｳｪｱ"), "ソフトウェア");
        assert_eq!(normalize("ﾎｰﾑﾍﾟｰｼﾞ"), "ホームページ");
    }

    #[test]
    fn full_width_ascii_becomes_lower_case_ascii() {
        assert_eq!(normalize("ＩＴ導入"), "it導入");
        assert_eq!(normalize("ＤＸ　推進"), "dx 推進");
    }

    #[test]
    fn whitespace_is_collapsed_and_trimmed() {
        assert_eq!(normalize("  起業 \t\n したい  "), "起業 したい");
        assert_eq!(normalize("\u{3000}\u{3000}"), "");
    }

    #[test]
    fn wave_dashes_are_unified() {
        assert_eq!(normalize("4月〜5月"), normalize("4月～5月"));
    }

    #[test]
    fn text_already_in_nfkc_takes_the_quick_path_to_the_same_result() {
        // Already NFKC: the quick path; each changed by NFKC or holding a control character:
        // the full one. Both must agree with NFKC followed by the folding.
        for text in [
            "港区の創業支援融資を受けたい",
            "IT導入補助金 2024",
            "ＩＴ導入補助金（令和６年）",
            "ｿﾌﾄｳｪｱ",
            "か\u{3099}",
            "ゝ\u{0007}\u{3099}",
            "4月〜5月\tまで",
        ] {
            let reference = fold(
                text.chars()
                    .filter(|c| c.is_whitespace() || !c.is_control())
                    .nfkc(),
                0,
            );
            assert_eq!(normalize(text), reference, "{text:?}");
        }
        assert_eq!(normalize("か\u{3099}"), "が");
    }

    #[test]
    fn small_kana_fold_to_full_size() {
        let folded: String = "ウェブ".chars().map(fold_kana).collect();
        assert_eq!(folded, "ウエブ");
    }

    #[test]
    fn di_and_du_fold_to_the_kana_that_sound_the_same() {
        let fold = |s: &str| s.chars().map(fold_kana).collect::<String>();
        assert_eq!(fold("ものづくり"), fold("ものずくり"));
        assert_eq!(fold("ハナヂ"), "ハナジ");
    }
}
