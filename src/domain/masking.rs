//! Masks personal data in free text before anything is written to the inquiry log, and says
//! what kind each masked item was: `[氏名]`, `[住所]`, `[生年月日]`, `[口座]`, `[電話番号]`,
//! `[メール]`, `[番号]` (licence, passport, My Number) and `[カード]`.
//!
//! Patterns find what has a shape (numbers in any width and with any dash, addresses, dates next
//! to a birth cue, e-mails, also written out in words). Names have no shape: they are found by
//! context (self-introductions, honorifics, roles, labelled fields, signatures) together with
//! what a dictionary says about the words. The dictionary comes in through the [`Lexicon`]
//! trait, so this module stays free of lindera (the analyzer in `text` implements it); without
//! one ([`NoLexicon`]) only names in strong contexts (と申します, 氏名:) are found.
//!
//! What must never be masked: amounts, counts, round dates, scheme and office names, 法人番号
//! (public by law) and a ward or district named alone.

use std::sync::OnceLock;

use regex::Regex;
use unicode_normalization::UnicodeNormalization;

/// The kinds of personal data the masker finds.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum PiiKind {
    Name,
    Address,
    Birthdate,
    Account,
    Phone,
    Email,
    /// Driver's licence, passport, My Number and other personal numbers.
    IdNumber,
    Card,
}

impl PiiKind {
    pub const ALL: [PiiKind; 8] = [
        PiiKind::Name,
        PiiKind::Address,
        PiiKind::Birthdate,
        PiiKind::Account,
        PiiKind::Phone,
        PiiKind::Email,
        PiiKind::IdNumber,
        PiiKind::Card,
    ];

    /// What staff read in place of the item.
    pub fn placeholder(self) -> &'static str {
        match self {
            PiiKind::Name => "[氏名]",
            PiiKind::Address => "[住所]",
            PiiKind::Birthdate => "[生年月日]",
            PiiKind::Account => "[口座]",
            PiiKind::Phone => "[電話番号]",
            PiiKind::Email => "[メール]",
            PiiKind::IdNumber => "[番号]",
            PiiKind::Card => "[カード]",
        }
    }

    /// Stable code (evaluation files, reports).
    pub fn code(self) -> &'static str {
        match self {
            PiiKind::Name => "name",
            PiiKind::Address => "address",
            PiiKind::Birthdate => "birthdate",
            PiiKind::Account => "account",
            PiiKind::Phone => "phone",
            PiiKind::Email => "email",
            PiiKind::IdNumber => "id_number",
            PiiKind::Card => "card",
        }
    }

    pub fn from_code(code: &str) -> Option<PiiKind> {
        PiiKind::ALL.into_iter().find(|k| k.code() == code)
    }
}

/// What the dictionary says about a word, as far as masking cares.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum WordClass {
    /// 名詞,固有名詞,人名,姓
    Surname,
    /// 名詞,固有名詞,人名,名
    GivenName,
    /// 名詞,固有名詞,人名,一般
    PersonName,
    /// 名詞,固有名詞,地域
    Place,
    /// Other proper nouns (organisations, products).
    ProperNoun,
    /// A word the dictionary does not know (often a name in katakana or Latin letters).
    Unknown,
    /// A known common noun (オーナー, 税理士, 補助金).
    CommonNoun,
    /// Anything else (particles, verbs, suffixes, symbols).
    Other,
}

/// One word of a text: its byte span and class.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Word {
    pub start: usize,
    pub end: usize,
    pub class: WordClass,
}

/// What the service knows about a text: a dictionary view of its words, and which addresses
/// are public (the ward's own offices, published in the corpus). The words must come in order
/// and their spans must lie on character boundaries of the text given; gaps are allowed.
pub trait Lexicon: Send + Sync {
    fn words(&self, text: &str) -> Vec<Word>;

    /// Whether an address, by its [`address_key`], is a published office address.
    fn is_public_address(&self, _key: &str) -> bool {
        false
    }
}

/// The block number of an address (港区芝5-36-4 札の辻スクエア → 5-36-4): how a published
/// office address is recognised however the rest of it is written.
pub fn address_key(address: &str) -> String {
    static KEY: OnceLock<Regex> = OnceLock::new();
    let key = KEY.get_or_init(|| re(r"\d+(?: ?[-の] ?\d+)*"));
    key.find(&prepare(address))
        .map(|m| m.as_str().replace(' ', ""))
        .unwrap_or_default()
}

/// The keys of the addresses found in published texts (scheme contacts, FAQ answers, desks).
pub fn public_address_keys<'a>(
    texts: impl IntoIterator<Item = &'a str>,
) -> std::collections::HashSet<String> {
    let mut keys = std::collections::HashSet::new();
    for text in texts {
        let prepared = prepare(text);
        // Names are claimed after addresses and cannot take their place: no need to look.
        let claims = claims_before_names(&prepared, &[], &NoLexicon);
        for (s, e, kind) in claims.0 {
            if kind == PiiKind::Address {
                keys.insert(address_key(&prepared[s..e]));
            }
        }
    }
    keys.remove("");
    keys
}

/// No dictionary: names are found only in strong contexts.
#[derive(Debug, Clone, Copy, Default)]
pub struct NoLexicon;

impl Lexicon for NoLexicon {
    fn words(&self, _text: &str) -> Vec<Word> {
        Vec::new()
    }
}

/// Text that has been through the masker. Only [`mask`] makes one from raw text, so a record
/// that holds a `Masked` cannot hold unmasked personal data by mistake.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Masked(String);

impl Masked {
    /// Text read back from the store, where it was masked when written.
    pub fn from_stored(text: String) -> Masked {
        Masked(text)
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }

    pub fn into_string(self) -> String {
        self.0
    }

    pub fn is_blank(&self) -> bool {
        self.0.trim().is_empty()
    }
}

impl std::fmt::Display for Masked {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.0)
    }
}

/// Masks personal data; the text around it stays readable for staff. The text comes back NFKC
/// normalised (full-width digits and letters folded) with dashes between digits unified.
/// Masking runs until nothing changes, because masking one thing can expose another, and a
/// second look must not find more than the first.
pub fn mask(text: &str, lexicon: &dyn Lexicon) -> Masked {
    mask_counting(text, lexicon).0
}

/// Masks text read back from the store, or returns None when there is nothing to mask, so
/// that re-masking leaves a row alone rather than rewrite it only to fold its width.
pub fn remask(text: &str, lexicon: &dyn Lexicon) -> Option<Masked> {
    let (masked, found) = mask_counting(text, lexicon);
    (found > 0).then_some(masked)
}

fn mask_counting(text: &str, lexicon: &dyn Lexicon) -> (Masked, usize) {
    let (mut current, mut found) = mask_once(&prepare(text), lexicon);
    for _ in 0..4 {
        let (next, more) = mask_once(&current, lexicon);
        if more == 0 {
            break;
        }
        found += more;
        current = next;
    }
    (Masked(current), found)
}

/// The items found in a text, as (byte span in the prepared text, kind); for tests and
/// evaluation reports.
pub fn find(text: &str, lexicon: &dyn Lexicon) -> (String, Vec<(usize, usize, PiiKind)>) {
    let prepared = prepare(text);
    let spans = detect(&prepared, lexicon);
    (prepared, spans)
}

/// One pass: the text with what was found replaced, and how many items that was.
fn mask_once(text: &str, lexicon: &dyn Lexicon) -> (String, usize) {
    let spans = detect(text, lexicon);
    let mut out = String::with_capacity(text.len());
    let mut at = 0;
    for &(start, end, kind) in &spans {
        out.push_str(&text[at..start]);
        out.push_str(kind.placeholder());
        at = end;
    }
    out.push_str(&text[at..]);
    (out, spans.len())
}

/// NFKC (full-width digits, letters, @ and brackets to ASCII), then every dash-like character
/// between two digits (‐ ‑ ‒ – — ― − ー ｰ, also with spaces around) becomes '-', so that one
/// set of patterns sees every way a number is typed.
fn prepare(text: &str) -> String {
    let chars: Vec<char> = text
        .chars()
        .filter(|c| c.is_whitespace() || !c.is_control())
        .nfkc()
        .map(|c| {
            if c.is_whitespace() && c != '\n' {
                ' '
            } else {
                c
            }
        })
        .collect();
    let mut out = String::with_capacity(text.len());
    for (i, &c) in chars.iter().enumerate() {
        let dash = matches!(
            c,
            '\u{2010}'..='\u{2015}' | '\u{2212}' | 'ー' | '\u{FE58}' | '\u{FE63}' | '\u{2043}'
        );
        if dash {
            let before = chars[..i].iter().rev().find(|c| **c != ' ');
            let after = chars[i + 1..].iter().find(|c| **c != ' ');
            if before.is_some_and(char::is_ascii_digit) && after.is_some_and(char::is_ascii_digit) {
                out.push('-');
                continue;
            }
        }
        out.push(c);
    }
    out
}

