//! E-mail addresses, also written out in words (at … dot …, アットマーク … ドット …).

use std::sync::OnceLock;

use regex::Regex;

use super::PiiKind;
use super::scan::{Claims, re};

pub(super) struct Patterns {
    email: Regex,
    email_words: Regex,
    email_marked: Regex,
    domain_end: Regex,
}

pub(super) fn patterns() -> &'static Patterns {
    static P: OnceLock<Patterns> = OnceLock::new();
    P.get_or_init(|| Patterns {
        email: re(r"[A-Za-z0-9._%+\-]+ ?@ ?[A-Za-z0-9\-]+(?:\.[A-Za-z0-9\-]+)*\.[A-Za-z]{2,}"),
        // taro.yamada at example dot co dot jp / taro アットマーク example ドット jp
        email_words: re(
            r"(?i)[a-z0-9._%+\-]+(?: ?(?:\(dot\)|\[dot\]|\bdot\b|ドット) ?[a-z0-9_%+\-]+)* ?(?:\(at\)|\[at\]|<at>|\(a\)|\[@\]|\bat\b|アットマーク|あっとまーく|アット|@|★|☆) ?[a-z0-9\-]+(?: ?(?:\(dot\)|\[dot\]|<dot>|\bdot\b|ドット|どっと|\.) ?[a-z0-9\-]+)+",
        ),
        // おかもと アットマーク minato-cafe.jp, tanaka(at)example.com: the at is unmistakable.
        email_marked: re(
            r"(?i)[a-z0-9._%+\-ぁ-ゖ]+ ?(?:\((?:あっと|アット|アットマーク|@)\)|\(at\)|\[at\]|<at>|\[@\]|アットマーク|あっとまーく|あっと|アット) ?[a-z0-9\-]+(?: ?(?:\(dot\)|\[dot\]|<dot>|\bdot\b|ドット|どっと|\.) ?[a-z0-9\-]+)+",
        ),
        domain_end: re(
            r"[a-z0-9\-]\.(?:com|jp|net|org|info|biz|io|co|ne|or|ac|go|me|us|uk)$",
        ),
    })
}

pub(super) fn emails(text: &str, claims: &mut Claims) {
    let p = patterns();
    for m in p.email.find_iter(text) {
        claims.claim(m.start(), m.end(), PiiKind::Email);
    }
    for m in p.email_marked.find_iter(text) {
        claims.claim(m.start(), m.end(), PiiKind::Email);
    }
    // "email me at john dot smith at outlook dot com": when a match starts with a word of the
    // sentence (me), the address may start at the next word, so the search goes on from there.
    let mut from = 0;
    while let Some(m) = p.email_words.find_at(text, from) {
        // A plain sentence ("meet at the office.") has no domain-like tail; insist on a dot word
        // or a real @ and at least one short top-level part.
        let t = m.as_str().to_lowercase();
        let marked_at = [
            "(at)",
            "[at]",
            "<at>",
            "(a)",
            "アット",
            "あっと",
            "@",
            "★",
            "☆",
        ]
        .iter()
        .any(|a| t.contains(a));
        let has_dot = t.contains("dot") || t.contains("ドット") || t.contains("どっと");
        // "look at minato.lg.jp" is a sentence, not an address.
        let local = t.split([' ', '(', '[', '<']).next().unwrap_or("");
        let sentence_word = [
            "look",
            "looking",
            "info",
            "information",
            "details",
            "it",
            "me",
            "us",
            "them",
            "this",
            "that",
            "site",
            "website",
            "page",
            "available",
            "posted",
            "listed",
            "found",
            "published",
            "visit",
            "online",
            "apply",
            "applied",
            "register",
            "here",
            "there",
            "is",
            "are",
            "was",
            "be",
            "see",
        ]
        .contains(&local);
        if marked_at || ((has_dot || p.domain_end.is_match(&t)) && !sentence_word) {
            claims.claim(m.start(), m.end(), PiiKind::Email);
            from = m.end();
        } else {
            let first = m.as_str().chars().next().map_or(1, char::len_utf8);
            let word = m.as_str().find([' ', '(', '[', '<']).unwrap_or(first);
            from = m.start() + word.max(first);
        }
    }
}

#[cfg(test)]
mod tests {
    use crate::domain::masking::test_dict::m;

    #[test]
    fn e_mails_also_written_out_in_words() {
        for text in [
            "ｔａｒｏ＠ｅｘａｍｐｌｅ．ｃｏ．ｊｐ",
            "taro.yamada at example dot co dot jp",
            "taro.yamada (at) example (dot) com",
            "taro.yamada [at] example.com",
            "hanako アットマーク example ドット jp",
            "hanako(あっと)example.jp",
            "taro @ example.jp",
        ] {
            assert_eq!(m(text), "[メール]", "{text}");
        }
        assert_eq!(m("I will look at it. Thanks"), "I will look at it. Thanks");
        assert_eq!(
            m("write to me at sato dot ken at example dot com"),
            "write to me at [メール]"
        );
    }
}
