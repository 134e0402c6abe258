//! The accounts feature's pages: the landing page, sign-up, e-mail verification, the
//! forgotten and changed password, the language switch, and the customer's security page
//! (factor status, recovery codes, password, sessions, recent security events).
use super::input::{Credentials, EmailAddress};
use super::service as accounts;
use crate::error::AppError;
use crate::features::{sessions, twofactor};
use crate::state::AppState;
use crate::web::extract::{Complete, MaybeSignedIn};
use crate::web::form::Form;
use crate::web::json::Query;
use crate::web::{
    clear_session, form_failed, home_for, html, message, with_session, Ctx, FormError, PageCtx,
    PageResult,
};
use askama::Template;
use axum::extract::State;
use axum::http::StatusCode;
use axum::response::{IntoResponse, Redirect, Response};
use keydesk_domain::audit::AuditKind;
use keydesk_domain::identity::language::Language;
use keydesk_domain::identity::stage::Stage;
use keydesk_domain::identity::time_zone::TimeZone;
use keydesk_store::models::{AuditEvent, Session};
use serde::Deserialize;

#[derive(Template)]
#[template(path = "accounts/landing.html")]
struct Landing {
    p: PageCtx,
}

pub(super) async fn landing(
    State(state): State<AppState>,
    ctx: Ctx,
    MaybeSignedIn(viewer): MaybeSignedIn,
) -> Response {
    if viewer.is_some() {
        return Redirect::to(home_for(viewer.as_deref())).into_response();
    }
    html(Landing {
        p: PageCtx::new(&state, &ctx),
    })
}

#[derive(Template)]
#[template(path = "accounts/signup.html")]
struct SignUpPage {
    p: PageCtx,
    email: String,
    error: Option<FormError>,
}

pub(super) async fn signup_page(State(state): State<AppState>, ctx: Ctx) -> Response {
    html(SignUpPage {
        p: PageCtx::new(&state, &ctx),
        email: String::new(),
        error: None,
    })
}

pub(super) async fn signup(
    State(state): State<AppState>,
    ctx: Ctx,
    Form(form): Form<Credentials>,
) -> Response {
    match accounts::sign_up(&state, &ctx.meta, &form.email, &form.password).await {
        Ok(()) => message(
            &state,
            &ctx,
            "signup-done-title",
            "signup-done-body",
            Some(("/login", "nav-login")),
        ),
        Err(e) => form_failed(&state, &ctx, &e, |error| SignUpPage {
            p: PageCtx::new(&state, &ctx),
            email: form.email,
            error,
        }),
    }
}

#[derive(Deserialize)]
pub(super) struct TokenQuery {
    #[serde(default)]
    token: String,
}

#[derive(Template)]
#[template(path = "accounts/verify.html")]
struct VerifyPage {
    p: PageCtx,
    token: String,
}

/// Mail scanners open links; only the button (a POST) uses the single-use token.
pub(super) async fn verify_page(
    State(state): State<AppState>,
    ctx: Ctx,
    Query(q): Query<TokenQuery>,
) -> Response {
    html(VerifyPage {
        p: PageCtx::new(&state, &ctx),
        token: q.token,
    })
}

pub(super) async fn verify(
    State(state): State<AppState>,
    ctx: Ctx,
    MaybeSignedIn(viewer): MaybeSignedIn,
    Form(q): Form<TokenQuery>,
) -> PageResult {
    accounts::verify_email(&state, &ctx.meta, &q.token).await?;
    Ok(message(
        &state,
        &ctx,
        "verify-done-title",
        "verify-done-body",
        Some((home_for(viewer.as_deref()), "nav-continue")),
    ))
}

#[derive(Template)]
#[template(path = "accounts/forgot.html")]
struct ForgotPage {
    p: PageCtx,
    error: Option<FormError>,
}

pub(super) async fn forgot_page(State(state): State<AppState>, ctx: Ctx) -> Response {
    html(ForgotPage {
        p: PageCtx::new(&state, &ctx),
        error: None,
    })
}

pub(super) async fn forgot(
    State(state): State<AppState>,
    ctx: Ctx,
    Form(form): Form<EmailAddress>,
) -> Response {
    match accounts::request_password_reset(&state, &ctx.meta, &form.email).await {
        Ok(()) => message(
            &state,
            &ctx,
            "forgot-sent-title",
            "forgot-sent-body",
            Some(("/login", "nav-login")),
        ),
        Err(e) => form_failed(&state, &ctx, &e, |error| ForgotPage {
            p: PageCtx::new(&state, &ctx),
            error,
        }),
    }
}

#[derive(Template)]
#[template(path = "accounts/reset.html")]
struct ResetPage {
    p: PageCtx,
    token: String,
    error: Option<FormError>,
}

#[derive(Deserialize)]
pub(super) struct ResetForm {
    #[serde(default)]
    token: String,
    password: String,
}

