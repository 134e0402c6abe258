//! The desk's JSON API: the same use cases as the pages. A customer (or a signed-out
//! visitor) creates requests, lists and reads their own, and replies; an agent lists the
//! console's views, reads any request with its notes and history, and updates it.
use super::attachments::Upload;
use super::console::{self, AgentUpdate};
use super::conversation::{self, Replied};
use super::intake::{self, NewRequest, Requester};
use super::pages::parse_id;
use crate::auth::Viewer;
use crate::error::AppError;
use crate::state::AppState;
use crate::web::extract::{Complete, MaybeSignedIn};
use crate::web::json::{created, ok, ApiResult, Body, Query};
use crate::web::openapi::ErrorBody;
use crate::web::Ctx;
use axum::extract::{Path, State};
use axum::http::{header, HeaderMap};
use axum::response::IntoResponse;
use base64::Engine;
use keydesk_domain::helpdesk::answers::Submission;
use keydesk_domain::helpdesk::priority::Priority;
use keydesk_domain::helpdesk::status::Status;
use keydesk_domain::identity::email::Email;
use keydesk_domain::identity::stage::Stage;
use keydesk_store::models::{DeskAttachment, DeskEvent, DeskMessage, DeskRequest};
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;
use utoipa::{IntoParams, ToSchema};

/// An attachment in a JSON body.
#[derive(Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub(super) struct AttachmentInput {
    /// The file's name as the customer knows it.
    name: String,
    /// The form's file field it answers; none: a general attachment.
    #[serde(default)]
    field: Option<String>,
    /// The file, base64 (standard alphabet).
    content_base64: String,
}

fn uploads(inputs: Vec<AttachmentInput>) -> Result<Vec<Upload>, AppError> {
    inputs
        .into_iter()
        .map(|a| {
            let bytes = base64::engine::general_purpose::STANDARD
                .decode(a.content_base64.as_bytes())
                .map_err(|_| {
                    AppError::BadRequest(format!("attachment {:?} is not base64", a.name))
                })?;
            Ok(Upload {
                field: a.field,
                name: a.name,
                bytes,
            })
        })
        .collect()
}

/// A new request.
#[derive(Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub(super) struct CreateRequest {
    /// A category key of the request forms.
    category: String,
    #[serde(default)]
    subcategory: Option<String>,
    subject: String,
    description: String,
    /// The form's answers by field key: text, an option key, `YYYY-MM-DD`, or a boolean.
    #[serde(default)]
    #[schema(value_type = Object)]
    answers: BTreeMap<String, serde_json::Value>,
    /// Signed out only: the address to confirm and answer at.
    #[serde(default)]
    email: Option<String>,
    #[serde(default)]
    attachments: Vec<AttachmentInput>,
    /// Makes a retry find the request the first try made (or send `Idempotency-Key`).
    #[serde(default)]
    idempotency_key: Option<String>,
    /// The language of the customer's mails, `en` or `ja`; default: the request's.
    #[serde(default)]
    language: Option<String>,
}

#[derive(Serialize, ToSchema)]
pub(super) struct Created {
    number: i64,
    /// A visitor's request waits for the address to be confirmed (a mail is on its way).
    confirmed: bool,
    /// The same idempotency key came before: this is the request it made.
    repeated: bool,
}

fn answer_text(value: serde_json::Value) -> Result<String, AppError> {
    match value {
        serde_json::Value::String(s) => Ok(s),
        serde_json::Value::Bool(true) => Ok("true".into()),
        serde_json::Value::Bool(false) => Ok(String::new()),
        _ => Err(AppError::BadRequest(
            "an answer is a string or a boolean".into(),
        )),
    }
}

fn idempotency_key(headers: &HeaderMap, body: Option<String>) -> String {
    body.or_else(|| {
        headers
            .get("idempotency-key")
            .and_then(|v| v.to_str().ok())
            .map(str::to_owned)
    })
    .unwrap_or_else(keydesk_domain::identity::token::generate)
}

