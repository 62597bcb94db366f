//! `shien routing train`: encodes the shipped examples and the routing tuning set, trains the
//! routing model and writes its weights file.

use super::*;
use crate::app::evaluation::{AnswerCase, RoutingCase, case_label, read_jsonl};
use indicatif::{ProgressBar, ProgressStyle};

/// The learned examples' file, written beside the model's weights.
const LEARNED_EXAMPLES_FILE: &str = "routing_examples.txt";

pub(super) fn train(
    settings: Settings,
    messages: &std::path::Path,
    answered: &std::path::Path,
    out: &std::path::Path,
) -> ExitCode {
    let cases: Vec<RoutingCase> = match read_jsonl(messages) {
        Ok(c) => c,
        Err(e) => return fail(2, &e.to_string()),
    };
    let questions: Vec<String> = match read_jsonl::<AnswerCase>(answered) {
        Ok(c) => c.into_iter().map(|c| c.question).collect(),
        Err(e) => return fail(2, &e.to_string()),
    };
    let mut labelled = Vec::with_capacity(cases.len());
    for (i, case) in cases.iter().enumerate() {
        match case_label(case) {
            Some(label) => labelled.push((case.message.clone(), label)),
            None => {
                return fail(
                    2,
                    &format!(
                        "{}: line {}, field `category`: missing or not a desk's field or 苦情",
                        messages.display(),
                        i + 1
                    ),
                );
            }
        }
    }
    let engine = match build_app(settings) {
        Ok(e) => e,
        Err(code) => return code,
    };
    let bar = ProgressBar::new((labelled.len() + questions.len()) as u64);
    bar.set_style(
        ProgressStyle::with_template("{msg:20} [{bar:30}] {pos}/{len} {elapsed}")
            .unwrap_or_else(|_| ProgressStyle::default_bar())
            .progress_chars("=> "),
    );
    bar.set_message("encoding messages");
    let model = engine.train_routing_model(&labelled, &questions, &mut || bar.inc(1));
    bar.finish();
    let (model, learned) = match model {
        Ok(m) => m,
        Err(e) => return fail(1, &e.to_string()),
    };
    let examples_out = out.with_file_name(LEARNED_EXAMPLES_FILE);
    for (file, text) in [
        (out, model.to_file()),
        (examples_out.as_path(), learned.to_file(&model.encoder)),
    ] {
        if let Err(e) = std::fs::write(file, text) {
            return fail(1, &format!("{}: {e}", file.display()));
        }
    }
    println!(
        "routing model trained on {} messages, {} answered questions and {} hand-written examples ({}), written to {}; the messages' vectors to {}",
        labelled.len(),
        questions.len(),
        engine.written_routing_examples().len(),
        model.encoder,
        out.display(),
        examples_out.display()
    );
    ExitCode::SUCCESS
}
