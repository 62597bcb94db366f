//! BM25F: BM25 over several weighted fields (title and aliases > summary > body).
//!
//! For a query term t and document d:
//!   tf~(t,d) = Σ_f w_f · tf_f(t,d) / (1 − b + b · len_f(d) / avglen_f)
//!   s(t,d)   = tf~ · (k1 + 1) / (k1 + tf~)
//!   score    = Σ_t (q_t · idf(t)) · s(t,d)
//!   idf(t)   = ln(1 + (N − df + 0.5) / (df + 0.5))
//! where q_t is the query-side weight (1 for typed words, less for synonyms and n-grams). s, the
//! saturated tf~ (the posting's impact), does not depend on the query: it is computed once when
//! the index is finished, and a query multiplies it by its term's factor.
//!
//! Layout. Terms are numbered; a term's postings (the documents it occurs in, ascending) are
//! kept in blocks of up to [`BLOCK`], each block described by its first and last document and
//! the largest impact in it, so a query can skip a block without reading it. Within a block a
//! posting is six bytes: its document as an offset from the block's first (a block never spans
//! more than 65,536 documents) and its impact (while building, a posting holds a code for its
//! counts per field instead, and each document its field lengths). Impacts and scores are
//! computed exactly as the formulas above say, in the same order of operations, whichever way a
//! query walks the postings. A term in most documents keeps one impact per document instead
//! (a row, see [`row_pays`]).

use rustc_hash::FxHashMap;

pub const FIELDS: usize = 3;

/// Postings per block.
pub const BLOCK: usize = 128;

#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Bm25Params {
    pub k1: f32,
    pub b: f32,
    pub field_weights: [f32; FIELDS],
}

impl Default for Bm25Params {
    fn default() -> Self {
        Bm25Params {
            k1: 1.2,
            b: 0.75,
            field_weights: [3.0, 2.0, 1.0],
        }
    }
}

/// Up to [`BLOCK`] postings of one term.
#[derive(Debug, Clone, Copy, PartialEq)]
struct Block {
    term: u32,
    first_doc: u32,
    last_doc: u32,
    /// Where the block's document offsets start in `Bm25F::offsets`.
    start: u32,
    /// Where its codes start in the builder's `codes` (used until the index is finished).
    code_start: u32,
    len: u16,
    /// Codes of two bytes in the builder (a count vector numbered 256 or later is in it).
    wide: bool,
    /// The largest impact in the block (set when the index is finished).
    max_impact: f32,
}

/// An in-memory BM25F index over documents numbered 0..n in insertion order.
#[derive(Debug, Clone, PartialEq)]
pub struct Bm25F {
    params: Bm25Params,
    ids: FxHashMap<Box<str>, u32>,
    idf: Vec<f32>,
    /// The blocks of term t are `blocks[starts[t]..starts[t + 1]]`.
    starts: Vec<u32>,
    blocks: Vec<Block>,
    /// Each posting's document minus its block's first document.
    offsets: Vec<u16>,
    /// Each posting's impact.
    impacts: Vec<f32>,
    /// The largest impact of each term.
    max_impact: Vec<f32>,
    /// The row of each term kept as one (see [`row_pays`]), or [`NO_ROW`]: such a term has no
    /// blocks.
    row_of: Vec<u32>,
    /// One impact per document for each term kept as a row (zero where it does not occur).
    rows: Vec<f32>,
    /// Postings in all (one per term and document it occurs in), rows included.
    postings: usize,
    documents: usize,
}

const NO_ROW: u32 = u32::MAX;

/// Whether a term in `df` of `documents` documents is kept as a row of impacts, one for every
/// document, instead of postings: when it is in at least two thirds of them, where the row
/// (four bytes a document) takes no more memory than the postings (six bytes each). A query
/// adds a row to the scores slot by slot, the adds side by side, with no document numbers to
/// read, where postings are added one scattered document at a time. Adding a zero leaves a sum
/// as it was, so the scores are the same bits either way.
fn row_pays(df: usize, documents: usize) -> bool {
    df > 0 && 3 * df >= 2 * documents
}

