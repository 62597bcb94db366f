//! The corpus as a tree of files: what the database holds, editors change one entry at a time,
//! and `shien corpus export` writes back. Each file is one entry, kept as its raw text so that
//! an export reproduces the tree byte for byte (no normalisation at all).
//!
//! The tree is the files directly in the corpus folder (README.md, consultants.toml, …) and
//! everything under `schemes/`, `faqs/` and `i18n/`. Other folders (open-data bundles such as
//! `corpus/imported`, named by `extra_corpus_dirs`) stay files on disk and never enter it.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use sha2::{Digest, Sha256};

use super::{Corpus, CorpusError, Problem};

/// The folders of the corpus whose files belong to the tree (besides the top-level files).
const TREE_FOLDERS: [&str; 3] = ["schemes", "faqs", "i18n"];

/// What kind of entry a file of the tree is, decided by where it lies.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum EntryKind {
    Scheme,
    FaqFile,
    Desks,
    Synonyms,
    Translation,
    Sources,
    Questionnaire,
    RoutingExamples,
    Document,
}

impl EntryKind {
    pub const ALL: [EntryKind; 9] = [
        EntryKind::Scheme,
        EntryKind::FaqFile,
        EntryKind::Desks,
        EntryKind::Synonyms,
        EntryKind::Translation,
        EntryKind::Sources,
        EntryKind::Questionnaire,
        EntryKind::RoutingExamples,
        EntryKind::Document,
    ];

    /// The entry at `path` (relative, `/`-separated): its kind and its id (a scheme's id, or
    /// the path itself).
    pub fn of(path: &str) -> (EntryKind, String) {
        let parts: Vec<&str> = path.split('/').collect();
        let stem = |name: &str| name.trim_end_matches(".toml").to_string();
        let kind = match parts.as_slice() {
            ["schemes", _, file] if file.ends_with(".toml") => {
                return (EntryKind::Scheme, stem(file));
            }
            ["faqs", file] if file.ends_with(".toml") => EntryKind::FaqFile,
            ["i18n", ..] => EntryKind::Translation,
            ["consultants.toml"] => EntryKind::Desks,
            ["synonyms.toml"] => EntryKind::Synonyms,
            ["sources.toml"] => EntryKind::Sources,
            ["questionnaire.toml"] => EntryKind::Questionnaire,
            ["routing-examples.toml"] => EntryKind::RoutingExamples,
            _ => EntryKind::Document,
        };
        (kind, path.to_string())
    }

    pub fn code(self) -> &'static str {
        match self {
            EntryKind::Scheme => "scheme",
            EntryKind::FaqFile => "faq_file",
            EntryKind::Desks => "desks",
            EntryKind::Synonyms => "synonyms",
            EntryKind::Translation => "translation",
            EntryKind::Sources => "sources",
            EntryKind::Questionnaire => "questionnaire",
            EntryKind::RoutingExamples => "routing_examples",
            EntryKind::Document => "document",
        }
    }

    pub fn from_code(code: &str) -> Option<EntryKind> {
        EntryKind::ALL.into_iter().find(|k| k.code() == code)
    }

    pub fn label_ja(self) -> &'static str {
        match self {
            EntryKind::Scheme => "制度",
            EntryKind::FaqFile => "よくある質問（ファイル）",
            EntryKind::Desks => "相談窓口",
            EntryKind::Synonyms => "同義語",
            EntryKind::Translation => "翻訳",
            EntryKind::Sources => "公式サイトの一覧",
            EntryKind::Questionnaire => "質問票",
            EntryKind::RoutingExamples => "振り分けの例文",
            EntryKind::Document => "説明文書",
        }
    }
}

/// Every file of the corpus by its path relative to the corpus folder (`/`-separated).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct CorpusTree {
    files: BTreeMap<String, String>,
}

impl CorpusTree {
    /// Reads the tree under `dir`; hidden files are skipped. A file that is not UTF-8 is an
    /// error naming it.
    pub fn read(dir: &Path) -> std::io::Result<CorpusTree> {
        let mut tree = CorpusTree::default();
        for entry in std::fs::read_dir(dir)? {
            let path = entry?.path();
            let name = file_name(&path);
            if name.starts_with('.') {
                continue;
            }
            if path.is_file() {
                tree.read_file(dir, &path)?;
            } else if path.is_dir() && TREE_FOLDERS.contains(&name.as_str()) {
                tree.read_folder(dir, &path)?;
            }
        }
        Ok(tree)
    }

