//! Transformer sentence encoders (BERT, XLM-RoBERTa, ModernBERT families) loaded with
//! candle-transformers from a directory holding `config.json`, `tokenizer.json` and
//! `model.safetensors` — e.g. ruri-v3-30m (ModernBERT) or multilingual-e5-small (BERT).

use std::path::{Path, PathBuf};

use candle_core::{DType, Device, Tensor};
use candle_nn::VarBuilder;
use candle_transformers::models::{bert, modernbert, xlm_roberta};
use serde::Deserialize;
use tokenizers::{PaddingParams, Tokenizer, TruncationParams};

use super::static_vectors::l2_normalize;
use super::{EmbedError, Embedder, Result};

#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Pooling {
    Mean,
    Cls,
}

/// Optional `shien.json` beside the model: pooling and the prefixes the model card asks for.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct EncoderOptions {
    #[serde(default = "default_pooling")]
    pub pooling: Pooling,
    #[serde(default)]
    pub query_prefix: String,
    #[serde(default)]
    pub passage_prefix: String,
    #[serde(default = "default_max_tokens")]
    pub max_tokens: usize,
}

fn default_pooling() -> Pooling {
    Pooling::Mean
}

fn default_max_tokens() -> usize {
    512
}

impl EncoderOptions {
    /// Defaults by model family: ruri-v3 wants 検索クエリ:/検索文書:, e5 wants query:/passage:.
    fn for_model(dir: &Path, model_type: &str) -> EncoderOptions {
        let name = dir
            .file_name()
            .and_then(|n| n.to_str())
            .unwrap_or_default()
            .to_ascii_lowercase();
        let (q, p) = if name.contains("ruri") {
            ("検索クエリ: ", "検索文書: ")
        } else if name.contains("e5") {
            ("query: ", "passage: ")
        } else {
            ("", "")
        };
        let _ = model_type;
        EncoderOptions {
            pooling: Pooling::Mean,
            query_prefix: q.into(),
            passage_prefix: p.into(),
            max_tokens: default_max_tokens(),
        }
    }
}

enum Model {
    Bert(bert::BertModel),
    XlmRoberta(xlm_roberta::XLMRobertaModel),
    ModernBert(modernbert::ModernBert),
}

pub struct TransformerEmbedder {
    name: String,
    model: Model,
    tokenizer: Tokenizer,
    options: EncoderOptions,
    dim: usize,
    device: Device,
}

impl std::fmt::Debug for TransformerEmbedder {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "TransformerEmbedder({}, {}d)", self.name, self.dim)
    }
}

#[derive(Deserialize)]
struct Probe {
    model_type: Option<String>,
    hidden_size: usize,
}

fn read(dir: &Path, name: &str) -> Result<(PathBuf, String)> {
    let file = dir.join(name);
    let text = std::fs::read_to_string(&file).map_err(|e| EmbedError::Model {
        file: file.clone(),
        reason: e.to_string(),
    })?;
    Ok((file, text))
}

