//! The customer's pages: "Submit a request" (pick the issue, fill its form), the page that
//! says it was received (or, signed out, that a confirmation mail is on its way), the
//! confirmation, "My requests" and one request with its conversation and the reply form.
use super::conversation::{self, Replied};
use super::form::{self, SentForm};
use super::intake::{self, NewRequest, Received, Requester};
use super::present::{self, FieldView};
use crate::error::{AppError, DeskError};
use crate::state::AppState;
use crate::web::extract::{Complete, MaybeSignedIn};
use crate::web::json::Query;
use crate::web::{html, html_status, Ctx, FormError, PageCtx, PageResult};
use askama::Template;
use axum::extract::multipart::MultipartRejection;
use axum::extract::{Multipart, Path, State};
use axum::http::header;
use axum::response::{IntoResponse, Redirect};
use keydesk_domain::helpdesk::answers::{FieldError, Submission};
use keydesk_domain::helpdesk::catalog::Category;
use keydesk_domain::helpdesk::status::CustomerStatus;
use keydesk_domain::identity::email::Email;
use keydesk_domain::identity::stage::Stage;
use keydesk_store::models::{DeskAttachment, DeskMessage, DeskRequest};
use serde::Deserialize;
use std::collections::BTreeMap;

pub(crate) fn parse_id(raw: &str) -> Result<i64, AppError> {
    raw.trim_start_matches('#')
        .parse::<i64>()
        .ok()
        .filter(|n| *n > 0)
        .ok_or(AppError::NotFound)
}

#[derive(Template)]
#[template(path = "desk/new.html")]
struct CategoriesPage {
    p: PageCtx,
    /// (key, label, help)
    categories: Vec<(String, String, String)>,
}

pub(super) async fn categories(
    State(state): State<AppState>,
    ctx: Ctx,
    _: MaybeSignedIn,
) -> PageResult {
    let lang = ctx.lang();
    let catalog = state.categories.current();
    let categories = catalog
        .categories
        .iter()
        .map(|c| {
            (
                c.key.clone(),
                c.label.get(lang).to_owned(),
                c.help
                    .as_ref()
                    .map(|h| h.get(lang).to_owned())
                    .unwrap_or_default(),
            )
        })
        .collect();
    Ok(html(CategoriesPage {
        p: PageCtx::new(&state, &ctx),
        categories,
    }))
}

#[derive(Template)]
#[template(path = "desk/form.html")]
struct FormPage {
    p: PageCtx,
    category_key: String,
    category_label: String,
    category_help: String,
    /// (key, label, chosen)
    subcategories: Vec<(String, String, bool)>,
    fields: Vec<FieldView>,
    /// Signed out: the visitor gives an address.
    visitor: bool,
    email: String,
    subject: String,
    description: String,
    idempotency_key: String,
    /// Errors by field (`subject`, `description`, `subcategory`, `email`, a field's key).
    errors: BTreeMap<String, String>,
    error: Option<FormError>,
    max_files: usize,
    max_mb: usize,
    /// The form came back with an error after files were chosen: they must be chosen
    /// again (a browser never refills a file input).
    files_dropped: bool,
}

impl FormPage {
    fn attachments_help(&self) -> String {
        self.p.i18n_args(
            "desk-attachments-help",
            &[
                ("max", self.max_files.to_string()),
                ("mb", self.max_mb.to_string()),
            ],
        )
    }

    fn err(&self, field: &str) -> String {
        self.errors.get(field).cloned().unwrap_or_default()
    }
}

/// Whether the viewer submits as a customer (signed in and past every step).
fn customer(ctx: &Ctx) -> Option<std::sync::Arc<crate::auth::Viewer>> {
    ctx.viewer.clone().filter(|v| v.stage == Stage::Complete)
}

