//! Which hosts count as official sources, and the entries that cite any other page.

use std::path::Path;

use serde::Deserialize;

use super::{Corpus, Problem};

/// Hosts whose pages count as official sources: government, public bodies and the operators
/// they designate (`corpus/sources.toml`). A host covers its subdomains too. Entries citing any
/// other page are still allowed, but users are told the page is not official and
/// `shien corpus check` lists them for a ward officer to confirm.
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct OfficialHosts {
    #[serde(default, rename = "official_hosts")]
    hosts: Vec<String>,
}

impl OfficialHosts {
    pub fn new(hosts: impl IntoIterator<Item = impl Into<String>>) -> OfficialHosts {
        OfficialHosts {
            hosts: hosts.into_iter().map(Into::into).collect(),
        }
    }

    pub fn is_official(&self, url: &str) -> bool {
        let Some(host) = host_of(url) else {
            return false;
        };
        self.hosts.iter().any(|h| {
            host.eq_ignore_ascii_case(h)
                || (host.len() > h.len()
                    && host.as_bytes()[host.len() - h.len() - 1] == b'.'
                    && host[host.len() - h.len()..].eq_ignore_ascii_case(h))
        })
    }

    pub(super) fn problems(&self, file: &Path) -> Vec<Problem> {
        self.hosts
            .iter()
            .filter(|h| h.is_empty() || !h.chars().all(|c| c.is_ascii_alphanumeric() || c == '.' || c == '-') || h.starts_with('.') || h.ends_with('.'))
            .map(|h| Problem {
                file: file.to_path_buf(),
                line: None,
                id: None,
                field: Some("official_hosts".into()),
                message: format!("{h:?} is not a host name (write e.g. \"city.minato.tokyo.jp\", without https:// or a path)"),
            })
            .collect()
    }
}

/// The host of an http(s) URL, without port or user info.
fn host_of(url: &str) -> Option<&str> {
    let rest = url
        .strip_prefix("https://")
        .or_else(|| url.strip_prefix("http://"))?;
    let authority = rest.split(['/', '?', '#']).next()?;
    let host = authority.rsplit('@').next()?.split(':').next()?;
    (!host.is_empty()).then_some(host)
}

/// An entry whose `source_url` is not on an official host, as listed by `shien corpus check`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SecondarySource<'a> {
    pub kind: &'static str,
    pub id: &'a str,
    pub url: &'a str,
}

impl Corpus {
    /// Whether `url` is a page of a body listed in `sources.toml`.
    pub fn is_official_source(&self, url: &str) -> bool {
        self.official_hosts.is_official(url)
    }

    /// Hand-written entries whose `source_url` is not an official page, in corpus order.
    /// Imported open-data schemes are left out: their links are whatever the open data gives.
    pub fn secondary_sources(&self) -> Vec<SecondarySource<'_>> {
        let schemes = self
            .schemes
            .iter()
            .filter(|s| !self.imported.contains(&s.id))
            .map(|s| SecondarySource {
                kind: "scheme",
                id: &s.id,
                url: &s.source_url,
            });
        let faqs = self.faqs.iter().map(|f| SecondarySource {
            kind: "faq",
            id: &f.id,
            url: &f.source_url,
        });
        let desks = self.desks.iter().map(|d| SecondarySource {
            kind: "desk",
            id: &d.id,
            url: &d.source_url,
        });
        schemes
            .chain(faqs)
            .chain(desks)
            .filter(|s| !self.is_official_source(s.url))
            .collect()
    }
}
