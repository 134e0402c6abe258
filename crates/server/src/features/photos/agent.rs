//! The agents' view of submitted identity photos: the machine's findings beside a
//! checklist pre-filled from them. (The decision workflow arrives with the 2FA-reset
//! and verification cases.)
use super::service as photos;
use crate::state::AppState;
use crate::web::extract::Staff;
use crate::web::{html, Ctx, PageCtx, PageResult};
use askama::Template;
use axum::extract::{Path, State};
use keydesk_domain::photo::checklist::{ChecklistItem, Prefill};
use keydesk_photocheck::{Finding, Status};
use keydesk_store::models::PhotoSubmission;

#[derive(Template)]
#[template(path = "photos/agent_photos.html")]
struct QueuePage {
    p: PageCtx,
    photos: Vec<(PhotoSubmission, String)>,
}

pub(super) async fn queue(State(state): State<AppState>, ctx: Ctx, _: Staff) -> PageResult {
    let photos = photos::queue(&state).await?;
    Ok(html(QueuePage {
        p: PageCtx::new(&state, &ctx),
        photos,
    }))
}

pub(crate) struct FindingRow {
    pub check: String,
    pub status: &'static str,
    pub status_label: String,
    pub reasons: Vec<String>,
    pub measured: String,
}

struct ChecklistRow {
    label: String,
    prefill: &'static str,
    checked: bool,
}

#[derive(Template)]
#[template(path = "photos/agent_photo.html")]
struct ReviewPage {
    p: PageCtx,
    id: i64,
    owner_email: String,
    kind: keydesk_domain::photo::kind::PhotoKind,
    created_at: i64,
    blocking: bool,
    findings: Vec<FindingRow>,
    skipped: Vec<(String, String)>,
    checklist: Vec<ChecklistRow>,
}

pub(crate) fn finding_row(state: &AppState, ctx: &Ctx, f: &Finding) -> FindingRow {
    let status = match f.status {
        Status::Pass => "pass",
        Status::Warn => "warn",
        Status::Fail => "fail",
    };
    let t = |key: String| state.i18n.t(ctx.lang(), &key);
    FindingRow {
        check: t(format!("check-{}", f.check.code())),
        status,
        status_label: t(format!("agent-status-{status}")),
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

pub(super) async fn review(
    State(state): State<AppState>,
    ctx: Ctx,
    _: Staff,
    Path(id): Path<i64>,
) -> PageResult {
    let r = photos::review(&state, id).await?;
    Ok(html(ReviewPage {
        p: PageCtx::new(&state, &ctx),
        id: r.photo.id,
        owner_email: r.owner_email,
        kind: r.photo.kind,
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
            .map(|s| {
                let t = |key: String| state.i18n.t(ctx.lang(), &key);
                (
                    t(format!("check-{}", s.check.code())),
                    t(format!("skipped-{}", s.why)),
                )
            })
            .collect(),
        checklist: r
            .checklist
            .iter()
            .map(|i| checklist_row(&state, &ctx, i))
            .collect(),
    }))
}
