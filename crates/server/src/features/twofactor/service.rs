//! The two-factor feature's use cases: TOTP enrollment, proof of the current factor,
//! moving to a new phone, recovery codes, turning 2FA off.
use super::step_sign_in::{sign_in_at_once, AtOnce};
use crate::auth::{rotate_session, Viewer};
use crate::error::{AppError, AppResult, TwoFactorError};
use crate::mail::MailKind;
use crate::state::AppState;
use crate::usecase::gate::{self, Credential};
use crate::usecase::{hashing, Audit, RequestMeta, UnitOfWork};
use keydesk_domain::audit::AuditKind;
use keydesk_domain::twofactor::recovery::RecoveryCode;
use keydesk_domain::twofactor::totp::{self, TotpCode, TotpError, TotpSecret};
use keydesk_store::models::{FactorStatus, TotpFactor};
use tracing::instrument;

/// What a person typed to prove they hold the factor: one field takes either.
#[derive(Debug, Clone)]
pub enum Proof {
    Code(TotpCode),
    Recovery(RecoveryCode),
}

impl Proof {
    pub fn parse(input: &str) -> AppResult<Self> {
        if let Ok(code) = TotpCode::parse(input) {
            Ok(Proof::Code(code))
        } else if let Some(code) = RecoveryCode::parse(input) {
            Ok(Proof::Recovery(code))
        } else {
            Err(AppError::from(TotpError::Malformed))
        }
    }

    pub fn kind(&self) -> &'static str {
        match self {
            Proof::Code(_) => "totp",
            Proof::Recovery(_) => "recovery_code",
        }
    }
}

#[derive(Debug, Clone, serde::Serialize)]
pub struct Enrollment {
    pub secret: String,
    pub secret_grouped: String,
    pub otpauth_uri: String,
}

#[derive(Debug, Clone, serde::Serialize)]
pub struct Status {
    pub active: bool,
    pub activated_at: Option<i64>,
    pub recovery_codes_remaining: usize,
    pub can_disable: bool,
}

fn context(account_id: i64) -> String {
    format!("totp:{account_id}")
}

pub(super) fn open_secret(state: &AppState, factor: &TotpFactor) -> AppResult<TotpSecret> {
    let bytes = state
        .secrets
        .open(&factor.secret_enc, &context(factor.account_id))
        .map_err(|e| anyhow::anyhow!("TOTP secret of account {}: {e}", factor.account_id))?;
    Ok(TotpSecret::from_bytes(bytes.to_vec())?)
}

pub use crate::keys::Resealed;

/// Re-seals every TOTP secret (active and pending) under the primary key, a page per
/// transaction, so that retired keys can then be dropped. Safe to run again, and while
/// keydesk serves (as long as the server has been restarted with the new key).
pub async fn reseal_secrets(state: &AppState) -> AppResult<Resealed> {
    const PAGE: i64 = 500;
    let mut report = Resealed::default();
    let mut after = 0;
    loop {
        let factors = state.store.read().await?.factors_after(after, PAGE).await?;
        let Some(last) = factors.last() else { break };
        after = last.id;
        let mut tx = state.store.begin().await?;
        for factor in &factors {
            if state.secrets.is_current(&factor.secret_enc) {
                report.current += 1;
                continue;
            }
            let context = context(factor.account_id);
            let Ok(plain) = state.secrets.open(&factor.secret_enc, &context) else {
                report.unreadable.push(factor.id);
                continue;
            };
            let sealed = state.secrets.seal(&plain, &context);
            if tx
                .reseal_factor(factor.id, &factor.secret_enc, &sealed)
                .await?
            {
                report.resealed += 1;
            } else {
                report.changed_meanwhile += 1;
            }
        }
        tx.commit().await?;
    }
    Ok(report)
}

pub async fn status(state: &AppState, viewer: &Viewer) -> AppResult<Status> {
    let mut tx = state.store.read().await?;
    let active = tx.factor(viewer.account.id, FactorStatus::Active).await?;
    let remaining = tx.unused_recovery_codes(viewer.account.id).await?.len();
    let security = &state.settings.security;
    Ok(Status {
        active: active.is_some(),
        activated_at: active.and_then(|f| f.activated_at),
        recovery_codes_remaining: remaining,
        can_disable: may_disable(security, viewer),
    })
}

