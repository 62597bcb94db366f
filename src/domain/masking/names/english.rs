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
            r"(?i)(?:(?:^|\s)[-–—]{1,2}|\b(?:i'm|im|i am|my name is|my name's|this is|name is|name:|regards,?|best regards,|kind regards,|warm regards,|sincerely,|yours truly,|yours sincerely,|yours,|best wishes,|many thanks,|with thanks,|respectfully,|warmly,|thanks,|thank you,|cheers,|best,|from:|contact person:?|contact:|caller:?|landlord[:,]?|tenant[:,]?|attention:?|attn\.?:?|we hired|(?:my|our) employee|mr\.?|ms\.?|mrs\.?|dr\.?|miss|name on (?:the )?card:?|card ?holder:?|account holder:?|holder:?|applicant:?|addressed to|it's|it is|ask for|asking for|ring the bell for|speak (?:to|with)|owner:|manager:|representative:|(?:rep\.|representative) director|director:?|ceo:?|president:?|signed,?|its|sent by|go by|goes by|real name|legal name|name \(as (?:in|on) (?:the )?passport\):?|beneficiary:?|application for:?|(?:my|our) (?:business partner|partner|colleague|co-?founder|accountant|tax accountant|wife|husband|son|daughter|mother|father|brother|sister|friend|manager|employee|lawyer|neighbou?r|landlord|chef|boss|cousin|nephew|niece|uncle|aunt|grandson|granddaughter|kid|child|store manager|part-timer),?(?: is)?))\s+",
        ),
        comma_name: re(r"^[A-Z][A-Z'\-]+, [A-Z][a-z'\-]+"),
        // The last sentence is a name alone: "… no longer works. Aisha Khan".
        closing_name: re(r"[.!?]\s+([A-Z][a-z'\-]+(?: [A-Z][a-z'\-]+){1,2})\.?\s*$"),
        latin_name: re(
            r"^[A-Za-zÀ-ÖØ-öø-ÿ][A-Za-zÀ-ÖØ-öø-ÿ'\-]*(?: [A-Za-zÀ-ÖØ-öø-ÿ][A-Za-zÀ-ÖØ-öø-ÿ'\-]*){0,3}",
        ),
    })
}

/// Words that follow an introduction or a greeting without being a name.
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
    "again",
    "holder",
    "cardholder",
];

/// Whether a word of a candidate name, in any case, is a word that is never a name.
fn has_stop_word(name: &str) -> bool {
    name.split(' ')
        .any(|w| STOP.contains(&w.to_lowercase().as_str()))
}

pub(super) fn english_names(text: &str, claims: &mut Claims) {
    let p = patterns();
    casual_english(text, claims);
    apposition(text, claims);
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
        // "hi its ana from the flower stall": a lower-case name that introduces its writer.
        let introduced = rest
            .split_once(' ')
            .is_some_and(|(_, r)| ["from ", "here", "again"].iter().any(|w| r.starts_with(w)));
        let lower_ok = {
            let c = cue.as_str().to_lowercase();
            c.contains("name")
                || c.contains("regards")
                || c.contains("sincerely")
                || ((c.contains("it") || c.contains("this is")) && introduced)
                || romanised_full_name(rest)
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
            // goto k., Honma T.: an initial after the name is part of it.
            let initial = rest[end..]
                .strip_prefix(' ')
                .filter(|r| {
                    let b = r.as_bytes();
                    b.len() >= 2 && b[0].is_ascii_alphabetic() && b[1] == b'.'
                })
                .map_or(0, |_| 3);
            claims.claim(s, s + end + initial, PiiKind::Name);
        }
    }
    // "Name Daniel O'Brien", "name Chen Xiaoling": a capitalised name after the word.
    static NAME: OnceLock<Regex> = OnceLock::new();
    let name =
        NAME.get_or_init(|| re(r"\b[Nn]ame,?\s+([A-Z][A-Za-z'\-]+(?: [A-Z][A-Za-z'\-]+){1,2})\b"));
    for c in name.captures_iter(text) {
        let m = c.get(1).expect("group");
        if !has_stop_word(m.as_str()) {
            claims.claim(m.start(), m.end(), PiiKind::Name);
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
            r"(?:^|(?i:\bhi|\bhello|\bhey)(?: there)?[,!、]?\s*(?:[-–—]\s*)?)([A-Z][A-Za-z'\-]+(?: [A-Z][A-Za-z'\-]+){0,2}),? (?:here|speaking|again|from)\b|[.!]\s+([A-Z][A-Za-z'\-]+(?: [A-Z][A-Za-z'\-]+){0,2}) (?:here|speaking)\b|\b(?:me|myself)\s*\(([A-Z][A-Za-z'\-]+(?: [A-Z][A-Za-z'\-]+){1,2})\)",
        )
    });
    for c in p.closing_name.captures_iter(text) {
        let m = c.get(1).expect("group");
        if !has_stop_word(m.as_str()) {
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
        let m = c.get(1).or(c.get(2)).or(c.get(3)).expect("group");
        if !m
            .as_str()
            .split(' ')
            .any(|w| STOP.contains(&w.to_lowercase().as_str()) || NOT_AFTER_GREETING.contains(&w))
        {
            claims.claim(m.start(), m.end(), PiiKind::Name);
        }
    }
    signed_last_line(text, claims);
    // The names listed after those found since: "Chris & Yuki".
    casual_english(text, claims);
    initials_beside_names(text, claims);
}

