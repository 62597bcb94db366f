//! Text every backend can store, made so at the domain boundary: whatever a caller typed is
//! turned into it before it is parsed, masked or logged, so SQLite and PostgreSQL hold the
//! same characters and neither refuses a row.
//!
//! PostgreSQL's `TEXT` refuses NUL (SQLSTATE 22021) where SQLite stores it; the other control
//! characters are legal in both but are invisible on the staff console and in CSV exports,
//! and they break words for the tokenizer just as a space would. So every control character
//! except tab, line feed and carriage return becomes a plain space (not removed: `創業\0融資`
//! stays two words). Rust strings cannot hold lone surrogates, so nothing else needs care.
//! This module must never reject text: refusing is the parsers' job (`SearchQuery::parse`).

use std::borrow::Cow;

/// True for a character the stores must not see as such.
fn unstorable(c: char) -> bool {
    c.is_control() && !matches!(c, '\t' | '\n' | '\r')
}

/// `text` with every control character other than tab, LF and CR replaced by a space.
/// Borrows when there is nothing to replace (the usual case).
pub fn storable(text: &str) -> Cow<'_, str> {
    if !text.chars().any(unstorable) {
        return Cow::Borrowed(text);
    }
    Cow::Owned(
        text.chars()
            .map(|c| if unstorable(c) { ' ' } else { c })
            .collect(),
    )
}

/// True when [`storable`] would leave `text` unchanged.
pub fn is_storable(text: &str) -> bool {
    !text.chars().any(unstorable)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn nul_and_other_control_characters_become_spaces() {
        assert_eq!(storable("創業\u{0}融資"), "創業 融資");
        assert_eq!(
            storable("a\u{1}\u{7}\u{1b}[31mb\u{7f}\u{85}\u{9f}c"),
            "a   [31mb   c"
        );
    }

    #[test]
    fn tabs_line_breaks_and_ordinary_text_are_kept_as_they_are() {
        let text = "開業前でも\t融資は\r\n受けられますか？ 😀 e\u{301} ｿﾌﾄ \u{2028}";
        assert!(matches!(storable(text), Cow::Borrowed(_)));
        assert_eq!(storable(text), text);
    }

    #[test]
    fn storable_text_is_a_fixed_point() {
        for text in [
            "\u{0}",
            "x\u{0}\u{0}y",
            "\u{8}\u{9}\u{a}\u{b}\u{c}\u{d}\u{e}",
        ] {
            let once = storable(text).into_owned();
            assert!(is_storable(&once), "{once:?}");
            assert_eq!(storable(&once), once);
            assert_eq!(once.chars().count(), text.chars().count());
        }
    }
}
