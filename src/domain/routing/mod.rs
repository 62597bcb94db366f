//! Decides whether a chat message can be answered from the corpus or must go to a person,
//! and which consultant category fits. Rules, not a model: every decision names its reason,
//! and the rules are measured on eval/routing.jsonl.
//!
//! `sensitive`, `person`, `complaint` and `individual` hold the rule tables of each kind of
//! hand-off, `topics` the field of a message; this module holds the policy that orders them.

mod complaint;
pub mod examples;
mod individual;
mod person;
mod sensitive;
mod topics;

pub use topics::topic_category;

use complaint::complaint_words;
use individual::{individual_case, says_general};
use person::{asks_contact_details, person_words};
use sensitive::{INFORMATIONAL, SENSITIVE, SENSITIVE_ANY_FIELD, SITUATION, sensitive_category};

use super::consultants::ConsultCategory;
use super::handoff::{HandoffCategory, HandoffReason};

#[derive(Debug, Clone, PartialEq)]
pub struct Route {
    pub handoff: Option<HandoffReason>,
    /// Who takes it: a consultant's field, or the staff for a complaint about the service.
    /// For an answered message, the field of its topic.
    pub category: HandoffCategory,
    /// The words that decided it, for the staff console.
    pub matched: Vec<String>,
}

fn hits<'a>(text: &str, words: &[&'a str]) -> Vec<&'a str> {
    words.iter().copied().filter(|w| text.contains(w)).collect()
}

/// How the nearest examples' vote joins the rules (see [`route_with`]).
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Blend {
    /// A message the rules would answer is handed off when at least this share of its
    /// neighbours' weight hands off.
    pub handoff_at: f32,
    /// The same for a message the rules read as a general question about schemes or rules
    /// (their informational words, no sign of the caller's own situation).
    pub general_handoff_at: f32,
    /// A hand-off whose field the rules could not tell (no topic word: 経営) takes the
    /// neighbours' field when it holds at least this share of them.
    pub category_at: f32,
}

impl Default for Blend {
    fn default() -> Self {
        // Chosen on eval/routing.jsonl with the shipped examples (none of them from it) and
        // by 5-fold cross-validation with its other folds added (`shien eval --routing`).
        Blend {
            handoff_at: 0.7,
            general_handoff_at: 0.9,
            category_at: 0.6,
        }
    }
}

/// Routes a message by the rules, then lets the labelled examples nearest in meaning
/// (`votes`) catch what the rules have no words for: a message the rules would answer or
/// find no FAQ for is handed off when most of its neighbours are, with their reason and
/// field; a hand-off the rules made keeps its reason and takes the neighbours' field only
/// when the rules had no topic word. The rules' own signs of a question that stays answered
/// ("一般論で", asking for a phone number or how to book) are never overruled, nor is a
/// complaint the rules found.
pub fn route_with(
    text: &str,
    confidence: f32,
    threshold: f32,
    votes: Option<&examples::Votes>,
    blend: Blend,
) -> Route {
    let mut rules = route(text, confidence, threshold);
    let Some(votes) = votes else {
        return rules;
    };
    let lower = text.to_lowercase();
    let default_field = HandoffCategory::Consult(ConsultCategory::Management);
    match rules.handoff {
        Some(HandoffReason::Complaint) => rules,
        None | Some(HandoffReason::LowConfidence) => {
            if says_general(&lower) || asks_contact_details(&lower) {
                return rules;
            }
            let general_question =
                !hits(&lower, INFORMATIONAL).is_empty() && hits(&lower, SITUATION).len() <= 1;
            let needed = if general_question {
                blend.general_handoff_at
            } else {
                blend.handoff_at
            };
            if votes.handoff < needed {
                return rules;
            }
            // The neighbours decide that a person is needed; the field is the rules' when a
            // topic word named one, since an example can be near in manner ("please call me")
            // yet about another field. A complaint the neighbours see stays a complaint.
            let voted = votes.handoff_category.map_or(votes.category.0, |(c, _)| c);
            let category =
                if voted != HandoffCategory::ServiceComplaint && rules.category != default_field {
                    rules.category
                } else {
                    voted
                };
            let reason = match (category, votes.reason) {
                (HandoffCategory::ServiceComplaint, _) => HandoffReason::Complaint,
                (_, Some(r)) if r != HandoffReason::Complaint => r,
                _ => HandoffReason::SensitiveTopic,
            };
            Route {
                handoff: Some(reason),
                category,
                matched: vec![format!("近い例: {}", votes.nearest.0)],
            }
        }
        Some(_) => {
            if rules.category == default_field
                && let Some((category, share)) = votes.handoff_category
                && share >= blend.category_at
                && category != HandoffCategory::ServiceComplaint
            {
                rules.category = category;
                rules.matched.push(format!("近い例: {}", votes.nearest.0));
            }
            rules
        }
    }
}

