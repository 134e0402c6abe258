//! Identity photos: every pre-check a customer ran, and the photos they sent (the file
//! is stored apart, under `file_name`).
use super::Statements;
use crate::exec::{Arg, CanWrite, Columns, Executor, FromRow, Row};
use crate::models::{NewPhotoSubmission, PhotoSubmission};
use crate::StoreResult;
use async_trait::async_trait;
use keydesk_domain::photo::kind::PhotoKind;

#[async_trait]
pub trait PhotoReads {
    /// Blocked pre-checks of this kind since `since`.
    async fn blocked_photo_checks(
        &mut self,
        account_id: i64,
        kind: PhotoKind,
        since: i64,
    ) -> StoreResult<i64>;
    async fn photo_submission(&mut self, id: i64) -> StoreResult<Option<PhotoSubmission>>;
    /// The account's newest submissions first.
    async fn photo_submissions_of_account(
        &mut self,
        account_id: i64,
    ) -> StoreResult<Vec<PhotoSubmission>>;
    async fn photo_file_known(&mut self, file_name: &str) -> StoreResult<bool>;
    /// The newest submissions of every customer, for the agents' queue.
    async fn recent_photo_submissions(&mut self, limit: i64) -> StoreResult<Vec<PhotoSubmission>>;
}

#[async_trait]
pub trait PhotoWrites {
    async fn record_photo_check(
        &mut self,
        account_id: i64,
        kind: PhotoKind,
        blocking: bool,
        now: i64,
    ) -> StoreResult<()>;
    async fn insert_photo_submission(&mut self, new: &NewPhotoSubmission<'_>) -> StoreResult<i64>;
}

/// A [`PhotoSubmission`]'s columns in its field order (see `account_columns!`).
macro_rules! submission_columns {
    () => {
        "id, account_id, kind, file_name, sha256, findings, blocking, created_at"
    };
}

impl FromRow for PhotoSubmission {
    fn from_row<R: Row + ?Sized>(c: &mut Columns<'_, R>) -> StoreResult<Self> {
        Ok(PhotoSubmission {
            id: c.read()?,
            account_id: c.read()?,
            kind: c.parse("kind", PhotoKind::parse)?,
            file_name: c.read()?,
            sha256: c.read()?,
            findings: c.read()?,
            blocking: c.read()?,
            created_at: c.read()?,
        })
    }
}

const RECORD_CHECK: &str =
    "INSERT INTO photo_checks (account_id, kind, blocking, created_at) VALUES ($1, $2, $3, $4)";
const BLOCKED_CHECKS: &str = "SELECT COUNT(*) FROM photo_checks \
     WHERE account_id = $1 AND kind = $2 AND blocking = 1 AND created_at >= $3";
const INSERT_SUBMISSION: &str = "INSERT INTO photo_submissions \
     (account_id, kind, file_name, sha256, findings, blocking, created_at) \
     VALUES ($1, $2, $3, $4, $5, $6, $7) RETURNING id";
const SUBMISSION: &str = concat!(
    "SELECT ",
    submission_columns!(),
    " FROM photo_submissions WHERE id = $1"
);
const SUBMISSIONS_OF_ACCOUNT: &str = concat!(
    "SELECT ",
    submission_columns!(),
    " FROM photo_submissions WHERE account_id = $1 ORDER BY id DESC"
);
const RECENT_SUBMISSIONS: &str = concat!(
    "SELECT ",
    submission_columns!(),
    " FROM photo_submissions ORDER BY id DESC LIMIT $1"
);
const FILE_KNOWN: &str = "SELECT COUNT(*) FROM photo_submissions WHERE file_name = $1";

pub(crate) const STATEMENTS: Statements = Statements {
    both: &[
        RECORD_CHECK,
        BLOCKED_CHECKS,
        INSERT_SUBMISSION,
        SUBMISSION,
        SUBMISSIONS_OF_ACCOUNT,
        RECENT_SUBMISSIONS,
        FILE_KNOWN,
    ],
    ..Statements::NONE
};

#[async_trait]
impl<E: Executor> PhotoReads for E {
    async fn blocked_photo_checks(
        &mut self,
        account_id: i64,
        kind: PhotoKind,
        since: i64,
    ) -> StoreResult<i64> {
        let args = [
            Arg::I64(account_id),
            Arg::Text(kind.as_str()),
            Arg::I64(since),
        ];
        self.fetch_one(BLOCKED_CHECKS, &args).await
    }

    async fn photo_submission(&mut self, id: i64) -> StoreResult<Option<PhotoSubmission>> {
        self.fetch_optional(SUBMISSION, &[Arg::I64(id)]).await
    }

    async fn photo_submissions_of_account(
        &mut self,
        account_id: i64,
    ) -> StoreResult<Vec<PhotoSubmission>> {
        self.fetch_all(SUBMISSIONS_OF_ACCOUNT, &[Arg::I64(account_id)])
            .await
    }

    async fn photo_file_known(&mut self, file_name: &str) -> StoreResult<bool> {
        let n: i64 = self.fetch_one(FILE_KNOWN, &[Arg::Text(file_name)]).await?;
        Ok(n > 0)
    }

    async fn recent_photo_submissions(&mut self, limit: i64) -> StoreResult<Vec<PhotoSubmission>> {
        self.fetch_all(RECENT_SUBMISSIONS, &[Arg::I64(limit)]).await
    }
}

#[async_trait]
impl<E: CanWrite> PhotoWrites for E {
    async fn record_photo_check(
        &mut self,
        account_id: i64,
        kind: PhotoKind,
        blocking: bool,
        now: i64,
    ) -> StoreResult<()> {
        let args = [
            Arg::I64(account_id),
            Arg::Text(kind.as_str()),
            Arg::Bool(blocking),
            Arg::I64(now),
        ];
        self.execute(RECORD_CHECK, &args).await?;
        Ok(())
    }

    async fn insert_photo_submission(&mut self, n: &NewPhotoSubmission<'_>) -> StoreResult<i64> {
        let args = [
            Arg::I64(n.account_id),
            Arg::Text(n.kind.as_str()),
            Arg::Text(n.file_name),
            Arg::Text(n.sha256),
            Arg::Text(n.findings),
            Arg::Bool(n.blocking),
            Arg::I64(n.now),
        ];
        self.fetch_one(INSERT_SUBMISSION, &args).await
    }
}
