//! Throttling around every credential check (password, TOTP code, recovery code).
//! A credential checked outside the transaction (an Argon2id verification takes
//! 20 ms) is counted as a failure *before* the check and taken back on success, so
//! parallel guesses cannot slip past the limit meanwhile ([`begin_attempt`]). A TOTP
//! code is checked inside the transaction that holds the buckets ([`attempt_in_tx`]),
//! so it is counted only when it fails, and a clean success writes no bucket at all.
//! Buckets: the account's credential, and the client address across all accounts.
use super::{Audit, RequestMeta, UnitOfWork};
use crate::error::{AppError, AppResult};
use crate::mail::MailKind;
use crate::state::AppState;
use keydesk_domain::audit::AuditKind;
use keydesk_domain::identity::language::Language;
use keydesk_domain::throttle::{FailureOutcome, Gate, ThrottlePolicy, ThrottleState};
use keydesk_store::WriteTx;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Credential {
    Password,
    SecondFactor,
    /// The personal facts that stand in for an ID selfie in a 2FA reset (J4).
    ResetFacts,
}

impl Credential {
    fn as_str(self) -> &'static str {
        match self {
            Credential::Password => "password",
            Credential::SecondFactor => "second_factor",
            Credential::ResetFacts => "reset_facts",
        }
    }
}

/// The owner to tell when their account gets locked.
pub struct Owner<'a> {
    pub account_id: i64,
    pub email: &'a str,
    pub lang: Language,
    /// The zone the owner reads times in.
    pub zone: keydesk_domain::identity::time_zone::TimeZone,
}

impl<'a> Owner<'a> {
    pub fn of(account: &'a keydesk_store::models::Account) -> Self {
        Owner {
            account_id: account.id,
            email: &account.email,
            lang: account.language,
            zone: keydesk_domain::identity::time_zone::TimeZone::of(
                account.time_zone,
                account.language,
            ),
        }
    }
}

/// An attempt that has been counted; settle it with the outcome.
#[must_use]
pub struct Attempt {
    keys: Vec<String>,
    locked_now: Option<i64>,
    /// The buckets as this attempt saved them, when it is settled in the transaction
    /// that counted it ([`attempt_in_tx`]): the rows are still locked by that
    /// transaction (PostgreSQL) or nobody else can write (SQLite's single writer), so
    /// they cannot have changed and need not be read again. `None` after
    /// [`begin_attempt`], whose caller commits before settling: then other requests may
    /// have counted meanwhile, and `settle` reads the buckets again under lock.
    saved: Option<Vec<ThrottleState>>,
    /// False for an attempt checked in the transaction that settles it: the buckets
    /// hold its failure only once `settle` records one.
    counted: bool,
    /// The address's bucket (the first key) was read without its lock ([`attempt_in_tx`]):
    /// a failure locks it and reads it again before counting in it.
    address_peeked: bool,
}

impl Attempt {
    /// An attempt at the second factor: the password before it was right.
    fn is_second_factor(&self) -> bool {
        let suffix = format!(":{}", Credential::SecondFactor.as_str());
        self.keys.iter().any(|k| k.ends_with(&suffix))
    }
}

fn account_key(account_id: i64, credential: Credential) -> String {
    format!("account:{account_id}:{}", credential.as_str())
}

/// A login for an address with no account is counted under the address itself (by its
/// digest), with the account policy: after as many failures it is delayed and locked just
/// as a real account would be, so the answers do not tell which addresses have accounts.
fn unknown_account_key(email: &str) -> String {
    format!(
        "unknown:{}:{}",
        keydesk_domain::identity::token::digest(email),
        Credential::Password.as_str()
    )
}

fn address_key(ip: &str) -> String {
    format!("address:{ip}")
}

fn policy_for(key: &str) -> &'static ThrottlePolicy {
    if key.starts_with("address:") {
        &ThrottlePolicy::ADDRESS
    } else {
        &ThrottlePolicy::ACCOUNT
    }
}

/// Checks the buckets and counts this attempt, in the caller's transaction. The
/// attempt may be settled in a later transaction.
pub async fn begin_attempt(
    uow: &mut UnitOfWork<'_>,
    account_id: Option<i64>,
    credential: Credential,
    now: i64,
) -> AppResult<Attempt> {
    let holder = account_id.map(|id| account_key(id, credential));
    begin_counted(uow, holder, now).await
}

/// [`begin_attempt`] for a password login by e-mail address: an address without an
/// account has a bucket of its own too (see [`unknown_account_key`]).
pub async fn begin_login_attempt(
    uow: &mut UnitOfWork<'_>,
    account_id: Option<i64>,
    email: &str,
    now: i64,
) -> AppResult<Attempt> {
    let holder = match account_id {
        Some(id) => account_key(id, Credential::Password),
        None => unknown_account_key(email),
    };
    begin_counted(uow, Some(holder), now).await
}