/// Romanised Japanese words that close a message without being a name (yoroshiku onegai).
const ROMAJI_CLOSINGS: &[&str] = &[
    "yoroshiku",
    "onegai",
    "onegaishimasu",
    "shimasu",
    "gozaimasu",
    "arigato",
    "arigatou",
    "domo",
    "doumo",
    "sumimasen",
    "dozo",
    "douzo",
    "mata",
    "ne",
    "bye",
    "see",
    "soon",
    "take",
    "care",
    "no",
    "yes",
    "hai",
    "iie",
    "sore",
    "dewa",
    "jane",
    "ja",
];

/// The last line of a message signs it: "-Yusuke", or a romanised name in lower case
/// ("kenta hosokawa") under a message with more lines before it.
fn signed_last_line(text: &str, claims: &mut Claims) {
    let body = text.trim_end();
    let line_start = body.rfind('\n').map_or(0, |i| i + 1);
    let line = &body[line_start..];
    // "… or just the tax office? -Yusuke": a dash, then one or two capitalised words.
    static DASHED: OnceLock<Regex> = OnceLock::new();
    let dashed =
        DASHED.get_or_init(|| re(r"(?:^|\s)[-–—]{1,2}([A-Z][a-z]{2,}(?: [A-Z][a-z]{2,})?)\.?$"));
    if let Some(c) = dashed.captures(line) {
        let m = c.get(1).expect("group");
        if !has_stop_word(m.as_str()) {
            claims.claim(line_start + m.start(), line_start + m.end(), PiiKind::Name);
        }
    }
    if line_start == 0 {
        return;
    }
    let name = line.trim();
    let words: Vec<&str> = name.split(' ').collect();
    let closing = words
        .iter()
        .any(|w| ROMAJI_CLOSINGS.contains(w) || STOP.contains(w));
    if words.len() == 2 && !closing && romanised_full_name(name) {
        let s = line_start + line.find(name).unwrap_or(0);
        claims.claim(s, s + name.len(), PiiKind::Name);
    }
}

/// An initial belongs to the name it stands beside: "-- T. Honma", "E. Nishimura",
/// "goto k.". A capital and a full stop before a name found, or a letter and a full stop
/// after one, standing apart from other words.
fn initials_beside_names(text: &str, claims: &mut Claims) {
    let names: Vec<usize> = (0..claims.0.len())
        .filter(|&i| claims.0[i].2 == PiiKind::Name)
        .collect();
    for i in names {
        let (s, e, _) = claims.0[i];
        let mut start = s;
        let head = text[..s].strip_suffix(' ').unwrap_or(&text[..s]);
        let b = head.as_bytes();
        if b.len() >= 2
            && b[b.len() - 1] == b'.'
            && b[b.len() - 2].is_ascii_uppercase()
            && (b.len() == 2 || b" \n-(".contains(&b[b.len() - 3]))
        {
            start = head.len() - 2;
        }
        let mut end = e;
        let tail = &text.as_bytes()[e..];
        if tail.len() >= 3
            && tail[0] == b' '
            && tail[1].is_ascii_alphabetic()
            && tail[2] == b'.'
            && tail.get(3).is_none_or(|c| b" \n,(".contains(c))
        {
            end = e + 3;
        }
        let free = |a: usize, b: usize| {
            claims
                .0
                .iter()
                .enumerate()
                .all(|(j, c)| j == i || b <= c.0 || a >= c.1)
        };
        if (start, end) != (s, e) && free(start, end) {
            claims.0[i].0 = start;
            claims.0[i].1 = end;
        }
    }
}

