//! `shien setup`: builds what the service needs from local files only — the IPADIC
//! dictionary from Debian's `mecab-ipadic` source CSVs, and a check of the word vectors.

use std::io::Read;
use std::path::{Path, PathBuf};

use lindera_dictionary::builder::DictionaryBuilder;
use lindera_dictionary::dictionary::metadata::Metadata;
use sha2::{Digest, Sha256};

pub const IPADIC_SOURCE: &str = "/usr/share/mecab/dic/ipadic";
const METADATA: &str = include_str!("../models/ipadic-metadata.json");

#[derive(Debug, thiserror::Error)]
pub enum SetupError {
    #[error(
        "IPADIC source not found in {dir} (install Debian's mecab-ipadic: apt-get install mecab-ipadic)"
    )]
    SourceMissing { dir: PathBuf },
    #[error("building the dictionary from {dir} failed: {reason}")]
    Build { dir: PathBuf, reason: String },
    #[error("{file}: {reason}")]
    Io { file: PathBuf, reason: String },
}

/// Builds the lindera dictionary into `out` unless an identical build is already there.
/// Returns the checksum of the built files.
pub fn build_dictionary(source: &Path, out: &Path) -> Result<String, SetupError> {
    if !source.join("matrix.def").is_file() {
        return Err(SetupError::SourceMissing {
            dir: source.to_path_buf(),
        });
    }
    let metadata = Metadata::load(METADATA.as_bytes()).map_err(|e| SetupError::Build {
        dir: source.into(),
        reason: e.to_string(),
    })?;
    // Build into a sibling directory and swap, so an interrupted build never leaves a half dictionary.
    let staging = out.with_extension("building");
    let _ = std::fs::remove_dir_all(&staging);
    DictionaryBuilder::new(metadata)
        .build_dictionary(source, &staging)
        .map_err(|e| SetupError::Build {
            dir: source.into(),
            reason: e.to_string(),
        })?;
    let _ = std::fs::remove_dir_all(out);
    std::fs::rename(&staging, out).map_err(|e| SetupError::Io {
        file: out.into(),
        reason: e.to_string(),
    })?;
    dictionary_checksum(out)
}

/// SHA-256 over the sorted file names and contents of a built dictionary.
pub fn dictionary_checksum(dir: &Path) -> Result<String, SetupError> {
    let mut files: Vec<PathBuf> = std::fs::read_dir(dir)
        .map_err(|e| SetupError::Io {
            file: dir.into(),
            reason: e.to_string(),
        })?
        .flatten()
        .map(|e| e.path())
        .filter(|p| p.is_file())
        .collect();
    files.sort();
    let mut hasher = Sha256::new();
    for f in files {
        let name = f
            .file_name()
            .and_then(|n| n.to_str())
            .unwrap_or_default()
            .to_string();
        hasher.update(name.as_bytes());
        let mut file = std::fs::File::open(&f).map_err(|e| SetupError::Io {
            file: f.clone(),
            reason: e.to_string(),
        })?;
        let mut buf = Vec::new();
        file.read_to_end(&mut buf).map_err(|e| SetupError::Io {
            file: f.clone(),
            reason: e.to_string(),
        })?;
        hasher.update(&buf);
    }
    Ok(hex::encode(hasher.finalize()))
}