/// Builds a [`Bm25F`] one document at a time, so a large corpus never has to hold every
/// document's terms in memory at once.
#[derive(Debug)]
pub struct Bm25FBuilder {
    params: Bm25Params,
    ids: FxHashMap<Box<str>, u32>,
    /// Postings of each term not yet written as a block: (document, tf~ code).
    pending: Vec<Vec<(u32, u32)>>,
    blocks: Vec<Block>,
    offsets: Vec<u16>,
    codes: Vec<u8>,
    doc_len: Vec<[u32; FIELDS]>,
    totals: [u64; FIELDS],
    /// The distinct count vectors, in the order their codes number them.
    count_codes: FxHashMap<[u16; FIELDS], u32>,
    counts_of_code: Vec<[u16; FIELDS]>,
    /// Scratch for one document: counts by term id, and the ids it touched, in first-seen order.
    counts: Vec<[u16; FIELDS]>,
    touched: Vec<u32>,
    /// The code of each count vector whose counts are all below 8, once it has one.
    small_codes: Vec<Option<u32>>,
    documents_added: usize,
    /// The id of each term number met by [`Bm25FBuilder::add_numbered`], or `u32::MAX`.
    id_of_number: Vec<u32>,
}

impl Bm25FBuilder {
    pub fn new(params: Bm25Params) -> Bm25FBuilder {
        Bm25FBuilder {
            params,
            ids: FxHashMap::default(),
            pending: Vec::new(),
            blocks: Vec::new(),
            offsets: Vec::new(),
            codes: Vec::new(),
            doc_len: Vec::new(),
            totals: [0; FIELDS],
            count_codes: FxHashMap::default(),
            counts_of_code: Vec::new(),
            counts: Vec::new(),
            touched: Vec::new(),
            small_codes: vec![None; 8 * 8 * 8],
            documents_added: 0,
            id_of_number: Vec::new(),
        }
    }

    /// Adds the next document (numbered in call order).
    pub fn add<S: AsRef<str>>(&mut self, fields: &[Vec<S>; FIELDS]) {
        self.add_terms(fields.each_ref().map(|f| f.iter().map(|s| s.as_ref())));
    }

    /// Adds the next document from each field's terms (numbered in call order).
    pub fn add_terms<'t, I: Iterator<Item = &'t str>>(&mut self, fields: [I; FIELDS]) {
        let mut lens = [0u32; FIELDS];
        for (f, terms) in fields.into_iter().enumerate() {
            for t in terms {
                lens[f] += 1;
                let id = self.id(t);
                self.count(id, f, 1);
            }
        }
        self.end_document(lens);
    }

