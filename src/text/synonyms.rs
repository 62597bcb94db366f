//! Query-time synonym expansion: the words callers use, mapped to the words the corpus uses.

use aho_corasick::AhoCorasick;
use rustc_hash::FxHashMap;

use super::{Analyzer, Result, TextError, normalize};

#[derive(Debug, Clone)]
struct Variant {
    normalized: String,
    lemmas: Vec<String>,
}

#[derive(Debug, Clone)]
struct Group {
    canonical: String,
    /// The canonical word's search words, analysed once here rather than on every query.
    words: Vec<String>,
    variants: Vec<Variant>,
}

/// Synonym groups, pre-analysed once.
#[derive(Debug, Clone, Default)]
pub struct Synonyms {
    groups: Vec<Group>,
    /// Every distinct normalised variant, to find them all in one pass over a query.
    variants: Option<AhoCorasick>,
    /// For each of those: the groups it belongs to, and whether it must stand as a whole word.
    variant_groups: Vec<(Vec<usize>, bool)>,
    /// The variants that match by dictionary forms, as (group, variant), filed under their
    /// first lemma: a query can hold all of a variant's lemmas only if it holds that one.
    by_first_lemma: FxHashMap<String, Vec<(usize, usize)>>,
}

impl Synonyms {
    /// The corpus's synonym groups (`corpus/synonyms.toml`).
    pub fn for_corpus(corpus: &crate::domain::Corpus, analyzer: &Analyzer) -> Result<Synonyms> {
        Synonyms::build(
            corpus
                .synonyms
                .iter()
                .map(|g| (g.canonical.as_str(), g.variants.as_slice())),
            analyzer,
        )
    }

    pub fn build<'a>(
        groups: impl IntoIterator<Item = (&'a str, &'a [String])>,
        analyzer: &Analyzer,
    ) -> Result<Synonyms> {
        let mut out = Vec::new();
        for (canonical, variants) in groups {
            let mut vs = Vec::with_capacity(variants.len());
            for v in variants {
                let lemmas = if matches_by_lemmas(v) {
                    analyzer.phrase_lemmas(v)?.unwrap_or_default()
                } else {
                    Vec::new()
                };
                vs.push(Variant {
                    normalized: normalize(v),
                    lemmas,
                });
            }
            out.push(Group {
                canonical: canonical.to_string(),
                words: analyzer.terms(canonical)?.words,
                variants: vs,
            });
        }
        Synonyms::from_groups(out)
    }

    /// The groups, with every distinct variant put in one automaton.
    fn from_groups(out: Vec<Group>) -> Result<Synonyms> {
        let mut patterns: Vec<&str> = Vec::new();
        let mut variant_groups: Vec<(Vec<usize>, bool)> = Vec::new();
        for (g, group) in out.iter().enumerate() {
            for v in group.variants.iter().filter(|v| !v.normalized.is_empty()) {
                match patterns.iter().position(|p| *p == v.normalized) {
                    Some(i) => variant_groups[i].0.push(g),
                    None => {
                        patterns.push(&v.normalized);
                        variant_groups.push((vec![g], is_wordlike(&v.normalized)));
                    }
                }
            }
        }
        let variants = if patterns.is_empty() {
            None
        } else {
            Some(
                AhoCorasick::new(&patterns).map_err(|e| TextError::Synonyms {
                    reason: e.to_string(),
                })?,
            )
        };
        drop(patterns);
        let mut by_first_lemma: FxHashMap<String, Vec<(usize, usize)>> = FxHashMap::default();
        for (g, group) in out.iter().enumerate() {
            for (v, variant) in group.variants.iter().enumerate() {
                if let Some(first) = variant.lemmas.first() {
                    by_first_lemma
                        .entry(first.clone())
                        .or_default()
                        .push((g, v));
                }
            }
        }
        Ok(Synonyms {
            groups: out,
            variants,
            variant_groups,
            by_first_lemma,
        })
    }

    /// Canonical words whose variants occur in the query, either literally (after
    /// normalisation) or as the same set of dictionary forms (借りたい matches 借りる), each
    /// with its search words.
    pub fn expand(
        &self,
        normalized_query: &str,
        query_lemmas: &[String],
    ) -> Vec<(&str, &[String])> {
        // Groups with a variant in the query as text: every occurrence of every variant, in one
        // pass (what `contains_word` would find variant by variant).
        let mut hit = vec![false; self.groups.len()];
        if let Some(variants) = &self.variants {
            for m in variants.find_overlapping_iter(normalized_query) {
                let (groups, wordlike) = &self.variant_groups[m.pattern().as_usize()];
                if !wordlike || stands_alone(normalized_query, m.start(), m.end()) {
                    groups.iter().for_each(|&g| hit[g] = true);
                }
            }
        }
        // Groups with a variant whose dictionary forms are all in the query.
        for (i, lemma) in query_lemmas.iter().enumerate() {
            if query_lemmas[..i].contains(lemma) {
                continue;
            }
            for &(g, v) in self.by_first_lemma.get(lemma).into_iter().flatten() {
                if !hit[g]
                    && self.groups[g].variants[v]
                        .lemmas
                        .iter()
                        .all(|l| query_lemmas.contains(l))
                {
                    hit[g] = true;
                }
            }
        }
        let mut found: Vec<(&str, &[String])> = Vec::new();
        for (group, hit) in self.groups.iter().zip(hit) {
            if hit && !found.iter().any(|(c, _)| *c == group.canonical) {
                found.push((group.canonical.as_str(), group.words.as_slice()));
            }
        }
        found
    }

    pub fn len(&self) -> usize {
        self.groups.len()
    }

    pub fn is_empty(&self) -> bool {
        self.groups.is_empty()
    }
}

