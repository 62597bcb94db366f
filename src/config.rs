//! One typed settings struct, layered: defaults → TOML file → `SHIEN__*` environment variables.
//! The embedded default needs no file at all.

use std::fmt;
use std::net::SocketAddr;
use std::path::{Path, PathBuf};

use serde::{Deserialize, Serialize};

#[derive(Debug, thiserror::Error)]
pub enum ConfigError {
    #[error("{file}: {message}")]
    File { file: PathBuf, message: String },
    #[error("environment variable {var}: {message}")]
    Env { var: String, message: String },
    #[error("setting {field}: {message}")]
    Invalid {
        field: &'static str,
        message: String,
    },
}

/// A value that must never appear in logs (database passwords, session keys).
#[derive(Clone, Deserialize, Serialize, PartialEq, Eq)]
#[serde(transparent)]
pub struct Secret(String);

impl Secret {
    pub fn new(s: impl Into<String>) -> Secret {
        Secret(s.into())
    }
    pub fn expose(&self) -> &str {
        &self.0
    }
}

impl fmt::Debug for Secret {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("Secret(****)")
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum VectorBackend {
    InProcess,
    Qdrant,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum EmbedderKind {
    /// multilingual-e5-small (4-bit) from `models/e5/` (default).
    E5,
    /// chiVe-derived static word vectors.
    Static,
    /// A BERT / XLM-RoBERTa / ModernBERT encoder directory.
    Transformer,
    /// No embeddings: lexical search only.
    None,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum RankingMode {
    Bm25,
    Dense,
    Hybrid,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Fusion {
    /// Weighted sum of max-normalised scores (default; best on the eval).
    Weighted,
    /// Reciprocal rank fusion.
    Rrf,
}

/// How a scheme's or FAQ's similarity pools its Japanese passage and its translated views
/// (`corpus/i18n/`): see `app::engine::views`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum ViewPooling {
    /// The Japanese passage alone (views ignored).
    JapaneseOnly,
    /// The best of the Japanese passage and its views.
    Best,
    /// The mean of the Japanese passage's cosine and the best view's.
    MeanWithJapanese,
}

#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(deny_unknown_fields, default)]
pub struct Settings {
    pub bind: SocketAddr,
    /// Public base URL printed at start-up and used in links.
    pub public_url: Option<String>,
    pub corpus_dir: PathBuf,
    /// Bundles of extra schemes (e.g. `corpus/imported` from the open-data import).
    pub extra_corpus_dirs: Vec<PathBuf>,
    pub models_dir: PathBuf,
    /// `sqlite://path` (default) or `postgres://…`.
    pub database_url: Secret,
    pub embedder: EmbedderKind,
    /// Directory of a transformer model when `embedder = "transformer"`.
    pub transformer_dir: Option<PathBuf>,
    /// How the e5 encoder multiplies its 4-bit weights.
    pub e5_weights: crate::embed::WeightMode,
    pub ranking: RankingMode,
    pub fusion: Fusion,
    /// Overrides of the hybrid weights chosen on the tuning set (for evaluation runs).
    pub hybrid_lexical_weight: Option<f32>,
    pub vector_floor: Option<f32>,
    /// The lexical weight for English (mostly Latin-script) queries.
    pub english_lexical_weight: Option<f32>,
    /// How much the やさしい日本語 view's lexical score adds to the Japanese one.
    pub easy_lexical_weight: Option<f32>,
    /// The best lexical score under which the lexical side gives way to the dense side.
    pub weak_lexical_score: Option<f32>,
    /// How much the reading-word score adds for queries typed in kana alone.
    pub reading_lexical_weight: Option<f32>,
    /// The lexical weight for queries typed in kana alone.
    pub kana_lexical_weight: Option<f32>,
    pub view_pooling: Option<ViewPooling>,
    pub vector_backend: VectorBackend,
    pub qdrant_url: Option<String>,
    pub qdrant_collection: String,
    /// Log format: "text" or "json".
    pub log_format: String,
    /// Chat answers below this confidence go to a person.
    pub handoff_confidence: f32,
    /// Requests per minute per client IP (a burst of this size is allowed); 0 turns it off.
    pub rate_limit_per_minute: u32,
    /// Optional TLS certificate and key (PEM) for deployments without a proxy.
    pub tls_cert: Option<PathBuf>,
    pub tls_key: Option<PathBuf>,
    /// Mark session cookies `Secure` (on by default whenever TLS or a https public_url is used).
    pub secure_cookies: Option<bool>,
    /// Folder of the inquiry-log spool for a PostgreSQL log (default `data`). Replicas on one
    /// host need one each: a spool file belongs to one process.
    pub spool_dir: Option<PathBuf>,
    /// The freshness board (`/admin/freshness`) flags corpus entries whose `as_of` is more
    /// than this many days old.
    pub freshness_max_age_days: u32,
    /// Run the learned name tagger beside the masker's name rules (`shien pii train`); it reads
    /// the e5 encoder's word vectors and is skipped under another embedder.
    pub name_tagger: bool,
}

impl Default for Settings {
    fn default() -> Self {
        Settings {
            bind: "127.0.0.1:8080".parse().expect("valid address"),
            public_url: None,
            corpus_dir: PathBuf::from("corpus"),
            extra_corpus_dirs: Vec::new(),
            models_dir: PathBuf::from("models"),
            database_url: Secret::new("sqlite://data/shien.sqlite"),
            embedder: EmbedderKind::E5,
            transformer_dir: None,
            e5_weights: crate::embed::WeightMode::Quantized,
            ranking: RankingMode::Hybrid,
            fusion: Fusion::Weighted,
            hybrid_lexical_weight: None,
            vector_floor: None,
            english_lexical_weight: None,
            easy_lexical_weight: None,
            weak_lexical_score: None,
            reading_lexical_weight: None,
            kana_lexical_weight: None,
            view_pooling: None,
            vector_backend: VectorBackend::InProcess,
            qdrant_url: None,
            qdrant_collection: "shien_schemes".into(),
            log_format: "text".into(),
            handoff_confidence: 0.35,
            rate_limit_per_minute: 300,
            tls_cert: None,
            tls_key: None,
            secure_cookies: None,
            spool_dir: None,
            freshness_max_age_days: 180,
            name_tagger: true,
        }
    }
}

const ENV_PREFIX: &str = "SHIEN__";

impl Settings {
    /// Defaults, then `file` (or `config/shien.toml` when it exists), then the environment.
    pub fn load(file: Option<&Path>) -> Result<Settings, ConfigError> {
        let vars: Vec<(String, String)> = std::env::vars().collect();
        Settings::load_from(file, &vars)
    }

    pub fn load_from(
        file: Option<&Path>,
        env: &[(String, String)],
    ) -> Result<Settings, ConfigError> {
        let mut table =
            toml::Table::try_from(Settings::default()).map_err(|e| ConfigError::Invalid {
                field: "defaults",
                message: e.to_string(),
            })?;
        let default_file = PathBuf::from("config/shien.toml");
        let file = file
            .map(Path::to_path_buf)
            .or_else(|| default_file.exists().then_some(default_file));
        if let Some(file) = &file {
            let text = std::fs::read_to_string(file).map_err(|e| ConfigError::File {
                file: file.clone(),
                message: e.to_string(),
            })?;
            let overlay: toml::Table = toml::from_str(&text).map_err(|e| ConfigError::File {
                file: file.clone(),
                message: e.to_string(),
            })?;
            for (k, v) in overlay {
                table.insert(k, v);
            }
        }
        for (var, value) in env {
            let key = if let Some(rest) = var.strip_prefix(ENV_PREFIX) {
                rest.to_ascii_lowercase()
            } else if var == "DATABASE_URL" || var == "QDRANT_URL" {
                var.to_ascii_lowercase()
            } else {
                continue;
            };
            let parsed =
                parse_env_value(&key, value, &table).map_err(|message| ConfigError::Env {
                    var: var.clone(),
                    message,
                })?;
            table.insert(key, parsed);
        }
        let settings: Settings =
            toml::Value::Table(table)
                .try_into()
                .map_err(|e: toml::de::Error| ConfigError::Invalid {
                    field: "settings",
                    message: e.message().to_string(),
                })?;
        settings.validate()?;
        Ok(settings)
    }

    fn validate(&self) -> Result<(), ConfigError> {
        let url = self.database_url.expose();
        if !(url.starts_with("sqlite:")
            || url.starts_with("postgres://")
            || url.starts_with("postgresql://"))
        {
            return Err(ConfigError::Invalid {
                field: "database_url",
                message: "must start with sqlite: or postgres://".into(),
            });
        }
        if self.vector_backend == VectorBackend::Qdrant && self.qdrant_url.is_none() {
            return Err(ConfigError::Invalid { field: "qdrant_url", message: "is required when vector_backend = \"qdrant\" (e.g. http://127.0.0.1:6334, the gRPC port)".into() });
        }
        if self.embedder == EmbedderKind::Transformer && self.transformer_dir.is_none() {
            return Err(ConfigError::Invalid {
                field: "transformer_dir",
                message: "is required when embedder = \"transformer\"".into(),
            });
        }
        if !(0.0..=1.0).contains(&self.handoff_confidence) {
            return Err(ConfigError::Invalid {
                field: "handoff_confidence",
                message: "must be between 0 and 1".into(),
            });
        }
        if self.freshness_max_age_days == 0 {
            return Err(ConfigError::Invalid {
                field: "freshness_max_age_days",
                message: "must be at least 1 (days)".into(),
            });
        }
        if self.tls_cert.is_some() != self.tls_key.is_some() {
            let field = if self.tls_cert.is_some() {
                "tls_key"
            } else {
                "tls_cert"
            };
            return Err(ConfigError::Invalid {
                field,
                message: "tls_cert and tls_key must be set together (PEM files)".into(),
            });
        }
        Ok(())
    }

    pub fn dictionary_dir(&self) -> PathBuf {
        self.models_dir.join("ipadic")
    }

    pub fn vectors_dir(&self) -> PathBuf {
        self.models_dir.join("chive")
    }

    pub fn e5_model_file(&self) -> PathBuf {
        self.models_dir.join("e5/e5-small-q4.bin")
    }

    /// Passage vectors of the corpus, keyed by model and text checksums.
    pub fn vector_cache_file(&self) -> PathBuf {
        self.models_dir.join("e5/passages.vectors")
    }

    pub fn public_url(&self) -> String {
        self.public_url.clone().unwrap_or_else(|| {
            let scheme = if self.tls_cert.is_some() {
                "https"
            } else {
                "http"
            };
            format!("{scheme}://{}", self.bind)
        })
    }

    pub fn cookies_secure(&self) -> bool {
        self.secure_cookies
            .unwrap_or(self.tls_cert.is_some() || self.public_url().starts_with("https://"))
    }
}

/// Environment values are strings; read them as the type the current value has.
fn parse_env_value(key: &str, value: &str, table: &toml::Table) -> Result<toml::Value, String> {
    match table.get(key) {
        // Every whole-number setting is a count (u32): say so here, where the variable is known.
        Some(toml::Value::Integer(_)) => match value.parse::<i64>() {
            Ok(n) if n >= 0 => Ok(toml::Value::Integer(n)),
            Ok(_) => Err("must be 0 or more".into()),
            Err(e) => Err(e.to_string()),
        },
        Some(toml::Value::Float(_)) => value
            .parse::<f64>()
            .map(toml::Value::Float)
            .map_err(|e| e.to_string()),
        Some(toml::Value::Boolean(_)) => value
            .parse::<bool>()
            .map(toml::Value::Boolean)
            .map_err(|e| e.to_string()),
        Some(toml::Value::Array(_)) => Ok(toml::Value::Array(
            value
                .split(',')
                .filter(|s| !s.is_empty())
                .map(|s| toml::Value::String(s.trim().to_string()))
                .collect(),
        )),
        None if !SETTINGS_KEYS.contains(&key) => Err(format!("unknown setting {key:?}")),
        // Optional numbers have no current value to take the type from.
        None if OPTIONAL_NUMBER_KEYS.contains(&key) => value
            .parse::<f64>()
            .map(toml::Value::Float)
            .map_err(|e| e.to_string()),
        None if value == "true" || value == "false" => Ok(toml::Value::Boolean(value == "true")),
        _ => Ok(toml::Value::String(value.to_string())),
    }
}

const OPTIONAL_NUMBER_KEYS: &[&str] = &[
    "hybrid_lexical_weight",
    "vector_floor",
    "english_lexical_weight",
    "easy_lexical_weight",
    "weak_lexical_score",
    "reading_lexical_weight",
    "kana_lexical_weight",
];

const SETTINGS_KEYS: &[&str] = &[
    "bind",
    "public_url",
    "corpus_dir",
    "extra_corpus_dirs",
    "models_dir",
    "database_url",
    "embedder",
    "transformer_dir",
    "e5_weights",
    "hybrid_lexical_weight",
    "vector_floor",
    "english_lexical_weight",
    "easy_lexical_weight",
    "weak_lexical_score",
    "reading_lexical_weight",
    "kana_lexical_weight",
    "view_pooling",
    "ranking",
    "fusion",
    "vector_backend",
    "qdrant_url",
    "qdrant_collection",
    "log_format",
    "handoff_confidence",
    "rate_limit_per_minute",
    "tls_cert",
    "tls_key",
    "secure_cookies",
    "spool_dir",
    "freshness_max_age_days",
    "name_tagger",
];

#[cfg(test)]
mod tests {
    use super::*;

    fn env(pairs: &[(&str, &str)]) -> Vec<(String, String)> {
        pairs
            .iter()
            .map(|(k, v)| (k.to_string(), v.to_string()))
            .collect()
    }

    #[test]
    fn defaults_need_no_file() {
        let s = Settings::load_from(None, &[]).unwrap();
        assert_eq!(s.bind.port(), 8080);
        assert!(s.database_url.expose().starts_with("sqlite:"));
    }

    #[test]
    fn environment_overrides_with_types() {
        let s = Settings::load_from(
            None,
            &env(&[
                ("SHIEN__BIND", "0.0.0.0:9000"),
                ("SHIEN__HANDOFF_CONFIDENCE", "0.5"),
                ("DATABASE_URL", "postgres://x@h/db"),
            ]),
        )
        .unwrap();
        assert_eq!(s.bind.port(), 9000);
        assert_eq!(s.handoff_confidence, 0.5);
        assert!(s.database_url.expose().starts_with("postgres://"));
    }

    #[test]
    fn fusion_overrides_come_from_the_environment() {
        let s = Settings::load_from(
            None,
            &env(&[
                ("SHIEN__ENGLISH_LEXICAL_WEIGHT", "0.4"),
                ("SHIEN__VIEW_POOLING", "best"),
            ]),
        )
        .unwrap();
        assert_eq!(s.english_lexical_weight, Some(0.4));
        assert_eq!(s.view_pooling, Some(ViewPooling::Best));
        let err =
            Settings::load_from(None, &env(&[("SHIEN__VIEW_POOLING", "average")])).unwrap_err();
        assert!(err.to_string().contains("average"), "{err}");
    }

    #[test]
    fn bad_values_name_the_variable() {
        let err =
            Settings::load_from(None, &env(&[("SHIEN__HANDOFF_CONFIDENCE", "lots")])).unwrap_err();
        assert!(
            err.to_string().contains("SHIEN__HANDOFF_CONFIDENCE"),
            "{err}"
        );
        let err = Settings::load_from(None, &env(&[("SHIEN__NO_SUCH", "1")])).unwrap_err();
        assert!(err.to_string().contains("no_such"), "{err}");
    }

    #[test]
    fn unavailable_backends_are_refused_at_start_up() {
        let err =
            Settings::load_from(None, &env(&[("SHIEN__VECTOR_BACKEND", "qdrant")])).unwrap_err();
        assert!(
            err.to_string().contains("qdrant_url"),
            "qdrant without its address names the missing field: {err}"
        );
        let err = Settings::load_from(None, &env(&[("SHIEN__TLS_CERT", "cert.pem")])).unwrap_err();
        assert!(
            err.to_string().contains("tls_key"),
            "a certificate without a key names the missing field: {err}"
        );
        let s = Settings::load_from(
            None,
            &env(&[
                ("SHIEN__TLS_CERT", "cert.pem"),
                ("SHIEN__TLS_KEY", "key.pem"),
            ]),
        )
        .unwrap();
        assert!(s.public_url().starts_with("https://") && s.cookies_secure());
    }

    #[test]
    fn freshness_age_defaults_to_180_days_and_is_set_from_the_environment() {
        assert_eq!(
            Settings::load_from(None, &[])
                .unwrap()
                .freshness_max_age_days,
            180
        );
        let s =
            Settings::load_from(None, &env(&[("SHIEN__FRESHNESS_MAX_AGE_DAYS", "90")])).unwrap();
        assert_eq!(s.freshness_max_age_days, 90);
        for bad in ["0", "-5", "half a year"] {
            let err = Settings::load_from(None, &env(&[("SHIEN__FRESHNESS_MAX_AGE_DAYS", bad)]))
                .unwrap_err();
            assert!(
                err.to_string().contains("FRESHNESS_MAX_AGE_DAYS")
                    || err.to_string().contains("freshness_max_age_days"),
                "{bad}: {err}"
            );
        }
    }

    #[test]
    fn secrets_do_not_print() {
        let s = Settings::load_from(None, &env(&[("DATABASE_URL", "postgres://u:hunter2@h/db")]))
            .unwrap();
        assert!(!format!("{s:?}").contains("hunter2"));
    }
}
