//! A hand-off: the desk for the category (or the staff queue for a complaint about the
//! service), its next staffed slot, the reply and the ticket with a warm summary.

use chrono::{NaiveDateTime, Utc};

use super::HandoffInfo;
use crate::app::engine::{Engine, SearchOutcome, shorten};
use crate::domain::calendar::OfficeCalendar;
use crate::domain::consultants::ConsultCategory;
use crate::domain::facts::{date_ja, rule_for};
use crate::domain::handoff::HandoffReason;
use crate::domain::handoff::{HandoffCategory, STAFF_QUEUE_ID, STAFF_QUEUE_NAME, TicketStatus};
use crate::domain::inquiry::{Inquiry, Ticket};
use crate::domain::recommend::desk_for;

/// A hand-off: the desk for the category (or the staff queue for a complaint about the
/// service), its next staffed slot, the reply and the ticket with a warm summary. For a
/// question on the edge of a rule, the summary quotes the rule the bot knows.
#[allow(clippy::too_many_arguments)]
pub(super) fn hand_off(
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