    /// [`Bm25FBuilder::add_terms`] with each field's terms as (term number, count) pairs, and
    /// `term` spelling a number. Every call of one build must number terms alike: a number is
    /// looked up by its spelling once, not hashed again for every document.
    pub fn add_numbered<'t>(
        &mut self,
        fields: [impl Iterator<Item = (u32, u32)>; FIELDS],
        term: impl Fn(u32) -> &'t str,
    ) {
        let mut lens = [0u32; FIELDS];
        for (f, terms) in fields.into_iter().enumerate() {
            for (number, count) in terms {
                lens[f] += count;
                let at = number as usize;
                if at >= self.id_of_number.len() {
                    self.id_of_number.resize(at + 1, u32::MAX);
                }
                let id = match self.id_of_number[at] {
                    u32::MAX => {
                        let id = self.id(term(number));
                        self.id_of_number[at] = id;
                        id
                    }
                    id => id,
                };
                self.count(id, f, count);
            }
        }
        self.end_document(lens);
    }

    /// Counts `n` more of term `id` in field `f` of the document being added.
    fn count(&mut self, id: u32, f: usize, n: u32) {
        let tf = &mut self.counts[id as usize];
        if *tf == [0; FIELDS] {
            self.touched.push(id);
        }
        tf[f] = tf[f].saturating_add(u16::try_from(n).unwrap_or(u16::MAX));
    }

    /// Writes the postings of the document whose terms were counted, of `lens` terms by field.
    fn end_document(&mut self, lens: [u32; FIELDS]) {
        let doc = u32::try_from(self.doc_len.len()).expect("fewer than 2^32 documents");
        for (total, len) in self.totals.iter_mut().zip(lens) {
            *total += u64::from(len);
        }
        for i in 0..self.touched.len() {
            let id = self.touched[i] as usize;
            let tf = std::mem::replace(&mut self.counts[id], [0; FIELDS]);
            let code = self.code(tf);
            // A block's documents are offsets of at most 65,535 from its first.
            if let Some(&(first, _)) = self.pending[id].first()
                && doc - first > u32::from(u16::MAX)
            {
                self.write_block(id as u32);
            }
            self.pending[id].push((doc, code));
            if self.pending[id].len() == BLOCK {
                self.write_block(id as u32);
            }
        }
        self.touched.clear();
        self.doc_len.push(lens);
    }

    /// The code of a count vector; a new vector gets the next one.
    fn code(&mut self, tf: [u16; FIELDS]) -> u32 {
        // Counts below 8 in every field (nearly all) find their code without hashing.
        let small = tf.iter().all(|&c| c < 8);
        let slot = tf.iter().fold(0usize, |k, &c| k * 8 + (c as usize & 7));
        if small && let Some(code) = self.small_codes[slot] {
            return code;
        }
        let next = self.counts_of_code.len() as u32;
        let code = *self.count_codes.entry(tf).or_insert(next);
        if code == next {
            self.counts_of_code.push(tf);
        }
        if small {
            self.small_codes[slot] = Some(code);
        }
        code
    }

    fn id(&mut self, term: &str) -> u32 {
        if let Some(&id) = self.ids.get(term) {
            return id;
        }
        let id = u32::try_from(self.ids.len()).expect("fewer than 2^32 terms");
        self.ids.insert(term.into(), id);
        self.counts.push([0; FIELDS]);
        self.pending.push(Vec::new());
        id
    }

    /// Writes the pending postings of `term` as one block.
    fn write_block(&mut self, term: u32) {
        let postings = &mut self.pending[term as usize];
        let (Some(&(first_doc, _)), Some(&(last_doc, _))) = (postings.first(), postings.last())
        else {
            return;
        };
        let start = u32::try_from(self.offsets.len()).expect("fewer than 2^32 postings");
        let code_start = u32::try_from(self.codes.len()).expect("fewer than 2^32 code bytes");
        let wide = postings.iter().any(|&(_, code)| code > u32::from(u8::MAX));
        for &(doc, code) in postings.iter() {
            self.offsets.push((doc - first_doc) as u16);
            if wide {
                let code = u16::try_from(code).expect("fewer than 65,536 distinct count vectors");
                self.codes.extend_from_slice(&code.to_le_bytes());
            } else {
                self.codes.push(code as u8);
            }
        }
        self.blocks.push(Block {
            term,
            first_doc,
            last_doc,
            start,
            code_start,
            len: postings.len() as u16,
            wide,
            max_impact: 0.0,
        });
        postings.clear();
    }

    pub fn finish(self) -> Bm25F {
        self.finish_with(row_pays)
    }

    /// [`Bm25FBuilder::finish`], keeping a term's impacts as a row when `dense(df, documents)`.
    fn finish_with(mut self, dense: fn(usize, usize) -> bool) -> Bm25F {
        for term in 0..self.pending.len() {
            self.write_block(term as u32);
        }
        drop(std::mem::take(&mut self.pending));
        drop(std::mem::take(&mut self.counts));
        let Bm25Params {
            k1,
            b,
            field_weights,
        } = self.params;
        self.documents_added = self.doc_len.len();
        let n = self.doc_len.len().max(1) as f32;
        let avg_len: [f32; FIELDS] = std::array::from_fn(|f| (self.totals[f] as f32 / n).max(1.0));
        let norms: Vec<[f32; FIELDS]> = self
            .doc_len
            .iter()
            .map(|lens| std::array::from_fn(|f| 1.0 - b + b * lens[f] as f32 / avg_len[f]))
            .collect();
        drop(std::mem::take(&mut self.doc_len));
        let weighted: Vec<[f32; FIELDS]> = self
            .counts_of_code
            .iter()
            .map(|counts| std::array::from_fn(|f| field_weights[f] * counts[f] as f32))
            .collect();
        // Blocks by term; a term's blocks were written in document order and the sort is stable.
        self.blocks.sort_by_key(|b| b.term);
        let terms = self.ids.len();
        let documents = self.documents_added;
        let mut df = vec![0u32; terms];
        for block in &self.blocks {
            df[block.term as usize] += u32::from(block.len);
        }
        let mut row_of = vec![NO_ROW; terms];
        let mut rows_made = 0u32;
        for (row, &d) in row_of.iter_mut().zip(&df) {
            if dense(d as usize, documents) {
                *row = rows_made;
                rows_made += 1;
            }
        }
        let mut rows = vec![0.0f32; rows_made as usize * documents];
        // The postings were written block by block as terms filled them, so one term's blocks
        // lay scattered among every other's: they are copied out in term order, so that a query
        // reads each term's postings in one run (a dense term's impacts go to its row instead).
        // tf~ of every posting comes from its counts (w_f · tf_f, skipping fields it is not in)
        // and its document's normaliser per field, and its impact from tf~.
        let sparse_postings: usize = df
            .iter()
            .zip(&row_of)
            .filter(|(_, row)| **row == NO_ROW)
            .map(|(&d, _)| d as usize)
            .sum();
        let mut offsets: Vec<u16> = Vec::with_capacity(sparse_postings);
        let mut impacts: Vec<f32> = Vec::with_capacity(sparse_postings);
        let mut kept: Vec<Block> = Vec::with_capacity(
            self.blocks
                .iter()
                .filter(|b| row_of[b.term as usize] == NO_ROW)
                .count(),
        );
        for block in &self.blocks {
            let row = row_of[block.term as usize];
            let start = u32::try_from(offsets.len()).expect("fewer than 2^32 postings");
            for i in 0..usize::from(block.len) {
                let code = if block.wide {
                    let at = block.code_start as usize + 2 * i;
                    usize::from(u16::from_le_bytes([self.codes[at], self.codes[at + 1]]))
                } else {
                    usize::from(self.codes[block.code_start as usize + i])
                };
                let offset = self.offsets[block.start as usize + i];
                let doc = block.first_doc as usize + usize::from(offset);
                let (weighted, norm) = (&weighted[code], &norms[doc]);
                let mut tf = 0.0;
                for f in 0..FIELDS {
                    if weighted[f] != 0.0 {
                        tf += weighted[f] / norm[f];
                    }
                }
                let impact = tf * (k1 + 1.0) / (k1 + tf);
                if row == NO_ROW {
                    offsets.push(offset);
                    impacts.push(impact);
                } else {
                    rows[row as usize * documents + doc] = impact;
                }
            }
            if row == NO_ROW {
                kept.push(Block { start, ..*block });
            }
        }
        drop(std::mem::take(&mut self.blocks));
        drop(std::mem::take(&mut self.codes));
        drop(std::mem::take(&mut self.offsets));
        drop(norms);
        let mut starts = vec![0u32; terms + 1];
        for block in &kept {
            starts[block.term as usize + 1] += 1;
        }
        for t in 0..terms {
            starts[t + 1] += starts[t];
        }
        let mut index = Bm25F {
            params: self.params,
            ids: self.ids,
            idf: Vec::new(),
            starts,
            blocks: Vec::new(),
            offsets,
            impacts,
            max_impact: vec![0.0; terms],
            row_of,
            rows,
            postings: df.iter().map(|&d| d as usize).sum(),
            documents,
        };
        for block in &mut kept {
            let mut max = 0.0f32;
            for i in 0..block.len as usize {
                max = max.max(index.impact_at(block, i));
            }
            block.max_impact = max;
            let term_max = &mut index.max_impact[block.term as usize];
            *term_max = term_max.max(max);
        }
        index.blocks = kept;
        for t in 0..terms {
            let row_max = index
                .row(t as u32)
                .map(|row| row.iter().fold(0.0f32, |max, &impact| max.max(impact)));
            if let Some(max) = row_max {
                index.max_impact[t] = max;
            }
        }
        let n = documents as f32;
        index.idf = df
            .iter()
            .map(|&d| {
                let d = d as f32;
                (1.0 + (n - d + 0.5) / (d + 0.5)).ln()
            })
            .collect();
        index
    }
}

