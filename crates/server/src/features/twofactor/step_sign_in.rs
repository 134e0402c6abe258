//! The TOTP step of a login at once: one read, one write, no transaction of its own
//! (see `keydesk_store::StepSignIn`), when the right code is all there is to it. On
//! PostgreSQL that is two round trips instead of seven, and no lock held across a
//! commit.
use super::service::open_secret;
use crate::auth::{rotated, Viewer};
use crate::error::AppResult;
use crate::state::AppState;
use crate::usecase::gate::{self, Credential};
use crate::usecase::{Audit, RequestMeta};
use keydesk_domain::audit::AuditKind;
use keydesk_domain::identity::token::{self, SessionToken};
use keydesk_domain::twofactor::totp::{self, TotpCode};
use keydesk_store::{StepOutcome, StepSignIn};

/// What became of a step tried at once.
pub(super) enum AtOnce {
    /// Signed in: the new session's token.
    SignedIn(String),
    /// The session ended meanwhile.
    SessionEnded,
    /// Not decided here (a wrong or used code, a bucket to count in or to clear, no
    /// factor, or a change meanwhile): nothing was written, and the transaction that
    /// holds the buckets decides it afresh.
    Undecided,
}

pub(super) async fn sign_in_at_once(
    state: &AppState,
    meta: &RequestMeta,
    viewer: &Viewer,
    code: &TotpCode,
    with: &'static str,
    now: i64,
) -> AppResult<AtOnce> {
    let account_id = viewer.account.id;
    let [holder_key, address_key] = gate::attempt_keys(meta, account_id, Credential::SecondFactor);
    let Some(check) = state
        .store
        .step_check(account_id, &holder_key, &address_key)
        .await?
    else {
        return Ok(AtOnce::Undecided);
    };
    if !gate::passes_untouched(&check.holder.unwrap_or_default(), &check.address, now) {
        return Ok(AtOnce::Undecided);
    }
    let secret = open_secret(state, &check.factor)?;
    let last = check.factor.last_step.map(|s| s.max(0) as u64);
    let Ok(step) = totp::verify(&secret, code, now, last) else {
        return Ok(AtOnce::Undecided);
    };
    let session_secret = token::generate();
    let token_hash = token::digest(&session_secret);
    let session = rotated(state, meta, &viewer.session, Some(now), &token_hash, now);
    let audit = Audit::own(AuditKind::LoginSecondFactor, account_id)
        .detail(serde_json::json!({ "with": with }))
        .row(meta, now);
    let outcome = state
        .store
        .sign_in_with_step(&StepSignIn {
            holder_key: &holder_key,
            holder_read: check.holder,
            factor_id: check.factor.id,
            step: step as i64,
            session_id: viewer.session.id,
            session: &session,
            audit: &audit,
        })
        .await?;
    Ok(match outcome {
        StepOutcome::SignedIn => {
            AtOnce::SignedIn(SessionToken::format(viewer.session.id, &session_secret))
        }
        StepOutcome::SessionEnded => AtOnce::SessionEnded,
        StepOutcome::BucketChanged | StepOutcome::StepUsed => AtOnce::Undecided,
    })
}