fn customer(viewer: &Option<std::sync::Arc<Viewer>>) -> Option<&Viewer> {
    viewer.as_deref().filter(|v| v.stage == Stage::Complete)
}

/// Submit a request. Signed in (complete session): as the account. Signed out: give an
/// `email`; the request reaches the agents once its address is confirmed by mail.
#[utoipa::path(
    post,
    path = "/api/v1/requests",
    tag = "desk",
    request_body = CreateRequest,
    params(("Idempotency-Key" = Option<String>, Header, description = "Instead of idempotency_key")),
    security((), ("bearerAuth" = []), ("cookieAuth" = [], "csrfToken" = [])),
    responses(
        (status = 201, description = "Received", body = Created),
        (status = 200, description = "The same submission again: the request it made", body = Created),
        (status = 404, description = "No such category", body = ErrorBody),
        (status = 413, description = "An attachment over the limit", body = ErrorBody),
        (status = 422, description = "The form has problems (`fields` lists them) or an attachment is refused", body = ErrorBody)
    )
)]
pub(super) async fn create(
    State(state): State<AppState>,
    ctx: Ctx,
    MaybeSignedIn(viewer): MaybeSignedIn,
    headers: HeaderMap,
    Body(body): Body<CreateRequest>,
) -> ApiResult {
    let lang = match body.language.as_deref() {
        None => ctx.lang(),
        Some(code) => keydesk_domain::identity::language::Language::from_code(code)
            .ok_or_else(|| AppError::BadRequest("language is en or ja".into()))?,
    };
    let requester = match customer(&viewer) {
        Some(v) => Requester::Customer(&v.account),
        None => Requester::Visitor(Email::parse(body.email.as_deref().unwrap_or_default())?),
    };
    let mut fields = BTreeMap::new();
    for (k, v) in body.answers {
        fields.insert(k, answer_text(v)?);
    }
    let new = NewRequest {
        category: body.category,
        submission: Submission {
            subject: body.subject,
            description: body.description,
            subcategory: body.subcategory,
            fields,
            files: Default::default(),
        },
        uploads: uploads(body.attachments)?,
        idempotency_key: idempotency_key(&headers, body.idempotency_key),
        lang,
        strict: true,
        follow_up_of: None,
    };
    let received = intake::submit(&state, &ctx.meta, requester, new).await?;
    let out = Created {
        number: received.number,
        confirmed: received.confirmed,
        repeated: received.repeated,
    };
    if received.repeated {
        ok(out)
    } else {
        created(out)
    }
}

#[derive(Serialize, ToSchema)]
pub(super) struct AttachmentJson {
    id: i64,
    name: String,
    content_type: String,
    size: i64,
}

#[derive(Serialize, ToSchema)]
pub(super) struct MessageJson {
    id: i64,
    /// `customer`, `agent` or `system`.
    author: String,
    /// Staff only: false for an internal note.
    public: bool,
    body: String,
    created_at: i64,
    attachments: Vec<AttachmentJson>,
}

