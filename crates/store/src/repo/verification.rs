//! Identity verification: the Basic facts (sealed), one case per account, its numbered
//! attempts with their outcomes, and the attempts' document images (encrypted files;
//! their data keys sealed here). Retention purges an attempt's images and zone, keeping
//! the record that it was made and how it ended.
use super::Statements;
use crate::exec::{Arg, CanWrite, Columns, Executor, FromRow, Row};
use crate::models::{
    NewVerificationAttempt, NewVerificationImage, VerificationAttempt, VerificationCase,
    VerificationImage,
};
use crate::{StoreError, StoreResult};
use async_trait::async_trait;
use keydesk_domain::verification::case::{AttemptOutcome, Case, CaseStatus};
use keydesk_domain::verification::documents::{DocumentType, Side};
use keydesk_domain::verification::machine::Flag;
use keydesk_domain::verification::reason::Reason;

#[async_trait]
pub trait VerificationReads {
    /// The sealed facts and when they were given.
    async fn verification_facts(&mut self, account_id: i64) -> StoreResult<Option<SealedFacts>>;
    async fn verification_case(&mut self, id: i64) -> StoreResult<Option<VerificationCase>>;
    async fn verification_case_of_account(
        &mut self,
        account_id: i64,
    ) -> StoreResult<Option<VerificationCase>>;
    async fn verification_case_of_request(
        &mut self,
        request_id: i64,
    ) -> StoreResult<Option<VerificationCase>>;
    /// The case's attempts, first to last.
    async fn verification_attempts(
        &mut self,
        case_id: i64,
    ) -> StoreResult<Vec<VerificationAttempt>>;
    async fn verification_images(&mut self, attempt_id: i64)
        -> StoreResult<Vec<VerificationImage>>;
    async fn verification_image(&mut self, id: i64) -> StoreResult<Option<VerificationImage>>;
    /// Whether a row names this file (the orphan sweep asks).
    async fn verification_image_known(&mut self, file_name: &str) -> StoreResult<bool>;
    /// Attempts whose images are due for deletion: refused or cleared before
    /// `refused_before`, approved before `approved_before`; at most `limit`.
    async fn verification_attempts_to_purge(
        &mut self,
        refused_before: i64,
        approved_before: i64,
        limit: i64,
    ) -> StoreResult<Vec<VerificationAttempt>>;
}

/// A sealed value of the verification's (for `keydesk keys reseal`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SealedKind {
    /// The Basic facts (by account).
    Facts,
    /// An attempt's machine-readable zone (by attempt; `owner` is the account).
    Mrz,
    /// An image's data key (by image; `owner` is the file name).
    ImageKey,
    /// A 2FA reset image's data key, sealed the same way (by image; `owner` is the file
    /// name).
    ResetImageKey,
}

/// One sealed value: its row, what its sealing context names, the sealed text.
#[derive(Debug, Clone)]
pub struct SealedValue {
    pub id: i64,
    pub owner: String,
    pub sealed: String,
}

impl FromRow for SealedValue {
    fn from_row<R: Row + ?Sized>(c: &mut Columns<'_, R>) -> StoreResult<Self> {
        let id = c.read()?;
        let owner = c.read::<Option<String>>()?.unwrap_or_default();
        Ok(SealedValue {
            id,
            owner,
            sealed: c.read()?,
        })
    }
}

#[async_trait]
pub trait VerificationSealed {
    /// A page of sealed values of `kind`, by row after `after`.
    async fn sealed_values(
        &mut self,
        kind: SealedKind,
        after: i64,
        limit: i64,
    ) -> StoreResult<Vec<SealedValue>>;
}

#[async_trait]
pub trait VerificationWrites {
    /// Replaces a sealed value if it is still `old`; `false`: it changed meanwhile.
    async fn reseal_value(
        &mut self,
        kind: SealedKind,
        id: i64,
        old: &str,
        new: &str,
    ) -> StoreResult<bool>;
    async fn save_verification_facts(
        &mut self,
        account_id: i64,
        sealed: &str,
        now: i64,
    ) -> StoreResult<()>;
    async fn insert_verification_case(
        &mut self,
        account_id: i64,
        case: &Case,
        request_id: Option<i64>,
        now: i64,
    ) -> StoreResult<i64>;
    /// Writes the case if it is still at `version`; `false`: someone changed it meanwhile.
    async fn update_verification_case(
        &mut self,
        id: i64,
        version: i64,
        case: &Case,
        request_id: Option<i64>,
        now: i64,
    ) -> StoreResult<bool>;
    async fn insert_verification_attempt(
        &mut self,
        attempt: &NewVerificationAttempt<'_>,
    ) -> StoreResult<i64>;
    /// Ends an attempt `from` one of the outcomes given; `false` when it was not in one.
    async fn decide_verification_attempt(
        &mut self,
        id: i64,
        decision: &AttemptDecision<'_>,
    ) -> StoreResult<bool>;
    async fn insert_verification_image(
        &mut self,
        image: &NewVerificationImage<'_>,
    ) -> StoreResult<i64>;
    /// Deletes the attempt's image rows and its zone; the names of the files to delete.
    async fn purge_verification_attempt(&mut self, id: i64, now: i64) -> StoreResult<Vec<String>>;
}

