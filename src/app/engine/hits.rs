//! What a search returns: ranked schemes and FAQs, each with why it ranks where it does.

use super::*;

/// Why a result ranks where it does.
#[derive(Debug, Clone, Copy, Default, Serialize, PartialEq, utoipa::ToSchema)]
pub struct Explanation {
    pub lexical_words: f32,
    pub lexical_grams: f32,
    /// BM25F on the English view (English questions only).
    pub lexical_english: f32,
    /// Lexical score on the やさしい日本語 view, before its weight.
    pub lexical_easy: f32,
    /// BM25F of the reading words (queries typed in kana alone), before its weight.
    pub lexical_reading: f32,
    /// Cosine similarity of the query and scheme embeddings (the best of the scheme's
    /// Japanese passage and its translated views, as pooled).
    pub vector: f32,
    /// Which passage gave the best cosine: the Japanese entry or a translated view.
    pub vector_view: Lang,
    /// The fused retrieval score before the multipliers below.
    pub fused: f32,
    /// Multiplier for the query naming the scheme or one of its aliases.
    pub title_match: f32,
    /// Multiplier for the query naming the scheme's level (区 / 都 / 国).
    pub level_preference: f32,
    /// Multiplier for the application window (closed rounds sink).
    pub window: f32,
}

#[derive(Debug, Clone, Serialize, utoipa::ToSchema)]
pub struct SchemeHit {
    pub id: String,
    pub title: String,
    pub level: Level,
    pub kind: Kind,
    pub score: f32,
    pub snippet: String,
    pub url: String,
    /// False when `url` is not the provider's own page (see `corpus/sources.toml`).
    pub official_source: bool,
    pub status: WindowStatus,
    pub explanation: Explanation,
}

#[derive(Debug, Clone, Serialize, utoipa::ToSchema)]
pub struct FaqHit {
    pub id: String,
    pub question: String,
    pub answer: String,
    pub scheme_ids: Vec<String>,
    pub score: f32,
    pub url: String,
    pub official_source: bool,
}

#[derive(Debug, Clone, Serialize, utoipa::ToSchema)]
pub struct SearchOutcome {
    pub results: Vec<SchemeHit>,
    pub faqs: Vec<FaqHit>,
    /// Canonical words added because the caller used a synonym.
    pub expanded_with: Vec<String>,
    pub took_ms: f64,
}

impl SchemeHit {
    /// What the inquiry log keeps of a shown result.
    pub fn shown(&self) -> crate::domain::inquiry::ShownResult {
        crate::domain::inquiry::ShownResult {
            id: self.id.clone(),
            score: self.score,
            explanation: serde_json::to_value(self.explanation).ok(),
        }
    }
}
