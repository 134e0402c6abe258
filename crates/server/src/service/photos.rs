//! Identity photos: the instant pre-check (on a bounded blocking pool, so photo work
//! never starves the web server) and the submission of a checked photo. The stored
//! copy is re-encoded without EXIF (phones put the location there) and written to
//! disk before the row that points at it; files without a row are swept.
use super::auth::Viewer;
use super::{audit, RequestMeta};
use crate::error::{AppError, AppResult};
use crate::state::AppState;
use keydesk_domain::audit::AuditKind;
use keydesk_domain::photo_kind::PhotoKind as StoredPhotoKind;
use keydesk_photocheck::{Expected, MemoDate, Options, PhotoKind, Report};
use keydesk_store::models::{NewPhotoSubmission, PhotoSubmission};
use sha2::{Digest, Sha256};
use std::path::PathBuf;
use std::time::Duration;
use tracing::instrument;

/// A customer may send a photo the machine blocks after this many blocked tries of
/// the same kind in a day: the agent decides (no dead ends).
pub const BLOCKED_TRIES_BEFORE_SEND_ANYWAY: i64 = 2;
/// A request waits this long for a free slot on the photo pool before "busy".
const QUEUE_WAIT: Duration = Duration::from_secs(20);

/// What the memo must say, in the customer's language.
pub fn request_text(lang: keydesk_domain::language::Language) -> &'static str {
    match lang {
        keydesk_domain::language::Language::Ja => "二段階認証解除",
        keydesk_domain::language::Language::En => "2FA reset",
    }
}

/// The dates a memo written today may carry: the UTC date, and the date in Japan
/// (UTC+9), where most customers write it.
pub fn memo_dates(now: i64) -> Vec<MemoDate> {
    let mut dates = Vec::new();
    for offset in [0, 9 * 3600] {
        if let Ok(t) = time::OffsetDateTime::from_unix_timestamp(now + offset) {
            if let Some(d) = MemoDate::new(
                t.year().clamp(0, u16::MAX as i32) as u16,
                u8::from(t.month()),
                t.day(),
            ) {
                if !dates.contains(&d) {
                    dates.push(d);
                }
            }
        }
    }
    dates
}

/// Runs the checks on the photo pool. OCR uses one thread per check
/// (`OMP_THREAD_LIMIT=1`, set at start-up).
pub async fn run_checks(
    state: &AppState,
    bytes: Vec<u8>,
    expected: Expected,
    ocr: bool,
) -> AppResult<Report> {
    let permit = tokio::time::timeout(QUEUE_WAIT, state.photo_pool.clone().acquire_owned())
        .await
        .map_err(|_| AppError::PhotoBusy)?
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
        self.blocked_tries >= BLOCKED_TRIES_BEFORE_SEND_ANYWAY
    }
}

fn expected_for(viewer: &Viewer, kind: PhotoKind, name: Option<String>, now: i64) -> Expected {
    Expected {
        kind,
        name: name.map(|n| n.trim().to_owned()).filter(|n| !n.is_empty()),
        request_text: (kind == PhotoKind::IdSelfie).then(|| request_text(viewer.lang()).to_owned()),
        dates: if kind == PhotoKind::IdSelfie {
            memo_dates(now)
        } else {
            vec![]
        },
    }
}