/// Spans accepted so far; a later detector may only claim text no earlier one claimed.
#[derive(Default)]
struct Claims(Vec<(usize, usize, PiiKind)>);

impl Claims {
    fn free(&self, start: usize, end: usize) -> bool {
        start < end && self.0.iter().all(|&(s, e, _)| end <= s || start >= e)
    }

    /// Two parts of one name claimed apart (山田 / 太郎) become one span, one placeholder.
    fn merge_adjacent_names(&mut self, text: &str) {
        self.0.sort_by_key(|c| c.0);
        let mut out: Vec<(usize, usize, PiiKind)> = Vec::with_capacity(self.0.len());
        for c in self.0.drain(..) {
            if let Some(last) = out.last_mut()
                && last.2 == PiiKind::Name
                && c.2 == PiiKind::Name
                && matches!(&text[last.1..c.0], "" | " ")
            {
                last.1 = c.1;
                continue;
            }
            out.push(c);
        }
        self.0 = out;
    }

    fn claim(&mut self, start: usize, end: usize, kind: PiiKind) -> bool {
        if self.free(start, end) {
            self.0.push((start, end, kind));
            true
        } else {
            false
        }
    }
}

fn detect(text: &str, lexicon: &dyn Lexicon) -> Vec<(usize, usize, PiiKind)> {
    let words = lexicon.words(text);
    let mut claims = claims_before_names(text, &words, lexicon);
    names(text, &words, &mut claims);
    let mut spans = claims.0;
    spans.sort_by_key(|s| s.0);
    spans
}

/// What `detect` claims before it looks for names, in the same order.
fn claims_before_names(text: &str, words: &[Word], lexicon: &dyn Lexicon) -> Claims {
    let mut claims = Claims::default();
    emails(text, &mut claims);
    cued_numbers(text, &mut claims);
    birthdates(text, &mut claims);
    numbers(text, &mut claims);
    addresses(text, words, lexicon, &mut claims);
    claims
}

fn re(pattern: &str) -> Regex {
    Regex::new(pattern).expect("valid masking regex")
}

struct Patterns {
    email: Regex,
    email_words: Regex,
    email_marked: Regex,
    domain_end: Regex,
    digits: Regex,
    account_cue: Regex,
    id_cue: Regex,
    card_cue: Regex,
    cued_value: Regex,
    date: Regex,
    birth_cue: Regex,
    birth_after: Regex,
    month_day: Regex,
    chome: Regex,
    banchi: Regex,
    dash_run: Regex,
    postal: Regex,
    room: Regex,
    building_tail: Regex,
    address_cue: Regex,
    english_intro: Regex,
    latin_name: Regex,
}

fn patterns() -> &'static Patterns {
    static P: OnceLock<Patterns> = OnceLock::new();
    P.get_or_init(|| Patterns {
        email: re(r"[A-Za-z0-9._%+\-]+ ?@ ?[A-Za-z0-9\-]+(?:\.[A-Za-z0-9\-]+)*\.[A-Za-z]{2,}"),
        // taro.yamada at example dot co dot jp / taro アットマーク example ドット jp
        email_words: re(
            r"(?i)[a-z0-9._%+\-]+(?: ?(?:\(dot\)|\[dot\]|\bdot\b|ドット) ?[a-z0-9_%+\-]+)* ?(?:\(at\)|\[at\]|<at>|\(a\)|\[@\]|\bat\b|アットマーク|あっとまーく|アット|@|★|☆) ?[a-z0-9\-]+(?: ?(?:\(dot\)|\[dot\]|<dot>|\bdot\b|ドット|どっと|\.) ?[a-z0-9\-]+)+",
        ),
        // おかもと アットマーク minato-cafe.jp, tanaka(at)example.com: the at is unmistakable.
        email_marked: re(
            r"(?i)[a-z0-9._%+\-ぁ-ゖ]+ ?(?:\(at\)|\[at\]|<at>|\[@\]|アットマーク|あっとまーく|あっと|アット) ?[a-z0-9\-]+(?: ?(?:\(dot\)|\[dot\]|<dot>|\bdot\b|ドット|どっと|\.) ?[a-z0-9\-]+)+",
        ),
        domain_end: re(
            r"[a-z0-9\-]\.(?:com|jp|net|org|info|biz|io|co|ne|or|ac|go|me|us|uk)$",
        ),
        // Digit groups joined by one separator (space, dash, dot, brackets); +81 in front.
        digits: re(
            r"(?:\+ ?81 ?(?:\(0\))? ?-? ?)?(?:\(\d{1,5}\) ?-? ?)?\d+(?:(?: ?[\-.] ?|の| |\) ?| ?\()\d+)*\)?",
        ),
        account_cue: re(
            r"(?i)口座番号|口座|普通預金|当座預金|普通|当座|\(普\)|\(当\)|貯蓄預金|総合口座|店番号?|支店番号|支店コード|振込先|振り込み先|ゆうちょ|記号|bank account|\baccount(?: number| no\.?)?\b|\bbranch\b,?|acct\.?|a/c",
        ),
        id_cue: re(
            r"(?i)運転免許証?(?:番号)?|免許証?(?:番号)?|パスポート(?:番号)?|旅券(?:番号)?|マイナンバー(?:カード)?|個人番号|被保険者番号|保険証(?:番号)?|基礎年金番号|年金番号|在留カード(?:番号)?|住民票コード|passport(?: number| no\.?)?|driver'?s? licen[cs]e(?: number| no\.?)?|licen[cs]e (?:number|no\.?)|my ?number|residence card(?: number)?|social security number|ssn",
        ),
        card_cue: re(r"(?i)カード番号|クレジット|カード|card|visa|master|amex"),
        // A number after a cue: optional letters (passport TK1234567), digits with separators.
        cued_value: re(r"[A-Za-z]{0,3} ?-? ?\d(?:[ \-]?\d)*[A-Za-z]?"),
        date: re(concat!(
            r"(?i)(?:(?:19|20)\d{2}|(?:明治|大正|昭和|平成|令和|[MTSHR]\.?) ?(?:\d{1,2}|元)) ?年(?: ?\d{1,2} ?月(?: ?\d{1,2} ?日)?)?",
            r"|[MTSHR]\.? ?\d{1,2}[./\-]\d{1,2}[./\-]\d{1,2}",
            r"|(?:19|20)\d{2}[/\-.]\d{1,2}[/\-.]\d{1,2}",
            r"|\d{1,2}[/\-.]\d{1,2}[/\-.](?:19|20)\d{2}",
            r"|(?:19|20)\d{2}(?:0[1-9]|1[0-2])(?:0[1-9]|[12]\d|3[01])",
            r"|\b(?:jan|feb|mar|apr|may|jun|jul|aug|sep|sept|oct|nov|dec)[a-z]*\.? \d{1,2}(?:st|nd|rd|th)?,? (?:19|20)\d{2}\b",
            r"|\b\d{1,2}(?:st|nd|rd|th)? (?:of )?(?:jan|feb|mar|apr|may|jun|jul|aug|sep|sept|oct|nov|dec)[a-z]*\.?,? (?:19|20)\d{2}\b",
        )),
        birth_cue: re(
            r"(?i)生年月日|生まれ|生れ|うまれ|誕生|生年|\bdob\b|d\.o\.b|date of birth|birth|born",
        ),
        // Right after a date: 「1985年4月12日生」「S60.4.12生」.
        birth_after: re(r"(?i)^ ?(?:生|うまれ|誕生|born|b\.)"),
        // Month and day without a year (誕生日は4月12日).
        month_day: re(
            r"(?i)\d{1,2} ?月 ?\d{1,2} ?日|\d{1,2}/\d{1,2}|(?:jan|feb|mar|apr|may|jun|jul|aug|sep|sept|oct|nov|dec)[a-z]*\.? \d{1,2}(?:st|nd|rd|th)?|\d{1,2}(?:st|nd|rd|th)? (?:of )?(?:jan|feb|mar|apr|may|jun|jul|aug|sep|sept|oct|nov|dec)[a-z]*",
        ),
        chome: re(
            r"(?:\d{1,2}|[一二三四五六七八九十]{1,3}) ?丁目(?: ?\d{1,4} ?番地?(?: ?の? ?\d{1,4} ?号?)?| ?\d{1,4}(?: ?- ?\d{1,4}){0,2}| ?[一二三四五六七八九十]{1,3}番(?:[一二三四五六七八九十]{1,3}号)?)?",
        ),
        banchi: re(r"\d{1,5} ?番地(?: ?の? ?\d{1,4})?(?: ?\d{1,4} ?号)?|\d{1,4} ?番 ?\d{1,4} ?号"),
        dash_run: re(r"\d{1,4}(?: ?- ?\d{1,4}){1,3}|\d{1,4}(?:の\d{1,4}){1,2}"),
        postal: re(r"〒 ?\d{3}-?\d{4}|\d{3}-\d{4}"),
        room: re(
            r"(?i)\d{1,4} ?号室|#\s?\d{1,4}|\b(?:room|apt\.?|apartment|unit|suite) ?#?\d{1,4}[a-z]?\b",
        ),
        // After an address: a building name and a floor or room ("赤坂ビル5F", " ミナトハイツ203").
        building_tail: re(
            r"^(?: ?[ァ-ヶー一-龯々A-Za-z・]{1,20}?)? ?(?:\d{1,4} ?(?:階|F|f|号室|号)?|[A-Za-z]?\d{1,4})",
        ),
        address_cue: re(r"(?i)住所|所在地|在住|住んで|自宅|\baddress\b|\blive at\b|\blive in\b"),
        english_intro: re(
            r"(?i)(?:(?:^|\s)[-–—]|\b(?:i'm|i am|my name is|my name's|this is|name is|name:|regards,|best regards,|kind regards,|warm regards,|sincerely,|yours truly,|thanks,|thank you,|cheers,|best,|from:|contact person:?|contact:|mr\.?|ms\.?|mrs\.?|dr\.?|miss|name on (?:the )?card:?|card ?holder:?|account holder:?|holder:?|applicant:?|addressed to|it's|it is|(?:my|our) (?:business partner|partner|colleague|co-?founder|accountant|tax accountant|wife|husband|son|daughter|mother|father|brother|sister|friend|manager|employee|lawyer)))\s+",
        ),
        latin_name: re(
            r"^[A-Za-zÀ-ÖØ-öø-ÿ][A-Za-zÀ-ÖØ-öø-ÿ'\-]*(?: [A-Za-zÀ-ÖØ-öø-ÿ][A-Za-zÀ-ÖØ-öø-ÿ'\-]*){0,2}",
        ),
    })
}