impl TransformerEmbedder {
    pub fn load(dir: &Path) -> Result<TransformerEmbedder> {
        for required in ["config.json", "tokenizer.json", "model.safetensors"] {
            if !dir.join(required).is_file() {
                return Err(EmbedError::Missing {
                    dir: dir.to_path_buf(),
                    what: required.into(),
                });
            }
        }
        let (config_file, config_text) = read(dir, "config.json")?;
        let bad_config = |e: serde_json::Error| EmbedError::Model {
            file: config_file.clone(),
            reason: e.to_string(),
        };
        let probe: Probe = serde_json::from_str(&config_text).map_err(bad_config)?;
        let model_type = probe.model_type.clone().unwrap_or_else(|| "bert".into());
        let options = match std::fs::read_to_string(dir.join("shien.json")) {
            Ok(text) => serde_json::from_str(&text).map_err(|e| EmbedError::Model {
                file: dir.join("shien.json"),
                reason: e.to_string(),
            })?,
            Err(_) => EncoderOptions::for_model(dir, &model_type),
        };
        let device = Device::Cpu;
        let weights = dir.join("model.safetensors");
        // SAFETY: the weights file is memory-mapped read-only and not modified while the model lives.
        let vb = unsafe { VarBuilder::from_mmaped_safetensors(&[&weights], DType::F32, &device) }
            .map_err(|e| EmbedError::Model {
            file: weights.clone(),
            reason: e.to_string(),
        })?;
        let bad_weights = |e: candle_core::Error| EmbedError::Model {
            file: weights.clone(),
            reason: e.to_string(),
        };
        let model = match model_type.as_str() {
            "bert" => Model::Bert(
                bert::BertModel::load(vb, &serde_json::from_str(&config_text).map_err(bad_config)?)
                    .map_err(bad_weights)?,
            ),
            "xlm-roberta" | "roberta" => Model::XlmRoberta(
                xlm_roberta::XLMRobertaModel::new(
                    &serde_json::from_str(&config_text).map_err(bad_config)?,
                    vb,
                )
                .map_err(bad_weights)?,
            ),
            "modernbert" => Model::ModernBert(
                modernbert::ModernBert::load(
                    vb,
                    &serde_json::from_str(&config_text).map_err(bad_config)?,
                )
                .map_err(bad_weights)?,
            ),
            other => {
                return Err(EmbedError::Model {
                    file: config_file,
                    reason: format!(
                        "unsupported model_type {other:?} (bert, xlm-roberta, modernbert)"
                    ),
                });
            }
        };
        let tokenizer_file = dir.join("tokenizer.json");
        let mut tokenizer =
            Tokenizer::from_file(&tokenizer_file).map_err(|e| EmbedError::Model {
                file: tokenizer_file.clone(),
                reason: e.to_string(),
            })?;
        tokenizer.with_padding(Some(PaddingParams::default()));
        tokenizer
            .with_truncation(Some(TruncationParams {
                max_length: options.max_tokens,
                ..Default::default()
            }))
            .map_err(|e| EmbedError::Model {
                file: tokenizer_file,
                reason: e.to_string(),
            })?;
        let name = dir
            .file_name()
            .and_then(|n| n.to_str())
            .unwrap_or("transformer")
            .to_string();
        Ok(TransformerEmbedder {
            name,
            model,
            tokenizer,
            options,
            dim: probe.hidden_size,
            device,
        })
    }

    /// Encodes a batch and returns one L2-normalised vector per text.
    pub fn encode(&self, texts: &[String]) -> Result<Vec<Vec<f32>>> {
        if texts.is_empty() {
            return Ok(Vec::new());
        }
        let encodings = self
            .tokenizer
            .encode_batch(texts.to_vec(), true)
            .map_err(|e| EmbedError::Text(e.to_string()))?;
        let ids: Vec<Vec<u32>> = encodings.iter().map(|e| e.get_ids().to_vec()).collect();
        let mask: Vec<Vec<u32>> = encodings
            .iter()
            .map(|e| e.get_attention_mask().to_vec())
            .collect();
        let c = EmbedError::candle;
        let input_ids = Tensor::new(ids, &self.device).map_err(c)?;
        let attention = Tensor::new(mask, &self.device).map_err(c)?;
        let token_types = input_ids.zeros_like().map_err(c)?;
        let hidden = match &self.model {
            Model::Bert(m) => m.forward(&input_ids, &token_types, Some(&attention)),
            Model::XlmRoberta(m) => {
                m.forward(&input_ids, &attention, &token_types, None, None, None)
            }
            Model::ModernBert(m) => m.forward(&input_ids, &attention),
        }
        .map_err(c)?;
        let pooled = match self.options.pooling {
            Pooling::Cls => hidden
                .narrow(1, 0, 1)
                .and_then(|t| t.squeeze(1))
                .map_err(c)?,
            Pooling::Mean => {
                let m = attention
                    .to_dtype(DType::F32)
                    .and_then(|t| t.unsqueeze(2))
                    .map_err(c)?;
                let summed = hidden.broadcast_mul(&m).and_then(|t| t.sum(1)).map_err(c)?;
                let counts = m.sum(1).and_then(|t| t.clamp(1e-9, f64::MAX)).map_err(c)?;
                summed.broadcast_div(&counts).map_err(c)?
            }
        };
        (0..texts.len())
            .map(|i| pooled.get(i).map_err(c).and_then(|row| l2_normalize(&row)))
            .collect()
    }
}

impl Embedder for TransformerEmbedder {
    fn name(&self) -> String {
        self.name.clone()
    }

    fn dim(&self) -> usize {
        self.dim
    }

    fn embed_query(&self, text: &str) -> Result<Vec<f32>> {
        Ok(self
            .encode(&[format!("{}{}", self.options.query_prefix, text)])?
            .remove(0))
    }

    fn embed_passage(&self, text: &str) -> Result<Vec<f32>> {
        Ok(self
            .encode(&[format!("{}{}", self.options.passage_prefix, text)])?
            .remove(0))
    }
}