    fn read_folder(&mut self, root: &Path, folder: &Path) -> std::io::Result<()> {
        for entry in std::fs::read_dir(folder)? {
            let path = entry?.path();
            if file_name(&path).starts_with('.') {
                continue;
            }
            if path.is_dir() {
                self.read_folder(root, &path)?;
            } else if path.is_file() {
                self.read_file(root, &path)?;
            }
        }
        Ok(())
    }

    fn read_file(&mut self, root: &Path, file: &Path) -> std::io::Result<()> {
        let text = std::fs::read_to_string(file)
            .map_err(|e| std::io::Error::new(e.kind(), format!("{}: {e}", file.display())))?;
        let relative = file.strip_prefix(root).unwrap_or(file);
        let key = relative
            .components()
            .map(|c| c.as_os_str().to_string_lossy())
            .collect::<Vec<_>>()
            .join("/");
        self.files.insert(key, text);
        Ok(())
    }

    /// Writes every file under `dir` (creating folders); files already there that the tree
    /// lacks are left alone.
    pub fn write(&self, dir: &Path) -> std::io::Result<()> {
        for (path, text) in &self.files {
            let file = dir.join(path);
            if let Some(parent) = file.parent() {
                std::fs::create_dir_all(parent)?;
            }
            std::fs::write(&file, text.as_bytes())?;
        }
        Ok(())
    }

    /// A checksum of every path and text: equal trees, equal checksums.
    pub fn checksum(&self) -> String {
        let mut hash = Sha256::new();
        for (path, text) in &self.files {
            hash.update(path.as_bytes());
            hash.update([0]);
            hash.update(text.as_bytes());
            hash.update([0]);
        }
        hex::encode(hash.finalize())
    }

    pub fn get(&self, path: &str) -> Option<&str> {
        self.files.get(path).map(String::as_str)
    }

    pub fn insert(&mut self, path: impl Into<String>, text: impl Into<String>) {
        self.files.insert(path.into(), text.into());
    }

    pub fn remove(&mut self, path: &str) -> Option<String> {
        self.files.remove(path)
    }

    pub fn iter(&self) -> impl Iterator<Item = (&str, &str)> {
        self.files.iter().map(|(p, t)| (p.as_str(), t.as_str()))
    }

    pub fn len(&self) -> usize {
        self.files.len()
    }

    pub fn is_empty(&self) -> bool {
        self.files.is_empty()
    }

    /// Writes the tree into a fresh temporary folder, removed when the value is dropped: the
    /// corpus loader and the engine read folders.
    pub fn materialise(&self) -> std::io::Result<Materialised> {
        use std::sync::atomic::{AtomicU64, Ordering};
        static NEXT: AtomicU64 = AtomicU64::new(0);
        let dir = std::env::temp_dir().join(format!(
            "shien-corpus-{}-{}",
            std::process::id(),
            NEXT.fetch_add(1, Ordering::Relaxed)
        ));
        if dir.exists() {
            std::fs::remove_dir_all(&dir)?;
        }
        std::fs::create_dir_all(&dir)?;
        let materialised = Materialised { dir };
        self.write(&materialised.dir)?;
        Ok(materialised)
    }

    /// Loads and validates the tree as `shien corpus check` would (with the extra bundle
    /// folders); problems name the file by its path in the tree.
    pub fn load(&self, extra: &[PathBuf]) -> Result<Corpus, CorpusError> {
        let dir = self.materialise().map_err(|e| CorpusError::Invalid {
            problems: vec![Problem {
                file: PathBuf::from("<corpus>"),
                line: None,
                id: None,
                field: None,
                message: format!("cannot write the corpus to a temporary folder: {e}"),
            }],
        })?;
        Corpus::load(dir.path(), extra).map_err(|e| match e {
            CorpusError::Invalid { problems } => CorpusError::Invalid {
                problems: problems
                    .into_iter()
                    .map(|mut p| {
                        if let Ok(relative) = p.file.strip_prefix(dir.path()) {
                            p.file = relative.to_path_buf();
                        }
                        p
                    })
                    .collect(),
            },
            other => other,
        })
    }
}