/// The facts as stored: sealed JSON.
#[derive(Debug, Clone)]
pub struct SealedFacts {
    pub sealed: String,
    pub updated_at: i64,
}

/// An attempt's decision.
#[derive(Debug, Clone)]
pub struct AttemptDecision<'a> {
    pub outcome: AttemptOutcome,
    pub reasons: &'a [Reason],
    pub checklist: Option<&'a str>,
    pub by: Option<i64>,
    pub now: i64,
    /// Only an attempt whose outcome is one of these is decided.
    pub from: &'a [AttemptOutcome],
}

fn words<T>(column: &'static str, text: &str, parse: fn(&str) -> Option<T>) -> StoreResult<Vec<T>> {
    text.split_whitespace()
        .map(|w| parse(w).ok_or_else(|| StoreError::decode(column, w)))
        .collect()
}

fn joined<T: Copy>(items: &[T], name: fn(T) -> &'static str) -> String {
    items.iter().map(|i| name(*i)).collect::<Vec<_>>().join(" ")
}

impl FromRow for SealedFacts {
    fn from_row<R: Row + ?Sized>(c: &mut Columns<'_, R>) -> StoreResult<Self> {
        Ok(SealedFacts {
            sealed: c.read()?,
            updated_at: c.read()?,
        })
    }
}

macro_rules! case_columns {
    () => {
        "id, account_id, status, attempt, reasons, request_id, version, created_at, updated_at"
    };
}

impl FromRow for VerificationCase {
    fn from_row<R: Row + ?Sized>(c: &mut Columns<'_, R>) -> StoreResult<Self> {
        let id = c.read()?;
        let account_id = c.read()?;
        let status = c.parse("status", CaseStatus::parse)?;
        let attempt: i64 = c.read()?;
        let reasons: String = c.read()?;
        Ok(VerificationCase {
            id,
            account_id,
            case: Case {
                status,
                attempt: u32::try_from(attempt)
                    .map_err(|_| StoreError::decode("attempt", &attempt.to_string()))?,
                reasons: words("reasons", &reasons, Reason::parse)?,
            },
            request_id: c.read()?,
            version: c.read()?,
            created_at: c.read()?,
            updated_at: c.read()?,
        })
    }
}

macro_rules! attempt_columns {
    () => {
        "id, case_id, number, document, country, expires_on, outcome, reasons, flags, \
         mrz_sealed, checklist, submitted_at, decided_at, decided_by, purged_at"
    };
}

impl FromRow for VerificationAttempt {
    fn from_row<R: Row + ?Sized>(c: &mut Columns<'_, R>) -> StoreResult<Self> {
        Ok(VerificationAttempt {
            id: c.read()?,
            case_id: c.read()?,
            number: c.read()?,
            document: c.parse("document", DocumentType::parse)?,
            country: c.read()?,
            expires_on: c.read()?,
            outcome: c.parse("outcome", AttemptOutcome::parse)?,
            reasons: words("reasons", &c.read::<String>()?, Reason::parse)?,
            flags: words("flags", &c.read::<String>()?, Flag::parse)?,
            mrz_sealed: c.read()?,
            checklist: c.read()?,
            submitted_at: c.read()?,
            decided_at: c.read()?,
            decided_by: c.read()?,
            purged_at: c.read()?,
        })
    }
}

macro_rules! image_columns {
    () => {
        "id, attempt_id, account_id, side, file_name, sealed_key, sha256, findings, blocking, \
         created_at"
    };
}

impl FromRow for VerificationImage {
    fn from_row<R: Row + ?Sized>(c: &mut Columns<'_, R>) -> StoreResult<Self> {
        Ok(VerificationImage {
            id: c.read()?,
            attempt_id: c.read()?,
            account_id: c.read()?,
            side: c.parse("side", Side::parse)?,
            file_name: c.read()?,
            sealed_key: c.read()?,
            sha256: c.read()?,
            findings: c.read()?,
            blocking: c.read::<i64>()? != 0,
            created_at: c.read()?,
        })
    }
}

