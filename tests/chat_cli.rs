//! `shien chat --lang ja|easy|en`: the terminal asks as a caller on that interface, through the
//! same application call the chat page and the JSON API make, and prints that reply.

mod common;

use shien_navi::app::chat::{Caller, ChatBot, ChatSession};
use shien_navi::app::conversation::tokyo_now;
use shien_navi::config::EmbedderKind;
use shien_navi::domain::Lang;
use shien_navi::domain::calendar::OfficeCalendar;
use shien_navi::domain::inquiry::Channel;

/// A factual question answered from the fields (no hand-off, so no ticket number differs).
const QUESTION: &str = "港区の創業支援融資はいくらまで借りられますか？";

fn settings() -> shien_navi::config::Settings {
    let mut s = common::settings(common::repo().join("corpus"));
    s.embedder = EmbedderKind::None;
    s
}

/// The reply `shien chat --json` prints, or its exit status and standard error.
fn cli(args: &[&str], dir: &std::path::Path) -> Result<serde_json::Value, (Option<i32>, String)> {
    let out = std::process::Command::new(env!("CARGO_BIN_EXE_shien"))
        .current_dir(common::repo())
        .arg("chat")
        .args(args)
        .env("SHIEN__CORPUS_DIR", common::repo().join("corpus"))
        .env("SHIEN__EMBEDDER", "none")
        .env(
            "SHIEN__DATABASE_URL",
            format!("sqlite://{}/log.sqlite", dir.display()),
        )
        .env("SHIEN_LOG", "warn")
        .output()
        .unwrap();
    if !out.status.success() {
        return Err((
            out.status.code(),
            String::from_utf8_lossy(&out.stderr).into_owned(),
        ));
    }
    Ok(serde_json::from_slice(&out.stdout).expect("--json prints the reply"))
}

#[test]
fn the_terminal_chat_replies_in_the_chosen_language_as_the_pages_do() {
    let dir = tempfile::tempdir().unwrap();
    let app = shien_navi::app::Engine::build(settings()).unwrap();
    let bot = ChatBot::new(app.settings.handoff_confidence);
    let mut replies = Vec::new();
    for lang in Lang::ALL {
        let printed = cli(&["--lang", lang.code(), "--json", QUESTION], dir.path())
            .unwrap_or_else(|e| panic!("shien chat --lang {lang}: {e:?}"));
        let expected = bot
            .answer(
                &app,
                &OfficeCalendar::new(),
                format!("s-{lang}"),
                &mut ChatSession::default(),
                QUESTION,
                Caller::new(Channel::Operator, lang),
                tokyo_now(),
            )
            .unwrap();
        let reply = printed["reply"].as_str().unwrap().to_string();
        assert_eq!(reply, expected.reply.reply, "--lang {lang}");
        assert!(printed["handoff"].is_null(), "{printed}");
        replies.push(reply);
    }
    let [ja, easy, en] = [&replies[0], &replies[1], &replies[2]];
    assert_ne!(
        ja, easy,
        "the やさしい日本語 reply differs from the Japanese one"
    );
    // English sentences, with the official Japanese quoted beside them.
    let english = shien_navi::app::messages::Messages::new(Lang::En).t("chat-official-japanese");
    assert!(
        en.contains(&english) && !ja.contains(&english),
        "a Japanese question on the English interface is answered in English: {en}"
    );
    assert!(!shien_navi::text::is_mostly_latin(easy));
    // Without --lang: the Japanese interface, as before.
    let default = cli(&["--json", QUESTION], dir.path()).unwrap();
    assert_eq!(default["reply"].as_str().unwrap(), ja.as_str());
}

#[test]
fn an_unknown_language_is_refused_before_anything_runs() {
    let dir = tempfile::tempdir().unwrap();
    let (code, stderr) = cli(&["--lang", "fr", QUESTION], dir.path()).unwrap_err();
    assert_eq!(code, Some(2), "{stderr}");
    assert!(stderr.contains("fr") && stderr.contains("easy"), "{stderr}");
}