/// Whether `rest` opens with two lower-case words shaped as romanised Japanese (saki shinoda,
/// kenji yoshioka) and closed by punctuation: a name typed without capitals. Hepburn syllables
/// (a consonant or two, a vowel, a final n; doubled consonants) rarely spell English words.
/// Whether a word in lower case is spelled as Hepburn romanises Japanese (tanaka, shota), and
/// is not an English word that happens to be (are, same).
pub(super) fn is_romaji_word(w: &str) -> bool {
    static HEPBURN: OnceLock<Regex> = OnceLock::new();
    let hepburn = HEPBURN
        .get_or_init(|| re(r"^(?:(?:kk|ss|tt|pp|[kgszjtdnhbpmyrw]y?|sh|ch|ts|f)?[aeiou]n?)+$"));
    w.chars().all(|c| c.is_ascii_lowercase())
        && hepburn.is_match(w)
        && !STOP.contains(&w)
        && !ROMAJI_CLOSINGS.contains(&w)
}

fn romanised_full_name(rest: &str) -> bool {
    static HEPBURN: OnceLock<Regex> = OnceLock::new();
    let hepburn = HEPBURN
        .get_or_init(|| re(r"^(?:(?:kk|ss|tt|pp|[kgszjtdnhbpmyrw]y?|sh|ch|ts|f)?[aeiou]n?)+$"));
    let words: Vec<&str> = rest.splitn(3, ' ').collect();
    let [first, second, ..] = words.as_slice() else {
        return false;
    };
    let second_word = second.trim_end_matches([',', '.', '!', '?']);
    let closed = second_word.len() < second.len() || words.len() == 2;
    // kuroda y.: the surname and an initial.
    if second_word.len() == 1 && second.len() == 2 && second.ends_with('.') {
        return first.len() >= 3 && hepburn.is_match(first) && !STOP.contains(first);
    }
    [*first, second_word].iter().all(|w| {
        w.len() >= 3
            && w.chars().all(|c| c.is_ascii_lowercase())
            && hepburn.is_match(w)
            && !STOP.contains(w)
    }) && closed
}

/// "A Nepali client, Bikash Tamang, wants…", "Secretary, Yuna Park", "our CFO, Anders
/// Lindqvist": a full name set beside the role of its person, and a second one joined by "and".
fn apposition(text: &str, claims: &mut Claims) {
    static P: OnceLock<Regex> = OnceLock::new();
    let role = P.get_or_init(|| {
        re(
            r"(?i)\b(?:client|customer|secretary|assistant|cfo|ceo|coo|cto|director|manager|owner|founder|co-founder|employee|employees|staff|guarantor|landlord|tenant|consultant|advisor|adviser|accountant|translator|interpreter|representative|applicant|chef|partner|colleague|wife|husband|son|daughter|mother|father|brother|sister|friend|supplier|contractor|intern|hire|photographer|designer|engineer|lawyer),? ",
        )
    });
    let name_at = |at: usize| -> Option<usize> {
        let rest = &text[at..];
        let run_end = rest
            .find(|c: char| !(c.is_alphabetic() || c == ' ' || c == '-' || c == '\''))
            .unwrap_or(rest.len());
        // The longest run of two or three words that reads as a name.
        let words: Vec<&str> = rest[..run_end].split(' ').collect();
        (2..=3.min(words.len())).rev().find_map(|n| {
            let cand = words[..n].join(" ");
            let end = at + cand.len();
            (super::context::latin_name(&cand) && !has_stop_word(&cand) && closed(&text[end..]))
                .then_some(end)
        })
    };
    for m in role.find_iter(text) {
        let Some(end) = name_at(m.end()) else {
            continue;
        };
        claims.claim(m.end(), end, PiiKind::Name);
        // "Dipesh Karki and Srijana Magar".
        if let Some(next) = text[end..].strip_prefix(" and ") {
            let at = text.len() - next.len();
            if let Some(e) = name_at(at) {
                claims.claim(at, e, PiiKind::Name);
            }
        }
    }
}

