//! What every handler is given: the application and the HTTP-only parts (rate limiter, cookie
//! policy).

use std::sync::Arc;

use super::rate_limit::RateLimiter;
use crate::app::{App, Engine, Result};

#[derive(Clone, Debug)]
pub struct AppState {
    pub app: Arc<App>,
    pub secure_cookies: bool,
    pub limiter: Arc<RateLimiter>,
}

impl AppState {
    pub fn from_app(app: App) -> AppState {
        let settings = app.settings();
        AppState {
            secure_cookies: settings.cookies_secure(),
            limiter: Arc::new(RateLimiter::new(settings.rate_limit_per_minute)),
            app: {
                let app = Arc::new(app);
                crate::app::judgments::watch_judgments(Arc::downgrade(&app));
                crate::app::corpus_live::watch_corpus(Arc::downgrade(&app));
                app
            },
        }
    }

    /// Starts the application on `engine` (store, log writer) and wraps it for the router.
    pub async fn new(engine: Engine) -> Result<AppState> {
        Ok(AppState::from_app(App::start(engine).await?))
    }
}
