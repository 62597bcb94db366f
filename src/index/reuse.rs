//! Analyses kept from one build of the indexes to the next, so that a corpus published with a
//! few entries changed is analysed again for those entries only (issue 18).
//!
//! What a build derives from a text with the analyzer (terms per field and channel, lemmas,
//! reading words) is kept per text as lists of term numbers in a shared [`Vocabulary`], keyed
//! by a checksum of the exact text analysed: not by entry id, so an edit, an addition, a
//! deletion, or anything else that changes the text analysed (a FAQ's question copied into its
//! scheme's text, a renamed scheme in its FAQs' text) comes out as a different key. The lists
//! keep the analysis's order, so postings and every statistic over the whole collection
//! (document count, average lengths, df and idf) are assembled from them exactly as a build
//! from scratch assembles them from the analyzer's output.
//!
//! It never holds the texts themselves: a term number takes one to three bytes (LEB128; the
//! common terms, met first, have the small numbers), and the vocabulary holds each distinct
//! term once. A list whose reader counts terms (every list an index is built from) keeps each
//! distinct term once, where it first occurs, with its count: replayed as that many copies in a
//! row, it gives a builder the same terms numbered in the same order, the same counts per field
//! and the same field lengths as the analysis it was kept from, in about a third of the bytes.

use std::sync::Arc;

use rustc_hash::FxHashMap;
use sha2::{Digest, Sha256};

use crate::text::Vocabulary;

/// A checksum of the text of one document (128 bits of SHA-256 of its fields).
pub type TextKey = [u8; 16];

/// The checksum of a document's text, field by field (each field's length is part of it, so
/// moving words between fields changes the key).
pub fn text_key<'a>(fields: impl IntoIterator<Item = &'a str>) -> TextKey {
    let mut hash = Sha256::new();
    for field in fields {
        hash.update((field.len() as u64).to_le_bytes());
        hash.update(field.as_bytes());
    }
    let digest = hash.finalize();
    let mut key = [0u8; 16];
    key.copy_from_slice(&digest[..16]);
    key
}

/// How many documents of a build took their analysis from the previous build, and how many
/// were analysed.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, serde::Serialize)]
pub struct Reuse {
    pub reused: usize,
    pub analysed: usize,
}

impl std::ops::Add for Reuse {
    type Output = Reuse;
    fn add(self, other: Reuse) -> Reuse {
        Reuse {
            reused: self.reused + other.reused,
            analysed: self.analysed + other.analysed,
        }
    }
}

/// How an entry's lists are kept: how many there are, and which of them only their readers'
/// counts need.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub(crate) struct Layout {
    pub(crate) segments: usize,
    /// Bit `s` set: list `s` is read by something that counts its terms (an index builder), so
    /// it is kept as each distinct term, in the order of first occurrence, with its count.
    /// Clear: kept term by term, in order (lemmas, which the static embedder reads).
    pub(crate) counted: u32,
}

impl Layout {
    /// `segments` lists, all kept term by term.
    pub(crate) fn ordered(segments: usize) -> Layout {
        Layout {
            segments,
            counted: 0,
        }
    }

    /// `segments` lists, all but those of `ordered` (a bit per list) kept as counts.
    pub(crate) fn counted_except(segments: usize, ordered: u32) -> Layout {
        assert!(segments <= 32, "at most 32 lists");
        let all = if segments == 32 {
            u32::MAX
        } else {
            (1 << segments) - 1
        };
        Layout {
            segments,
            counted: all & !ordered,
        }
    }

    fn is_counted(self, s: usize) -> bool {
        self.counted & (1 << s) != 0
    }
}

/// The analyses of one kind of document (scheme texts, FAQ texts, a view …), by text.
///
/// An entry is one allocation: the byte offset where each of its lists ends (four bytes each),
/// then the lists in turn: term numbers as LEB128, in a counted list each number doubled, plus
/// one when a count (less two, LEB128) follows, for a term that occurs more than once.
#[derive(Debug, Clone, Default)]
pub struct Analyses {
    /// What was kept per text (the lists and what they hold); analyses kept for another shape
    /// or layout are never reused.
    shape: u32,
    layout: Layout,
    /// Scratch for counting a fresh list: each term's place in it, or `u32::MAX`.
    place_of: Vec<u32>,
    vocabulary: Vocabulary,
    texts: FxHashMap<TextKey, Arc<[u8]>>,
}

impl Analyses {
    fn new(shape: u32, layout: Layout) -> Analyses {
        Analyses {
            shape,
            layout,
            ..Analyses::default()
        }
    }

