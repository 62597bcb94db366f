//! A hand-off: the desk for the category (or the staff queue for a complaint about the
//! service), its next staffed slot, the reply and the ticket with a warm summary. The reply
//! is in the caller's language (desk names from the reviewed translations, hours from the
//! desk's fields); the warm summary is for the staff and stays Japanese.

use chrono::{NaiveDateTime, Utc};

use super::HandoffInfo;
use super::compose::scheme_name;
use crate::app::engine::{Engine, SearchOutcome, shorten};
use crate::app::messages::Messages;
use crate::domain::Lang;
use crate::domain::calendar::OfficeCalendar;
use crate::domain::consultants::ConsultCategory;
use crate::domain::facts::{date_ja, rule_for};
use crate::domain::handoff::HandoffReason;
use crate::domain::handoff::{HandoffCategory, STAFF_QUEUE_ID, TicketStatus};
use crate::domain::inquiry::{Inquiry, Ticket};
use crate::domain::recommend::desk_for;

/// A hand-off: the desk for the category (or the staff queue for a complaint about the
/// service), its next staffed slot, the reply and the ticket with a warm summary. For a
/// question on the edge of a rule, the summary quotes the rule the bot knows. `m` speaks the
/// reply's language. `stated`: the facts the question asked, already written, which open the
/// reply in place of the quoted rule.
#[allow(clippy::too_many_arguments)]
pub(super) fn hand_off(
    app: &Engine,
    calendar: &OfficeCalendar,
    m: Messages,
    inquiry: &Inquiry,
    normalized: &str,
    reason: HandoffReason,
    category: HandoffCategory,
    outcome: &SearchOutcome,
    now: NaiveDateTime,
    stated: Option<&str>,
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
    // So that the desk calls back in a language the caller reads.
    if m.lang() != Lang::Ja {
        summary.push_str(&format!("\n案内した言語：{}", m.lang().label_ja()));
    }
    let reason_text = m.handoff_reason(reason);
    let lines = |lines: &[String]| {
        lines
            .iter()
            .filter(|l| !l.is_empty())
            .cloned()
            .collect::<Vec<_>>()
            .join("\n")
    };

    let (reply, desk_name, desk_id, how_to_book, slot) = match category.consult_category() {
        // A complaint or an opinion about the service: the centre's staff, not a consultant.
        None => {
            let slot = calendar.next_open(now);
            let when = match slot {
                Some(s) if s.now => m.t("chat-handoff-open-now"),
                Some(s) => m.ta("chat-complaint-next", "when", &m.slot_time(s.at)),
                None => String::new(),
            };
            let desk_name = m.t("staff-queue-name");
            let reply = [
                m.ta("chat-complaint", "reason", &reason_text),
                m.targs(
                    "chat-complaint-desk",
                    &[("desk", &desk_name), ("hours", &m.office_hours(calendar))],
                ),
                // An empty line when no slot is known, as the Japanese reply always had.
                when,
                m.ta("chat-handoff-ticket", "ticket", &ticket_id),
            ]
            .join("\n");
            (
                reply,
                desk_name,
                STAFF_QUEUE_ID.to_string(),
                m.t("chat-complaint-how-to-book"),
                slot,
            )
        }
        Some(c) => {
            let desk = desk_for(&app.corpus, c)
                .or_else(|| desk_for(&app.corpus, ConsultCategory::Management));
            let slot = desk.and_then(|d| calendar.next_slot(d, now));
            let (desk_name, desk_id, how_to_book, staff, hours) = match desk {
                Some(d) => {
                    let translated = app.corpus.translations.desk(m.lang(), &d.id);
                    (
                        translated.map_or(d.name.clone(), |t| t.text.name.clone()),
                        d.id.clone(),
                        translated.map_or(d.how_to_book.clone(), |t| t.text.how_to_book.clone()),
                        d.staff.clone(),
                        m.desk_hours(d),
                    )
                }
                None => (
                    m.t("center-desk-name"),
                    "center".into(),
                    m.t("center-desk-how-to-book"),
                    m.t("center-desk-staff"),
                    String::new(),
                ),
            };
            let open_now = slot.is_some_and(|s| s.now) && calendar.is_open_at(now);
            let when = match (&slot, open_now) {
                (Some(_), true) => m.t("chat-handoff-open-now"),
                (Some(s), false) => m.ta("chat-handoff-next", "when", &m.slot_time(s.at)),
                (None, _) => m.t("chat-handoff-no-slot"),
            };
            let known_rule = match stated {
                Some(facts) => format!("{facts}\n{}", m.t("chat-own-case")),
                None => rule
                    .as_ref()
                    .map(|(s, r)| {
                        m.targs(
                            "chat-known-rule",
                            &[("rule", r), ("scheme", &scheme_name(app, m, s))],
                        )
                    })
                    .unwrap_or_default(),
            };
            let reply = lines(&[
                known_rule,
                m.targs(
                    "chat-handoff-consult",
                    &[
                        ("staff", &staff),
                        ("field", &m.handoff_category(category)),
                        ("reason", &reason_text),
                    ],
                ),
                m.targs(
                    "chat-handoff-desk",
                    &[("desk", &desk_name), ("hours", &hours)],
                ),
                when,
                m.ta("chat-handoff-booking", "how", &how_to_book),
                m.ta("chat-handoff-ticket", "ticket", &ticket_id),
            ]);
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
