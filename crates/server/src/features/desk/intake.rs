//! A new request: from a signed-in customer (their address and account come with it), or
//! from a signed-out visitor, whose request waits until they confirm their address
//! through the link in the automatic reply — which carries nothing they typed, so the
//! desk relays no text for spammers.
use super::attachments::{self, Prepared, Upload};
use super::notify;
use crate::error::{AppError, AppResult, DeskError};
use crate::mail::MailKind;
use crate::state::AppState;
use crate::usecase::{gate, RequestMeta, UnitOfWork};
use keydesk_domain::helpdesk::answers::{self, FieldError, Problem, Submission};
use keydesk_domain::helpdesk::answers_text::answers_text;
use keydesk_domain::helpdesk::webhook::Event;
use keydesk_domain::identity::email::Email;
use keydesk_domain::identity::language::Language;
use keydesk_domain::identity::token;
use keydesk_domain::throttle::ThrottlePolicy;
use keydesk_store::models::{
    Account, Author, DeskRequest, NewDeskAttachment, NewDeskEvent, NewDeskMessage, NewDeskRequest,
};
use sha2::{Digest, Sha256};
use tracing::instrument;

/// A visitor's confirmation link works this long.
pub const CONFIRM_WITHIN_SECONDS: i64 = 7 * 86_400;

/// Who sends the request.
pub enum Requester<'a> {
    Customer(&'a Account),
    /// Signed out: only the address they typed.
    Visitor(Email),
}

impl Requester<'_> {
    fn email(&self) -> &str {
        match self {
            Requester::Customer(a) => &a.email,
            Requester::Visitor(e) => e.as_str(),
        }
    }

    fn account_id(&self) -> Option<i64> {
        match self {
            Requester::Customer(a) => Some(a.id),
            Requester::Visitor(_) => None,
        }
    }
}