/// Starts (or resumes) an enrollment: the same pending secret is shown again on a
/// reload, so a phone that already scanned it keeps working.
#[instrument(skip_all, err(Debug, level = "info"))]
pub async fn start_enrollment(state: &AppState, viewer: &Viewer) -> AppResult<Enrollment> {
    let account_id = viewer.account.id;
    let mut tx = state.store.begin().await?;
    let secret = match tx.factor(account_id, FactorStatus::Pending).await? {
        Some(pending) => open_secret(state, &pending)?,
        None => {
            let secret = TotpSecret::generate();
            let sealed = state.secrets.seal(secret.as_bytes(), &context(account_id));
            tx.insert_factor(account_id, &sealed, FactorStatus::Pending, state.now())
                .await?;
            secret
        }
    };
    tx.commit().await?;
    Ok(Enrollment {
        secret: secret.to_base32(),
        secret_grouped: secret.to_base32_grouped(),
        otpauth_uri: secret.otpauth_uri(&state.settings.issuer, &viewer.account.email),
    })
}

/// Proves the account's active factor with a code or a recovery code, throttled, and
/// consumes what was used (the TOTP step, or the recovery code).
#[instrument(skip_all, err(Debug, level = "info"))]
pub async fn prove(
    state: &AppState,
    meta: &RequestMeta,
    viewer: &Viewer,
    proof: &Proof,
) -> AppResult<()> {
    prove_then(state, meta, viewer, proof, false).await?;
    Ok(())
}

/// The second step of a login: [`prove`], and in the same transaction as the
/// successful proof, the session rotation (OWASP ASVS 3.2.1) and its audit event.
/// Returns the new session's token.
#[instrument(skip_all, err(Debug, level = "info"))]
pub async fn prove_and_sign_in(
    state: &AppState,
    meta: &RequestMeta,
    viewer: &Viewer,
    proof: &Proof,
) -> AppResult<String> {
    prove_then(state, meta, viewer, proof, true)
        .await?
        .ok_or_else(|| AppError::Internal(anyhow::anyhow!("signed in without a session")))
}

/// With `sign_in`, a successful proof also rotates the session (returning the new
/// token) and audits the login before its transaction commits.
async fn prove_then(
    state: &AppState,
    meta: &RequestMeta,
    viewer: &Viewer,
    proof: &Proof,
    sign_in: bool,
) -> AppResult<Option<String>> {
    let account_id = viewer.account.id;
    let sign_in = sign_in.then_some(proof.kind());
    match proof {
        Proof::Code(code) => {
            let now = state.now();
            if let Some(with) = sign_in {
                match sign_in_at_once(state, meta, viewer, code, with, now).await? {
                    AtOnce::SignedIn(token) => return Ok(Some(token)),
                    AtOnce::SessionEnded => return Err(AppError::Unauthenticated),
                    AtOnce::Undecided => {}
                }
            }
            let (mut tx, attempt) =
                gate::attempt_in_tx(state, meta, Some(account_id), Credential::SecondFactor, now)
                    .await?;
            let factor = tx
                .factor(account_id, FactorStatus::Active)
                .await?
                .ok_or(AppError::TwoFactor(TwoFactorError::NoFactor))?;
            let secret = open_secret(state, &factor)?;
            let last = factor.last_step.map(|s| s.max(0) as u64);
            let result = match totp::verify(&secret, code, now, last) {
                // The conditional update is the real guard against a concurrent replay.
                Ok(step) if tx.advance_factor_step(factor.id, step as i64).await? => Ok(()),
                Ok(_) => Err(TotpError::Replayed),
                Err(e) => Err(e),
            };
            finish_attempt(
                tx,
                viewer,
                attempt,
                result.map_err(AppError::from),
                sign_in,
                now,
            )
            .await
        }
        Proof::Recovery(code) => {
            let now = state.now();
            let mut tx = UnitOfWork::begin(state, meta).await?;
            let attempt =
                gate::begin_attempt(&mut tx, Some(account_id), Credential::SecondFactor, now).await;
            let unused = tx.unused_recovery_codes(account_id).await?;
            tx.commit().await?;
            let attempt = attempt?;
            let candidate = code.canonical().to_owned();
            let hashes: Vec<(i64, String)> =
                unused.into_iter().map(|r| (r.id, r.code_hash)).collect();
            let matched = hashing(state, move |h| {
                hashes
                    .into_iter()
                    .find(|(_, hash)| h.verify(hash, &candidate))
                    .map(|(id, _)| id)
            })
            .await?;
            let now = state.now();
            let mut tx = UnitOfWork::begin(state, meta).await?;
            let used = match matched {
                Some(id) => tx.mark_recovery_code_used(id, now).await?,
                None => false,
            };
            if used {
                let remaining = tx.unused_recovery_codes(account_id).await?.len();
                let used_for = if sign_in.is_some() {
                    "login"
                } else {
                    "confirmation"
                };
                tx.audit(
                    Audit::own(AuditKind::RecoveryCodeUsed, account_id)
                        .detail(serde_json::json!({ "remaining": remaining, "for": used_for })),
                )
                .await?;
                // A login's own mail; a change confirmed with it (a move, new codes)
                // sends the change's mail, which says what became of the codes.
                if sign_in.is_some() {
                    tx.notice(
                        &viewer.owner(),
                        MailKind::RecoveryCodeUsed,
                        &[("remaining", remaining.to_string())],
                    )
                    .await?;
                }
            }
            let result = if used {
                Ok(())
            } else {
                Err(AppError::TwoFactor(TwoFactorError::RecoveryCodeInvalid))
            };
            finish_attempt(tx, viewer, attempt, result, sign_in, now).await
        }
    }
}

