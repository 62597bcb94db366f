//! A new engine for a changed corpus, sharing this one's dictionary: what a replica swaps in
//! when an editor publishes. Passage vectors come from the on-disk cache keyed by model and
//! text checksum, so only the texts that changed are encoded again.

use super::{Engine, EngineError, Result};
use crate::domain::Corpus;
use crate::domain::corpus::CorpusTree;

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
        let mut engine = Engine::from_parts(settings, corpus, self.analyzer.clone())?;
        engine.settings.corpus_dir = self.settings.corpus_dir.clone();
        Ok(engine)
    }
}
