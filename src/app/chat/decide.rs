//! Retrieval, confidence and the routing decision for one message: the one place the chat
//! calls [`crate::domain::routing`], shared with `shien eval --routing`.

use crate::app::engine::{Engine, Result, SearchOutcome};
use crate::domain::routing::{Blend, Route, route_with};
use crate::domain::search::{SearchFilters, SearchQuery};

/// Retrieval confidence below this goes to a person (calibrated on eval/routing.jsonl).
pub const DEFAULT_THRESHOLD: f32 = 0.35;
/// confidence = s / (s + K) for the best lexical score s.
const CONFIDENCE_K: f32 = 6.0;

/// Retrieval, confidence and the routing decision for one message (shared with `shien eval --routing`).
pub fn decide(
    app: &Engine,
    query: &SearchQuery,
    normalized: &str,
    threshold: f32,
) -> Result<(SearchOutcome, f32, Route)> {
    let outcome = app.search(
        query,
        &SearchFilters::default(),
        5,
        crate::app::engine::tokyo_today(),
    )?;
    // An English question meets few Japanese words: its match with the reviewed English
    // words of the best scheme counts as much (zero for a Japanese question).
    let best_words = outcome.results.first().map_or(0.0, |h| {
        h.explanation
            .lexical_words
            .max(h.explanation.lexical_english)
    });
    // FAQs may be ordered by meaning; confidence reads their lexical scores.
    let best_faq = outcome.faqs.iter().map(|f| f.score).fold(0.0, f32::max);
    let confidence = confidence_of(best_words.max(best_faq));
    let votes = app.routing_votes(query)?;
    let model = app.routing_model_vote(query)?;
    let decision = route_with(
        &app.spelled_for_routing(normalized),
        confidence,
        threshold,
        votes.as_ref(),
        model.as_ref(),
        Blend::default(),
    );
    Ok((outcome, confidence, decision))
}

pub fn confidence_of(best_score: f32) -> f32 {
    let s = best_score.max(0.0);
    s / (s + CONFIDENCE_K)
}
