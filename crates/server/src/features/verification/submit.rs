//! Sending documents for Enhanced verification. Nothing here can take away what the
//! account's tier allows: an attempt only ever raises the tier (on approval).
//!
//! 1. The document must be accepted for the customer's country — otherwise refused at
//!    once with that reason, and nothing is stored.
//! 2. Every side the document needs is there, each through the photo pre-check (the
//!    same findings and "send anyway" rule as the pre-check page).
//! 3. The machine's checks (MRZ, expiry, name and birth date against the facts) refuse
//!    where certain, else flag for the agent.
//! 4. The images are encrypted (envelope) and stored before the rows; the case goes to
//!    review in the desk request linked to it.
use super::facts;
use super::notify;
use crate::auth::Viewer;
use crate::envelope;
use crate::error::{AppError, AppResult, VerificationError};
use crate::features::desk::intake::{self, OnBehalf};
use crate::features::photos::service::{self as photos, CheckOutcome};
use crate::files::FileKey;
use crate::state::AppState;
use crate::usecase::{Audit, RequestMeta, UnitOfWork};
use keydesk_domain::audit::AuditKind;
use keydesk_domain::capability::tier::Tier;
use keydesk_domain::helpdesk::status::Status;
use keydesk_domain::photo::kind::PhotoKind;
use keydesk_domain::verification::case::{AttemptOutcome, Case, CaseError};
use keydesk_domain::verification::documents::{DocumentType, Side};
use keydesk_domain::verification::machine::{self, MrzFields};
use keydesk_domain::verification::reason::Reason;
use keydesk_photocheck::{Expected, Options, Report};
use keydesk_store::models::{NewVerificationAttempt, NewVerificationImage, VerificationCase};
use sha2::{Digest, Sha256};
use tracing::instrument;

/// The file store's area for identity document images (encrypted).
pub const IMAGE_AREA: &str = "kyc";

/// One side's photo as sent.
pub struct SidePhoto {
    pub side: Side,
    pub bytes: Vec<u8>,
}

/// An attempt as the form (or a script) sends it.
pub struct Sent {
    pub document: DocumentType,
    /// Typed from the document (`YYYY-MM-DD`); required unless its zone is read.
    pub expires_on: Option<String>,
    pub photos: Vec<SidePhoto>,
    pub send_anyway: bool,
}

pub enum Outcome {
    /// The attempt is with an agent.
    InReview(VerificationCase),
    /// Refused at once by the machine, for these reasons (the customer can send again).
    Refused(VerificationCase, Vec<Reason>),
    /// A photo's pre-check blocks it: nothing was sent; here is what to fix, per side.
    Blocked(Vec<(Side, CheckOutcome)>),
}

pub fn photo_kind(side: Side) -> PhotoKind {
    match side {
        Side::PhotoPage | Side::Front => PhotoKind::DocumentFront,
        Side::Back => PhotoKind::DocumentBack,
        Side::AddressSide => PhotoKind::AddressSide,
    }
}

pub fn image_key(file_name: &str) -> AppResult<FileKey> {
    FileKey::new(IMAGE_AREA, file_name).map_err(|e| AppError::Internal(e.into()))
}

/// The case as it may be sent now: none yet (a new one), or one whose state lets the
/// customer send again.
fn sendable(case: Option<&VerificationCase>) -> AppResult<Case> {
    let current = case.map(|c| c.case.clone()).unwrap_or_default();
    current.submit().map_err(|e| {
        match e {
            CaseError::NotRetryable => VerificationError::NotRetryable,
            _ if current.status == keydesk_domain::verification::case::CaseStatus::Approved => {
                VerificationError::AlreadyVerified
            }
            _ => VerificationError::InReview,
        }
        .into()
    })
}

struct Checked {
    side: Side,
    report: Report,
    clean: Vec<u8>,
}

