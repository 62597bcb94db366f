//! Embedders: the chiVe static vectors (real files from setup) and transformer encoders loaded
//! through real code from a tiny random model the test writes (weights cannot be downloaded).

mod common;

use std::collections::HashMap;
use std::path::Path;
use std::sync::Arc;

use candle_core::{DType, Device};
use candle_nn::{VarBuilder, VarMap};
use shien_navi::embed::{Embedder, StaticEmbedder, TransformerEmbedder};

fn static_embedder() -> StaticEmbedder {
    let analyzer =
        Arc::new(shien_navi::text::Analyzer::load(&common::repo().join("models/ipadic")).unwrap());
    StaticEmbedder::load(&common::repo().join("models/chive"), analyzer)
        .expect("models/chive from `make setup`")
}

fn cos(a: &[f32], b: &[f32]) -> f32 {
    a.iter().zip(b).map(|(x, y)| x * y).sum()
}

#[test]
fn chive_rows_match_the_published_check_values() {
    let e = static_embedder();
    assert_eq!(e.row_of("補助金"), Some(10733));
    assert_eq!(e.row_of("創業"), Some(6766));
    assert_eq!(e.row_of("ホームページ"), Some(1315));
    assert_eq!(e.dim(), 300);
}

#[test]
fn related_words_are_close_and_vectors_are_normalised() {
    let e = static_embedder();
    let v = |w: &str| e.embed_lemmas(&[w.to_string()]).unwrap();
    assert!(cos(&v("補助金"), &v("助成金")) > 0.7);
    assert!(cos(&v("ホームページ"), &v("ウェブサイト")) > 0.7);
    assert!(cos(&v("補助金"), &v("助成金")) > cos(&v("補助金"), &v("ホームページ")));
    let q = e.embed_query("ホームページを作りたい").unwrap();
    assert!((cos(&q, &q) - 1.0).abs() < 1e-4);
    assert!(
        e.embed_query("zzzzqqq").unwrap().iter().all(|x| *x == 0.0),
        "unknown words give a zero vector, not noise"
    );
}

#[test]
fn documents_embedded_together_equal_each_embedded_alone_and_the_tensor_formula() {
    let mut e = static_embedder();
    let docs: Vec<Vec<String>> = [
        &["創業", "補助金", "創業", "融資"][..],
        &[],
        &["zzzzqqq"],
        &["ホームページ", "制作", "補助金", "区内", "事業者"],
    ]
    .iter()
    .map(|d| d.iter().map(|w| w.to_string()).collect())
    .collect();
    let mut lists = shien_navi::text::LemmaLists::default();
    for d in &docs {
        lists.push(d.iter().map(String::as_str));
    }
    e.fit_idf(&lists);
    let together = e.embed_documents(&lists).unwrap();
    for (d, lemmas) in docs.iter().enumerate() {
        let alone = e.embed_lemmas(lemmas).unwrap();
        assert_eq!(
            &together[d * e.dim()..(d + 1) * e.dim()],
            alone,
            "document {d}"
        );
    }
    // The weighted mean as tensors (row selection, weights broadcast, sum over rows, then the
    // norm), which the plain loops replaced: the same bits.
    let (matrix, key2row) = (
        shien_navi::embed::npy::read_f32_matrix(&common::repo().join("models/chive/vectors"))
            .unwrap(),
        |w: &str| e.row_of(w),
    );
    let all = candle_core::Tensor::from_vec(matrix.data, (matrix.rows, matrix.cols), &Device::Cpu)
        .unwrap();
    let lemmas = &docs[3];
    let known: Vec<&String> = lemmas.iter().filter(|l| key2row(l).is_some()).collect();
    let rows: Vec<u32> = known.iter().map(|l| key2row(l).unwrap()).collect();
    let n = rows.len();
    let weights: Vec<f32> = known.iter().map(|l| e.idf_of(l)).collect();
    let idx = candle_core::Tensor::from_vec(rows, n, &Device::Cpu).unwrap();
    let w = candle_core::Tensor::from_vec(weights, (n, 1), &Device::Cpu).unwrap();
    let summed = all
        .index_select(&idx, 0)
        .unwrap()
        .broadcast_mul(&w)
        .unwrap()
        .sum(0)
        .unwrap();
    let reference = shien_navi::embed::static_vectors::l2_normalize(&summed).unwrap();
    assert_eq!(&together[3 * e.dim()..], reference);
}

fn write_tokenizer(dir: &Path) {
    use tokenizers::models::wordlevel::WordLevel;
    use tokenizers::pre_tokenizers::whitespace::WhitespaceSplit;
    let words = [
        "[PAD]",
        "[UNK]",
        "[CLS]",
        "[SEP]",
        "創業",
        "融資",
        "補助金",
        "ホームページ",
        "検索クエリ:",
        "検索文書:",
        "query:",
        "passage:",
    ];
    let vocab: HashMap<String, u32> = words
        .iter()
        .enumerate()
        .map(|(i, w)| (w.to_string(), i as u32))
        .collect();
    let model = WordLevel::builder()
        .vocab(vocab.into_iter().collect())
        .unk_token("[UNK]".into())
        .build()
        .unwrap();
    let mut tokenizer = tokenizers::Tokenizer::new(model);
    tokenizer.with_pre_tokenizer(Some(WhitespaceSplit));
    tokenizer.save(dir.join("tokenizer.json"), false).unwrap();
}