/// A request as its form (or the API) sent it.
pub struct NewRequest {
    pub category: String,
    pub submission: Submission,
    pub uploads: Vec<Upload>,
    /// Makes a retried submission find the request it made (double click, a retry
    /// after a timeout); the form carries one, an API client sends its own.
    pub idempotency_key: String,
    pub lang: Language,
    /// The API: a field the form does not have is an error, not ignored.
    pub strict: bool,
    /// A reply to a closed request starts a follow-up linked to it.
    pub follow_up_of: Option<i64>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Received {
    pub number: i64,
    /// A visitor's request waits for the address to be confirmed.
    pub confirmed: bool,
    /// The same submission came before: nothing new was made.
    pub repeated: bool,
}

/// The idempotency key as stored: hashed with who sent it, so one requester's key
/// never finds another's request.
fn idempotency(requester: &Requester<'_>, key: &str) -> String {
    let who = match requester {
        Requester::Customer(a) => format!("account:{}", a.id),
        Requester::Visitor(e) => format!("email:{}", e.as_str()),
    };
    hex::encode(Sha256::digest(format!("{who}\n{key}").as_bytes()))
}

fn check_key(key: &str) -> AppResult<()> {
    let fine = (8..=100).contains(&key.len())
        && key
            .bytes()
            .all(|b| b.is_ascii_alphanumeric() || b == b'-' || b == b'_');
    if fine {
        Ok(())
    } else {
        Err(AppError::BadRequest(
            "the idempotency key must be 8 to 100 letters, digits, '-' or '_'".into(),
        ))
    }
}

/// Files for a file field are counted for the form's rules; files for a field the
/// customer could not see are refused (the API) or dropped (a page without script
/// shows every field).
fn count_files(new: &mut NewRequest) {
    new.submission.files.clear();
    for upload in &new.uploads {
        if let Some(field) = &upload.field {
            *new.submission.files.entry(field.clone()).or_default() += 1;
        }
    }
}

#[instrument(skip_all, err(Debug, level = "info"))]
pub async fn submit(
    state: &AppState,
    meta: &RequestMeta,
    requester: Requester<'_>,
    mut new: NewRequest,
) -> AppResult<Received> {
    check_key(&new.idempotency_key)?;
    let catalog = state.categories.current();
    let category = catalog
        .category(&new.category)
        .ok_or(DeskError::UnknownCategory)?;
    count_files(&mut new);
    let accepted =
        answers::accept(category, &new.submission, new.strict).map_err(DeskError::Form)?;
    let mut uploads = Vec::new();
    for upload in new.uploads {
        match &upload.field {
            Some(field) if !answers::file_field_applies(category, &accepted, field) => {
                if new.strict {
                    return Err(DeskError::Form(vec![FieldError {
                        field: field.clone(),
                        problem: Problem::UnknownField,
                    }])
                    .into());
                }
            }
            _ => uploads.push(upload),
        }
    }
    let key = idempotency(&requester, &new.idempotency_key);
    if let Some(existing) = state
        .store
        .read()
        .await?
        .desk_request_by_idempotency(&key)
        .await?
    {
        return Ok(repeated(&existing));
    }
    let now = state.now();
    if let Requester::Visitor(email) = &requester {
        let policy =
            ThrottlePolicy::desk_visitor(state.settings.desk.anonymous_per_address_per_hour);
        gate::count_request(
            state,
            meta,
            &format!("desk:{}", email.as_str()),
            &policy,
            now,
        )
        .await?;
        gate::count_mail_request(state, meta, now).await?;
    }
    // Every file is checked before any is stored, and stored before the rows.
    let files = attachments::prepare_all(state, uploads).await?;
    attachments::store_all(state, &files).await?;
    let answers_json =
        serde_json::to_string(&accepted.answers).map_err(|e| AppError::Internal(e.into()))?;
    let answers_text = answers_text(
        Some(category),
        accepted.subcategory.as_deref(),
        &accepted.answers,
    );
    let confirm_token = matches!(requester, Requester::Visitor(_)).then(token::generate);
    let confirm_hash = confirm_token.as_deref().map(token::digest);
    let mut uow = UnitOfWork::begin(state, meta).await?;
    let inserted = uow
        .insert_desk_request(&NewDeskRequest {
            account_id: requester.account_id(),
            email: requester.email(),
            lang: new.lang,
            category: &category.key,
            subcategory: accepted.subcategory.as_deref(),
            subject: &accepted.subject,
            answers: &answers_json,
            answers_text: &answers_text,
            confirmed: confirm_token.is_none(),
            confirm_token_hash: confirm_hash.as_deref(),
            idempotency: &key,
            follow_up_of: new.follow_up_of,
            now,
        })
        .await?;
    let Some(id) = inserted else {
        // The same submission, twice at once: the other one made it. This one's files
        // belong to no row and are swept.
        drop(uow);
        let existing = state
            .store
            .read()
            .await?
            .desk_request_by_idempotency(&key)
            .await?
            .ok_or_else(|| AppError::Internal(anyhow::anyhow!("idempotent request vanished")))?;
        return Ok(repeated(&existing));
    };
    let message = uow
        .insert_desk_message(&NewDeskMessage {
            request_id: id,
            author_id: requester.account_id(),
            author: Author::Customer,
            public: true,
            body: &accepted.description,
            now,
        })
        .await?;
    record_files(&mut uow, id, Some(message), &files, now).await?;
    uow.insert_desk_event(&NewDeskEvent {
        request_id: id,
        actor_id: requester.account_id(),
        version: 1,
        field: "created",
        old_value: None,
        new_value: Some(&category.key),
        now,
    })
    .await?;
    super::sla::refresh(&mut uow, id).await?;
    let request = uow
        .desk_request(id)
        .await?
        .ok_or_else(|| AppError::Internal(anyhow::anyhow!("request {id} vanished")))?;
    match &confirm_token {
        None => {
            notify::mail_customer(&mut uow, &request, MailKind::DeskReceived, &[], true).await?;
            notify::webhooks(&mut uow, Event::RequestCreated, &request).await?;
        }
        Some(token) => {
            let url = format!("{}/requests/confirm?token={token}", state.public_url());
            notify::mail_customer(
                &mut uow,
                &request,
                MailKind::DeskConfirm,
                &[("url", url)],
                true,
            )
            .await?;
        }
    }
    uow.commit().await?;
    metrics::counter!("keydesk_desk_requests_total", "confirmed" => confirm_token.is_none().to_string())
        .increment(1);
    Ok(Received {
        number: id,
        confirmed: confirm_token.is_none(),
        repeated: false,
    })
}

fn repeated(existing: &DeskRequest) -> Received {
    Received {
        number: existing.id,
        confirmed: existing.confirmed,
        repeated: true,
    }
}

/// The rows of files already stored.
pub(crate) async fn record_files(
    uow: &mut UnitOfWork<'_>,
    request_id: i64,
    message_id: Option<i64>,
    files: &[Prepared],
    now: i64,
) -> AppResult<()> {
    for file in files {
        uow.insert_desk_attachment(&NewDeskAttachment {
            request_id,
            message_id,
            field: file.field.as_deref(),
            file_name: &file.file_name,
            original_name: &file.original_name,
            content_type: file.content_type,
            size: file.bytes.len() as i64,
            sha256: &file.sha256,
            now,
        })
        .await?;
    }
    Ok(())
}

/// The visitor opened the link: the request reaches the agents' queue, and the
/// automatic reply says it was received. A used, mistyped or stale link is refused.
#[instrument(skip_all, err(Debug, level = "info"))]
pub async fn confirm(state: &AppState, meta: &RequestMeta, token: &str) -> AppResult<i64> {
    if !token::looks_valid(token) {
        return Err(DeskError::ConfirmLink.into());
    }
    let now = state.now();
    let mut uow = UnitOfWork::begin(state, meta).await?;
    let request = uow
        .desk_request_by_confirm_token(&token::digest(token))
        .await?
        .filter(|r| r.created_at >= now - CONFIRM_WITHIN_SECONDS)
        .ok_or(DeskError::ConfirmLink)?;
    let holder = uow.account_by_email(&request.email).await?.map(|a| a.id);
    if !uow.confirm_desk_request(request.id, holder, now).await? {
        return Err(DeskError::ConfirmLink.into());
    }
    uow.insert_desk_event(&NewDeskEvent {
        request_id: request.id,
        actor_id: None,
        version: request.version + 1,
        field: "confirmed",
        old_value: None,
        new_value: Some(&request.email),
        now,
    })
    .await?;
    let request = uow
        .desk_request(request.id)
        .await?
        .ok_or(DeskError::ConfirmLink)?;
    notify::mail_customer(&mut uow, &request, MailKind::DeskReceived, &[], false).await?;
    notify::webhooks(&mut uow, Event::RequestCreated, &request).await?;
    uow.commit().await?;
    Ok(request.id)
}

/// A visitor's request whose link was never opened is deleted unread once the link has
/// expired (the mail says so); its files go with the next sweep.
pub async fn delete_unconfirmed(state: &AppState) -> AppResult<u64> {
    let mut tx = state.store.begin().await?;
    let n = tx
        .delete_unconfirmed_desk_requests(state.now() - CONFIRM_WITHIN_SECONDS)
        .await?;
    tx.commit().await?;
    Ok(n)
}

/// A request another feature opens for a signed-in customer, in that feature's unit of
/// work (a verification case to review): in the customer's "My requests" and in the
/// agents' queue at once, with the usual "received" mail. `key` makes it once only.
pub struct OnBehalf<'a> {
    pub account: &'a Account,
    pub category: &'a str,
    pub subcategory: Option<&'a str>,
    pub subject: &'a str,
    pub body: &'a str,
    pub key: &'a str,
}

