//! The durable job queue, claimed by several workers (instances) at once, and the
//! embedded outbox where mails land when no SMTP relay is configured.
use super::Statements;
use crate::exec::{Arg, CanWrite, Columns, Executor, FromRow, Row};
use crate::models::{Job, NewOutboxMail, OutboxMail, StoredPayload};
use crate::{Backend, StoreResult};
use async_trait::async_trait;
use keydesk_domain::jobs::JobKind;

#[async_trait]
pub trait JobReads {
    /// Jobs neither done nor given up on.
    async fn pending_job_count(&mut self) -> StoreResult<i64>;
    /// The newest mails first.
    async fn outbox_mails(&mut self, limit: i64) -> StoreResult<Vec<OutboxMail>>;
    async fn outbox_mail(&mut self, id: i64) -> StoreResult<Option<OutboxMail>>;
    /// Jobs that still hold a payload (not done), by id after `after`: a page for
    /// `keys reseal`, each with its kind as stored (a newer version's kinds too: their
    /// payloads are sealed the same way).
    async fn jobs_with_payload_after(
        &mut self,
        after: i64,
        limit: i64,
    ) -> StoreResult<Vec<StoredPayload>>;
    /// Kept mails by id after `after`, oldest first: a page for `keys reseal`.
    async fn outbox_mails_after(&mut self, after: i64, limit: i64) -> StoreResult<Vec<OutboxMail>>;
}

