//! What every use case shares. A use case (a function in `features/<feature>/service.rs`)
//! runs in one [`UnitOfWork`]: its changes, its audit event, the mails it queues and the
//! jobs it schedules commit together or not at all, and the job worker is woken once they
//! are on disk. Credential checks go through [`gate`]; password hashing through
//! [`hashing`], off the async runtime.
pub mod gate;
mod unit_of_work;

pub use unit_of_work::{Audit, UnitOfWork};

use crate::state::AppState;
use keydesk_domain::identity::language::Language;

/// Who is asking, for audit events, throttling and the language of replies.
#[derive(Debug, Clone)]
pub struct RequestMeta {
    pub ip: String,
    pub user_agent: String,
    pub lang: Language,
}

impl RequestMeta {
    pub fn for_operator() -> Self {
        Self {
            ip: "local".into(),
            user_agent: "keydesk-cli".into(),
            lang: Language::En,
        }
    }
}

/// Runs CPU-heavy hashing off the async runtime, at most one per core at a time.
pub async fn hashing<T: Send + 'static>(
    state: &AppState,
    work: impl FnOnce(&keydesk_domain::identity::password::PasswordHasher) -> T + Send + 'static,
) -> anyhow::Result<T> {
    let _permit = state.hashing.acquire().await?;
    let hasher = state.hasher.clone();
    Ok(tokio::task::spawn_blocking(move || work(&hasher)).await?)
}
