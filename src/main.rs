use std::process::ExitCode;

use clap::Parser;
use tracing_subscriber::EnvFilter;

fn main() -> ExitCode {
    let cli = shien_navi::cli::Cli::parse();
    // Output piped into `head` should end a report quietly, as other Unix tools do, instead of
    // panicking on a closed stdout. The server keeps Rust's default (SIGPIPE ignored).
    #[cfg(unix)]
    if !matches!(cli.command, shien_navi::cli::Command::Serve { .. }) {
        // SAFETY: called once at start-up, before any other thread exists.
        unsafe {
            libc::signal(libc::SIGPIPE, libc::SIG_DFL);
        }
    }
    let filter = EnvFilter::try_from_env("SHIEN_LOG")
        .unwrap_or_else(|_| EnvFilter::new("info,sqlx=warn,tower_http=info"));
    let json = std::env::var("SHIEN__LOG_FORMAT").is_ok_and(|f| f == "json");
    let builder = tracing_subscriber::fmt()
        .with_env_filter(filter)
        .with_writer(std::io::stderr);
    if json {
        builder.json().init();
    } else {
        builder.init();
    }
    shien_navi::cli::run(cli)
}
