//! The inquiry chatbot: grounded answers built only from the FAQ and scheme corpus (each
//! cited), one clarifying question when a message is too vague, follow-ups that use the
//! session's context, and hand-off to a human desk with the next staffed slot.
//!
//! A session lives behind [`SessionStore`] (see [`super::sessions`]), never in the process,
//! so a follow-up can reach any replica.

use std::time::Instant;

use chrono::{NaiveDateTime, Utc};
use serde::Serialize;

pub use super::sessions::{
    ChatSession, MAX_SESSION_BYTES, MemorySessions, SESSION_TTL, SessionResult, SessionStore,
    resume,
};
use super::sessions::{MAX_HISTORY, SESSION_IO_WAIT};

use crate::app::engine::{Engine, FaqHit, Result, SchemeHit, SearchOutcome, level_hint, shorten};
use crate::domain::asked::{Asked, FOLLOW_UP_FILLER, asked, without_asking_words};
use crate::domain::calendar::OfficeCalendar;
use crate::domain::consultants::ConsultCategory;
use crate::domain::corpus::Corpus;
use crate::domain::facts::{Fact, FactContext, date_ja, fact, rule_for};
use crate::domain::handoff::{HandoffCategory, STAFF_QUEUE_ID, STAFF_QUEUE_NAME, TicketStatus};
use crate::domain::inquiry::{Channel, Inquiry, InquiryKind, ShownResult, Ticket};
use crate::domain::recommend::desk_for;
use crate::domain::routing::{Blend, HandoffReason, route_with};
use crate::domain::scheme::Scheme;
use crate::domain::search::{SearchFilters, SearchQuery};

/// Retrieval confidence below this goes to a person (calibrated on eval/routing.jsonl).
pub const DEFAULT_THRESHOLD: f32 = 0.35;
/// confidence = s / (s + K) for the best lexical score s.
const CONFIDENCE_K: f32 = 6.0;

#[derive(Debug, Clone, Serialize, utoipa::ToSchema)]
pub struct Citation {
    pub id: String,
    pub title: String,
    pub url: String,
    /// False when the page is not the provider's own (see `corpus/sources.toml`).
    pub official_source: bool,
}

/// A hand-off as the caller's client sees it: category and reason as Japanese labels only.
#[derive(Debug, Clone, Serialize, utoipa::ToSchema)]
pub struct HandoffInfo {
    #[serde(serialize_with = "category_label")]
    #[schema(value_type = crate::domain::handoff::HandoffCategoryLabel)]
    pub category: HandoffCategory,
    pub desk: String,
    pub desk_id: String,
    #[serde(serialize_with = "reason_label")]
    #[schema(value_type = crate::domain::handoff::HandoffReasonLabel)]
    pub reason: HandoffReason,
    pub ticket: String,
    /// Next staffed time, JST "YYYY-MM-DD HH:MM".
    pub next_slot: Option<String>,
    pub open_now: bool,
    pub how_to_book: String,
}

fn category_label<S: serde::Serializer>(
    c: &HandoffCategory,
    s: S,
) -> std::result::Result<S::Ok, S::Error> {
    s.serialize_str(c.label_ja())
}

fn reason_label<S: serde::Serializer>(
    r: &HandoffReason,
    s: S,
) -> std::result::Result<S::Ok, S::Error> {
    s.serialize_str(r.label_ja())
}

#[derive(Debug, Clone, Serialize, utoipa::ToSchema)]
pub struct ChatReply {
    pub session_id: String,
    pub inquiry_id: String,
    pub reply: String,
    pub citations: Vec<Citation>,
    pub confidence: f32,
    pub handoff: Option<HandoffInfo>,
    /// True when the bot asked a clarifying question instead of answering.
    pub clarifying: bool,
}

#[derive(Debug, Default)]
pub struct ChatBot {
    pub threshold: f32,
}