async fn begin_counted(
    uow: &mut UnitOfWork<'_>,
    holder: Option<String>,
    now: i64,
) -> AppResult<Attempt> {
    let meta = uow.meta();
    let mut attempt = check_gates(&mut **uow, meta, holder, Lock::All, now).await?;
    count_failure(&mut **uow, &mut attempt, now).await?;
    // The caller commits before settling: the saved states may be stale by then.
    attempt.saved = None;
    Ok(attempt)
}

/// Which of an attempt's buckets its check locks.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Lock {
    All,
    /// The holder's bucket only. Parallel guesses at one account still queue behind each
    /// other, so its limit stays exact; guesses at many accounts from one address are
    /// all counted, but those already past the check when the address locks go on.
    HolderOnly,
}

/// Reads the attempt's buckets (one statement) and refuses it while any of them is
/// delayed or locked; counts nothing.
async fn check_gates(
    tx: &mut dyn WriteTx,
    meta: &RequestMeta,
    holder: Option<String>,
    lock: Lock,
    now: i64,
) -> AppResult<Attempt> {
    let address = address_key(&meta.ip);
    let (states, address_peeked) = match (&holder, lock) {
        (Some(holder), Lock::HolderOnly) => {
            let read = tx.throttles_locking(&[holder], &[&address], now).await?;
            (vec![read[1], read[0]], true)
        }
        _ => {
            let mut keys = vec![address.as_str()];
            keys.extend(holder.as_deref());
            (tx.throttles_for_update(&keys, now).await?, false)
        }
    };
    let mut keys = vec![address];
    keys.extend(holder);
    for state in &states {
        match state.gate(now) {
            Gate::Open => {}
            Gate::Wait { retry_after } => return Err(AppError::Throttled { retry_after }),
            Gate::Locked { until } => return Err(AppError::Locked { until }),
        }
    }
    Ok(Attempt {
        keys,
        locked_now: None,
        saved: Some(states),
        counted: false,
        address_peeked,
    })
}

/// Records the attempt as a failure in every bucket and saves them.
async fn count_failure(tx: &mut dyn WriteTx, attempt: &mut Attempt, now: i64) -> AppResult<()> {
    let Some(states) = attempt.saved.as_mut() else {
        return Ok(());
    };
    if attempt.address_peeked {
        states[0] = tx.throttle_for_update(&attempt.keys[0], now).await?;
        attempt.address_peeked = false;
    }
    for (key, state) in attempt.keys.iter().zip(states.iter_mut()) {
        if let FailureOutcome::LockedNow { until } = state.record_failure(policy_for(key), now) {
            if key.starts_with("account:") {
                attempt.locked_now = Some(until);
            }
        }
    }
    attempt.counted = true;
    save_all(tx, &attempt.keys, states, now).await
}

/// One statement for all of an attempt's buckets (their keys are distinct).
async fn save_all(
    tx: &mut dyn WriteTx,
    keys: &[String],
    states: &[ThrottleState],
    now: i64,
) -> AppResult<()> {
    let buckets: Vec<(&str, ThrottleState)> = keys
        .iter()
        .map(String::as_str)
        .zip(states.iter().copied())
        .collect();
    tx.save_throttles(&buckets, now).await?;
    Ok(())
}

/// Counts a request that makes keydesk send a mail (sign-up, password reset) against
/// the client address, in its own transaction; refused while the address is delayed or
/// locked. Kept apart from the credential buckets: mail requests are not guesses.
pub async fn count_mail_request(state: &AppState, meta: &RequestMeta, now: i64) -> AppResult<()> {
    let key = format!("mails:{}", meta.ip);
    count_request(state, meta, &key, &ThrottlePolicy::MAIL_REQUESTS, now).await
}

/// Counts one request against `key`'s bucket under `policy`, in its own transaction;
/// refused while the bucket is delayed or locked (a refused request is not counted).
pub async fn count_request(
    state: &AppState,
    meta: &RequestMeta,
    key: &str,
    policy: &ThrottlePolicy,
    now: i64,
) -> AppResult<()> {
    let mut tx = UnitOfWork::begin(state, meta).await?;
    let mut bucket = tx.throttle_for_update(key, now).await?;
    let gate = bucket.gate(now);
    if gate == Gate::Open {
        bucket.record_failure(policy, now);
        tx.save_throttle(key, &bucket, now).await?;
    }
    tx.commit().await?;
    match gate {
        Gate::Open => Ok(()),
        Gate::Wait { retry_after } => Err(AppError::Throttled { retry_after }),
        Gate::Locked { until } => Err(AppError::Locked { until }),
    }
}

