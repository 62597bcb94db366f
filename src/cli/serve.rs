//! `shien serve`: the web service until Ctrl-C or SIGTERM.

use super::*;

pub(super) fn serve(mut settings: Settings, bind: Option<std::net::SocketAddr>) -> ExitCode {
    if let Some(b) = bind {
        settings.bind = b;
    }
    let engine = match build_app(settings) {
        Ok(a) => a,
        Err(code) => return code,
    };
    let runtime = match runtime() {
        Ok(r) => r,
        Err(code) => return code,
    };
    runtime.block_on(async move {
        let bind = engine.settings.bind;
        let tls = match (&engine.settings.tls_cert, &engine.settings.tls_key) {
            (Some(cert), Some(key)) => match crate::http::tls::load(cert, key).await {
                Ok(c) => Some(c),
                Err(e) => return fail(2, &e.to_string()),
            },
            _ => None,
        };
        let public = engine.settings.public_url.clone();
        let scheme = if tls.is_some() { "https" } else { "http" };
        let app = match start_app(engine).await {
            Ok(a) => a,
            Err(code) => return code,
        };
        let listener = match tokio::net::TcpListener::bind(bind).await {
            Ok(l) => l,
            Err(e) => return fail(2, &format!("cannot listen on {bind}: {e}")),
        };
        let addr = listener
            .local_addr()
            .map(|a| a.to_string())
            .unwrap_or_default();
        let url = public.unwrap_or_else(|| format!("{scheme}://{addr}"));
        println!("支援ナビ is running: {url}/  (Ctrl-C で停止)");
        tracing::info!(%url, "listening");
        match crate::http::serve_with(crate::http::AppState::from_app(app), listener, tls).await {
            Ok(()) => ExitCode::SUCCESS,
            Err(e) => fail(2, &format!("server error: {e}")),
        }
    })
}
