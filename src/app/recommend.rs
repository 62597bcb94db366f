//! The questionnaire: answers → ranked schemes with reasons, open questions and next steps.

use chrono::NaiveDate;

use super::{App, AppError, Logged, Result, tokyo_today};
use crate::domain::inquiry::{Channel, Inquiry, InquiryKind, LogEntry, ShownResult};
use crate::domain::profile::{Answers, Profile};
use crate::domain::questionnaire::Questionnaire;
use crate::domain::recommend::RecommendOutcome;

/// `YYYY-MM-DD`, or today in Tokyo when absent.
pub fn parse_today(today: Option<&str>) -> Result<NaiveDate> {
    match today {
        None => Ok(tokyo_today()),
        Some(s) => NaiveDate::parse_from_str(s, "%Y-%m-%d").map_err(|_| {
            AppError::invalid(
                "invalid_field",
                format!("today: YYYY-MM-DD 形式で指定してください（{s}）"),
            )
        }),
    }
}

impl App {
    pub fn questionnaire(&self) -> Option<&Questionnaire> {
        self.engine.questionnaire.as_ref()
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
            tokio::task::block_in_place(|| self.engine.recommend(answers, today))?;
        let inquiry = self.recommend_inquiry(channel, &profile, &outcome, started);
        let inquiry_id = inquiry.id.clone();
        self.record(LogEntry::Inquiry(inquiry)).await;
        Ok(Logged {
            inquiry_id,
            outcome,
        })
    }

    /// The questionnaire page's form (repeated keys) → answers; the error names the question.
    pub fn answers_from_form(
        &self,
        pairs: &[(String, String)],
    ) -> std::result::Result<Answers, String> {
        match self.questionnaire() {
            Some(q) => q.answers_from_form(pairs).map_err(|(_, message)| message),
            None => Err("質問票が読み込まれていません".into()),
        }
    }

    fn recommend_inquiry(
        &self,
        channel: Channel,
        profile: &Profile,
        outcome: &RecommendOutcome,
        started: std::time::Instant,
    ) -> Inquiry {
        let summary = format!(
            "所在地:{:?} 本店:{:?} 業種:{} 従業員:{} 形態:{} 段階:{:?}",
            profile.location,
            profile.head_office,
            profile.industry,
            profile.employees,
            if profile.corporate {
                "法人"
            } else {
                "個人"
            },
            profile.stage
        );
        let mut i = Inquiry::new(channel, InquiryKind::Recommend, self.engine.mask(&summary));
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