fn write_model(
    dir: &Path,
    config: serde_json::Value,
    build: impl Fn(VarBuilder) -> candle_core::Result<()>,
) {
    std::fs::write(dir.join("config.json"), config.to_string()).unwrap();
    let varmap = VarMap::new();
    let vb = VarBuilder::from_varmap(&varmap, DType::F32, &Device::Cpu);
    build(vb).unwrap();
    varmap.save(dir.join("model.safetensors")).unwrap();
    write_tokenizer(dir);
}

fn bert_config() -> serde_json::Value {
    serde_json::json!({
        "model_type": "bert", "vocab_size": 12, "hidden_size": 16, "num_hidden_layers": 2, "num_attention_heads": 2,
        "intermediate_size": 32, "hidden_act": "gelu", "hidden_dropout_prob": 0.0, "max_position_embeddings": 64,
        "type_vocab_size": 2, "initializer_range": 0.02, "layer_norm_eps": 1e-12, "pad_token_id": 0
    })
}

#[test]
fn a_tiny_bert_loads_pools_normalises_and_is_deterministic() {
    let dir = tempfile::tempdir().unwrap();
    let model_dir = dir.path().join("multilingual-e5-tiny");
    std::fs::create_dir_all(&model_dir).unwrap();
    let cfg: candle_transformers::models::bert::Config =
        serde_json::from_value(bert_config()).unwrap();
    write_model(&model_dir, bert_config(), |vb| {
        candle_transformers::models::bert::BertModel::load(vb, &cfg).map(|_| ())
    });
    let e = TransformerEmbedder::load(&model_dir).unwrap();
    assert_eq!(e.dim(), 16);
    let a = e.embed_query("創業 融資").unwrap();
    let b = e.embed_query("創業 融資").unwrap();
    assert_eq!(a.len(), 16);
    assert_eq!(a, b, "deterministic");
    assert!((cos(&a, &a) - 1.0).abs() < 1e-4, "L2-normalised");
    let p = e.embed_passage("創業 融資").unwrap();
    assert_ne!(a, p, "e5 models get query:/passage: prefixes");
    let batch = e
        .encode(&["創業".to_string(), "補助金 ホームページ 融資".to_string()])
        .unwrap();
    assert_eq!(batch.len(), 2);
    assert!(
        batch.iter().all(|v| (cos(v, v) - 1.0).abs() < 1e-4),
        "padding does not break pooling"
    );
    let alone = e.encode(&["創業".to_string()]).unwrap();
    assert!(
        alone[0]
            .iter()
            .zip(&batch[0])
            .all(|(x, y)| (x - y).abs() < 1e-4),
        "masked padding leaves the short text's vector unchanged"
    );
}

#[test]
fn a_tiny_xlm_roberta_loads_through_the_same_trait() {
    let dir = tempfile::tempdir().unwrap();
    let config = serde_json::json!({
        "model_type": "xlm-roberta", "vocab_size": 12, "hidden_size": 16, "num_hidden_layers": 1, "num_attention_heads": 2,
        "intermediate_size": 32, "hidden_act": "gelu", "hidden_dropout_prob": 0.0, "attention_probs_dropout_prob": 0.0,
        "max_position_embeddings": 64, "type_vocab_size": 1, "layer_norm_eps": 1e-5, "pad_token_id": 0, "position_embedding_type": "absolute"
    });
    let cfg: candle_transformers::models::xlm_roberta::Config =
        serde_json::from_value(config.clone()).unwrap();
    write_model(dir.path(), config, |vb| {
        candle_transformers::models::xlm_roberta::XLMRobertaModel::new(&cfg, vb).map(|_| ())
    });
    let e = TransformerEmbedder::load(dir.path()).unwrap();
    let v = e.embed_query("補助金").unwrap();
    assert_eq!(v.len(), 16);
    assert!((cos(&v, &v) - 1.0).abs() < 1e-4);
}

#[test]
fn a_missing_or_corrupt_model_gives_a_clear_error() {
    let dir = tempfile::tempdir().unwrap();
    let err = TransformerEmbedder::load(dir.path())
        .unwrap_err()
        .to_string();
    assert!(err.contains("config.json"), "{err}");
    let cfg: candle_transformers::models::bert::Config =
        serde_json::from_value(bert_config()).unwrap();
    write_model(dir.path(), bert_config(), |vb| {
        candle_transformers::models::bert::BertModel::load(vb, &cfg).map(|_| ())
    });
    std::fs::write(dir.path().join("model.safetensors"), b"not safetensors").unwrap();
    let err = TransformerEmbedder::load(dir.path())
        .unwrap_err()
        .to_string();
    assert!(err.contains("model.safetensors"), "{err}");
    let vectors = tempfile::tempdir().unwrap();
    std::fs::write(vectors.path().join("vectors"), b"\x93NUMPY garbage").unwrap();
    std::fs::write(vectors.path().join("key2row"), b"").unwrap();
    let analyzer =
        Arc::new(shien_navi::text::Analyzer::load(&common::repo().join("models/ipadic")).unwrap());
    let err = StaticEmbedder::load(vectors.path(), analyzer)
        .unwrap_err()
        .to_string();
    assert!(err.contains("vectors"), "{err}");
}
