//! The routing examples' vectors: `corpus/routing-examples.toml` encoded once at start-up as
//! queries (the `query: ` side of e5, as a caller's message is), cached on disk beside the
//! passage vectors, and the vote of the nearest ones for each message.

use std::path::Path;

use unicode_normalization::UnicodeNormalization;

use super::{Engine, EngineError, Result};
use crate::config::Settings;
use crate::domain::routing::examples::ExampleLabel;
use crate::domain::routing::examples::{
    ExampleStore, RoutingExample, VoteSettings, Votes, load_examples,
};
use crate::domain::routing::model::{ModelVote, RoutingModel, TrainOptions};
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

/// The routing model compiled into the binary (`shien routing train` writes it).
const SHIPPED_MODEL: &str = include_str!("../../domain/routing/routing_model.txt");

/// The shipped routing model when it was trained on vectors of this encoder, else None (the
/// static vectors, or another e5 file): a model read on another encoder's vectors would
/// decide at random.
pub(super) fn shipped_model(embedder: &dyn Embedder) -> Option<RoutingModel> {
    let model = match RoutingModel::parse(SHIPPED_MODEL) {
        Ok(m) => m,
        Err(e) => {
            tracing::warn!(error = %e, "shipped routing model unreadable; routing without it");
            return None;
        }
    };
    let key = embedder.cache_key()?;
    (embedder.dim() == model.dim() && key.starts_with(&model.encoder)).then_some(model)
}

/// The tuning set's labelled messages with their vectors, written with the model by
/// `shien routing train` and compiled in with it.
const LEARNED_EXAMPLES: &str = include_str!("../../domain/routing/routing_examples.txt");

/// The learned examples when their vectors come from this encoder, else None (as for the
/// model: another encoder's vectors are not comparable with a message's).
pub(super) fn learned_examples(embedder: &dyn Embedder) -> Option<ExampleStore> {
    // First: an embedder that names no weights (the static vectors) never reads the file.
    let key = embedder.cache_key()?;
    let (encoder, store) = match ExampleStore::parse_file(LEARNED_EXAMPLES) {
        Ok(read) => read,
        Err(e) => {
            tracing::warn!(error = %e, "learned routing examples unreadable; routing without them");
            return None;
        }
    };
    (embedder.dim() == store.dim() && key.starts_with(&encoder)).then_some(store)
}

/// The encoder a routing model trained on `embedder`'s vectors names: its cache key up to the
/// way it runs (quantised or dequantised weights give the same vectors to four decimals).
pub fn encoder_name(embedder: &dyn Embedder) -> Option<String> {
    let key = embedder.cache_key()?;
    Some(match key.rfind(':') {
        Some(at) if key[..at].contains(':') => key[..at].to_string(),
        _ => key,
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

    /// The routing model's reading of the message; None without an embedder or a model for it.
    pub fn routing_model_vote(&self, query: &SearchQuery) -> Result<Option<ModelVote>> {
        let Some(model) = &self.routing_model else {
            return Ok(None);
        };
        let Some(vector) = self.message_vector(query.as_str())? else {
            return Ok(None);
        };
        Ok(model.vote(&vector))
    }

    /// Trains a routing model on the hand-written examples, `messages` (text and label) and
    /// `answered` (factual questions the bot answers, no field), each encoded as a caller's
    /// message is; `on_encoded` is told after each message. Returns the model and the
    /// messages and questions as learned examples (their file is written beside the model),
    /// so that a factual question near the ones the bot answers is not voted to a person for
    /// sounding like an own-case message. An error
    /// without an encoder that names its weights, or when the labels hold a single class.
    pub fn train_routing_model(
        &self,
        messages: &[(String, ExampleLabel)],
        answered: &[String],
        on_encoded: &mut dyn FnMut(),
    ) -> Result<(RoutingModel, ExampleStore)> {
        let unavailable = |message: &str| EngineError::Startup {
            context: "routing model",
            message: message.to_string(),
        };
        let embedder = self
            .embedder()
            .ok_or_else(|| unavailable("no sentence encoder is configured (SHIEN__EMBEDDER)"))?;
        let encoder = encoder_name(embedder)
            .ok_or_else(|| unavailable("the encoder does not name its weights"))?;
        let mut learned = ExampleStore::new(embedder.dim());
        for (text, label) in messages {
            let vector = embedder.embed_query(&routing_text(text))?;
            learned.push(text, &vector, label.clone());
            on_encoded();
        }
        let mut store = self.written_routing_examples();
        store.extend(&learned);
        let mut questions = Vec::with_capacity(answered.len());
        for text in answered {
            let vector = embedder.embed_query(&routing_text(text))?;
            learned.push(text, &vector, ExampleLabel::answered());
            questions.push(vector);
            on_encoded();
        }
        let model = RoutingModel::train_on(&encoder, &store, &questions, TrainOptions::default())
            .ok_or_else(|| unavailable("the labels hold a single class"))?;
        Ok((model, learned))
    }

    /// The shipped routing model, when this engine uses it.
    pub fn routing_model(&self) -> Option<&RoutingModel> {
        self.routing_model.as_ref()
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

    /// The hand-written examples only (`corpus/routing-examples.toml`): what the evaluation's
    /// folds start from, so that a message never votes for itself.
    pub fn written_routing_examples(&self) -> ExampleStore {
        self.routing_examples.first(self.written_examples)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_shipped_model_reads_and_names_the_e5_encoder() {
        let model = RoutingModel::parse(SHIPPED_MODEL).expect("shipped routing model parses");
        assert_eq!(model.dim(), 384);
        assert!(
            model.encoder.starts_with("e5-small-q4:"),
            "{}",
            model.encoder
        );
    }
}
