//! Checksums of the Japanese fields a translation was written from, and `shien corpus stamp`,
//! which writes them into the translation files.

use std::collections::{HashMap, HashSet};
use std::path::{Path, PathBuf};

use sha2::{Digest, Sha256};

use super::{DeskTextFile, FaqTextFile, Lang, SchemeTextFile};
use crate::domain::consultants::Desk;
use crate::domain::corpus::Corpus;
use crate::domain::scheme::{Faq, Scheme};

use super::files::{Entry, HasEntries, LangFiles, id_of_line};

/// SHA-256 of named fields, first 16 hex digits. Each field is written as its name, U+001F,
/// its value and U+001E, so that moving text from one field to another changes the sum.
pub(super) fn checksum<'a>(fields: impl IntoIterator<Item = (&'a str, &'a str)>) -> String {
    let mut hasher = Sha256::new();
    for (name, value) in fields {
        hasher.update(name.as_bytes());
        hasher.update([0x1f]);
        hasher.update(value.as_bytes());
        hasher.update([0x1e]);
    }
    hex::encode(hasher.finalize())[..16].to_string()
}

/// The checksum of the Japanese a scheme translation is made from: title, summary, details,
/// how to apply and the eligibility conditions in plain words.
pub fn scheme_source_sha(s: &Scheme) -> String {
    let fields = [
        ("title", s.title.as_str()),
        ("summary", &s.summary),
        ("details", &s.details),
        ("how_to_apply", &s.how_to_apply),
    ];
    let conditions = s
        .eligibility
        .conditions
        .iter()
        .map(|c| ("conditions", c.as_str()));
    checksum(fields.into_iter().chain(conditions))
}

/// The checksum of an FAQ's Japanese question and answer.
pub fn faq_source_sha(f: &Faq) -> String {
    checksum([("question", f.question.as_str()), ("answer", &f.answer)])
}

/// The checksum of a desk's Japanese name and how to book it.
pub fn desk_source_sha(d: &Desk) -> String {
    checksum([("name", d.name.as_str()), ("how_to_book", &d.how_to_book)])
}

/// What `stamp` wrote.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct StampReport {
    /// Files rewritten, with how many entries each got a checksum.
    pub files: Vec<(PathBuf, usize)>,
}

impl StampReport {
    pub fn entries(&self) -> usize {
        self.files.iter().map(|(_, n)| n).sum()
    }
}

#[derive(Debug, thiserror::Error)]
pub enum StampError {
    #[error("{file}: {message}")]
    File { file: PathBuf, message: String },
}

/// Writes today's Japanese checksum into the translations of `lang` (or both) that have none,
/// and into those whose id is in `restamp` (after someone updated them to a changed Japanese
/// text). Only `source_sha` lines change: the rest of each file is kept byte for byte, and
/// each rewritten file is parsed again and compared with the original before it is written.
pub fn stamp(
    dir: &Path,
    corpus: &Corpus,
    lang: Option<Lang>,
    restamp: &HashSet<String>,
) -> Result<StampReport, StampError> {
    let mut report = StampReport::default();
    for l in Lang::TRANSLATED {
        if lang.is_some_and(|only| only != l) {
            continue;
        }
        let folder = dir.join(l.code());
        if !folder.is_dir() {
            continue;
        }
        let mut ignored = Vec::new();
        let files = LangFiles::in_folder(&folder, &mut ignored);
        let texts = corpus.translations.texts(l).expect("translated");
        let wants = |id: &str, sha: Option<&str>| sha.is_none() || restamp.contains(id);
        if let Some(file) = files.schemes {
            let shas: HashMap<String, String> = texts
                .schemes
                .values()
                .filter(|t| wants(&t.text.id, t.text.source_sha.as_deref()))
                .filter_map(|t| {
                    Some((
                        t.text.id.clone(),
                        scheme_source_sha(corpus.scheme(&t.text.id)?),
                    ))
                })
                .collect();
            stamp_file::<SchemeTextFile>(&file, "scheme", &shas, &mut report)?;
        }
        for file in files.faqs {
            let shas: HashMap<String, String> = texts
                .faqs
                .values()
                .filter(|t| t.file == file && wants(&t.text.id, t.text.source_sha.as_deref()))
                .filter_map(|t| Some((t.text.id.clone(), faq_source_sha(corpus.faq(&t.text.id)?))))
                .collect();
            stamp_file::<FaqTextFile>(&file, "faq", &shas, &mut report)?;
        }
        if let Some(file) = files.desks {
            let shas: HashMap<String, String> = texts
                .desks
                .values()
                .filter(|t| wants(&t.text.id, t.text.source_sha.as_deref()))
                .filter_map(|t| {
                    Some((t.text.id.clone(), desk_source_sha(corpus.desk(&t.text.id)?)))
                })
                .collect();
            stamp_file::<DeskTextFile>(&file, "desk", &shas, &mut report)?;
        }
    }
    Ok(report)
}

