//! The rating page a solved request's mail and page link to, its answer, and the
//! agents' satisfaction report (rules in [`super::rating`]).
use super::pages::parse_id;
use super::rating::{self, ReportLine};
use crate::error::{AppError, DeskError};
use crate::state::AppState;
use crate::web::extract::Staff;
use crate::web::json::Query;
use crate::web::{form_failed, html, Ctx, FormError, PageCtx, PageResult};
use askama::Template;
use axum::extract::{Path, State};
use axum::response::IntoResponse;
use serde::Deserialize;

#[derive(Template)]
#[template(path = "desk/rating.html")]
struct RatingPage {
    p: PageCtx,
    number: i64,
    solve: i64,
    token: String,
    /// The answer chosen ("good", "bad") or none yet.
    score: String,
    comment: String,
    /// Saved: the thanks instead of the form's intro.
    saved: bool,
    error: Option<FormError>,
}

#[derive(Deserialize)]
pub(super) struct RatingLink {
    solve: i64,
    token: String,
    #[serde(default)]
    score: Option<String>,
}

pub(super) async fn page(
    State(state): State<AppState>,
    ctx: Ctx,
    Path(number): Path<String>,
    Query(q): Query<RatingLink>,
) -> PageResult {
    let number = parse_id(&number)?;
    rating::checked(&state, number, q.solve, &q.token).await?;
    let existing = state
        .store
        .read()
        .await?
        .desk_ratings(number)
        .await?
        .into_iter()
        .find(|r| r.solved_at == q.solve);
    let score = match (&q.score, &existing) {
        (Some(s), _) if s == "good" || s == "bad" => s.clone(),
        (_, Some(r)) => if r.good { "good" } else { "bad" }.to_owned(),
        _ => String::new(),
    };
    Ok(html(RatingPage {
        p: PageCtx::new(&state, &ctx),
        number,
        solve: q.solve,
        token: q.token,
        score,
        comment: existing.and_then(|r| r.comment).unwrap_or_default(),
        saved: false,
        error: None,
    }))
}

#[derive(Deserialize)]
pub(super) struct RatingForm {
    solve: i64,
    token: String,
    #[serde(default)]
    score: String,
    #[serde(default)]
    comment: String,
}

pub(super) async fn rate(
    State(state): State<AppState>,
    ctx: Ctx,
    Path(number): Path<String>,
    crate::web::form::Form(f): crate::web::form::Form<RatingForm>,
) -> PageResult {
    let number = parse_id(&number)?;
    let good = match f.score.as_str() {
        "good" => Ok(true),
        "bad" => Ok(false),
        _ => Err(AppError::from(DeskError::RatingScore)),
    };
    let saved = match good {
        Ok(good) => {
            rating::rate(
                &state, &ctx.meta, number, f.solve, &f.token, good, &f.comment,
            )
            .await
        }
        Err(e) => Err(e),
    };
    let page = |saved: bool, error: Option<FormError>| RatingPage {
        p: PageCtx::new(&state, &ctx),
        number,
        solve: f.solve,
        token: f.token.clone(),
        score: f.score.clone(),
        comment: f.comment.clone(),
        saved,
        error,
    };
    match saved {
        Ok(_) => Ok(html(page(true, None))),
        // A link that is not (or no longer) one: the error page.
        Err(e @ (AppError::NotFound | AppError::Desk(DeskError::RatingClosed))) => Err(e),
        Err(e) => Ok(form_failed(&state, &ctx, &e, |error| page(false, error)).into_response()),
    }
}

#[derive(Template)]
#[template(path = "desk/ratings_report.html")]
struct ReportPage {
    p: PageCtx,
    days: i64,
    lines: Vec<ReportLine>,
}

#[derive(Deserialize)]
pub(super) struct ReportQuery {
    #[serde(default)]
    days: Option<i64>,
}

pub(super) async fn report(
    State(state): State<AppState>,
    ctx: Ctx,
    Staff(_agent): Staff,
    Query(q): Query<ReportQuery>,
) -> PageResult {
    let days = q.days.unwrap_or(30).clamp(1, 366);
    let lines = rating::report(&state, days).await?;
    Ok(html(ReportPage {
        p: PageCtx::new(&state, &ctx),
        days,
        lines,
    }))
}
