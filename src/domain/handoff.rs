//! The typed parts of a hand-off record: the ticket's status, the hand-off category and the
//! hand-off reason. Each is stored as a stable ASCII code ([`StableCode`]) and shown to people
//! through exactly one Japanese label function (`label_ja`); neither the code nor a `Debug`
//! name ever reaches a page, a CSV file or the API.

use serde::{Deserialize, Deserializer, Serialize, Serializer};

use super::consultants::ConsultCategory;

/// Why a message goes to a person. Serialised as its stable code (`handoff::StableCode`);
/// the aliases read spool lines written before the codes, which used the `Debug` names.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, utoipa::ToSchema)]
#[serde(rename_all = "snake_case")]
pub enum HandoffReason {
    /// The caller asked for a person.
    #[serde(alias = "AskedForPerson")]
    AskedForPerson,
    /// A dispute, dismissal, harassment, repayment trouble or similar: not for a chatbot.
    #[serde(alias = "SensitiveTopic")]
    SensitiveTopic,
    /// A complaint about the service.
    #[serde(alias = "Complaint")]
    Complaint,
    /// Needs someone to look at the caller's own documents or case.
    #[serde(alias = "IndividualJudgement")]
    IndividualJudgement,
    /// Nothing in the corpus answers it well enough.
    #[serde(alias = "LowConfidence")]
    LowConfidence,
}

impl HandoffReason {
    pub fn label_ja(self) -> &'static str {
        match self {
            HandoffReason::AskedForPerson => "担当者との相談を希望",
            HandoffReason::SensitiveTopic => "専門家の判断が必要な相談",
            HandoffReason::Complaint => "ご意見・苦情",
            HandoffReason::IndividualJudgement => "個別の事情や書類の確認が必要",
            HandoffReason::LowConfidence => "よくある質問で回答できない内容",
        }
    }
}

/// An enum stored in the database as a short ASCII code that never changes once written
/// (renaming a code needs a migration). Decoding an unknown code is an error, never a default.
pub trait StableCode: Sized + Copy + 'static {
    /// Every value, in display order.
    const ALL: &'static [Self];

    fn code(self) -> &'static str;

    fn from_code(code: &str) -> Option<Self> {
        Self::ALL.iter().copied().find(|v| v.code() == code)
    }
}

/// Where a hand-off ticket stands.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum TicketStatus {
    /// Waiting for a consultant or the staff.
    Open,
    /// Handled; the outcome is recorded.
    Done,
}

impl TicketStatus {
    pub fn label_ja(self) -> &'static str {
        match self {
            TicketStatus::Open => "未対応",
            TicketStatus::Done => "対応済み",
        }
    }
}

impl StableCode for TicketStatus {
    const ALL: &'static [TicketStatus] = &[TicketStatus::Open, TicketStatus::Done];

    fn code(self) -> &'static str {
        match self {
            TicketStatus::Open => "open",
            TicketStatus::Done => "done",
        }
    }
}

/// Who a hand-off goes to: a consultant of one field, or the centre's own staff for a
/// complaint or opinion about the service itself (not a consultant's matter).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum HandoffCategory {
    Consult(ConsultCategory),
    /// 苦情・ご意見: a staff ticket of its own kind.
    ServiceComplaint,
}

impl HandoffCategory {
    pub fn label_ja(self) -> &'static str {
        match self {
            HandoffCategory::Consult(c) => c.label_ja(),
            HandoffCategory::ServiceComplaint => "苦情・ご意見",
        }
    }

    /// The consultant field, when a consultant desk takes it.
    pub fn consult_category(self) -> Option<ConsultCategory> {
        match self {
            HandoffCategory::Consult(c) => Some(c),
            HandoffCategory::ServiceComplaint => None,
        }
    }

    /// Reads a record written before the codes (migration 0002): the Japanese label.
    pub fn from_legacy(stored: &str) -> Option<HandoffCategory> {
        HandoffCategory::ALL
            .iter()
            .copied()
            .find(|c| c.label_ja() == stored)
    }
}

impl From<ConsultCategory> for HandoffCategory {
    fn from(c: ConsultCategory) -> HandoffCategory {
        HandoffCategory::Consult(c)
    }
}

impl StableCode for HandoffCategory {
    const ALL: &'static [HandoffCategory] = &[
        HandoffCategory::Consult(ConsultCategory::Management),
        HandoffCategory::Consult(ConsultCategory::Financing),
        HandoffCategory::Consult(ConsultCategory::Labour),
        HandoffCategory::Consult(ConsultCategory::Legal),
        HandoffCategory::Consult(ConsultCategory::IntellectualProperty),
        HandoffCategory::Consult(ConsultCategory::Tax),
        HandoffCategory::Consult(ConsultCategory::Founding),
        HandoffCategory::ServiceComplaint,
    ];

    fn code(self) -> &'static str {
        match self {
            HandoffCategory::Consult(c) => match c {
                ConsultCategory::Management => "management",
                ConsultCategory::Financing => "financing",
                ConsultCategory::Labour => "labour",
                ConsultCategory::Legal => "legal",
                ConsultCategory::IntellectualProperty => "intellectual_property",
                ConsultCategory::Tax => "tax",
                ConsultCategory::Founding => "founding",
            },
            HandoffCategory::ServiceComplaint => "service_complaint",
        }
    }
}

/// The desk id a complaint ticket carries: the centre's staff queue, not a consultant desk.
pub const STAFF_QUEUE_ID: &str = "staff";

