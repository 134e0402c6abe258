//! Sending the ID selfie (and the address side where the document on file needs it):
//! a new case, or the next attempt after a refusal the customer can fix.
//!
//! 1. Only the selfie way (an account verified with a document), and only when no case
//!    is under way — a refused one is sent again.
//! 2. Each image through the photo pre-check with the memo's expected request, name and
//!    date, under the same "send anyway" rule as the pre-check page.
//! 3. The images re-encoded without metadata, encrypted (envelope) and stored before the
//!    rows; the case, its images, the desk request and the owner's notices in one unit
//!    of work.
use super::links::Link;
use super::memo::Memo;
use super::notify;
use super::way::{self, Way};
use crate::auth::Viewer;
use crate::envelope;
use crate::error::{AppError, AppResult, ResetError};
use crate::features::desk::intake::{self, OnBehalf};
use crate::features::photos::service::{self as photos, CheckOutcome};
use crate::features::verification::facts as verification_facts;
use crate::files::FileKey;
use crate::state::AppState;
use crate::usecase::{gate, Audit, RequestMeta, UnitOfWork};
use keydesk_domain::audit::AuditKind;
use keydesk_domain::helpdesk::status::Status;
use keydesk_domain::throttle::ThrottlePolicy;
use keydesk_domain::twofactor_reset::case::{ResetCase, ResetStatus};
use keydesk_domain::twofactor_reset::image::ResetImageKind;
use keydesk_photocheck::{Options, Report};
use keydesk_store::models::{NewResetImage, TwofactorReset};
use sha2::{Digest, Sha256};
use tracing::instrument;

/// The file store's area for reset images (encrypted).
pub const IMAGE_AREA: &str = "resets";

pub fn image_key(file_name: &str) -> AppResult<FileKey> {
    FileKey::new(IMAGE_AREA, file_name).map_err(|e| AppError::Internal(e.into()))
}

pub struct Sent {
    pub selfie: Vec<u8>,
    pub address_side: Option<Vec<u8>>,
    pub send_anyway: bool,
}

pub enum Outcome {
    /// The case is with an agent.
    Sent,
    /// A photo's pre-check blocks it: nothing was sent; what to fix, per image.
    Blocked(Vec<(ResetImageKind, CheckOutcome)>),
}

struct Checked {
    kind: ResetImageKind,
    report: Report,
    clean: Vec<u8>,
}

/// The case as the customer may send now: a new one, or the next attempt of a refused
/// one they can fix.
fn sendable(open: Option<&TwofactorReset>) -> AppResult<ResetCase> {
    match open {
        None => ResetCase::by_selfie()
            .start_review()
            .map_err(|e| ResetError::Case(e).into()),
        Some(c) if c.case.status == ResetStatus::Refused => c
            .case
            .resubmit()
            .and_then(|next| next.start_review())
            .map_err(|e| ResetError::Case(e).into()),
        Some(_) => Err(ResetError::AlreadyOpen.into()),
    }
}

#[instrument(skip_all, err(Debug, level = "info"))]
pub async fn send(
    state: &AppState,
    meta: &RequestMeta,
    viewer: &Viewer,
    sent: Sent,
) -> AppResult<Outcome> {
    let account = &viewer.account;
    let Way::Selfie(on_file) = way::way_for(state, account).await? else {
        return Err(ResetError::FactsPathOnly.into());
    };
    let open = state
        .store
        .read()
        .await?
        .open_twofactor_reset(account.id)
        .await?;
    let next = sendable(open.as_ref())?;
    if sent.selfie.is_empty() {
        return Err(ResetError::SelfieMissing.into());
    }
    let mut images = vec![(ResetImageKind::Selfie, sent.selfie)];
    if on_file.address_side_needed {
        match sent.address_side.filter(|b| !b.is_empty()) {
            Some(bytes) => images.push((ResetImageKind::AddressSide, bytes)),
            None => return Err(ResetError::AddressSideMissing.into()),
        }
    }
    // Each send is a request that mails the owner: counted like one.
    let now = state.now();
    gate::count_request(
        state,
        meta,
        &format!("reset-send:{}", account.id),
        &ThrottlePolicy::MAIL_REQUESTS,
        now,
    )
    .await?;

    let facts = verification_facts::load(state, account.id).await?;
    let memo = Memo::for_viewer(viewer, facts.as_ref(), now);
    let mut checked = Vec::new();
    let mut blocked = Vec::new();
    for (kind, bytes) in images {
        let expected = memo.expected(viewer, kind, now);
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
            Ok(report) => checked.push((kind, report, bytes)),
            Err(outcome) => blocked.push((kind, outcome)),
        }
    }
    if !blocked.is_empty() {
        return Ok(Outcome::Blocked(blocked));
    }
    let limits = Options::default().limits;
    let mut cleaned = Vec::new();
    for (kind, report, bytes) in checked {
        let clean =
            tokio::task::spawn_blocking(move || keydesk_photocheck::clean_jpeg(&bytes, &limits))
                .await
                .map_err(|e| AppError::Internal(e.into()))??;
        cleaned.push(Checked {
            kind,
            report,
            clean,
        });
    }
    record(state, meta, viewer, open, next, cleaned).await?;
    Ok(Outcome::Sent)
}

