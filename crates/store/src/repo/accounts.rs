//! Accounts: an email address, a password hash, a language and a role.
use super::Statements;
use crate::exec::{Arg, CanWrite, Columns, Executor, FromRow, Row};
use crate::models::{Account, NewAccount};
use crate::{StoreError, StoreResult};
use async_trait::async_trait;
use keydesk_domain::capability::tier::Tier;
use keydesk_domain::identity::language::Language;
use keydesk_domain::identity::role::Role;
use keydesk_domain::identity::time_zone::TimeZone;

#[async_trait]
pub trait AccountReads {
    async fn account_by_id(&mut self, id: i64) -> StoreResult<Option<Account>>;
    async fn account_by_email(&mut self, email: &str) -> StoreResult<Option<Account>>;
    async fn list_accounts(&mut self, limit: i64) -> StoreResult<Vec<Account>>;
    /// Agents and admins, by address (the desk's assignees).
    async fn staff_accounts(&mut self) -> StoreResult<Vec<Account>>;
}

#[async_trait]
pub trait AccountWrites {
    async fn insert_account(&mut self, new: &NewAccount<'_>) -> StoreResult<i64>;
    async fn set_email_verified(&mut self, id: i64, now: i64) -> StoreResult<()>;
    async fn set_password_hash(&mut self, id: i64, hash: &str, now: i64) -> StoreResult<()>;
    async fn set_language(&mut self, id: i64, language: Language) -> StoreResult<()>;
    /// The customer's chosen time zone; `None` goes back to their language's.
    async fn set_time_zone(&mut self, id: i64, zone: Option<TimeZone>) -> StoreResult<()>;
    async fn set_role(&mut self, id: i64, role: Role) -> StoreResult<()>;
    async fn set_tier(&mut self, id: i64, tier: Tier) -> StoreResult<()>;
}

/// An [`Account`]'s columns in its field order, each after `$p` (a table's alias and
/// its dot, or nothing). A macro only so that `concat!` takes it; [`FromRow`] below
/// reads the columns in this order. The session view selects them too.
#[rustfmt::skip]
macro_rules! account_columns {
    ($p:literal) => {
        concat!(
            $p, "id, ",
            $p, "email, ",
            $p, "password_hash, ",
            $p, "email_verified_at, ",
            $p, "language, ",
            $p, "role, ",
            $p, "created_at, ",
            $p, "password_changed_at, ",
            $p, "time_zone, ",
            $p, "tier"
        )
    };
}
pub(crate) use account_columns;

impl FromRow for Account {
    fn from_row<R: Row + ?Sized>(c: &mut Columns<'_, R>) -> StoreResult<Self> {
        Ok(Account {
            id: c.read()?,
            email: c.read()?,
            password_hash: c.read()?,
            email_verified_at: c.read()?,
            language: c.parse("language", Language::from_code)?,
            role: c.parse("role", Role::parse)?,
            created_at: c.read()?,
            password_changed_at: c.read()?,
            time_zone: {
                let name: Option<String> = c.read()?;
                name.map(|n| {
                    TimeZone::parse(&n).ok_or(StoreError::Decode {
                        column: "time_zone",
                        value: n,
                    })
                })
                .transpose()?
            },
            tier: c.parse("tier", Tier::parse)?,
        })
    }
}

const INSERT: &str = "INSERT INTO accounts \
     (email, password_hash, email_verified_at, language, role, created_at, password_changed_at) \
     VALUES ($1, $2, $3, $4, $5, $6, $6) RETURNING id";
const BY_ID: &str = concat!(
    "SELECT ",
    account_columns!(""),
    " FROM accounts WHERE id = $1"
);
const BY_EMAIL: &str = concat!(
    "SELECT ",
    account_columns!(""),
    " FROM accounts WHERE email = $1"
);
const LIST: &str = concat!(
    "SELECT ",
    account_columns!(""),
    " FROM accounts ORDER BY id LIMIT $1"
);
const SET_TIER: &str = "UPDATE accounts SET tier = $2 WHERE id = $1";
const STAFF: &str = concat!(
    "SELECT ",
    account_columns!(""),
    " FROM accounts WHERE role IN ('agent', 'admin') ORDER BY email"
);
const SET_EMAIL_VERIFIED: &str =
    "UPDATE accounts SET email_verified_at = $2 WHERE id = $1 AND email_verified_at IS NULL";
const SET_PASSWORD_HASH: &str =
    "UPDATE accounts SET password_hash = $2, password_changed_at = $3 WHERE id = $1";
const SET_LANGUAGE: &str = "UPDATE accounts SET language = $2 WHERE id = $1";
const SET_TIME_ZONE: &str = "UPDATE accounts SET time_zone = $2 WHERE id = $1";
const SET_ROLE: &str = "UPDATE accounts SET role = $2 WHERE id = $1";

pub(crate) const STATEMENTS: Statements = Statements {
    both: &[
        INSERT,
        BY_ID,
        BY_EMAIL,
        LIST,
        STAFF,
        SET_TIER,
        SET_EMAIL_VERIFIED,
        SET_PASSWORD_HASH,
        SET_LANGUAGE,
        SET_TIME_ZONE,
        SET_ROLE,
    ],
    ..Statements::NONE
};

#[async_trait]
impl<E: Executor> AccountReads for E {
    async fn account_by_id(&mut self, id: i64) -> StoreResult<Option<Account>> {
        self.fetch_optional(BY_ID, &[Arg::I64(id)]).await
    }

