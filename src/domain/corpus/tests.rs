use super::files::entry_id_near;
use super::*;

#[test]
fn ids_must_be_lowercase_ascii() {
    assert!(is_valid_id("minato-yushi-sogyo"));
    assert!(!is_valid_id("Minato"));
    assert!(!is_valid_id("港区"));
    assert!(!is_valid_id(""));
}

#[test]
fn entry_id_is_found_before_the_error() {
    let text = "[[faq]]\nid = \"a\"\n\n[[faq]]\nid = \"b\"\nbogus = 1\n";
    let pos = text.find("bogus");
    assert_eq!(entry_id_near(text, pos).as_deref(), Some("b"));
}

#[test]
fn official_hosts_cover_subdomains_but_not_lookalikes() {
    let hosts = OfficialHosts::new(["go.jp", "city.minato.tokyo.jp", "tokyo-kosha.or.jp"]);
    assert!(hosts.is_official("https://www.mhlw.go.jp/stf/seisakunitsuite/index.html"));
    assert!(hosts.is_official("https://city.minato.tokyo.jp/"));
    assert!(hosts.is_official("http://WWW.TOKYO-KOSHA.OR.JP:443/chizai?x=1"));
    assert!(!hosts.is_official("https://notgo.jp/"));
    assert!(!hosts.is_official("https://go.jp.example.com/"));
    assert!(!hosts.is_official("https://example.com/?ref=www.mhlw.go.jp"));
    assert!(!hosts.is_official("https://user@evil.example/@go.jp"));
    assert!(!hosts.is_official("ftp://www.mhlw.go.jp/"));
}

#[test]
fn host_list_entries_must_be_bare_host_names() {
    let hosts = OfficialHosts::new(["go.jp", "https://city.minato.tokyo.jp/", ".lg.jp", ""]);
    let problems = hosts.problems(Path::new("corpus/sources.toml"));
    assert_eq!(problems.len(), 3, "{problems:?}");
    assert!(
        problems
            .iter()
            .all(|p| p.field.as_deref() == Some("official_hosts"))
    );
}
