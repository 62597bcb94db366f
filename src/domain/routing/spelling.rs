//! Kana read as the rule words it sounds like: a caller who types only kana (かいこされた,
//! ざんぎょうだいの けいさん, とっきょ しんがい) meets the same rules as one who writes 解雇,
//! 残業代, 特許 and 侵害. The rule words' readings come from the dictionary once, through the
//! [`WordReader`] the analyzer implements; a message's kana is then rewritten in place, word by
//! word, to the rule word it sounds like, so every rule (a denial after the word, "not X but
//! Y", the order of clauses) reads a kana message as it reads its kanji form.
//!
//! Kana has no word boundaries and short readings have many homophones (こうせい is 更正,
//! 厚生, 構成…), so a match must start where a word can (the start of a kana run, after a
//! particle or a word matched before it) and, for a rule word that ends in a noun, end where a
//! word can (before a particle, a verb ending, another rule word or the end of the run).

use std::collections::{HashMap, HashSet};

use crate::domain::corpus::translation::furigana::WordReader;

/// Readings shorter than this (ゼイ, モメ) are too common inside other words to stand alone.
const MIN_READING: usize = 3;

/// Kana a word may follow: particles (folded as keys are).
const BEFORE_WORD: &[char] = &['ノ', 'ヲ', 'ガ', 'ハ', 'ニ', 'デ', 'ト', 'モ', 'ヤ', 'ヘ'];

/// Kana a noun may be followed by: particles, the copula, する's and the question's endings
/// (folded as keys are, so っ reads as ツ).
const AFTER_NOUN: &[char] = &[
    'ノ', 'ヲ', 'ガ', 'ハ', 'ニ', 'デ', 'ト', 'モ', 'ヤ', 'ヘ', 'ダ', 'ジ', 'シ', 'サ', 'ス', 'セ',
    'カ', 'ツ', 'ヨ', 'ネ',
];

/// The words' readings: folded katakana key → the word as the rules spell it.
#[derive(Debug, Clone, Default)]
pub struct KanaSpelling {
    words: HashMap<String, Spelled>,
    /// The words as written: kana that already is one ("ほしい", "ヘンサイ") stays.
    written: HashSet<String>,
    longest: usize,
    /// Short words spelled only where they stand alone, before a particle at most (く → 区 in
    /// "くの ほじょきん", never in "おおくの"): folded key → word.
    alone: HashMap<String, String>,
}

#[derive(Debug, Clone)]
struct Spelled {
    word: String,
    /// The word ends in kanji or katakana (a noun): its match must end where a word can.
    ends_in_noun: bool,
}

impl KanaSpelling {
    /// Reads every rule word that is not already kana through `reader`; a word the dictionary
    /// cannot read whole (an unknown kanji) is left out.
    pub fn new(reader: &dyn WordReader) -> KanaSpelling {
        KanaSpelling::of(super::vocabulary(), reader)
    }