#[derive(Serialize, ToSchema)]
pub(super) struct RequestJson {
    number: i64,
    /// For the customer: `unconfirmed`, `open`, `awaiting_reply`, `solved`, `closed`.
    /// For staff: `new`, `open`, `pending`, `on_hold`, `solved`, `closed`.
    status: String,
    category: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    #[schema(nullable = false)]
    subcategory: Option<String>,
    subject: String,
    /// The form's answers by field key (option keys, not labels).
    #[schema(value_type = Object)]
    answers: serde_json::Value,
    created_at: i64,
    updated_at: i64,
    #[serde(skip_serializing_if = "Option::is_none")]
    #[schema(nullable = false)]
    follow_up_of: Option<i64>,
    /// Staff only.
    #[serde(skip_serializing_if = "Option::is_none")]
    #[schema(nullable = false)]
    priority: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    #[schema(nullable = false)]
    assignee_id: Option<i64>,
    /// Staff only: send it back with a change (a stale one is refused).
    #[serde(skip_serializing_if = "Option::is_none")]
    #[schema(nullable = false)]
    version: Option<i64>,
    #[serde(skip_serializing_if = "Option::is_none")]
    #[schema(nullable = false)]
    requester_email: Option<String>,
    /// Staff only: since when mail to the requester comes back undelivered.
    #[serde(skip_serializing_if = "Option::is_none")]
    #[schema(nullable = false)]
    email_failing_since: Option<i64>,
    /// Staff only: the SLA clock due first, while one runs (`first_reply`,
    /// `next_reply`, `resolution`) and its deadline.
    #[serde(skip_serializing_if = "Option::is_none")]
    #[schema(nullable = false)]
    sla_due_metric: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    #[schema(nullable = false)]
    sla_due_at: Option<i64>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    messages: Vec<MessageJson>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    #[schema(value_type = Vec<Object>)]
    history: Vec<DeskEvent>,
}

fn summary(r: &DeskRequest, staff: bool) -> RequestJson {
    RequestJson {
        number: r.id,
        status: if staff {
            r.status.as_str().to_owned()
        } else {
            r.status.customer_view(r.confirmed).as_str().to_owned()
        },
        category: r.category.clone(),
        subcategory: r.subcategory.clone(),
        subject: r.subject.clone(),
        answers: serde_json::from_str(&r.answers).unwrap_or_default(),
        created_at: r.created_at,
        updated_at: r.updated_at,
        follow_up_of: r.follow_up_of,
        priority: staff.then(|| r.priority.as_str().to_owned()),
        assignee_id: if staff { r.assignee_id } else { None },
        version: staff.then_some(r.version),
        requester_email: staff.then(|| r.email.clone()),
        email_failing_since: r.email_failing_since.filter(|_| staff),
        sla_due_metric: r.sla_due_metric.clone().filter(|_| staff),
        sla_due_at: r.sla_due_at.filter(|_| staff),
        messages: Vec::new(),
        history: Vec::new(),
    }
}

fn messages(messages: Vec<DeskMessage>, files: &[DeskAttachment]) -> Vec<MessageJson> {
    messages
        .into_iter()
        .map(|m| MessageJson {
            attachments: files
                .iter()
                .filter(|a| a.message_id == Some(m.id))
                .map(|a| AttachmentJson {
                    id: a.id,
                    name: a.original_name.clone(),
                    content_type: a.content_type.clone(),
                    size: a.size,
                })
                .collect(),
            id: m.id,
            author: m.author.as_str().to_owned(),
            public: m.public,
            body: m.body,
            created_at: m.created_at,
        })
        .collect()
}

#[derive(Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub(super) struct ListQuery {
    /// Staff: `unassigned` (default), `mine`, `open`, `pending`, `solved` or
    /// `category:<key>`.
    #[serde(default)]
    pub view: Option<String>,
    /// Staff: `updated` (newest first, default), `oldest`, or `sla` (requests with an
    /// SLA clock running, the one due first first).
    #[serde(default)]
    pub sort: Option<String>,
    /// Staff: the `next` of the page before.
    #[serde(default)]
    pub after: Option<String>,
    /// Search: requests holding this text (subject, form answers, messages; Japanese
    /// included), the best first, at most 50 — a customer's own only, without notes.
    /// The view and paging are then not used.
    #[serde(default)]
    pub q: Option<String>,
    /// Search filter: a status — staff: `new`, `open`, `pending`, `on_hold`, `solved`,
    /// `closed`; a customer: the statuses they are shown (`open`, `awaiting_reply`,
    /// `solved`, `closed`). A filter without `q` is refused.
    #[serde(default)]
    pub status: Option<String>,
    /// Search filter: a category key.
    #[serde(default)]
    pub category: Option<String>,
    /// Search filter (staff): `nobody`, `me` or an agent's account id.
    #[serde(default)]
    pub assignee: Option<String>,
    /// Search filter: created on or after this day (`YYYY-MM-DD`, the reader's zone).
    #[serde(default)]
    pub from: Option<String>,
    /// Search filter: created on or before this day.
    #[serde(default)]
    pub to: Option<String>,
}