#[async_trait]
pub trait JobWrites {
    async fn enqueue_job(
        &mut self,
        kind: JobKind,
        payload: &str,
        run_at: i64,
        now: i64,
    ) -> StoreResult<i64>;
    /// Claims due jobs for `lease` seconds; several workers never claim the same job.
    async fn claim_jobs(&mut self, now: i64, lease: i64, limit: i64) -> StoreResult<Vec<Job>>;
    async fn complete_job(&mut self, id: i64, now: i64) -> StoreResult<()>;
    /// `retry_at: None` gives up on the job (kept for operators to read).
    async fn fail_job(
        &mut self,
        id: i64,
        error: &str,
        retry_at: Option<i64>,
        now: i64,
    ) -> StoreResult<()>;
    async fn insert_outbox_mail(&mut self, mail: &NewOutboxMail<'_>) -> StoreResult<i64>;
    /// Replaces a job's sealed payload; false when it changed meanwhile (it ran).
    async fn reseal_job(&mut self, id: i64, old: &str, new: &str) -> StoreResult<bool>;
    /// Replaces a kept mail's sealed bodies; false when they changed meanwhile.
    async fn reseal_outbox_mail(
        &mut self,
        id: i64,
        old: (&str, &str),
        new: (&str, &str),
    ) -> StoreResult<bool>;
}

/// A claimed row with its kind as stored: a kind this version does not know (queued by
/// a newer one, during a rolling upgrade) must not fail the whole batch.
struct Claimed {
    id: i64,
    kind: String,
    payload: String,
    run_at: i64,
    attempts: i64,
    last_error: Option<String>,
}

/// Columns as [`CLAIM_SQLITE`] and [`CLAIM_POSTGRES`] return them.
impl FromRow for Claimed {
    fn from_row<R: Row + ?Sized>(c: &mut Columns<'_, R>) -> StoreResult<Self> {
        Ok(Claimed {
            id: c.read()?,
            kind: c.read()?,
            payload: c.read()?,
            run_at: c.read()?,
            attempts: c.read()?,
            last_error: c.read()?,
        })
    }
}

impl FromRow for StoredPayload {
    fn from_row<R: Row + ?Sized>(c: &mut Columns<'_, R>) -> StoreResult<Self> {
        Ok(StoredPayload {
            id: c.read()?,
            kind: c.read()?,
            payload: c.read()?,
        })
    }
}

/// How long a job of an unknown kind waits before it is claimed again: an instance that
/// knows the kind takes it meanwhile.
pub const UNKNOWN_KIND_RETRY_SECONDS: i64 = 3600;

/// An [`OutboxMail`]'s columns in its field order (see `account_columns!`).
macro_rules! outbox_columns {
    () => {
        "id, to_addr, subject, body_text, body_html, created_at, headers"
    };
}

impl FromRow for OutboxMail {
    fn from_row<R: Row + ?Sized>(c: &mut Columns<'_, R>) -> StoreResult<Self> {
        Ok(OutboxMail {
            id: c.read()?,
            to_addr: c.read()?,
            subject: c.read()?,
            body_text: c.read()?,
            body_html: c.read()?,
            created_at: c.read()?,
            headers: c.read()?,
        })
    }
}

const ENQUEUE: &str =
    "INSERT INTO jobs (kind, payload, run_at, created_at) VALUES ($1, $2, $3, $4) RETURNING id";
/// SQLite has one writer, so nobody else can claim the rows meanwhile.
pub(super) const CLAIM_SQLITE: &str = "UPDATE jobs SET locked_until = $2, attempts = attempts + 1 \
     WHERE id IN (SELECT id FROM jobs WHERE done_at IS NULL AND dead_at IS NULL AND run_at <= $1 \
     AND (locked_until IS NULL OR locked_until <= $1) ORDER BY run_at, id LIMIT $3) \
     RETURNING id, kind, payload, run_at, attempts, last_error";
/// Workers on other instances skip the rows one of them is claiming, instead of
/// waiting for it and then claiming nothing.
pub(super) const CLAIM_POSTGRES: &str =
    "UPDATE jobs SET locked_until = $2, attempts = attempts + 1 \
     WHERE id IN (SELECT id FROM jobs WHERE done_at IS NULL AND dead_at IS NULL AND run_at <= $1 \
     AND (locked_until IS NULL OR locked_until <= $1) ORDER BY run_at, id LIMIT $3 \
     FOR UPDATE SKIP LOCKED) \
     RETURNING id, kind, payload, run_at, attempts, last_error";
// A done job keeps no payload: what it carried (a mail's links) has no use any more.
const COMPLETE: &str =
    "UPDATE jobs SET done_at = $2, locked_until = NULL, payload = '' WHERE id = $1";
const FAIL: &str = "UPDATE jobs SET last_error = $2, locked_until = NULL, \
     run_at = COALESCE($3, run_at), dead_at = $4 WHERE id = $1";
const PENDING_COUNT: &str = "SELECT COUNT(*) FROM jobs WHERE done_at IS NULL AND dead_at IS NULL";
const INSERT_OUTBOX_MAIL: &str = "INSERT INTO outbox_mails \
     (to_addr, subject, body_text, body_html, created_at, headers) \
     VALUES ($1, $2, $3, $4, $5, $6) RETURNING id";
const OUTBOX_MAILS: &str = concat!(
    "SELECT ",
    outbox_columns!(),
    " FROM outbox_mails ORDER BY id DESC LIMIT $1"
);
const OUTBOX_MAIL: &str = concat!(
    "SELECT ",
    outbox_columns!(),
    " FROM outbox_mails WHERE id = $1"
);
const WITH_PAYLOAD_AFTER: &str =
    "SELECT id, kind, payload FROM jobs WHERE id > $1 AND done_at IS NULL ORDER BY id LIMIT $2";
const OUTBOX_AFTER: &str = concat!(
    "SELECT ",
    outbox_columns!(),
    " FROM outbox_mails WHERE id > $1 ORDER BY id LIMIT $2"
);
const PARK_UNKNOWN: &str =
    "UPDATE jobs SET locked_until = NULL, run_at = $3, last_error = $2 WHERE id = $1";
const RESEAL_JOB: &str = "UPDATE jobs SET payload = $3 WHERE id = $1 AND payload = $2";
const RESEAL_OUTBOX_MAIL: &str = "UPDATE outbox_mails SET body_text = $4, body_html = $5 \
     WHERE id = $1 AND body_text = $2 AND body_html = $3";

pub(crate) const STATEMENTS: Statements = Statements {
    both: &[
        ENQUEUE,
        COMPLETE,
        FAIL,
        PENDING_COUNT,
        INSERT_OUTBOX_MAIL,
        OUTBOX_MAILS,
        OUTBOX_MAIL,
        WITH_PAYLOAD_AFTER,
        OUTBOX_AFTER,
        RESEAL_JOB,
        RESEAL_OUTBOX_MAIL,
        PARK_UNKNOWN,
    ],
    sqlite_only: &[CLAIM_SQLITE],
    postgres_only: &[CLAIM_POSTGRES],
};

#[async_trait]
impl<E: Executor> JobReads for E {
    async fn pending_job_count(&mut self) -> StoreResult<i64> {
        self.fetch_one(PENDING_COUNT, &[]).await
    }

    async fn outbox_mails(&mut self, limit: i64) -> StoreResult<Vec<OutboxMail>> {
        self.fetch_all(OUTBOX_MAILS, &[Arg::I64(limit)]).await
    }