/// What the chat produced, for the log.
pub struct ChatOutcome {
    pub reply: ChatReply,
    pub inquiry: Inquiry,
    pub ticket: Option<Ticket>,
    /// The conversation so far, this turn included (for the no-JavaScript page).
    pub history: Vec<(String, String)>,
}

const GENERIC: &[&str] = &[
    "補助金",
    "助成金",
    "補助",
    "助成",
    "金",
    "支援",
    "制度",
    "お金",
    "何か",
    "なにか",
    "何",
    "使える",
    "使う",
    "もらえる",
    "もらう",
    "ある",
    "教える",
    "知る",
    "相談",
    "利用",
    "申請",
    "どれ",
    "おすすめ",
    "受ける",
    "うち",
    "会社",
    "事業",
];

impl ChatBot {
    pub fn new(threshold: f32) -> ChatBot {
        ChatBot { threshold }
    }

    /// One chat turn: resumes the session (or starts one), answers, and stores the session
    /// again. A session store that fails or is slow costs the context, never the answer.
    /// `now` is JST wall-clock time (for the next desk slot). Needs a multi-threaded runtime.
    #[allow(clippy::too_many_arguments)]
    pub async fn converse(
        &self,
        app: &Engine,
        calendar: &OfficeCalendar,
        sessions: &dyn SessionStore,
        session_id: Option<&str>,
        message: &str,
        channel: Channel,
        now: NaiveDateTime,
    ) -> Result<ChatOutcome> {
        let (id, mut session) = resume(sessions, session_id, Utc::now()).await;
        let mut outcome = tokio::task::block_in_place(|| {
            self.answer(app, calendar, id, &mut session, message, channel, now)
        })?;
        match tokio::time::timeout(
            SESSION_IO_WAIT,
            sessions.save(&outcome.reply.session_id, &mut session, Utc::now()),
        )
        .await
        {
            Ok(Ok(())) => {}
            Ok(Err(e)) => tracing::warn!(error = %e, "chat session could not be stored"),
            Err(_) => tracing::warn!("chat session write timed out"),
        }
        outcome.history = session.history;
        Ok(outcome)
    }

    /// The conversation so far (masked user text and replies); empty for an unknown session.
    pub async fn history(
        &self,
        sessions: &dyn SessionStore,
        session_id: &str,
    ) -> Vec<(String, String)> {
        let (id, session) = resume(sessions, Some(session_id), Utc::now()).await;
        if id == session_id {
            session.history
        } else {
            Vec::new()
        }
    }

