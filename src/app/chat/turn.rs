//! One chat turn: a follow-up on the session's scheme, else retrieval and the routing
//! decision, then a hand-off, one clarifying question, the asked facts of one scheme, or an
//! overview of what was found, all in the caller's language (see [`reply_lang`]).

use std::time::Instant;

use chrono::NaiveDateTime;

use super::citations::{cite, push_unique};
use super::compose::{
    GENERIC, facts_reply, is_english, overview_reply, reply_lang, supporting_faq,
};
use super::decide::decide;
use super::follow_up::follow_up;
use super::handoff::hand_off;
use super::subject::{asked_scheme, other_scheme};
use super::{Caller, ChatBot, ChatOutcome, ChatSession};
use crate::app::engine::{Engine, Result};
use crate::app::messages::Messages;
use crate::domain::asked::asked;
use crate::domain::calendar::OfficeCalendar;
use crate::domain::handoff::HandoffCategory;
use crate::domain::handoff::HandoffReason;
use crate::domain::inquiry::{Inquiry, InquiryKind, ShownResult};
use crate::domain::search::SearchQuery;

impl ChatBot {
    #[allow(clippy::too_many_arguments)]
    pub fn answer(
        &self,
        app: &Engine,
        calendar: &OfficeCalendar,
        session_id: String,
        session: &mut ChatSession,
        message: &str,
        caller: impl Into<Caller>,
        now: NaiveDateTime,
    ) -> Result<ChatOutcome> {
        let started = Instant::now();
        let caller = caller.into();
        let lang = reply_lang(caller.lang, message);
        let m = Messages::new(lang);
        session.turns += 1;
        let mut inquiry = Inquiry::new(caller.channel, InquiryKind::Chat, app.mask(message));
        inquiry.session_id = Some(session_id.clone());
        let query =
            SearchQuery::parse(message).map_err(|e| crate::app::engine::EngineError::Startup {
                context: "chat",
                message: e.to_string(),
            })?;
        let terms = app.analyze_query(query.as_str())?;
        let today = now.date();

        let (outcome, confidence, decision) =
            decide(app, &query, &terms.normalized, self.threshold)?;
        // A question typed in kana is read, for the facts it asks, as the words it sounds like
        // (じょうげん → 上限, そうぎょうの ほじょきん → 創業の補助金): the attribute, the scheme
        // and the FAQ are then found as for its kanji form.
        let spelled = match app.spelled_kana(&terms.normalized) {
            Some(text) => match SearchQuery::parse(&text) {
                Ok(q) => {
                    let outcome = app.search(&q, &Default::default(), 5, today)?;
                    Some((app.analyze_query(q.as_str())?, outcome))
                }
                Err(_) => None,
            },
            None => None,
        };
        let (fact_terms, fact_outcome) = match &spelled {
            Some((terms, outcome)) => (terms, outcome),
            None => (&terms, &outcome),
        };
        // What it asks, in the words it sounds like and in those it was typed in ("なにを
        // いっしょに いれますか" asks in kana, "じょうげん" as 上限).
        let mut asking = asked(&fact_terms.normalized);
        if spelled.is_some() {
            for a in asked(&terms.normalized) {
                if !asking.contains(&a) {
                    asking.push(a);
                }
            }
        }

        // A follow-up about the scheme just discussed ("それはいつまで？", "上限は？"): answered
        // from that scheme even when the words alone would not find it.
        if matches!(decision.handoff, None | Some(HandoffReason::LowConfidence))
            && let Some((scheme, asking)) = follow_up(app, session, fact_terms, &asking)
        {
            let (text, citations) = facts_reply(
                app,
                m,
                scheme,
                &asking,
                &fact_terms.normalized,
                today,
                None,
                None,
            );
            inquiry.results = vec![ShownResult {
                id: scheme.id.clone(),
                score: 1.0,
                explanation: None,
            }];
            inquiry.confidence = Some(0.9);
            return Ok(self.finish(
                session_id, session, inquiry, text, lang, citations, 0.9, None, false, started,
            ));
        }

        let best_words = outcome
            .results
            .first()
            .map_or(0.0, |h| h.explanation.lexical_words);
        inquiry.results = outcome.results.iter().map(|h| h.shown()).collect();
        inquiry.confidence = Some(confidence);

        if let Some(reason) = decision.handoff {
            // A hand-off that also asks a fact of a scheme ("上限は？ うちの場合は使える？",
            // "教えてください、それと担当の方と話したい") states that fact first, as the general
            // rule: the desk decides the caller's own case, but the rule is no secret.
            let stated = match reason {
                HandoffReason::IndividualJudgement
                | HandoffReason::AskedForPerson
                | HandoffReason::SensitiveTopic
                    if decision.category != HandoffCategory::ServiceComplaint
                        && !asking.is_empty() =>
                {
                    // Only a scheme the search put first or second: a hand-off's question is
                    // about the caller's case, and a scheme found for its asking words alone
                    // is too often another one.
                    asked_scheme(app, fact_outcome, fact_terms, &asking, today)?
                        .filter(|s| outcome.results.iter().take(2).any(|h| h.id == s.id))
                        .map(|scheme| {
                            let question = fact_question(&terms, fact_terms);
                            facts_reply(app, m, scheme, &asking, &question, today, None, None)
                        })
                }
                _ => None,
            };
            let (text, info, ticket) = hand_off(
                app,
                calendar,
                m,
                &inquiry,
                &terms.normalized,
                reason,
                decision.category,
                &outcome,
                now,
                stated.as_ref().map(|(text, _)| text.as_str()),
            );
            inquiry.handoff_category = Some(info.category);
            inquiry.handoff_reason = Some(reason);
            // A complaint is about the service, not a scheme: nothing to cite.
            let citations = if info.category == HandoffCategory::ServiceComplaint {
                Vec::new()
            } else {
                let mut citations = stated.map(|(_, c)| c).unwrap_or_default();
                for s in outcome
                    .results
                    .iter()
                    .take(2)
                    .filter_map(|h| app.scheme(&h.id))
                {
                    push_unique(&mut citations, cite(&app.corpus, s));
                }
                citations
            };
            let mut out = self.finish(
                session_id,
                session,
                inquiry,
                text,
                lang,
                citations,
                confidence,
                Some(info),
                false,
                started,
            );
            out.ticket = ticket;
            return Ok(out);
        }

        let vague =
            !terms.lemmas.is_empty() && terms.lemmas.iter().all(|l| GENERIC.contains(&l.as_str()));
        if vague && !session.clarified {
            session.clarified = true;
            return Ok(self.finish(
                session_id,
                session,
                inquiry,
                m.t("chat-clarify"),
                lang,
                vec![],
                confidence,
                None,
                true,
                started,
            ));
        }

        session.schemes = outcome
            .results
            .iter()
            .take(3)
            .map(|h| h.id.clone())
            .collect();

        // A factual question ("上限は？", "対象と締切"): the asked facts of the scheme it is
        // about, then the FAQ that adds to them, then the citation.
        if !asking.is_empty()
            && let Some(scheme) = asked_scheme(app, fact_outcome, fact_terms, &asking, today)?
        {
            let other = other_scheme(app, scheme, fact_outcome, &asking);
            let fact_best = fact_outcome
                .results
                .first()
                .map_or(0.0, |h| h.explanation.lexical_words);
            let faq = supporting_faq(app, scheme, fact_outcome, &fact_terms.lemmas, fact_best);
            let question = fact_question(&terms, fact_terms);
            let (text, citations) =
                facts_reply(app, m, scheme, &asking, &question, today, other, faq);
            session.schemes.retain(|id| id != &scheme.id);
            session.schemes.insert(0, scheme.id.clone());
            return Ok(self.finish(
                session_id, session, inquiry, text, lang, citations, confidence, None, false,
                started,
            ));
        }
        let (text, citations, lead) = overview_reply(app, m, &outcome, &terms, best_words);
        if let Some(first) = lead {
            session.schemes.insert(0, first);
        }
        Ok(self.finish(
            session_id, session, inquiry, text, lang, citations, confidence, None, false, started,
        ))
    }
}

/// The question the entry's conditions are matched against: its words as read for the facts,
/// or for an English question its words and the Japanese its synonyms stand for (the
/// conditions are Japanese).
fn fact_question(terms: &crate::text::QueryTerms, fact_terms: &crate::text::QueryTerms) -> String {
    if is_english(&terms.normalized) && !terms.expansions.is_empty() {
        format!("{} {}", terms.normalized, terms.expansions.join(" "))
    } else {
        fact_terms.normalized.clone()
    }
}