fn stamp_file<F>(
    file: &Path,
    table: &str,
    shas: &HashMap<String, String>,
    report: &mut StampReport,
) -> Result<(), StampError>
where
    F: HasEntries + serde::de::DeserializeOwned,
{
    if shas.is_empty() {
        return Ok(());
    }
    let fail = |message: String| StampError::File {
        file: file.to_path_buf(),
        message,
    };
    let before = std::fs::read_to_string(file).map_err(|e| fail(format!("cannot read: {e}")))?;
    let (after, stamped) = stamp_text(&before, table, shas);
    // The rewrite must change nothing but the checksums it meant to write.
    let parse = |text: &str| {
        toml::from_str::<F>(text)
            .map(F::into_entries)
            .map_err(|e| fail(format!("rewritten file does not parse: {e}")))
    };
    let old = parse(&before)?;
    let new = parse(&after)?;
    let same = old.len() == new.len()
        && old.iter().zip(&new).all(|(o, n)| {
            o.id() == n.id()
                && o.texts() == n.texts()
                && match shas.get(o.id()) {
                    Some(sha) => n.source_sha() == Some(sha.as_str()),
                    None => n.source_sha() == o.source_sha(),
                }
        });
    if !same || stamped != shas.len() {
        return Err(fail(format!(
            "could not place source_sha safely ({stamped} of {} entries); add it by hand after each id line",
            shas.len()
        )));
    }
    std::fs::write(file, after).map_err(|e| fail(format!("cannot write: {e}")))?;
    report.files.push((file.to_path_buf(), stamped));
    Ok(())
}

/// Puts `source_sha = "…"` right after the `id` line of each `[[table]]` whose id is in
/// `shas`, replacing the entry's old `source_sha` line. Returns the text and how many entries
/// were stamped.
pub(super) fn stamp_text(
    text: &str,
    table: &str,
    shas: &HashMap<String, String>,
) -> (String, usize) {
    let header = format!("[[{table}]]");
    let mut out = String::with_capacity(text.len() + shas.len() * 32);
    let mut stamped = 0;
    // Whether the table we are in is being stamped (its id line has been seen).
    let mut stamping = false;
    let mut in_table = false;
    for line in text.split_inclusive('\n') {
        let trimmed = line.trim();
        if trimmed.starts_with('[') {
            in_table = trimmed == header;
            stamping = false;
        } else if in_table {
            if stamping
                && trimmed.starts_with("source_sha")
                && trimmed["source_sha".len()..].trim_start().starts_with('=')
            {
                // The old checksum of an entry being re-stamped.
                continue;
            }
            if let Some(id) = id_of_line(line)
                && let Some(sha) = shas.get(&id)
            {
                out.push_str(line);
                if !line.ends_with('\n') {
                    out.push('\n');
                }
                out.push_str(&format!("source_sha = \"{sha}\"\n"));
                stamped += 1;
                stamping = true;
                continue;
            }
        }
        out.push_str(line);
    }
    (out, stamped)
}