impl ListQuery {
    /// The search asked for, if any.
    pub fn search(&self) -> Option<super::search::Asked> {
        let text = self.q.as_deref().unwrap_or("").trim();
        // A filter without a text is still a search, refused as one (not a view that
        // silently drops the filter).
        let filtered = [
            &self.status,
            &self.category,
            &self.assignee,
            &self.from,
            &self.to,
        ]
        .iter()
        .any(|f| f.as_deref().is_some_and(|f| !f.trim().is_empty()));
        (!text.is_empty() || filtered).then(|| super::search::Asked {
            text: text.to_owned(),
            status: self.status.clone(),
            category: self.category.clone(),
            assignee: self.assignee.clone(),
            from: self.from.clone(),
            to: self.to.clone(),
        })
    }
}

#[derive(Serialize, ToSchema)]
pub(super) struct RequestList {
    requests: Vec<RequestJson>,
    /// Where the next page starts (staff); none: the last page.
    #[serde(skip_serializing_if = "Option::is_none")]
    #[schema(nullable = false)]
    next: Option<String>,
}

/// A customer's own requests, newest first; for staff, a console view, paged. With `q`,
/// a search (the customer's own requests only, for a customer).
#[utoipa::path(
    get,
    path = "/api/v1/requests",
    tag = "desk",
    params(ListQuery),
    security(("bearerAuth" = []), ("cookieAuth" = [], "csrfToken" = [])),
    responses((status = 200, description = "The requests", body = RequestList))
)]
pub(super) async fn list(
    State(state): State<AppState>,
    Complete(viewer): Complete,
    Query(q): Query<ListQuery>,
) -> ApiResult {
    if let Some(asked) = q.search() {
        let zone = keydesk_domain::identity::time_zone::TimeZone::of(
            viewer.account.time_zone,
            viewer.lang(),
        );
        let found = super::search::search(&state, &viewer, zone, &asked).await?;
        let staff = viewer.role().is_staff();
        return ok(RequestList {
            requests: found.iter().map(|r| summary(r, staff)).collect(),
            next: None,
        });
    }
    if !viewer.role().is_staff() {
        let requests = conversation::my_requests(&state, &viewer).await?;
        return ok(RequestList {
            requests: requests.iter().map(|r| summary(r, false)).collect(),
            next: None,
        });
    }
    let (view, sort, cursor) = super::agent::page_of(&q)?;
    let page = console::list(&state, &viewer, &view, sort, cursor).await?;
    ok(RequestList {
        requests: page.requests.iter().map(|r| summary(r, true)).collect(),
        next: page.next,
    })
}

/// One request with its conversation: the customer's own (without internal notes), or
/// any for staff, with notes and history.
#[utoipa::path(
    get,
    path = "/api/v1/requests/{number}",
    tag = "desk",
    params(("number" = i64, Path, description = "The request's number")),
    security(("bearerAuth" = []), ("cookieAuth" = [], "csrfToken" = [])),
    responses(
        (status = 200, description = "The request", body = RequestJson),
        (status = 404, description = "No such request of yours", body = ErrorBody)
    )
)]
pub(super) async fn read(
    State(state): State<AppState>,
    Complete(viewer): Complete,
    Path(number): Path<String>,
) -> ApiResult {
    let id = parse_id(&number)?;
    if viewer.role().is_staff() {
        let v = console::view(&state, id).await?;
        let mut out = summary(&v.request, true);
        out.messages = messages(v.messages, &v.attachments);
        out.history = v.history;
        return ok(out);
    }
    let v = conversation::view(&state, &viewer, id).await?;
    let mut out = summary(&v.request, false);
    out.messages = messages(v.messages, &v.attachments);
    ok(out)
}

