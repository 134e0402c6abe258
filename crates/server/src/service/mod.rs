//! The use cases. The HTML pages and the JSON API both call these functions, so the
//! two never drift. Each one opens a transaction, applies the domain rules, writes
//! through the store, queues mails and writes its audit event before committing.
pub mod accounts;
pub mod auth;
pub mod checklist;
pub mod gate;
pub mod photos;
pub mod twofactor;

use keydesk_domain::audit::AuditKind;
use keydesk_domain::language::Language;
use keydesk_store::models::NewAuditEvent;
use keydesk_store::{StoreResult, WriteTx};

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

pub async fn audit(
    tx: &mut dyn WriteTx,
    meta: &RequestMeta,
    account_id: Option<i64>,
    kind: AuditKind,
    detail: serde_json::Value,
    now: i64,
) -> StoreResult<()> {
    tx.insert_audit(&NewAuditEvent {
        account_id,
        actor_id: account_id,
        kind,
        ip: Some(&meta.ip),
        user_agent: Some(truncate(&meta.user_agent, 400)),
        detail: detail.to_string(),
        now,
    })
    .await?;
    Ok(())
}

/// A change to the signed-in customer's own account: the audit event and the mail that
/// tells the owner, both in the change's transaction.
#[allow(clippy::too_many_arguments)]
pub async fn own_security_event(
    state: &crate::state::AppState,
    tx: &mut dyn WriteTx,
    meta: &RequestMeta,
    viewer: &auth::Viewer,
    kind: AuditKind,
    mail_kind: crate::mail::MailKind,
    mail_args: &[(&str, String)],
    now: i64,
) -> StoreResult<()> {
    audit(
        tx,
        meta,
        Some(viewer.account.id),
        kind,
        serde_json::json!({}),
        now,
    )
    .await?;
    crate::mail::queue(
        state,
        tx,
        &viewer.account.email,
        viewer.lang(),
        mail_kind,
        mail_args,
    )
    .await
}

fn truncate(s: &str, max: usize) -> &str {
    match s.char_indices().nth(max) {
        Some((i, _)) => &s[..i],
        None => s,
    }
}

/// Runs CPU-heavy hashing off the async runtime, at most one per core at a time.
pub async fn hashing<T: Send + 'static>(
    state: &crate::state::AppState,
    work: impl FnOnce(&keydesk_domain::password::PasswordHasher) -> T + Send + 'static,
) -> anyhow::Result<T> {
    let _permit = state.hashing.acquire().await?;
    let hasher = state.hasher.clone();
    Ok(tokio::task::spawn_blocking(move || work(&hasher)).await?)
}
