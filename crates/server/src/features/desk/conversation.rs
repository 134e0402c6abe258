//! The customer's side of a request: "My requests", one request with its conversation
//! and attachments, and their reply — which brings a pending or solved request back to
//! open, and on a closed one starts a follow-up request instead.
use super::attachments::{self, Upload};
use super::change::{self, Changes};
use super::intake::{self, NewRequest, Requester};
use crate::auth::Viewer;
use crate::error::{AppError, AppResult, DeskError};
use crate::state::AppState;
use crate::usecase::{RequestMeta, UnitOfWork};
use keydesk_domain::helpdesk::answers::Submission;
use keydesk_domain::helpdesk::status::OnCustomerReply;
use keydesk_store::models::{Author, DeskAttachment, DeskMessage, DeskRequest, NewDeskMessage};
use tracing::instrument;

/// One request as its customer sees it: internal notes are not part of it.
pub struct CustomerView {
    pub request: DeskRequest,
    pub messages: Vec<DeskMessage>,
    pub attachments: Vec<DeskAttachment>,
}

pub async fn my_requests(state: &AppState, viewer: &Viewer) -> AppResult<Vec<DeskRequest>> {
    Ok(state
        .store
        .read()
        .await?
        .desk_requests_of_account(viewer.account.id, 200)
        .await?)
}

/// The viewer's own request; anybody else's is "not found" (whether it exists is not
/// told). Staff read requests in the console, not here.
fn own(viewer: &Viewer, request: Option<DeskRequest>) -> AppResult<DeskRequest> {
    request
        .filter(|r| r.account_id == Some(viewer.account.id))
        .ok_or(AppError::NotFound)
}