/// The kind as the store keeps it (keydesk-photocheck's kind is what the checks look for).
fn kind_code(kind: PhotoKind) -> StoredPhotoKind {
    match kind {
        PhotoKind::IdSelfie => StoredPhotoKind::IdSelfie,
        PhotoKind::DocumentFront => StoredPhotoKind::DocumentFront,
        PhotoKind::DocumentBack => StoredPhotoKind::DocumentBack,
        PhotoKind::AddressSide => StoredPhotoKind::AddressSide,
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
async fn record_check(
    state: &AppState,
    viewer: &Viewer,
    kind: PhotoKind,
    report: Report,
    now: i64,
) -> AppResult<CheckOutcome> {
    let mut tx = state.store.begin().await?;
    tx.record_photo_check(viewer.account.id, kind_code(kind), report.blocking(), now)
        .await?;
    let blocked_tries = tx
        .blocked_photo_checks(viewer.account.id, kind_code(kind), now - 24 * 3600)
        .await?;
    tx.commit().await?;
    Ok(CheckOutcome {
        report,
        blocked_tries,
    })
}

/// What became of a photo sent.
pub enum Submitted {
    Stored(i64),
    /// Something blocks it: it counts as a try, and here is what to fix.
    Blocked(CheckOutcome),
}

fn photo_dir(state: &AppState) -> PathBuf {
    state.settings.data_dir.join("photos")
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
            .blocked_photo_checks(viewer.account.id, kind_code(kind), now - 24 * 3600)
            .await?;
        drop(tx);
        if !(send_anyway && tries >= BLOCKED_TRIES_BEFORE_SEND_ANYWAY) {
            let outcome = record_check(state, viewer, kind, report, now).await?;
            return Ok(Submitted::Blocked(outcome));
        }
    }
    let clean =
        tokio::task::spawn_blocking(move || keydesk_photocheck::clean_jpeg(&clean_input, &limits))
            .await
            .map_err(|e| AppError::Internal(e.into()))??;
    let sha256 = hex::encode(Sha256::digest(&clean));
    let file_name = format!("{}.jpg", keydesk_domain::token::generate());
    let dir = photo_dir(state);
    let path = dir.join(&file_name);
    // The file first, durably; then the row that points at it.
    tokio::task::spawn_blocking(move || -> std::io::Result<()> {
        use std::io::Write;
        std::fs::create_dir_all(&dir)?;
        let mut f = std::fs::OpenOptions::new()
            .write(true)
            .create_new(true)
            .open(&path)?;
        f.write_all(&clean)?;
        f.sync_all()
    })
    .await
    .map_err(|e| AppError::Internal(e.into()))?
    .map_err(|e| AppError::Internal(e.into()))?;
    let findings = serde_json::to_string(&report).map_err(|e| AppError::Internal(e.into()))?;
    let mut tx = state.store.begin().await?;
    let id = tx
        .insert_photo_submission(&NewPhotoSubmission {
            account_id: viewer.account.id,
            kind: kind_code(kind),
            file_name: &file_name,
            sha256: &sha256,
            findings: &findings,
            blocking: report.blocking(),
            now,
        })
        .await?;
    let detail = serde_json::json!({ "photo": id, "kind": kind_code(kind), "blocking": report.blocking(), "sent_anyway": report.blocking() });
    audit(
        tx.as_mut(),
        meta,
        Some(viewer.account.id),
        AuditKind::PhotoSubmitted,
        detail,
        now,
    )
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
    let is_owner = photo.account_id == viewer.account.id;
    if !is_owner && !viewer.role().is_staff() {
        // Not "forbidden": whether another customer's photo exists is not told.
        return Err(AppError::NotFound);
    }
    let bytes = tokio::fs::read(photo_dir(state).join(&photo.file_name))
        .await
        .map_err(|e| AppError::Internal(e.into()))?;
    if !is_owner {
        let mut tx = state.store.begin().await?;
        let detail = serde_json::json!({ "photo": id, "owner": photo.account_id });
        tx.insert_audit(&keydesk_store::models::NewAuditEvent {
            account_id: Some(photo.account_id),
            actor_id: Some(viewer.account.id),
            kind: AuditKind::PhotoViewedByStaff,
            ip: Some(&meta.ip),
            user_agent: Some(&meta.user_agent),
            detail: detail.to_string(),
            now: state.now(),
        })
        .await?;
        tx.commit().await?;
    }
    Ok(bytes)
}

/// Deletes photo files that no row points at (a request that failed after writing its
/// file), once they are an hour old.
pub async fn sweep_orphans(state: &AppState) -> anyhow::Result<usize> {
    let dir = photo_dir(state);
    let Ok(mut entries) = tokio::fs::read_dir(&dir).await else {
        return Ok(0);
    };
    let mut removed = 0;
    while let Some(entry) = entries.next_entry().await? {
        let name = entry.file_name().to_string_lossy().into_owned();
        let old = entry
            .metadata()
            .await?
            .modified()?
            .elapsed()
            .map(|a| a > Duration::from_secs(3600))
            .unwrap_or(false);
        if old && !state.store.read().await?.photo_file_known(&name).await? {
            tokio::fs::remove_file(entry.path()).await?;
            removed += 1;
        }
    }
    Ok(removed)
}

/// One submission as an agent reviews it.
pub struct Review {
    pub photo: PhotoSubmission,
    pub owner_email: String,
    pub report: Report,
    pub checklist: Vec<super::checklist::ChecklistItem>,
}

fn require_staff(viewer: &Viewer) -> AppResult<()> {
    if viewer.role().is_staff() {
        Ok(())
    } else {
        Err(AppError::Forbidden)
    }
}

/// The agents' queue of submitted photos, newest first.
pub async fn queue(state: &AppState, viewer: &Viewer) -> AppResult<Vec<(PhotoSubmission, String)>> {
    require_staff(viewer)?;
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
pub async fn review(state: &AppState, viewer: &Viewer, id: i64) -> AppResult<Review> {
    require_staff(viewer)?;
    let mut tx = state.store.read().await?;
    let photo = tx.photo_submission(id).await?.ok_or(AppError::NotFound)?;
    let owner_email = tx
        .account_by_id(photo.account_id)
        .await?
        .map(|a| a.email)
        .unwrap_or_default();
    let report: Report =
        serde_json::from_str(&photo.findings).map_err(|e| AppError::Internal(e.into()))?;
    let checklist = super::checklist::checklist(&report);
    Ok(Review {
        photo,
        owner_email,
        report,
        checklist,
    })
}