    /// Answers one message within `session` (updated in place). `now` is JST wall-clock time.
    #[allow(clippy::too_many_arguments)]
    pub fn answer(
        &self,
        app: &Engine,
        calendar: &OfficeCalendar,
        session_id: String,
        session: &mut ChatSession,
        message: &str,
        channel: Channel,
        now: NaiveDateTime,
    ) -> Result<ChatOutcome> {
        let started = Instant::now();
        session.turns += 1;
        let mut inquiry = Inquiry::new(channel, InquiryKind::Chat, app.mask(message));
        inquiry.session_id = Some(session_id.clone());
        let query =
            SearchQuery::parse(message).map_err(|e| crate::app::engine::EngineError::Startup {
                context: "chat",
                message: e.to_string(),
            })?;
        let terms = app.analyze_query(query.as_str())?;
        let today = now.date();
        let asking = asked(&terms.normalized);

        let (outcome, confidence, decision) =
            decide(app, &query, &terms.normalized, self.threshold)?;

        // A follow-up about the scheme just discussed ("それはいつまで？", "上限は？"): answered
        // from that scheme even when the words alone would not find it.
        if matches!(decision.handoff, None | Some(HandoffReason::LowConfidence))
            && let Some((scheme, asking)) = follow_up(app, session, &terms, &asking)
        {
            let (text, citations) =
                facts_reply(app, scheme, &asking, &terms.normalized, today, None, None);
            inquiry.results = vec![ShownResult {
                id: scheme.id.clone(),
                score: 1.0,
                explanation: None,
            }];
            inquiry.confidence = Some(0.9);
            return Ok(self.finish(
                session_id, session, inquiry, text, citations, 0.9, None, false, started,
            ));
        }

        let best_words = outcome
            .results
            .first()
            .map_or(0.0, |h| h.explanation.lexical_words);
        inquiry.results = outcome.results.iter().map(|h| h.shown()).collect();
        inquiry.confidence = Some(confidence);

        if let Some(reason) = decision.handoff {
            let (text, info, ticket) = hand_off(
                app,
                calendar,
                &inquiry,
                &terms.normalized,
                reason,
                decision.category,
                &outcome,
                now,
            );
            inquiry.handoff_category = Some(info.category);
            inquiry.handoff_reason = Some(reason);
            // A complaint is about the service, not a scheme: nothing to cite.
            let citations = if info.category == HandoffCategory::ServiceComplaint {
                Vec::new()
            } else {
                outcome
                    .results
                    .iter()
                    .take(2)
                    .filter_map(|h| app.scheme(&h.id))
                    .map(|s| cite(&app.corpus, s))
                    .collect()
            };
            let mut out = self.finish(
                session_id,
                session,
                inquiry,
                text,
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
            let text = "どのようなことに使える制度をお探しですか？ たとえば「創業（これから開業・開業して間もない）」「設備投資」「ホームページや広告」「人材の採用」「資金繰り」などを教えてください。港区・東京都・国のどの制度かご希望があれば、あわせてお知らせください。".to_string();
            return Ok(self.finish(
                session_id,
                session,
                inquiry,
                text,
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
            && let Some(scheme) = self.asked_scheme(app, &outcome, &terms, &asking, today)?
        {
            let other = other_scheme(app, scheme, &outcome, &asking);
            let faq = supporting_faq(app, scheme, &outcome, &terms.lemmas, best_words);
            let (text, citations) =
                facts_reply(app, scheme, &asking, &terms.normalized, today, other, faq);
            session.schemes.retain(|id| id != &scheme.id);
            session.schemes.insert(0, scheme.id.clone());
            return Ok(self.finish(
                session_id, session, inquiry, text, citations, confidence, None, false, started,
            ));
        }

        let mut text = String::new();
        let mut citations: Vec<Citation> = Vec::new();
        // Quote a FAQ only when it is about something the caller actually named, not just
        // the generic words (補助金, 使える) every FAQ shares.
        let specific: Vec<&String> = terms
            .lemmas
            .iter()
            .filter(|l| !GENERIC.contains(&l.as_str()))
            .collect();
        let on_topic = |question: &str| {
            app.analyzer
                .lemmas(question)
                .is_ok_and(|ls| specific.iter().any(|s| ls.contains(s)))
        };
        if let Some(faq) = outcome
            .faqs
            .first()
            .filter(|f| f.score >= best_words * 0.5 && on_topic(&f.question))
        {
            text.push_str(&faq.answer);
            for id in &faq.scheme_ids {
                if let Some(s) = app.scheme(id) {
                    push_unique(&mut citations, cite(&app.corpus, s));
                }
            }
            if let Some(first) = faq.scheme_ids.first() {
                session.schemes.insert(0, first.clone());
            }
        }
        let listed: Vec<&Scheme> = outcome
            .results
            .iter()
            .take(3)
            .filter_map(|h| app.scheme(&h.id))
            .collect();
        if !listed.is_empty() {
            text.push_str(if text.is_empty() {
                "次の制度が参考になります。"
            } else {
                "\n\n関連する制度："
            });
            for s in &listed {
                let amount = s
                    .amount_text()
                    .map(|a| format!("（{a}）"))
                    .unwrap_or_default();
                text.push_str(&format!(
                    "\n・{}{}：{}",
                    s.title,
                    amount,
                    shorten(&s.summary, 80)
                ));
                push_unique(&mut citations, cite(&app.corpus, s));
            }
        }
        text.push_str(
            "\n\n詳しい条件は各制度の公式ページでご確認ください。個別のご相談は窓口でも承ります。",
        );
        Ok(self.finish(
            session_id, session, inquiry, text, citations, confidence, None, false, started,
        ))
    }

    /// The scheme a factual question is about: the best result for the question without its
    /// asking words ("補助率", "上限" are in many entries and would pull the ranking; an English
    /// question is searched by the Japanese words its synonyms stand for), preferring the level
    /// the caller names ("港区の…") among close results. Of two schemes a combination question
    /// names, the one whose rule excludes the other, else the one named first.
    fn asked_scheme<'a>(
        &self,
        app: &'a Engine,
        outcome: &SearchOutcome,
        terms: &crate::text::QueryTerms,
        asking: &[Asked],
        today: chrono::NaiveDate,
    ) -> Result<Option<&'a Scheme>> {
        let normalized = terms.normalized.as_str();
        let topic = if is_english(normalized) && !terms.expansions.is_empty() {
            terms.expansions.join(" ")
        } else {
            without_asking_words(normalized)
        };
        let narrowed = match SearchQuery::parse(&topic) {
            Ok(q) if topic.chars().count() >= 2 => {
                Some(app.search(&q, &SearchFilters::default(), 5, today)?)
            }
            _ => None,
        };
        let results = match &narrowed {
            Some(n) if !n.results.is_empty() => &n.results,
            _ => &outcome.results,
        };
        let Some(best) = results.first() else {
            return Ok(None);
        };
        let close: Vec<&SchemeHit> = results
            .iter()
            .take(3)
            .filter(|h| h.score >= best.score * 0.8)
            .collect();
        let level = level_hint(normalized);
        // Among close results: the level the caller names, then one that holds the asked
        // amount or rate (a desk entry has neither), then the best.
        let holds = |h: &SchemeHit| {
            let amount = app.scheme(&h.id).and_then(|s| s.amount.as_ref());
            asking.iter().all(|a| match a {
                Asked::Amount => amount.is_some(),
                Asked::Rate => amount.is_some_and(|a| {
                    a.rate.is_some() || a.text.as_deref().is_some_and(states_a_rate)
                }),
                _ => true,
            })
        };
        let chosen = close
            .iter()
            .copied()
            .max_by_key(|h| {
                (
                    level.is_none_or(|l| h.level == l),
                    holds(h),
                    std::cmp::Reverse(close.iter().position(|c| c.id == h.id)),
                )
            })
            .unwrap_or(best);
        if asking.contains(&Asked::Combination) {
            let mut named: Vec<(usize, &Scheme)> = Vec::new();
            for h in results.iter().chain(outcome.results.iter()).take(8) {
                if let Some(s) = app.scheme(&h.id)
                    && !named.iter().any(|(_, n)| n.id == s.id)
                    && let Some(at) = mention(s, normalized)
                {
                    named.push((at, s));
                }
            }
            let owner = named
                .iter()
                .find(|(_, a)| named.iter().any(|(_, b)| b.id != a.id && excludes(a, b)));
            if let Some((_, s)) = owner.or_else(|| named.iter().min_by_key(|(at, _)| *at)) {
                return Ok(Some(s));
            }
        }
        Ok(app.scheme(&chosen.id))
    }

    #[allow(clippy::too_many_arguments)]
    fn finish(
        &self,
        session_id: String,
        session: &mut ChatSession,
        mut inquiry: Inquiry,
        reply: String,
        citations: Vec<Citation>,
        confidence: f32,
        handoff: Option<HandoffInfo>,
        clarifying: bool,
        started: Instant,
    ) -> ChatOutcome {
        session
            .history
            .push((inquiry.text().to_string(), reply.clone()));
        if session.history.len() > MAX_HISTORY {
            session.history.remove(0);
        }
        inquiry.latency_ms = started.elapsed().as_secs_f64() * 1000.0;
        let reply = ChatReply {
            session_id,
            inquiry_id: inquiry.id.clone(),
            reply,
            citations,
            confidence: (confidence * 1000.0).round() / 1000.0,
            handoff,
            clarifying,
        };
        ChatOutcome {
            reply,
            inquiry,
            ticket: None,
            history: Vec::new(),
        }
    }
}

/// Retrieval, confidence and the routing decision for one message (shared with `shien eval --routing`).
pub fn decide(
    app: &Engine,
    query: &SearchQuery,
    normalized: &str,
    threshold: f32,
) -> Result<(
    crate::app::engine::SearchOutcome,
    f32,
    crate::domain::routing::Route,
)> {
    let outcome = app.search(
        query,
        &SearchFilters::default(),
        5,
        crate::app::engine::tokyo_today(),
    )?;
    let best_words = outcome
        .results
        .first()
        .map_or(0.0, |h| h.explanation.lexical_words);
    // FAQs may be ordered by meaning; confidence reads their lexical scores.
    let best_faq = outcome.faqs.iter().map(|f| f.score).fold(0.0, f32::max);
    let confidence = confidence_of(best_words.max(best_faq));
    let votes = app.routing_votes(query)?;
    let decision = route_with(
        normalized,
        confidence,
        threshold,
        votes.as_ref(),
        Blend::default(),
    );
    Ok((outcome, confidence, decision))
}

pub fn confidence_of(best_score: f32) -> f32 {
    let s = best_score.max(0.0);
    s / (s + CONFIDENCE_K)
}

fn cite(corpus: &Corpus, s: &Scheme) -> Citation {
    Citation {
        id: s.id.clone(),
        title: s.title.clone(),
        url: s.source_url.clone(),
        official_source: corpus.is_official_source(&s.source_url),
    }
}

fn push_unique(list: &mut Vec<Citation>, c: Citation) {
    if !list.iter().any(|x| x.id == c.id) {
        list.push(c);
    }
}

const REFERS_BACK: &[&str] = &[
    "それ",
    "その制度",
    "その融資",
    "その補助",
    "その助成",
    "これ",
    "こちら",
    "そちら",
    "さっきの",
    "先ほどの",
    "上の",
];

/// Words of a bare follow-up that ask whether it can be used at all ("それは使えますか？").
const CAN_USE: &[&str] = &["使え", "利用でき", "対象", "申し込め", "申請でき"];

/// The scheme a follow-up is about and what it asks: the session's scheme when the message
/// refers back to it or names nothing but the attribute ("上限は？", "what about the rate?").
fn follow_up<'a>(
    app: &'a Engine,
    session: &ChatSession,
    terms: &crate::text::QueryTerms,
    asking: &[Asked],
) -> Option<(&'a Scheme, Vec<Asked>)> {
    let scheme = app.scheme(session.schemes.first()?)?;
    let text = &terms.normalized;
    let refers_back = REFERS_BACK.iter().any(|w| text.contains(w));
    let bare = !asking.is_empty()
        && terms.lemmas.iter().all(|l| {
            l.chars().count() <= 1
                || GENERIC.contains(&l.as_str())
                || FOLLOW_UP_FILLER.contains(&l.as_str())
                || Asked::ALL.iter().any(|a| a.mentions(l))
        });
    if !(refers_back || bare) {
        return None;
    }
    if !asking.is_empty() {
        return Some((scheme, asking.to_vec()));
    }
    CAN_USE
        .iter()
        .any(|w| text.contains(w))
        .then(|| (scheme, vec![Asked::Eligibility]))
}

/// Where the question names the scheme: the position of the longest run of four or more
/// characters it shares with the title or an alias ("区の創業支援融資" names
/// "港区中小企業融資あっせん（創業支援融資）"), if any.
fn mention(s: &Scheme, normalized: &str) -> Option<usize> {
    let mut best: Option<(usize, usize)> = None;
    for name in std::iter::once(&s.title).chain(s.aliases.iter()) {
        let name: Vec<char> = crate::text::normalize(name).chars().collect();
        for start in 0..name.len() {
            for end in (start + 4..=name.len()).rev() {
                let piece: String = name[start..end].iter().collect();
                if let Some(at) = normalized.find(&piece) {
                    let len = end - start;
                    if best.is_none_or(|(l, _)| len > l) {
                        best = Some((len, at));
                    }
                    break;
                }
            }
        }
    }
    best.map(|(_, at)| at)
}

/// Whether `a`'s own rules exclude `b`: listed as not combinable, or a condition naming it
/// ("…持続化補助金を含む…を受けていないこと").
fn excludes(a: &Scheme, b: &Scheme) -> bool {
    a.not_combinable_with.contains(&b.id)
        || a.eligibility.conditions.iter().any(|c| {
            let c = crate::text::normalize(c);
            std::iter::once(&b.title)
                .chain(b.aliases.iter())
                .map(|n| crate::text::normalize(n))
                .filter(|n| n.chars().count() >= 4)
                .any(|n| c.contains(&n))
        })
}

/// For a combination question, the other scheme it names: one this scheme excludes, else one
/// named by title or alias among the next results.
fn other_scheme<'a>(
    app: &'a Engine,
    scheme: &Scheme,
    outcome: &SearchOutcome,
    asking: &[Asked],
) -> Option<&'a Scheme> {
    if !asking.contains(&Asked::Combination) {
        return None;
    }
    let next: Vec<&SchemeHit> = outcome.results.iter().skip(1).take(4).collect();
    next.iter()
        .filter_map(|h| app.scheme(&h.id))
        .find(|o| {
            scheme.not_combinable_with.contains(&o.id) || o.not_combinable_with.contains(&scheme.id)
        })
        .or_else(|| {
            next.iter()
                .find(|h| h.explanation.title_match > 1.0)
                .and_then(|h| app.scheme(&h.id))
        })
}