/// Whether a variant may also match by its dictionary forms. Latin-script variants match only
/// as whole words: IPADIC has no dictionary forms for English beyond the words themselves, and
/// a few common English words scattered through a sentence say less than the phrase does.
fn matches_by_lemmas(variant: &str) -> bool {
    !variant.is_ascii()
}

/// Whether a variant is matched as a whole word: one with ASCII letters or digits must not sit
/// inside a longer ASCII word (so "hp" matches "hpを作りたい" but not "shop").
fn is_wordlike(variant: &str) -> bool {
    variant.bytes().any(|b| b.is_ascii_alphanumeric())
}

/// Whether `haystack[start..end]` has no ASCII letter or digit right before or after it.
fn stands_alone(haystack: &str, start: usize, end: usize) -> bool {
    let before = haystack[..start].chars().next_back();
    let after = haystack[end..].chars().next();
    !before.is_some_and(|c| c.is_ascii_alphanumeric())
        && !after.is_some_and(|c| c.is_ascii_alphanumeric())
}

/// Substring match, except that an ASCII variant must not sit inside a longer ASCII word
/// (so "hp" matches "hpを作りたい" but not "shop"): what [`Synonyms::expand`] finds in one pass.
#[cfg(test)]
fn contains_word(haystack: &str, needle: &str) -> bool {
    if needle.is_empty() {
        return false;
    }
    if !is_wordlike(needle) {
        return haystack.contains(needle);
    }
    haystack
        .match_indices(needle)
        .any(|(i, _)| stands_alone(haystack, i, i + needle.len()))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn one_pass_finds_the_groups_a_search_per_variant_finds() {
        let group = |canonical: &str, variants: &[&str]| Group {
            canonical: canonical.to_string(),
            words: vec![canonical.to_string()],
            variants: variants
                .iter()
                .map(|v| Variant {
                    normalized: v.to_string(),
                    lemmas: Vec::new(),
                })
                .collect(),
        };
        let groups = vec![
            group("ホームページ", &["hp", "web", "ウェブサイト", "サイト"]),
            group("融資", &["借りる", "借り", "ローン", "loan"]),
            group("創業", &["起業", "開業", "start up", "起業"]),
            group("補助金", &["補助", "助成", "", "hp"]),
            group("創業", &["独立"]),
        ];
        let naive = |query: &str| -> Vec<&str> {
            let mut found: Vec<&str> = Vec::new();
            for g in &groups {
                if g.variants
                    .iter()
                    .any(|v| contains_word(query, &v.normalized))
                    && !found.contains(&g.canonical.as_str())
                {
                    found.push(&g.canonical);
                }
            }
            found
        };
        let synonyms = Synonyms::from_groups(groups.clone()).unwrap();
        for query in [
            "hpを作りたい",
            "shop運営",
            "新しい hp と webサイト",
            "起業して独立、ローンで借りたい",
            "loans for a start up",
            "a start upper",
            "ウェブサイト",
            "",
            "hphp web",
        ] {
            let got: Vec<&str> = synonyms
                .expand(query, &[])
                .into_iter()
                .map(|(c, _)| c)
                .collect();
            assert_eq!(got, naive(query), "{query:?}");
        }
    }

    #[test]
    fn a_group_matches_when_all_dictionary_forms_of_one_of_its_variants_are_in_the_query() {
        let group = |canonical: &str, variants: &[&[&str]]| Group {
            canonical: canonical.to_string(),
            words: vec![canonical.to_string()],
            variants: variants
                .iter()
                .map(|lemmas| Variant {
                    normalized: String::new(),
                    lemmas: lemmas.iter().map(|l| l.to_string()).collect(),
                })
                .collect(),
        };
        let groups = vec![
            group("融資", &[&["お金", "借りる"], &["借金"]]),
            group("創業", &[&["会社", "作る"], &[]]),
            group("補助金", &[&["お金", "もらう"]]),
            group("融資", &[&["資金", "調達"]]),
        ];
        let naive = |lemmas: &[String]| -> Vec<&str> {
            let mut found: Vec<&str> = Vec::new();
            for g in &groups {
                let hit = g
                    .variants
                    .iter()
                    .any(|v| !v.lemmas.is_empty() && v.lemmas.iter().all(|l| lemmas.contains(l)));
                if hit && !found.contains(&g.canonical.as_str()) {
                    found.push(&g.canonical);
                }
            }
            found
        };
        let synonyms = Synonyms::from_groups(groups.clone()).unwrap();
        for query in [
            &["お金", "借りる"][..],
            &["借りる", "お金", "お金"],
            &["お金"],
            &["作る", "会社", "もらう", "お金"],
            &["調達", "資金"],
            &[],
        ] {
            let lemmas: Vec<String> = query.iter().map(|l| l.to_string()).collect();
            let got: Vec<&str> = synonyms
                .expand("", &lemmas)
                .into_iter()
                .map(|(c, _)| c)
                .collect();
            assert_eq!(got, naive(&lemmas), "{query:?}");
        }
        assert_eq!(
            synonyms.expand("", &["借りる".into(), "お金".into()])[0].0,
            "融資"
        );
    }

    #[test]
    fn only_japanese_variants_match_by_dictionary_forms() {
        assert!(matches_by_lemmas("お金を借りたい"));
        assert!(matches_by_lemmas("IT導入"));
        assert!(!matches_by_lemmas("M&A"));
        assert!(!matches_by_lemmas("start a company"));
    }

    #[test]
    fn ascii_variants_match_whole_words_only() {
        assert!(contains_word("hpを作りたい", "hp"));
        assert!(contains_word("新しい hp", "hp"));
        assert!(!contains_word("shop運営", "hp"));
        assert!(contains_word("起業したい", "起業"));
    }
}
