//! Chat sessions: what a follow-up needs from earlier turns, behind [`SessionStore`] (the
//! database for the server and the CLI, memory for tools). Sessions expire and are
//! size-bounded; an id the store does not know (forged, stale, expired) starts a new session
//! with a fresh id.

use std::collections::HashMap;
use std::future::Future;
use std::pin::Pin;
use std::sync::Mutex;
use std::time::Duration;

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};

/// A session unused this long is gone (sliding: every turn extends it).
pub const SESSION_TTL: Duration = Duration::from_secs(60 * 60);
/// A session's stored state stays under this many bytes of JSON: the oldest turns go first.
pub const MAX_SESSION_BYTES: usize = 32 * 1024;
/// Turns kept for the no-JavaScript page.
pub(crate) const MAX_HISTORY: usize = 20;
/// Schemes remembered for follow-ups.
const MAX_SCHEMES: usize = 4;
/// A session read or write waits at most this long; then the turn goes on without it.
pub(crate) const SESSION_IO_WAIT: Duration = Duration::from_millis(1500);

/// What a follow-up needs from earlier turns.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct ChatSession {
    /// Scheme ids discussed last, most relevant first.
    pub schemes: Vec<String>,
    /// (masked message, reply) pairs for the no-JavaScript chat page.
    pub history: Vec<(String, String)>,
    /// A clarifying question was already asked (it is asked once per session).
    pub clarified: bool,
    pub turns: u32,
}

impl ChatSession {
    /// The session as JSON within [`MAX_SESSION_BYTES`]: schemes and history are capped and
    /// the oldest turns dropped until it fits.
    pub fn to_bounded_json(&mut self) -> String {
        self.schemes.truncate(MAX_SCHEMES);
        if self.history.len() > MAX_HISTORY {
            self.history.drain(..self.history.len() - MAX_HISTORY);
        }
        loop {
            let json = serde_json::to_string(self).expect("a session serialises");
            if json.len() <= MAX_SESSION_BYTES || self.history.is_empty() {
                return json;
            }
            self.history.remove(0);
        }
    }

    /// Reads stored state; anything unreadable or over the bound is no session.
    pub fn from_stored_json(json: &str) -> Option<ChatSession> {
        if json.len() > MAX_SESSION_BYTES {
            return None;
        }
        serde_json::from_str(json).ok()
    }
}

type SessionFuture<'a, T> = Pin<Box<dyn Future<Output = T> + Send + 'a>>;
pub type SessionResult<T> = std::result::Result<T, crate::store::StoreError>;

/// Where chat sessions live. Implementations enforce expiry: `load` never returns a session
/// unused for longer than [`SESSION_TTL`].
pub trait SessionStore: Send + Sync {
    fn load<'a>(
        &'a self,
        id: &'a str,
        now: DateTime<Utc>,
    ) -> SessionFuture<'a, SessionResult<Option<ChatSession>>>;
    /// Stores the session (bounded by [`ChatSession::to_bounded_json`]) until `now` + TTL.
    fn save<'a>(
        &'a self,
        id: &'a str,
        session: &'a mut ChatSession,
        now: DateTime<Utc>,
    ) -> SessionFuture<'a, SessionResult<()>>;
}

fn expiry(now: DateTime<Utc>) -> DateTime<Utc> {
    now + chrono::Duration::from_std(SESSION_TTL).expect("TTL fits")
}

/// The database: every replica on one database shares its sessions.
impl SessionStore for crate::store::Store {
    fn load<'a>(
        &'a self,
        id: &'a str,
        now: DateTime<Utc>,
    ) -> SessionFuture<'a, SessionResult<Option<ChatSession>>> {
        Box::pin(async move {
            Ok(self
                .chat_session(id, now)
                .await?
                .and_then(|json| ChatSession::from_stored_json(&json)))
        })
    }

    fn save<'a>(
        &'a self,
        id: &'a str,
        session: &'a mut ChatSession,
        now: DateTime<Utc>,
    ) -> SessionFuture<'a, SessionResult<()>> {
        Box::pin(async move {
            let json = session.to_bounded_json();
            self.put_chat_session(id, &json, now, expiry(now)).await
        })
    }
}