fn form_page(
    state: &AppState,
    ctx: &Ctx,
    category: &Category,
    sent: Option<&SentForm>,
    errors: BTreeMap<String, String>,
    error: Option<FormError>,
) -> FormPage {
    let error_after_files = error.as_ref().is_some_and(|e| e.field == "attachments");
    let p = PageCtx::new(state, ctx);
    let lang = ctx.lang();
    let answers = sent.map(SentForm::answers).unwrap_or_default();
    let text = |name: &str| sent.map(|s| s.text(name)).unwrap_or_default();
    let chosen_sub = text("subcategory");
    let only_if = |target: &str, value: &str| {
        if target.is_empty() {
            p.t1("desk-only-if-subcategory", "value", value)
        } else {
            state.i18n.t_args(
                lang,
                "desk-only-if",
                &[("field", target.into()), ("value", value.into())],
            )
        }
    };
    let fields = present::fields(category, lang, &answers, &errors, &only_if);
    let idempotency_key = sent
        .map(|s| s.text("idempotency_key"))
        .filter(|k| !k.is_empty())
        .unwrap_or_else(keydesk_domain::identity::token::generate);
    FormPage {
        category_key: category.key.clone(),
        category_label: category.label.get(lang).to_owned(),
        category_help: category
            .help
            .as_ref()
            .map(|h| h.get(lang).to_owned())
            .unwrap_or_default(),
        subcategories: category
            .subcategories
            .iter()
            .map(|s| {
                (
                    s.key.clone(),
                    s.label.get(lang).to_owned(),
                    s.key == chosen_sub,
                )
            })
            .collect(),
        fields,
        visitor: customer(ctx).is_none(),
        email: text("email"),
        subject: text("subject"),
        description: text("description"),
        idempotency_key,
        errors,
        error,
        max_files: state.settings.desk.max_attachments,
        max_mb: state.settings.desk.max_attachment_mb,
        files_dropped: sent.is_some_and(|s| !s.uploads.is_empty()) || error_after_files,
        p,
    }
}

pub(super) async fn form(
    State(state): State<AppState>,
    ctx: Ctx,
    Path(key): Path<String>,
) -> PageResult {
    let catalog = state.categories.current();
    let category = catalog.category(&key).ok_or(DeskError::UnknownCategory)?;
    Ok(html(form_page(
        &state,
        &ctx,
        category,
        None,
        BTreeMap::new(),
        None,
    )))
}

/// The messages of a form's problems, by field, in the customer's language.
fn field_errors(state: &AppState, ctx: &Ctx, errors: &[FieldError]) -> BTreeMap<String, String> {
    let lang = ctx.lang();
    errors
        .iter()
        .map(|e| {
            let message = match e.problem {
                keydesk_domain::helpdesk::answers::Problem::TooLong { max } => state.i18n.t_args(
                    lang,
                    "desk-problem-too_long",
                    &[("max", (max as i64).into())],
                ),
                p => state.i18n.t(lang, &format!("desk-problem-{}", p.code())),
            };
            (e.field.clone(), message)
        })
        .collect()
}

#[derive(Template)]
#[template(path = "desk/received.html")]
struct ReceivedPage {
    p: PageCtx,
    number: i64,
    confirmed: bool,
}

pub(super) async fn submit(
    State(state): State<AppState>,
    ctx: Ctx,
    Path(key): Path<String>,
    multipart: Result<Multipart, MultipartRejection>,
) -> PageResult {
    let catalog = state.categories.current();
    let category = catalog.category(&key).ok_or(DeskError::UnknownCategory)?;
    let sent = match form::read_all(multipart, &state.settings.desk).await {
        Ok((sent, None)) => sent,
        Ok((sent, Some(e))) => {
            let error = FormError::from_app(&state, &ctx, &e);
            let page = form_page(
                &state,
                &ctx,
                category,
                Some(&sent),
                BTreeMap::new(),
                Some(error),
            );
            return Ok(html_status(e.status(), page));
        }
        Err(e) => {
            let error = FormError::from_app(&state, &ctx, &e);
            let page = form_page(&state, &ctx, category, None, BTreeMap::new(), Some(error));
            return Ok(html_status(e.status(), page));
        }
    };
    let viewer = customer(&ctx);
    let result = async {
        let requester = match &viewer {
            Some(v) => Requester::Customer(&v.account),
            None => Requester::Visitor(Email::parse(&sent.text("email")).map_err(|_| {
                DeskError::Form(vec![FieldError {
                    field: "email".into(),
                    problem: keydesk_domain::helpdesk::answers::Problem::NotAnEmail,
                }])
            })?),
        };
        let new = NewRequest {
            category: key.clone(),
            submission: Submission {
                subject: sent.text("subject"),
                description: sent.text("description"),
                subcategory: Some(sent.text("subcategory")),
                fields: sent.answers(),
                files: Default::default(),
            },
            uploads: sent.uploads.clone(),
            idempotency_key: sent.text("idempotency_key"),
            lang: ctx.lang(),
            strict: false,
            follow_up_of: None,
        };
        intake::submit(&state, &ctx.meta, requester, new).await
    }
    .await;
    match result {
        Ok(Received {
            number,
            confirmed: true,
            ..
        }) if viewer.is_some() => {
            Ok(Redirect::to(&format!("/requests/{number}?received=1")).into_response())
        }
        Ok(Received {
            number, confirmed, ..
        }) => Ok(html(ReceivedPage {
            p: PageCtx::new(&state, &ctx),
            number,
            confirmed,
        })),
        Err(AppError::Desk(DeskError::Form(errors))) => {
            let errors = field_errors(&state, &ctx, &errors);
            let error = FormError {
                message: state.i18n.t(ctx.lang(), "error-desk_form_invalid"),
                field: "",
            };
            let page = form_page(&state, &ctx, category, Some(&sent), errors, Some(error));
            Ok(html_status(
                axum::http::StatusCode::UNPROCESSABLE_ENTITY,
                page,
            ))
        }
        Err(e)
            if e.status().is_client_error()
                && !matches!(e, AppError::Throttled { .. } | AppError::Locked { .. }) =>
        {
            let error = FormError::from_app(&state, &ctx, &e);
            let page = form_page(
                &state,
                &ctx,
                category,
                Some(&sent),
                BTreeMap::new(),
                Some(error),
            );
            Ok(html_status(e.status(), page))
        }
        Err(e) => Err(e),
    }
}

