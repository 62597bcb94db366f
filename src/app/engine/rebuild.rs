//! A new engine for a changed corpus, sharing this one's dictionary: what a replica swaps in
//! when an editor publishes. Only what changed is done again:
//!
//! - every scheme, FAQ and view whose indexed text is byte for byte one this engine analysed
//!   takes its analysis (terms per field and channel, lemmas, reading words, English terms)
//!   from this engine, keyed by a checksum of that text (`index::reuse`); only new and changed
//!   texts meet the analyzer. Postings and the statistics over the whole collection (document
//!   count, average lengths, idf) are assembled again from all of them, as at start-up, so the
//!   rebuilt indexes are exactly those a build from scratch makes;
//! - passage vectors come from the on-disk cache keyed by model and text checksum, so only the
//!   texts that changed are encoded again;
//! - Qdrant is sent only the points whose content changed (see `QdrantIndex::sync`).
//!
//! Synonym groups and learned aliases apply to queries, not to the texts indexed, so they
//! change no entry's analysis; the analyzer is this engine's own.

use serde::Serialize;

use super::{Engine, EngineError, Result};
use crate::domain::Corpus;
use crate::domain::corpus::CorpusTree;
use crate::index::qdrant::SyncReport;
use crate::index::{Analyses, Reuse};

/// What a build keeps of its analyses for the next one, by kind of text.
#[derive(Debug, Default)]
pub(super) struct KeptAnalyses {
    pub schemes: Analyses,
    pub faqs: Analyses,
    pub english: Analyses,
    pub easy: Analyses,
    /// The FAQ questions of each scheme, as the static embedder reads them.
    pub questions: Analyses,
    /// Each scheme's whole text, as Qdrant's sparse vectors read it.
    pub qdrant: Analyses,
}

impl KeptAnalyses {
    pub fn heap_bytes(&self) -> usize {
        [
            &self.schemes,
            &self.faqs,
            &self.english,
            &self.easy,
            &self.questions,
            &self.qdrant,
        ]
        .iter()
        .map(|a| a.heap_bytes())
        .sum()
    }
}

/// What a build of the engine analysed and what it took from the engine before it (at
/// start-up nothing is taken).
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub struct BuildReport {
    /// The schemes' Japanese texts.
    pub schemes: Reuse,
    pub faqs: Reuse,
    /// The English and やさしい日本語 views of the schemes.
    pub english: Reuse,
    pub easy: Reuse,
    /// Further texts read for lemmas: the static embedder's FAQ questions of each scheme,
    /// Qdrant's whole scheme texts.
    pub lemma_texts: Reuse,
    /// What the sync with Qdrant sent, with the Qdrant backend.
    pub qdrant: Option<SyncReport>,
}

impl BuildReport {
    /// Entries (schemes, FAQs and views) reused and analysed, all kinds together.
    pub fn entries(&self) -> Reuse {
        self.schemes + self.faqs + self.english + self.easy
    }
}

impl Engine {
    /// The engine for `tree` (the published corpus), with the same settings and analyzer.
    /// Nothing learned from judgments is carried over: the caller teaches the new engine.
    pub fn rebuilt(&self, tree: &CorpusTree) -> Result<Engine> {
        let dir = tree.materialise().map_err(|e| EngineError::Startup {
            context: "corpus from the database",
            message: e.to_string(),
        })?;
        let corpus = Corpus::load(dir.path(), &self.settings.extra_corpus_dirs)?;
        let mut settings = self.settings.clone();
        // The questionnaire and the routing examples are read from the corpus folder too.
        settings.corpus_dir = dir.path().to_path_buf();
        let mut engine = self.with_corpus(settings, corpus)?;
        engine.settings.corpus_dir = self.settings.corpus_dir.clone();
        Ok(engine)
    }

    /// The engine for `corpus` with `settings` and this engine's analyzer, analysing only the
    /// texts this engine has not (see the module comment).
    pub fn with_corpus(&self, settings: crate::config::Settings, corpus: Corpus) -> Result<Engine> {
        Engine::assemble(settings, corpus, self.analyzer.clone(), Some(&self.kept))
    }
}
