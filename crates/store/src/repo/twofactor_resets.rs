//! 2FA reset cases: at most one open per account (a partial unique index), versioned
//! updates, the cases whose security delay is over, and the "this wasn't me" link found
//! by its token's hash.
use super::Statements;
use crate::exec::{Arg, CanWrite, Columns, Executor, FromRow, Row};
use crate::models::TwofactorReset;
use crate::{StoreError, StoreResult};
use async_trait::async_trait;
use keydesk_domain::twofactor_reset::case::{RefusalReason, ResetCase, ResetPath, ResetStatus};

#[async_trait]
pub trait ResetReads {
    async fn twofactor_reset(&mut self, id: i64) -> StoreResult<Option<TwofactorReset>>;
    /// The account's open case (neither executed nor cancelled), if any.
    async fn open_twofactor_reset(
        &mut self,
        account_id: i64,
    ) -> StoreResult<Option<TwofactorReset>>;
    async fn twofactor_reset_of_request(
        &mut self,
        request_id: i64,
    ) -> StoreResult<Option<TwofactorReset>>;
    /// The case a "this wasn't me" link names, by the SHA-256 of its token.
    async fn twofactor_reset_by_cancel_hash(
        &mut self,
        hash: &str,
    ) -> StoreResult<Option<TwofactorReset>>;
    /// Cases waiting out a delay that ended at or before `now`; at most `limit`.
    /// The cases an agent may have to act on (submitted, in review, waiting), oldest
    /// change first; at most `limit`.
    async fn open_twofactor_resets(&mut self, limit: i64) -> StoreResult<Vec<TwofactorReset>>;
    async fn twofactor_resets_due(
        &mut self,
        now: i64,
        limit: i64,
    ) -> StoreResult<Vec<TwofactorReset>>;
}

#[async_trait]
pub trait ResetWrites {
    /// A new case; fails with a conflict when the account already has an open one.
    async fn insert_twofactor_reset(
        &mut self,
        account_id: i64,
        case: &ResetCase,
        request_id: Option<i64>,
        cancel_hash: &str,
        now: i64,
    ) -> StoreResult<i64>;
    /// Writes the case if it is still at `version`; `false`: someone changed it meanwhile.
    async fn update_twofactor_reset(
        &mut self,
        id: i64,
        version: i64,
        case: &ResetCase,
        request_id: Option<i64>,
        now: i64,
    ) -> StoreResult<bool>;
    /// Another "this wasn't me" link for the case (kept as its token's SHA-256).
    async fn insert_twofactor_reset_link(
        &mut self,
        reset_id: i64,
        hash: &str,
        now: i64,
    ) -> StoreResult<()>;
}

macro_rules! columns {
    () => {
        "id, account_id, path, status, attempt, reasons, approvals, delay_ends_at, request_id, \
         version, created_at, updated_at"
    };
}

impl FromRow for TwofactorReset {
    fn from_row<R: Row + ?Sized>(c: &mut Columns<'_, R>) -> StoreResult<Self> {
        let id = c.read()?;
        let account_id = c.read()?;
        let path = c.parse("path", ResetPath::parse)?;
        let status = c.parse("status", ResetStatus::parse)?;
        let attempt: i64 = c.read()?;
        let reasons: String = c.read()?;
        let approvals: String = c.read()?;
        Ok(TwofactorReset {
            id,
            account_id,
            case: ResetCase {
                path,
                status,
                attempt: u32::try_from(attempt)
                    .map_err(|_| StoreError::decode("attempt", &attempt.to_string()))?,
                reasons: reasons
                    .split_whitespace()
                    .map(|w| {
                        RefusalReason::parse(w).ok_or_else(|| StoreError::decode("reasons", w))
                    })
                    .collect::<StoreResult<_>>()?,
                approvals: approvals
                    .split_whitespace()
                    .map(|w| w.parse().map_err(|_| StoreError::decode("approvals", w)))
                    .collect::<StoreResult<_>>()?,
                delay_ends_at: c.read()?,
            },
            request_id: c.read()?,
            version: c.read()?,
            created_at: c.read()?,
            updated_at: c.read()?,
        })
    }
}

const BY_ID: &str = concat!(
    "SELECT ",
    columns!(),
    " FROM twofactor_resets WHERE id = $1"
);
const OPEN_OF_ACCOUNT: &str = concat!(
    "SELECT ",
    columns!(),
    " FROM twofactor_resets WHERE account_id = $1 AND status NOT IN ('executed', 'cancelled')"
);
const OF_REQUEST: &str = concat!(
    "SELECT ",
    columns!(),
    " FROM twofactor_resets WHERE request_id = $1 ORDER BY id DESC LIMIT 1"
);
const BY_CANCEL_HASH: &str = concat!(
    "SELECT ",
    columns!(),
    " FROM twofactor_resets WHERE cancel_hash = $1 \
     OR id = (SELECT reset_id FROM twofactor_reset_links WHERE hash = $1)"
);
const DUE: &str = concat!(
    "SELECT ",
    columns!(),
    " FROM twofactor_resets WHERE status = 'waiting' AND delay_ends_at <= $1 \
     ORDER BY delay_ends_at, id LIMIT $2"
);
const OPEN: &str = concat!(
    "SELECT ",
    columns!(),
    " FROM twofactor_resets WHERE status IN ('submitted', 'in_review', 'waiting') \
     ORDER BY updated_at, id LIMIT $1"
);
const INSERT_LINK: &str =
    "INSERT INTO twofactor_reset_links (hash, reset_id, created_at) VALUES ($1, $2, $3)";
