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
//!
//! The parts: this file holds the public API and the pipeline (prepare the text, let each
//! detector claim spans no earlier one claimed, replace them); `scan` what every detector
//! shares; then one detector per concern: `email`, `numbers` (phone, card, account, personal
//! numbers), `dates` (birthdates), `addresses` and `names` (a folder of its own: the contexts
//! names appear in are many).

mod addresses;
mod dates;
mod email;
mod names;
mod numbers;
mod scan;
pub mod tagger;
#[cfg(test)]
mod test_dict;

pub use addresses::{address_key, public_address_keys};
pub use numbers::{phone_key, public_phone_keys};
pub use tagger::{NameTagger, PieceVectors};

use addresses::addresses;
use dates::birthdates;
use email::emails;
use names::names;
use numbers::{cued_numbers, numbers, shaped_ids, short_numbers};
use scan::{Claims, dictionary_spelling, prepare};

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

    /// Whether a phone number, by its [`phone_key`], is a published office line.
    fn is_public_phone(&self, _key: &str) -> bool {
        false
    }

    /// The learned name tagger to run beside the name rules, when it is switched on.
    fn name_tagger(&self) -> Option<&NameTagger> {
        None
    }

    /// How a sentence encoder read the text, piece by piece, for a tagger that reads vectors.
    fn piece_vectors(&self, _text: &str) -> Option<PieceVectors> {
        None
    }
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
    if found == 0 {
        // Nothing replaced: a second look would read the same text and find the same nothing
        // (worth saying: with the name tagger, each look runs the encoder).
        return (Masked(current), 0);
    }
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

/// The text as the masker reads it (NFKC, dashes between digits unified): where the spans of
/// [`find`] and of the name tagger point.
pub fn prepared(text: &str) -> String {
    prepare(text)
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

fn detect(text: &str, lexicon: &dyn Lexicon) -> Vec<(usize, usize, PiiKind)> {
    let (words, mut claims) = detect_parts(text, lexicon);
    if let Some(tagger) = lexicon.name_tagger() {
        let pieces = tagger.encoder().and_then(|_| lexicon.piece_vectors(text));
        tagger.claim(text, &words, &mut claims, pieces.as_ref());
    }
    finish(text, lexicon, claims)
}

/// The dictionary's words and what the rules claimed up to the names: what the name tagger
/// reads.
fn detect_parts(text: &str, lexicon: &dyn Lexicon) -> (Vec<Word>, Claims) {
    let mut claims = Claims::default();
    before_addresses(text, &mut claims);
    let words = lexicon.words(&dictionary_spelling(text));
    addresses(text, &words, lexicon, &mut claims);
    names(text, &words, &mut claims);
    (words, claims)
}

/// What follows the names: birthdates beside them, and public office lines let go.
fn finish(text: &str, lexicon: &dyn Lexicon, mut claims: Claims) -> Vec<(usize, usize, PiiKind)> {
    names::beside_found(text, &mut claims);
    names::drop_namesakes(text, &mut claims);
    dates::beside_names(text, &mut claims);
    let mut spans = claims.0;
    // A published office line, known to the corpus or written as a public body's number.
    spans.retain(|&(s, e, kind)| {
        kind != PiiKind::Phone
            || !(lexicon.is_public_phone(&phone_key(&text[s..e]))
                || numbers::after_a_public_body(&text[..s]))
    });
    spans.sort_by_key(|s| s.0);
    spans
}

/// What is claimed before the addresses: e-mails, numbers and birthdates, which an address
/// may not overlap.
fn before_addresses(text: &str, claims: &mut Claims) {
    emails(text, claims);
    cued_numbers(text, claims);
    shaped_ids(text, claims);
    short_numbers(text, claims);
    birthdates(text, claims);
    numbers(text, claims);
}

/// The address spans [`detect`] finds in a prepared text without a dictionary, found faster:
/// the detectors after the addresses' (names) only ever take spans back from names, so they
/// are not run, and a text with no address candidate needs no detector at all.
fn addresses_without_dictionary(text: &str) -> Vec<(usize, usize)> {
    let candidates = addresses::candidates(text, &[]);
    if candidates.is_empty() {
        return Vec::new();
    }
    let mut claims = Claims::default();
    before_addresses(text, &mut claims);
    addresses::claim_addresses(text, candidates, &NoLexicon, &mut claims);
    claims
        .0
        .into_iter()
        .filter(|c| c.2 == PiiKind::Address)
        .map(|(s, e, _)| (s, e))
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::masking::test_dict::m;
    use unicode_normalization::UnicodeNormalization;

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
    fn a_surname_typed_with_a_variant_kanji_is_read_as_the_dictionary_knows_it() {
        let people = test_dict::PEOPLE;
        assert_eq!(
            mask("書類は明日届けます。よろしくお願いします。野村", &people).into_string(),
            "書類は明日届けます。よろしくお願いします。[氏名]"
        );
        assert_eq!(
            mask("書類は明日届けます。よろしくお願いします。髙木", &people).into_string(),
            "書類は明日届けます。よろしくお願いします。[氏名]"
        );
        for (variant, common) in [('髙', '高'), ('﨑', '崎'), ('德', '徳'), ('濵', '浜')] {
            assert_eq!(variant.len_utf8(), common.len_utf8(), "{variant}");
        }
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
