//! The names the title-match prior looks for: each scheme's title and aliases, normalised
//! without spaces, three characters or more.

use rustc_hash::FxHashMap;

use crate::text;

/// The names filed under their first two characters. A name lies inside a query only where the
/// query has its first two characters, so a query compares just the names that start with one
/// of its own pairs, at the places the pair occurs, whatever the size of the corpus.
#[derive(Debug, Default)]
pub(super) struct SchemeNames {
    by_start: FxHashMap<[char; 2], Vec<(u32, Box<str>)>>,
}

impl SchemeNames {
    /// `names[i]` are the names of scheme `i`, as written.
    pub(super) fn new<'a>(
        names: impl IntoIterator<Item = impl IntoIterator<Item = &'a str>>,
    ) -> SchemeNames {
        let mut by_start: FxHashMap<[char; 2], Vec<(u32, Box<str>)>> = FxHashMap::default();
        for (scheme, names) in names.into_iter().enumerate() {
            let scheme = u32::try_from(scheme).expect("fewer than 2^32 schemes");
            for name in names {
                let name: String = text::normalize(name)
                    .chars()
                    .filter(|c| !c.is_whitespace())
                    .collect();
                let mut chars = name.chars();
                if let (Some(a), Some(b), Some(_)) = (chars.next(), chars.next(), chars.next()) {
                    by_start
                        .entry([a, b])
                        .or_default()
                        .push((scheme, name.into()));
                }
            }
        }
        // Sorted, so the names a query's text starts with are found by narrowing a range, a
        // character at a time, not by comparing each (a scale corpus files thousands under
        // one pair).
        for names in by_start.values_mut() {
            names.sort_unstable_by(|a, b| a.1.cmp(&b.1).then(a.0.cmp(&b.0)));
        }
        SchemeNames { by_start }
    }

    /// The schemes with a name inside `compact` (a query normalised without spaces), each once,
    /// in ascending order.
    pub(super) fn named_in(&self, compact: &str) -> Vec<usize> {
        let mut found = Vec::new();
        let mut chars = compact.char_indices().peekable();
        while let Some((at, a)) = chars.next() {
            let Some(&(_, b)) = chars.peek() else {
                break;
            };
            if let Some(names) = self.by_start.get(&[a, b]) {
                starting(names, &compact[at..], &mut found);
            }
        }
        found.sort_unstable();
        found.dedup();
        found
    }
}

/// Adds the schemes of the `names` (sorted by name) that `text` starts with.
fn starting(names: &[(u32, Box<str>)], text: &str, found: &mut Vec<usize>) {
    let mut range = names;
    // Each end of a prefix of `text` after its third character.
    for end in text
        .char_indices()
        .skip(3)
        .map(|(i, _)| i)
        .chain([text.len()])
    {
        let prefix = &text[..end];
        let from = range.partition_point(|(_, name)| &**name < prefix);
        range = &range[from..];
        let to = range.partition_point(|(_, name)| name.starts_with(prefix));
        range = &range[..to];
        // Names equal to the prefix sort first among those starting with it.
        found.extend(
            range
                .iter()
                .take_while(|(_, name)| &**name == prefix)
                .map(|&(scheme, _)| scheme as usize),
        );
        if range.is_empty() {
            return;
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn names() -> SchemeNames {
        SchemeNames::new([
            vec!["創業支援事業", "ＳＯＨＯ 支援"],
            vec!["融資", "経営 改善 融資"],
            vec!["創業支援"],
        ])
    }

    #[test]
    fn a_query_names_every_scheme_whose_name_it_contains() {
        let n = names();
        assert_eq!(n.named_in("港区の創業支援事業を知りたい"), vec![0, 2]);
        assert_eq!(n.named_in("soho支援の窓口"), vec![0]);
        assert_eq!(n.named_in("経営改善融資は"), vec![1]);
    }

    #[test]
    fn names_under_three_characters_and_partial_names_name_nothing() {
        let n = names();
        assert!(n.named_in("融資を受けたい").is_empty());
        assert!(n.named_in("創業支").is_empty());
        assert!(n.named_in("").is_empty());
    }

    #[test]
    fn finds_what_a_search_of_every_name_finds() {
        let all = [
            vec!["創業支援事業", "ＳＯＨＯ 支援"],
            vec!["融資", "経営 改善 融資"],
            vec!["創業支援"],
            vec!["創業支援事業（令和版）1", "創業支援事業"],
            vec!["創業支援事業（令和版）12"],
            vec!["創業支"],
            vec!["創業支援事業（令和版）2"],
        ];
        let n = SchemeNames::new(all.clone());
        let compact = |s: &str| -> String {
            text::normalize(s)
                .chars()
                .filter(|c| !c.is_whitespace())
                .collect()
        };
        for query in [
            "創業支援事業（令和版）1と創業支援事業（令和版）12",
            "創業支援事業と経営改善融資",
            "soho支援",
            "創業創業支援",
            "支援",
        ] {
            let q = compact(query);
            let expected: Vec<usize> = (0..all.len())
                .filter(|&i| {
                    all[i].iter().any(|name| {
                        let name = compact(name);
                        name.chars().count() >= 3 && q.contains(&name)
                    })
                })
                .collect();
            assert_eq!(n.named_in(&q), expected, "{query}");
        }
    }
}