    /// [`KanaSpelling::new`] for any list of words (the words that ask for an attribute).
    pub fn of<'w>(
        words: impl IntoIterator<Item = &'w str>,
        reader: &dyn WordReader,
    ) -> KanaSpelling {
        let mut spelling = KanaSpelling::default();
        for word in words {
            let reading = read_whole(reader, word);
            spelling.add(word, reading.as_deref());
        }
        spelling
    }

    /// Adds `word`, read as `reading` (none: the word is known as written only). Kana words are
    /// their own spelling; a reading too short to stand alone is left out. The first word of a
    /// reading keeps it, except that a kanji spelling wins over a katakana one (ヘンサイ and
    /// 返済 both read ヘンサイ).
    pub fn add(&mut self, word: &str, reading: Option<&str>) {
        self.written.insert(word.to_string());
        if word.chars().all(|c| is_hiragana(c) || !is_japanese(c)) {
            return;
        }
        let Some(reading) = reading else {
            return;
        };
        let key = key_of(reading);
        if key.chars().count() < MIN_READING {
            return;
        }
        let ends_in_noun = word.chars().last().is_some_and(|c| !is_hiragana(c));
        self.longest = self.longest.max(key.chars().count());
        let kanji = word.chars().any(is_kanji);
        match self.words.get(&key) {
            Some(s) if !kanji || s.word.chars().any(is_kanji) => {}
            _ => {
                self.words.insert(
                    key,
                    Spelled {
                        word: word.to_string(),
                        ends_in_noun,
                    },
                );
            }
        }
    }

    /// Adds a word too short to be read inside a run of kana (区 for く, 国 for くに): it is
    /// spelled only where it stands as a word of its own, between spaces or punctuation,
    /// followed by one particle at most ("くの", "くで").
    pub fn add_alone(&mut self, word: &str, reading: &str) {
        self.alone.insert(key_of(reading), word.to_string());
    }

    /// Whether a word of this reading is known (folded as keys are).
    pub fn knows_reading(&self, reading: &str) -> bool {
        self.words.contains_key(&key_of(reading))
    }

    /// How many readings are known (none without a dictionary).
    pub fn len(&self) -> usize {
        self.words.len()
    }

    pub fn is_empty(&self) -> bool {
        self.words.is_empty()
    }

    /// `text` with each kana word that sounds like a rule word spelled as that word; the rest
    /// (kanji, Latin letters, kana that is no rule word) as it was.
    pub fn spell(&self, text: &str) -> String {
        let text = &self.spell_alone(text);
        if self.words.is_empty() {
            return text.to_string();
        }
        // In a message with kanji, kana that sounds like a verb's stem (やめさせ, たたむ) is
        // as often another verb (止めさせ); only nouns are read there. A kana-only message
        // has nothing else to go by.
        let nouns_only = text.chars().any(is_kanji);
        let mut out = String::with_capacity(text.len());
        let mut run: Vec<(usize, char)> = Vec::new();
        let mut end = 0;
        for (at, c) in text.char_indices() {
            // Spaces between kana words (やさしい日本語) stay inside the run, as word breaks.
            if is_kana(c) || (c.is_whitespace() && !run.is_empty()) {
                run.push((at, c));
            } else {
                self.flush(text, &mut run, at, nouns_only, &mut out);
                out.push(c);
            }
            end = at + c.len_utf8();
        }
        self.flush(text, &mut run, end, nouns_only, &mut out);
        out
    }

    /// `text` with each word added by [`KanaSpelling::add_alone`] spelled where it stands
    /// alone.
    fn spell_alone(&self, text: &str) -> String {
        if self.alone.is_empty() {
            return text.to_string();
        }
        let mut out = String::with_capacity(text.len());
        let mut word = String::new();
        let flush = |word: &mut String, out: &mut String| {
            let chars: Vec<char> = word.chars().collect();
            let spelled = |chars: &[char]| {
                let key: String = chars.iter().map(|&c| fold(c)).collect();
                self.alone
                    .get(&key)
                    .filter(|_| chars.iter().all(|&c| is_hiragana(c)))
            };
            // The whole word ("くに"), else the word before one particle ("く" + "の").
            let found = spelled(&chars)
                .map(|w| (w, None))
                .or_else(|| match chars.split_last() {
                    Some((&p, rest)) if !rest.is_empty() && BEFORE_WORD.contains(&fold(p)) => {
                        spelled(rest).map(|w| (w, Some(p)))
                    }
                    _ => None,
                });
            match found {
                Some((w, particle)) => {
                    out.push_str(w);
                    out.extend(particle);
                }
                None => out.push_str(word),
            }
            word.clear();
        };
        for c in text.chars() {
            if c.is_whitespace() || c.is_ascii_punctuation() || "、。！？「」（）・".contains(c)
            {
                flush(&mut word, &mut out);
                out.push(c);
            } else {
                word.push(c);
            }
        }
        flush(&mut word, &mut out);
        out
    }

    /// Spells a finished run (trailing spaces are copied as they are).
    fn flush(
        &self,
        text: &str,
        run: &mut Vec<(usize, char)>,
        run_end: usize,
        nouns_only: bool,
        out: &mut String,
    ) {
        while run.last().is_some_and(|(_, c)| c.is_whitespace()) {
            run.pop();
        }
        if !run.is_empty() {
            let kana_end = run.last().map_or(run_end, |&(at, c)| at + c.len_utf8());
            self.spell_run(text, run, kana_end, nouns_only, out);
            out.push_str(&text[kana_end..run_end.max(kana_end)]);
        }
        run.clear();
    }

    /// One run of kana (`run`: byte offset and character; `run_end`: the byte after it).
    fn spell_run(
        &self,
        text: &str,
        run: &[(usize, char)],
        run_end: usize,
        nouns_only: bool,
        out: &mut String,
    ) {
        // The key's characters, each with the byte where it starts and whether a space comes
        // before it; ー and spaces are not part of keys.
        let mut keyed: Vec<Keyed> = Vec::new();
        let mut gap = false;
        for &(at, c) in run {
            if c.is_whitespace() {
                gap = true;
            } else if c != 'ー' {
                keyed.push(Keyed {
                    at,
                    c: fold(c),
                    gap,
                });
                gap = false;
            }
        }
        let byte_at = |i: usize| keyed.get(i).map_or(run_end, |k| k.at);
        let mut copied = run[0].0;
        let mut i = 0;
        let mut word_may_start = true;
        while i < keyed.len() {
            let starts = word_may_start || keyed[i].gap || BEFORE_WORD.contains(&keyed[i - 1].c);
            let found = self
                .match_at(&keyed, i)
                .filter(|(_, s)| starts && (s.ends_in_noun || !nouns_only));
            match found {
                Some((len, spelled)) => {
                    // Kana take three bytes each; a space after the word stays outside it.
                    let end = keyed[i + len - 1].at + 3;
                    // Kana that already is a rule word as written keeps its spelling
                    // (べんごし, ほしい), and no word is read inside it.
                    if !self.written.contains(text[keyed[i].at..end].trim_end()) {
                        out.push_str(&text[copied..byte_at(i)]);
                        out.push_str(&spelled.word);
                        copied = end;
                    }
                    i += len;
                    word_may_start = true;
                }
                None => {
                    i += 1;
                    word_may_start = false;
                }
            }
        }
        out.push_str(&text[copied..run_end]);
    }

    /// The longest rule word whose reading starts at `i` and may end where it does.
    fn match_at(&self, keyed: &[Keyed], i: usize) -> Option<(usize, &Spelled)> {
        let most = self.longest.min(keyed.len() - i);
        (MIN_READING..=most).rev().find_map(|len| {
            let spelled = self.words.get(&key_at(keyed, i, len))?;
            let ends = match keyed.get(i + len) {
                None => true,
                Some(next) => {
                    !spelled.ends_in_noun
                        || next.gap
                        || AFTER_NOUN.contains(&next.c)
                        || self.starts_word(keyed, i + len)
                }
            };
            ends.then_some((len, spelled))
        })
    }

    /// Whether some rule word's reading starts at `i` (a compound of two: ちゃっとぼっと).
    fn starts_word(&self, keyed: &[Keyed], i: usize) -> bool {
        let most = self.longest.min(keyed.len().saturating_sub(i));
        (MIN_READING..=most).any(|len| self.words.contains_key(&key_at(keyed, i, len)))
    }
}

