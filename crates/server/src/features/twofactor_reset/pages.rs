//! The customer's pages: "Lost your authenticator?" (what the memo must say, the photo
//! in plain words, the form for the way that applies, and where the case stands), the
//! instant pre-check of each image, the "this wasn't me" page a link opens, the stop
//! button of the in-app notice, and an image for its owner and staff.
use super::memo::Memo;
use super::notify::reason_text;
use super::submit::{self, Outcome, Sent};
use super::way::{self, Way};
use crate::auth::Viewer;
use crate::error::{AppError, ResetError};
use crate::features::photos::pages::{fix_messages, outcome_json};
use crate::features::photos::service as photos;
use crate::features::photos::upload::PhotoBody;
use crate::features::verification::facts as verification_facts;
use crate::features::verification::pages::{form_error, unreadable};
use crate::state::AppState;
use crate::web::extract::{Complete, MaybeSignedIn, Recovering};
use crate::web::form::Form;
use crate::web::json::Query;
use crate::web::render::ForScript;
use crate::web::{error_message, home_for, html, html_status, Ctx, PageCtx, PageResult};
use askama::Template;
use axum::extract::multipart::MultipartRejection;
use axum::extract::{Multipart, Path, State};
use axum::http::{header, StatusCode};
use axum::response::{IntoResponse, Redirect, Response};
use axum::Json;
use keydesk_domain::identity::stage::Stage;
use keydesk_domain::twofactor_reset::case::ResetStatus;
use keydesk_domain::twofactor_reset::facts_match::FactsAnswers;
use keydesk_domain::twofactor_reset::image::ResetImageKind;
use keydesk_domain::verification::facts::Occupation;
use keydesk_store::models::TwofactorReset;
use serde::Deserialize;

#[derive(Template)]
#[template(path = "twofactor_reset/lost.html")]
struct LostPage {
    p: PageCtx,
    /// `selfie`, `facts` or `support`.
    way: &'static str,
    /// The case's status (`none` before one is opened).
    status: &'static str,
    attempt: u32,
    reasons: Vec<String>,
    retryable: bool,
    delay_ends_at: Option<i64>,
    request: Option<i64>,
    /// A form to fill now (no case under way, or a refusal to fix).
    may_send: bool,
    memo: Memo,
    address_side_needed: bool,
    occupations: Vec<&'static str>,
    /// Per image kind: what to fix.
    findings: Vec<(&'static str, Vec<(String, &'static str)>)>,
    may_send_anyway: bool,
    facts: FactsForm,
    notice: Option<(String, &'static str)>,
    delay_hours: i64,
}

impl LostPage {
    fn findings_of(&self, kind: &str) -> Vec<(String, &'static str)> {
        self.findings
            .iter()
            .find(|(k, _)| *k == kind)
            .map(|(_, f)| f.clone())
            .unwrap_or_default()
    }
}

#[derive(Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub(super) struct FactsForm {
    #[serde(default)]
    date_of_birth: String,
    #[serde(default)]
    address: String,
    #[serde(default)]
    phone: String,
    #[serde(default)]
    occupation: String,
}

#[derive(Deserialize)]
pub(super) struct PageQuery {
    #[serde(default)]
    done: Option<String>,
}

/// What the form shows after a send that came back.
#[derive(Default)]
struct Returned {
    findings: Vec<(&'static str, Vec<(String, &'static str)>)>,
    may_send_anyway: bool,
    facts: FactsForm,
    notice: Option<(String, &'static str)>,
}

async fn render(
    state: &AppState,
    ctx: &Ctx,
    viewer: &Viewer,
    status: StatusCode,
    returned: Returned,
) -> PageResult {
    let account = &viewer.account;
    let way = way::way_for(state, account).await?;
    let open: Option<TwofactorReset> = state
        .store
        .read()
        .await?
        .open_twofactor_reset(account.id)
        .await?;
    let facts = verification_facts::load(state, account.id).await?;
    let memo = Memo::for_viewer(viewer, facts.as_ref(), state.now());
    let lang = ctx.lang();
    let (case_status, reasons, retryable) = match &open {
        Some(c) => (
            c.case.status.as_str(),
            c.case
                .reasons
                .iter()
                .map(|r| reason_text(&state.i18n, lang, *r))
                .collect(),
            c.case.reasons.iter().all(|r| r.retryable()),
        ),
        None => ("none", Vec::new(), true),
    };
    let may_send = match &open {
        None => !matches!(way, Way::Support),
        Some(c) => {
            c.case.status == ResetStatus::Refused
                && retryable
                && c.case.path == keydesk_domain::twofactor_reset::case::ResetPath::Selfie
        }
    };
    let address_side_needed = matches!(&way, Way::Selfie(f) if f.address_side_needed);
    Ok(html_status(
        status,
        LostPage {
            p: PageCtx::new(state, ctx),
            way: way.name(),
            status: case_status,
            attempt: open.as_ref().map_or(0, |c| c.case.attempt),
            reasons,
            retryable,
            delay_ends_at: open.as_ref().and_then(|c| c.case.delay_ends_at),
            request: open.as_ref().and_then(|c| c.request_id),
            may_send,
            memo,
            address_side_needed,
            occupations: Occupation::ALL.iter().map(|o| o.as_str()).collect(),
            findings: returned.findings,
            may_send_anyway: returned.may_send_anyway,
            facts: returned.facts,
            notice: returned.notice,
            delay_hours: state.settings.twofactor_reset.delay_hours,
        },
    ))
}

