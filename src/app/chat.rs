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

use crate::app::engine::{Engine, Result, shorten};
use crate::domain::calendar::OfficeCalendar;
use crate::domain::consultants::ConsultCategory;
use crate::domain::corpus::Corpus;
use crate::domain::handoff::{HandoffCategory, TicketStatus};
use crate::domain::inquiry::{Channel, Inquiry, InquiryKind, ShownResult, Ticket};
use crate::domain::recommend::desk_for;
use crate::domain::routing::{HandoffReason, route};
use crate::domain::scheme::{LegalForm, PreFounding, Scheme};
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

        // A follow-up about the scheme just discussed ("それは個人事業主でも使えますか？").
        if let Some(reply) = follow_up(app, session, &terms.normalized) {
            let (text, scheme) = reply;
            let citations = vec![cite(&app.corpus, scheme)];
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

        let (outcome, confidence, decision) =
            decide(app, &query, &terms.normalized, self.threshold)?;
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
                reason,
                decision.category,
                &outcome,
                now,
            );
            inquiry.handoff_category = Some(info.category);
            inquiry.handoff_reason = Some(reason);
            let citations = outcome
                .results
                .iter()
                .take(2)
                .filter_map(|h| app.scheme(&h.id))
                .map(|s| cite(&app.corpus, s))
                .collect();
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
    let decision = route(normalized, confidence, threshold);
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

/// Answers a follow-up about the last scheme from its structured facts only.
fn follow_up<'a>(
    app: &'a Engine,
    session: &ChatSession,
    text: &str,
) -> Option<(String, &'a Scheme)> {
    if !REFERS_BACK.iter().any(|w| text.contains(w)) {
        return None;
    }
    let scheme = app.scheme(session.schemes.first()?)?;
    let e = &scheme.eligibility;
    let name = &scheme.title;
    let answer = if text.contains("個人事業") || text.contains("個人でも") {
        match e.legal_form {
            LegalForm::Corporate => format!("「{name}」は法人が対象で、個人事業主は対象外です。"),
            _ => format!(
                "「{name}」は個人事業主も対象です（法人・個人の区別はありません）。ほかの条件もあわせてご確認ください。"
            ),
        }
    } else if text.contains("開業前")
        || text.contains("創業前")
        || text.contains("まだ開業")
        || text.contains("これから")
    {
        match e.pre_founding {
            PreFounding::Allowed | PreFounding::Only => {
                format!("「{name}」は創業前の方も利用できます。")
            }
            PreFounding::No => {
                format!("「{name}」はすでに事業を営んでいる方が対象で、創業前は利用できません。")
            }
        }
    } else if text.contains("いくら")
        || text.contains("金額")
        || text.contains("上限")
        || text.contains("補助率")
    {
        match scheme.amount_text() {
            Some(a) => format!("「{name}」の金額の目安は {a} です。"),
            None => format!(
                "「{name}」の金額は公式ページでご確認ください（この案内には掲載していません）。"
            ),
        }
    } else if text.contains("いつ")
        || text.contains("締切")
        || text.contains("期限")
        || text.contains("募集")
    {
        let status = scheme.window.status_on(crate::app::engine::tokyo_today());
        let rounds: Vec<String> = scheme
            .window
            .rounds
            .iter()
            .map(|r| format!("{}：{}〜{}", r.label, r.opens, r.closes))
            .collect();
        format!(
            "「{name}」の受付状況は「{}」です。{}",
            status.label_ja(),
            rounds.join("、")
        )
    } else if text.contains("どこ")
        || text.contains("申し込")
        || text.contains("申請方法")
        || text.contains("問い合わせ")
    {
        format!(
            "「{name}」の申請方法：{} 問い合わせ先：{}",
            scheme.how_to_apply, scheme.contact
        )
    } else if text.contains("対象") || text.contains("使える") || text.contains("条件") {
        let mut parts = vec![format!("「{name}」の主な条件：")];
        parts.extend(e.conditions.iter().take(4).map(|c| format!("・{c}")));
        if e.conditions.is_empty() {
            parts.push(scheme.summary.clone());
        }
        parts.join("\n")
    } else {
        return None;
    };
    Some((answer, scheme))
}

fn hand_off(
    app: &Engine,
    calendar: &OfficeCalendar,
    inquiry: &Inquiry,
    reason: HandoffReason,
    category: ConsultCategory,
    outcome: &crate::app::engine::SearchOutcome,
    now: NaiveDateTime,
) -> (String, HandoffInfo, Option<Ticket>) {
    let desk = desk_for(&app.corpus, category)
        .or_else(|| desk_for(&app.corpus, ConsultCategory::Management));
    let slot = desk.and_then(|d| calendar.next_slot(d, now));
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
    let summary = format!(
        "ご相談内容：{}\n区分：{}（{}）\nボットが見つけた関連制度：{}",
        shorten(inquiry.text(), 300),
        category.label_ja(),
        reason.label_ja(),
        if found.is_empty() {
            "なし".to_string()
        } else {
            found.join("、")
        }
    );
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
    let slot_text = slot.map(|s| s.at.format("%Y-%m-%d %H:%M").to_string());
    let open_now = slot.is_some_and(|s| s.now) && calendar.is_open_at(now);
    let when = match (&slot, open_now) {
        (Some(_), true) => "ただいま受付時間内です。".to_string(),
        (Some(s), false) => format!(
            "ただいまは受付時間外です。次の受付は {} からです。受付番号をお控えのうえ、受付時間内にご連絡いただくか、担当者からの折り返しをお待ちください。",
            s.at.format("%m月%d日 %H:%M")
        ),
        (None, _) => "次の受付日時は窓口にお問い合わせください。".to_string(),
    };
    let reply = format!(
        "このご相談は、{}の判断が必要な内容のため、専門の相談員におつなぎします（{}）。\n窓口：{}（{}）\n{}\n予約方法：{}\n受付番号：{}",
        staff,
        reason.label_ja(),
        desk_name,
        desk.map(|d| d.schedule_ja()).unwrap_or_default(),
        when,
        how_to_book,
        ticket_id
    );
    let ticket = Ticket {
        id: ticket_id.clone(),
        inquiry_id: inquiry.id.clone(),
        created_at: Utc::now(),
        category: category.into(),
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
        category: category.into(),
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