#[derive(Deserialize)]
pub(super) struct TokenQuery {
    #[serde(default)]
    token: String,
}

#[derive(Template)]
#[template(path = "desk/confirm.html")]
struct ConfirmPage {
    p: PageCtx,
    token: String,
}

/// The link in the mail opens this page; only its button confirms (a mail scanner that
/// follows links confirms nothing).
pub(super) async fn confirm_page(
    State(state): State<AppState>,
    ctx: Ctx,
    Query(q): Query<TokenQuery>,
) -> PageResult {
    if !keydesk_domain::identity::token::looks_valid(&q.token) {
        return Err(DeskError::ConfirmLink.into());
    }
    Ok(html(ConfirmPage {
        p: PageCtx::new(&state, &ctx),
        token: q.token,
    }))
}

#[derive(Deserialize)]
pub(super) struct ConfirmForm {
    token: String,
}

pub(super) async fn confirm(
    State(state): State<AppState>,
    ctx: Ctx,
    crate::web::form::Form(f): crate::web::form::Form<ConfirmForm>,
) -> PageResult {
    let number = intake::confirm(&state, &ctx.meta, &f.token).await?;
    Ok(html(ReceivedPage {
        p: PageCtx::new(&state, &ctx),
        number,
        confirmed: true,
    }))
}

/// A request in a customer's list.
pub(super) struct Row {
    pub number: i64,
    pub subject: String,
    pub category: String,
    pub status: &'static str,
    pub updated_at: i64,
}

#[derive(Template)]
#[template(path = "desk/mine.html")]
struct MinePage {
    p: PageCtx,
    rows: Vec<Row>,
}

pub(super) async fn mine(
    State(state): State<AppState>,
    ctx: Ctx,
    Complete(viewer): Complete,
) -> PageResult {
    let catalog = state.categories.current();
    let lang = ctx.lang();
    let rows = conversation::my_requests(&state, &viewer)
        .await?
        .into_iter()
        .map(|r| Row {
            number: r.id,
            category: present::category_label(&catalog, &r, lang),
            status: r.status.customer_view(r.confirmed).as_str(),
            updated_at: r.updated_at,
            subject: r.subject,
        })
        .collect();
    Ok(html(MinePage {
        p: PageCtx::new(&state, &ctx),
        rows,
    }))
}

#[derive(Template)]
#[template(path = "desk/request.html")]
struct RequestPage {
    p: PageCtx,
    request: DeskRequest,
    status: CustomerStatus,
    category: String,
    subcategory: String,
    answers: Vec<(String, String)>,
    messages: Vec<DeskMessage>,
    attachments: Vec<DeskAttachment>,
    received: bool,
    idempotency_key: String,
    error: Option<FormError>,
    /// While solved: the page that rates this solve.
    rating_url: Option<String>,
}

impl RequestPage {
    fn files_of(&self, message: &i64) -> Vec<&DeskAttachment> {
        self.attachments
            .iter()
            .filter(|a| a.message_id == Some(*message))
            .collect()
    }