    /// Analyses of `shape` to add to, starting from `previous` when it has that shape (so its
    /// entries' term numbers stay valid).
    pub(crate) fn continuing(previous: Option<&Analyses>, shape: u32, layout: Layout) -> Analyses {
        match previous {
            Some(p) if p.shape == shape && p.layout == layout => Analyses {
                shape,
                layout,
                place_of: Vec::new(),
                vocabulary: p.vocabulary.clone(),
                texts: FxHashMap::default(),
            },
            _ => Analyses::new(shape, layout),
        }
    }

    /// The kept analysis of a text, when `self` has the given shape, layout and the text.
    pub(crate) fn find(&self, shape: u32, layout: Layout, key: &TextKey) -> Option<Arc<[u8]>> {
        if self.shape != shape || self.layout != layout {
            return None;
        }
        self.texts.get(key).cloned()
    }

    /// The terms of list `s` of a kept analysis, in order; in a counted list each distinct term
    /// as many times in a row as it occurred, in the order of first occurrence.
    pub(crate) fn list<'a>(
        &'a self,
        kept: &'a [u8],
        s: usize,
    ) -> impl Iterator<Item = &'a str> + 'a {
        entry_list(self.layout, kept, s)
            .flat_map(|(id, count)| std::iter::repeat_n(self.vocabulary.term(id), count as usize))
    }

    /// List `s` of a kept analysis as (term number, count) pairs, in the order of
    /// [`Analyses::list`]; a number stands for one term ([`Analyses::term`]) throughout a build.
    pub(crate) fn numbered<'a>(&'a self, kept: &'a [u8], s: usize) -> EntryList<'a> {
        entry_list(self.layout, kept, s)
    }

    pub(crate) fn term(&self, id: u32) -> &str {
        self.vocabulary.term(id)
    }

    /// Keeps a text's analysis taken from the analyses `self` continues.
    pub(crate) fn keep_reused(&mut self, key: TextKey, kept: Arc<[u8]>) {
        self.texts.insert(key, kept);
    }

    /// Keeps a fresh analysis, and returns it as kept.
    pub(crate) fn keep_fresh(&mut self, key: TextKey, lists: &Lists) -> Arc<[u8]> {
        assert_eq!(
            lists.segments(),
            self.layout.segments,
            "one list per segment"
        );
        let mut ends = Vec::with_capacity(self.layout.segments);
        let mut terms: Vec<(u32, u32)> = Vec::with_capacity(lists.ends.len());
        for s in 0..self.layout.segments {
            let from = terms.len();
            for term in lists.list(s) {
                let id = self.vocabulary.intern(term);
                if !self.layout.is_counted(s) {
                    terms.push((id, 1));
                    continue;
                }
                if self.place_of.len() <= id as usize {
                    self.place_of.resize(id as usize + 1, u32::MAX);
                }
                match self.place_of[id as usize] {
                    u32::MAX => {
                        self.place_of[id as usize] = terms.len() as u32;
                        terms.push((id, 1));
                    }
                    at => terms[at as usize].1 += 1,
                }
            }
            for &(id, _) in &terms[from..] {
                if let Some(place) = self.place_of.get_mut(id as usize) {
                    *place = u32::MAX;
                }
            }
            ends.push(terms.len() as u32);
        }
        let kept = encode(self.layout, &ends, &terms);
        self.texts.insert(key, kept.clone());
        kept
    }

    /// Texts kept.
    pub fn len(&self) -> usize {
        self.texts.len()
    }

    pub fn is_empty(&self) -> bool {
        self.texts.is_empty()
    }

    /// Heap bytes, roughly: term numbers and the vocabulary.
    pub fn heap_bytes(&self) -> usize {
        let lists: usize = self.texts.values().map(|k| k.len() + 16 + 16 + 16).sum();
        let vocabulary: usize = self
            .vocabulary
            .terms()
            .map(|t| t.len() + 16 + 16 + 16 + 4)
            .sum();
        lists + vocabulary
    }

    /// Drops the vocabulary's terms no kept text uses any more, once they outnumber the used
    /// ones (deleted and edited texts leave theirs behind), renumbering the rest.
    pub(crate) fn compact(&mut self) {
        // The scratch of counting fresh lists is done with once a build has kept them all.
        self.place_of = Vec::new();
        let mut used = vec![false; self.vocabulary.len()];
        for kept in self.texts.values() {
            for s in 0..self.layout.segments {
                for (id, _) in entry_list(self.layout, kept, s) {
                    used[id as usize] = true;
                }
            }
        }
        let live = used.iter().filter(|&&u| u).count();
        if self.vocabulary.len() <= 2 * live + 1024 {
            return;
        }
        let mut vocabulary = Vocabulary::default();
        let mut renumber = vec![u32::MAX; used.len()];
        for (old, term) in self.vocabulary.terms().enumerate() {
            if used[old] {
                renumber[old] = vocabulary.intern(term);
            }
        }
        for kept in self.texts.values_mut() {
            let mut ends = Vec::with_capacity(self.layout.segments);
            let mut terms = Vec::new();
            for s in 0..self.layout.segments {
                terms.extend(
                    entry_list(self.layout, kept, s)
                        .map(|(id, count)| (renumber[id as usize], count)),
                );
                ends.push(terms.len() as u32);
            }
            *kept = encode(self.layout, &ends, &terms);
        }
        self.vocabulary = vocabulary;
    }
}