/// A query term found in an index: its id and `weight · q_t · idf(t)`, the factor every one of
/// its postings' scores starts from.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct QueryTerm {
    pub term: u32,
    pub factor: f32,
}

impl Bm25F {
    /// `docs[i][f]` is the list of terms of field `f` of document `i`.
    pub fn build<S: AsRef<str>>(params: Bm25Params, docs: &[[Vec<S>; FIELDS]]) -> Bm25F {
        let mut builder = Bm25FBuilder::new(params);
        for d in docs {
            builder.add(d);
        }
        builder.finish()
    }

    pub fn len(&self) -> usize {
        self.documents
    }

    pub fn is_empty(&self) -> bool {
        self.documents == 0
    }

    pub fn vocabulary_size(&self) -> usize {
        self.ids.len()
    }

    /// Postings in the index (one per term and document it occurs in).
    pub fn postings_count(&self) -> usize {
        self.postings
    }

    /// Bytes the index holds on the heap, roughly (postings, blocks, impact tables, vocabulary).
    pub fn heap_bytes(&self) -> usize {
        let vocabulary: usize = self.ids.keys().map(|k| k.len() + 16 + 4 + 8).sum();
        self.offsets.capacity() * 2
            + self.impacts.capacity() * 4
            + self.blocks.capacity() * std::mem::size_of::<Block>()
            + (self.idf.capacity() + self.max_impact.capacity() + self.starts.capacity()) * 4
            + (self.row_of.capacity() + self.rows.capacity()) * 4
            + vocabulary
    }

