//! Webhooks: endpoints and secrets that admins configure, and the delivery of each event
//! by the job worker — signed (HMAC-SHA256 over timestamp and body, see the domain's
//! `webhook`), retried with the worker's back-off, each attempt's outcome kept for
//! admins to see.
use crate::auth::Viewer;
use crate::error::{AppError, AppResult, DeskError};
use crate::jobs::WebhookDelivery;
use crate::state::AppState;
use crate::usecase::{Audit, RequestMeta, UnitOfWork};
use keydesk_domain::audit::AuditKind;
use keydesk_domain::helpdesk::webhook::{self, Event};
use keydesk_store::models::{Webhook, WebhookDelivery as DeliveryRow};
use std::sync::OnceLock;
use std::time::Duration;

/// The sealing context of a webhook's secret.
const SECRET_CONTEXT: &str = "webhook-secret";

/// A new endpoint's secret, shown to the admin once (the receiver needs it to verify).
pub struct Created {
    pub id: i64,
    pub secret: String,
}

fn check_url(url: &str) -> AppResult<url::Url> {
    let parsed = url::Url::parse(url.trim()).map_err(|e| DeskError::Webhook(e.to_string()))?;
    let loopback = matches!(parsed.host_str(), Some("127.0.0.1" | "localhost" | "[::1]"));
    match parsed.scheme() {
        "https" => Ok(parsed),
        "http" if loopback => Ok(parsed),
        _ => Err(DeskError::Webhook("https:// (http:// only on loopback)".into()).into()),
    }
}

fn check_events(events: &[String]) -> AppResult<String> {
    if events.is_empty() {
        return Err(DeskError::Webhook("choose at least one event".into()).into());
    }
    let mut names = Vec::new();
    for e in events {
        let event =
            Event::parse(e).ok_or_else(|| DeskError::Webhook(format!("unknown event {e}")))?;
        names.push(event.as_str());
    }
    names.sort_unstable();
    names.dedup();
    Ok(names.join(","))
}

pub async fn create(
    state: &AppState,
    meta: &RequestMeta,
    admin: &Viewer,
    url: &str,
    events: &[String],
) -> AppResult<Created> {
    let url = check_url(url)?;
    let events = check_events(events)?;
    let secret = keydesk_domain::identity::token::generate();
    let sealed = state.secrets.seal_text(&secret, SECRET_CONTEXT);
    let mut uow = UnitOfWork::begin(state, meta).await?;
    let id = uow
        .insert_webhook(url.as_str(), &sealed, &events, state.now())
        .await?;
    let detail = serde_json::json!({ "webhook": id, "url": url.as_str(), "events": events });
    uow.audit(Audit::operator(AuditKind::WebhookSaved, admin.account.id).detail(detail))
        .await?;
    uow.commit().await?;
    Ok(Created { id, secret })
}

pub async fn set_active(
    state: &AppState,
    meta: &RequestMeta,
    admin: &Viewer,
    id: i64,
    active: bool,
) -> AppResult<()> {
    let mut uow = UnitOfWork::begin(state, meta).await?;
    if !uow.set_webhook_active(id, active).await? {
        return Err(AppError::NotFound);
    }
    let detail = serde_json::json!({ "webhook": id, "active": active });
    uow.audit(Audit::operator(AuditKind::WebhookSaved, admin.account.id).detail(detail))
        .await?;
    uow.commit().await?;
    Ok(())
}

pub async fn list(state: &AppState) -> AppResult<(Vec<Webhook>, Vec<DeliveryRow>)> {
    let mut tx = state.store.read().await?;
    Ok((tx.webhooks().await?, tx.webhook_deliveries(100).await?))
}

fn client() -> &'static reqwest_tls::Client {
    static CLIENT: OnceLock<reqwest_tls::Client> = OnceLock::new();
    CLIENT.get_or_init(|| {
        let _ = rustls::crypto::ring::default_provider().install_default();
        reqwest_tls::Client::builder()
            .timeout(Duration::from_secs(10))
            .redirect(reqwest_tls::redirect::Policy::none())
            .build()
            .unwrap_or_default()
    })
}

/// One attempt; an error makes the worker try again later.
pub async fn deliver(state: &AppState, job: WebhookDelivery) -> anyhow::Result<()> {
    let now = state.now();
    let hook = state.store.read().await?.webhook(job.webhook_id).await?;
    let Some(hook) = hook.filter(|h| h.active) else {
        record(
            state,
            job.delivery_id,
            "dropped",
            Some("the webhook was removed or turned off"),
            now,
        )
        .await?;
        return Ok(());
    };
    let secret = state.secrets.open_text(&hook.secret, SECRET_CONTEXT)?;
    let signature = webhook::sign(secret.as_bytes(), now, job.body.as_bytes());
    let result = client()
        .post(&hook.url)
        .header("Content-Type", "application/json")
        .header("Keydesk-Event", &job.event)
        .header("Keydesk-Delivery", job.delivery_id.to_string())
        .header("Keydesk-Signature", signature)
        .body(job.body.clone())
        .send()
        .await;
    let error = match result {
        Ok(response) if response.status().is_success() => None,
        Ok(response) => Some(format!("the endpoint answered {}", response.status())),
        Err(e) => Some(with_causes(&e)),
    };
    match error {
        None => {
            record(state, job.delivery_id, "delivered", None, state.now()).await?;
            Ok(())
        }
        Some(error) => {
            record(state, job.delivery_id, "failing", Some(&error), state.now()).await?;
            Err(anyhow::anyhow!("webhook {}: {error}", hook.id))
        }
    }
}

/// An error with what caused it ("connection refused" is a cause of "error sending").
fn with_causes(e: &dyn std::error::Error) -> String {
    let mut text = e.to_string();
    let mut cause = e.source();
    while let Some(c) = cause {
        text.push_str(": ");
        text.push_str(&c.to_string());
        cause = c.source();
    }
    text
}

async fn record(
    state: &AppState,
    id: i64,
    outcome: &str,
    error: Option<&str>,
    now: i64,
) -> anyhow::Result<()> {
    let mut tx = state.store.begin().await?;
    tx.record_webhook_attempt(id, outcome, error, now).await?;
    tx.commit().await?;
    Ok(())
}