/// In process only, for tests and tools that have no database: one replica's memory.
#[derive(Debug, Default)]
pub struct MemorySessions {
    sessions: Mutex<HashMap<String, (String, DateTime<Utc>)>>,
}

impl SessionStore for MemorySessions {
    fn load<'a>(
        &'a self,
        id: &'a str,
        now: DateTime<Utc>,
    ) -> SessionFuture<'a, SessionResult<Option<ChatSession>>> {
        let found = self
            .sessions
            .lock()
            .unwrap_or_else(|e| e.into_inner())
            .get(id)
            .filter(|(_, expires)| *expires > now)
            .and_then(|(json, _)| ChatSession::from_stored_json(json));
        Box::pin(std::future::ready(Ok(found)))
    }

    fn save<'a>(
        &'a self,
        id: &'a str,
        session: &'a mut ChatSession,
        now: DateTime<Utc>,
    ) -> SessionFuture<'a, SessionResult<()>> {
        let json = session.to_bounded_json();
        let mut map = self.sessions.lock().unwrap_or_else(|e| e.into_inner());
        map.retain(|_, (_, expires)| *expires > now);
        map.insert(id.to_string(), (json, expiry(now)));
        Box::pin(std::future::ready(Ok(())))
    }
}

/// Only ids this service hands out (hyphenated UUIDs) are looked up; anything else is forged.
fn is_session_id(id: &str) -> bool {
    id.len() == 36 && uuid::Uuid::try_parse(id).is_ok()
}

/// The session named by `requested` if the store has it live, else a new one with a new id.
/// Never fails: an unreachable store means a fresh session for this turn (logged).
pub async fn resume(
    sessions: &dyn SessionStore,
    requested: Option<&str>,
    now: DateTime<Utc>,
) -> (String, ChatSession) {
    if let Some(id) = requested.filter(|id| is_session_id(id)) {
        match tokio::time::timeout(SESSION_IO_WAIT, sessions.load(id, now)).await {
            Ok(Ok(Some(session))) => return (id.to_string(), session),
            Ok(Ok(None)) => {}
            Ok(Err(e)) => {
                tracing::warn!(error = %e, "chat session could not be read; starting a new one")
            }
            Err(_) => tracing::warn!("chat session read timed out; starting a new one"),
        }
    }
    (uuid::Uuid::new_v4().to_string(), ChatSession::default())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[tokio::test]
    async fn a_known_live_session_resumes_and_anything_else_starts_afresh() {
        let store = MemorySessions::default();
        let now = Utc::now();
        let id = uuid::Uuid::new_v4().to_string();
        let mut session = ChatSession {
            schemes: vec!["minato-yushi-sogyo".into()],
            turns: 1,
            ..Default::default()
        };
        store.save(&id, &mut session, now).await.unwrap();

        let (resumed, s) = resume(&store, Some(&id), now).await;
        assert_eq!((resumed.as_str(), s.turns), (id.as_str(), 1));

        let later = now + chrono::Duration::from_std(SESSION_TTL).unwrap();
        let (fresh, s) = resume(&store, Some(&id), later).await;
        assert_ne!(fresh, id, "an expired session is a new one");
        assert_eq!(s, ChatSession::default());

        let unknown = uuid::Uuid::new_v4().to_string();
        for forged in [
            "",
            "x",
            "../../etc/passwd",
            &"a".repeat(36),
            &id[..35],
            &unknown,
        ] {
            let (fresh, s) = resume(&store, Some(forged), now).await;
            assert!(fresh != forged && is_session_id(&fresh), "{forged:?}");
            assert_eq!(s, ChatSession::default());
        }
    }

    #[test]
    fn the_stored_form_drops_the_oldest_turns_to_fit_its_bound() {
        let mut s = ChatSession {
            history: (0..30)
                .map(|k| (format!("q{k}"), "長い回答".repeat(1000)))
                .collect(),
            ..Default::default()
        };
        let json = s.to_bounded_json();
        assert!(json.len() <= MAX_SESSION_BYTES);
        assert_eq!(s.history.last().unwrap().0, "q29");
        assert!(s.history.len() < MAX_HISTORY);
        assert_eq!(ChatSession::from_stored_json(&json), Some(s));
        assert_eq!(ChatSession::from_stored_json("{not json"), None);
    }
}
