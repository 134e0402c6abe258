//! The agents' view of submitted identity photos: the machine's findings beside a
//! checklist pre-filled from them. (The decision workflow arrives with the 2FA-reset
//! and verification cases.)
use super::{complete, html, Ctx, PageCtx};
use crate::service::checklist::{ChecklistItem, Prefill};
use crate::service::photos;
use crate::state::AppState;
use askama::Template;
use axum::extract::{Path, State};
use axum::response::Response;
use axum::routing::get;
use axum::Router;
use keydesk_photocheck::{Finding, Status};
use keydesk_store::models::PhotoSubmission;

pub fn router() -> Router<AppState> {
    Router::new()
        .route("/agent/photos", get(queue))
        .route("/agent/photos/{id}", get(review))
}

#[derive(Template)]
#[template(path = "pages/agent_photos.html")]
struct QueuePage {
    p: PageCtx,
    photos: Vec<(PhotoSubmission, String)>,
}

async fn queue(State(state): State<AppState>, ctx: Ctx) -> Response {
    let viewer = match complete(&ctx) {
        Ok(v) => v,
        Err(r) => return r,
    };
    match photos::queue(&state, viewer).await {
        Ok(photos) => html(QueuePage {
            p: PageCtx::new(&state, &ctx),
            photos,
        }),
        Err(e) => super::render_error(&state, &ctx, &e),
    }
}

struct FindingRow {
    check: String,
    status: &'static str,
    reasons: Vec<String>,
    measured: String,
}

struct ChecklistRow {
    label: String,
    prefill: &'static str,
    checked: bool,
}

#[derive(Template)]
#[template(path = "pages/agent_photo.html")]
struct ReviewPage {
    p: PageCtx,
    id: i64,
    owner_email: String,
    kind: String,
    created_at: i64,
    blocking: bool,
    findings: Vec<FindingRow>,
    skipped: Vec<(String, String)>,
    checklist: Vec<ChecklistRow>,
}

fn finding_row(state: &AppState, ctx: &Ctx, f: &Finding) -> FindingRow {
    FindingRow {
        check: f.check.code().to_owned(),
        status: match f.status {
            Status::Pass => "pass",
            Status::Warn => "warn",
            Status::Fail => "fail",
        },
        reasons: f
            .reasons
            .iter()
            .map(|r| {
                state
                    .i18n
                    .t(ctx.lang(), &format!("photo-reason-{}", r.code()))
            })
            .collect(),
        measured: match (f.measured, f.threshold) {
            (Some(m), Some(t)) => format!("{m} / {t}"),
            (Some(m), None) => m.to_string(),
            _ => String::new(),
        },
    }
}

fn checklist_row(state: &AppState, ctx: &Ctx, item: &ChecklistItem) -> ChecklistRow {
    ChecklistRow {
        label: state.i18n.t(ctx.lang(), &format!("checklist-{}", item.key)),
        prefill: match item.prefill {
            Prefill::Ok => "ok",
            Prefill::Problem => "problem",
            Prefill::Look => "look",
        },
        checked: item.prefill == Prefill::Ok,
    }
}

async fn review(State(state): State<AppState>, ctx: Ctx, Path(id): Path<i64>) -> Response {
    let viewer = match complete(&ctx) {
        Ok(v) => v,
        Err(r) => return r,
    };
    match photos::review(&state, viewer, id).await {
        Ok(r) => html(ReviewPage {
            p: PageCtx::new(&state, &ctx),
            id: r.photo.id,
            owner_email: r.owner_email,
            kind: r.photo.kind.as_str().to_owned(),
            created_at: r.photo.created_at,
            blocking: r.report.blocking(),
            findings: r
                .report
                .findings
                .iter()
                .map(|f| finding_row(&state, &ctx, f))
                .collect(),
            skipped: r
                .report
                .skipped
                .iter()
                .map(|s| (s.check.code().to_owned(), s.why.clone()))
                .collect(),
            checklist: r
                .checklist
                .iter()
                .map(|i| checklist_row(&state, &ctx, i))
                .collect(),
        }),
        Err(e) => super::render_error(&state, &ctx, &e),
    }
}