#[derive(Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub(super) struct ReplyInput {
    #[serde(default)]
    body: String,
    #[serde(default)]
    attachments: Vec<AttachmentInput>,
    /// A closed request's reply makes a follow-up: the key keeps a retry from making two.
    #[serde(default)]
    idempotency_key: Option<String>,
}

#[derive(Serialize, ToSchema)]
pub(super) struct ReplyResult {
    /// The request the reply is in: this one, or the follow-up of a closed one.
    number: i64,
    follow_up: bool,
}

/// The customer's reply: a pending or solved request opens again; a closed one gets a
/// follow-up request.
#[utoipa::path(
    post,
    path = "/api/v1/requests/{number}/replies",
    tag = "desk",
    params(("number" = i64, Path, description = "The request's number")),
    request_body = ReplyInput,
    security(("bearerAuth" = []), ("cookieAuth" = [], "csrfToken" = [])),
    responses(
        (status = 201, description = "Added", body = ReplyResult),
        (status = 404, description = "No such request of yours", body = ErrorBody),
        (status = 422, description = "Empty, or an attachment refused", body = ErrorBody)
    )
)]
pub(super) async fn reply(
    State(state): State<AppState>,
    ctx: Ctx,
    Complete(viewer): Complete,
    Path(number): Path<String>,
    Body(body): Body<ReplyInput>,
) -> ApiResult {
    let id = parse_id(&number)?;
    let files = uploads(body.attachments)?;
    let replied = conversation::reply(
        &state,
        &ctx.meta,
        &viewer,
        id,
        &body.body,
        files,
        body.idempotency_key,
    )
    .await?;
    created(match replied {
        Replied::Added(_) => ReplyResult {
            number: id,
            follow_up: false,
        },
        Replied::FollowUp(n) => ReplyResult {
            number: n,
            follow_up: true,
        },
    })
}

#[derive(Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub(super) struct UpdateInput {
    /// The `version` of the request as read: a change to a request changed since is
    /// refused (409, with `changes`).
    version: i64,
    /// A reply or note to add.
    #[serde(default)]
    body: Option<String>,
    /// The body is a public reply (mailed to the customer) unless false: an internal note.
    #[serde(default)]
    public: Option<bool>,
    #[serde(default)]
    macro_id: Option<i64>,
    /// `open`, `pending`, `on_hold` or `solved`.
    #[serde(default)]
    status: Option<String>,
    /// `low`, `normal`, `high` or `urgent`.
    #[serde(default)]
    priority: Option<String>,
    /// An agent's account id; 0: nobody.
    #[serde(default)]
    assignee_id: Option<i64>,
    #[serde(default)]
    category: Option<String>,
    #[serde(default)]
    attachments: Vec<AttachmentInput>,
}

/// An agent's change: reply or note, status, priority, assignee and category in one.
#[utoipa::path(
    patch,
    path = "/api/v1/requests/{number}",
    tag = "desk",
    params(("number" = i64, Path, description = "The request's number")),
    request_body = UpdateInput,
    security(("bearerAuth" = []), ("cookieAuth" = [], "csrfToken" = [])),
    responses(
        (status = 200, description = "The request as saved", body = RequestJson),
        (status = 403, description = "Not staff", body = ErrorBody),
        (status = 404, description = "No such request", body = ErrorBody),
        (status = 409, description = "Changed since read (`changes` says what), or closed", body = ErrorBody),
        (status = 422, description = "A value that is not allowed", body = ErrorBody)
    )
)]
pub(super) async fn update(
    State(state): State<AppState>,
    ctx: Ctx,
    crate::web::extract::Staff(agent): crate::web::extract::Staff,
    Path(number): Path<String>,
    Body(body): Body<UpdateInput>,
) -> ApiResult {
    let id = parse_id(&number)?;
    let status = console::chosen(body.status.as_deref(), "status", Status::parse)?;
    let priority = console::chosen(body.priority.as_deref(), "priority", Priority::parse)?;
    let update = AgentUpdate {
        seen_version: body.version,
        body: body.body.unwrap_or_default(),
        public: body.public.unwrap_or(true),
        macro_id: body.macro_id,
        status,
        priority,
        assignee: body.assignee_id.map(|a| (a != 0).then_some(a)),
        category: body.category,
        uploads: uploads(body.attachments)?,
    };
    let saved = console::update(&state, &ctx.meta, &agent, id, update).await?;
    ok(summary(&saved, true))
}

