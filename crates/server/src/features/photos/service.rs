//! Identity photos: the instant pre-check (on a bounded blocking pool, so photo work
//! never starves the web server) and the submission of a checked photo. The stored
//! copy is re-encoded without EXIF (phones put the location there) and written to
//! the file store (`photos/{token}.jpg`) before the row that points at it; files
//! without a row are swept.
use crate::auth::Viewer;
use crate::error::{AppError, AppResult, PhotoError};
use crate::files::FileKey;
use crate::state::AppState;
use crate::usecase::{Audit, RequestMeta, UnitOfWork};
use keydesk_domain::access::{self, Access};
use keydesk_domain::audit::AuditKind;
use keydesk_domain::photo::checklist::{self, ChecklistItem, Verdict};
use keydesk_domain::photo::{memo, send_anyway};
#[cfg(test)]
use keydesk_photocheck::Reason;
use keydesk_photocheck::{Expected, MemoDate, Options, PhotoKind, Report, Status};
use keydesk_store::models::{NewPhotoSubmission, PhotoSubmission};
use sha2::{Digest, Sha256};
use std::time::Duration;
use tracing::instrument;

/// A request waits this long for a free slot on the photo pool before "busy".
const QUEUE_WAIT: Duration = Duration::from_secs(20);
/// The file store's folder (local) or key prefix (S3) for identity photos; the row
/// records only the name within it.
const PHOTO_AREA: &str = "photos";
/// A photo file without a row is swept once it is this old: its request has long
/// since failed (a row commits within seconds of its file).
const ORPHAN_GRACE_SECONDS: i64 = 3600;

/// The memo dates the pre-check accepts for a memo the viewer writes at `now`.
pub(crate) fn memo_dates(viewer: &Viewer, now: i64) -> Vec<MemoDate> {
    memo::days_written(now, crate::util::offset_at(now, viewer_zone(viewer)))
        .into_iter()
        .filter_map(|d| MemoDate::new(d.year, d.month, d.day))
        .collect()
}

/// The zone the viewer writes dates in.
pub(crate) fn viewer_zone(viewer: &Viewer) -> keydesk_domain::identity::time_zone::TimeZone {
    keydesk_domain::identity::time_zone::TimeZone::of(viewer.account.time_zone, viewer.lang())
}

/// Runs the checks on the photo pool. OCR uses one thread per check
/// (`OMP_THREAD_LIMIT=1`: the binary restarts itself with it, see `main.rs`).
pub async fn run_checks(
    state: &AppState,
    bytes: Vec<u8>,
    expected: Expected,
    ocr: bool,
) -> AppResult<Report> {
    let permit = tokio::time::timeout(QUEUE_WAIT, state.photo_pool.clone().acquire_owned())
        .await
        .map_err(|_| AppError::Photo(PhotoError::Busy))?
        .map_err(|e| AppError::Internal(e.into()))?;
    let started = std::time::Instant::now();
    let report = tokio::task::spawn_blocking(move || {
        let _permit = permit;
        let options = Options {
            ocr: ocr && Options::default().ocr,
            ..Options::default()
        };
        keydesk_photocheck::check_photo(&bytes, &expected, &options)
    })
    .await
    .map_err(|e| AppError::Internal(e.into()))??;
    metrics::histogram!("keydesk_photo_check_seconds").record(started.elapsed().as_secs_f64());
    metrics::counter!("keydesk_photo_checks_total", "blocking" => report.blocking().to_string())
        .increment(1);
    Ok(report)
}

pub struct CheckOutcome {
    pub report: Report,
    pub blocked_tries: i64,
}

impl CheckOutcome {
    pub fn may_send_anyway(&self) -> bool {
        send_anyway::may_send_anyway(self.blocked_tries)
    }
}

