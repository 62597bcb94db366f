//! `shien report`: the monthly report to the ward (実施報告), as text or as the console's CSV.

use std::io::Write;

use super::*;
use crate::app::console::csv_bytes;
use crate::app::report::report_rows;
use crate::config::EmbedderKind;
use crate::domain::report::ReportMonth;

pub(super) fn report(mut settings: Settings, month: Option<&str>, csv: bool) -> ExitCode {
    // A typo fails before the corpus loads.
    if let Some(Err(e)) = month.map(ReportMonth::parse) {
        return fail(2, &format!("--month: {e}"));
    }
    // The report counts the log and names schemes: no search, so no vectors to load.
    settings.embedder = EmbedderKind::None;
    let report = with_app(settings, async |app| {
        app.monthly_report(month)
            .await
            .map_err(|e| fail(2, &e.to_string()))
    });
    let report = match report {
        Ok(r) => r,
        Err(code) => return code,
    };
    let rows = report_rows(&report);
    if csv {
        let mut out = std::io::stdout().lock();
        if out
            .write_all(&csv_bytes(&rows))
            .and_then(|_| out.flush())
            .is_err()
        {
            return fail(2, "cannot write to standard output");
        }
        return ExitCode::SUCCESS;
    }
    println!("実施報告 {}", report.month.label_ja());
    let mut section = "";
    for row in rows.iter().skip(1) {
        let [part, item, count, previous, note] = &row[..] else {
            continue;
        };
        if part != section {
            println!("\n[{part}]");
            section = part;
        }
        let mut line = format!("  {item}");
        if !count.is_empty() {
            line.push_str(&format!(": {count}"));
        }
        if !previous.is_empty() && part != "対象" {
            line.push_str(&format!("（前月 {previous}）"));
        }
        if !note.is_empty() {
            line.push_str(&format!("  {note}"));
        }
        println!("{line}");
    }
    ExitCode::SUCCESS
}