/// An entry: each list's end as a byte offset, then the lists; `terms` are (term, count)
/// pairs, `ends` the lists' ends in pairs. A list kept term by term has every count 1.
fn encode(layout: Layout, ends: &[u32], terms: &[(u32, u32)]) -> Arc<[u8]> {
    fn push(bytes: &mut Vec<u8>, mut v: u64) {
        while v >= 0x80 {
            bytes.push((v as u8) | 0x80);
            v >>= 7;
        }
        bytes.push(v as u8);
    }
    let header = 4 * layout.segments;
    let mut bytes = vec![0u8; header];
    bytes.reserve(terms.len() * 2);
    let mut from = 0;
    for (s, &end) in ends.iter().enumerate() {
        for &(id, count) in &terms[from..end as usize] {
            if layout.is_counted(s) {
                push(&mut bytes, u64::from(id) << 1 | u64::from(count > 1));
                if count > 1 {
                    push(&mut bytes, u64::from(count - 2));
                }
            } else {
                debug_assert_eq!(count, 1, "a list kept in order has no counts");
                push(&mut bytes, u64::from(id));
            }
        }
        from = end as usize;
        let offset = (bytes.len() - header) as u32;
        bytes[4 * s..4 * s + 4].copy_from_slice(&offset.to_le_bytes());
    }
    bytes.into()
}

/// The (term, count) pairs of list `s` of an entry.
fn entry_list(layout: Layout, kept: &[u8], s: usize) -> EntryList<'_> {
    let header = 4 * layout.segments;
    let end_of = |s: usize| {
        let at = 4 * s;
        u32::from_le_bytes([kept[at], kept[at + 1], kept[at + 2], kept[at + 3]]) as usize
    };
    let start = if s == 0 { 0 } else { end_of(s - 1) };
    EntryList {
        numbers: Numbers(&kept[header + start..header + end_of(s)]),
        counted: layout.is_counted(s),
    }
}

/// The (term number, count) pairs of one list of a kept analysis.
pub(crate) struct EntryList<'a> {
    numbers: Numbers<'a>,
    counted: bool,
}

impl Iterator for EntryList<'_> {
    type Item = (u32, u32);

    fn next(&mut self) -> Option<(u32, u32)> {
        let v = self.numbers.next()?;
        if !self.counted {
            return Some((v as u32, 1));
        }
        let count = if v & 1 == 1 {
            self.numbers.next()? as u32 + 2
        } else {
            1
        };
        Some(((v >> 1) as u32, count))
    }
}

/// The LEB128 numbers of a byte slice.
struct Numbers<'a>(&'a [u8]);

impl Iterator for Numbers<'_> {
    type Item = u64;

    fn next(&mut self) -> Option<u64> {
        let mut value = 0u64;
        let mut shift = 0;
        loop {
            let (&byte, rest) = self.0.split_first()?;
            self.0 = rest;
            value |= u64::from(byte & 0x7f) << shift;
            if byte < 0x80 {
                return Some(value);
            }
            shift += 7;
        }
    }
}

/// A fresh analysis of one text: lists of terms, one after another in one buffer.
#[derive(Debug, Clone, Default)]
pub(crate) struct Lists {
    text: String,
    ends: Vec<u32>,
    /// Where each list ends, in terms.
    segment_ends: Vec<u32>,
}

impl Lists {
    pub(crate) fn push(&mut self, term: &str) {
        self.text.push_str(term);
        self.ends.push(self.text.len() as u32);
    }

    /// Ends the current list (an empty one when nothing was pushed since the last end).
    pub(crate) fn end_list(&mut self) {
        self.segment_ends.push(self.ends.len() as u32);
    }

    pub(crate) fn segments(&self) -> usize {
        self.segment_ends.len()
    }