const INSERT: &str = "INSERT INTO twofactor_resets \
     (account_id, path, status, attempt, reasons, approvals, delay_ends_at, request_id, \
     cancel_hash, version, created_at, updated_at) \
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, 1, $10, $10) RETURNING id";
const UPDATE: &str = "UPDATE twofactor_resets \
     SET status = $3, attempt = $4, reasons = $5, approvals = $6, delay_ends_at = $7, \
     request_id = $8, version = version + 1, updated_at = $9 WHERE id = $1 AND version = $2";

pub(crate) const STATEMENTS: Statements = Statements {
    both: &[
        BY_ID,
        OPEN_OF_ACCOUNT,
        OF_REQUEST,
        BY_CANCEL_HASH,
        DUE,
        OPEN,
        INSERT_LINK,
        INSERT,
        UPDATE,
    ],
    ..Statements::NONE
};

fn reasons(case: &ResetCase) -> String {
    case.reasons
        .iter()
        .map(|r| r.as_str())
        .collect::<Vec<_>>()
        .join(" ")
}

fn approvals(case: &ResetCase) -> String {
    case.approvals
        .iter()
        .map(i64::to_string)
        .collect::<Vec<_>>()
        .join(" ")
}

#[async_trait]
impl<E: Executor> ResetReads for E {
    async fn twofactor_reset(&mut self, id: i64) -> StoreResult<Option<TwofactorReset>> {
        self.fetch_optional(BY_ID, &[Arg::I64(id)]).await
    }

    async fn open_twofactor_reset(
        &mut self,
        account_id: i64,
    ) -> StoreResult<Option<TwofactorReset>> {
        self.fetch_optional(OPEN_OF_ACCOUNT, &[Arg::I64(account_id)])
            .await
    }

    async fn twofactor_reset_of_request(
        &mut self,
        request_id: i64,
    ) -> StoreResult<Option<TwofactorReset>> {
        self.fetch_optional(OF_REQUEST, &[Arg::I64(request_id)])
            .await
    }

    async fn twofactor_reset_by_cancel_hash(
        &mut self,
        hash: &str,
    ) -> StoreResult<Option<TwofactorReset>> {
        self.fetch_optional(BY_CANCEL_HASH, &[Arg::Text(hash)])
            .await
    }

    async fn open_twofactor_resets(&mut self, limit: i64) -> StoreResult<Vec<TwofactorReset>> {
        self.fetch_all(OPEN, &[Arg::I64(limit)]).await
    }

    async fn twofactor_resets_due(
        &mut self,
        now: i64,
        limit: i64,
    ) -> StoreResult<Vec<TwofactorReset>> {
        self.fetch_all(DUE, &[Arg::I64(now), Arg::I64(limit)]).await
    }
}

#[async_trait]
impl<E: CanWrite> ResetWrites for E {
    async fn insert_twofactor_reset(
        &mut self,
        account_id: i64,
        case: &ResetCase,
        request_id: Option<i64>,
        cancel_hash: &str,
        now: i64,
    ) -> StoreResult<i64> {
        let (reasons, approvals) = (reasons(case), approvals(case));
        let args = [
            Arg::I64(account_id),
            Arg::Text(case.path.as_str()),
            Arg::Text(case.status.as_str()),
            Arg::I64(i64::from(case.attempt)),
            Arg::Text(&reasons),
            Arg::Text(&approvals),
            Arg::OptI64(case.delay_ends_at),
            Arg::OptI64(request_id),
            Arg::Text(cancel_hash),
            Arg::I64(now),
        ];
        self.fetch_one(INSERT, &args).await
    }

    async fn update_twofactor_reset(
        &mut self,
        id: i64,
        version: i64,
        case: &ResetCase,
        request_id: Option<i64>,
        now: i64,
    ) -> StoreResult<bool> {
        let (reasons, approvals) = (reasons(case), approvals(case));
        let args = [
            Arg::I64(id),
            Arg::I64(version),
            Arg::Text(case.status.as_str()),
            Arg::I64(i64::from(case.attempt)),
            Arg::Text(&reasons),
            Arg::Text(&approvals),
            Arg::OptI64(case.delay_ends_at),
            Arg::OptI64(request_id),
            Arg::I64(now),
        ];
        Ok(self.execute(UPDATE, &args).await? == 1)
    }

    async fn insert_twofactor_reset_link(
        &mut self,
        reset_id: i64,
        hash: &str,
        now: i64,
    ) -> StoreResult<()> {
        self.execute(
            INSERT_LINK,
            &[Arg::Text(hash), Arg::I64(reset_id), Arg::I64(now)],
        )
        .await?;
        Ok(())
    }
}