fn expected_for(viewer: &Viewer, kind: PhotoKind, name: Option<String>, now: i64) -> Expected {
    Expected {
        kind,
        name: name.map(|n| n.trim().to_owned()).filter(|n| !n.is_empty()),
        request_text: (kind == PhotoKind::IdSelfie)
            .then(|| memo::request_text(viewer.lang()).to_owned()),
        dates: if kind == PhotoKind::IdSelfie {
            memo_dates(viewer, now)
        } else {
            vec![]
        },
    }
}

/// The instant pre-check a customer runs the moment a photo is chosen.
#[instrument(skip_all, err(Debug, level = "info"))]
pub async fn precheck(
    state: &AppState,
    viewer: &Viewer,
    kind: PhotoKind,
    name: Option<String>,
    bytes: Vec<u8>,
) -> AppResult<CheckOutcome> {
    let now = state.now();
    let report = run_checks(state, bytes, expected_for(viewer, kind, name, now), true).await?;
    record_check(state, viewer, kind, report, now).await
}

/// Counts a check (a blocked one is a try towards "send anyway").
pub(crate) async fn record_check(
    state: &AppState,
    viewer: &Viewer,
    kind: PhotoKind,
    report: Report,
    now: i64,
) -> AppResult<CheckOutcome> {
    let mut tx = state.store.begin().await?;
    tx.record_photo_check(viewer.account.id, kind, report.blocking(), now)
        .await?;
    let blocked_tries = tx
        .blocked_photo_checks(viewer.account.id, kind, now - send_anyway::WINDOW)
        .await?;
    tx.commit().await?;
    Ok(CheckOutcome {
        report,
        blocked_tries,
    })
}

/// The check of a photo being sent with a form: its report when it may go (nothing
/// blocks, or the customer chose "send anyway" after enough blocked tries), else what
/// to fix, counted as a blocked try.
pub(crate) async fn check_for_sending(
    state: &AppState,
    viewer: &Viewer,
    bytes: Vec<u8>,
    expected: Expected,
    send_anyway: bool,
    now: i64,
) -> AppResult<Result<Report, CheckOutcome>> {
    let kind = expected.kind;
    let report = run_checks(state, bytes, expected, true).await?;
    if report.blocking() {
        let tries = state
            .store
            .read()
            .await?
            .blocked_photo_checks(viewer.account.id, kind, now - send_anyway::WINDOW)
            .await?;
        if send_anyway::decide(true, send_anyway, tries) == send_anyway::Decision::Refuse {
            return Ok(Err(record_check(state, viewer, kind, report, now).await?));
        }
    }
    Ok(Ok(report))
}

/// What became of a photo sent.
pub enum Submitted {
    Stored(i64),
    /// Something blocks it: it counts as a try, and here is what to fix.
    Blocked(CheckOutcome),
}

fn photo_key(file_name: &str) -> AppResult<FileKey> {
    FileKey::new(PHOTO_AREA, file_name).map_err(|e| AppError::Internal(e.into()))
}