fn file_name(path: &Path) -> String {
    path.file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default()
}

/// A tree written to a temporary folder; the folder goes when this does.
#[derive(Debug)]
pub struct Materialised {
    dir: PathBuf,
}

impl Materialised {
    pub fn path(&self) -> &Path {
        &self.dir
    }
}

impl Drop for Materialised {
    fn drop(&mut self) {
        let _ = std::fs::remove_dir_all(&self.dir);
    }
}

/// One part of an entry's text as the edit form shows it: the lines before the first TOML
/// table header, then each `[table]` or `[[array]]` with its lines. The parts joined again
/// are the text, byte for byte.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Section {
    /// The table's name (`eligibility`, `faq`), empty for the top-level keys.
    pub name: String,
    pub text: String,
}

/// Cuts `text` at the TOML table headers outside multi-line strings.
pub fn sections(text: &str) -> Vec<Section> {
    let mut out = vec![Section {
        name: String::new(),
        text: String::new(),
    }];
    let mut in_string = false;
    for line in text.split_inclusive('\n') {
        if !in_string && let Some(name) = table_header(line) {
            out.push(Section {
                name,
                text: String::new(),
            });
        }
        if (line.matches("\"\"\"").count() + line.matches("'''").count()) % 2 == 1 {
            in_string = !in_string;
        }
        out.last_mut().expect("one section").text.push_str(line);
    }
    if out.len() > 1 && out[0].text.is_empty() {
        out.remove(0);
    }
    out
}

fn table_header(line: &str) -> Option<String> {
    let line = line.trim_end();
    let inner = line
        .strip_prefix("[[")
        .and_then(|l| l.strip_suffix("]]"))
        .or_else(|| line.strip_prefix('[').and_then(|l| l.strip_suffix(']')))?;
    let ok = !inner.is_empty()
        && inner
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || matches!(c, '_' | '-' | '.' | '"' | ' '));
    ok.then(|| inner.trim().to_string())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn kinds_follow_the_folders() {
        assert_eq!(
            EntryKind::of("schemes/ward/minato-x.toml"),
            (EntryKind::Scheme, "minato-x".to_string())
        );
        assert_eq!(EntryKind::of("faqs/tokyo.toml").0, EntryKind::FaqFile);
        assert_eq!(
            EntryKind::of("i18n/en/faqs/x.toml").0,
            EntryKind::Translation
        );
        assert_eq!(EntryKind::of("consultants.toml").0, EntryKind::Desks);
        assert_eq!(EntryKind::of("README.md").0, EntryKind::Document);
        for kind in EntryKind::ALL {
            assert_eq!(EntryKind::from_code(kind.code()), Some(kind));
        }
    }

    #[test]
    fn sections_join_back_to_the_text_and_skip_headers_inside_strings() {
        let text = "id = \"a\"\ndetails = \"\"\"\n[not a table]\n\"\"\"\n\n[eligibility]\nsize = \"sme\"\n\n[[faq]]\nid = \"b\"\n";
        let parts = sections(text);
        let names: Vec<&str> = parts.iter().map(|s| s.name.as_str()).collect();
        assert_eq!(names, ["", "eligibility", "faq"]);
        assert_eq!(
            parts.iter().map(|s| s.text.as_str()).collect::<String>(),
            text
        );
        let faqs = sections("[[faq]]\nid = \"x\"\n[[faq]]\nid = \"y\"");
        assert_eq!(faqs.len(), 2);
        assert_eq!(faqs[1].text, "[[faq]]\nid = \"y\"");
    }

    #[test]
    fn the_checksum_changes_with_any_byte() {
        let mut a = CorpusTree::default();
        a.insert("x.toml", "a = 1\n");
        let mut b = a.clone();
        assert_eq!(a.checksum(), b.checksum());
        b.insert("x.toml", "a = 1\n\n");
        assert_ne!(a.checksum(), b.checksum());
    }
}