/// The staff queue as people read it (ticket list, CSV).
pub const STAFF_QUEUE_NAME: &str = "港区立産業振興センター 職員（苦情・ご意見の窓口）";

/// In records (the log spool) a category is its code; a spool line written before the codes
/// carries the Japanese label and still reads back.
impl Serialize for HandoffCategory {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(self.code())
    }
}

impl<'de> Deserialize<'de> for HandoffCategory {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<HandoffCategory, D::Error> {
        let s = String::deserialize(d)?;
        HandoffCategory::from_code(&s)
            .or_else(|| HandoffCategory::from_legacy(&s))
            .ok_or_else(|| serde::de::Error::custom(format!("unknown hand-off category {s:?}")))
    }
}

impl StableCode for HandoffReason {
    const ALL: &'static [HandoffReason] = &[
        HandoffReason::AskedForPerson,
        HandoffReason::SensitiveTopic,
        HandoffReason::Complaint,
        HandoffReason::IndividualJudgement,
        HandoffReason::LowConfidence,
    ];

    fn code(self) -> &'static str {
        match self {
            HandoffReason::AskedForPerson => "asked_for_person",
            HandoffReason::SensitiveTopic => "sensitive_topic",
            HandoffReason::Complaint => "complaint",
            HandoffReason::IndividualJudgement => "individual_judgement",
            HandoffReason::LowConfidence => "low_confidence",
        }
    }
}

/// The API's schema for a hand-off category shown to people: its Japanese label.
pub struct HandoffCategoryLabel;

impl utoipa::PartialSchema for HandoffCategoryLabel {
    fn schema() -> utoipa::openapi::RefOr<utoipa::openapi::schema::Schema> {
        label_schema(
            HandoffCategory::ALL.iter().map(|c| c.label_ja()),
            "引き継ぎ先の分野",
        )
    }
}

impl utoipa::ToSchema for HandoffCategoryLabel {}

/// The API's schema for a hand-off reason shown to people: its Japanese label.
pub struct HandoffReasonLabel;

impl utoipa::PartialSchema for HandoffReasonLabel {
    fn schema() -> utoipa::openapi::RefOr<utoipa::openapi::schema::Schema> {
        label_schema(
            HandoffReason::ALL.iter().map(|r| r.label_ja()),
            "引き継ぎの理由",
        )
    }
}

impl utoipa::ToSchema for HandoffReasonLabel {}

fn label_schema(
    labels: impl Iterator<Item = &'static str>,
    description: &str,
) -> utoipa::openapi::RefOr<utoipa::openapi::schema::Schema> {
    utoipa::openapi::schema::ObjectBuilder::new()
        .schema_type(utoipa::openapi::schema::Type::String)
        .enum_values(Some(labels))
        .description(Some(description))
        .into()
}

#[cfg(test)]
mod tests {
    use std::collections::HashSet;

    use super::*;

    fn assert_codes_are_stable_ascii_and_unique<T: StableCode + std::fmt::Debug + PartialEq>() {
        let mut seen = HashSet::new();
        for v in T::ALL {
            let code = v.code();
            assert!(
                code.bytes().all(|b| b.is_ascii_lowercase() || b == b'_'),
                "{code}"
            );
            assert!(seen.insert(code), "duplicate code {code}");
            assert_eq!(T::from_code(code), Some(*v));
        }
    }

    #[test]
    fn every_code_is_ascii_unique_and_reads_back() {
        assert_codes_are_stable_ascii_and_unique::<TicketStatus>();
        assert_codes_are_stable_ascii_and_unique::<HandoffCategory>();
        assert_codes_are_stable_ascii_and_unique::<HandoffReason>();
        assert_eq!(HandoffCategory::from_code("労務"), None);
        assert_eq!(HandoffReason::from_code("SensitiveTopic"), None);
    }

    #[test]
    fn every_category_of_a_consultant_has_a_hand_off_category() {
        for c in ConsultCategory::ALL {
            assert!(HandoffCategory::ALL.contains(&HandoffCategory::Consult(c)));
        }
        assert_eq!(HandoffCategory::ServiceComplaint.label_ja(), "苦情・ご意見");
        assert_eq!(HandoffCategory::ServiceComplaint.consult_category(), None);
    }

    #[test]
    fn records_serialise_codes_and_read_old_spool_lines() {
        let c = HandoffCategory::Consult(ConsultCategory::Labour);
        assert_eq!(serde_json::to_value(c).unwrap(), "labour");
        assert_eq!(
            serde_json::from_value::<HandoffCategory>("労務".into()).unwrap(),
            c
        );
        assert!(serde_json::from_value::<HandoffCategory>("雑談".into()).is_err());
        for r in HandoffReason::ALL {
            assert_eq!(serde_json::to_value(r).unwrap(), r.code());
            let debug_name = format!("{r:?}");
            assert_eq!(
                serde_json::from_value::<HandoffReason>(debug_name.into()).unwrap(),
                *r
            );
        }
        for s in TicketStatus::ALL {
            assert_eq!(serde_json::to_value(s).unwrap(), s.code());
        }
    }

    #[test]
    fn labels_are_japanese() {
        let labels: Vec<&str> = HandoffCategory::ALL
            .iter()
            .map(|c| c.label_ja())
            .chain(HandoffReason::ALL.iter().map(|r| r.label_ja()))
            .chain(TicketStatus::ALL.iter().map(|s| s.label_ja()))
            .collect();
        for l in labels {
            assert!(!l.is_ascii(), "{l}");
        }
    }
}
