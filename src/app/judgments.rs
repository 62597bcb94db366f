//! Review becomes learning: recording the right answer to an inquiry (reviewers), deciding the
//! proposed fix (editors), teaching search the approved aliases and synonyms, and running the
//! approved judgments as a regression set (`shien eval --judgments`). Each action writes its
//! audit record here, once.

use super::messages::label_key;
use super::refusal::Wording;
use super::staff::StaffMember;
use super::{App, AppError, Result, tokyo_today};
use crate::domain::judgment::{
    self, Answer, FOUND_WITHIN, Fix, Judgment, JudgmentStatus, alias_phrase, propose_fix,
    synonym_words,
};
use crate::domain::search::{SearchFilters, SearchQuery};
use crate::domain::staff::{AuditAction, Permission};
use crate::store::Store;

/// Judgments listed on one page.
pub const JUDGMENT_LIST_LIMIT: i64 = 500;

/// How often a server checks whether another replica approved a fix.
pub const LEARN_POLL: std::time::Duration = std::time::Duration::from_secs(3);

/// An editor's decision on a proposed fix.
#[derive(Debug, Clone)]
pub enum Decision {
    /// Approve, with the alias phrase or the synonym words as the editor left them (ignored
    /// for fixes that have neither).
    Approve {
        text: Option<String>,
    },
    Reject,
}

/// One approved judgment checked against today's search.
#[derive(Debug, Clone)]
pub struct RegressionCase {
    pub judgment: Judgment,
    /// The answer's rank among the results (1-based), if shown in the first five.
    pub rank: Option<usize>,
    /// False for answers search cannot show (desks, "no such scheme").
    pub checked: bool,
}

impl RegressionCase {
    pub fn passed(&self) -> bool {
        !self.checked || self.rank.is_some()
    }
}

/// Every approved judgment run again.
#[derive(Debug, Clone, Default)]
pub struct RegressionReport {
    pub cases: Vec<RegressionCase>,
}

impl RegressionReport {
    pub fn checked(&self) -> usize {
        self.cases.iter().filter(|c| c.checked).count()
    }

    pub fn broken(&self) -> Vec<&RegressionCase> {
        self.cases.iter().filter(|c| !c.passed()).collect()
    }
}

/// An entry staff may name as the right answer: its choice value and its name.
pub struct AnswerChoice {
    pub value: String,
    pub label: String,
}

/// The entries offered on an inquiry's page, by kind.
pub struct AnswerChoices {
    pub schemes: Vec<AnswerChoice>,
    pub faqs: Vec<AnswerChoice>,
    pub desks: Vec<AnswerChoice>,
}

impl App {
    /// Every scheme, FAQ and desk, for the judgment form.
    pub fn answer_choices(&self) -> AnswerChoices {
        let corpus = &self.engine().corpus;
        AnswerChoices {
            schemes: corpus
                .schemes
                .iter()
                .map(|s| AnswerChoice {
                    value: Answer::Scheme(s.id.clone()).choice(),
                    label: s.title.clone(),
                })
                .collect(),
            faqs: corpus
                .faqs
                .iter()
                .map(|f| AnswerChoice {
                    value: Answer::Faq(f.id.clone()).choice(),
                    label: f.question.clone(),
                })
                .collect(),
            desks: corpus
                .desks
                .iter()
                .map(|d| AnswerChoice {
                    value: Answer::Desk(d.id.clone()).choice(),
                    label: d.name.clone(),
                })
                .collect(),
        }
    }

    /// The answer's name as people read it.
    pub fn answer_label(&self, answer: &Answer) -> String {
        let corpus = &self.engine().corpus;
        match answer {
            Answer::Scheme(id) => corpus
                .scheme(id)
                .map_or_else(|| id.clone(), |s| s.title.clone()),
            Answer::Faq(id) => corpus
                .faqs
                .iter()
                .find(|f| &f.id == id)
                .map_or_else(|| id.clone(), |f| f.question.clone()),
            Answer::Desk(id) => corpus
                .desk(id)
                .map_or_else(|| id.clone(), |d| d.name.clone()),
            Answer::NoScheme => Answer::NoScheme.kind_label_ja().to_string(),
        }
    }