/// Routes a (normalised) message. `confidence` is how well the corpus answers it (0..1) and
/// `threshold` the calibrated minimum for answering.
pub fn route(text: &str, confidence: f32, threshold: f32) -> Route {
    let lower = text.to_lowercase();
    let topic = topic_category(&lower);
    let found: Vec<&(&str, ConsultCategory)> = SENSITIVE
        .iter()
        .filter(|(w, _)| lower.contains(w))
        .collect();
    // A word inside a longer one found too ("賠償" in "損害賠償") is not a second vote.
    let sensitive: Vec<&(&str, ConsultCategory)> = found
        .iter()
        .copied()
        .filter(|(w, _)| {
            !found
                .iter()
                .any(|(o, _)| o.len() > w.len() && o.contains(w))
        })
        .collect();
    let any_field = hits(&lower, SENSITIVE_ANY_FIELD);
    let trouble_category = || {
        if sensitive.is_empty() {
            topic
        } else {
            sensitive_category(&sensitive, topic)
        }
    };
    // A complaint about the service goes to the staff, never to a consultant, even when the
    // caller also asks for a person ("苦情です。責任者を出して").
    let complaint = complaint_words(&lower, !sensitive.is_empty());
    if !complaint.is_empty() {
        return Route {
            handoff: Some(HandoffReason::Complaint),
            category: HandoffCategory::ServiceComplaint,
            matched: strings(&complaint),
        };
    }
    let person = person_words(&lower);
    if !person.is_empty() {
        // Whoever asks for a person while describing trouble needs the desk for that trouble.
        return Route {
            handoff: Some(HandoffReason::AskedForPerson),
            category: trouble_category().into(),
            matched: strings(&person),
        };
    }
    let situation = hits(&lower, SITUATION);
    let informational = hits(&lower, INFORMATIONAL);
    // "一般論でいいので" keeps even a sensitive topic a general question.
    let general_question =
        (!informational.is_empty() && situation.len() <= 1) || says_general(&lower);
    if (!sensitive.is_empty() || !any_field.is_empty()) && !general_question {
        let mut matched: Vec<String> = sensitive.iter().map(|(w, _)| w.to_string()).collect();
        matched.extend(strings(&any_field));
        return Route {
            handoff: Some(HandoffReason::SensitiveTopic),
            category: trouble_category().into(),
            matched,
        };
    }
    if let Some((category, matched)) = individual_case(&lower, topic) {
        return Route {
            handoff: Some(HandoffReason::IndividualJudgement),
            category: category.into(),
            matched,
        };
    }
    if confidence < threshold {
        return Route {
            handoff: Some(HandoffReason::LowConfidence),
            category: topic.into(),
            matched: vec![],
        };
    }
    Route {
        handoff: None,
        category: topic.into(),
        matched: vec![],
    }
}

fn strings(words: &[&str]) -> Vec<String> {
    words.iter().map(|w| w.to_string()).collect()
}
