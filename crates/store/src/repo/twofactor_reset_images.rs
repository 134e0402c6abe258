//! A reset case's images (encrypted files, rows naming them), the cases whose images are
//! past retention, and the file names the orphan sweep asks about.
use super::Statements;
use crate::exec::{Arg, CanWrite, Columns, Executor, FromRow, Row};
use crate::models::{NewResetImage, ResetImage};
use crate::StoreResult;
use async_trait::async_trait;
use keydesk_domain::twofactor_reset::image::ResetImageKind;

#[async_trait]
pub trait ResetImageReads {
    /// The case's images, every attempt's, oldest first.
    async fn twofactor_reset_images(&mut self, reset_id: i64) -> StoreResult<Vec<ResetImage>>;
    async fn twofactor_reset_image(&mut self, id: i64) -> StoreResult<Option<ResetImage>>;
    /// Whether a row names this file (the orphan sweep's question).
    async fn twofactor_reset_image_known(&mut self, file_name: &str) -> StoreResult<bool>;
    /// Closed cases (carried out or cancelled) before `closed_before` that still have
    /// images; at most `limit`.
    async fn twofactor_resets_to_purge(
        &mut self,
        closed_before: i64,
        limit: i64,
    ) -> StoreResult<Vec<i64>>;
}

#[async_trait]
pub trait ResetImageWrites {
    async fn insert_twofactor_reset_image(&mut self, image: &NewResetImage<'_>)
        -> StoreResult<i64>;
    /// Deletes the case's image rows; the names of their files, to delete next.
    async fn delete_twofactor_reset_images(&mut self, reset_id: i64) -> StoreResult<Vec<String>>;
}

impl FromRow for ResetImage {
    fn from_row<R: Row + ?Sized>(c: &mut Columns<'_, R>) -> StoreResult<Self> {
        Ok(ResetImage {
            id: c.read()?,
            reset_id: c.read()?,
            account_id: c.read()?,
            attempt: c.read()?,
            kind: c.parse("kind", ResetImageKind::parse)?,
            file_name: c.read()?,
            sealed_key: c.read()?,
            sha256: c.read()?,
            findings: c.read()?,
            blocking: c.read::<i64>()? != 0,
            created_at: c.read()?,
        })
    }
}

struct FileName(String);

impl FromRow for FileName {
    fn from_row<R: Row + ?Sized>(c: &mut Columns<'_, R>) -> StoreResult<Self> {
        Ok(FileName(c.read()?))
    }
}

struct Id(i64);

impl FromRow for Id {
    fn from_row<R: Row + ?Sized>(c: &mut Columns<'_, R>) -> StoreResult<Self> {
        Ok(Id(c.read()?))
    }
}

const OF_RESET: &str = "SELECT id, reset_id, account_id, attempt, kind, file_name, sealed_key, \
     sha256, findings, blocking, created_at FROM twofactor_reset_images \
     WHERE reset_id = $1 ORDER BY attempt, id";
const BY_ID: &str = "SELECT id, reset_id, account_id, attempt, kind, file_name, sealed_key, \
     sha256, findings, blocking, created_at FROM twofactor_reset_images WHERE id = $1";
const KNOWN: &str = "SELECT COUNT(*) FROM twofactor_reset_images WHERE file_name = $1";
const TO_PURGE: &str = "SELECT r.id FROM twofactor_resets r \
     WHERE r.status IN ('executed', 'cancelled') AND r.updated_at < $1 \
     AND EXISTS (SELECT 1 FROM twofactor_reset_images i WHERE i.reset_id = r.id) \
     ORDER BY r.updated_at, r.id LIMIT $2";
const INSERT: &str = "INSERT INTO twofactor_reset_images \
     (reset_id, account_id, attempt, kind, file_name, sealed_key, sha256, findings, blocking, \
     created_at) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10) RETURNING id";
const FILES_OF_RESET: &str = "SELECT file_name FROM twofactor_reset_images WHERE reset_id = $1";
const DELETE_OF_RESET: &str = "DELETE FROM twofactor_reset_images WHERE reset_id = $1";

pub(crate) const STATEMENTS: Statements = Statements {
    both: &[
        OF_RESET,
        BY_ID,
        KNOWN,
        TO_PURGE,
        INSERT,
        FILES_OF_RESET,
        DELETE_OF_RESET,
    ],
    ..Statements::NONE
};

#[async_trait]
impl<E: Executor> ResetImageReads for E {
    async fn twofactor_reset_images(&mut self, reset_id: i64) -> StoreResult<Vec<ResetImage>> {
        self.fetch_all(OF_RESET, &[Arg::I64(reset_id)]).await
    }

    async fn twofactor_reset_image(&mut self, id: i64) -> StoreResult<Option<ResetImage>> {
        self.fetch_optional(BY_ID, &[Arg::I64(id)]).await
    }

    async fn twofactor_reset_image_known(&mut self, file_name: &str) -> StoreResult<bool> {
        let n: i64 = self.fetch_one(KNOWN, &[Arg::Text(file_name)]).await?;
        Ok(n > 0)
    }

    async fn twofactor_resets_to_purge(
        &mut self,
        closed_before: i64,
        limit: i64,
    ) -> StoreResult<Vec<i64>> {
        let ids: Vec<Id> = self
            .fetch_all(TO_PURGE, &[Arg::I64(closed_before), Arg::I64(limit)])
            .await?;
        Ok(ids.into_iter().map(|i| i.0).collect())
    }
}

#[async_trait]
impl<E: CanWrite> ResetImageWrites for E {
    async fn insert_twofactor_reset_image(
        &mut self,
        image: &NewResetImage<'_>,
    ) -> StoreResult<i64> {
        let args = [
            Arg::I64(image.reset_id),
            Arg::I64(image.account_id),
            Arg::I64(image.attempt),
            Arg::Text(image.kind.as_str()),
            Arg::Text(image.file_name),
            Arg::Text(image.sealed_key),
            Arg::Text(image.sha256),
            Arg::Text(image.findings),
            Arg::I64(i64::from(image.blocking)),
            Arg::I64(image.now),
        ];
        self.fetch_one(INSERT, &args).await
    }

    async fn delete_twofactor_reset_images(&mut self, reset_id: i64) -> StoreResult<Vec<String>> {
        let files: Vec<FileName> = self
            .fetch_all(FILES_OF_RESET, &[Arg::I64(reset_id)])
            .await?;
        self.execute(DELETE_OF_RESET, &[Arg::I64(reset_id)]).await?;
        Ok(files.into_iter().map(|f| f.0).collect())
    }
}