#[instrument(skip_all, err(Debug, level = "info"))]
pub async fn submit(
    state: &AppState,
    meta: &RequestMeta,
    viewer: &Viewer,
    sent: Sent,
) -> AppResult<Outcome> {
    let account = &viewer.account;
    match account.tier {
        Tier::Unverified => return Err(VerificationError::FactsFirst.into()),
        Tier::Enhanced => return Err(VerificationError::AlreadyVerified.into()),
        Tier::Basic => {}
    }
    let existing = state
        .store
        .read()
        .await?
        .verification_case_of_account(account.id)
        .await?;
    let submitted = sendable(existing.as_ref())?;
    let facts = facts::load(state, account.id)
        .await?
        .ok_or(VerificationError::FactsFirst)?;
    let today = facts::today(state, viewer);
    let catalog = state.kyc_documents.current();
    let Some(rule) = catalog.accepted(&facts.country, sent.document) else {
        // Not accepted here (the list may have changed since the page was read): said
        // at once, and no image of it is kept.
        let verdict = machine::Verdict {
            refuse: vec![Reason::DocumentNotAccepted],
            flags: vec![],
        };
        return record(
            state,
            meta,
            viewer,
            existing,
            submitted,
            &sent,
            &facts.country,
            None,
            verdict,
            None,
            vec![],
        )
        .await;
    };
    let expires_on = match sent
        .expires_on
        .as_deref()
        .map(str::trim)
        .filter(|s| !s.is_empty())
    {
        Some(typed) => Some(
            keydesk_domain::helpdesk::answers::parse_date(typed)
                .ok_or(VerificationError::Expiry)?,
        ),
        None if sent.document.has_mrz() => None,
        None => return Err(VerificationError::Expiry.into()),
    };
    let mut photos_by_side = Vec::new();
    for side in rule.sides_needed() {
        let photo = sent
            .photos
            .iter()
            .find(|p| p.side == side && !p.bytes.is_empty())
            .ok_or(VerificationError::SideMissing(side.as_str()))?;
        photos_by_side.push((side, photo.bytes.clone()));
    }

    // The pre-check on every side, before anything is stored.
    let now = state.now();
    let mut checked = Vec::new();
    let mut blocked = Vec::new();
    for (side, bytes) in photos_by_side {
        let expected = Expected::new(photo_kind(side));
        match photos::check_for_sending(
            state,
            viewer,
            bytes.clone(),
            expected,
            sent.send_anyway,
            now,
        )
        .await?
        {
            Ok(report) => checked.push((side, report, bytes)),
            Err(outcome) => blocked.push((side, outcome)),
        }
    }
    if !blocked.is_empty() {
        return Ok(Outcome::Blocked(blocked));
    }
    let limits = Options::default().limits;
    let mut cleaned = Vec::new();
    for (side, report, bytes) in checked {
        let clean =
            tokio::task::spawn_blocking(move || keydesk_photocheck::clean_jpeg(&bytes, &limits))
                .await
                .map_err(|e| AppError::Internal(e.into()))??;
        cleaned.push(Checked {
            side,
            report,
            clean,
        });
    }

    let mrz = cleaned
        .iter()
        .find(|c| matches!(c.side, Side::PhotoPage | Side::Front))
        .and_then(|c| c.report.mrz.as_ref())
        .and_then(|m| MrzFields::parse(&m.line1, &m.line2, m.valid(), &today));
    let verdict = machine::check(
        &machine::Attempt {
            country: &facts.country,
            document: sent.document,
            expires_on: expires_on.as_deref(),
            mrz: mrz.as_ref(),
            sent_anyway: cleaned.iter().any(|c| c.report.blocking()),
        },
        &catalog,
        &facts,
        &today,
    );
    record(
        state,
        meta,
        viewer,
        existing,
        submitted,
        &sent,
        &facts.country,
        expires_on.as_deref(),
        verdict,
        mrz,
        cleaned,
    )
    .await
}