/// The keys of an attempt's buckets: the account's for `credential`, then the client
/// address's.
pub fn attempt_keys(meta: &RequestMeta, account_id: i64, credential: Credential) -> [String; 2] {
    [account_key(account_id, credential), address_key(&meta.ip)]
}

/// Whether an attempt finding its buckets so may go through without writing either:
/// both open, and a success would leave the account's as it is (no run of failures to
/// end). Only then may a success skip [`attempt_in_tx`] and [`settle`].
pub fn passes_untouched(holder: &ThrottleState, address: &ThrottleState, now: i64) -> bool {
    let mut after = *holder;
    after.record_success(now);
    holder.gate(now) == Gate::Open && address.gate(now) == Gate::Open && after == *holder
}

/// Opens a write transaction holding the account's bucket, for a credential checked
/// inside it; `settle` in that same transaction counts a failure (locking and reading
/// again only the address's bucket, which the check read without its lock: every
/// success behind one address would otherwise wait for the one before it to commit).
/// A refused attempt (delayed or locked) changes nothing.
pub async fn attempt_in_tx<'a>(
    state: &'a AppState,
    meta: &'a RequestMeta,
    account_id: Option<i64>,
    credential: Credential,
    now: i64,
) -> AppResult<(UnitOfWork<'a>, Attempt)> {
    let mut uow = UnitOfWork::begin(state, meta).await?;
    let holder = account_id.map(|id| account_key(id, credential));
    let attempt = check_gates(&mut *uow, meta, holder, Lock::HolderOnly, now).await?;
    Ok((uow, attempt))
}

/// A success clears the run of failures; a failure stays counted, and if it locked the
/// account the owner gets a mail and the lock is audited.
pub async fn settle(
    uow: &mut UnitOfWork<'_>,
    mut attempt: Attempt,
    success: bool,
    owner: Option<Owner<'_>>,
    now: i64,
) -> AppResult<()> {
    let meta = uow.meta();
    let tx: &mut dyn WriteTx = &mut **uow;
    if !attempt.counted {
        if !success {
            count_failure(tx, &mut attempt, now).await?;
        } else if let Some(states) = &attempt.saved {
            // Nothing was counted: only a run of account failures has to end, and a
            // clean bucket costs no write.
            let mut changed: Vec<(&str, ThrottleState)> = Vec::new();
            for (key, s) in attempt.keys.iter().zip(states) {
                let mut after = *s;
                if key.starts_with("account:") {
                    after.record_success(now);
                }
                if after != *s {
                    changed.push((key.as_str(), after));
                }
            }
            tx.save_throttles(&changed, now).await?;
            return Ok(());
        }
    }
    if success {
        // The account's run ends. An address only gets this attempt back: its earlier
        // failures stay counted, or a guesser could clear them by signing in to an
        // account of their own now and then.
        let mut states = match attempt.saved {
            Some(saved) => saved,
            None => {
                let mut read = Vec::with_capacity(attempt.keys.len());
                for key in &attempt.keys {
                    read.push(tx.throttle_for_update(key, now).await?);
                }
                read
            }
        };
        for (key, s) in attempt.keys.iter().zip(states.iter_mut()) {
            if key.starts_with("account:") {
                s.record_success(now);
            } else {
                s.take_back_attempt(now);
            }
        }
        save_all(tx, &attempt.keys, &states, now).await?;
    } else if let (Some(until), Some(owner)) = (attempt.locked_now, owner) {
        // Rounded up, as the lock page rounds it: never "14 minutes" for a 15-minute lock.
        let minutes = ((until - now + 59) / 60).max(1);
        let second_factor = attempt.is_second_factor();
        uow.audit(
            Audit::own(AuditKind::Locked, owner.account_id)
                .detail(serde_json::json!({ "until": until, "ip": meta.ip })),
        )
        .await?;
        let kind = if second_factor {
            MailKind::LockedSecondFactor
        } else {
            MailKind::Locked
        };
        let until_text = crate::util::format_time_for(until, owner.lang, owner.zone);
        uow.mail(
            owner.email,
            owner.lang,
            kind,
            &[
                ("minutes", minutes.to_string()),
                ("until", until_text),
                ("ip", meta.ip.clone()),
                (
                    "device",
                    crate::device::describe(&uow.state().i18n, owner.lang, &meta.user_agent),
                ),
            ],
        )
        .await?;
        metrics::counter!("keydesk_account_locks_total").increment(1);
    }
    Ok(())
}