/// Whether what follows a name in apposition closes it: punctuation, the end, "and" or a verb
/// the person does ("Tax Return season" goes on as a noun phrase and is not a name).
fn closed(after: &str) -> bool {
    const VERBS: &[&str] = &[
        "and", "is", "was", "has", "had", "will", "wants", "wanted", "ran", "runs", "said",
        "asked", "called", "came", "can", "cannot", "does", "did", "needs", "owns", "works",
    ];
    match after.chars().next() {
        None => true,
        Some(c) if ",.;:!?()\n".contains(c) => true,
        Some(' ') => {
            let next = after[1..].split([' ', ',', '.']).next().unwrap_or("");
            next.starts_with('(') || VERBS.contains(&next)
        }
        _ => false,
    }
}

/// Names as English messages write them without an introduction: after a greeting (Hi Kenta,
/// Thanks Keiko), signed with one word (… Thanks. Lily), with an initial (H. Tanaka), the
/// surname in capitals (Hiroshi TANAKA), before "(me)" or "and I", and the names listed
/// after one found (Chris & Yuki, Sato Yui, Sato Yuki, and Sato Kaito).
fn casual_english(text: &str, claims: &mut Claims) {
    static P: OnceLock<[Regex; 7]> = OnceLock::new();
    let [greeting, closing, initial, capitals, me, listed, opening] = P.get_or_init(|| {
        [
            re(
                r"(?:^|[\s(])(?:Hi|Hello|Hey|Dear|Thanks|Thank you|Thx|Bye)[ ,]+([A-Z][a-z'\-]+(?: [A-Z][a-z'\-]+)?)(?:[,!.:]|\s*$)",
            ),
            re(r"[.!?]\s+([A-Z][a-z]{2,})[.!]?\s*$"),
            re(r"(?:^|[\s(])([A-Z]\. ?[A-Z][a-z]{2,})\b"),
            re(r"\b[A-Z][a-z]+ [A-Z]{3,}\b"),
            re(
                r"\b([A-Z][a-z'\-]+(?: [A-Z][a-z'\-]+)?) (?:\((?:me|myself|my [a-z]+)\)|and I\b)|\b(?:I|me|myself) ?\(([A-Z][A-Za-z'\-]+(?: [A-Z][A-Za-z'\-]+){0,2})[,)]",
            ),
            re(r"^(?:,? and|,| &| and|, &) ([A-Z][a-z'\-]+(?: [A-Z][a-z'\-]+)?)\b"),
            // "Mohammed Al-Sayed, halal food truck.": a message headed by a full name.
            re(r"^([A-Z][a-z'\-]+(?: [A-Z][A-Za-z'\-]+){1,2}),"),
        ]
    });
    let not_stop = |m: &str| {
        !m.split(' ')
            .any(|w| STOP.contains(&w.to_lowercase().as_str()) || NOT_AFTER_GREETING.contains(&w))
    };
    for re_ in [greeting, closing, initial, me, opening] {
        for c in re_.captures_iter(text) {
            let m = c.get(1).or(c.get(2)).expect("group");
            // "… after applying? Roughly.": an adverb, not a signature.
            let adverb = m.as_str().ends_with("ly");
            if not_stop(m.as_str()) && !adverb {
                claims.claim(m.start(), m.end(), PiiKind::Name);
            }
        }
    }
    for m in capitals.find_iter(text) {
        let vowel = m
            .as_str()
            .split(' ')
            .filter(|w| w.chars().all(|c| c.is_ascii_uppercase()))
            .all(|w| w.contains(['A', 'E', 'I', 'O', 'U']));
        if vowel && not_stop(m.as_str()) {
            claims.claim(m.start(), m.end(), PiiKind::Name);
        }
    }
    // The names listed after one found: "Chris & Yuki", "Sato Yui, Sato Yuki, and Sato Kaito".
    loop {
        let ends: Vec<usize> = claims
            .0
            .iter()
            .filter(|c| c.2 == PiiKind::Name && text[c.0..c.1].is_ascii())
            .map(|c| c.1)
            .collect();
        let mut more = false;
        for e in ends {
            if let Some(c) = listed.captures(&text[e..]) {
                let m = c.get(1).expect("group");
                if not_stop(m.as_str()) {
                    more |= claims.claim(e + m.start(), e + m.end(), PiiKind::Name);
                }
            }
        }
        if !more {
            break;
        }
    }
}

