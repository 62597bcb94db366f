//! The domain core: schemes, FAQs, desks, profiles, eligibility, ranking and routing.
//! Must never import axum, sqlx, qdrant or candle.

pub mod consultants;
pub mod corpus;
pub mod date;
pub mod scheme;
pub mod search;
pub mod storable;

pub use consultants::{ConsultCategory, Desk};
pub use corpus::{Corpus, CorpusError, Problem};
pub use scheme::{Faq, Kind, Level, Scheme, WindowStatus};
pub use search::{QueryError, SearchFilters, SearchQuery};
pub mod asked;
pub mod audit;
pub use corpus::translation::Lang;
pub mod calendar;
pub mod eligibility;
pub mod facts;
pub mod freshness;
pub mod handoff;
pub mod holidays;
pub mod inquiry;
pub mod judgment;
pub mod masking;
pub mod profile;
pub mod questionnaire;
pub mod recommend;
pub mod report;
pub mod routing;
pub mod staff;