/// The FAQ about `scheme` that answers this question too: among the FAQs found, one citing
/// the scheme, on the caller's own words and scoring close to the best scheme.
fn supporting_faq<'a>(
    app: &Engine,
    scheme: &Scheme,
    outcome: &'a SearchOutcome,
    lemmas: &[String],
    best_words: f32,
) -> Option<&'a FaqHit> {
    let specific: Vec<&String> = lemmas
        .iter()
        .filter(|l| !GENERIC.contains(&l.as_str()) && l.chars().count() > 1)
        .collect();
    outcome.faqs.iter().find(|f| {
        f.scheme_ids.iter().any(|id| id == &scheme.id)
            && f.score >= best_words * 0.5
            && app
                .analyzer
                .lemmas(&f.question)
                .is_ok_and(|ls| specific.iter().filter(|s| ls.contains(s)).count() >= 2)
    })
}

/// Whether an amount line states a rate ("3分の2", "1/2", "0.1%").
fn states_a_rate(t: &str) -> bool {
    t.contains("分の") || t.contains('%') || t.contains('％') || t.contains('/')
}

/// Whether `text` is mostly written in the Latin alphabet (an English question).
fn is_english(text: &str) -> bool {
    let letters = text.chars().filter(|c| c.is_ascii_alphabetic()).count();
    letters * 2 > text.chars().filter(|c| !c.is_whitespace()).count()
}

