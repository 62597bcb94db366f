//! Searching the schemes and FAQs, and reading one scheme.

use serde::Serialize;

use super::engine::SearchOutcome;
use super::refusal::Wording;
use super::{App, AppError, Logged, Result, tokyo_today};
use crate::domain::inquiry::{Channel, Inquiry, InquiryKind, LogEntry};
use crate::domain::search::{SearchFilters, SearchQuery, parse_top_k};
use crate::domain::{Faq, Scheme, WindowStatus};

/// A search as a caller asks it, before validation.
#[derive(Debug, Default, Clone)]
pub struct SearchRequest<'a> {
    pub query: &'a str,
    pub top_k: Option<i64>,
    pub levels: &'a [String],
    pub purposes: &'a [String],
    pub open_only: bool,
}

/// One scheme with everything a page or the API shows about it.
#[derive(Debug, Serialize, utoipa::ToSchema)]
pub struct SchemeView<'a> {
    pub scheme: &'a Scheme,
    pub status: WindowStatus,
    pub deadline: Option<chrono::NaiveDate>,
    /// False when `scheme.source_url` is not the provider's own page (see `corpus/sources.toml`).
    pub official_source: bool,
    pub faqs: Vec<&'a Faq>,
    #[serde(skip)]
    pub related: Vec<&'a Scheme>,
}

impl App {
    /// Validates the request, searches, and logs the masked inquiry with what was shown.
    pub async fn search(
        &self,
        request: &SearchRequest<'_>,
        channel: Channel,
    ) -> Result<Logged<SearchOutcome>> {
        let query = SearchQuery::parse(request.query)?;
        let filters = SearchFilters::parse(request.levels, request.purposes, request.open_only)?;
        let top_k = parse_top_k(request.top_k)?;
        let outcome = tokio::task::block_in_place(|| {
            self.engine().search(&query, &filters, top_k, tokyo_today())
        })?;
        let inquiry = self.search_inquiry(channel, &query, &filters, &outcome);
        let inquiry_id = inquiry.id.clone();
        self.record(LogEntry::Inquiry(inquiry)).await;
        Ok(Logged {
            inquiry_id,
            outcome,
        })
    }

    /// Checks filters without searching, so that a bad link says what is wrong.
    pub fn check_filters(&self, request: &SearchRequest<'_>) -> Result<()> {
        SearchFilters::parse(request.levels, request.purposes, request.open_only)?;
        Ok(())
    }

    /// The log record of a search: masked query, what was shown and why.
    fn search_inquiry(
        &self,
        channel: Channel,
        query: &SearchQuery,
        filters: &SearchFilters,
        outcome: &SearchOutcome,
    ) -> Inquiry {
        let mut i = Inquiry::new(
            channel,
            InquiryKind::Search,
            self.engine().mask(query.as_str()),
        );
        i.results = outcome.results.iter().map(|h| h.shown()).collect();
        i.purposes = filters.purposes.clone();
        i.latency_ms = outcome.took_ms;
        i.confidence = outcome
            .results
            .first()
            .map(|h| super::chat::confidence_of(h.explanation.lexical_words));
        i
    }

    /// One scheme of `corpus` (the engine's, or a draft's for the preview) with its window
    /// status today, its FAQs and related schemes.
    pub fn scheme<'a>(
        &self,
        corpus: &'a crate::domain::Corpus,
        id: &str,
    ) -> Result<SchemeView<'a>> {
        let scheme = corpus
            .scheme(id)
            .ok_or_else(|| AppError::NotFound(Wording::new("refusal-no-scheme").arg("id", id)))?;
        let today = tokyo_today();
        Ok(SchemeView {
            scheme,
            status: scheme.window.status_on(today),
            deadline: scheme.window.deadline_on(today),
            official_source: corpus.is_official_source(&scheme.source_url),
            faqs: corpus.faqs_for(&scheme.id).collect(),
            related: scheme
                .related
                .iter()
                .filter_map(|r| corpus.scheme(r))
                .collect(),
        })
    }

    /// A scheme's title by id, or the id itself for one no longer in the corpus.
    pub fn scheme_title(&self, id: &str) -> String {
        self.engine()
            .corpus
            .scheme(id)
            .map(|s| s.title.clone())
            .unwrap_or_else(|| id.to_string())
    }
}