    fn known(&self, answer: &Answer) -> bool {
        let corpus = &self.engine().corpus;
        match answer {
            Answer::Scheme(id) => corpus.scheme(id).is_some(),
            Answer::Faq(id) => corpus.faqs.iter().any(|f| &f.id == id),
            Answer::Desk(id) => corpus.desk(id).is_some(),
            Answer::NoScheme => true,
        }
    }

    /// Records what the right answer to inquiry `inquiry_id` was (`answer` as the form sends
    /// it), with the fix the console proposes; reviewers and above.
    pub async fn record_judgment(
        &self,
        by: &StaffMember,
        inquiry_id: &str,
        answer: &str,
    ) -> Result<Judgment> {
        by.require(Permission::RecordJudgments)?;
        let answer = Answer::parse_choice(answer)
            .filter(|a| self.known(a))
            .ok_or_else(|| {
                AppError::refused(
                    "invalid_answer",
                    Wording::new("console-refusal-answer").on("answer"),
                )
            })?;
        let inquiry = self
            .store
            .inquiry(inquiry_id)
            .await?
            .ok_or_else(|| super::console::no_inquiry(inquiry_id))?;
        let shown = |id: &str| {
            inquiry
                .results
                .iter()
                .take(FOUND_WITHIN)
                .any(|r| r.id == id)
        };
        let found = match &answer {
            Answer::Scheme(id) | Answer::Faq(id) => shown(id),
            Answer::Desk(_) | Answer::NoScheme => false,
        };
        let faq_question = match &answer {
            Answer::Faq(id) => self
                .engine()
                .corpus
                .faqs
                .iter()
                .find(|f| &f.id == id)
                .map(|f| f.question.clone()),
            _ => None,
        };
        let judgment = Judgment {
            id: uuid::Uuid::new_v4().to_string(),
            inquiry_id: inquiry.id.clone(),
            query: inquiry.text().to_string(),
            fix: propose_fix(inquiry.text(), &answer, found, faq_question.as_deref()),
            answer,
            found,
            status: JudgmentStatus::Open,
            recorded_by: by.username.clone(),
            recorded_at: chrono::Utc::now(),
            decided_by: None,
            decided_at: None,
        };
        self.store.insert_judgment(&judgment).await?;
        self.audit(
            by.actor(),
            AuditAction::JudgmentRecorded,
            Some(&judgment.id),
            &format!(
                "{}：{}（{}）",
                judgment.answer.kind_label_ja(),
                self.answer_label(&judgment.answer),
                judgment.fix.label_ja()
            ),
        )
        .await?;
        Ok(judgment)
    }

    /// Judgments in `status` (all when `None`), newest first.
    pub async fn judgments(&self, status: Option<JudgmentStatus>) -> Result<Vec<Judgment>> {
        Ok(self.store.judgments(status, JUDGMENT_LIST_LIMIT).await?)
    }

    pub async fn judgments_of(&self, inquiry_id: &str) -> Result<Vec<Judgment>> {
        Ok(self.store.judgments_of(inquiry_id).await?)
    }

    /// Judgments per status (every status listed), for the dashboard.
    pub async fn judgment_counts(&self) -> Result<Vec<(JudgmentStatus, i64)>> {
        Ok(judgment::counts(&self.store.judgment_counts().await?))
    }

