//! The routing examples' vectors: `corpus/routing-examples.toml` encoded once at start-up as
//! queries (the `query: ` side of e5, as a caller's message is), cached on disk beside the
//! passage vectors, and the vote of the nearest ones for each message.

use std::path::Path;

use unicode_normalization::UnicodeNormalization;

use super::{Engine, EngineError, Result};
use crate::config::Settings;
use crate::domain::routing::examples::{
    ExampleStore, RoutingExample, VoteSettings, Votes, load_examples,
};
use crate::domain::search::SearchQuery;
use crate::embed::{Embedder, VectorCache};

/// Where the labelled examples live in a corpus directory.
pub const ROUTING_EXAMPLES_FILE: &str = "routing-examples.toml";

/// The text the encoder sees: NFKC first, as for a search query, so a message and the search
/// run on it share one cached vector.
pub fn routing_text(text: &str) -> String {
    text.nfkc().collect()
}

/// The shipped examples, or none when the corpus has no examples file.
pub(super) fn shipped_examples(settings: &Settings) -> Result<Vec<RoutingExample>> {
    let file = settings.corpus_dir.join(ROUTING_EXAMPLES_FILE);
    if !file.exists() {
        return Ok(Vec::new());
    }
    load_examples(&file).map_err(|e| EngineError::Startup {
        context: "routing examples",
        message: e.to_string(),
    })
}

/// Encodes `examples` into a store, reading and filling the on-disk cache when the embedder
/// names its weights.
pub fn encode_examples(
    embedder: &dyn Embedder,
    cache_file: Option<&Path>,
    examples: &[RoutingExample],
) -> Result<ExampleStore> {
    let mut cache = match (cache_file, embedder.cache_key()) {
        (Some(file), Some(key)) => Some(VectorCache::open(file, &key, embedder.dim())),
        _ => None,
    };
    let mut store = ExampleStore::new(embedder.dim());
    for example in examples {
        let text = routing_text(&example.text);
        let vector = match cache.as_mut() {
            Some(c) => match c.get(&text) {
                Some(v) => v.to_vec(),
                None => {
                    let v = embedder.embed_query(&text)?;
                    c.insert(&text, v.clone());
                    v
                }
            },
            None => embedder.embed_query(&text)?,
        };
        store.push(&example.text, &vector, example.label.clone());
    }
    if let Some(c) = cache.as_mut()
        && let Err(e) = c.save()
    {
        tracing::warn!(error = %e, "routing example vectors not cached");
    }
    Ok(store)
}

impl Engine {
    /// The vote of the routing examples nearest to the message; None without an embedder or
    /// examples.
    pub fn routing_votes(&self, query: &SearchQuery) -> Result<Option<Votes>> {
        self.routing_votes_in(&self.routing_examples, query)
    }

    /// The same vote against another store (the evaluation's cross-validation folds).
    pub fn routing_votes_in(
        &self,
        store: &ExampleStore,
        query: &SearchQuery,
    ) -> Result<Option<Votes>> {
        let Some(vector) = self.message_vector(query.as_str())? else {
            return Ok(None);
        };
        Ok(store.votes(&vector, VoteSettings::default()))
    }

    /// A message's vector through the query cache (None without an embedder).
    pub fn message_vector(&self, text: &str) -> Result<Option<std::sync::Arc<[f32]>>> {
        let Some(e) = &self.embedder else {
            return Ok(None);
        };
        let text = routing_text(text);
        Ok(Some(
            self.query_vectors
                .get_or_encode(&text, |t| e.embed_query(t))?,
        ))
    }

    /// The embedder, for encoding another example store (the evaluation's folds).
    pub fn embedder(&self) -> Option<&dyn Embedder> {
        self.embedder.as_deref()
    }

    /// A normalised message as the routing rules read it: kana words spelled as the rule
    /// words they sound like (かいこ → 解雇), the rest as it was.
    pub fn spelled_for_routing(&self, normalized: &str) -> String {
        self.routing_spelling.spell(normalized)
    }

    /// A question typed in kana (hiragana and no kanji: やさしい日本語, a phone's kana) with
    /// each kana word spelled as the words that ask for an attribute or the corpus write it
    /// (ひとを やとう ほじょきんの じょうげん → ひとを 雇う 補助金の 上限); `None` for a
    /// question written with kanji, or when no word was spelled.
    pub fn spelled_kana(&self, normalized: &str) -> Option<String> {
        use crate::text::normalize::{is_hiragana, is_kanji};
        if normalized.chars().any(is_kanji) || !normalized.chars().any(is_hiragana) {
            return None;
        }
        let spelled = self.fact_spelling.spell(normalized);
        (spelled != normalized).then_some(spelled)
    }

    /// The shipped examples' store.
    pub fn routing_examples(&self) -> &ExampleStore {
        &self.routing_examples
    }
}