/// Settles the attempt and commits. `sign_in` (the proof's kind): on success, the
/// session is rotated and the login audited in this same transaction.
async fn finish_attempt(
    mut tx: UnitOfWork<'_>,
    viewer: &Viewer,
    attempt: gate::Attempt,
    result: AppResult<()>,
    sign_in: Option<&'static str>,
    now: i64,
) -> AppResult<Option<String>> {
    gate::settle(&mut tx, attempt, result.is_ok(), Some(viewer.owner()), now).await?;
    if let Err(e) = &result {
        let kind = if sign_in.is_some() {
            AuditKind::LoginSecondFactorFailed
        } else {
            AuditKind::ConfirmationCodeFailed
        };
        tx.audit(
            Audit::own(kind, viewer.account.id).detail(serde_json::json!({ "reason": e.code() })),
        )
        .await?;
    }
    let token = match (&result, sign_in) {
        (Ok(()), Some(with)) => {
            let (state, meta) = (tx.state(), tx.meta());
            let token = rotate_session(state, &mut *tx, meta, &viewer.session, Some(now)).await?;
            tx.audit(
                Audit::own(AuditKind::LoginSecondFactor, viewer.account.id)
                    .detail(serde_json::json!({ "with": with })),
            )
            .await?;
            Some(token)
        }
        _ => None,
    };
    tx.commit().await?;
    result.map(|()| token)
}

pub struct Confirmed {
    pub recovery_codes: Vec<RecoveryCode>,
    pub session_token: String,
    pub moved: bool,
}

/// Activates the pending factor once a current code from it is typed. With a factor
/// already active this is a move to a new phone and needs proof of the old one.
#[instrument(skip_all, err(Debug, level = "info"))]
pub async fn confirm_enrollment(
    state: &AppState,
    meta: &RequestMeta,
    viewer: &Viewer,
    new_code: &str,
    old_proof: Option<&str>,
) -> AppResult<Confirmed> {
    let account_id = viewer.account.id;
    let new_code = TotpCode::parse(new_code)?;
    let moving = viewer.has_factor;
    // The new phone's code is checked first: a wrong one must not use up the current
    // authenticator's proof (a recovery code is spent once proven). The transaction
    // below checks it again, counts a failure and records its step.
    if moving && new_code_matches(state, account_id, &new_code).await? {
        // The current authenticator's proof has a field of its own on the page.
        let old = |e: AppError| e.in_field("old_code");
        let proof = Proof::parse(
            old_proof
                .filter(|p| !p.trim().is_empty())
                .ok_or(AppError::TwoFactor(TwoFactorError::ProofRequired))
                .map_err(old)?,
        )
        .map_err(old)?;
        prove(state, meta, viewer, &proof).await.map_err(old)?;
    }
    // Hash the new recovery codes before taking the write transaction.
    let (codes, hashes) = fresh_recovery_codes(state).await?;

    let now = state.now();
    let (mut tx, attempt) =
        gate::attempt_in_tx(state, meta, Some(account_id), Credential::SecondFactor, now).await?;
    let pending = tx
        .factor(account_id, FactorStatus::Pending)
        .await?
        .ok_or(AppError::TwoFactor(TwoFactorError::NoPendingEnrollment))?;
    let secret = open_secret(state, &pending)?;
    // RFC 6238 §5.2: the enrollment code's step is recorded, so it cannot log in later.
    let step = match totp::verify(&secret, &new_code, now, None) {
        Ok(step) => step,
        Err(e) => {
            // Counts the failure, audits it and commits; it returns this same error.
            finish_attempt(tx, viewer, attempt, Err(e.into()), None, now).await?;
            return Err(e.into());
        }
    };
    gate::settle(&mut tx, attempt, true, Some(viewer.owner()), now).await?;
    if moving {
        tx.delete_factor(account_id, FactorStatus::Active).await?;
    }
    tx.activate_factor(pending.id, step as i64, now).await?;
    tx.replace_recovery_codes(account_id, &hashes, now).await?;
    let (kind, mail_kind) = if moving {
        (AuditKind::TotpMoved, MailKind::FactorMoved)
    } else {
        (AuditKind::TotpEnrolled, MailKind::FactorAdded)
    };
    tx.security_event(&viewer.owner(), kind, mail_kind, &[])
        .await?;
    let session_token = rotate_session(state, &mut *tx, meta, &viewer.session, Some(now)).await?;
    tx.commit().await?;
    Ok(Confirmed {
        recovery_codes: codes,
        session_token,
        moved: moving,
    })
}

