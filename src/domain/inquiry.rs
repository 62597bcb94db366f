//! What the inquiry log stores. Records take their text as [`Masked`], which only the masker
//! makes from raw text (dropping control characters, so every backend stores it), so unmasked
//! personal data cannot reach the store, the spool or the rejected file by mistake.

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};

use super::handoff::{HandoffCategory, HandoffReason, StableCode, TicketStatus};
use super::masking::Masked;

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize)]
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

    /// The one label people read (console, CSV).
    pub fn label_ja(self) -> &'static str {
        match self {
            Channel::Web => "Web",
            Channel::Operator => "オペレーター",
            Channel::Api => "API",
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

    /// The one label people read (console, CSV).
    pub fn label_ja(self) -> &'static str {
        match self {
            InquiryKind::Search => "検索",
            InquiryKind::Recommend => "質問票",
            InquiryKind::Chat => "チャット",
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
    /// A new record of what the caller typed, already masked.
    pub fn new(channel: Channel, kind: InquiryKind, text: Masked) -> Inquiry {
        Inquiry {
            id: uuid::Uuid::new_v4().to_string(),
            created_at: Utc::now(),
            channel,
            kind,
            session_id: None,
            text_masked: text.into_string(),
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

    /// Replaces the text with a newly masked one (`shien logs remask`).
    pub fn set_text(&mut self, text: Masked) {
        self.text_masked = text.into_string();
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
    pub fn new(inquiry_id: &str, helpful: bool, comment: Option<Masked>) -> Feedback {
        Feedback {
            id: uuid::Uuid::new_v4().to_string(),
            inquiry_id: inquiry_id.to_string(),
            created_at: Utc::now(),
            helpful,
            comment_masked: comment.filter(|c| !c.is_blank()).map(Masked::into_string),
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
    use crate::domain::masking::{NoLexicon, mask};

    #[test]
    fn inquiry_and_feedback_keep_the_masked_text() {
        let i = Inquiry::new(
            Channel::Web,
            InquiryKind::Chat,
            mask("電話は090-1234-5678です", &NoLexicon),
        );
        assert_eq!(i.text(), "電話は[電話番号]です");
        let f = Feedback::new(&i.id, true, Some(mask("mail: a@b.jp", &NoLexicon)));
        assert_eq!(f.comment(), Some("mail: [メール]"));
        let blank = Feedback::new(&i.id, true, Some(mask("  ", &NoLexicon)));
        assert_eq!(blank.comment(), None);
    }

    #[test]
    fn nul_and_control_characters_never_reach_a_record() {
        let storable_masked = |t: &str| mask(&crate::domain::storable::storable(t), &NoLexicon);
        let i = Inquiry::new(
            Channel::Api,
            InquiryKind::Search,
            storable_masked("創業\u{0}融資\u{1b}"),
        );
        assert_eq!(i.text(), "創業 融資 ");
        let f = Feedback::new(&i.id, false, Some(storable_masked("\u{0}")));
        assert_eq!(
            f.comment(),
            None,
            "a comment of nothing but NUL is no comment"
        );
    }
}