/// A character of a kana run as keys spell it.
struct Keyed {
    /// Where it starts in the text.
    at: usize,
    c: char,
    /// A space comes before it (a word break).
    gap: bool,
}

fn key_at(keyed: &[Keyed], i: usize, len: usize) -> String {
    keyed[i..i + len].iter().map(|k| k.c).collect()
}

/// The reading of a whole word: each piece's reading, kana pieces as written; None when a
/// piece has no reading.
fn read_whole(reader: &dyn WordReader, word: &str) -> Option<String> {
    let pieces = reader.read_words(word);
    if pieces.is_empty() {
        return None;
    }
    let mut reading = String::new();
    for (surface, read) in pieces {
        match read {
            Some(r) if r != "*" => reading.push_str(&r),
            _ if surface.chars().all(is_kana) => reading.push_str(&surface),
            _ => return None,
        }
    }
    Some(reading)
}

/// The key of a reading or of typed kana: katakana, small kana full size, ヂ/ヅ as ジ/ズ, no
/// long-vowel mark (the folding `text::reading` uses for search, which the domain cannot
/// import).
fn key_of(kana: &str) -> String {
    kana.chars().filter(|c| *c != 'ー').map(fold).collect()
}

fn fold(c: char) -> char {
    let c = if ('\u{3041}'..='\u{3096}').contains(&c) {
        char::from_u32(c as u32 + 0x60).unwrap_or(c)
    } else {
        c
    };
    match c {
        'ヂ' => 'ジ',
        'ヅ' => 'ズ',
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
        'ヵ' => 'カ',
        'ヶ' => 'ケ',
        other => other,
    }
}