fn emails(text: &str, claims: &mut Claims) {
    let p = patterns();
    for m in p.email.find_iter(text) {
        claims.claim(m.start(), m.end(), PiiKind::Email);
    }
    for m in p.email_marked.find_iter(text) {
        claims.claim(m.start(), m.end(), PiiKind::Email);
    }
    for m in p.email_words.find_iter(text) {
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
        }
    }
}

/// Numbers right after a cue: bank accounts (口座, 普通 1234567), personal numbers (免許証,
/// パスポート, マイナンバー) and card numbers.
fn cued_numbers(text: &str, claims: &mut Claims) {
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
                let (start, end) = trim_span(text, start, end);
                let after = text[end..].chars().next();
                if digits < min_digits || after.is_some_and(is_unit) {
                    continue;
                }
                // 店番 123 is a branch (3 digits); an account number has at least 4.
                if kind == PiiKind::Account && digits < 4 && !c.as_str().starts_with('店') {
                    continue;
                }
                claims.claim(start, end, kind);
            }
        }
    }
}

/// Phone numbers, My Number-length and card-length numbers with no cue.
fn numbers(text: &str, claims: &mut Claims) {
    for m in patterns().digits.find_iter(text) {
        let (start, end) = trim_span(text, m.start(), m.end());
        let run = &text[start..end];
        // Part of a longer token (a decimal, a version, an id with letters): not a number alone.
        if text[..start]
            .chars()
            .next_back()
            .is_some_and(|c| c.is_ascii_digit() || c == '.' || c == ',')
            || text[end..]
                .chars()
                .next()
                .is_some_and(|c| c.is_ascii_digit() || c == ',')
        {
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
        if let Some(kind) = kind {
            claims.claim(start, end, kind);
        }
    }
}

/// Dates with a birth cue near: before within 24 characters or right after.
fn birthdates(text: &str, claims: &mut Claims) {
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
        let before = &text[char_back(text, start, 24)..start];
        let cue_before = p.birth_cue.is_match(before);
        let cue_after = p.birth_after.is_match(after)
            || p.birth_cue
                .find(after)
                .is_some_and(|c| after[..c.start()].chars().count() <= 3);
        let year_only = !m.as_str().contains('月')
            && m.as_str().contains('年')
            && !m.as_str().contains(['/', '-', '.']);
        if cue_after || (cue_before && !year_only) {
            // A year alone with a cue before it ("born in 1985") is masked as well.
            claims.claim(start, end, PiiKind::Birthdate);
        } else if year_only && cue_before && before.trim_end().ends_with(['は', ':', ' ']) {
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

/// Street-level addresses: 丁目・番地・号, digit runs after a town name, rooms and buildings.
fn addresses(text: &str, words: &[Word], lexicon: &dyn Lexicon, claims: &mut Claims) {
    let p = patterns();
    let mut found: Vec<(usize, usize)> = Vec::new();
    for m in p.postal.find_iter(text) {
        let (s, e) = (m.start(), m.end());
        if text[e..]
            .chars()
            .next()
            .is_some_and(|c| c.is_ascii_digit() || c == '-')
            || text[..s]
                .chars()
                .next_back()
                .is_some_and(|c| c.is_ascii_digit() || c == '-')
        {
            continue;
        }
        found.push((s, e));
    }
    for m in p.chome.find_iter(text).chain(p.banchi.find_iter(text)) {
        found.push((m.start(), m.end()));
    }
    for m in p.dash_run.find_iter(text) {
        let (s, e) = (m.start(), m.end());
        let prev = text[..s].chars().next_back();
        let next = text[e..].chars().next();
        if prev.is_some_and(|c| c.is_ascii_alphanumeric() || c == '-' || c == '.' || c == '/')
            || next.is_some_and(|c| c.is_ascii_alphanumeric() || c == '.' || is_unit(c))
        {
            continue;
        }
        let groups: Vec<&str> = m.as_str().split(['-', 'の']).map(str::trim).collect();
        // 2026-11-30 is a date, not a block number.
        if groups[0].len() == 4 {
            continue;
        }
        let before = text[..s].trim_end_matches(' ');
        let last = before.chars().next_back();
        let place_word = words
            .iter()
            .any(|w| w.end == before.len() && matches!(w.class, WordClass::Place));
        let town_suffix = ["区", "市", "町", "村", "丁目", "通り", "番地"]
            .iter()
            .any(|w| before.ends_with(w));
        let cue = p.address_cue.is_match(&text[char_back(text, s, 30)..s]);
        let cjk_before = last.is_some_and(|c| is_kanji(c) || is_katakana(c));
        let english_after = {
            let rest = &text[e..char_offset(text, e, 40)];
            rest.starts_with(' ')
                && rest[1..].starts_with(|c: char| c.is_ascii_uppercase())
                && (rest.contains("-ku") || rest.contains("Minato") || rest.contains("Tokyo"))
        };
        let ok = place_word
            || town_suffix
            || english_after
            || (cue && (cjk_before || groups.len() >= 3))
            || (cjk_before && groups.len() >= 3 && !before.ends_with('第'))
            || (last.is_some_and(|c| c.is_ascii_alphabetic()) && groups.len() >= 3);
        if ok {
            found.push((s, e));
        }
    }
    for m in p.room.find_iter(text) {
        found.push((m.start(), m.end()));
    }
    found.sort();
    for (s, mut e) in found {
        // The building and room after an address belong to it.
        if let Some(t) = p.building_tail.find(&text[e..]) {
            let tail_end = e + t.end();
            let next = text[tail_end..].chars().next();
            let tail = t.as_str();
            let has_building = tail
                .chars()
                .any(|c| is_kanji(c) || is_katakana(c) || c.is_ascii_alphabetic());
            if claims.free(e, tail_end)
                && !next.is_some_and(|c| c.is_ascii_digit() || is_unit(c))
                && (has_building || tail.trim_start().starts_with(|c: char| c.is_ascii_digit()))
                && !tail.contains(['年', '月', '日', '円', '人'])
                && tail.chars().any(|c| c.is_ascii_digit())
            {
                e = tail_end;
            }
        }
        let (s, e) = trim_span(text, s, e);
        if lexicon.is_public_address(&address_key(&text[s..e])) {
            continue;
        }
        claims.claim(s, e, PiiKind::Address);
    }
}

/// Honorifics and roles that follow a name (山田さん, 田中社長).
const AFTER_NAME: &[&str] = &[
    "さん",
    "様",
    "さま",
    "殿",
    "先生",
    "氏",
    "くん",
    "君",
    "ちゃん",
    "社長",
    "部長",
    "課長",
    "係長",
    "店長",
    "会長",
    "院長",
    "所長",
    "代表",
    "専務",
    "常務",
    "理事長",
    "税理士",
    "弁護士",
];

/// Words that take an honorific without being anyone's name (お客様, 大家さん, 皆様).
const NOT_NAMES: &[&str] = &[
    "客",
    "お客",
    "皆",
    "みな",
    "大家",
    "家主",
    "社員",
    "職員",
    "担当",
    "担当者",
    "先生",
    "業者",
    "相手",
    "取引先",
    "利用者",
    "奥",
    "息子",
    "娘",
    "子供",
    "家族",
    "従業員",
    "店長",
    "社長",
    "区長",
    "知事",
    "講師",
    "専門家",
    "相談員",
    "税理士",
    "社労士",
    "弁護士",
    "会計士",
    "行政書士",
    "司法書士",
    "中小企業診断士",
    "診断士",
    "窓口",
    "事務局",
    "センター",
    "オーナー",
    "スタッフ",
    "パート",
    "アルバイト",
    "ユーザー",
    "お父",
    "お母",
    "父",
    "母",
    "兄",
    "姉",
    "弟",
    "妹",
    "親",
    "夫",
    "妻",
    "主人",
    "奥様",
    "お医者",
    "医者",
    "患者",
    "生徒",
    "学生",
    "農家",
    "神",
    "仏",
    "方",
    "各位",
    "御中",
    "関係者",
    "代表者",
    "責任者",
    "申請者",
    "事業者",
    "経営者",
    "創業者",
];

/// Roles in front of a name (代表の山田, 担当:佐藤).
const ROLE_BEFORE: &[&str] = &[
    "代表取締役社長",
    "代表取締役",
    "代表者",
    "代表",
    "担当者",
    "担当",
    "社長",
    "店主",
    "院長",
    "理事長",
    "所長",
    "オーナー",
    "責任者",
    "経営者",
    "事業主",
    "取締役",
    "部長",
    "課長",
    "店長",
];

/// Labelled fields and introductions: what follows is a name.
const LABELS: &[&str] = &[
    "氏名",
    "お名前",
    "名前",
    "名義人",
    "口座名義",
    "名義",
    "申込者",
    "申請者名",
    "申請者",
    "フリガナ",
    "ふりがな",
    "契約者",
    "連絡者",
];

fn names(text: &str, words: &[Word], claims: &mut Claims) {
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

fn english_names(text: &str, claims: &mut Claims) {
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
            if STOP.contains(&lw.as_str()) || w.len() < 2 || !(capital || lower_ok) {
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
    // "Hi, Priya here", "Samuel Adeyemi here"; "instead of me (Taro YAMADA)".
    static HERE: OnceLock<Regex> = OnceLock::new();
    let here = HERE.get_or_init(|| {
        re(
            r"(?:^|(?i:\bhi|\bhello|\bhey)[,!、]?\s*|[.!]\s+)([A-Z][A-Za-z'\-]+(?: [A-Z][A-Za-z'\-]+){0,2}) here\b|\b(?:me|myself)\s*\(([A-Z][A-Za-z'\-]+(?: [A-Z][A-Za-z'\-]+){1,2})\)",
        )
    });
    for c in here.captures_iter(text) {
        let m = c.get(1).or(c.get(2)).expect("group");
        if !STOP.contains(&m.as_str().to_lowercase().as_str()) {
            claims.claim(m.start(), m.end(), PiiKind::Name);
        }
    }
}

/// A short last line (or what follows the closing よろしくお願いします) that is a name.
fn signature(view: &NameView<'_>, claims: &mut Claims) {
    let text = view.text;
    let trimmed = text.trim_end_matches([' ', '。', '.', '!']);
    let mut start = None;
    for closing in [
        "よろしくお願いします",
        "よろしくお願いいたします",
        "お願いします",
        "お願いいたします",
        "\n",
        "。",
        "—",
        "―",
        "--",
    ] {
        if let Some(i) = trimmed.rfind(closing) {
            start = start.max(Some(i + closing.len()));
        }
    }
    let Some(from) = start else { return };
    let tail = &trimmed[from..];
    let lead = tail.len()
        - tail
            .trim_start_matches([' ', '(', '-', '—', '―', '、', '。'])
            .len();
    let from = from + lead;
    let tail_end = trimmed.trim_end_matches(')').len();
    if from >= tail_end || text[from..tail_end].chars().count() > 16 {
        return;
    }
    if let Some((s, e)) = view.run_after(from).filter(|&(_, e)| e == tail_end)
        && let Some((s, e)) = view.accept(s, e, Strength::Medium)
    {
        claims.claim(s, e, PiiKind::Name);
    }
}

/// A surname and a given name side by side, as the dictionary reads them: 山田 花子,
/// 宮崎理恵, 吉田さくら. IPADIC often files a surname or a given name as a place (宮崎, 拓海),
/// so one side must be a person word and the other a short kanji word or a kana given name.
fn full_names(view: &NameView<'_>, claims: &mut Claims) {
    let (text, words) = (view.text, view.words);
    for (i, pair) in words.windows(2).enumerate() {
        let (a, b) = (pair[0], pair[1]);
        let gap = &text[a.end..b.start];
        if !(gap.is_empty() || gap == " ") {
            continue;
        }
        let (sa, sb) = (&text[a.start..a.end], &text[b.start..b.end]);
        let (na, nb) = (sa.chars().count(), sb.chars().count());
        let kanji_a = is_kanji_str(sa) && (1..=3).contains(&na);
        let kanji_b = is_kanji_str(sb) && (1..=3).contains(&nb);
        let next = text[b.end..].chars().next();
        let named_a = matches!(a.class, WordClass::Surname | WordClass::PersonName);
        let placeish = |w: Word, n: usize| {
            matches!(w.class, WordClass::Place | WordClass::ProperNoun) && n >= 2
        };
        let hiragana_given = sb.chars().all(is_hiragana)
            && (2..=4).contains(&nb)
            && matches!(b.class, WordClass::CommonNoun | WordClass::Unknown)
            && !next.is_some_and(is_hiragana);
        let short_given = gap == " "
            && nb <= 2
            && matches!(b.class, WordClass::CommonNoun | WordClass::Unknown)
            && (!next.is_some_and(is_kanji)
                || ["宛", "様", "殿", "名義"]
                    .iter()
                    .any(|w| text[b.end..].starts_with(w)))
            && !is_title(sb);
        let ok = kanji_a
            && ((named_a
                && ((kanji_b
                    && matches!(
                        b.class,
                        WordClass::GivenName
                            | WordClass::PersonName
                            | WordClass::Place
                            | WordClass::ProperNoun
                    ))
                    || hiragana_given
                    || (kanji_b && short_given)))
                || (kanji_b
                    && b.class == WordClass::GivenName
                    && (named_a || placeish(a, na) || (gap == " " && na == 1)))
                || (gap == " " && placeish(a, na) && hiragana_given));
        // Not the tail of a longer kanji word (新宿区 …) and not a role (田中 社長).
        let before_a = text[..a.start].chars().next_back();
        let joined = i > 0 && words[i - 1].end == a.start && before_a.is_some_and(is_kanji);
        if ok && !joined && !is_title(sa) {
            claims.claim(a.start, b.end, PiiKind::Name);
        }
    }
}

/// Honorifics, roles and words for people that are no one's name (社長, 担当, 母).
fn is_title(s: &str) -> bool {
    NOT_NAMES.contains(&s) || AFTER_NAME.contains(&s) || ROLE_BEFORE.contains(&s)
}

/// The name before 「です」 ending at `at`, if the message introduces someone there.
fn self_introduction(view: &NameView<'_>, at: usize) -> Vec<(usize, usize)> {
    let text = view.text;
    // 岡本 隆(オカモト タカシ)です: the reading is a name too, and so is what it reads.
    if text[..at].ends_with(')')
        && let Some(open) = text[..at].rfind('(')
    {
        let reading = &text[open + 1..at - 1];
        let mut found = Vec::new();
        if !reading.is_empty()
            && reading
                .chars()
                .all(|c| is_katakana(c) || c == ' ' || c == '・')
            && introduced(view, at, at).is_some()
        {
            found.push((open + 1, at - 1));
            let before = text[..open].trim_end_matches(' ').len();
            if let Some((s, e)) = view.run_before(before)
                && let Some(span) = view.accept(s, e, Strength::Strong)
            {
                found.push(span);
            }
        }
        return found;
    }
    introduced(view, at, at).into_iter().collect()
}

fn introduced(view: &NameView<'_>, at: usize, cue: usize) -> Option<(usize, usize)> {
    let text = view.text;
    let rest = &text[cue..];
    let rest = rest
        .strip_prefix("です")
        .or_else(|| rest.strip_prefix("でございます"))
        .unwrap_or(rest);
    let closed = rest
        .chars()
        .next()
        .is_none_or(|c| "。、.,!?！？ \n".contains(c));
    if text[..at].ends_with(')') {
        return closed.then_some((at, at));
    }
    let opening = at_opening(text, at);
    if let Some((s, e)) = view.run_before(at) {
        let run = &text[s..e];
        if run.chars().all(|c| c.is_ascii_alphabetic() || c == ' ') {
            let single = !run.contains(' ');
            let caps = run.chars().filter(char::is_ascii_uppercase).count();
            let stop = [
                "OK", "Zoom", "Teams", "English", "Japanese", "Tokyo", "Minato",
            ];
            let capital_word =
                |w: &str| w.len() >= 2 && w.starts_with(|c: char| c.is_ascii_uppercase());
            let name_like = run.split(' ').all(capital_word)
                && !(single && caps == run.len())
                && !run.split(' ').any(|w| stop.contains(&w));
            return (name_like && closed).then_some((s, e));
        }
    }
    // さとうです, まつもと です: a name in kana, only at the opening.
    let Some(from) = opening else {
        let (s, e) = view.run_before(at)?;
        return view.accept(s, e, Strength::Weak);
    };
    let run = text[from..at].trim_end_matches(' ');
    if run.is_empty() || !closed {
        return None;
    }
    let end = from + run.len();
    if run.chars().all(is_hiragana) && (2..=5).contains(&run.chars().count()) && from > 0 {
        return Some((from, end));
    }
    let (s, e) = view.run_before(end)?;
    if s != from {
        // Not the whole opening phrase (港区で飲食店を営む鈴木です): the dictionary decides.
        return view.accept(s, e, Strength::Weak);
    }
    let inside: Vec<&Word> = view
        .words
        .iter()
        .filter(|w| w.start >= s && w.end <= e)
        .collect();
    let run = &text[s..e];
    let chars = run.chars().count();
    if run.contains('・') || run.chars().all(|c| is_katakana(c) || c == ' ') {
        return (chars >= 2 && !is_title(run)).then_some((s, e));
    }
    if is_title(run) {
        return None;
    }
    // 森です: one kanji; 宮崎です: a word the dictionary knows as a place or a name.
    let known = !inside.is_empty()
        && inside.iter().all(|w| {
            is_person(w.class) || matches!(w.class, WordClass::Place | WordClass::ProperNoun)
        });
    let single = chars == 1 && is_kanji_str(run);
    (known || single || view.accept(s, e, Strength::Weak).is_some()).then_some((s, e))
}

/// Where a message opens (after a greeting such as お世話になります), the offset of its first
/// word if `at` is in that first phrase.
fn at_opening(text: &str, at: usize) -> Option<usize> {
    const GREETINGS: &[&str] = &[
        "お世話になっております",
        "お世話になります",
        "おせわになっております",
        "おせわになります",
        "いつもお世話になっております",
        "こんにちは",
        "こんばんは",
        "はじめまして",
        "初めまして",
        "Hi",
        "Hello",
        "hi",
        "hello",
    ];
    let seps = [' ', '、', '。', ',', '.', '!', '\n', '!'];
    let mut from = 0;
    let head = text[..at].trim_start_matches(seps);
    from += text[..at].len() - head.len();
    for g in GREETINGS {
        if let Some(after) = text[from..at].strip_prefix(g) {
            let trimmed = after.trim_start_matches(seps);
            if trimmed.len() < after.len() {
                from = at - trimmed.len();
                break;
            }
        }
    }
    let phrase = &text[from..at];
    (!phrase.contains(seps.as_slice()) || phrase.trim_end_matches(' ').len() < phrase.len())
        .then_some(from)
        .filter(|&f| {
            !text[f..at]
                .trim_end_matches(' ')
                .contains(['、', '。', '!', '\n', ','])
        })
}

/// A line that holds nothing but a name, in a message whose other lines give contacts:
/// 「山田 花子⏎mail: …⏎tel: …」.
fn lone_line(view: &NameView<'_>, claims: &mut Claims) {
    let text = view.text;
    if !text.contains('\n') {
        return;
    }
    let contact = claims.0.iter().any(|c| {
        matches!(
            c.2,
            PiiKind::Phone | PiiKind::Email | PiiKind::Address | PiiKind::Account
        )
    });
    if !contact {
        return;
    }
    let mut at = 0;
    for line in text.split('\n') {
        let (s, e) = (at, at + line.trim_end_matches([' ', '。']).len());
        at += line.len() + 1;
        let s = s + (line.len() - line.trim_start().len());
        if s >= e || text[s..e].chars().count() > 12 || is_title(&text[s..e]) {
            continue;
        }
        let line = &text[s..e];
        let parts: Vec<&str> = line.split(' ').collect();
        if parts.len() > 2
            || !parts
                .iter()
                .all(|p| (1..=5).contains(&p.chars().count()) && p.chars().all(is_name_char))
        {
            continue;
        }
        // The dictionary knows a name in it, or reads the whole line as names.
        let person = view.has_person_word(s, e);
        if person {
            claims.claim(s, e, PiiKind::Name);
        } else if let Some((a, b)) = view.accept(s, e, Strength::Strong) {
            claims.claim(a, b, PiiKind::Name);
        }
    }
}

/// Family and business relations before a name: 母の西村, 妻の陽菜, 共同代表の松田, 父(山田 美穂).
fn relations(view: &NameView<'_>, claims: &mut Claims) {
    static REL: OnceLock<Regex> = OnceLock::new();
    let rel = REL.get_or_init(|| {
        re(
            r"(?:母|父|妻|夫|長男|長女|次男|次女|三男|三女|息子|娘|兄|姉|弟|妹|義父|義母|祖父|祖母|叔父|叔母|伯父|伯母|家内|嫁|婿|友人|知人|同僚|部下|上司|共同代表|共同経営者|パートナー|相方)(?:の|\()",
        )
    });
    let text = view.text;
    for m in rel.find_iter(text) {
        let Some((s, e)) = view.run_after(m.end()) else {
            continue;
        };
        let e = ["名義", "宛", "が", "と"]
            .iter()
            .filter_map(|w| text[s..e].find(w).map(|i| s + i))
            .filter(|&i| i > s)
            .min()
            .unwrap_or(e);
        let inside: Vec<&Word> = view
            .words
            .iter()
            .filter(|w| w.start < e && w.end > s)
            .collect();
        // 陽菜: a name the dictionary knows only as single characters.
        let spelled = inside.len() >= 2
            && inside
                .iter()
                .all(|w| w.end - w.start <= 3 && w.class != WordClass::Other)
            && text[s..e].chars().count() <= 3;
        if is_title(&text[s..e]) {
            continue;
        }
        if let Some((a, b)) = view.accept(s, e, Strength::Strong) {
            claims.claim(a, b, PiiKind::Name);
        } else if spelled {
            claims.claim(s, e, PiiKind::Name);
        }
    }
}

/// A name in brackets right after a phone number, e-mail or account: 090-…(橋本携帯),
/// …@….jp (高橋), 普通 1234567(ヤマダ タロウ).
fn after_contact(view: &NameView<'_>, claims: &mut Claims) {
    static PAREN: OnceLock<Regex> = OnceLock::new();
    let paren =
        PAREN.get_or_init(|| re(r"\(([一-龯々ァ-ヶー・ ]{1,12}?)(?:携帯|自宅|宛|様|さん)?\)"));
    let text = view.text;
    for c in paren.captures_iter(text) {
        let m = c.get(0).expect("match");
        let name = c.get(1).expect("group");
        let before = text[..m.start()].trim_end_matches(' ');
        if name.as_str().trim().is_empty() || is_title(name.as_str()) {
            continue;
        }
        if follows_contact(claims, before) {
            let (s, e) = trim_span(text, name.start(), name.end());
            claims.claim(s, e, PiiKind::Name);
        }
    }
}

/// Whether `before` (a prefix of the text) ends with a phone number, e-mail or account found
/// earlier, or with a placeholder from an earlier pass.
fn follows_contact(claims: &Claims, before: &str) -> bool {
    before.ends_with(']')
        || claims.0.iter().any(|&(_, e, kind)| {
            e == before.len()
                && matches!(
                    kind,
                    PiiKind::Phone | PiiKind::Email | PiiKind::Account | PiiKind::Address
                )
        })
}

/// Account holders in katakana after the account number or a cue: 普通 1234567 ヤマダ タロウ,
/// 名義 ヤマダ, account holder ヤマダ タロウ (half-width kana arrive folded by NFKC).
fn account_holders(view: &NameView<'_>, claims: &mut Claims) {
    let text = view.text;
    let mut starts: Vec<usize> = claims
        .0
        .iter()
        .filter(|c| c.2 == PiiKind::Account)
        .map(|c| c.1)
        .collect();
    static CUE: OnceLock<Regex> = OnceLock::new();
    let cue =
        CUE.get_or_init(|| re(r"(?i)口座名義人?|名義人?|口座名|\bholder\b|\bname\b|\[口座\]"));
    starts.extend(cue.find_iter(text).map(|m| m.end()));
    for from in starts {
        let rest = &text[from..];
        let lead = rest.len()
            - rest
                .trim_start_matches([' ', '/', ',', '、', ':', '(', 'は', '='])
                .len();
        let s = from + lead;
        let mut e = s;
        // Up to two katakana words joined by one space (ヤマダ タロウ).
        for part in 0..2 {
            let at = if part == 0 {
                s
            } else if text[e..].starts_with(' ') {
                e + 1
            } else {
                break;
            };
            let taken: usize = text[at..]
                .chars()
                .take_while(|&c| is_katakana(c) || c == '・')
                .map(char::len_utf8)
                .sum();
            if text[at..at + taken].chars().count() < 2 {
                break;
            }
            e = at + taken;
        }
        if e > s && !is_title(&text[s..e]) {
            claims.claim(s, e, PiiKind::Name);
        }
    }
}

/// The last word of a message, after an address, a phone number or a slash, is a signature:
/// 「… 405号室 遠藤」「090-… / 宮本」「経理部 野口」.
fn trailing_name(view: &NameView<'_>, claims: &mut Claims) {
    let text = view.text;
    let end = text
        .trim_end_matches([' ', '。', '.', '!', '\n', ')', '」'])
        .len();
    let Some((s, e)) = view.run_before(end) else {
        return;
    };
    let before = text[..s].trim_end_matches([' ', '/', '、', ',', '-', '(']);
    if before.len() == s || before.is_empty() {
        return;
    }
    let strength = if follows_contact(claims, before) {
        Strength::Strong
    } else {
        Strength::Weak
    };
    let run = &text[s..e];
    // English signatures are english_names' work; a place (港区芝公園) is not a name.
    let place = [
        "区",
        "市",
        "町",
        "村",
        "都",
        "県",
        "駅",
        "公園",
        "ビル",
        "タワー",
        "ハイツ",
    ]
    .iter()
    .any(|w| run.contains(w))
        || view
            .words
            .iter()
            .any(|w| w.start >= s && w.end <= e && w.class == WordClass::Other);
    if is_title(run) || run.chars().count() > 8 || place || run.is_ascii() {
        return;
    }
    if let Some((a, b)) = view.accept(s, e, strength) {
        claims.claim(a, b, PiiKind::Name);
    }
}

/// A name found in part (名前 長谷川 [千尋 left], 木村 [達也 found]) takes in the other part
/// across one space: a short kanji, katakana or kana word that is not a title.
fn widen_names(view: &NameView<'_>, claims: &mut Claims) {
    let text = view.text;
    let found: Vec<(usize, usize)> = claims
        .0
        .iter()
        .filter(|c| c.2 == PiiKind::Name)
        .map(|c| (c.0, c.1))
        .collect();
    for (s, e) in found {
        // To the right: 「長谷川 千尋」「中野 さくら」.
        if let Some(rest) = text[e..].strip_prefix(' ') {
            let first = rest.chars().next();
            let kind: Option<fn(char) -> bool> = match first {
                Some(c) if is_kanji(c) => Some(is_kanji),
                Some(c) if is_katakana(c) => Some(is_katakana),
                Some(c) if is_hiragana(c) => Some(is_hiragana),
                _ => None,
            };
            if let Some(same) = kind {
                let mut run: String = rest.chars().take_while(|&c| same(c)).collect();
                for suffix in ["名義", "宛", "様", "殿", "氏"] {
                    if let Some(i) = run.find(suffix) {
                        run.truncate(i);
                    }
                }
                let n = run.chars().count();
                let after = rest[run.len()..].chars().next();
                let hiragana_ok = !first.is_some_and(is_hiragana)
                    || (![
                        "で", "と", "さん", "さま", "く", "ちゃ", "か", "ま", "よ", "な", "に",
                        "へ", "の", "は", "が", "も", "を",
                    ]
                    .iter()
                    .any(|p| run.starts_with(p))
                        && !after.is_some_and(is_hiragana));
                if (1..=4).contains(&n) && !is_title(&run) && hiragana_ok {
                    let b = e + 1 + run.len();
                    claims.claim(e, b, PiiKind::Name);
                }
            }
        }
        // To the left: 「木村 [達也]」「ゴトウ [ナオキ]」; not a ward or a department.
        if let Some(before) = text[..s].strip_suffix(' ') {
            let last = before.chars().next_back();
            let same: Option<fn(char) -> bool> = match last {
                Some(c) if is_kanji(c) => Some(is_kanji),
                Some(c) if is_katakana(c) => Some(is_katakana),
                _ => None,
            };
            if let Some(same) = same {
                let len: usize = before
                    .chars()
                    .rev()
                    .take_while(|&c| same(c))
                    .map(char::len_utf8)
                    .sum();
                let a = before.len() - len;
                let run = &before[a..];
                let n = run.chars().count();
                let other = view
                    .words
                    .iter()
                    .any(|w| w.start < before.len() && w.end > a && w.class == WordClass::Other);
                let kanji_ok = !last.is_some_and(is_kanji) || (n <= 3 && !other);
                if (1..=6).contains(&n) && kanji_ok && !is_title(run) {
                    claims.claim(a, before.len(), PiiKind::Name);
                }
            }
        }
    }
    claims.merge_adjacent_names(text);
}

fn is_hiragana(c: char) -> bool {
    ('\u{3041}'..='\u{3096}').contains(&c)
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
enum Strength {
    /// Only the dictionary's person names (…です, 代表の…).
    Weak,
    /// Person names, and words the dictionary does not know as common (…さん, 私は…です).
    Medium,
    /// Name-like words the dictionary knows, or anything when there is no dictionary (名前は…).
    Strong,
    /// Whatever name-like run is there (…と申します, 氏名:…).
    Certain,
}

struct NameView<'a> {
    text: &'a str,
    words: &'a [Word],
}

impl NameView<'_> {
    /// The name-like run ending at `end`: kanji, katakana or Latin letters, up to two parts
    /// joined by a space or ・ (山田 太郎, ジョン・スミス, Taro Yamada).
    fn run_before(&self, end: usize) -> Option<(usize, usize)> {
        let text = self.text;
        let mut start = end;
        let mut parts = 0;
        loop {
            let part_end = start;
            let latin = text[..start]
                .chars()
                .next_back()
                .is_some_and(|c| c.is_ascii_alphabetic());
            for c in text[..start].chars().rev() {
                if is_name_char(c) && latin == c.is_ascii_alphabetic() {
                    start -= c.len_utf8();
                } else {
                    break;
                }
            }
            if start == part_end {
                break;
            }
            parts += 1;
            let before = &text[..start];
            let joiner = before.chars().next_back();
            let beyond = before
                .strip_suffix([' ', '・'])
                .and_then(|b| b.chars().next_back());
            let max_parts = if latin || joiner == Some('・') { 3 } else { 2 };
            match (joiner, beyond) {
                (Some(' ' | '・'), Some(c))
                    if parts < max_parts && is_name_char(c) && latin == c.is_ascii_alphabetic() =>
                {
                    start -= 1 + usize::from(joiner == Some('・')) * 2;
                }
                _ => break,
            }
        }
        (start < end).then_some((start, end))
    }

    fn run_after(&self, from: usize) -> Option<(usize, usize)> {
        let text = self.text;
        let mut end = from;
        let mut parts = 0;
        loop {
            let part_start = end;
            let latin = text[end..]
                .chars()
                .next()
                .is_some_and(|c| c.is_ascii_alphabetic());
            for c in text[end..].chars() {
                if is_name_char(c) && latin == c.is_ascii_alphabetic() {
                    end += c.len_utf8();
                } else {
                    break;
                }
            }
            if end == part_start {
                break;
            }
            parts += 1;
            let rest = &text[end..];
            let joiner = rest.chars().next();
            let beyond = rest
                .strip_prefix([' ', '・'])
                .and_then(|r| r.chars().next());
            let max_parts = if latin { 3 } else { 2 };
            match (joiner, beyond) {
                (Some(j @ (' ' | '・')), Some(c))
                    if parts < max_parts && is_name_char(c) && latin == c.is_ascii_alphabetic() =>
                {
                    // Only join a second part that is itself name-like, not the next phrase.
                    let next_end = end + j.len_utf8();
                    let has_name = self.has_person_word(next_end, next_end + c.len_utf8());
                    if latin || j == '・' || has_name || is_katakana(c) {
                        end = next_end;
                    } else {
                        break;
                    }
                }
                _ => break,
            }
        }
        let end = self.trim_particles(from, end);
        (from < end).then_some((from, end))
    }

    /// A run after a label may swallow the next word in kanji (山田太郎様宛): cut at the first
    /// common noun after a person name.
    fn trim_particles(&self, from: usize, end: usize) -> usize {
        let mut seen_person = false;
        let mut prev_end = from;
        for w in self
            .words
            .iter()
            .filter(|w| w.start >= from && w.end <= end)
        {
            let surface = &self.text[w.start..w.end];
            if is_person(w.class) {
                seen_person = true;
            } else if seen_person
                && w.start == prev_end
                && matches!(w.class, WordClass::CommonNoun | WordClass::Other)
                && !surface.chars().all(is_katakana)
            {
                return w.start;
            }
            prev_end = w.end;
        }
        end
    }

    fn starts_name(&self, at: usize) -> bool {
        self.words
            .iter()
            .any(|w| w.start == at && is_person(w.class))
    }

    fn has_person_word(&self, s: usize, e: usize) -> bool {
        self.words
            .iter()
            .any(|w| w.start < e && w.end > s && is_person(w.class))
    }

    /// A name ends a phrase: what follows is not the rest of a verb (名前は決まって…).
    fn ends_cleanly(&self, e: usize) -> bool {
        let rest = &self.text[e..];
        match rest.chars().next() {
            None => true,
            Some(c) if !('\u{3041}'..='\u{3096}').contains(&c) => true,
            Some(_) => [
                "です",
                "でござ",
                "と申",
                "とい",
                "と言",
                "で、",
                "で。",
                "さん",
                "さま",
                "と",
                "の",
                "が",
                "に",
                "は",
                "も",
                "より",
            ]
            .iter()
            .any(|w| rest.starts_with(w)),
        }
    }

    fn followed_by_desu(&self, e: usize) -> bool {
        let rest = self.text[e..].trim_start();
        ["です", "でございます", "と申します", "といいます"]
            .iter()
            .any(|w| rest.starts_with(w))
    }

    /// Decides whether the run [s, e) is a name and trims roles and words in front of it.
    fn accept(&self, s: usize, e: usize, strength: Strength) -> Option<(usize, usize)> {
        let text = self.text;
        let mut s = s;
        // Roles in front of the name (代表取締役山田太郎).
        for role in ROLE_BEFORE {
            if text[s..e].starts_with(role) && text[s..e].len() > role.len() {
                s += role.len();
                break;
            }
        }
        let inside: Vec<&Word> = self
            .words
            .iter()
            .filter(|w| w.end > s && w.start < e)
            .collect();
        // The name is the tail of name-like words (株式会社ミナトの → not; 港区 山田 → 山田).
        let mut tail_start = e;
        for w in inside.iter().rev() {
            let surface = &text[w.start.max(s)..w.end.min(e)];
            // In a naming context a place name is a surname too (ヤマダ, 中野).
            let place_as_name = strength >= Strength::Strong && w.class == WordClass::Place;
            if is_name_like(w.class, surface) || place_as_name {
                tail_start = w.start.max(s);
            } else if surface != "・" || tail_start == e {
                // ジョン・スミス: the dot joins two parts of one name.
                break;
            }
        }
        let person = inside
            .iter()
            .any(|w| w.start >= tail_start && is_person(w.class));
        let chars = text[s..e].chars().count();
        let latin = text[s..e]
            .chars()
            .all(|c| c.is_ascii_alphabetic() || c == ' ' || c == '\'' || c == '-');
        match strength {
            Strength::Weak => (person && tail_start < e).then_some((tail_start, e)),
            Strength::Medium => {
                if person || (tail_start < e && !inside.is_empty()) {
                    Some((tail_start, e)).filter(|(a, b)| a < b)
                } else if inside.is_empty()
                    && (latin
                        || text[s..e]
                            .chars()
                            .all(|c| is_katakana(c) || c == '・' || c == ' '))
                {
                    // No dictionary: katakana or Latin names in context.
                    (latin_name_like(&text[s..e]) || !latin).then_some((s, e))
                } else {
                    None
                }
            }
            Strength::Strong | Strength::Certain
                if strength == Strength::Certain
                    && text[s..e]
                        .chars()
                        .all(|c| is_katakana(c) || c == '・' || c == ' ') =>
            {
                Some((s, e))
            }
            Strength::Strong | Strength::Certain => {
                if tail_start < e && !inside.is_empty() {
                    Some((tail_start, e))
                } else if (inside.is_empty() && (1..=16).contains(&chars))
                    || (strength == Strength::Certain
                        && (1..=12).contains(&chars)
                        && !inside.iter().all(|w| w.class == WordClass::CommonNoun))
                {
                    Some((s, e))
                } else {
                    None
                }
            }
        }
    }
}

fn latin_name_like(run: &str) -> bool {
    run.split(' ')
        .all(|w| w.len() >= 2 && w.starts_with(|c: char| c.is_ascii_uppercase()))
}

fn is_person(class: WordClass) -> bool {
    matches!(
        class,
        WordClass::Surname | WordClass::GivenName | WordClass::PersonName
    )
}

/// Words that can make up a name: the dictionary's person names, and unknown or proper
/// words in katakana or Latin letters (foreign names are rarely in IPADIC).
fn is_name_like(class: WordClass, surface: &str) -> bool {
    match class {
        WordClass::Surname | WordClass::GivenName | WordClass::PersonName | WordClass::Unknown => {
            true
        }
        WordClass::ProperNoun => surface
            .chars()
            .all(|c| is_katakana(c) || c.is_ascii_alphabetic() || c == '・'),
        _ => false,
    }
}

fn is_name_char(c: char) -> bool {
    is_kanji(c) || is_katakana(c) || c.is_ascii_alphabetic()
}

fn is_kanji(c: char) -> bool {
    matches!(c, '\u{4E00}'..='\u{9FFF}' | '\u{3400}'..='\u{4DBF}' | '々' | '〆' | 'ヶ')
}

fn is_kanji_str(s: &str) -> bool {
    s.chars().all(is_kanji)
}

fn is_katakana(c: char) -> bool {
    matches!(c, '\u{30A1}'..='\u{30FA}' | 'ー' | '\u{30FD}' | '\u{30FE}')
}

/// Characters that make a number an amount, count, time or date rather than an identifier.
fn is_unit(c: char) -> bool {
    "円万千億年月日人件回歳才%％時分秒階倍名社店本個枚台号期名".contains(c)
}

/// Drops separators and brackets at the edges of a span.
fn trim_span(text: &str, mut start: usize, mut end: usize) -> (usize, usize) {
    let edge = |c: char| matches!(c, ' ' | '-' | '.' | '(' | ')');
    while let Some(c) = text[start..end].chars().next().filter(|c| edge(*c)) {
        if c == '(' && text[start..end].contains(')') {
            break;
        }
        start += c.len_utf8();
    }
    while let Some(c) = text[start..end].chars().next_back().filter(|c| edge(*c)) {
        if c == ')' && text[start..end].contains('(') {
            break;
        }
        end -= c.len_utf8();
    }
    (start, end)
}

/// The byte offset `n` characters after `at` (or the end).
fn char_offset(text: &str, at: usize, n: usize) -> usize {
    text[at..]
        .char_indices()
        .nth(n)
        .map_or(text.len(), |(i, _)| at + i)
}

/// The byte offset `n` characters before `at` (or the start).
fn char_back(text: &str, at: usize, n: usize) -> usize {
    text[..at]
        .char_indices()
        .rev()
        .nth(n.saturating_sub(1))
        .map_or(0, |(i, _)| i)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn m(text: &str) -> String {
        mask(text, &NoLexicon).into_string()
    }

    #[test]
    fn masks_each_kind_of_personal_data() {
        assert_eq!(
            m("連絡先は taro.yamada@example.co.jp です"),
            "連絡先は [メール] です"
        );
        assert_eq!(m("電話 03-1234-5678 まで"), "電話 [電話番号] まで");
        assert_eq!(m("携帯は09012345678です"), "携帯は[電話番号]です");
        assert_eq!(m("+81 90-1234-5678"), "[電話番号]");
        assert_eq!(m("〒105-8511 港区芝公園"), "[住所] 港区芝公園");
        assert_eq!(m("番号は1234 5678 9012です"), "番号は[番号]です");
        assert_eq!(m("カード 4111-1111-1111-1111"), "カード [カード]");
        assert_eq!(m("氏名：山田太郎 です"), "氏名:[氏名] です");
        assert_eq!(m("名前は鈴木と申します"), "名前は[氏名]と申します");
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
    fn e_mails_also_written_out_in_words() {
        for text in [
            "ｔａｒｏ＠ｅｘａｍｐｌｅ．ｃｏ．ｊｐ",
            "taro.yamada at example dot co dot jp",
            "taro.yamada (at) example (dot) com",
            "taro.yamada [at] example.com",
            "hanako アットマーク example ドット jp",
            "taro @ example.jp",
        ] {
            assert_eq!(m(text), "[メール]", "{text}");
        }
        assert_eq!(m("I will look at it. Thanks"), "I will look at it. Thanks");
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
        assert_eq!(m("口座振替で毎月10000円"), "口座振替で毎月10000円");
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
        assert_eq!(m("令和8年4月1日から受付"), "令和8年4月1日から受付");
        assert_eq!(m("締切は2026-11-30です"), "締切は2026-11-30です");
        assert_eq!(
            m("昭和43年4月2日以降生まれの方を雇う場合"),
            "昭和43年4月2日以降生まれの方を雇う場合"
        );
    }

    #[test]
    fn street_addresses_but_not_a_district_alone() {
        assert_eq!(
            m("港区赤坂3丁目4番15号に住んでいます"),
            "港区赤坂[住所]に住んでいます"
        );
        assert_eq!(m("港区赤坂三丁目4-15"), "港区赤坂[住所]");
        assert_eq!(
            m("住所は港区六本木6-10-1です"),
            "住所は港区六本木[住所]です"
        );
        assert_eq!(m("芝公園4-2-8 ミナトビル302号室"), "芝公園[住所]");
        assert_eq!(m("港区南青山2-3-4-1203"), "港区南青山[住所]");
        assert_eq!(m("芝5丁目1番地の2"), "芝[住所]");
        assert_eq!(
            m("3-4-15 Akasaka, Minato-ku, Tokyo"),
            "[住所] Akasaka, Minato-ku, Tokyo"
        );
        assert_eq!(m("赤坂のあたりで開業したい"), "赤坂のあたりで開業したい");
        assert_eq!(m("従業員5-20人の会社"), "従業員5-20人の会社");
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

    #[test]
    fn remasking_leaves_clean_and_masked_text_alone() {
        assert_eq!(remask("区分：労務（解雇）", &NoLexicon), None);
        assert_eq!(remask("電話は[電話番号]です", &NoLexicon), None);
        assert_eq!(
            remask("電話は０３ー１２３４ー５６７８です", &NoLexicon).map(Masked::into_string),
            Some("電話は[電話番号]です".to_string())
        );
    }

    #[test]
    fn a_published_office_address_is_not_personal() {
        struct Offices;
        impl Lexicon for Offices {
            fn words(&self, _text: &str) -> Vec<Word> {
                Vec::new()
            }
            fn is_public_address(&self, key: &str) -> bool {
                key == "5-36-4"
            }
        }
        let keys = public_address_keys(["窓口は港区芝5-36-4 札の辻スクエア8階です"]);
        assert!(keys.contains("5-36-4"), "{keys:?}");
        let text = "港区芝５－３６－４の札の辻スクエアに行けばいいですか";
        assert_eq!(
            mask(text, &Offices).into_string(),
            text.nfkc().collect::<String>()
        );
        assert_eq!(
            mask("自宅は港区芝5-36-9です", &Offices).into_string(),
            "自宅は港区芝[住所]です"
        );
    }

    #[test]
    fn masking_twice_changes_nothing_more() {
        for text in [
            "山田太郎と申します。電話０９０ー１２３４ー５６７８、港区赤坂3-4-15",
            "生年月日は1985年4月12日、口座は普通1234567",
        ] {
            let once = m(text);
            assert_eq!(m(&once), once);
        }
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
            "第2回の募集は4月です",
            "2025年度の予算は3000万円",
            "港区の創業支援補助金について教えてください",
        ] {
            let plain: String = text.nfkc().collect();
            assert_eq!(m(text), plain, "{text}");
        }
    }

    /// A few words as the dictionary would read them; anything else is a gap.
    struct Dict(&'static [(&'static str, WordClass)]);

    impl Lexicon for Dict {
        fn words(&self, text: &str) -> Vec<Word> {
            let mut out = Vec::new();
            let mut at = 0;
            while at < text.len() {
                let hit = self
                    .0
                    .iter()
                    .filter(|(w, _)| text[at..].starts_with(w))
                    .max_by_key(|(w, _)| w.len());
                match hit {
                    Some((w, class)) => {
                        out.push(Word {
                            start: at,
                            end: at + w.len(),
                            class: *class,
                        });
                        at += w.len();
                    }
                    None => at += text[at..].chars().next().map_or(1, char::len_utf8),
                }
            }
            out
        }
    }

    const PEOPLE: Dict = Dict(&[
        ("北川", WordClass::Surname),
        ("戸田", WordClass::Surname),
        ("野村", WordClass::Surname),
        ("美咲", WordClass::GivenName),
        ("菜々子", WordClass::Place),
        ("ひかり", WordClass::CommonNoun),
        ("林", WordClass::CommonNoun),
        ("瑛", WordClass::CommonNoun),
        ("太", WordClass::CommonNoun),
        ("質問", WordClass::CommonNoun),
        ("個人", WordClass::CommonNoun),
        ("事業", WordClass::CommonNoun),
        ("主", WordClass::Other),
        ("代表", WordClass::CommonNoun),
        ("就任", WordClass::CommonNoun),
        ("港", WordClass::Place),
        ("区", WordClass::Other),
    ]);

    fn d(text: &str) -> String {
        mask(text, &PEOPLE).into_string()
    }

    #[test]
    fn a_full_name_with_a_full_width_space_is_one_name() {
        assert_eq!(
            d("北川　菜々子（夕方なら出られます）"),
            "[氏名](夕方なら出られます)"
        );
        assert_eq!(d("野村　ひかり、開業予定です"), "[氏名]、開業予定です");
        assert_eq!(d("お名前：北川　瑛太"), "お名前:[氏名]");
        assert_eq!(d("申請者：戸田　美咲"), "申請者:[氏名]");
        assert_eq!(d("申請者は個人事業主です"), "申請者は個人事業主です");
    }

    #[test]
    fn a_name_alone_at_the_end_after_a_contact_is_a_signature() {
        assert_eq!(d("tel 080-1111-2222 / 北川"), "tel [電話番号] / [氏名]");
        assert_eq!(
            d("返送先 港区海岸9丁目8番7号 ベイタワー1203号室 戸田"),
            "返送先 港区海岸[住所] [氏名]"
        );
        assert_eq!(d("北川 瑛太\ntel: 03-1234-5678"), "[氏名]\ntel: [電話番号]");
    }

    #[test]
    fn account_holders_in_katakana_of_either_width_are_names() {
        assert_eq!(
            m("振込先 普通 7654321 ｷﾀｶﾞﾜ ﾐｻｷ"),
            "振込先 普通 [口座] [氏名]"
        );
        assert_eq!(m("当座 1234987（トダ　ユウト）"), "当座 [口座]([氏名])");
        assert_eq!(
            m("account holder ﾓﾘﾀ ｹﾝ, thanks"),
            "account holder [氏名], thanks"
        );
        assert_eq!(
            m("口座名義イシダ リョウでお願いします"),
            "口座名義[氏名]でお願いします"
        );
        assert_eq!(m("ｷﾀｶﾞﾜ ﾐｻｷ 名義の口座です"), "[氏名] 名義の口座です");
    }

    #[test]
    fn a_message_that_opens_with_a_name_and_desu_introduces_someone() {
        assert_eq!(
            d("林です。開業の相談をしたいです"),
            "[氏名]です。開業の相談をしたいです"
        );
        assert_eq!(d("北川　です。書類の件で"), "[氏名] です。書類の件で");
        assert_eq!(
            d("戸田でございます。先日の件です"),
            "[氏名]でございます。先日の件です"
        );
        assert_eq!(
            m("アリ・ハサン・カーンです。相談したいです"),
            "[氏名]です。相談したいです"
        );
        assert_eq!(
            m("お世話になります、たかはしです。"),
            "お世話になります、[氏名]です。"
        );
        assert_eq!(m("Hi、Ravi Kumarです。"), "Hi、[氏名]です。");
        assert_eq!(
            d("北川 美咲（キタガワ ミサキ）です。"),
            "[氏名]([氏名])です。"
        );
        assert_eq!(d("港区で開業する北川です"), "港区で開業する[氏名]です");
        // What stays: a topic, not a name.
        assert_eq!(
            d("質問です。創業融資の金利は？"),
            "質問です。創業融資の金利は?"
        );
        assert_eq!(m("急ぎです。窓口は何時まで？"), "急ぎです。窓口は何時まで?");
        assert_eq!(m("相談はZoomですか"), "相談はZoomですか");
        assert_eq!(m("English OKです"), "English OKです");
    }

    #[test]
    fn a_relation_before_a_name_marks_it() {
        assert_eq!(d("姉の北川 美咲が手伝います"), "姉の[氏名]が手伝います");
        assert_eq!(d("夫の瑛太が代表です"), "夫の[氏名]が代表です");
        assert_eq!(d("母の代表就任について"), "母の代表就任について");
    }

    #[test]
    fn a_name_in_brackets_after_a_contact_is_masked() {
        assert_eq!(
            m("折り返しは090-2222-3333（北川携帯）まで"),
            "折り返しは[電話番号]([氏名]携帯)まで"
        );
        assert_eq!(
            m("念のため kita@example.jp (北川)"),
            "念のため [メール] ([氏名])"
        );
        assert_eq!(m("電話 03-1234-5678(代表)"), "電話 [電話番号](代表)");
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
        assert_eq!(m("Is it OK to apply twice?"), "Is it OK to apply twice?");
        assert_eq!(m("Hi, here is my question"), "Hi, here is my question");
    }

    #[test]
    fn numbers_next_to_names_and_cues_are_read_whole() {
        // "accountant" is not an account cue; a bank branch is.
        assert_eq!(
            m("please call our accountant at 03-1234-5678"),
            "please call our accountant at [電話番号]"
        );
        assert_eq!(
            m("Acme Bank Ginza branch, 7654321"),
            "Acme Bank Ginza branch, [口座]"
        );
        assert_eq!(
            m("マイナンバー123412341234、電話090-1234-5678"),
            "マイナンバー[番号]、電話[電話番号]"
        );
        assert_eq!(
            m("振込先はみなと東西信用金庫港南支店 普通 7654321"),
            "振込先はみなと東西信用金庫港南支店 普通 [口座]"
        );
        assert_eq!(m("電話は080の1234の5678です"), "電話は[電話番号]です");
        assert_eq!(m("さとう アットマーク example.co.jp"), "[メール]");
        assert_eq!(m("reach me at sato(at)my-shop.jp"), "reach me at [メール]");
    }
}