/// Only a session whose password is proven and second factor is not asks for a reset;
/// any other visitor goes where they belong.
pub(super) async fn page(
    State(state): State<AppState>,
    ctx: Ctx,
    MaybeSignedIn(viewer): MaybeSignedIn,
    Query(q): Query<PageQuery>,
) -> PageResult {
    let Some(viewer) = viewer.filter(|v| v.stage == Stage::SecondFactor) else {
        return Ok(Redirect::to(home_for(ctx.viewer.as_deref())).into_response());
    };
    let lang = ctx.lang();
    let notice = q.done.as_deref().and_then(|d| match d {
        "sent" => Some((state.i18n.t(lang, "reset-sent"), "ok")),
        "facts" => Some((state.i18n.t(lang, "reset-facts-matched"), "ok")),
        _ => None,
    });
    let returned = Returned {
        notice,
        ..Returned::default()
    };
    render(&state, &ctx, &viewer, StatusCode::OK, returned).await
}

#[derive(Deserialize)]
pub(super) struct CheckQuery {
    kind: String,
}

/// The instant pre-check of one image, with the memo this customer must write.
pub(super) async fn check(
    State(state): State<AppState>,
    ctx: Ctx,
    Recovering(viewer): Recovering,
    Query(q): Query<CheckQuery>,
    PhotoBody(image): PhotoBody,
) -> Result<Response, ForScript> {
    let kind = match q.kind.as_str() {
        "selfie" => ResetImageKind::Selfie,
        "address-side" => ResetImageKind::AddressSide,
        _ => return Err(AppError::BadRequest("kind must be selfie or address-side".into()).into()),
    };
    let now = state.now();
    let facts = verification_facts::load(&state, viewer.account.id).await?;
    let memo = Memo::for_viewer(&viewer, facts.as_ref(), now);
    let report = photos::run_checks(&state, image, memo.expected(&viewer, kind, now), true).await?;
    let outcome = photos::record_check(&state, &viewer, kind.photo_kind(), report, now).await?;
    Ok(Json(outcome_json(&state, ctx.lang(), &outcome)).into_response())
}

async fn read_selfie(multipart: Result<Multipart, MultipartRejection>) -> Result<Sent, AppError> {
    let mut multipart = multipart.map_err(|e| unreadable(e.body_text()))?;
    let mut sent = Sent {
        selfie: Vec::new(),
        address_side: None,
        send_anyway: false,
    };
    while let Some(field) = multipart.next_field().await.map_err(form_error)? {
        let name = field.name().unwrap_or("").to_owned();
        match name.as_str() {
            "selfie" => sent.selfie = field.bytes().await.map_err(form_error)?.to_vec(),
            "address_side" => {
                sent.address_side = Some(field.bytes().await.map_err(form_error)?.to_vec())
            }
            "send_anyway" => sent.send_anyway = field.text().await.map_err(form_error)? == "1",
            "csrf" => {}
            other => return Err(unreadable(format!("unknown field {other}"))),
        }
    }
    Ok(sent)
}