async fn record(
    state: &AppState,
    meta: &RequestMeta,
    viewer: &Viewer,
    open: Option<TwofactorReset>,
    next: ResetCase,
    images: Vec<Checked>,
) -> AppResult<TwofactorReset> {
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

    let link = Link::new();
    let mut uow = UnitOfWork::begin(state, meta).await?;
    let case = match &open {
        None => {
            let id = uow
                .insert_twofactor_reset(account.id, &next, None, &link.hash, now)
                .await
                .map_err(|e| match e {
                    keydesk_store::StoreError::Conflict(_) => ResetError::AlreadyOpen.into(),
                    e => AppError::from(e),
                })?;
            uow.twofactor_reset(id)
                .await?
                .ok_or_else(|| AppError::Internal(anyhow::anyhow!("reset {id} vanished")))?
        }
        Some(c) => {
            uow.insert_twofactor_reset_link(c.id, &link.hash, now)
                .await?;
            super::save_case(&mut uow, c, &next, c.request_id).await?
        }
    };
    for (image, file_name, sealed_key) in &stored {
        let findings = serde_json::to_string(&image.report.to_keep())
            .map_err(|e| AppError::Internal(e.into()))?;
        uow.insert_twofactor_reset_image(&NewResetImage {
            reset_id: case.id,
            account_id: account.id,
            attempt: i64::from(case.case.attempt),
            kind: image.kind,
            file_name,
            sealed_key,
            sha256: &hex::encode(Sha256::digest(&image.clean)),
            findings: &findings,
            blocking: image.report.blocking(),
            now,
        })
        .await?;
    }
    let request_id = link_request(&mut uow, viewer, &case).await?;
    let case = if case.request_id == Some(request_id) {
        case
    } else {
        super::save_case(&mut uow, &case, &case.case, Some(request_id)).await?
    };
    let detail = serde_json::json!({
        "case": case.id, "attempt": case.case.attempt, "path": "selfie",
        "sent_anyway": images.iter().any(|i| i.report.blocking()),
    });
    uow.audit(Audit::own(AuditKind::TwofactorResetRequested, account.id).detail(detail))
        .await?;
    notify::requested(&mut uow, account, &case, &link.url(state)).await?;
    uow.commit().await?;
    metrics::counter!("keydesk_twofactor_resets_total", "event" => "requested", "path" => "selfie")
        .increment(1);
    Ok(case)
}

/// The desk request the case is worked in, category "Two-factor authentication": the
/// case's own, reopened with a note of the new attempt, or a new one.
pub(super) async fn link_request(
    uow: &mut UnitOfWork<'_>,
    viewer: &Viewer,
    case: &TwofactorReset,
) -> AppResult<i64> {
    let state = uow.state();
    let lang = viewer.lang();
    let current = match case.request_id {
        Some(id) => uow.lock_desk_request(id).await?,
        None => None,
    };
    let attempt = i64::from(case.case.attempt);
    match current {
        Some(request) if request.status != Status::Closed => {
            let body = state.i18n.t_args(
                lang,
                "reset-request-new-attempt",
                &[("attempt", attempt.into())],
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
            let subject = state.i18n.t(lang, "reset-request-subject");
            let body = state.i18n.t(
                lang,
                match case.case.path {
                    keydesk_domain::twofactor_reset::case::ResetPath::Selfie => {
                        "reset-request-body-selfie"
                    }
                    keydesk_domain::twofactor_reset::case::ResetPath::Facts => {
                        "reset-request-body-facts"
                    }
                },
            );
            let key = format!("twofactor-reset-{}-attempt-{attempt}", case.id);
            let request = intake::open_on_behalf(
                uow,
                &OnBehalf {
                    account: &viewer.account,
                    category: "two-factor",
                    subcategory: Some("lost-device"),
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

/// A note in the case's desk request (the history the agents read); `public`: the
/// customer sees it too.
pub(super) async fn note(
    uow: &mut UnitOfWork<'_>,
    case: &TwofactorReset,
    body: &str,
    public: bool,
) -> AppResult<()> {
    if let Some(request_id) = case.request_id {
        let now = uow.state().now();
        uow.insert_desk_message(&keydesk_store::models::NewDeskMessage {
            request_id,
            author_id: None,
            author: keydesk_store::models::Author::System,
            public,
            body,
            now,
        })
        .await?;
    }
    Ok(())
}