pub async fn open_on_behalf(
    uow: &mut UnitOfWork<'_>,
    new: &OnBehalf<'_>,
) -> AppResult<DeskRequest> {
    let now = uow.state().now();
    let requester = Requester::Customer(new.account);
    let key = idempotency(&requester, new.key);
    if let Some(existing) = uow.desk_request_by_idempotency(&key).await? {
        return Ok(existing);
    }
    let id = uow
        .insert_desk_request(&NewDeskRequest {
            account_id: Some(new.account.id),
            email: &new.account.email,
            lang: new.account.language,
            category: new.category,
            subcategory: new.subcategory,
            subject: new.subject,
            answers: "{}",
            answers_text: "",
            confirmed: true,
            confirm_token_hash: None,
            idempotency: &key,
            follow_up_of: None,
            now,
        })
        .await?
        .ok_or_else(|| AppError::Internal(anyhow::anyhow!("request {key} made twice at once")))?;
    uow.insert_desk_message(&NewDeskMessage {
        request_id: id,
        author_id: None,
        author: Author::System,
        public: true,
        body: new.body,
        now,
    })
    .await?;
    uow.insert_desk_event(&NewDeskEvent {
        request_id: id,
        actor_id: None,
        version: 1,
        field: "created",
        old_value: None,
        new_value: Some(new.category),
        now,
    })
    .await?;
    super::sla::refresh(uow, id).await?;
    let request = uow
        .desk_request(id)
        .await?
        .ok_or_else(|| AppError::Internal(anyhow::anyhow!("request {id} vanished")))?;
    notify::mail_customer(uow, &request, MailKind::DeskReceived, &[], true).await?;
    notify::webhooks(uow, Event::RequestCreated, &request).await?;
    Ok(request)
}