const FACTS: &str = "SELECT sealed, updated_at FROM verification_facts WHERE account_id = $1";
const SAVE_FACTS: &str = "INSERT INTO verification_facts (account_id, sealed, created_at, updated_at) \
     VALUES ($1, $2, $3, $3) \
     ON CONFLICT (account_id) DO UPDATE SET sealed = excluded.sealed, updated_at = excluded.updated_at";
const CASE: &str = concat!(
    "SELECT ",
    case_columns!(),
    " FROM verification_cases WHERE id = $1"
);
const CASE_OF_ACCOUNT: &str = concat!(
    "SELECT ",
    case_columns!(),
    " FROM verification_cases WHERE account_id = $1"
);
const CASE_OF_REQUEST: &str = concat!(
    "SELECT ",
    case_columns!(),
    " FROM verification_cases WHERE request_id = $1"
);
const INSERT_CASE: &str = "INSERT INTO verification_cases \
     (account_id, status, attempt, reasons, request_id, version, created_at, updated_at) \
     VALUES ($1, $2, $3, $4, $5, 1, $6, $6) RETURNING id";
const UPDATE_CASE: &str = "UPDATE verification_cases \
     SET status = $3, attempt = $4, reasons = $5, request_id = $6, version = version + 1, \
     updated_at = $7 WHERE id = $1 AND version = $2";
const ATTEMPTS: &str = concat!(
    "SELECT ",
    attempt_columns!(),
    " FROM verification_attempts WHERE case_id = $1 ORDER BY number"
);
const TO_PURGE: &str = concat!(
    "SELECT ",
    attempt_columns!(),
    " FROM verification_attempts WHERE purged_at IS NULL AND (\
     (outcome IN ('refused', 'cleared') AND decided_at < $1) \
     OR (outcome = 'approved' AND decided_at < $2)) ORDER BY id LIMIT $3"
);
const INSERT_ATTEMPT: &str = "INSERT INTO verification_attempts \
     (case_id, number, document, country, expires_on, outcome, reasons, flags, mrz_sealed, \
     submitted_at) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10) RETURNING id";
const DECIDE_ATTEMPT: &str = "UPDATE verification_attempts \
     SET outcome = $2, reasons = $3, checklist = $4, decided_by = $5, decided_at = $6 \
     WHERE id = $1 AND (outcome = $7 OR outcome = $8)";
const IMAGES: &str = concat!(
    "SELECT ",
    image_columns!(),
    " FROM verification_images WHERE attempt_id = $1 ORDER BY id"
);
const IMAGE: &str = concat!(
    "SELECT ",
    image_columns!(),
    " FROM verification_images WHERE id = $1"
);
const IMAGE_KNOWN: &str = "SELECT COUNT(*) FROM verification_images WHERE file_name = $1";
const INSERT_IMAGE: &str = "INSERT INTO verification_images \
     (attempt_id, account_id, side, file_name, sealed_key, sha256, findings, blocking, created_at) \
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9) RETURNING id";
const IMAGE_FILES: &str = "SELECT file_name FROM verification_images WHERE attempt_id = $1";
const DELETE_IMAGES: &str = "DELETE FROM verification_images WHERE attempt_id = $1";
const PURGE_ATTEMPT: &str =
    "UPDATE verification_attempts SET mrz_sealed = NULL, purged_at = $2 WHERE id = $1";

const SEALED_FACTS: &str = "SELECT f.account_id, CAST(f.account_id AS TEXT), f.sealed \
     FROM verification_facts f WHERE f.account_id > $1 ORDER BY f.account_id LIMIT $2";
const SEALED_MRZ: &str = "SELECT a.id, CAST(c.account_id AS TEXT), a.mrz_sealed \
     FROM verification_attempts a JOIN verification_cases c ON c.id = a.case_id \
     WHERE a.mrz_sealed IS NOT NULL AND a.id > $1 ORDER BY a.id LIMIT $2";
const SEALED_KEYS: &str = "SELECT id, file_name, sealed_key FROM verification_images \
     WHERE id > $1 ORDER BY id LIMIT $2";
const RESEAL_FACTS: &str =
    "UPDATE verification_facts SET sealed = $3 WHERE account_id = $1 AND sealed = $2";
const RESEAL_MRZ: &str =
    "UPDATE verification_attempts SET mrz_sealed = $3 WHERE id = $1 AND mrz_sealed = $2";
const RESEAL_KEY: &str =
    "UPDATE verification_images SET sealed_key = $3 WHERE id = $1 AND sealed_key = $2";
