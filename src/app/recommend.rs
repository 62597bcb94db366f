//! The questionnaire: answers → ranked schemes with reasons, open questions and next steps.

use chrono::NaiveDate;

use super::refusal::Wording;
use super::{App, AppError, Logged, Result, tokyo_today};
use crate::domain::inquiry::{Channel, Inquiry, InquiryKind, LogEntry, ShownResult};
use crate::domain::profile::{Answers, Location, Profile, Stage};
use crate::domain::questionnaire::Questionnaire;
use crate::domain::recommend::RecommendOutcome;

/// The answers as staff read them in the log (no free text, so nothing to mask).
fn profile_summary(profile: &Profile) -> String {
    let location = match profile.location {
        Location::Minato => "港区内",
        Location::Tokyo => "東京都内（港区外）",
        Location::Other => "東京都外",
    };
    let office = match profile.head_office {
        Some(true) => "本店",
        Some(false) => "支店・営業所",
        None => "不明",
    };
    let stage = match profile.stage {
        Stage::NotFounded => "創業前".to_string(),
        Stage::Founded(years) => format!("創業{years}年"),
        Stage::Unknown => "不明".to_string(),
    };
    let form = if profile.corporate {
        "法人"
    } else {
        "個人"
    };
    format!(
        "所在地:{location} 本店:{office} 業種:{} 従業員:{}人 形態:{form} 段階:{stage}",
        profile.industry, profile.employees
    )
}

/// `YYYY-MM-DD`, or today in Tokyo when absent.
pub fn parse_today(today: Option<&str>) -> Result<NaiveDate> {
    match today {
        None => Ok(tokyo_today()),
        Some(s) => NaiveDate::parse_from_str(s, "%Y-%m-%d").map_err(|_| {
            AppError::refused(
                "invalid_field",
                Wording::new("refusal-today").on("today").arg("given", s),
            )
        }),
    }
}

impl App {
    /// The published questionnaire (a copy: an edit may replace the engine meanwhile).
    pub fn questionnaire(&self) -> Option<Questionnaire> {
        self.engine().questionnaire.clone()
    }

    /// Validates the answers, recommends, and logs the answers (no free text) with what was
    /// shown.
    pub async fn recommend(
        &self,
        answers: Answers,
        today: NaiveDate,
        channel: Channel,
    ) -> Result<Logged<RecommendOutcome>> {
        let started = std::time::Instant::now();
        let (profile, outcome) =
            tokio::task::block_in_place(|| self.engine().recommend(answers, today))?;
        let inquiry = self.recommend_inquiry(channel, &profile, &outcome, started);
        let inquiry_id = inquiry.id.clone();
        self.record(LogEntry::Inquiry(inquiry)).await;
        Ok(Logged {
            inquiry_id,
            outcome,
        })
    }

    /// The questionnaire page's form (repeated keys) → answers; the error is the question's
    /// field (empty when the questionnaire is missing) and a Japanese message.
    pub fn answers_from_form(
        &self,
        pairs: &[(String, String)],
    ) -> std::result::Result<Answers, (String, String)> {
        match self.questionnaire() {
            Some(q) => q.answers_from_form(pairs),
            None => Err((String::new(), "質問票が読み込まれていません".into())),
        }
    }

    fn recommend_inquiry(
        &self,
        channel: Channel,
        profile: &Profile,
        outcome: &RecommendOutcome,
        started: std::time::Instant,
    ) -> Inquiry {
        let summary = profile_summary(profile);
        let mut i = Inquiry::new(
            channel,
            InquiryKind::Recommend,
            self.engine().mask(&summary),
        );
        i.purposes = profile.purposes.clone();
        i.results = outcome
            .recommendations
            .iter()
            .take(30)
            .map(|r| ShownResult {
                id: r.id.clone(),
                score: r.score,
                explanation: None,
            })
            .collect();
        i.latency_ms = started.elapsed().as_secs_f64() * 1000.0;
        i
    }
}
