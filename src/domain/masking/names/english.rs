//! Names in English messages: after introductions, labels and closings, and before -san.

use std::sync::OnceLock;

use regex::Regex;

use crate::domain::masking::PiiKind;
use crate::domain::masking::scan::{Claims, re};

pub(super) struct Patterns {
    english_intro: Regex,
    comma_name: Regex,
    closing_name: Regex,
    latin_name: Regex,
}

pub(super) fn patterns() -> &'static Patterns {
    static P: OnceLock<Patterns> = OnceLock::new();
    P.get_or_init(|| Patterns {
        english_intro: re(
            r"(?i)(?:(?:^|\s)[-–—]|\b(?:i'm|i am|my name is|my name's|this is|name is|name:|regards,?|best regards,|kind regards,|warm regards,|sincerely,|yours truly,|thanks,|thank you,|cheers,|best,|from:|contact person:?|contact:|caller:?|landlord:?|tenant:?|attention:?|attn\.?:?|we hired|(?:my|our) employee|mr\.?|ms\.?|mrs\.?|dr\.?|miss|name on (?:the )?card:?|card ?holder:?|account holder:?|holder:?|applicant:?|addressed to|it's|it is|ask for|asking for|ring the bell for|speak (?:to|with)|owner:|manager:|representative:|(?:rep\.|representative) director|director:?|ceo:?|president:?|signed,?|(?:my|our) (?:business partner|partner|colleague|co-?founder|accountant|tax accountant|wife|husband|son|daughter|mother|father|brother|sister|friend|manager|employee|lawyer),?))\s+",
        ),
        comma_name: re(r"^[A-Z][A-Z'\-]+, [A-Z][a-z'\-]+"),
        // The last sentence is a name alone: "… no longer works. Aisha Khan".
        closing_name: re(r"[.!?]\s+([A-Z][a-z'\-]+ [A-Z][a-z'\-]+)\.?\s*$"),
        latin_name: re(
            r"^[A-Za-zÀ-ÖØ-öø-ÿ][A-Za-zÀ-ÖØ-öø-ÿ'\-]*(?: [A-Za-zÀ-ÖØ-öø-ÿ][A-Za-zÀ-ÖØ-öø-ÿ'\-]*){0,2}",
        ),
    })
}