const SEALED_RESET_KEYS: &str = "SELECT id, file_name, sealed_key FROM twofactor_reset_images \
     WHERE id > $1 ORDER BY id LIMIT $2";
const RESEAL_RESET_KEY: &str =
    "UPDATE twofactor_reset_images SET sealed_key = $3 WHERE id = $1 AND sealed_key = $2";

pub(crate) const STATEMENTS: Statements = Statements {
    both: &[
        SEALED_FACTS,
        SEALED_MRZ,
        SEALED_KEYS,
        RESEAL_FACTS,
        RESEAL_MRZ,
        RESEAL_KEY,
        SEALED_RESET_KEYS,
        RESEAL_RESET_KEY,
        FACTS,
        SAVE_FACTS,
        CASE,
        CASE_OF_ACCOUNT,
        CASE_OF_REQUEST,
        INSERT_CASE,
        UPDATE_CASE,
        ATTEMPTS,
        TO_PURGE,
        INSERT_ATTEMPT,
        DECIDE_ATTEMPT,
        IMAGES,
        IMAGE,
        IMAGE_KNOWN,
        INSERT_IMAGE,
        IMAGE_FILES,
        DELETE_IMAGES,
        PURGE_ATTEMPT,
    ],
    ..Statements::NONE
};

struct FileName(String);

impl FromRow for FileName {
    fn from_row<R: Row + ?Sized>(c: &mut Columns<'_, R>) -> StoreResult<Self> {
        Ok(FileName(c.read()?))
    }
}

#[async_trait]
impl<E: Executor> VerificationReads for E {
    async fn verification_facts(&mut self, account_id: i64) -> StoreResult<Option<SealedFacts>> {
        self.fetch_optional(FACTS, &[Arg::I64(account_id)]).await
    }

    async fn verification_case(&mut self, id: i64) -> StoreResult<Option<VerificationCase>> {
        self.fetch_optional(CASE, &[Arg::I64(id)]).await
    }

    async fn verification_case_of_account(
        &mut self,
        account_id: i64,
    ) -> StoreResult<Option<VerificationCase>> {
        self.fetch_optional(CASE_OF_ACCOUNT, &[Arg::I64(account_id)])
            .await
    }

    async fn verification_case_of_request(
        &mut self,
        request_id: i64,
    ) -> StoreResult<Option<VerificationCase>> {
        self.fetch_optional(CASE_OF_REQUEST, &[Arg::I64(request_id)])
            .await
    }

    async fn verification_attempts(
        &mut self,
        case_id: i64,
    ) -> StoreResult<Vec<VerificationAttempt>> {
        self.fetch_all(ATTEMPTS, &[Arg::I64(case_id)]).await
    }

    async fn verification_images(
        &mut self,
        attempt_id: i64,
    ) -> StoreResult<Vec<VerificationImage>> {
        self.fetch_all(IMAGES, &[Arg::I64(attempt_id)]).await
    }

    async fn verification_image(&mut self, id: i64) -> StoreResult<Option<VerificationImage>> {
        self.fetch_optional(IMAGE, &[Arg::I64(id)]).await
    }

    async fn verification_image_known(&mut self, file_name: &str) -> StoreResult<bool> {
        let n: i64 = self.fetch_one(IMAGE_KNOWN, &[Arg::Text(file_name)]).await?;
        Ok(n > 0)
    }

    async fn verification_attempts_to_purge(
        &mut self,
        refused_before: i64,
        approved_before: i64,
        limit: i64,
    ) -> StoreResult<Vec<VerificationAttempt>> {
        let args = [
            Arg::I64(refused_before),
            Arg::I64(approved_before),
            Arg::I64(limit),
        ];
        self.fetch_all(TO_PURGE, &args).await
    }
}

#[async_trait]
impl<E: Executor> VerificationSealed for E {
    async fn sealed_values(
        &mut self,
        kind: SealedKind,
        after: i64,
        limit: i64,
    ) -> StoreResult<Vec<SealedValue>> {
        let sql = match kind {
            SealedKind::Facts => SEALED_FACTS,
            SealedKind::Mrz => SEALED_MRZ,
            SealedKind::ImageKey => SEALED_KEYS,
            SealedKind::ResetImageKey => SEALED_RESET_KEYS,
        };
        self.fetch_all(sql, &[Arg::I64(after), Arg::I64(limit)])
            .await
    }
}