/// Sends a photo: checked again here (the browser's word is not taken), refused while
/// something blocks unless the customer already had two blocked tries and chose to
/// send anyway (a refused photo is one more try); the agent always sees every finding.
#[instrument(skip_all, err(Debug, level = "info"))]
pub async fn submit(
    state: &AppState,
    meta: &RequestMeta,
    viewer: &Viewer,
    kind: PhotoKind,
    name: Option<String>,
    bytes: Vec<u8>,
    send_anyway: bool,
) -> AppResult<Submitted> {
    let now = state.now();
    let limits = Options::default().limits;
    let clean_input = bytes.clone();
    let report = run_checks(state, bytes, expected_for(viewer, kind, name, now), true).await?;
    if report.blocking() {
        let mut tx = state.store.read().await?;
        let tries = tx
            .blocked_photo_checks(viewer.account.id, kind, now - send_anyway::WINDOW)
            .await?;
        drop(tx);
        if send_anyway::decide(true, send_anyway, tries) == send_anyway::Decision::Refuse {
            let outcome = record_check(state, viewer, kind, report, now).await?;
            return Ok(Submitted::Blocked(outcome));
        }
    }
    let clean =
        tokio::task::spawn_blocking(move || keydesk_photocheck::clean_jpeg(&clean_input, &limits))
            .await
            .map_err(|e| AppError::Internal(e.into()))??;
    let sha256 = hex::encode(Sha256::digest(&clean));
    let file_name = format!("{}.jpg", keydesk_domain::identity::token::generate());
    let key = photo_key(&file_name)?;
    // The file first, durably; then the row that points at it. Should the row not
    // commit, the file is an orphan and the sweep deletes it. It is not deleted here at
    // once: a failed COMMIT may still have committed (a connection lost after it), and
    // only the sweep asks the database first.
    state
        .files
        .put(&key, clean.into())
        .await
        .map_err(|e| AppError::Internal(e.into()))?;
    let findings =
        serde_json::to_string(&report.to_keep()).map_err(|e| AppError::Internal(e.into()))?;
    let mut tx = UnitOfWork::begin(state, meta).await?;
    let id = tx
        .insert_photo_submission(&NewPhotoSubmission {
            account_id: viewer.account.id,
            kind,
            file_name: &file_name,
            sha256: &sha256,
            findings: &findings,
            blocking: report.blocking(),
            now,
        })
        .await?;
    let detail = serde_json::json!({ "photo": id, "kind": kind, "blocking": report.blocking(), "sent_anyway": report.blocking() });
    tx.audit(Audit::own(AuditKind::PhotoSubmitted, viewer.account.id).detail(detail))
        .await?;
    tx.commit().await?;
    Ok(Submitted::Stored(id))
}

pub async fn submissions(state: &AppState, viewer: &Viewer) -> AppResult<Vec<PhotoSubmission>> {
    Ok(state
        .store
        .read()
        .await?
        .photo_submissions_of_account(viewer.account.id)
        .await?)
}

/// The image bytes, for its owner or for staff; every staff view is audited.
#[instrument(skip_all, err(Debug, level = "info"))]
pub async fn image(
    state: &AppState,
    meta: &RequestMeta,
    viewer: &Viewer,
    id: i64,
) -> AppResult<Vec<u8>> {
    let photo = state
        .store
        .read()
        .await?
        .photo_submission(id)
        .await?
        .ok_or(AppError::NotFound)?;
    // Not "forbidden": whether another customer's photo exists is not told.
    let access =
        access::owned_object(viewer.actor(), photo.account_id).ok_or(AppError::NotFound)?;
    let bytes = state
        .files
        .get(&photo_key(&photo.file_name)?)
        .await
        .map_err(|e| AppError::Internal(e.into()))?
        // A row never names a missing file (files are written first): this is lost data.
        .ok_or_else(|| AppError::Internal(anyhow::anyhow!("photo {id}: its file is missing")))?
        .to_vec();
    if access == Access::Staff {
        // The agent is the actor, the customer whose photo it is the subject.
        let mut tx = UnitOfWork::begin(state, meta).await?;
        let detail = serde_json::json!({ "photo": id, "owner": photo.account_id });
        tx.audit(
            Audit::by(
                AuditKind::PhotoViewedByStaff,
                Some(viewer.account.id),
                photo.account_id,
            )
            .detail(detail),
        )
        .await?;
        tx.commit().await?;
    }
    Ok(bytes)
}

/// Deletes photo files that no row points at (a request that failed after writing its
/// file), once they are an hour old.
pub async fn sweep_orphans(state: &AppState) -> anyhow::Result<usize> {
    let cutoff = state.now() - ORPHAN_GRACE_SECONDS;
    state
        .files
        .sweep_orphans(PHOTO_AREA, cutoff, |key| async move {
            state.store.read().await?.photo_file_known(key.name()).await
        })
        .await
}