pub(super) fn english_names(text: &str, claims: &mut Claims) {
    let p = patterns();
    const STOP: &[&str] = &[
        "i",
        "a",
        "an",
        "the",
        "and",
        "or",
        "from",
        "with",
        "of",
        "at",
        "in",
        "on",
        "for",
        "to",
        "is",
        "am",
        "are",
        "was",
        "looking",
        "interested",
        "planning",
        "trying",
        "going",
        "not",
        "minato",
        "tokyo",
        "japan",
        "japanese",
        "ward",
        "city",
        "company",
        "owner",
        "running",
        "here",
        "writing",
        "calling",
        "asking",
        "new",
        "starting",
        "about",
        "also",
        "just",
        "currently",
        "still",
        "very",
        "so",
        "we",
        "my",
        "our",
        "your",
        "you",
        "regards",
        "it's",
        "i'm",
        "best",
        "center",
        "office",
        "it",
        "this",
        "that",
        "sole",
        "self",
        "employed",
        "small",
        "business",
        "cafe",
        "restaurant",
        "shop",
        "a",
        "regarding",
        "please",
        "help",
        "thanks",
        "thank",
        "hello",
        "hi",
        "dear",
        "sir",
        "madam",
        "team",
        "staff",
        "support",
        "inc",
        "ltd",
        "co",
        "kk",
        "llc",
        "corp",
        "ok",
        "okay",
        "fine",
        "possible",
        "open",
        "closed",
        "true",
        "because",
        "but",
        "if",
        "when",
    ];
    static SAN: OnceLock<Regex> = OnceLock::new();
    let san = SAN
        .get_or_init(|| re(r"\b([A-Z][A-Za-z]+(?: [A-Z][A-Za-z]+)?)[- ](?:san|sama|sensei|shi)\b"));
    for c in san.captures_iter(text) {
        let m = c.get(1).expect("group");
        claims.claim(m.start(), m.end(), PiiKind::Name);
    }
    for cue in p.english_intro.find_iter(text) {
        let rest = &text[cue.end()..];
        // KIM, Daniel: a surname in capitals, a comma, the given name.
        if let Some(c) = p.comma_name.find(rest) {
            let s = cue.end();
            claims.claim(s, s + c.end(), PiiKind::Name);
            continue;
        }
        let Some(m) = p.latin_name.find(rest) else {
            continue;
        };
        let lower_ok = {
            let c = cue.as_str().to_lowercase();
            c.contains("name") || c.contains("regards") || c.contains("sincerely")
        };
        let mut end = 0;
        for (i, w) in m.as_str().split(' ').enumerate() {
            let lw = w.to_lowercase();
            let capital = w.starts_with(|c: char| c.is_ascii_uppercase());
            // HASHIMOTO Minato: after a surname in capitals, a word that is also a place is
            // the given name.
            let after_capitals = i == 1
                && m.as_str()
                    .split(' ')
                    .next()
                    .is_some_and(|f| f.len() >= 2 && f.chars().all(|c| c.is_ascii_uppercase()));
            let place = ["minato", "tokyo", "japan"].contains(&lw.as_str());
            if (STOP.contains(&lw.as_str()) && !(after_capitals && place && capital))
                || w.len() < 2
                || !(capital || lower_ok)
            {
                break;
            }
            let offset = m
                .as_str()
                .split(' ')
                .take(i)
                .map(|x| x.len() + 1)
                .sum::<usize>();
            end = offset + w.len();
        }
        if end > 0 {
            let s = cue.end();
            claims.claim(s, s + end, PiiKind::Name);
        }
    }
    // "From Taro Otsuki" heading a message or a line.
    static FROM: OnceLock<Regex> = OnceLock::new();
    // The name ends the line or comes before an address (not "From Monday to Friday").
    let from = FROM
        .get_or_init(|| re(r"(?m)^From ([A-Z][a-z'\-]+(?: [A-Z][A-Za-z'\-]+){1,2}) *(?:$|<|,|\()"));
    for c in from.captures_iter(text) {
        let m = c.get(1).expect("group");
        if super::context::latin_name(m.as_str()) {
            claims.claim(m.start(), m.end(), PiiKind::Name);
        }
    }
    // "Hi, Priya here", "Samuel Adeyemi here"; "instead of me (Taro YAMADA)".
    static HERE: OnceLock<Regex> = OnceLock::new();
    let here = HERE.get_or_init(|| {
        re(
            r"(?:^|(?i:\bhi|\bhello|\bhey)[,!、]?\s*|[.!]\s+)([A-Z][A-Za-z'\-]+(?: [A-Z][A-Za-z'\-]+){0,2}) (?:here|speaking)\b|\b(?:me|myself)\s*\(([A-Z][A-Za-z'\-]+(?: [A-Z][A-Za-z'\-]+){1,2})\)",
        )
    });
    for c in p.closing_name.captures_iter(text) {
        let m = c.get(1).expect("group");
        if !m
            .as_str()
            .split(' ')
            .any(|w| STOP.contains(&w.to_lowercase().as_str()))
        {
            claims.claim(m.start(), m.end(), PiiKind::Name);
        }
    }
    // A message or a line that is only a name, the surname in capitals: "Kenji MORITA",
    // "KIMURA Takeshi⏎CEO, Kimura Labs".
    static TITLE: OnceLock<Regex> = OnceLock::new();
    let title = TITLE.get_or_init(|| {
        re(
            r"(?i)\b(?:ceo|coo|cfo|owner|director|manager|president|founder|representative|partner|inc|ltd|llc|co\.|k\.k\.)|代表|株式会社|合同会社|@|\[(?:電話番号|メール)\]|\d{2,4}-\d{2,4}-\d{3,4}",
        )
    });
    let lines: Vec<&str> = text.split('\n').collect();
    let mut at = 0;
    for (i, line) in lines.iter().enumerate() {
        let whole = line.trim_matches(|c: char| c.is_whitespace() || c == '.');
        let s = at + line.find(whole).unwrap_or(0);
        at += line.len() + 1;
        // A signature block: the next line gives a title, a company or a contact.
        let signed = lines.get(i + 1).is_some_and(|next| title.is_match(next));
        let words: Vec<&str> = whole.split(' ').collect();
        // A surname in capitals has a vowel; an acronym often none (NHK, JFC).
        let capitals = words
            .iter()
            .filter(|w| {
                w.len() >= 2
                    && w.chars().all(|c| c.is_ascii_uppercase())
                    && w.contains(['A', 'E', 'I', 'O', 'U', 'Y'])
            })
            .count();
        // One word in capitals and one not ("KIMURA Takeshi"), unless the message is the name.
        let line_name = words.len() == 2 && capitals == 1 && signed;
        let alone = whole.len() + 2 >= text.trim().len();
        if capitals >= 1 && (line_name || alone) && super::context::latin_name(whole) {
            claims.claim(s, s + whole.len(), PiiKind::Name);
        }
    }
    for c in here.captures_iter(text) {
        let m = c.get(1).or(c.get(2)).expect("group");
        if !STOP.contains(&m.as_str().to_lowercase().as_str()) {
            claims.claim(m.start(), m.end(), PiiKind::Name);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::super::super::*;

    fn m(text: &str) -> String {
        mask(text, &NoLexicon).into_string()
    }

    #[test]
    fn english_names_after_labels_and_in_introductions() {
        assert_eq!(m("Addressed to Liam O'Brien."), "Addressed to [氏名].");
        assert_eq!(
            m("Applicant: Sofia Rossi, thanks"),
            "Applicant: [氏名], thanks"
        );
        assert_eq!(m("hey, it's Omar again"), "hey, it's [氏名] again");
        assert_eq!(
            m("Hi, Lena here. One question"),
            "Hi, [氏名] here. One question"
        );
        assert_eq!(m("Name on card: KENJI ARAI"), "Name on card: [氏名]");
        assert_eq!(
            m("カード名義KENJI ARAI、よろしく"),
            "カード名義[氏名]、よろしく"
        );
        assert_eq!(
            m("my colleague Hugo Martin will come"),
            "my colleague [氏名] will come"
        );
        assert_eq!(m("Regards,\nJosé Müller"), "Regards,\n[氏名]");
        assert_eq!(
            m("Thanks! - Nora Weiss, Blue Cafe"),
            "Thanks! - [氏名], Blue Cafe"
        );
        assert_eq!(m("instead of me (ARAI Kenji)"), "instead of me ([氏名])");
        assert_eq!(
            m("Caller: Nadia Petrova / topic: rent"),
            "Caller: [氏名] / topic: rent"
        );
        assert_eq!(m("Name: OKAFOR, Chidi."), "Name: [氏名].");
        assert_eq!(
            m("our lawyer, Tomas Novak, said so"),
            "our lawyer, [氏名], said so"
        );
        assert_eq!(
            m("Please call me back. Marta Silva"),
            "Please call me back. [氏名]"
        );
        assert_eq!(m("See you soon. Thank You"), "See you soon. Thank You");
        assert_eq!(m("Is it OK to apply twice?"), "Is it OK to apply twice?");
        assert_eq!(m("Hi, here is my question"), "Hi, here is my question");
    }

    #[test]
    fn a_line_with_a_surname_in_capitals_is_a_name() {
        assert_eq!(
            m("MORI Kazuya\nDirector, Mori Works"),
            "[氏名]\nDirector, Mori Works"
        );
        assert_eq!(
            m("Our lawyer, SAITO Minato, advised us"),
            "Our lawyer, [氏名], advised us"
        );
        assert_eq!(
            m("From Taro Hirano\nI run a cafe"),
            "From [氏名]\nI run a cafe"
        );
        for text in [
            "IT Subsidy\nIs it open?",
            "NHK World",
            "JFC Loan\nfor startups",
            "SME Support Center",
            "From April 2026 the rules change",
            "From Minato City Office",
            "From Google Maps I found your office",
            "From Monday To Friday",
        ] {
            assert_eq!(m(text), text, "{text}");
        }
    }
}