/// The reply to a factual question about `scheme`: one or two sentences per asked
/// attribute from its structured fields, then the FAQ that adds to them (when a fact is
/// unknown, or the question is one FAQs answer in words), then the citation.
fn facts_reply(
    app: &Engine,
    scheme: &Scheme,
    asking: &[Asked],
    question: &str,
    today: chrono::NaiveDate,
    other: Option<&Scheme>,
    faq: Option<&FaqHit>,
) -> (String, Vec<Citation>) {
    let corpus = &app.corpus;
    let ctx = FactContext {
        today: Some(today),
        desks: corpus
            .desks
            .iter()
            .filter(|d| d.scheme_id.as_deref() == Some(scheme.id.as_str()))
            .collect(),
        other,
        not_combinable: scheme
            .not_combinable_with
            .iter()
            .filter_map(|id| corpus.scheme(id))
            .map(|s| s.title.as_str())
            .collect(),
        question,
    };
    let facts: Vec<Fact> = asking.iter().map(|a| fact(scheme, *a, &ctx)).collect();
    let mut text = String::new();
    if is_english(question) {
        text.push_str("From the official information (in Japanese):\n");
    }
    for (i, f) in facts.iter().enumerate() {
        if i == 0 {
            text.push_str(&format!("「{}」の{}：", scheme.title, f.asked.label_ja()));
        } else {
            text.push_str(&format!("\n{}：", f.asked.label_ja()));
        }
        text.push_str(&f.text);
    }
    let mut citations = vec![cite(corpus, scheme)];
    let wants_words = facts.iter().any(|f| {
        !f.known
            || matches!(
                f.asked,
                Asked::Eligibility | Asked::Years | Asked::Combination | Asked::Documents
            )
    });
    if let Some(faq) = faq.filter(|_| wants_words) {
        text.push_str(&format!("\nよくある質問より：{}", faq.answer));
        for s in faq.scheme_ids.iter().filter_map(|id| corpus.scheme(id)) {
            push_unique(&mut citations, cite(corpus, s));
        }
    }
    if let Some(o) = other {
        push_unique(&mut citations, cite(corpus, o));
    }
    text.push_str(&format!(
        "\n出典：{}（{}時点の情報。最新の内容は公式ページでご確認ください）",
        scheme.title,
        date_ja(scheme.as_of)
    ));
    (text, citations)
}

