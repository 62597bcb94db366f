//! Operator search requests, validated once at the edge.

use serde::Serialize;

use super::scheme::{Level, is_purpose};
use super::storable::storable;

pub const MAX_QUERY_CHARS: usize = 1000;
pub const MAX_TOP_K: usize = 100;
pub const DEFAULT_TOP_K: usize = 10;

#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum QueryError {
    #[error("検索語を入力してください。")]
    Empty,
    #[error("検索語が長すぎます（{chars}文字）。{max}文字以内にしてください。")]
    TooLong { chars: usize, max: usize },
    #[error("top_k は 1〜{max} の範囲で指定してください（{got}）。")]
    TopK { got: i64, max: usize },
    #[error("level に指定できるのは ward / tokyo / national です（{got}）。")]
    Level { got: String },
    #[error("purposes に未知の目的キーがあります（{got}）。")]
    Purpose { got: String },
}

impl QueryError {
    /// The request field the error is about.
    pub fn field(&self) -> &'static str {
        match self {
            QueryError::Empty | QueryError::TooLong { .. } => "query",
            QueryError::TopK { .. } => "top_k",
            QueryError::Level { .. } => "filters.level",
            QueryError::Purpose { .. } => "filters.purposes",
        }
    }
}

/// A non-empty query of at most [`MAX_QUERY_CHARS`] characters.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, utoipa::ToSchema)]
pub struct SearchQuery(String);

impl SearchQuery {
    /// Control characters become spaces first (see [`storable`]), so a query is always
    /// storable text.
    pub fn parse(text: &str) -> Result<SearchQuery, QueryError> {
        let text = storable(text);
        let trimmed = text.trim();
        let chars = trimmed.chars().count();
        if trimmed.chars().all(|c| c.is_whitespace() || c.is_control()) {
            return Err(QueryError::Empty);
        }
        if chars > MAX_QUERY_CHARS {
            return Err(QueryError::TooLong {
                chars,
                max: MAX_QUERY_CHARS,
            });
        }
        Ok(SearchQuery(trimmed.to_string()))
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }
}

#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, utoipa::ToSchema)]
pub struct SearchFilters {
    pub levels: Vec<Level>,
    pub purposes: Vec<String>,
    pub open_only: bool,
}

impl SearchFilters {
    pub fn parse(
        levels: &[String],
        purposes: &[String],
        open_only: bool,
    ) -> Result<SearchFilters, QueryError> {
        let mut out = SearchFilters {
            open_only,
            ..Default::default()
        };
        for l in levels.iter().filter(|l| !l.trim().is_empty()) {
            let level =
                Level::parse(l.trim()).ok_or_else(|| QueryError::Level { got: l.clone() })?;
            if !out.levels.contains(&level) {
                out.levels.push(level);
            }
        }
        for p in purposes.iter().filter(|p| !p.trim().is_empty()) {
            if !is_purpose(p.trim()) {
                return Err(QueryError::Purpose { got: p.clone() });
            }
            out.purposes.push(p.trim().to_string());
        }
        Ok(out)
    }
}

pub fn parse_top_k(top_k: Option<i64>) -> Result<usize, QueryError> {
    match top_k {
        None => Ok(DEFAULT_TOP_K),
        Some(k) if (1..=MAX_TOP_K as i64).contains(&k) => Ok(k as usize),
        Some(k) => Err(QueryError::TopK {
            got: k,
            max: MAX_TOP_K,
        }),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn empty_and_whitespace_queries_are_rejected() {
        assert_eq!(SearchQuery::parse(""), Err(QueryError::Empty));
        assert_eq!(SearchQuery::parse(" \u{3000}\n"), Err(QueryError::Empty));
    }

    #[test]
    fn over_long_queries_are_rejected_at_1001_characters() {
        assert!(SearchQuery::parse(&"あ".repeat(1000)).is_ok());
        assert!(matches!(
            SearchQuery::parse(&"あ".repeat(1001)),
            Err(QueryError::TooLong { chars: 1001, .. })
        ));
    }

    #[test]
    fn filters_accept_known_levels_and_purposes_only() {
        let ok = SearchFilters::parse(&["ward".into(), "national".into()], &["創業".into()], true)
            .unwrap();
        assert_eq!(ok.levels, vec![Level::Ward, Level::National]);
        assert!(SearchFilters::parse(&["city".into()], &[], false).is_err());
        assert!(SearchFilters::parse(&[], &["ゴルフ".into()], false).is_err());
    }

    #[test]
    fn top_k_defaults_and_bounds() {
        assert_eq!(parse_top_k(None), Ok(DEFAULT_TOP_K));
        assert!(parse_top_k(Some(0)).is_err());
        assert!(parse_top_k(Some(101)).is_err());
    }
}
