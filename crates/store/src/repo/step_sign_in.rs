//! The TOTP step of a login in two statements and no transaction of its own, for the
//! common case where it changes only the factor's step, the session and the audit
//! trail (every bucket open, none to count in or to clear, the code right): one read
//! ([`CHECK`]), and one write that holds its conditions itself ([`SIGN_IN_POSTGRES`]).
//! On PostgreSQL a transaction of its own costs four more round trips (BEGIN, the
//! bucket lock, the factor read, COMMIT) and holds the account's bucket across the
//! commit's flush. Anything else goes the way of the transaction in the server, which
//! decides it afresh.
use super::audit::audit_args;
use super::sessions::session_args;
use super::throttle::joined_state;
use super::Statements;
use crate::exec::{Arg, Columns, Executor, FromRow, Row};
use crate::models::{NewAuditEvent, NewSession, TotpFactor};
use crate::{StoreResult, WriteTx};
use async_trait::async_trait;
use keydesk_domain::throttle::ThrottleState;

/// What a TOTP step checks before it writes: the account's active factor and the two
/// buckets (the account's for this credential, the client address's).
#[derive(Debug, Clone)]
pub struct StepCheck {
    pub factor: TotpFactor,
    /// `None` for a bucket never written.
    pub holder: Option<ThrottleState>,
    pub address: ThrottleState,
}

impl FromRow for StepCheck {
    fn from_row<R: Row + ?Sized>(c: &mut Columns<'_, R>) -> StoreResult<Self> {
        Ok(StepCheck {
            factor: TotpFactor::from_row(c)?,
            holder: joined_state(c)?,
            address: joined_state(c)?.unwrap_or_default(),
        })
    }
}

/// The write of a checked step.
pub struct StepSignIn<'a> {
    pub holder_key: &'a str,
    /// The account's bucket as the check read it: the write happens only if it is
    /// still so (a failure counted meanwhile may have locked the account).
    pub holder_read: Option<ThrottleState>,
    pub factor_id: i64,
    pub step: i64,
    pub session_id: i64,
    pub session: &'a NewSession<'a>,
    pub audit: &'a NewAuditEvent<'a>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum StepOutcome {
    /// The step is consumed, the session rotated and the login audited.
    SignedIn,
    /// Nothing was written: the account's bucket changed since the check.
    BucketChanged,
    /// Nothing was written: the step (or a later one) was used meanwhile, or the factor
    /// is gone.
    StepUsed,
    /// The session ended meanwhile (the step may be consumed).
    SessionEnded,
}

macro_rules! bucket_columns {
    ($t:literal) => {
        concat!(
            $t,
            ".failures, ",
            $t,
            ".locks, ",
            $t,
            ".next_allowed_at, ",
            $t,
            ".locked_until, ",
            $t,
            ".last_failure_at"
        )
    };
}

/// `$1` the account, `$2` the account's bucket, `$3` the address's. No row without an
/// active factor.
pub(crate) const CHECK: &str = concat!(
    "SELECT f.id, f.account_id, f.secret_enc, f.status, f.last_step, f.created_at, \
     f.activated_at, ",
    bucket_columns!("h"),
    ", ",
    bucket_columns!("a"),
    " FROM totp_factors f \
     LEFT JOIN throttles h ON h.key = $2 \
     LEFT JOIN throttles a ON a.key = $3 \
     WHERE f.account_id = $1 AND f.status = 'active'"
);

/// One statement, so one atomic commit: the account's bucket is locked and compared
/// with what the check read ($1 key, $2 whether it existed, $3–$7 its columns); only
/// then is the step advanced ($8 factor, $9 step), only then the session rotated
/// (`sessions::ROTATE`'s parameters, from $10) and only then the login audited
/// (`audit::INSERT`'s, from $19).
pub(crate) const SIGN_IN_POSTGRES: &str = "WITH held AS (\
       SELECT failures, locks, next_allowed_at, locked_until, last_failure_at \
       FROM throttles WHERE key = $1 FOR UPDATE), \
     unchanged AS (\
       SELECT CASE WHEN $2 = 0 THEN NOT EXISTS (SELECT 1 FROM held) \
       ELSE EXISTS (SELECT 1 FROM held WHERE failures = $3 AND locks = $4 \
         AND next_allowed_at = $5 AND locked_until = $6 AND last_failure_at = $7) END AS ok), \
     step AS (\
       UPDATE totp_factors SET last_step = $9 \
       WHERE id = $8 AND (last_step IS NULL OR last_step < $9) AND (SELECT ok FROM unchanged) \
       RETURNING id), \
     rotated AS (\
       UPDATE sessions SET token_hash = $11, kind = $13, created_at = $14, \
       last_seen_at = $14, expires_at = $15, mfa_verified_at = $16, ip = $17, user_agent = $18 \
       WHERE id = $10 AND account_id = $12 AND EXISTS (SELECT 1 FROM step) \
       RETURNING id), \
     audited AS (\
       INSERT INTO audit_events (account_id, actor_id, kind, ip, user_agent, detail, created_at) \
       SELECT $19, $20, $21, $22, $23, $24, $25 WHERE EXISTS (SELECT 1 FROM rotated)) \
     SELECT (SELECT count(*) FROM unchanged WHERE ok), (SELECT count(*) FROM step), \
       (SELECT count(*) FROM rotated)";

