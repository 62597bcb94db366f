//! What the inquiry log stores. Text is made storable (see [`super::storable`]) and masked
//! when a record is created, so neither unmasked personal data nor text a backend refuses can
//! reach the store.

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};

use super::handoff::{HandoffCategory, HandoffReason, StableCode, TicketStatus};
use super::masking::mask;
use super::storable::storable;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Channel {
    /// Businesses on the public pages.
    Web,
    /// Call-centre operators (the search page, the CLI).
    Operator,
    /// JSON API clients.
    Api,
}

impl Channel {
    pub fn as_str(self) -> &'static str {
        match self {
            Channel::Web => "web",
            Channel::Operator => "operator",
            Channel::Api => "api",
        }
    }
}

impl StableCode for Channel {
    const ALL: &'static [Channel] = &[Channel::Web, Channel::Operator, Channel::Api];

    fn code(self) -> &'static str {
        self.as_str()
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum InquiryKind {
    Search,
    Recommend,
    Chat,
}

impl InquiryKind {
    pub fn as_str(self) -> &'static str {
        match self {
            InquiryKind::Search => "search",
            InquiryKind::Recommend => "recommend",
            InquiryKind::Chat => "chat",
        }
    }
}

impl StableCode for InquiryKind {
    const ALL: &'static [InquiryKind] = &[
        InquiryKind::Search,
        InquiryKind::Recommend,
        InquiryKind::Chat,
    ];

    fn code(self) -> &'static str {
        self.as_str()
    }
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ShownResult {
    pub id: String,
    pub score: f32,
    /// The score breakdown, as shown to the user (JSON of the explanation).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub explanation: Option<serde_json::Value>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Inquiry {
    pub id: String,
    pub created_at: DateTime<Utc>,
    pub channel: Channel,
    pub kind: InquiryKind,
    pub session_id: Option<String>,
    text_masked: String,
    pub results: Vec<ShownResult>,
    pub purposes: Vec<String>,
    pub confidence: Option<f32>,
    pub handoff_category: Option<HandoffCategory>,
    pub handoff_reason: Option<HandoffReason>,
    pub latency_ms: f64,
}

impl Inquiry {
    /// Makes `raw_text` storable and masks it on the way in.
    pub fn new(channel: Channel, kind: InquiryKind, raw_text: &str) -> Inquiry {
        Inquiry {
            id: uuid::Uuid::new_v4().to_string(),
            created_at: Utc::now(),
            channel,
            kind,
            session_id: None,
            text_masked: mask(&storable(raw_text)),
            results: Vec::new(),
            purposes: Vec::new(),
            confidence: None,
            handoff_category: None,
            handoff_reason: None,
            latency_ms: 0.0,
        }
    }

    pub fn text(&self) -> &str {
        &self.text_masked
    }

    /// Rebuilds a record read back from the store (its text is already masked).
    pub fn from_stored(mut template: Inquiry, text_masked: String) -> Inquiry {
        template.text_masked = text_masked;
        template
    }
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Ticket {
    pub id: String,
    pub inquiry_id: String,
    pub created_at: DateTime<Utc>,
    pub category: HandoffCategory,
    pub desk_id: String,
    pub reason: HandoffReason,
    /// A short warm summary for the consultant (masked).
    pub summary: String,
    /// Local JST time of the next staffed slot, "YYYY-MM-DD HH:MM".
    pub next_slot: Option<String>,
    pub status: TicketStatus,
    pub outcome: Option<String>,
    pub closed_at: Option<DateTime<Utc>>,
    pub closed_by: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Feedback {
    pub id: String,
    pub inquiry_id: String,
    pub created_at: DateTime<Utc>,
    pub helpful: bool,
    comment_masked: Option<String>,
}

impl Feedback {
    pub fn new(inquiry_id: &str, helpful: bool, comment: Option<&str>) -> Feedback {
        Feedback {
            id: uuid::Uuid::new_v4().to_string(),
            inquiry_id: inquiry_id.to_string(),
            created_at: Utc::now(),
            helpful,
            comment_masked: comment
                .map(|c| mask(&storable(c)))
                .filter(|c| !c.trim().is_empty()),
        }
    }

    pub fn comment(&self) -> Option<&str> {
        self.comment_masked.as_deref()
    }

    pub fn from_stored(mut template: Feedback, comment_masked: Option<String>) -> Feedback {
        template.comment_masked = comment_masked;
        template
    }
}

/// One write to the inquiry log.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(tag = "type", rename_all = "snake_case")]
pub enum LogEntry {
    Inquiry(Inquiry),
    Ticket(Ticket),
    Feedback(Feedback),
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn inquiry_text_is_masked_on_creation() {
        let i = Inquiry::new(Channel::Web, InquiryKind::Chat, "電話は090-1234-5678です");
        assert_eq!(i.text(), "電話は[電話番号]です");
        let f = Feedback::new(&i.id, true, Some("mail: a@b.jp"));
        assert_eq!(f.comment(), Some("mail: [メール]"));
    }

    #[test]
    fn nul_and_control_characters_never_reach_a_record() {
        let i = Inquiry::new(Channel::Api, InquiryKind::Search, "創業\u{0}融資\u{1b}");
        assert_eq!(i.text(), "創業 融資 ");
        let f = Feedback::new(&i.id, false, Some("\u{0}"));
        assert_eq!(
            f.comment(),
            None,
            "a comment of nothing but NUL is no comment"
        );
    }
}
