//! What the index builders share: a document's text by field, and lemmas analysed on all cores.

use crate::text::{Analyzer, Result};

use super::bm25::FIELDS;
use super::parallel::{BUILD_CHUNK, in_order_parallel};

/// The searchable text of one document, by field: title (and aliases), summary, body.
pub type DocText = [String; FIELDS];

/// Content lemmas of each text, analysed on all cores.
pub fn analyse_lemmas_parallel(analyzer: &Analyzer, texts: &[String]) -> Result<Vec<Vec<String>>> {
    let mut out = Vec::with_capacity(texts.len());
    in_order_parallel(
        texts.len(),
        BUILD_CHUNK,
        |i| analyzer.lemmas(&texts[i]),
        |l| out.push(l),
    )?;
    Ok(out)
}

/// [`analyse_lemmas_parallel`], taking the lemmas of every text `previous` kept instead of
/// analysing it again; returns the lemmas, what this call keeps for the next, and the counts.
pub fn analyse_lemmas_reusing(
    analyzer: &Analyzer,
    texts: &[String],
    previous: Option<&super::reuse::Analyses>,
) -> Result<(
    Vec<Vec<String>>,
    super::reuse::Analyses,
    super::reuse::Reuse,
)> {
    use super::reuse::{Layout, Lists, analyse_reusing, text_key};
    let mut out = Vec::with_capacity(texts.len());
    let (kept, reuse) = analyse_reusing(
        texts.len(),
        LEMMAS_SHAPE,
        Layout::ordered(1),
        previous,
        |i| (!texts[i].is_empty()).then(|| text_key([texts[i].as_str()])),
        |i| {
            let mut lists = Lists::default();
            analyzer
                .lemmas(&texts[i])?
                .iter()
                .for_each(|l| lists.push(l));
            lists.end_list();
            Ok(lists)
        },
        |doc| out.push(doc.strings(0)),
    )?;
    Ok((out, kept, reuse))
}

/// The shape of kept lemma lists (one list per text).
const LEMMAS_SHAPE: u32 = 0x200;