    /// The terms of list `s`.
    pub(crate) fn list(&self, s: usize) -> impl Iterator<Item = &str> + '_ {
        let start = if s == 0 {
            0
        } else {
            self.segment_ends[s - 1] as usize
        };
        let end = self.segment_ends[s] as usize;
        (start..end).map(move |i| {
            let from = if i == 0 { 0 } else { self.ends[i - 1] as usize };
            &self.text[from..self.ends[i] as usize]
        })
    }
}

/// One document's analysis as a build reads it: kept (a fresh one is kept first), or none.
pub(crate) enum DocTerms<'a> {
    Kept(&'a Analyses, &'a [u8]),
    /// A document with no text: nothing to analyse or keep.
    Empty,
}

impl<'a> DocTerms<'a> {
    /// The terms of list `s`, in the order the analysis gave them.
    pub(crate) fn list(&self, s: usize) -> Box<dyn Iterator<Item = &'a str> + 'a> {
        match *self {
            DocTerms::Kept(analyses, kept) => Box::new(analyses.list(kept, s)),
            DocTerms::Empty => Box::new(std::iter::empty()),
        }
    }

    pub(crate) fn strings(&self, s: usize) -> Vec<String> {
        self.list(s).map(str::to_string).collect()
    }
}

/// What a worker hands the build for one document: its key and its analysis, kept or fresh.
pub(crate) enum Found {
    Kept(TextKey, Arc<[u8]>),
    Fresh(TextKey, Lists),
    Empty,
}