    fn size(&self, bytes: &i64) -> String {
        if *bytes >= 1024 * 1024 {
            format!("{:.1} MB", *bytes as f64 / 1_048_576.0)
        } else {
            format!("{} KB", (*bytes + 1023) / 1024)
        }
    }
}

#[derive(Deserialize)]
pub(super) struct RequestQuery {
    #[serde(default)]
    received: Option<String>,
}

async fn request_page(
    state: &AppState,
    ctx: &Ctx,
    viewer: &crate::auth::Viewer,
    id: i64,
    received: bool,
    error: Option<FormError>,
) -> Result<RequestPage, AppError> {
    let view = conversation::view(state, viewer, id).await?;
    let catalog = state.categories.current();
    let lang = ctx.lang();
    let p = PageCtx::new(state, ctx);
    let yes_no = (p.t("desk-yes"), p.t("desk-no"));
    let rating_url = (view.request.status == keydesk_domain::helpdesk::status::Status::Solved)
        .then(|| super::rating::url(state, &view.request, None));
    Ok(RequestPage {
        rating_url,
        status: view.request.status.customer_view(view.request.confirmed),
        category: present::category_label(&catalog, &view.request, lang),
        subcategory: present::subcategory_label(&catalog, &view.request, lang),
        answers: present::answers(&catalog, &view.request, lang, (&yes_no.0, &yes_no.1)),
        request: view.request,
        messages: view.messages,
        attachments: view.attachments,
        received,
        idempotency_key: keydesk_domain::identity::token::generate(),
        error,
        p,
    })
}

pub(super) async fn request(
    State(state): State<AppState>,
    ctx: Ctx,
    Complete(viewer): Complete,
    Path(id): Path<String>,
    Query(q): Query<RequestQuery>,
) -> PageResult {
    let id = parse_id(&id)?;
    let page = request_page(&state, &ctx, &viewer, id, q.received.is_some(), None).await?;
    Ok(html(page))
}

pub(super) async fn reply(
    State(state): State<AppState>,
    ctx: Ctx,
    Complete(viewer): Complete,
    Path(id): Path<String>,
    multipart: Result<Multipart, MultipartRejection>,
) -> PageResult {
    let id = parse_id(&id)?;
    let result = match form::read(multipart, &state.settings.desk).await {
        Ok(sent) => {
            let key = Some(sent.text("idempotency_key")).filter(|k| !k.is_empty());
            conversation::reply(
                &state,
                &ctx.meta,
                &viewer,
                id,
                &sent.text("body"),
                sent.uploads,
                key,
            )
            .await
        }
        Err(e) => Err(e),
    };
    match result {
        Ok(Replied::Added(message)) => {
            Ok(Redirect::to(&format!("/requests/{id}#message-{message}")).into_response())
        }
        Ok(Replied::FollowUp(number)) => {
            Ok(Redirect::to(&format!("/requests/{number}?received=1")).into_response())
        }
        Err(e) if e.status().is_client_error() && !matches!(e, AppError::NotFound) => {
            let error = FormError::from_app(&state, &ctx, &e);
            let page = request_page(&state, &ctx, &viewer, id, false, Some(error)).await?;
            Ok(html_status(e.status(), page))
        }
        Err(e) => Err(e),
    }
}

pub(super) async fn attachment(
    State(state): State<AppState>,
    ctx: Ctx,
    Complete(viewer): Complete,
    Path((request, id)): Path<(String, String)>,
) -> PageResult {
    let (request, id) = (parse_id(&request)?, parse_id(&id)?);
    let (file, bytes) = conversation::attachment(&state, &ctx.meta, &viewer, request, id).await?;
    // Shown inline only as what it is; never cached by anyone but the browser asking.
    let disposition = format!(
        "attachment; filename=\"attachment.{}\"; filename*=UTF-8''{}",
        if file.content_type == "application/pdf" {
            "pdf"
        } else {
            "jpg"
        },
        url::form_urlencoded::byte_serialize(file.original_name.as_bytes()).collect::<String>()
    );
    Ok((
        [
            (header::CONTENT_TYPE, file.content_type.clone()),
            (header::CACHE_CONTROL, "private, no-store".to_owned()),
            (header::CONTENT_DISPOSITION, disposition),
            (header::X_CONTENT_TYPE_OPTIONS, "nosniff".to_owned()),
        ],
        bytes,
    )
        .into_response())
}