/// Stores the images (files first), then the attempt, the case and what follows from
/// the machine's verdict, in one unit of work.
#[allow(clippy::too_many_arguments)]
async fn record(
    state: &AppState,
    meta: &RequestMeta,
    viewer: &Viewer,
    existing: Option<VerificationCase>,
    submitted: Case,
    sent: &Sent,
    country: &str,
    expires_on: Option<&str>,
    verdict: machine::Verdict,
    mrz: Option<MrzFields>,
    images: Vec<Checked>,
) -> AppResult<Outcome> {
    let account = &viewer.account;
    let now = state.now();
    let mut stored = Vec::new();
    for image in &images {
        let file_name = format!("{}.bin", keydesk_domain::identity::token::generate());
        let sealed =
            envelope::seal(&state.secrets, &image.clean, &file_name).map_err(AppError::Internal)?;
        // The file first, durably; should the rows not commit, the sweep deletes it.
        state
            .files
            .put(&image_key(&file_name)?, sealed.bytes.into())
            .await
            .map_err(|e| AppError::Internal(e.into()))?;
        stored.push((image, file_name, sealed.sealed_key));
    }
    let mrz_sealed = match &mrz {
        Some(m) => {
            let json = serde_json::to_string(m).map_err(|e| AppError::Internal(e.into()))?;
            Some(state.secrets.seal_text(&json, &mrz_context(account.id)))
        }
        None => None,
    };
    let refused = !verdict.refuse.is_empty();
    let case = if refused {
        submitted.refuse(&verdict.refuse)
    } else {
        submitted.start_review()
    }
    .map_err(|_| VerificationError::Changed)?;

    let mut uow = UnitOfWork::begin(state, meta).await?;
    let (case_id, request_id) = match &existing {
        None => {
            let id = uow
                .insert_verification_case(account.id, &case, None, now)
                .await?;
            (id, None)
        }
        Some(c) => (c.id, c.request_id),
    };
    let attempt_id = uow
        .insert_verification_attempt(&NewVerificationAttempt {
            case_id,
            number: i64::from(case.attempt),
            document: sent.document,
            country,
            expires_on,
            outcome: if refused {
                AttemptOutcome::Refused
            } else {
                AttemptOutcome::InReview
            },
            reasons: &verdict.refuse,
            flags: &verdict.flags,
            mrz_sealed: mrz_sealed.as_deref(),
            now,
        })
        .await?;
    if refused {
        uow.decide_verification_attempt(
            attempt_id,
            &keydesk_store::AttemptDecision {
                outcome: AttemptOutcome::Refused,
                reasons: &verdict.refuse,
                checklist: None,
                by: None,
                now,
                from: &[AttemptOutcome::Refused],
            },
        )
        .await?;
    }
    for (image, file_name, sealed_key) in &stored {
        let findings = serde_json::to_string(&image.report.to_keep())
            .map_err(|e| AppError::Internal(e.into()))?;
        uow.insert_verification_image(&NewVerificationImage {
            attempt_id,
            account_id: account.id,
            side: image.side,
            file_name,
            sealed_key,
            sha256: &hex::encode(Sha256::digest(&image.clean)),
            findings: &findings,
            blocking: image.report.blocking(),
            now,
        })
        .await?;
    }
    // An attempt to review is worked in the desk: the case's request, opened now or
    // reopened with a note of the new attempt.
    let request_id = if refused {
        request_id
    } else {
        Some(link_request(&mut uow, viewer, case_id, request_id, case.attempt).await?)
    };
    let version = match &existing {
        None => 1,
        Some(c) => c.version,
    };
    if !uow
        .update_verification_case(case_id, version, &case, request_id, now)
        .await?
    {
        return Err(VerificationError::Changed.into());
    }
    let detail = serde_json::json!({
        "case": case_id, "attempt": case.attempt, "document": sent.document.as_str(),
        "refused": verdict.refuse.iter().map(|r| r.as_str()).collect::<Vec<_>>(),
        "flags": verdict.flags.iter().map(|f| f.as_str()).collect::<Vec<_>>(),
    });
    uow.audit(Audit::own(AuditKind::VerificationSubmitted, account.id).detail(detail))
        .await?;
    let saved = uow
        .verification_case(case_id)
        .await?
        .ok_or_else(|| AppError::Internal(anyhow::anyhow!("case {case_id} vanished")))?;
    if refused {
        notify::refused(&mut uow, account, &saved, &verdict.refuse, country).await?;
    }
    uow.commit().await?;
    metrics::counter!("keydesk_verification_attempts_total", "outcome" => if refused { "refused" } else { "in_review" })
        .increment(1);
    Ok(if refused {
        Outcome::Refused(saved, verdict.refuse)
    } else {
        Outcome::InReview(saved)
    })
}

pub fn mrz_context(account_id: i64) -> String {
    format!("verification-mrz:{account_id}")
}

/// The desk request the attempt is reviewed in: the case's own, reopened (or a new one
/// when it was closed), with a note that a new attempt came.
async fn link_request(
    uow: &mut UnitOfWork<'_>,
    viewer: &Viewer,
    case_id: i64,
    request_id: Option<i64>,
    attempt: u32,
) -> AppResult<i64> {
    let state = uow.state();
    let lang = viewer.lang();
    let current = match request_id {
        Some(id) => uow.lock_desk_request(id).await?,
        None => None,
    };
    match current {
        Some(request) if request.status != Status::Closed => {
            let body = state.i18n.t_args(
                lang,
                "verification-request-new-attempt",
                &[("attempt", i64::from(attempt).into())],
            );
            uow.insert_desk_message(&keydesk_store::models::NewDeskMessage {
                request_id: request.id,
                author_id: None,
                author: keydesk_store::models::Author::System,
                public: true,
                body: &body,
                now: state.now(),
            })
            .await?;
            if request.status != Status::Open {
                let changes = crate::features::desk::change::Changes {
                    status: Some(Status::Open),
                    ..Default::default()
                };
                crate::features::desk::change::save(uow, &request, request.version, &changes, None)
                    .await?;
            }
            Ok(request.id)
        }
        _ => {
            let subject = state.i18n.t(lang, "verification-request-subject");
            let body = state.i18n.t_args(
                lang,
                "verification-request-body",
                &[("attempt", i64::from(attempt).into())],
            );
            let key = format!("verification-case-{case_id}-attempt-{attempt}");
            let request = intake::open_on_behalf(
                uow,
                &OnBehalf {
                    account: &viewer.account,
                    category: "verification",
                    subcategory: Some("enhanced"),
                    subject: &subject,
                    body: &body,
                    key: &key,
                },
            )
            .await?;
            Ok(request.id)
        }
    }
}