#[async_trait]
impl<E: CanWrite> VerificationWrites for E {
    async fn reseal_value(
        &mut self,
        kind: SealedKind,
        id: i64,
        old: &str,
        new: &str,
    ) -> StoreResult<bool> {
        let sql = match kind {
            SealedKind::Facts => RESEAL_FACTS,
            SealedKind::Mrz => RESEAL_MRZ,
            SealedKind::ImageKey => RESEAL_KEY,
            SealedKind::ResetImageKey => RESEAL_RESET_KEY,
        };
        Ok(self
            .execute(sql, &[Arg::I64(id), Arg::Text(old), Arg::Text(new)])
            .await?
            == 1)
    }

    async fn save_verification_facts(
        &mut self,
        account_id: i64,
        sealed: &str,
        now: i64,
    ) -> StoreResult<()> {
        let args = [Arg::I64(account_id), Arg::Text(sealed), Arg::I64(now)];
        self.execute(SAVE_FACTS, &args).await?;
        Ok(())
    }

    async fn insert_verification_case(
        &mut self,
        account_id: i64,
        case: &Case,
        request_id: Option<i64>,
        now: i64,
    ) -> StoreResult<i64> {
        let reasons = joined(&case.reasons, Reason::as_str);
        let args = [
            Arg::I64(account_id),
            Arg::Text(case.status.as_str()),
            Arg::I64(i64::from(case.attempt)),
            Arg::Text(&reasons),
            Arg::OptI64(request_id),
            Arg::I64(now),
        ];
        self.fetch_one(INSERT_CASE, &args).await
    }

    async fn update_verification_case(
        &mut self,
        id: i64,
        version: i64,
        case: &Case,
        request_id: Option<i64>,
        now: i64,
    ) -> StoreResult<bool> {
        let reasons = joined(&case.reasons, Reason::as_str);
        let args = [
            Arg::I64(id),
            Arg::I64(version),
            Arg::Text(case.status.as_str()),
            Arg::I64(i64::from(case.attempt)),
            Arg::Text(&reasons),
            Arg::OptI64(request_id),
            Arg::I64(now),
        ];
        Ok(self.execute(UPDATE_CASE, &args).await? == 1)
    }

    async fn insert_verification_attempt(
        &mut self,
        a: &NewVerificationAttempt<'_>,
    ) -> StoreResult<i64> {
        let reasons = joined(a.reasons, Reason::as_str);
        let flags = joined(a.flags, Flag::as_str);
        let args = [
            Arg::I64(a.case_id),
            Arg::I64(a.number),
            Arg::Text(a.document.as_str()),
            Arg::Text(a.country),
            Arg::OptText(a.expires_on),
            Arg::Text(a.outcome.as_str()),
            Arg::Text(&reasons),
            Arg::Text(&flags),
            Arg::OptText(a.mrz_sealed),
            Arg::I64(a.now),
        ];
        self.fetch_one(INSERT_ATTEMPT, &args).await
    }

    async fn decide_verification_attempt(
        &mut self,
        id: i64,
        d: &AttemptDecision<'_>,
    ) -> StoreResult<bool> {
        let reasons = joined(d.reasons, Reason::as_str);
        let from = |i: usize| d.from.get(i).or(d.from.first()).map_or("", |o| o.as_str());
        let args = [
            Arg::I64(id),
            Arg::Text(d.outcome.as_str()),
            Arg::Text(&reasons),
            Arg::OptText(d.checklist),
            Arg::OptI64(d.by),
            Arg::I64(d.now),
            Arg::Text(from(0)),
            Arg::Text(from(1)),
        ];
        Ok(self.execute(DECIDE_ATTEMPT, &args).await? == 1)
    }

    async fn insert_verification_image(
        &mut self,
        i: &NewVerificationImage<'_>,
    ) -> StoreResult<i64> {
        let args = [
            Arg::I64(i.attempt_id),
            Arg::I64(i.account_id),
            Arg::Text(i.side.as_str()),
            Arg::Text(i.file_name),
            Arg::Text(i.sealed_key),
            Arg::Text(i.sha256),
            Arg::Text(i.findings),
            Arg::Bool(i.blocking),
            Arg::I64(i.now),
        ];
        self.fetch_one(INSERT_IMAGE, &args).await
    }

    async fn purge_verification_attempt(&mut self, id: i64, now: i64) -> StoreResult<Vec<String>> {
        let files: Vec<FileName> = self.fetch_all(IMAGE_FILES, &[Arg::I64(id)]).await?;
        self.execute(DELETE_IMAGES, &[Arg::I64(id)]).await?;
        self.execute(PURGE_ATTEMPT, &[Arg::I64(id), Arg::I64(now)])
            .await?;
        Ok(files.into_iter().map(|f| f.0).collect())
    }
}