    async fn outbox_mail(&mut self, id: i64) -> StoreResult<Option<OutboxMail>> {
        self.fetch_optional(OUTBOX_MAIL, &[Arg::I64(id)]).await
    }

    async fn jobs_with_payload_after(
        &mut self,
        after: i64,
        limit: i64,
    ) -> StoreResult<Vec<StoredPayload>> {
        self.fetch_all(WITH_PAYLOAD_AFTER, &[Arg::I64(after), Arg::I64(limit)])
            .await
    }

    async fn outbox_mails_after(&mut self, after: i64, limit: i64) -> StoreResult<Vec<OutboxMail>> {
        self.fetch_all(OUTBOX_AFTER, &[Arg::I64(after), Arg::I64(limit)])
            .await
    }
}

#[async_trait]
impl<E: CanWrite> JobWrites for E {
    async fn enqueue_job(
        &mut self,
        kind: JobKind,
        payload: &str,
        run_at: i64,
        now: i64,
    ) -> StoreResult<i64> {
        let args = [
            Arg::Text(kind.as_str()),
            Arg::Text(payload),
            Arg::I64(run_at),
            Arg::I64(now),
        ];
        self.fetch_one(ENQUEUE, &args).await
    }

    async fn claim_jobs(&mut self, now: i64, lease: i64, limit: i64) -> StoreResult<Vec<Job>> {
        let sql = match self.backend() {
            Backend::Sqlite => CLAIM_SQLITE,
            Backend::Postgres => CLAIM_POSTGRES,
        };
        let args = [Arg::I64(now), Arg::I64(now + lease), Arg::I64(limit)];
        let claimed: Vec<Claimed> = self.fetch_all(sql, &args).await?;
        let mut jobs = Vec::with_capacity(claimed.len());
        for row in claimed {
            match JobKind::parse(&row.kind) {
                Some(kind) => jobs.push(Job {
                    id: row.id,
                    kind,
                    payload: row.payload,
                    run_at: row.run_at,
                    attempts: row.attempts,
                    last_error: row.last_error,
                }),
                None => {
                    let why = format!(
                        "unknown job kind {:?}: left for an instance that knows it",
                        row.kind
                    );
                    let args = [
                        Arg::I64(row.id),
                        Arg::Text(&why),
                        Arg::I64(now + UNKNOWN_KIND_RETRY_SECONDS),
                    ];
                    self.execute(PARK_UNKNOWN, &args).await?;
                }
            }
        }
        Ok(jobs)
    }

    async fn complete_job(&mut self, id: i64, now: i64) -> StoreResult<()> {
        self.execute(COMPLETE, &[Arg::I64(id), Arg::I64(now)])
            .await?;
        Ok(())
    }

    async fn fail_job(
        &mut self,
        id: i64,
        error: &str,
        retry_at: Option<i64>,
        now: i64,
    ) -> StoreResult<()> {
        let args = [
            Arg::I64(id),
            Arg::Text(error),
            Arg::OptI64(retry_at),
            // Given up on: dead from now on.
            Arg::OptI64(retry_at.is_none().then_some(now)),
        ];
        self.execute(FAIL, &args).await?;
        Ok(())
    }

    async fn reseal_job(&mut self, id: i64, old: &str, new: &str) -> StoreResult<bool> {
        let args = [Arg::I64(id), Arg::Text(old), Arg::Text(new)];
        Ok(self.execute(RESEAL_JOB, &args).await? == 1)
    }

    async fn reseal_outbox_mail(
        &mut self,
        id: i64,
        old: (&str, &str),
        new: (&str, &str),
    ) -> StoreResult<bool> {
        let args = [
            Arg::I64(id),
            Arg::Text(old.0),
            Arg::Text(old.1),
            Arg::Text(new.0),
            Arg::Text(new.1),
        ];
        Ok(self.execute(RESEAL_OUTBOX_MAIL, &args).await? == 1)
    }

    async fn insert_outbox_mail(&mut self, m: &NewOutboxMail<'_>) -> StoreResult<i64> {
        let args = [
            Arg::Text(m.to_addr),
            Arg::Text(m.subject),
            Arg::Text(m.body_text),
            Arg::Text(m.body_html),
            Arg::I64(m.now),
            Arg::Text(m.headers),
        ];
        self.fetch_one(INSERT_OUTBOX_MAIL, &args).await
    }
}