    /// Whether `term` occurs in any document.
    pub fn has_term(&self, term: &str) -> bool {
        self.ids.contains_key(term)
    }

    /// Every term of the index, in no particular order.
    pub fn terms(&self) -> impl Iterator<Item = &str> + '_ {
        self.ids.keys().map(|k| &**k)
    }

    pub fn idf(&self, term: &str) -> f32 {
        match self.ids.get(term) {
            Some(&t) => self.idf[t as usize],
            None => {
                let n = self.len() as f32;
                (1.0 + (n + 0.5) / 0.5).ln()
            }
        }
    }

    /// The query's terms found in the index, each once (at its first place in `query`, with its
    /// highest weight), with `weight` applied.
    pub fn resolve(&self, query: &[(String, f32)], weight: f32) -> Vec<QueryTerm> {
        let mut out: Vec<(u32, f32)> = Vec::with_capacity(query.len());
        // The ids so far, 256 bits of them: a term whose bit is clear is new, and only a term
        // whose bit is set needs the scan for a repeat (no map is built for tens of terms).
        let mut seen = [0u64; 4];
        for (t, w) in query {
            let Some(&id) = self.ids.get(t.as_str()) else {
                continue;
            };
            let (slot, bit) = ((id as usize >> 6) & 3, 1u64 << (id & 63));
            let maybe_seen = seen[slot] & bit != 0;
            seen[slot] |= bit;
            let repeat = if maybe_seen {
                out.iter_mut().find(|(earlier, _)| *earlier == id)
            } else {
                None
            };
            match repeat {
                Some(earlier) => earlier.1 = earlier.1.max(*w),
                None => out.push((id, *w)),
            }
        }
        out.into_iter()
            .map(|(term, qw)| QueryTerm {
                term,
                factor: weight * qw * self.idf[term as usize],
            })
            .collect()
    }

    /// The score one posting of a term adds: the term's factor times the posting's impact.
    #[inline(always)]
    pub fn contribution(&self, factor: f32, impact: f32) -> f32 {
        factor * impact
    }

    /// The most any one document can get from `term` (its largest impact times its factor).
    pub fn max_contribution(&self, term: QueryTerm) -> f32 {
        self.contribution(term.factor, self.max_impact[term.term as usize])
    }

    /// The impacts of `term` by document, when it is kept as a row.
    fn row(&self, term: u32) -> Option<&[f32]> {
        match self.row_of[term as usize] {
            NO_ROW => None,
            row => Some(&self.rows[row as usize * self.documents..][..self.documents]),
        }
    }

    fn term_blocks(&self, term: u32) -> &[Block] {
        &self.blocks[self.starts[term as usize] as usize..self.starts[term as usize + 1] as usize]
    }

    /// The impact of posting `i` of `block`.
    #[inline(always)]
    fn impact_at(&self, block: &Block, i: usize) -> f32 {
        self.impacts[block.start as usize + i]
    }

    /// Calls `f(doc, impact)` for every posting of the block, in document order.
    #[inline(always)]
    fn decode(&self, block: &Block, mut f: impl FnMut(u32, f32)) {
        let postings = block.start as usize..block.start as usize + usize::from(block.len);
        for (&offset, &tf) in self.offsets[postings.clone()]
            .iter()
            .zip(&self.impacts[postings])
        {
            f(block.first_doc + u32::from(offset), tf);
        }
    }

    /// Calls `f(doc, contribution)` for every posting of `term`, in document order.
    pub fn for_each_contribution(&self, term: QueryTerm, mut f: impl FnMut(usize, f32)) {
        if let Some(row) = self.row(term.term) {
            for (doc, &impact) in row.iter().enumerate() {
                if impact != 0.0 {
                    f(doc, self.contribution(term.factor, impact));
                }
            }
            return;
        }
        for block in self.term_blocks(term.term) {
            self.decode(block, |doc, tf| {
                f(doc as usize, self.contribution(term.factor, tf));
            });
        }
    }

    /// Adds the contribution of every posting of `term` into `scores` (one slot per document):
    /// what [`Bm25F::for_each_contribution`] gives, a block at a time, the contributions first
    /// computed side by side (the same formula for each, which the compiler does several at
    /// once), then added to their documents; a term kept as a row adds to every slot, zero
    /// where it does not occur. `scratch` holds a block's contributions (its contents do not
    /// matter: a caller adding many terms fills one buffer once).
    pub fn add_contributions(
        &self,
        term: QueryTerm,
        scores: &mut [f32],
        scratch: &mut [f32; BLOCK],
    ) {
        if let Some(row) = self.row(term.term) {
            for (score, &impact) in scores[..self.documents].iter_mut().zip(row) {
                *score += self.contribution(term.factor, impact);
            }
            return;
        }
        let contributions = scratch;
        for block in self.term_blocks(term.term) {
            let postings = block.start as usize..block.start as usize + usize::from(block.len);
            let impacts = &self.impacts[postings.clone()];
            let contributions = &mut contributions[..impacts.len()];
            for (c, &tf) in contributions.iter_mut().zip(impacts) {
                *c = self.contribution(term.factor, tf);
            }
            let scores = &mut scores[block.first_doc as usize..];
            for (&offset, &c) in self.offsets[postings].iter().zip(contributions.iter()) {
                scores[usize::from(offset)] += c;
            }
        }
    }

    /// Adds every posting's contribution of each term, in the order given, into `scores` (one
    /// slot per document).
    pub fn accumulate(&self, terms: &[QueryTerm], scores: &mut [f32]) {
        let mut scratch = [0.0f32; BLOCK];
        for &t in terms {
            self.add_contributions(t, scores, &mut scratch);
        }
    }

    /// Adds `weight ×` BM25F scores of the query terms into `scores` (one slot per document).
    /// Repeated query terms count once, with their highest weight.
    pub fn score_into(&self, query: &[(String, f32)], weight: f32, scores: &mut [f32]) {
        self.accumulate(&self.resolve(query, weight), scores);
    }

    /// The number of `term`, when it occurs in any document.
    pub fn term_id(&self, term: &str) -> Option<u32> {
        self.ids.get(term).copied()
    }

    /// Whether term number `term` occurs in `doc`.
    pub fn contains(&self, term: u32, doc: u32) -> bool {
        self.impact_of(term, doc).is_some()
    }

    /// The impact of term number `term` in `doc`, when it occurs there: read from its row, or
    /// found by searching the term's blocks and then its block's offsets.
    pub fn impact_of(&self, term: u32, doc: u32) -> Option<f32> {
        if let Some(row) = self.row(term) {
            return row
                .get(doc as usize)
                .copied()
                .filter(|&impact| impact != 0.0);
        }
        let blocks = self.term_blocks(term);
        let i = blocks.partition_point(|b| b.last_doc < doc);
        let block = blocks.get(i).filter(|b| b.first_doc <= doc)?;
        let offsets = &self.offsets[block.start as usize..][..usize::from(block.len)];
        let at = offsets
            .binary_search(&((doc - block.first_doc) as u16))
            .ok()?;
        Some(self.impacts[block.start as usize + at])
    }

    /// The terms of `query` that occur in document `doc`, for explanations and snippets.
    pub fn matched_terms<'q>(&self, query: &'q [(String, f32)], doc: usize) -> Vec<&'q str> {
        let mut out: Vec<&str> = query
            .iter()
            .filter(|(t, _)| {
                self.ids
                    .get(t.as_str())
                    .is_some_and(|&id| self.contains(id, doc as u32))
            })
            .map(|(t, _)| t.as_str())
            .collect();
        out.dedup();
        out
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn doc(title: &[&str], summary: &[&str], body: &[&str]) -> [Vec<String>; FIELDS] {
        let v = |x: &[&str]| x.iter().map(|s| s.to_string()).collect();
        [v(title), v(summary), v(body)]
    }

    #[test]
    fn score_matches_a_value_worked_by_hand() {
        // Two documents; "融資" only in doc 0's title (tf 1, title length 2, avg title length 1.5).
        // idf = ln(1 + (2 − 1 + 0.5)/(1 + 0.5)) = ln 2 = 0.693147
        // norm = 1 − 0.75 + 0.75 · 2/1.5 = 1.25 ; tf~ = 3 · 1/1.25 = 2.4
        // score = 0.693147 · 2.4 · 2.2 / (1.2 + 2.4) = 1.016616
        let docs = [doc(&["創業", "融資"], &[], &[]), doc(&["補助"], &[], &[])];
        let index = Bm25F::build(Bm25Params::default(), &docs);
        let mut scores = vec![0.0; 2];
        index.score_into(&[("融資".into(), 1.0)], 1.0, &mut scores);
        assert!((scores[0] - 1.016616).abs() < 1e-5, "{}", scores[0]);
        assert_eq!(scores[1], 0.0);
    }

    #[test]
    fn title_hit_outranks_body_hit() {
        let docs = [
            doc(&["融資"], &["a"], &["b", "c"]),
            doc(&["x"], &["a"], &["融資", "c"]),
        ];
        let index = Bm25F::build(Bm25Params::default(), &docs);
        let mut scores = vec![0.0; 2];
        index.score_into(&[("融資".into(), 1.0)], 1.0, &mut scores);
        assert!(scores[0] > scores[1] && scores[1] > 0.0);
    }

    #[test]
    fn rare_terms_weigh_more_than_common_ones() {
        let docs = [
            doc(&["補助", "創業"], &[], &[]),
            doc(&["補助"], &[], &[]),
            doc(&["補助"], &[], &[]),
        ];
        let index = Bm25F::build(Bm25Params::default(), &docs);
        assert!(index.idf("創業") > index.idf("補助"));
    }

    #[test]
    fn repeated_query_terms_count_once() {
        let docs = [doc(&["創業"], &[], &[])];
        let index = Bm25F::build(Bm25Params::default(), &docs);
        let (mut once, mut twice) = (vec![0.0], vec![0.0]);
        index.score_into(&[("創業".into(), 1.0)], 1.0, &mut once);
        index.score_into(
            &[("創業".into(), 1.0), ("創業".into(), 0.5)],
            1.0,
            &mut twice,
        );
        assert_eq!(once, twice);
    }

    /// The documents `term` occurs in, in order, as its blocks list them.
    fn documents_of(index: &Bm25F, term: &str) -> Vec<usize> {
        let mut docs = Vec::new();
        let t = QueryTerm {
            term: index.ids[term],
            factor: 1.0,
        };
        index.for_each_contribution(t, |doc, _| docs.push(doc));
        docs
    }

    #[test]
    fn a_term_in_many_documents_spans_blocks_read_in_document_order() {
        // "補助" in every third of 1,000 documents: three blocks; "x" in every document.
        let docs: Vec<[Vec<String>; FIELDS]> = (0..1000)
            .map(|i| {
                let repeated: Vec<&str> = vec!["補助"; i % 4 + 1];
                if i % 3 == 0 {
                    doc(&repeated, &["x"], &[])
                } else {
                    doc(&["x"], &[], &[])
                }
            })
            .collect();
        let index = Bm25F::build(Bm25Params::default(), &docs);
        let id = index.ids["補助"];
        assert_eq!(index.term_blocks(id).len(), 334usize.div_ceil(BLOCK));
        assert_eq!(
            documents_of(&index, "補助"),
            (0..1000).step_by(3).collect::<Vec<usize>>()
        );
        assert!(index.contains(id, 999) && !index.contains(id, 998) && index.contains(id, 0));
    }

    #[test]
    fn documents_far_apart_and_many_distinct_counts_keep_their_scores() {
        // "x" in documents 0, 1 and 70,000: more than 65,535 apart, so a second block. Document
        // 0 also holds t1 once, t2 twice … t300 300 times: 300 distinct counts, two-byte codes.
        let mut docs: Vec<[Vec<String>; FIELDS]> = vec![doc(&[], &[], &[]); 70_001];
        let mut body: Vec<String> = vec!["x".to_string()];
        for i in 1..=300 {
            body.extend(std::iter::repeat_n(format!("t{i}"), i));
        }
        docs[0] = [vec![], vec![], body];
        docs[1] = doc(&[], &[], &["x"]);
        docs[70_000] = doc(&[], &[], &["x", "t300"]);
        let index = Bm25F::build(Bm25Params::default(), &docs);
        let x = index.ids["x"];
        assert_eq!(index.term_blocks(x).len(), 2);
        assert!(index.term_blocks(index.ids["t300"])[0].wide);
        assert_eq!(documents_of(&index, "x"), vec![0, 1, 70_000]);
        // t300 in document 0: 300 of its 45,151 body terms; average body length 45,154 / 70,001,
        // below 1, counts as 1.
        let Bm25Params { k1, b, .. } = Bm25Params::default();
        let n = 70_001f32;
        let idf = (1.0 + (n - 2.0 + 0.5) / (2.0 + 0.5)).ln();
        let norm = 1.0 - b + b * 45_151.0 / (45_154.0 / n).max(1.0);
        let tf = 300.0 / norm;
        let expected = idf * tf * (k1 + 1.0) / (k1 + tf);
        let mut scores = vec![0.0; docs.len()];
        index.score_into(&[("t300".into(), 1.0)], 1.0, &mut scores);
        assert!(
            (scores[0] - expected).abs() <= expected * 1e-6,
            "{}",
            scores[0]
        );
        assert!(scores[70_000] > scores[0] && scores[1] == 0.0);
    }

    #[test]
    fn terms_kept_as_rows_score_as_postings_do_bit_for_bit() {
        // "a" in every document, "b" in three of four, "c" in two of three (the edge), "d" in
        // half: the first three are rows, "d" stays postings. Varied counts and lengths.
        let docs: Vec<[Vec<String>; FIELDS]> = (0..900)
            .map(|i: usize| {
                let mut title = vec!["a"; i % 3 + 1];
                let mut body = vec!["w"; i % 7];
                if !i.is_multiple_of(4) {
                    body.extend(vec!["b"; i % 5 + 1]);
                }
                if !i.is_multiple_of(3) {
                    title.push("c");
                }
                if i.is_multiple_of(2) {
                    body.push("d");
                }
                doc(&title, &["s"; 2], &body)
            })
            .collect();
        let build = |dense: fn(usize, usize) -> bool| {
            let mut builder = Bm25FBuilder::new(Bm25Params::default());
            for d in &docs {
                builder.add(d);
            }
            builder.finish_with(dense)
        };
        let rows = build(row_pays);
        let postings = build(|_, _| false);
        let row = |index: &Bm25F, t: &str| index.row_of[index.ids[t] as usize] != NO_ROW;
        assert!(row(&rows, "a") && row(&rows, "b") && row(&rows, "c") && !row(&rows, "d"));
        assert!(!row(&postings, "a"));
        assert_eq!(rows.postings_count(), postings.postings_count());
        assert!(rows.heap_bytes() < postings.heap_bytes());
        let query: Vec<(String, f32)> = ["d", "a", "c", "w", "b", "s"]
            .iter()
            .zip([1.0, 0.5, 0.7, 1.0, 0.3, 0.2])
            .map(|(t, w)| (t.to_string(), w))
            .collect();
        let scores = |index: &Bm25F| {
            let mut scores = vec![0.0f32; docs.len()];
            index.score_into(&query, 0.8, &mut scores);
            scores.iter().map(|s| s.to_bits()).collect::<Vec<u32>>()
        };
        assert_eq!(scores(&rows), scores(&postings));
        for t in ["a", "b", "c", "d"] {
            let id = rows.ids[t];
            assert_eq!(documents_of(&rows, t), documents_of(&postings, t), "{t}");
            for d in [0u32, 1, 2, 3, 898, 899, 900] {
                assert_eq!(rows.impact_of(id, d), postings.impact_of(id, d), "{t} {d}");
            }
            let term = QueryTerm {
                term: id,
                factor: 1.5,
            };
            assert_eq!(rows.max_contribution(term), postings.max_contribution(term));
        }
    }
}
