//! Query-time synonym expansion: the words callers use, mapped to the words the corpus uses.

use super::{Analyzer, Result, normalize};

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
        Ok(Synonyms { groups: out })
    }

    /// Canonical words whose variants occur in the query, either literally (after
    /// normalisation) or as the same set of dictionary forms (借りたい matches 借りる), each
    /// with its search words.
    pub fn expand(
        &self,
        normalized_query: &str,
        query_lemmas: &[String],
    ) -> Vec<(&str, &[String])> {
        let mut found: Vec<(&str, &[String])> = Vec::new();
        for group in &self.groups {
            let hit = group.variants.iter().any(|v| {
                contains_word(normalized_query, &v.normalized)
                    || (!v.lemmas.is_empty() && v.lemmas.iter().all(|l| query_lemmas.contains(l)))
            });
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

/// Substring match, except that an ASCII variant must not sit inside a longer ASCII word
/// (so "hp" matches "hpを作りたい" but not "shop").
fn contains_word(haystack: &str, needle: &str) -> bool {
    if needle.is_empty() {
        return false;
    }
    if !needle.bytes().any(|b| b.is_ascii_alphanumeric()) {
        return haystack.contains(needle);
    }
    haystack.match_indices(needle).any(|(i, _)| {
        let before = haystack[..i].chars().next_back();
        let after = haystack[i + needle.len()..].chars().next();
        !before.is_some_and(|c| c.is_ascii_alphanumeric())
            && !after.is_some_and(|c| c.is_ascii_alphanumeric())
    })
}

#[cfg(test)]
mod tests {
    use super::{contains_word, matches_by_lemmas};

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