fn is_hiragana(c: char) -> bool {
    ('\u{3041}'..='\u{309f}').contains(&c)
}

fn is_kana(c: char) -> bool {
    is_hiragana(c) || ('\u{30a1}'..='\u{30ff}').contains(&c)
}

fn is_kanji(c: char) -> bool {
    ('\u{4e00}'..='\u{9fff}').contains(&c) || c == '々'
}

fn is_japanese(c: char) -> bool {
    is_kana(c) || is_kanji(c)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A reader that knows a few words, as the dictionary would read them.
    struct Reader;

    impl WordReader for Reader {
        fn read_words(&self, text: &str) -> Vec<(String, Option<String>)> {
            let known = [
                ("解雇", "カイコ"),
                ("残業代", "ザンギョウダイ"),
                ("特許", "トッキョ"),
                ("侵害", "シンガイ"),
                ("チャット", "チャット"),
                ("ボット", "ボット"),
                ("更正", "コウセイ"),
                ("返済", "ヘンサイ"),
            ];
            known
                .iter()
                .find(|(w, _)| *w == text)
                .map(|(w, r)| vec![(w.to_string(), Some(r.to_string()))])
                .unwrap_or_default()
        }
    }

    #[test]
    fn kana_words_are_spelled_as_the_rule_words_they_sound_like() {
        let s = KanaSpelling::new(&Reader);
        assert_eq!(s.spell("かいこされた"), "解雇された");
        assert_eq!(s.spell("ざんぎょうだいの けいさん"), "残業代の けいさん");
        // とっきょ is a rule word as written already.
        assert_eq!(s.spell("とっきょしんがい だって"), "とっきょ侵害 だって");
        assert_eq!(
            s.spell("ちゃっとぼっとの こたえ"),
            "チャットボットの こたえ"
        );
        // Spaces between kana words stay; kanji beside them is untouched.
        assert_eq!(s.spell("しゃいんを かいこ 港区"), "しゃいんを 解雇 港区");
    }

    #[test]
    fn a_reading_inside_a_longer_word_is_left_alone() {
        let s = KanaSpelling::new(&Reader);
        // こうせい before ろうどう is 厚生, not the tax office's 更正; かいこう is no dismissal.
        assert_eq!(s.spell("こうせいろうどうしょう"), "こうせいろうどうしょう");
        assert_eq!(s.spell("がっこうのかいこう"), "がっこうのかいこう");
        assert_eq!(s.spell("たかいこめ"), "たかいこめ");
    }

    #[test]
    fn words_added_with_their_readings_spell_kana_typed_for_them() {
        let mut s = KanaSpelling::default();
        s.add("補助金", Some("ホジョキン"));
        s.add("創業", Some("ソウギョウ"));
        s.add("上限", Some("ジョウゲン"));
        // The first word of a reading keeps it: 操業 reads ソウギョウ too.
        s.add("操業", Some("ソウギョウ"));
        assert!(s.knows_reading("そうぎょう"));
        assert_eq!(
            s.spell("そうぎょうの ほじょきんの じょうげんは"),
            "創業の 補助金の 上限は"
        );
        // Kana that does not start where a word can is not read as one.
        assert_eq!(s.spell("あたらしいそうぎょうか"), "あたらしいそうぎょうか");
    }

    #[test]
    fn any_list_of_words_is_read_through_the_dictionary() {
        let s = KanaSpelling::of(["返済", "特許"], &Reader);
        assert_eq!(s.spell("へんさいの そうだん"), "返済の そうだん");
        assert_eq!(s.len(), 2);
    }

    #[test]
    fn a_short_word_is_spelled_only_where_it_stands_alone() {
        let mut s = KanaSpelling::default();
        s.add_alone("区", "く");
        s.add_alone("国", "くに");
        assert_eq!(
            s.spell("くの ほじょきんと くにの ゆうし"),
            "区の ほじょきんと 国の ゆうし"
        );
        assert_eq!(
            s.spell("おおくの ひと、とくに みせ"),
            "おおくの ひと、とくに みせ"
        );
        assert_eq!(s.spell("く、くで くに"), "区、区で 国");
    }
}