pub(super) async fn reset_page(
    State(state): State<AppState>,
    ctx: Ctx,
    Query(q): Query<TokenQuery>,
) -> Response {
    html(ResetPage {
        p: PageCtx::new(&state, &ctx),
        token: q.token,
        error: None,
    })
}

pub(super) async fn reset(
    State(state): State<AppState>,
    ctx: Ctx,
    Form(form): Form<ResetForm>,
) -> PageResult {
    match accounts::reset_password(&state, &ctx.meta, &form.token, &form.password).await {
        Ok(()) => Ok(clear_session(
            &ctx,
            message(
                &state,
                &ctx,
                "reset-done-title",
                "reset-done-body",
                Some(("/login", "nav-login")),
            ),
        )),
        // A weak password goes back to the form; a bad link has no form to go back to.
        Err(e) if e.field().is_some() => Ok(form_failed(&state, &ctx, &e, |error| ResetPage {
            p: PageCtx::new(&state, &ctx),
            token: form.token,
            error,
        })),
        Err(e) => Err(e),
    }
}

#[derive(Deserialize)]
pub(super) struct LanguageForm {
    lang: String,
    #[serde(default)]
    back: String,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
pub(super) struct TimeZoneForm {
    /// An IANA name keydesk offers, or empty for the language's zone.
    time_zone: String,
}

/// The customer's time zone, chosen on the account page.
pub(super) async fn time_zone(
    State(state): State<AppState>,
    ctx: Ctx,
    Complete(viewer): Complete,
    Form(form): Form<TimeZoneForm>,
) -> PageResult {
    let zone = match form.time_zone.as_str() {
        "" => None,
        name => Some(
            TimeZone::parse(name)
                .ok_or_else(|| AppError::BadRequest(format!("unknown time zone {name:?}")))?,
        ),
    };
    accounts::set_time_zone(&state, &ctx.meta, &viewer, zone).await?;
    Ok(Redirect::to("/account#time-zone").into_response())
}

/// Switches the language: the account's setting when signed in, a cookie otherwise.
pub(super) async fn language(
    State(state): State<AppState>,
    ctx: Ctx,
    MaybeSignedIn(viewer): MaybeSignedIn,
    Form(form): Form<LanguageForm>,
) -> PageResult {
    let Some(lang) = Language::parse(&form.lang) else {
        return Ok(StatusCode::UNPROCESSABLE_ENTITY.into_response());
    };
    // A session still signing in has no settings to change yet: the cookie carries it.
    if let Some(v) = viewer.filter(|v| v.stage == Stage::Complete) {
        accounts::set_language(&state, &ctx.meta, &v, lang).await?;
    }
    // Only this application's own paths: the form cannot become an open redirect.
    let back = crate::web::redirect::local_path(&form.back).unwrap_or_else(|| "/".to_owned());
    let mut resp = Redirect::to(&back).into_response();
    resp.headers_mut().append(
        axum::http::header::SET_COOKIE,
        crate::web::context::cookie_header(
            crate::web::context::LANG_COOKIE,
            lang.code(),
            Some(365 * 24 * 3600),
            ctx.secure_cookies,
        ),
    );
    Ok(resp)
}

#[derive(Template)]
#[template(path = "accounts/account.html")]
struct AccountPage {
    p: PageCtx,
    status: twofactor::service::Status,
    sessions: Vec<Session>,
    current_session: i64,
    events: Vec<AuditEvent>,
    notice: Option<String>,
    /// The zones to choose from, by name with their label, and the one chosen.
    zones: Vec<(&'static str, String)>,
    chosen_zone: &'static str,
    /// What the account may do now: (capability code, allowed, the sentence saying so).
    capabilities: Vec<(&'static str, bool, String)>,
    /// A 2FA reset is under way: the in-app notice with its "this wasn't me" button.
    reset_pending: bool,
}

/// `100000` as `100,000`.
fn grouped(amount: i64) -> String {
    let digits = amount.abs().to_string();
    let mut out = String::new();
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i) % 3 == 0 {
            out.push(',');
        }
        out.push(c);
    }
    if amount < 0 {
        format!("-{out}")
    } else {
        out
    }
}

/// One capability's answer as a sentence in the reader's language: allowed (with a
/// limit), or every reason it is not.
fn capability_line(
    p: &PageCtx,
    answer: &keydesk_domain::capability::Answer,
) -> (&'static str, bool, String) {
    use keydesk_domain::capability::Denial;
    let code = answer.capability.as_str();
    let what = p.tk("capability-", code);
    let how = if answer.allowed {
        match answer.daily_limit_jpy {
            Some(limit) => p.t1("capability-allowed-limit", "amount", &grouped(limit)),
            None => p.t("capability-allowed"),
        }
    } else {
        answer
            .denials
            .iter()
            .map(|d| match d {
                Denial::TierTooLow { needs } => p.t1(
                    "capability-needs-tier",
                    "tier",
                    &p.tk("desk-tier-", needs.as_str()),
                ),
                Denial::InReview => p.t("capability-in-review"),
                Denial::Held {
                    until: Some(until), ..
                } => p.t1("capability-held-until", "until", &p.datetime(until)),
                Denial::Held { until: None, .. } => p.t("capability-held"),
            })
            .collect::<Vec<_>>()
            .join(" ")
    };
    (code, answer.allowed, format!("{what}: {how}"))
}

/// The last login used a recovery code and the authenticator has not been moved since:
/// the phone may be gone, so the page suggests moving now (events newest first).
fn signed_in_with_a_recovery_code(events: &[AuditEvent]) -> bool {
    events
        .iter()
        .find(|e| {
            matches!(
                e.kind,
                AuditKind::LoginSecondFactor | AuditKind::TotpMoved | AuditKind::TotpEnrolled
            )
        })
        .is_some_and(|e| {
            e.kind == AuditKind::LoginSecondFactor && e.detail.contains("recovery_code")
        })
}

/// The Fluent key of a zone's label: `Asia/Tokyo` → `tz-Asia-Tokyo`.
fn zone_key(name: &str) -> String {
    format!("tz-{}", name.replace('/', "-"))
}

pub(super) async fn overview(
    State(state): State<AppState>,
    ctx: Ctx,
    Complete(viewer): Complete,
) -> PageResult {
    let status = twofactor::service::status(&state, &viewer).await?;
    let sessions = sessions::service::sessions(&state, &viewer).await?;
    let events = accounts::security_events(&state, &viewer, 5).await?;
    let notice = if signed_in_with_a_recovery_code(&events) {
        Some(state.i18n.t(ctx.lang(), "account-after-recovery-login"))
    } else {
        (status.recovery_codes_remaining <= 3).then(|| {
            state.i18n.t_args(
                ctx.lang(),
                "account-codes-low",
                &[("remaining", status.recovery_codes_remaining.into())],
            )
        })
    };
    // Whoever asked for a reset may not be the one signed in here: the owner is told.
    let reset_pending = state
        .store
        .read()
        .await?
        .open_twofactor_reset(viewer.account.id)
        .await?
        .is_some();
    let p = PageCtx::new(&state, &ctx);
    let capabilities = crate::features::capabilities::service::of_account(&state, &viewer.account)
        .await?
        .answers
        .iter()
        .map(|a| capability_line(&p, a))
        .collect();
    Ok(html(AccountPage {
        p,
        capabilities,
        status,
        sessions,
        current_session: viewer.session.id,
        events,
        notice,
        zones: TimeZone::SUPPORTED
            .iter()
            .map(|name| (*name, state.i18n.t(ctx.lang(), &zone_key(name))))
            .collect(),
        chosen_zone: viewer.account.time_zone.map_or("", TimeZone::name),
        reset_pending,
    }))
}

#[derive(Template)]
#[template(path = "accounts/events.html")]
struct EventsPage {
    p: PageCtx,
    events: Vec<AuditEvent>,
}

pub(super) async fn events(
    State(state): State<AppState>,
    ctx: Ctx,
    Complete(viewer): Complete,
) -> PageResult {
    let events = accounts::security_events(&state, &viewer, 100).await?;
    Ok(html(EventsPage {
        p: PageCtx::new(&state, &ctx),
        events,
    }))
}

#[derive(Template)]
#[template(path = "accounts/password_change.html")]
struct PasswordPage {
    p: PageCtx,
    error: Option<FormError>,
}

#[derive(Deserialize)]
pub(super) struct PasswordForm {
    current_password: String,
    password: String,
}

pub(super) async fn password_page(
    State(state): State<AppState>,
    ctx: Ctx,
    _: Complete,
) -> Response {
    html(PasswordPage {
        p: PageCtx::new(&state, &ctx),
        error: None,
    })
}

pub(super) async fn change_password(
    State(state): State<AppState>,
    ctx: Ctx,
    Complete(viewer): Complete,
    Form(form): Form<PasswordForm>,
) -> Response {
    let changed = accounts::change_password(
        &state,
        &ctx.meta,
        &viewer,
        &form.current_password,
        &form.password,
    )
    .await;
    match changed {
        Ok(token) => {
            let page = message(
                &state,
                &ctx,
                "pwchange-done-title",
                "pwchange-done-body",
                Some(("/account", "nav-account")),
            );
            with_session(
                &ctx,
                &token,
                state.settings.security.session_max_hours * 3600,
                page,
            )
        }
        Err(e) => form_failed(&state, &ctx, &e, |error| PasswordPage {
            p: PageCtx::new(&state, &ctx),
            error,
        }),
    }
}

pub(super) async fn resend_verification(
    State(state): State<AppState>,
    ctx: Ctx,
    Complete(viewer): Complete,
) -> PageResult {
    accounts::resend_verification(&state, &ctx.meta, &viewer).await?;
    Ok(message(
        &state,
        &ctx,
        "verify-sent-title",
        "verify-sent-body",
        Some(("/account", "nav-account")),
    ))
}