    async fn account_by_email(&mut self, email: &str) -> StoreResult<Option<Account>> {
        self.fetch_optional(BY_EMAIL, &[Arg::Text(email)]).await
    }

    async fn list_accounts(&mut self, limit: i64) -> StoreResult<Vec<Account>> {
        self.fetch_all(LIST, &[Arg::I64(limit)]).await
    }

    async fn staff_accounts(&mut self) -> StoreResult<Vec<Account>> {
        self.fetch_all(STAFF, &[]).await
    }
}

#[async_trait]
impl<E: CanWrite> AccountWrites for E {
    async fn insert_account(&mut self, new: &NewAccount<'_>) -> StoreResult<i64> {
        let args = [
            Arg::Text(new.email),
            Arg::Text(new.password_hash),
            Arg::OptI64(new.email_verified_at),
            Arg::Text(new.language.code()),
            Arg::Text(new.role.as_str()),
            Arg::I64(new.now),
        ];
        self.fetch_one(INSERT, &args).await
    }

    async fn set_email_verified(&mut self, id: i64, now: i64) -> StoreResult<()> {
        self.execute(SET_EMAIL_VERIFIED, &[Arg::I64(id), Arg::I64(now)])
            .await?;
        Ok(())
    }

    async fn set_password_hash(&mut self, id: i64, hash: &str, now: i64) -> StoreResult<()> {
        let args = [Arg::I64(id), Arg::Text(hash), Arg::I64(now)];
        self.execute(SET_PASSWORD_HASH, &args).await?;
        Ok(())
    }

    async fn set_time_zone(&mut self, id: i64, zone: Option<TimeZone>) -> StoreResult<()> {
        let args = [Arg::I64(id), Arg::OptText(zone.map(TimeZone::name))];
        self.execute(SET_TIME_ZONE, &args).await?;
        Ok(())
    }

    async fn set_language(&mut self, id: i64, language: Language) -> StoreResult<()> {
        let args = [Arg::I64(id), Arg::Text(language.code())];
        self.execute(SET_LANGUAGE, &args).await?;
        Ok(())
    }

    async fn set_role(&mut self, id: i64, role: Role) -> StoreResult<()> {
        let args = [Arg::I64(id), Arg::Text(role.as_str())];
        self.execute(SET_ROLE, &args).await?;
        Ok(())
    }

    async fn set_tier(&mut self, id: i64, tier: Tier) -> StoreResult<()> {
        let args = [Arg::I64(id), Arg::Text(tier.as_str())];
        self.execute(SET_TIER, &args).await?;
        Ok(())
    }
}