/// A hand-off: the desk for the category (or the staff queue for a complaint about the
/// service), its next staffed slot, the reply and the ticket with a warm summary. For a
/// question on the edge of a rule, the summary quotes the rule the bot knows.
#[allow(clippy::too_many_arguments)]
fn hand_off(
    app: &Engine,
    calendar: &OfficeCalendar,
    inquiry: &Inquiry,
    normalized: &str,
    reason: HandoffReason,
    category: HandoffCategory,
    outcome: &SearchOutcome,
    now: NaiveDateTime,
) -> (String, HandoffInfo, Option<Ticket>) {
    // 48 random bits: with 8 hex digits (32 bits) two tickets in a busy year's log would
    // likely share a number, and the second would be silently dropped by the idempotent insert.
    let ticket_id = format!(
        "T{}",
        &uuid::Uuid::new_v4().simple().to_string()[..12].to_uppercase()
    );
    let found: Vec<String> = outcome
        .results
        .iter()
        .take(3)
        .map(|h| h.title.clone())
        .collect();
    // The rule a case on its edge turns on, quoted for the desk ("区内で引き続き1年以上…").
    let rule = (reason == HandoffReason::IndividualJudgement)
        .then(|| outcome.results.first().and_then(|h| app.scheme(&h.id)))
        .flatten()
        .and_then(|s| rule_for(s, normalized).map(|r| (s, r)));
    let mut summary = format!(
        "ご相談内容：{}\n区分：{}（{}）",
        shorten(inquiry.text(), 300),
        category.label_ja(),
        reason.label_ja(),
    );
    if let Some((s, r)) = &rule {
        summary.push_str(&format!(
            "\nボットが把握している規定：「{}」の条件「{}」（{}時点）",
            s.title,
            r,
            date_ja(s.as_of)
        ));
    }
    if category != HandoffCategory::ServiceComplaint {
        summary.push_str(&format!(
            "\nボットが見つけた関連制度：{}",
            if found.is_empty() {
                "なし".to_string()
            } else {
                found.join("、")
            }
        ));
    }

    let (reply, desk_name, desk_id, how_to_book, slot) = match category.consult_category() {
        // A complaint or an opinion about the service: the centre's staff, not a consultant.
        None => {
            let slot = calendar.next_open(now);
            let when = match slot {
                Some(s) if s.now => "ただいま受付時間内です。".to_string(),
                Some(s) => format!(
                    "ただいまは受付時間外です。次の受付は {} からです。",
                    s.at.format("%m月%d日 %H:%M")
                ),
                None => String::new(),
            };
            let reply = format!(
                "ご不便をおかけして申し訳ありません。いただいたご意見は、相談員ではなくセンターの職員が確認し、必要に応じてご連絡します（{}）。\n受付：{}（{}）\n{}\n受付番号：{}",
                reason.label_ja(),
                STAFF_QUEUE_NAME,
                calendar.hours_ja(),
                when,
                ticket_id
            );
            (
                reply,
                STAFF_QUEUE_NAME.to_string(),
                STAFF_QUEUE_ID.to_string(),
                "受付番号をお伝えのうえ、お電話または窓口でお申し出ください".to_string(),
                slot,
            )
        }
        Some(c) => {
            let desk = desk_for(&app.corpus, c)
                .or_else(|| desk_for(&app.corpus, ConsultCategory::Management));
            let slot = desk.and_then(|d| calendar.next_slot(d, now));
            let (desk_name, desk_id, how_to_book, staff) = match desk {
                Some(d) => (
                    d.name.clone(),
                    d.id.clone(),
                    d.how_to_book.clone(),
                    d.staff.clone(),
                ),
                None => (
                    "港区立産業振興センター 相談窓口".into(),
                    "center".into(),
                    "お電話でご予約ください".into(),
                    "相談員".into(),
                ),
            };
            let open_now = slot.is_some_and(|s| s.now) && calendar.is_open_at(now);
            let when = match (&slot, open_now) {
                (Some(_), true) => "ただいま受付時間内です。".to_string(),
                (Some(s), false) => format!(
                    "ただいまは受付時間外です。次の受付は {} からです。受付番号をお控えのうえ、受付時間内にご連絡いただくか、担当者からの折り返しをお待ちください。",
                    s.at.format("%m月%d日 %H:%M")
                ),
                (None, _) => "次の受付日時は窓口にお問い合わせください。".to_string(),
            };
            let known_rule = rule
                .as_ref()
                .map(|(s, r)| {
                    format!(
                        "一般的な条件は「{r}」（{}）ですが、ご自身の場合に当てはまるかは窓口で個別に確認します。\n",
                        s.title
                    )
                })
                .unwrap_or_default();
            let reply = format!(
                "{}このご相談は、{}の判断が必要な内容のため、専門の相談員におつなぎします（{}）。\n窓口：{}（{}）\n{}\n予約方法：{}\n受付番号：{}",
                known_rule,
                staff,
                reason.label_ja(),
                desk_name,
                desk.map(|d| d.schedule_ja()).unwrap_or_default(),
                when,
                how_to_book,
                ticket_id
            );
            (reply, desk_name, desk_id, how_to_book, slot)
        }
    };
    let slot_text = slot.map(|s| s.at.format("%Y-%m-%d %H:%M").to_string());
    let open_now = slot.is_some_and(|s| s.now) && calendar.is_open_at(now);
    let ticket = Ticket {
        id: ticket_id.clone(),
        inquiry_id: inquiry.id.clone(),
        created_at: Utc::now(),
        category,
        desk_id: desk_id.clone(),
        reason,
        summary,
        next_slot: slot_text.clone(),
        status: TicketStatus::Open,
        outcome: None,
        closed_at: None,
        closed_by: None,
    };
    let info = HandoffInfo {
        category,
        desk: desk_name,
        desk_id,
        reason,
        ticket: ticket_id,
        next_slot: slot_text,
        open_now,
        how_to_book,
    };
    (reply, info, Some(ticket))
}
