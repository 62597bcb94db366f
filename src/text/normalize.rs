//! Width and form folding, so that ｿﾌﾄｳｪｱ, ソフトウェア and ＳＯＦＴ all meet in the index.

use unicode_normalization::UnicodeNormalization;

/// NFKC (half-width kana to full-width, full-width ASCII to ASCII), ASCII lower-case,
/// wave-dash and hyphen variants unified, control characters dropped and whitespace collapsed.
pub fn normalize(text: &str) -> String {
    let mut out = Folded::with_capacity(text.len());
    runs_for_nfkc(text, |run, kept| {
        if kept {
            out.extend_kept(run);
        } else {
            out.extend(nfkc(run));
        }
    });
    out.0
}

/// Every character of the NFKC form of `text` (control characters kept), in order: what
/// `text.nfkc()` gives, with the runs that NFKC keeps as they are passed over as they are.
pub fn for_each_nfkc_char(text: &str, mut f: impl FnMut(char)) {
    runs_for_nfkc(text, |run, kept| {
        if kept {
            run.chars().for_each(&mut f);
        } else {
            run.chars().nfkc().for_each(&mut f);
        }
    });
}

/// Cuts `text` into consecutive runs, each handed to `f` with whether NFKC keeps it as it is
/// (`true`) or it must go through NFKC (`false`); the NFKC of the whole text is the runs' own,
/// one after another.
///
/// NFKC leaves most of a Japanese text as it is (kana, kanji, ASCII, 、。「」), and such a
/// character never composes with what precedes it, so NFKC can be applied to the other runs
/// alone: each from the character before it (a mark in the run may compose with that one) to
/// the next character NFKC keeps.
fn runs_for_nfkc(text: &str, mut f: impl FnMut(&str, bool)) {
    let mut done = 0;
    let mut previous = None;
    let mut chars = text.char_indices().peekable();
    while let Some((at, c)) = chars.next() {
        if stays(c) {
            previous = Some(at);
            continue;
        }
        let start = previous.filter(|&p| p >= done).unwrap_or(at);
        let mut end = at + c.len_utf8();
        while let Some(&(next_at, next)) = chars.peek() {
            if stays(next) {
                break;
            }
            end = next_at + next.len_utf8();
            chars.next();
        }
        f(&text[done..start], true);
        f(&text[start..end], false);
        done = end;
        previous = None;
    }
    f(&text[done..], true);
}

/// NFKC of a text, control characters (other than whitespace) removed first: removing them
/// later would leave neighbours (ゝ + a voiced mark) that a second pass composes differently.
fn nfkc(text: &str) -> impl Iterator<Item = char> + '_ {
    text.chars()
        .filter(|c| c.is_whitespace() || !c.is_control())
        .nfkc()
}

/// Characters NFKC keeps as they are and that never compose with a character before them: a
/// run of them needs no normalising.
fn stays(c: char) -> bool {
    matches!(c,
        ' '..='~'
        | '\t' | '\n' | '\r'
        | '\u{3001}'..='\u{3002}' // 、。
        | '\u{300C}'..='\u{3011}' // 「」『』【】
        | '\u{3041}'..='\u{3096}' // hiragana (without the combining voiced marks)
        | '\u{30A1}'..='\u{30FC}' // katakana, ・ and ー
        | '\u{4E00}'..='\u{9FFF}' // CJK unified ideographs
    )
}

/// What `normalize` does after NFKC, a character at a time.
struct Folded(String, bool);

impl Folded {
    fn with_capacity(capacity: usize) -> Folded {
        Folded(String::with_capacity(capacity), false)
    }

    fn extend(&mut self, chars: impl Iterator<Item = char>) {
        let Folded(out, pending_space) = self;
        for c in chars {
            let c = match c {
                '〜' | '～' | '∼' => '~',
                '‐' | '‑' | '‒' | '–' | '—' | '―' | '−' => '-',
                c => c.to_ascii_lowercase(),
            };
            if c.is_whitespace() || c == '\u{3000}' {
                *pending_space = !out.is_empty();
                continue;
            }
            if c.is_control() {
                continue;
            }
            if *pending_space {
                out.push(' ');
                *pending_space = false;
            }
            out.push(c);
        }
    }

    /// [`Folded::extend`] for a run of characters that [`stays`] says NFKC keeps: of those, only
    /// upper-case ASCII letters and whitespace change, so the stretches between them are copied
    /// whole.
    fn extend_kept(&mut self, run: &str) {
        let mut rest = run;
        while !rest.is_empty() {
            let same = rest
                .bytes()
                .position(|b| b.is_ascii_uppercase() || b.is_ascii_whitespace())
                .unwrap_or(rest.len());
            if same > 0 {
                let Folded(out, pending_space) = self;
                if *pending_space {
                    out.push(' ');
                    *pending_space = false;
                }
                out.push_str(&rest[..same]);
            }
            // The byte found is an ASCII character, one byte long.
            let Some(changed) = rest.get(same..same + 1) else {
                break;
            };
            self.extend(changed.chars());
            rest = &rest[same + 1..];
        }
    }
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

/// A character of the CJK Unified Ideographs block, where the kanji of everyday text live.
pub fn is_kanji(c: char) -> bool {
    ('\u{4E00}'..='\u{9FFF}').contains(&c)
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

    /// NFKC of the whole text, then the folding: what `normalize` must equal.
    fn whole_text_reference(text: &str) -> String {
        let mut out = Folded::with_capacity(0);
        out.extend(nfkc(text));
        out.0
    }

    #[test]
    fn normalising_only_the_runs_nfkc_changes_equals_normalising_the_whole_text() {
        for text in [
            "港区の創業支援融資を受けたい",
            "ＩＴ導入補助金（令和６年）の上限は250万円",
            "ｷﾞｮｳ ｿﾌﾄｳｪｱ",
            "か\u{3099}と\u{309A}は",
            "ゝ\u{0007}\u{3099}",
            "4月〜5月\tまで",
        ] {
            assert_eq!(normalize(text), whole_text_reference(text), "{text:?}");
        }
        assert_eq!(normalize("か\u{3099}"), "が");
        // Random mixes of characters NFKC keeps, changes, composes and drops.
        let alphabet: Vec<char> =
            "かはうゝヽ漢a A\t\n。「\u{3099}\u{309A}\u{0301}\u{0007}\u{3000}ｶﾊﾞﾟＡｂ①㍻〜－―ヾ（e"
                .chars()
                .collect();
        let mut state = 0x2545_f491_4f6c_dd1du64;
        for _ in 0..20_000 {
            let mut text = String::new();
            for _ in 0..state % 9 {
                state ^= state << 13;
                state ^= state >> 7;
                state ^= state << 17;
                text.push(alphabet[(state % alphabet.len() as u64) as usize]);
            }
            state = state
                .wrapping_mul(6_364_136_223_846_793_005)
                .wrapping_add(1);
            assert_eq!(normalize(&text), whole_text_reference(&text), "{text:?}");
        }
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
