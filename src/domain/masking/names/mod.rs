//! Personal names. Names have no shape: they are found by context (self-introductions,
//! honorifics, roles, labelled fields, signatures) together with what the dictionary says
//! about the words ([`super::WordClass`]).

mod contacts;
mod english;
mod full;
mod introduction;
mod view;
mod words;

use super::scan::{Claims, is_kanji_str, is_katakana};
use super::{PiiKind, Word, WordClass};
use contacts::{account_holders, after_contact, lone_line, signature, trailing_name};
use english::english_names;
use full::{full_names, relations, widen_names};
use introduction::self_introduction;
use view::{NameView, Strength};
use words::{AFTER_NAME, LABELS, NOT_NAMES, ROLE_BEFORE, is_title};

pub(super) fn names(text: &str, words: &[Word], claims: &mut Claims) {
    let view = NameView { text, words };
    full_names(&view, claims);

    // Strong: 「…と申します」「…といいます」, labelled fields.
    for cue in ["と申します", "と申す", "と言います", "といいます", "と申し"] {
        for (at, _) in text.match_indices(cue) {
            if let Some((s, e)) = view.run_before(at)
                && let Some((s, e)) = view.accept(s, e, Strength::Certain)
            {
                claims.claim(s, e, PiiKind::Name);
            }
        }
    }
    for label in LABELS {
        for (at, _) in text.match_indices(label) {
            let mut from = at + label.len();
            let rest = &text[from..];
            let sep = rest
                .char_indices()
                .take_while(|&(_, c)| matches!(c, ':' | ' ' | 'は' | '=' | '：' | '「'))
                .last()
                .map_or(0, |(i, c)| i + c.len_utf8());
            let spelled = rest.starts_with(|c: char| is_katakana(c) || c.is_ascii_uppercase());
            if sep == 0 && !(is_kanji_str(label) && (view.starts_name(from) || spelled)) {
                continue;
            }
            // 「氏名：」 is a form field; 「名前は」 may go on about anything (名前は新規開業…).
            let strength = if rest[..sep].contains([':', '='])
                || !matches!(
                    *label,
                    "名前" | "お名前" | "申込者" | "申請者" | "契約者" | "連絡者"
                ) {
                Strength::Certain
            } else {
                Strength::Strong
            };
            from += sep;
            if let Some((s, e)) = view.run_after(from).filter(|&(_, e)| view.ends_cleanly(e))
                && let Some((s, e)) = view.accept(s, e, strength)
            {
                claims.claim(s, e, PiiKind::Name);
            }
        }
    }
    // Medium: an honorific or a role after, a role or self-introduction before.
    for after in AFTER_NAME {
        for (at, _) in text.match_indices(after) {
            // 氏名, 様式, 様々 are not honorifics.
            let next = text[at + after.len()..].chars().next();
            if (*after == "氏" && next == Some('名'))
                || (*after == "様" && next.is_some_and(|c| "式々子相".contains(c)))
                || (*after == "ちゃん" && next == Some('と'))
            {
                continue;
            }
            if let Some((s, e)) = view.run_before(at) {
                if NOT_NAMES.contains(&&text[s..e]) {
                    continue;
                }
                if let Some((s, e)) = view.accept(s, e, Strength::Medium) {
                    claims.claim(s, e, PiiKind::Name);
                }
            }
        }
    }
    for role in ROLE_BEFORE
        .iter()
        .chain(["私は", "わたしは", "私、", "僕は", "こちらは", "当方は"].iter())
    {
        for (at, _) in text.match_indices(role) {
            let mut from = at + role.len();
            let rest = &text[from..];
            let sep = rest
                .char_indices()
                .take_while(|&(_, c)| matches!(c, ':' | ' ' | 'の' | 'は' | '、' | '='))
                .last()
                .map_or(0, |(i, c)| i + c.len_utf8());
            from += sep;
            if let Some((s, e)) = view.run_after(from) {
                let labelled = rest[..sep].contains([':', '=']);
                let strength =
                    if labelled || (role.ends_with(['は', '、']) && view.followed_by_desu(e)) {
                        Strength::Medium
                    } else {
                        Strength::Weak
                    };
                if let Some((s, e)) = view.accept(s, e, strength) {
                    claims.claim(s, e, PiiKind::Name);
                }
            }
        }
    }
    // Weak: 「…です」 where the dictionary knows the name; stronger at the opening of a
    // message (森です。, 前田 です, グエン・ヴァン・ミンです) and for Latin names (Priyaです).
    for cue in ["です", "でございます"] {
        for (at, _) in text.match_indices(cue) {
            if cue == "です" && text[at..].starts_with("ですか") {
                continue;
            }
            let at = text[..at].trim_end_matches(' ').len();
            for (s, e) in self_introduction(&view, at) {
                claims.claim(s, e, PiiKind::Name);
            }
        }
    }
    // A surname followed by a given name needs no context.
    for pair in words.windows(2) {
        let (a, b) = (pair[0], pair[1]);
        let gap = &text[a.end..b.start];
        if a.class == WordClass::Surname
            && b.class == WordClass::GivenName
            && (gap.is_empty() || gap == " ")
        {
            claims.claim(a.start, b.end, PiiKind::Name);
        }
    }
    relations(&view, claims);
    for (at, _) in text.match_indices("名義") {
        let at = text[..at].trim_end_matches(' ').len();
        // Whose name, not what is in it (口座名義, カード名義, 法人名義).
        let owned = [
            "口座",
            "カード",
            "法人",
            "会社",
            "個人",
            "本人",
            "自分",
            "店",
            "家族",
        ];
        if let Some((s, e)) = view.run_before(at)
            && !is_title(&text[s..e])
            && !owned.iter().any(|w| text[s..e].ends_with(w))
            && let Some((s, e)) = view.accept(s, e, Strength::Certain)
        {
            claims.claim(s, e, PiiKind::Name);
        }
    }
    lone_line(&view, claims);
    english_names(text, claims);
    signature(&view, claims);
    after_contact(&view, claims);
    account_holders(&view, claims);
    trailing_name(&view, claims);
    widen_names(&view, claims);
}

#[cfg(test)]
mod tests {
    use super::super::*;

    fn m(text: &str) -> String {
        mask(text, &NoLexicon).into_string()
    }

    #[test]
    fn names_in_strong_contexts_without_a_dictionary() {
        assert_eq!(m("山田太郎と申します"), "[氏名]と申します");
        assert_eq!(m("ヤマダ タロウと申します"), "[氏名]と申します");
        assert_eq!(m("名義：ヤマダ タロウ"), "名義:[氏名]");
        assert_eq!(m("スミスさんに相談しました"), "[氏名]さんに相談しました");
        assert_eq!(
            m("Hi, I'm John Smith from Akasaka"),
            "Hi, I'm [氏名] from Akasaka"
        );
        assert_eq!(
            m("my name is maria garcia and I run a cafe"),
            "my name is [氏名] and I run a cafe"
        );
        assert_eq!(
            m("This is Tanaka from ABC Trading"),
            "This is [氏名] from ABC Trading"
        );
        assert_eq!(
            m("Thanks for your help.\nBest regards,\nEmily Clark"),
            "Thanks for your help.\nBest regards,\n[氏名]"
        );
        assert_eq!(
            m("I'm interested in the subsidy"),
            "I'm interested in the subsidy"
        );
        assert_eq!(m("お客様が増えました"), "お客様が増えました");
    }
}