pub(super) async fn send_selfie(
    State(state): State<AppState>,
    ctx: Ctx,
    Recovering(viewer): Recovering,
    multipart: Result<Multipart, MultipartRejection>,
) -> PageResult {
    let lang = ctx.lang();
    let result = match read_selfie(multipart).await {
        Ok(sent) => submit::send(&state, &ctx.meta, &viewer, sent).await,
        Err(e) => Err(e),
    };
    match result {
        Ok(Outcome::Sent) => Ok(Redirect::to("/login/2fa/lost?done=sent").into_response()),
        Ok(Outcome::Blocked(images)) => {
            let may_send_anyway = images.iter().all(|(_, o)| o.may_send_anyway());
            let key = if may_send_anyway {
                "photo-blocked-anyway"
            } else {
                "photo-blocked"
            };
            let returned = Returned {
                findings: images
                    .iter()
                    .map(|(kind, o)| (kind.as_str(), fix_messages(&state, lang, &o.report)))
                    .collect(),
                may_send_anyway,
                notice: Some((state.i18n.t(lang, key), "error")),
                ..Returned::default()
            };
            render(
                &state,
                &ctx,
                &viewer,
                StatusCode::UNPROCESSABLE_ENTITY,
                returned,
            )
            .await
        }
        Err(e) if e.is_internal() => Err(e),
        Err(e) => {
            let returned = Returned {
                notice: Some((error_message(&state, &ctx, &e), "error")),
                ..Returned::default()
            };
            render(&state, &ctx, &viewer, e.status(), returned).await
        }
    }
}

pub(super) async fn give_facts(
    State(state): State<AppState>,
    ctx: Ctx,
    Recovering(viewer): Recovering,
    Form(form): Form<FactsForm>,
) -> PageResult {
    let answers = FactsAnswers {
        date_of_birth: form.date_of_birth.clone(),
        address: form.address.clone(),
        phone: form.phone.clone(),
        occupation: form.occupation.clone(),
    };
    match super::facts::answer(&state, &ctx.meta, &viewer, &answers).await {
        Ok(_) => Ok(Redirect::to("/login/2fa/lost?done=facts").into_response()),
        Err(e) if e.is_internal() => Err(e),
        Err(e) => {
            let returned = Returned {
                notice: Some((error_message(&state, &ctx, &e), "error")),
                facts: form,
                ..Returned::default()
            };
            render(&state, &ctx, &viewer, e.status(), returned).await
        }
    }
}

#[derive(Template)]
#[template(path = "twofactor_reset/stop.html")]
struct StopPage {
    p: PageCtx,
    token: String,
    /// `open`: it can still be stopped; `stopped`: done now; `closed`: too late or
    /// stopped before.
    state: &'static str,
    delay_ends_at: Option<i64>,
}

/// The page a "this wasn't me" link opens: a button, never an action on a GET (mail
/// scanners open links).
pub(super) async fn stop_page(
    State(state): State<AppState>,
    ctx: Ctx,
    Path(token): Path<String>,
) -> PageResult {
    let case = super::cancel::by_link(&state, &token).await?;
    let open = case.case.is_open();
    Ok(html(StopPage {
        p: PageCtx::new(&state, &ctx),
        token: if open { token } else { String::new() },
        state: if open { "open" } else { "closed" },
        delay_ends_at: case.case.delay_ends_at,
    }))
}

pub(super) async fn stop(
    State(state): State<AppState>,
    ctx: Ctx,
    Path(token): Path<String>,
) -> PageResult {
    match super::cancel::stop_by_link(&state, &ctx.meta, &token).await {
        Ok(_) => Ok(html(StopPage {
            p: PageCtx::new(&state, &ctx),
            token: String::new(),
            state: "stopped",
            delay_ends_at: None,
        })),
        Err(AppError::Reset(ResetError::Case(_))) => Ok(html_status(
            StatusCode::CONFLICT,
            StopPage {
                p: PageCtx::new(&state, &ctx),
                token: String::new(),
                state: "closed",
                delay_ends_at: None,
            },
        )),
        Err(e) => Err(e),
    }
}

/// The in-app notice's button: the signed-in owner stops the reset (and is signed out
/// with every other session).
pub(super) async fn stop_signed_in(
    State(state): State<AppState>,
    ctx: Ctx,
    Complete(viewer): Complete,
) -> PageResult {
    super::cancel::stop_own(&state, &ctx.meta, viewer.account.id).await?;
    Ok(crate::web::clear_session(
        &ctx,
        html(StopPage {
            p: PageCtx::new(&state, &ctx),
            token: String::new(),
            state: "stopped",
            delay_ends_at: None,
        }),
    ))
}

/// An image of a case: its owner's (signed in), or any for staff (audited); never cached.
pub(super) async fn image(
    State(state): State<AppState>,
    ctx: Ctx,
    Complete(viewer): Complete,
    Path(id): Path<String>,
) -> PageResult {
    let id = crate::features::desk::pages::parse_id(&id)?;
    let bytes = super::images::image(&state, &ctx.meta, &viewer, id).await?;
    Ok((
        [
            (header::CONTENT_TYPE, "image/jpeg"),
            (header::CACHE_CONTROL, "private, no-store"),
        ],
        bytes.to_vec(),
    )
        .into_response())
}