    /// Approves or rejects an open judgment's fix; editors and above. An approved alias or
    /// synonym group applies to search at once here, and on other replicas within
    /// [`LEARN_POLL`]. A judgment decided already is refused, not decided again.
    pub async fn decide_judgment(
        &self,
        by: &StaffMember,
        id: &str,
        decision: Decision,
    ) -> Result<Judgment> {
        by.require(Permission::ApproveFixes)?;
        let judgment = self
            .store
            .judgment(id)
            .await?
            .ok_or_else(|| no_judgment(id))?;
        let invalid = |e: judgment::FixError| AppError::refused("invalid_fix", Wording::from(&e));
        let (status, fix) = match decision {
            Decision::Reject => (JudgmentStatus::Rejected, judgment.fix.clone()),
            Decision::Approve { text } => {
                let fix = match (&judgment.fix, text) {
                    (Fix::Alias { scheme_id, .. }, Some(t)) => Fix::Alias {
                        scheme_id: scheme_id.clone(),
                        phrase: alias_phrase(&t).map_err(invalid)?,
                    },
                    (Fix::Synonyms { .. }, Some(t)) => Fix::Synonyms {
                        words: synonym_words(&t).map_err(invalid)?,
                    },
                    (fix, _) => fix.clone(),
                };
                (JudgmentStatus::Fixed, fix)
            }
        };
        if !self
            .store
            .decide_judgment(id, status, &fix, &by.username)
            .await?
        {
            return Err(AppError::refused(
                "already_decided",
                Wording::new("console-refusal-already-decided")
                    .label("status", label_key(judgment.status)),
            ));
        }
        let action = match status {
            JudgmentStatus::Rejected => AuditAction::FixRejected,
            _ => AuditAction::FixApproved,
        };
        self.audit(by.actor(), action, Some(id), &fix.label_ja())
            .await?;
        if status == JudgmentStatus::Fixed && fix.changes_search() {
            self.learn().await?;
        }
        self.store
            .judgment(id)
            .await?
            .ok_or_else(|| no_judgment(id))
    }

    /// Teaches search every approved alias and synonym group in the database (at start-up,
    /// after an approval, and when another replica approved one).
    pub async fn learn(&self) -> Result<()> {
        let version = self.store.judgments_version().await?;
        learn_from(&self.store, &self.engine(), version).await
    }

    /// Learns again when the database says a judgment was decided since the last time.
    pub async fn learn_if_changed(&self) -> Result<bool> {
        let version = self.store.judgments_version().await?;
        if self.engine().learned_version() == version {
            return Ok(false);
        }
        learn_from(&self.store, &self.engine(), version).await?;
        Ok(true)
    }

    /// Runs every approved judgment's query through today's search (nothing is logged) and
    /// says where its answer ranks.
    pub async fn judgment_regressions(&self) -> Result<RegressionReport> {
        self.learn().await?;
        let approved = self
            .store
            .judgments(Some(JudgmentStatus::Fixed), i64::MAX)
            .await?;
        let mut cases = Vec::with_capacity(approved.len());
        let filters = SearchFilters::default();
        for judgment in approved {
            if !judgment.answer.searchable() {
                cases.push(RegressionCase {
                    judgment,
                    rank: None,
                    checked: false,
                });
                continue;
            }
            let query = SearchQuery::parse(&judgment.query)?;
            let outcome = tokio::task::block_in_place(|| {
                self.engine()
                    .search(&query, &filters, FOUND_WITHIN, tokyo_today())
            })?;
            let rank = match &judgment.answer {
                Answer::Scheme(id) => outcome.results.iter().position(|h| &h.id == id),
                Answer::Faq(id) => outcome.faqs.iter().position(|h| &h.id == id),
                _ => None,
            }
            .filter(|r| *r < FOUND_WITHIN)
            .map(|r| r + 1);
            cases.push(RegressionCase {
                judgment,
                rank,
                checked: true,
            });
        }
        Ok(RegressionReport { cases })
    }
}

pub(super) async fn learn_from(
    store: &Store,
    engine: &super::Engine,
    version: String,
) -> Result<()> {
    let fixes: Vec<Fix> = store
        .judgments(Some(JudgmentStatus::Fixed), i64::MAX)
        .await?
        .into_iter()
        .map(|j| j.fix)
        .filter(Fix::changes_search)
        .collect();
    engine.learn(&fixes, version)?;
    Ok(())
}

/// Keeps a server's search in step with fixes approved on other replicas: checks the database
/// every [`LEARN_POLL`] while the app lives.
pub fn watch_judgments(app: std::sync::Weak<App>) {
    let Ok(runtime) = tokio::runtime::Handle::try_current() else {
        return;
    };
    runtime.spawn(async move {
        let mut tick = tokio::time::interval(LEARN_POLL);
        tick.set_missed_tick_behavior(tokio::time::MissedTickBehavior::Delay);
        loop {
            tick.tick().await;
            let Some(app) = app.upgrade() else { return };
            if let Err(e) = app.learn_if_changed().await {
                tracing::warn!(error = %e, "could not check for newly approved fixes");
            }
        }
    });
}

fn no_judgment(id: &str) -> AppError {
    AppError::NotFound(Wording::new("console-refusal-no-judgment").arg("id", id))
}
