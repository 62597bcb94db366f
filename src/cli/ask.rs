//! `shien search`, `shien recommend`, `shien chat`: the user actions from a terminal (logged on the operator channel).

use super::*;
use crate::app::chat::Caller;
use crate::app::messages::Messages;

pub(super) fn search(
    settings: Settings,
    query: &str,
    top: i64,
    level: &[String],
    purpose: &[String],
    open_only: bool,
    json: bool,
) -> ExitCode {
    let request = SearchRequest {
        query,
        top_k: Some(top),
        levels: level,
        purposes: purpose,
        open_only,
    };
    // Input is checked before the (slow) engine build, so a typo fails at once.
    let parsed = SearchQuery::parse(query).and_then(|_| {
        SearchFilters::parse(level, purpose, open_only)?;
        parse_top_k(Some(top))
    });
    if let Err(e) = parsed {
        return fail(2, &format!("{}: {e}", e.field()));
    }
    let outcome = with_app(settings, async |app| {
        app.search(&request, Channel::Operator)
            .await
            .map_err(|e| fail(2, &e.to_string()))
    });
    let outcome = match outcome {
        Ok(logged) => logged.outcome,
        Err(code) => return code,
    };
    if json {
        println!(
            "{}",
            serde_json::to_string_pretty(&outcome).expect("serialisable")
        );
        return ExitCode::SUCCESS;
    }
    if !outcome.expanded_with.is_empty() {
        println!("（「{}」も含めて検索）", outcome.expanded_with.join("」「"));
    }
    if outcome.results.is_empty() {
        println!("該当する制度はありません。");
    }
    for (rank, hit) in outcome.results.iter().enumerate() {
        println!(
            "{:>2}. {} [{} / {} / {}] score {:.2}",
            rank + 1,
            hit.title,
            hit.level.label_ja(),
            hit.kind.label_ja(),
            hit.status.label_ja(),
            hit.score
        );
        println!("    {}  ({})", hit.snippet, hit.id);
    }
    if !outcome.faqs.is_empty() {
        println!("\nよくある質問:");
        for f in &outcome.faqs {
            println!("  - {} ({})", f.question, f.id);
        }
    }
    ExitCode::SUCCESS
}

pub(super) fn read_input(path: &std::path::Path) -> std::io::Result<String> {
    if path.as_os_str() == "-" {
        std::io::read_to_string(std::io::stdin())
    } else {
        std::fs::read_to_string(path)
    }
}

pub(super) fn recommend(
    settings: Settings,
    path: &std::path::Path,
    today: Option<chrono::NaiveDate>,
    json: bool,
) -> ExitCode {
    let text = match read_input(path) {
        Ok(t) => t,
        Err(e) => return fail(2, &format!("{}: {e}", path.display())),
    };
    let answers: crate::domain::profile::Answers = match serde_json::from_str(&text) {
        Ok(a) => a,
        Err(e) => {
            return fail(
                2,
                &format!("{}:{}:{}: {e}", path.display(), e.line(), e.column()),
            );
        }
    };
    let outcome = with_app(settings, async |app| {
        app.recommend(
            answers,
            today.unwrap_or_else(tokyo_today),
            Channel::Operator,
        )
        .await
        .map_err(|e| fail(2, &format!("{}: {e}", path.display())))
    });
    let outcome = match outcome {
        Ok(logged) => logged.outcome,
        Err(code) => return code,
    };
    if json {
        println!(
            "{}",
            serde_json::to_string_pretty(&outcome).expect("serialisable")
        );
        return ExitCode::SUCCESS;
    }
    for (i, r) in outcome.recommendations.iter().enumerate() {
        let fit = if r.fit == crate::domain::eligibility::Fit::Eligible {
            "対象見込み"
        } else {
            "要確認"
        };
        println!(
            "{:>2}. {} [{} / {} / {}] {}",
            i + 1,
            r.title,
            r.level.label_ja(),
            r.kind.label_ja(),
            r.status.label_ja(),
            fit
        );
        for reason in &r.reasons {
            println!("      ✓ {reason}");
        }
        for u in &r.unknown {
            println!("      ? {}（{}）", u.condition, u.settle_by);
        }
    }
    if !outcome.next_steps.is_empty() {
        println!("\n次の一歩:");
        for s in &outcome.next_steps {
            println!("  - {}（{}）: {}", s.desk, s.schedule, s.message);
        }
    }
    println!("\n対象外: {} 件", outcome.excluded.len());
    ExitCode::SUCCESS
}

/// One chat turn as a caller on the `lang` interface gets it (the same call the chat page and
/// the JSON API make), on the operator channel.
pub(super) fn chat(
    settings: Settings,
    message: &str,
    session: Option<&str>,
    lang: Lang,
    json: bool,
) -> ExitCode {
    if let Err(e) = SearchQuery::parse(message) {
        return fail(2, &format!("message: {e}"));
    }
    let caller = Caller::new(Channel::Operator, lang);
    let turn = with_app(settings, async |app| {
        app.chat(session, message, caller, tokyo_now())
            .await
            .map_err(|e| fail(2, &e.to_string()))
    });
    let r = match turn {
        Ok(turn) => turn.reply,
        Err(code) => return code,
    };
    if json {
        println!(
            "{}",
            serde_json::to_string_pretty(&r).expect("serialisable")
        );
    } else {
        println!("{}\n", r.reply);
        let sources = Messages::new(lang).t("chat-sources");
        for c in &r.citations {
            println!("  {sources}: {} {}", c.title, c.url);
        }
        println!("  確信度 {:.2}  session {}", r.confidence, r.session_id);
    }
    ExitCode::SUCCESS
}
