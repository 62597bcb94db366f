//! The content lemmas of many documents, each distinct lemma spelled once: what the static
//! embedder reads for every scheme. At 50,000 schemes a list of `String`s per document held
//! about two million small allocations; here a lemma in a document is four bytes.

use super::Vocabulary;

#[derive(Debug, Clone, Default)]
pub struct LemmaLists {
    lemmas: Vocabulary,
    /// Document `d`'s lemma numbers are `numbers[ends[d - 1]..ends[d]]`, in the text's order.
    numbers: Vec<u32>,
    ends: Vec<u32>,
    /// The lemma number of each outside number met by [`LemmaLists::push_numbered`].
    number_of: Vec<u32>,
}

impl LemmaLists {
    /// Adds the next document's lemmas, in order.
    pub fn push<'a>(&mut self, lemmas: impl IntoIterator<Item = &'a str>) {
        for lemma in lemmas {
            let number = self.lemmas.intern(lemma);
            self.numbers.push(number);
        }
        self.end_document();
    }

    /// [`LemmaLists::push`] with the lemmas given by outside numbers, `spell` spelling a
    /// number. Every call must number lemmas alike (as one build's kept analyses do): a number
    /// is looked up by its spelling once.
    pub fn push_numbered<'t>(
        &mut self,
        numbers: impl IntoIterator<Item = u32>,
        spell: impl Fn(u32) -> &'t str,
    ) {
        for outside in numbers {
            let at = outside as usize;
            if at >= self.number_of.len() {
                self.number_of.resize(at + 1, u32::MAX);
            }
            let number = match self.number_of[at] {
                u32::MAX => {
                    let number = self.lemmas.intern(spell(outside));
                    self.number_of[at] = number;
                    number
                }
                number => number,
            };
            self.numbers.push(number);
        }
        self.end_document();
    }

    /// Each document of `self` followed by the same document of `more` (documents `self` does
    /// not have count as empty).
    pub fn joined(mut self, more: &[Vec<String>]) -> LemmaLists {
        if more.iter().all(Vec::is_empty) {
            return self;
        }
        let head = std::mem::take(&mut self.numbers);
        let ends = std::mem::take(&mut self.ends);
        self.numbers.reserve(head.len());
        for d in 0..ends.len().max(more.len()) {
            let start = if d == 0 { 0 } else { ends[d - 1] as usize };
            if let Some(&end) = ends.get(d) {
                self.numbers.extend_from_slice(&head[start..end as usize]);
            }
            for lemma in more.get(d).into_iter().flatten() {
                let number = self.lemmas.intern(lemma);
                self.numbers.push(number);
            }
            self.end_document();
        }
        self
    }

    /// Documents.
    pub fn len(&self) -> usize {
        self.ends.len()
    }

    pub fn is_empty(&self) -> bool {
        self.ends.is_empty()
    }

    /// Distinct lemmas.
    pub fn lemma_count(&self) -> usize {
        self.lemmas.len()
    }

    /// Document `d`'s lemma numbers, in order.
    pub fn document(&self, d: usize) -> &[u32] {
        let start = if d == 0 { 0 } else { self.ends[d - 1] as usize };
        &self.numbers[start..self.ends[d] as usize]
    }

    pub fn lemma(&self, number: u32) -> &str {
        self.lemmas.term(number)
    }

    fn end_document(&mut self) {
        self.ends
            .push(u32::try_from(self.numbers.len()).expect("fewer than 2^32 lemmas in all"));
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn spelled(lists: &LemmaLists, d: usize) -> Vec<&str> {
        lists.document(d).iter().map(|&n| lists.lemma(n)).collect()
    }

    #[test]
    fn documents_read_back_in_order_with_each_lemma_spelled_once() {
        let mut lists = LemmaLists::default();
        lists.push(["創業", "補助", "創業"]);
        lists.push([]);
        let outside = ["融資", "補助"];
        lists.push_numbered([1, 0, 1], |n| outside[n as usize]);
        assert_eq!(lists.len(), 3);
        assert_eq!(spelled(&lists, 0), ["創業", "補助", "創業"]);
        assert!(spelled(&lists, 1).is_empty());
        assert_eq!(spelled(&lists, 2), ["補助", "融資", "補助"]);
        assert_eq!(lists.lemma_count(), 3);
    }

    #[test]
    fn joined_lists_follow_each_document_with_its_extra_lemmas() {
        let mut lists = LemmaLists::default();
        lists.push(["創業"]);
        lists.push(["融資", "相談"]);
        let joined = lists.joined(&[
            vec![],
            vec!["相談".into(), "窓口".into()],
            vec!["補助".into()],
        ]);
        assert_eq!(joined.len(), 3);
        assert_eq!(spelled(&joined, 0), ["創業"]);
        assert_eq!(spelled(&joined, 1), ["融資", "相談", "相談", "窓口"]);
        assert_eq!(spelled(&joined, 2), ["補助"]);
    }
}