/// One submission as an agent reviews it.
pub struct Review {
    pub photo: PhotoSubmission,
    pub owner_email: String,
    pub report: Report,
    pub checklist: Vec<ChecklistItem>,
}

/// The agents' queue of submitted photos, newest first (the route admits staff only).
pub async fn queue(state: &AppState) -> AppResult<Vec<(PhotoSubmission, String)>> {
    let mut tx = state.store.read().await?;
    let mut out = Vec::new();
    for photo in tx.recent_photo_submissions(200).await? {
        let email = tx
            .account_by_id(photo.account_id)
            .await?
            .map(|a| a.email)
            .unwrap_or_default();
        out.push((photo, email));
    }
    Ok(out)
}

/// The findings and the pre-filled checklist beside the photo (its image is served,
/// and audited, by [`image`]).
pub async fn review(state: &AppState, id: i64) -> AppResult<Review> {
    let mut tx = state.store.read().await?;
    let photo = tx.photo_submission(id).await?.ok_or(AppError::NotFound)?;
    let owner_email = tx
        .account_by_id(photo.account_id)
        .await?
        .map(|a| a.email)
        .unwrap_or_default();
    let report: Report =
        serde_json::from_str(&photo.findings).map_err(|e| AppError::Internal(e.into()))?;
    let checklist = checklist_for(&report);
    Ok(Review {
        photo,
        owner_email,
        report,
        checklist,
    })
}

/// The agent's checklist (a domain rule) from the pre-check's findings, by their codes.
fn checklist_for(report: &Report) -> Vec<ChecklistItem> {
    checklist::checklist(
        report.kind == PhotoKind::IdSelfie,
        &checklist_findings(report),
    )
}

/// The pre-check's findings as the domain's checklists read them: by their codes.
pub(crate) fn checklist_findings(report: &Report) -> Vec<checklist::Finding<'_>> {
    report
        .findings
        .iter()
        .map(|f| checklist::Finding {
            check: f.check.code(),
            verdict: match f.status {
                Status::Pass => Verdict::Pass,
                Status::Warn => Verdict::Warn,
                Status::Fail => Verdict::Fail,
            },
            reasons: f.reasons.iter().map(|r| r.code()).collect(),
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use keydesk_domain::photo::checklist::Prefill;
    use keydesk_photocheck::Check;

    fn report(findings: Vec<serde_json::Value>) -> Report {
        serde_json::from_value(serde_json::json!({
            "kind": "id-selfie", "width": 100, "height": 100, "format": "jpeg", "skipped": [], "findings": findings
        }))
        .unwrap()
    }

    fn finding(check: &str, status: &str, reasons: &[&str]) -> serde_json::Value {
        serde_json::json!({"check": check, "status": status, "reasons": reasons,
            "measured": null, "threshold": null, "region": null})
    }

    /// The domain's checklist names checks and reasons by code: every code it uses is
    /// one the pre-check writes, so each item follows a real finding (the rule itself is
    /// tested in the domain).
    #[test]
    fn the_checklist_follows_the_pre_checks_codes() {
        let every_check_failed: Vec<_> = Check::ALL
            .iter()
            .filter(|c| **c != Check::Memo)
            .map(|c| finding(c.code(), "fail", &[]))
            .collect();
        let items = checklist_for(&report(every_check_failed));
        for item in items.iter().filter(|i| !i.key.starts_with("memo_")) {
            assert_eq!(item.prefill, Prefill::Problem, "{}", item.key);
        }
        for (reason, key) in [
            (Reason::MemoWrongRequest, "memo_request"),
            (Reason::MemoWrongName, "memo_name"),
            (Reason::MemoWrongDate, "memo_date"),
        ] {
            let items = checklist_for(&report(vec![finding("memo", "fail", &[reason.code()])]));
            let item = items.iter().find(|i| i.key == key).unwrap();
            assert_eq!(item.prefill, Prefill::Problem, "{key}");
        }
    }
}