pub async fn view(state: &AppState, viewer: &Viewer, id: i64) -> AppResult<CustomerView> {
    let mut tx = state.store.read().await?;
    let request = own(viewer, tx.desk_request(id).await?)?;
    let messages: Vec<DeskMessage> = tx
        .desk_messages(id)
        .await?
        .into_iter()
        .filter(|m| m.public)
        .collect();
    let attachments = tx
        .desk_attachments(id)
        .await?
        .into_iter()
        .filter(|a| {
            a.message_id
                .is_none_or(|m| messages.iter().any(|msg| msg.id == m))
        })
        .collect();
    Ok(CustomerView {
        request,
        messages,
        attachments,
    })
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Replied {
    /// Added to the request (which is now open again if it was pending or solved).
    Added(i64),
    /// The request was closed: the reply is a new request, linked to it.
    FollowUp(i64),
}

#[instrument(skip_all, err(Debug, level = "info"))]
pub async fn reply(
    state: &AppState,
    meta: &RequestMeta,
    viewer: &Viewer,
    id: i64,
    body: &str,
    uploads: Vec<Upload>,
    idempotency_key: Option<String>,
) -> AppResult<Replied> {
    // Whose it is first: a stranger learns nothing from how their reply is refused.
    let request = own(viewer, state.store.read().await?.desk_request(id).await?)?;
    let body = keydesk_domain::helpdesk::plain_text::plain(body)
        .trim()
        .to_owned();
    if body.is_empty() {
        return Err(DeskError::EmptyReply.into());
    }
    if body.chars().count() > keydesk_domain::helpdesk::answers::DESCRIPTION_MAX {
        return Err(
            DeskError::Form(vec![keydesk_domain::helpdesk::answers::FieldError {
                field: "body".into(),
                problem: keydesk_domain::helpdesk::answers::Problem::TooLong {
                    max: keydesk_domain::helpdesk::answers::DESCRIPTION_MAX,
                },
            }])
            .into(),
        );
    }
    if request.status.on_customer_reply() == OnCustomerReply::FollowUp {
        return follow_up(
            state,
            meta,
            viewer,
            &request,
            body,
            uploads,
            idempotency_key,
        )
        .await;
    }
    let uploads = uploads
        .into_iter()
        .map(|u| Upload { field: None, ..u })
        .collect();
    let files = attachments::prepare_all(state, uploads).await?;
    attachments::store_all(state, &files).await?;
    let mut uow = UnitOfWork::begin(state, meta).await?;
    let current = uow.lock_desk_request(id).await?.ok_or(AppError::NotFound)?;
    let next = match current.status.on_customer_reply() {
        OnCustomerReply::Becomes(status) => status,
        // Closed meanwhile (the timer ran): the files stay orphans and are swept.
        OnCustomerReply::FollowUp => {
            drop(uow);
            return follow_up(
                state,
                meta,
                viewer,
                &current,
                body,
                Vec::new(),
                idempotency_key,
            )
            .await;
        }
    };
    let now = state.now();
    let message = uow
        .insert_desk_message(&NewDeskMessage {
            request_id: id,
            author_id: Some(viewer.account.id),
            author: Author::Customer,
            public: true,
            body: &body,
            now,
        })
        .await?;
    intake::record_files(&mut uow, id, Some(message), &files, now).await?;
    let changes = Changes {
        status: Some(next),
        ..Changes::default()
    };
    let saved = change::save(
        &mut uow,
        &current,
        current.version,
        &changes,
        Some(viewer.account.id),
    )
    .await?;
    change::message_event(&mut uow, &saved, Some(viewer.account.id), "customer").await?;
    uow.commit().await?;
    Ok(Replied::Added(message))
}

/// A closed request stays as it was; the reply becomes a new request in the same
/// category, linked to it, with the customer's words as its description.
async fn follow_up(
    state: &AppState,
    meta: &RequestMeta,
    viewer: &Viewer,
    closed: &DeskRequest,
    body: String,
    uploads: Vec<Upload>,
    idempotency_key: Option<String>,
) -> AppResult<Replied> {
    let answers: std::collections::BTreeMap<String, keydesk_domain::helpdesk::answers::Value> =
        serde_json::from_str(&closed.answers).unwrap_or_default();
    let fields = answers
        .into_iter()
        .map(|(k, v)| {
            let text = match v {
                keydesk_domain::helpdesk::answers::Value::Text(t) => t,
                keydesk_domain::helpdesk::answers::Value::Checked(true) => "true".into(),
                keydesk_domain::helpdesk::answers::Value::Checked(false) => String::new(),
            };
            (k, text)
        })
        .collect();
    let subject: String = format!("#{}: {}", closed.id, closed.subject)
        .chars()
        .take(keydesk_domain::helpdesk::answers::SUBJECT_MAX)
        .collect();
    let new = NewRequest {
        category: closed.category.clone(),
        submission: Submission {
            subject,
            description: body,
            subcategory: closed.subcategory.clone(),
            fields,
            files: Default::default(),
        },
        uploads: uploads
            .into_iter()
            .map(|u| Upload { field: None, ..u })
            .collect(),
        idempotency_key: idempotency_key.unwrap_or_else(|| {
            format!("follow-up-{}", keydesk_domain::identity::token::generate())
        }),
        lang: closed.lang,
        // The form may have changed since; what the customer answered then is kept as
        // far as it still fits.
        strict: false,
        follow_up_of: Some(closed.id),
    };
    let received = intake::submit(state, meta, Requester::Customer(&viewer.account), new).await?;
    Ok(Replied::FollowUp(received.number))
}

/// An attachment's bytes, for the requester or staff; every staff view is audited.
#[instrument(skip_all, err(Debug, level = "info"))]
pub async fn attachment(
    state: &AppState,
    meta: &RequestMeta,
    viewer: &Viewer,
    request_id: i64,
    id: i64,
) -> AppResult<(DeskAttachment, Vec<u8>)> {
    let mut tx = state.store.read().await?;
    let file = tx
        .desk_attachment(id)
        .await?
        .filter(|a| a.request_id == request_id)
        .ok_or(AppError::NotFound)?;
    let request = tx
        .desk_request(request_id)
        .await?
        .ok_or(AppError::NotFound)?;
    // An internal note's files are the desk's: a customer never sees them.
    let on_note = match file.message_id {
        Some(m) => tx
            .desk_messages(request_id)
            .await?
            .iter()
            .any(|msg| msg.id == m && !msg.public),
        None => false,
    };
    drop(tx);
    let staff = viewer.role().is_staff();
    let owner = request.account_id == Some(viewer.account.id) && !on_note;
    if !staff && !owner {
        return Err(AppError::NotFound);
    }
    let bytes = state
        .files
        .get(&attachments::key(&file.file_name)?)
        .await
        .map_err(|e| AppError::Internal(e.into()))?
        .ok_or_else(|| AppError::Internal(anyhow::anyhow!("attachment {id}: its file is missing")))?
        .to_vec();
    if staff && !owner {
        super::console::audit_staff_view(state, meta, viewer, &request, &file).await?;
    }
    Ok((file, bytes))
}