/// An attachment's bytes: for the requester, or staff (every staff view is audited).
#[utoipa::path(
    get,
    path = "/api/v1/requests/{number}/attachments/{id}",
    tag = "desk",
    params(
        ("number" = i64, Path, description = "The request's number"),
        ("id" = i64, Path, description = "The attachment's id")
    ),
    security(("bearerAuth" = []), ("cookieAuth" = [], "csrfToken" = [])),
    responses(
        (status = 200, description = "The file", content_type = "application/octet-stream", body = Vec<u8>),
        (status = 404, description = "No such attachment of yours", body = ErrorBody)
    )
)]
pub(super) async fn attachment(
    State(state): State<AppState>,
    ctx: Ctx,
    Complete(viewer): Complete,
    Path((number, id)): Path<(String, String)>,
) -> ApiResult {
    let (request, id) = (parse_id(&number)?, parse_id(&id)?);
    let (file, bytes) = conversation::attachment(&state, &ctx.meta, &viewer, request, id).await?;
    Ok((
        [
            (header::CONTENT_TYPE, file.content_type),
            (header::CACHE_CONTROL, "private, no-store".to_owned()),
        ],
        bytes,
    )
        .into_response())
}

#[derive(Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub(super) struct ReportQuery {
    /// The ratings given in the last this many days (1–366, default 30).
    #[serde(default)]
    days: Option<i64>,
}

/// One line of the satisfaction report.
#[derive(Serialize, ToSchema)]
pub(super) struct ReportLineJson {
    /// The agent's e-mail; empty: requests solved without an assignee.
    agent: String,
    /// The category's key; empty: the agent's total over every category.
    category: String,
    good: i64,
    bad: i64,
    /// Good as a share of all, in whole percent.
    percent_good: i64,
}

#[derive(Serialize, ToSchema)]
pub(super) struct Report {
    days: i64,
    /// Per agent: the total first, then each category.
    lines: Vec<ReportLineJson>,
}

/// The satisfaction ratings per agent and category, as the console's report shows them.
#[utoipa::path(
    get,
    path = "/api/v1/reports/satisfaction",
    tag = "desk",
    params(ReportQuery),
    security(("bearerAuth" = []), ("cookieAuth" = [], "csrfToken" = [])),
    responses(
        (status = 200, description = "The report", body = Report),
        (status = 403, description = "Not staff", body = ErrorBody),
        (status = 422, description = "days is not 1–366", body = ErrorBody)
    )
)]
pub(super) async fn satisfaction(
    State(state): State<AppState>,
    crate::web::extract::Staff(_agent): crate::web::extract::Staff,
    Query(q): Query<ReportQuery>,
) -> ApiResult {
    let days = q.days.unwrap_or(30);
    if !(1..=366).contains(&days) {
        return Err(AppError::BadRequest("days is 1 to 366".into()));
    }
    let lines = super::rating::report(&state, days).await?;
    ok(Report {
        days,
        lines: lines
            .into_iter()
            .map(|l| ReportLineJson {
                percent_good: l.percent_good(),
                agent: l.agent,
                category: l.category,
                good: l.good,
                bad: l.bad,
            })
            .collect(),
    })
}