pub(crate) const STATEMENTS: Statements = Statements {
    both: &[CHECK],
    postgres_only: &[SIGN_IN_POSTGRES],
    ..Statements::NONE
};

#[async_trait]
pub trait StepReads {
    /// The account's active factor and its two buckets; `None` without an active factor.
    async fn step_check(
        &mut self,
        account_id: i64,
        holder_key: &str,
        address_key: &str,
    ) -> StoreResult<Option<StepCheck>>;
}

#[async_trait]
impl<E: Executor> StepReads for E {
    async fn step_check(
        &mut self,
        account_id: i64,
        holder_key: &str,
        address_key: &str,
    ) -> StoreResult<Option<StepCheck>> {
        let args = [
            Arg::I64(account_id),
            Arg::Text(holder_key),
            Arg::Text(address_key),
        ];
        self.fetch_optional(CHECK, &args).await
    }
}

struct Flags(i64, i64, i64);

impl FromRow for Flags {
    fn from_row<R: Row + ?Sized>(c: &mut Columns<'_, R>) -> StoreResult<Self> {
        Ok(Flags(c.read()?, c.read()?, c.read()?))
    }
}

/// [`SIGN_IN_POSTGRES`], outside any transaction: on a pooled connection, which is
/// not [`CanWrite`](crate::exec::CanWrite) because no other write may run outside a transaction.
pub(crate) async fn sign_in_postgres<E: Executor>(
    exec: &mut E,
    s: &StepSignIn<'_>,
) -> StoreResult<StepOutcome> {
    let read = s.holder_read.unwrap_or_default();
    let mut args = vec![
        Arg::Text(s.holder_key),
        Arg::I64(i64::from(s.holder_read.is_some())),
        Arg::I64(read.failures.into()),
        Arg::I64(read.locks.into()),
        Arg::I64(read.next_allowed_at),
        Arg::I64(read.locked_until),
        Arg::I64(read.last_failure_at),
        Arg::I64(s.factor_id),
        Arg::I64(s.step),
    ];
    args.extend(session_args(s.session_id, s.session));
    args.extend(audit_args(s.audit));
    let flags: Option<Flags> = exec.fetch_optional(SIGN_IN_POSTGRES, &args).await?;
    let Flags(unchanged, stepped, rotated) = flags.unwrap_or(Flags(0, 0, 0));
    Ok(match (unchanged, stepped, rotated) {
        (0, _, _) => StepOutcome::BucketChanged,
        (_, 0, _) => StepOutcome::StepUsed,
        (_, _, 0) => StepOutcome::SessionEnded,
        _ => StepOutcome::SignedIn,
    })
}

/// The same write as [`SIGN_IN_POSTGRES`] statement by statement, in a write
/// transaction the caller commits only on [`StepOutcome::SignedIn`] (SQLite, whose one
/// writer makes the bucket's read as good as its lock).
pub(crate) async fn sign_in_in_tx(
    tx: &mut dyn WriteTx,
    s: &StepSignIn<'_>,
) -> StoreResult<StepOutcome> {
    let now = tx
        .throttles_for_update(&[s.holder_key], s.session.now)
        .await?;
    if now.first().copied().unwrap_or_default() != s.holder_read.unwrap_or_default() {
        return Ok(StepOutcome::BucketChanged);
    }
    if !tx.advance_factor_step(s.factor_id, s.step).await? {
        return Ok(StepOutcome::StepUsed);
    }
    if !tx.rotate_session_token(s.session_id, s.session).await? {
        return Ok(StepOutcome::SessionEnded);
    }
    tx.insert_audit(s.audit).await?;
    Ok(StepOutcome::SignedIn)
}
