//! Citations: every scheme an answer rests on, once, with whether its page is official.

use super::Citation;
use crate::domain::corpus::Corpus;
use crate::domain::scheme::Scheme;

pub(super) fn cite(corpus: &Corpus, s: &Scheme) -> Citation {
    Citation {
        id: s.id.clone(),
        title: s.title.clone(),
        url: s.source_url.clone(),
        official_source: corpus.is_official_source(&s.source_url),
    }
}

pub(super) fn push_unique(list: &mut Vec<Citation>, c: Citation) {
    if !list.iter().any(|x| x.id == c.id) {
        list.push(c);
    }
}
