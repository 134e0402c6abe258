//! What a change to a request tells the outside, queued in the change's own transaction:
//! the customer's mail (in the request's language, threaded with every other mail of the
//! request) and the webhooks subscribed to the event.
use crate::jobs::{Job, WebhookDelivery};
use crate::mail::{thread_headers, MailKind};
use crate::usecase::UnitOfWork;
use keydesk_domain::helpdesk::webhook::Event;
use keydesk_store::models::DeskRequest;
use keydesk_store::StoreResult;

/// The request's page for its customer; a visitor without an account has none, and is
/// sent to the help page.
pub fn request_url(uow: &UnitOfWork<'_>, request: &DeskRequest) -> String {
    let base = uow.state().public_url();
    if request.account_id.is_some() {
        format!("{base}/requests/{}", request.id)
    } else {
        format!("{base}/help")
    }
}

/// Mails the request's customer. `first`: the request's first mail, whose Message-ID
/// the later ones refer to.
pub async fn mail_customer(
    uow: &mut UnitOfWork<'_>,
    request: &DeskRequest,
    kind: MailKind,
    extra: &[(&str, String)],
    first: bool,
) -> StoreResult<()> {
    let visitor = if request.account_id.is_some() {
        "no"
    } else {
        "yes"
    };
    // `extra` comes first: a mail's own link (the confirmation) wins over the page's.
    let mut args: Vec<(&str, String)> = extra.to_vec();
    for (name, value) in [
        ("number", request.id.to_string()),
        ("url", request_url(uow, request)),
        ("visitor", visitor.to_owned()),
    ] {
        if !args.iter().any(|(n, _)| *n == name) {
            args.push((name, value));
        }
    }
    let state = uow.state();
    let token = crate::mail::reply_token::reply_token(&state.secrets, request.id);
    let headers = thread_headers(
        &state.public_url(),
        request.id,
        &token,
        state.settings.support_email.as_deref(),
        first,
        kind.is_automatic(),
    );
    uow.mail_with_headers(&request.email, request.lang, kind, &args, headers)
        .await
}

/// What a webhook receives about a request: its state, never the customer's words or
/// address (a receiver asks the API for what it may see).
pub fn event_body(event: Event, request: &DeskRequest, now: i64) -> String {
    serde_json::json!({
        "event": event.as_str(),
        "occurred_at": now,
        "request": {
            "id": request.id,
            "status": request.status,
            "category": request.category,
            "subcategory": request.subcategory,
            "priority": request.priority,
            "assignee_id": request.assignee_id,
            "created_at": request.created_at,
            "updated_at": request.updated_at,
        }
    })
    .to_string()
}

/// Queues `event` about `request` for the webhooks subscribed to it.
pub async fn webhooks(
    uow: &mut UnitOfWork<'_>,
    event: Event,
    request: &DeskRequest,
) -> StoreResult<()> {
    let now = uow.state().now();
    let subject = keydesk_store::DeliverySubject {
        request_id: Some(request.id),
        account_id: request.account_id,
    };
    publish(uow, event, subject, event_body(event, request, now)).await
}

/// Queues `event` for every active webhook subscribed to it: a delivery row (what
/// admins see) and the job that sends `body`.
pub async fn publish(
    uow: &mut UnitOfWork<'_>,
    event: Event,
    subject: keydesk_store::DeliverySubject,
    body: String,
) -> StoreResult<()> {
    let now = uow.state().now();
    let hooks = uow.webhooks().await?;
    for hook in hooks.into_iter().filter(|h| h.active) {
        if !hook.events.split(',').any(|e| e == event.as_str()) {
            continue;
        }
        let delivery_id = uow
            .insert_webhook_delivery(hook.id, event.as_str(), subject, now)
            .await?;
        let job = Job::Webhook(WebhookDelivery {
            delivery_id,
            webhook_id: hook.id,
            event: event.as_str().to_owned(),
            body: body.clone(),
        });
        uow.schedule(job, now).await?;
    }
    Ok(())
}
