use super::files::is_source_sha;
use super::stamp::{checksum, stamp_text};
use super::*;

#[test]
fn japanese_terms_inside_english_are_marked() {
    let segs = mark_japanese(
        "Subsidy for Employing People over 65 (65歳超雇用推進助成金) with a GビズIDプライム account",
    );
    assert_eq!(
        segs,
        [
            Segment::Text("Subsidy for Employing People over 65 (".into()),
            Segment::Japanese("65歳超雇用推進助成金".into()),
            Segment::Text(") with a ".into()),
            Segment::Japanese("GビズIDプライム".into()),
            Segment::Text(" account".into()),
        ]
    );
    assert_eq!(
        mark_japanese("Minato City Business Consultation (港区 商工相談): experts"),
        [
            Segment::Text("Minato City Business Consultation (".into()),
            Segment::Japanese("港区 商工相談".into()),
            Segment::Text("): experts".into()),
        ]
    );
    assert_eq!(
        mark_japanese("Plain text."),
        [Segment::Text("Plain text.".into())]
    );
    assert_eq!(mark_japanese(""), []);
}

#[test]
fn languages_parse_from_their_codes_only() {
    assert_eq!(Lang::parse("en"), Some(Lang::En));
    assert_eq!(Lang::parse("easy"), Some(Lang::Easy));
    assert_eq!(Lang::parse("ja"), Some(Lang::Ja));
    assert_eq!(Lang::parse("EN"), None);
    assert_eq!(Lang::parse("en-US"), None);
    assert_eq!(Lang::Easy.html_lang(), "ja");
}

#[test]
fn the_checksum_changes_when_text_moves_between_fields() {
    let a = checksum([("title", "ab"), ("summary", "c")]);
    let b = checksum([("title", "a"), ("summary", "bc")]);
    assert_ne!(a, b);
    assert_eq!(a.len(), 16);
    assert!(is_source_sha(&a));
}

#[test]
fn stamping_inserts_after_the_id_and_replaces_an_old_checksum() {
    let text = "[[faq]]\nid = \"a\"\nquestion = \"q\"\n\n[[faq]]\nid = \"b\"\nsource_sha = \"0000000000000000\"\nanswer = \"x\"\n";
    let shas = HashMap::from([
        ("a".to_string(), "1111111111111111".to_string()),
        ("b".to_string(), "2222222222222222".to_string()),
    ]);
    let (out, n) = stamp_text(text, "faq", &shas);
    assert_eq!(n, 2);
    assert_eq!(
        out,
        "[[faq]]\nid = \"a\"\nsource_sha = \"1111111111111111\"\nquestion = \"q\"\n\n[[faq]]\nid = \"b\"\nsource_sha = \"2222222222222222\"\nanswer = \"x\"\n"
    );
}

#[test]
fn stamping_leaves_other_entries_alone() {
    let text = "[[faq]]\nid = \"a\"\nsource_sha = \"0000000000000000\"\n[[faq]]\nid = \"b\"\n";
    let shas = HashMap::from([("b".to_string(), "2222222222222222".to_string())]);
    let (out, n) = stamp_text(text, "faq", &shas);
    assert_eq!(n, 1);
    assert!(out.contains("id = \"a\"\nsource_sha = \"0000000000000000\"\n"));
    assert!(out.ends_with("id = \"b\"\nsource_sha = \"2222222222222222\"\n"));
}
