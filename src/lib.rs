//! 支援ナビ (Shien Navi): helps small businesses in Minato, Tokyo find ward, Tokyo and
//! national support schemes. See ARCHITECTURE.md for the map of the crate.

pub mod app;
pub mod bench;
pub mod chart;
pub mod cli;
pub mod config;
pub mod domain;
pub mod embed;
pub mod fuzzing;
pub mod http;
pub mod import;
pub mod index;
pub mod interop;
pub mod recent;
pub mod setup;
pub mod store;
pub mod text;