/// Hands every document's analysis to `take`, in document order, and returns the analyses of
/// this build for the next one: for document `i` with text key `key_of(i)`, the previous
/// build's when it has that key, else `analyse(i)` (on worker threads). A document whose
/// `key_of` is `None` has no text: it is handed over empty and counted neither way.
pub(crate) fn analyse_reusing(
    count: usize,
    shape: u32,
    layout: Layout,
    previous: Option<&Analyses>,
    key_of: impl Fn(usize) -> Option<TextKey> + Sync,
    analyse: impl Fn(usize) -> crate::text::Result<Lists> + Sync,
    mut take: impl FnMut(DocTerms<'_>),
) -> crate::text::Result<(Analyses, Reuse)> {
    let mut next = Analyses::continuing(previous, shape, layout);
    let mut reuse = Reuse::default();
    let find = |i: usize| -> crate::text::Result<Found> {
        let Some(key) = key_of(i) else {
            return Ok(Found::Empty);
        };
        if let Some(kept) = previous.and_then(|p| p.find(shape, layout, &key)) {
            return Ok(Found::Kept(key, kept));
        }
        Ok(Found::Fresh(key, analyse(i)?))
    };
    super::parallel::in_order_parallel(count, super::parallel::BUILD_CHUNK, find, |found| {
        match found {
            Found::Kept(key, kept) => {
                reuse.reused += 1;
                take(DocTerms::Kept(&next, &kept));
                next.keep_reused(key, kept);
            }
            Found::Fresh(key, lists) => {
                reuse.analysed += 1;
                // Read back as kept: the builders then meet each term by its number.
                let kept = next.keep_fresh(key, &lists);
                take(DocTerms::Kept(&next, &kept));
            }
            Found::Empty => take(DocTerms::Empty),
        }
    })?;
    next.compact();
    Ok((next, reuse))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn lists(groups: &[&[&str]]) -> Lists {
        let mut l = Lists::default();
        for g in groups {
            for t in *g {
                l.push(t);
            }
            l.end_list();
        }
        l
    }

    fn collect(d: &DocTerms<'_>, segments: usize) -> Vec<Vec<String>> {
        (0..segments).map(|s| d.strings(s)).collect()
    }

    /// The terms of each list of a fresh analysis.
    fn read_fresh(l: &Lists) -> Vec<Vec<String>> {
        (0..l.segments())
            .map(|s| l.list(s).map(str::to_string).collect())
            .collect()
    }

    #[test]
    fn a_kept_analysis_reads_back_as_the_fresh_one() {
        let fresh = lists(&[&["補助", "金"], &[], &["創業", "補助", "補助"]]);
        let layout = Layout::ordered(3);
        let mut kept = Analyses::new(7, layout);
        let key = text_key(["a", "b"]);
        kept.keep_fresh(key, &fresh);
        let entry = kept.find(7, layout, &key).unwrap();
        assert_eq!(
            collect(&DocTerms::Kept(&kept, &entry), 3),
            read_fresh(&fresh)
        );
        assert!(
            kept.find(8, layout, &key).is_none(),
            "another shape is not reused"
        );
        assert!(
            kept.find(7, Layout::counted_except(3, 0), &key).is_none(),
            "another layout is not reused"
        );
    }

    #[test]
    fn a_counted_list_reads_back_each_term_in_a_row_in_the_order_first_met() {
        let fresh = lists(&[
            &["補助", "金", "補助", "創業", "金", "補助"],
            &["一", "二", "一"],
            &[],
        ]);
        // The second list is kept in order, the others as counts.
        let layout = Layout::counted_except(3, 0b010);
        let mut kept = Analyses::new(1, layout);
        let key = text_key(["x"]);
        kept.keep_fresh(key, &fresh);
        let entry = kept.find(1, layout, &key).unwrap();
        let read = collect(&DocTerms::Kept(&kept, &entry), 3);
        assert_eq!(
            read,
            vec![
                vec!["補助", "補助", "補助", "金", "金", "創業"],
                vec!["一", "二", "一"],
                vec![],
            ]
        );
        // The same terms kept in order take more bytes than counted.
        let mut ordered = Analyses::new(1, Layout::ordered(3));
        ordered.keep_fresh(key, &fresh);
        assert!(entry.len() < ordered.find(1, Layout::ordered(3), &key).unwrap().len());
    }

    #[test]
    fn numbers_and_counts_of_every_size_read_back() {
        let sizes = [
            0,
            1,
            127,
            128,
            16_383,
            16_384,
            2_097_151,
            2_097_152,
            u32::MAX,
        ];
        let ordered: Vec<(u32, u32)> = sizes.iter().map(|&id| (id, 1)).collect();
        let counted: Vec<(u32, u32)> = sizes
            .iter()
            .zip(sizes.iter().rev())
            .map(|(&id, &count)| (id, count.max(1)))
            .collect();
        for layout in [Layout::ordered(2), Layout::counted_except(2, 0)] {
            let terms = if layout.counted == 0 {
                &ordered
            } else {
                &counted
            };
            let bytes = encode(layout, &[3, 9], terms);
            let first: Vec<(u32, u32)> = entry_list(layout, &bytes, 0).collect();
            let second: Vec<(u32, u32)> = entry_list(layout, &bytes, 1).collect();
            assert_eq!(first, terms[..3]);
            assert_eq!(second, terms[3..]);
        }
    }

    #[test]
    fn text_keys_tell_fields_apart() {
        assert_ne!(text_key(["ab", "c"]), text_key(["a", "bc"]));
        assert_eq!(text_key(["ab", "c"]), text_key(["ab", "c"]));
    }

    #[test]
    fn a_rebuild_analyses_only_new_texts_and_compaction_keeps_what_is_used() {
        let texts = ["一 二", "二 三", "三 四"];
        let analyse = |t: &str| {
            let mut l = Lists::default();
            for w in t.split(' ') {
                l.push(w);
            }
            l.end_list();
            Ok(l)
        };
        let run = |texts: &[String], previous: Option<&Analyses>| {
            let mut seen = Vec::new();
            let (next, reuse) = analyse_reusing(
                texts.len(),
                1,
                Layout::counted_except(1, 0),
                previous,
                |i| Some(text_key([texts[i].as_str()])),
                |i| analyse(&texts[i]),
                |d| seen.push(d.strings(0)),
            )
            .unwrap();
            (next, reuse, seen)
        };
        let first: Vec<String> = texts.iter().map(|t| t.to_string()).collect();
        let (a, reuse, _) = run(&first, None);
        assert_eq!(
            reuse,
            Reuse {
                reused: 0,
                analysed: 3
            }
        );
        let mut second = first.clone();
        second[1] = "二 五".into();
        second.remove(2);
        let (b, reuse, seen) = run(&second, Some(&a));
        assert_eq!(
            reuse,
            Reuse {
                reused: 1,
                analysed: 1
            }
        );
        assert_eq!(seen, vec![vec!["一", "二"], vec!["二", "五"]]);
        assert_eq!(b.len(), 2, "the deleted text is not kept");
        // Many rounds of new words: the vocabulary stays bounded by what is used.
        let mut last = b;
        for round in 0..3000 {
            let texts = vec![format!("一 語{round}")];
            let (next, _, seen) = run(&texts, Some(&last));
            assert_eq!(seen, vec![vec!["一".to_string(), format!("語{round}")]]);
            last = next;
        }
        assert!(
            last.vocabulary.len() <= 2 * 2 + 1024 + 1,
            "{}",
            last.vocabulary.len()
        );
    }
}