/// Capitalised words after a greeting or in a heading that are no one's name.
const NOT_AFTER_GREETING: &[&str] = &[
    // What a business calls itself (Mori Coffee here, Blue Port Kitchen): no one's name.
    "Kitchen",
    "Coffee",
    "Cafe",
    "Café",
    "Bakery",
    "Shop",
    "Store",
    "Salon",
    "Studio",
    "Foods",
    "Food",
    "Bar",
    "Restaurant",
    "Trading",
    "Design",
    "Planning",
    "Works",
    "Clinic",
    "Farm",
    "Market",
    "Hotel",
    "Bistro",
    "Deli",
    "Florist",
    "Services",
    "Consulting",
    "There",
    "All",
    "Everyone",
    "Team",
    "Support",
    "Navi",
    "Sir",
    "Madam",
    "Again",
    "Much",
    "So",
    "Yes",
    "No",
    "Please",
    "Bye",
    "Cheers",
    "Regards",
    "Best",
    "Sincerely",
    "Subject",
    "Minato",
    "Tokyo",
    "Japan",
    "City",
    "Ward",
    "Office",
    "Hall",
    "OK",
    "Okay",
    "Hours",
    "Monday",
    "Tuesday",
    "Wednesday",
    "Thursday",
    "Friday",
    "Saturday",
    "Sunday",
    "English",
    "Japanese",
    "Chinese",
    "Korean",
    "Startup",
    "Subsidy",
    "Loan",
    "Center",
    "Centre",
    "Desk",
    "IT",
    "BCP",
    "SME",
    "JFC",
    "NHK",
    "LLC",
    "KK",
    "Inc",
    "Ltd",
    "Co",
    "Corp",
    "Mr",
    "Ms",
    "Mrs",
    "Dr",
    "The",
    "This",
    "That",
    "Is",
    "Are",
    "Can",
    "Do",
    "Does",
    "What",
    "When",
    "Where",
    "Which",
    "Who",
    "Why",
    "How",
    "PDF",
    "URL",
    "FAQ",
    "ID",
    "DOB",
    "TEL",
    "FAX",
    "API",
    "Anyone",
    "Someone",
    "People",
    "Greetings",
    "Applications",
    "Business",
    "Hi",
    "Hello",
];

#[cfg(test)]
mod tests {
    use crate::domain::masking::test_dict::m;

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

    #[test]
    fn closings_a_dash_and_a_romanised_name_in_lower_case_sign_a_message() {
        assert_eq!(
            m("Thanks for checking.\nYours,\nJana Novak"),
            "Thanks for checking.\nYours,\n[氏名]"
        );
        assert_eq!(
            m("Do I need the receipt too? -Haruki"),
            "Do I need the receipt too? -[氏名]"
        );
        assert_eq!(
            m("I will send the form tomorrow.\nnaoki tsuchiya"),
            "I will send the form tomorrow.\n[氏名]"
        );
        assert_eq!(
            m("this is kaede from the noodle stand"),
            "this is [氏名] from the noodle stand"
        );
        for text in [
            "Thanks for the help.\nsee you",
            "Got it, thank you.\nyoroshiku onegaishimasu",
            "Is the office open on Saturday? -Thanks",
            "this is urgent, please reply",
            "Many thanks, the team",
        ] {
            assert_eq!(m(text), text, "{text}");
        }
    }
}