/// Whether the code is right for the pending secret now, without counting or recording.
async fn new_code_matches(state: &AppState, account_id: i64, code: &TotpCode) -> AppResult<bool> {
    let pending = state
        .store
        .read()
        .await?
        .factor(account_id, FactorStatus::Pending)
        .await?
        .ok_or(AppError::TwoFactor(TwoFactorError::NoPendingEnrollment))?;
    let secret = open_secret(state, &pending)?;
    Ok(totp::verify(&secret, code, state.now(), None).is_ok())
}

/// Drops a half-done enrollment (the customer wants a fresh QR code).
pub async fn cancel_enrollment(state: &AppState, viewer: &Viewer) -> AppResult<()> {
    let mut tx = state.store.begin().await?;
    tx.delete_factor(viewer.account.id, FactorStatus::Pending)
        .await?;
    tx.commit().await?;
    Ok(())
}

/// A new set of recovery codes with their Argon2id hashes (computed off the runtime,
/// before any write transaction is taken).
pub(crate) async fn fresh_recovery_codes(
    state: &AppState,
) -> AppResult<(Vec<RecoveryCode>, Vec<String>)> {
    let codes = RecoveryCode::generate_set();
    let plain: Vec<String> = codes.iter().map(|c| c.canonical().to_owned()).collect();
    let hashes = hashing(state, move |h| {
        plain
            .iter()
            .map(|c| h.hash(c))
            .collect::<Result<Vec<_>, _>>()
    })
    .await??;
    Ok((codes, hashes))
}

/// New recovery codes; needs a current code from the authenticator.
#[instrument(skip_all, err(Debug, level = "info"))]
pub async fn regenerate_codes(
    state: &AppState,
    meta: &RequestMeta,
    viewer: &Viewer,
    code: &str,
) -> AppResult<Vec<RecoveryCode>> {
    let code = TotpCode::parse(code)?;
    prove(state, meta, viewer, &Proof::Code(code)).await?;
    let (codes, hashes) = fresh_recovery_codes(state).await?;
    let now = state.now();
    let mut tx = UnitOfWork::begin(state, meta).await?;
    tx.replace_recovery_codes(viewer.account.id, &hashes, now)
        .await?;
    tx.security_event(
        &viewer.owner(),
        AuditKind::RecoveryCodesRegenerated,
        MailKind::RecoveryCodesRegenerated,
        &[],
    )
    .await?;
    tx.commit().await?;
    Ok(codes)
}

/// Whether the policy lets this viewer turn 2FA off (never for staff).
pub fn may_disable(security: &crate::config::SecuritySettings, viewer: &Viewer) -> bool {
    security.allow_disable_2fa
        && !keydesk_domain::access::second_factor_required(viewer.role(), security.mfa_mandatory)
}

/// Turns 2FA off with a current code, where the policy allows it.
#[instrument(skip_all, err(Debug, level = "info"))]
pub async fn disable(
    state: &AppState,
    meta: &RequestMeta,
    viewer: &Viewer,
    proof: &str,
) -> AppResult<()> {
    if !may_disable(&state.settings.security, viewer) {
        return Err(AppError::TwoFactor(TwoFactorError::DisableNotAllowed));
    }
    if !viewer.has_factor {
        return Err(AppError::TwoFactor(TwoFactorError::NoFactor));
    }
    prove(state, meta, viewer, &Proof::parse(proof)?).await?;
    let mut tx = UnitOfWork::begin(state, meta).await?;
    tx.delete_factor(viewer.account.id, FactorStatus::Active)
        .await?;
    tx.delete_factor(viewer.account.id, FactorStatus::Pending)
        .await?;
    tx.delete_recovery_codes(viewer.account.id).await?;
    tx.security_event(
        &viewer.owner(),
        AuditKind::TotpRemoved,
        MailKind::FactorRemoved,
        &[],
    )
    .await?;
    tx.commit().await?;
    Ok(())
}
