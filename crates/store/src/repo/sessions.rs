//! Sessions: a browser's or an API client's, under an id its creator drew at random,
//! and the one-statement view of a session with its account that every request reads.
use super::accounts::account_columns;
use super::Statements;
use crate::exec::{Arg, CanWrite, Columns, Executor, FromRow, Row};
use crate::models::{Account, NewSession, Session, SessionKind, SessionView};
use crate::StoreResult;
use async_trait::async_trait;

#[async_trait]
pub trait SessionReads {
    async fn session(&mut self, id: i64) -> StoreResult<Option<Session>>;
    /// The session with its account and whether that has an active factor, in one
    /// statement; `None` for an unknown session (or one whose account is gone). The
    /// caller checks the token's secret against `session.token_hash`.
    async fn session_view(&mut self, id: i64) -> StoreResult<Option<SessionView>>;
    async fn sessions_of_account(&mut self, account_id: i64) -> StoreResult<Vec<Session>>;
}

#[async_trait]
pub trait SessionWrites {
    /// A session under an id its creator drew at random (so ids tell nobody how many
    /// sessions there are); `false`, and nothing written, if that id is taken.
    async fn insert_session(&mut self, id: i64, new: &NewSession<'_>) -> StoreResult<bool>;
    async fn touch_session(&mut self, id: i64, now: i64, expires_at: i64) -> StoreResult<()>;
    /// Gives the session a new token (and the rest of `new`) in place: the old token
    /// stops working. False when the session ended meanwhile.
    async fn rotate_session_token(&mut self, id: i64, new: &NewSession<'_>) -> StoreResult<bool>;
    async fn delete_session(&mut self, id: i64) -> StoreResult<()>;
    /// Ends one session of this account; false if the account has no such session.
    async fn delete_session_of_account(&mut self, account_id: i64, id: i64) -> StoreResult<bool>;
    /// Ends every session of the account except `keep`; returns how many ended.
    async fn delete_sessions_of_account(
        &mut self,
        account_id: i64,
        keep: Option<i64>,
    ) -> StoreResult<u64>;
    async fn delete_expired_sessions(&mut self, now: i64) -> StoreResult<u64>;
}

/// A [`Session`]'s columns in its field order (see `account_columns!`).
#[rustfmt::skip]
macro_rules! session_columns {
    ($p:literal) => {
        concat!(
            $p, "id, ",
            $p, "token_hash, ",
            $p, "account_id, ",
            $p, "kind, ",
            $p, "created_at, ",
            $p, "last_seen_at, ",
            $p, "expires_at, ",
            $p, "mfa_verified_at, ",
            $p, "ip, ",
            $p, "user_agent"
        )
    };
}

impl FromRow for Session {
    fn from_row<R: Row + ?Sized>(c: &mut Columns<'_, R>) -> StoreResult<Self> {
        Ok(Session {
            id: c.read()?,
            token_hash: c.read()?,
            account_id: c.read()?,
            kind: c.parse("kind", SessionKind::parse)?,
            created_at: c.read()?,
            last_seen_at: c.read()?,
            expires_at: c.read()?,
            mfa_verified_at: c.read()?,
            ip: c.read()?,
            user_agent: c.read()?,
        })
    }
}

/// The session's columns, then the account's, then its count of active factors.
impl FromRow for SessionView {
    fn from_row<R: Row + ?Sized>(c: &mut Columns<'_, R>) -> StoreResult<Self> {
        Ok(SessionView {
            session: Session::from_row(c)?,
            account: Account::from_row(c)?,
            has_factor: c.read::<i64>()? > 0,
        })
    }
}

/// A session by its id, with its account and its count of active factors, in one
/// statement ([`crate::Store::session_view`] runs it without a transaction).
pub(crate) const VIEW: &str = concat!(
    "SELECT ",
    session_columns!("s."),
    ", ",
    account_columns!("a."),
    ", (SELECT COUNT(*) FROM totp_factors f WHERE f.account_id = a.id AND f.status = 'active') \
     FROM sessions s JOIN accounts a ON a.id = s.account_id WHERE s.id = $1"
);
const BY_ID: &str = concat!(
    "SELECT ",
    session_columns!(""),
    " FROM sessions WHERE id = $1"
);
const OF_ACCOUNT: &str = concat!(
    "SELECT ",
    session_columns!(""),
    " FROM sessions WHERE account_id = $1 ORDER BY last_seen_at DESC"
);
const INSERT: &str = "INSERT INTO sessions \
     (id, token_hash, account_id, kind, created_at, last_seen_at, expires_at, mfa_verified_at, ip, user_agent) \
     VALUES ($1, $2, $3, $4, $5, $5, $6, $7, $8, $9) ON CONFLICT (id) DO NOTHING";
const TOUCH: &str = "UPDATE sessions SET last_seen_at = $2, expires_at = $3 WHERE id = $1";
// Numbered as INSERT's parameters are: both bind [`session_args`].
const ROTATE: &str = "UPDATE sessions SET token_hash = $2, kind = $4, created_at = $5, \
     last_seen_at = $5, expires_at = $6, mfa_verified_at = $7, ip = $8, user_agent = $9 \
     WHERE id = $1 AND account_id = $3";
const DELETE: &str = "DELETE FROM sessions WHERE id = $1";
const DELETE_OF_ACCOUNT: &str = "DELETE FROM sessions WHERE id = $1 AND account_id = $2";
const DELETE_ALL_OF_ACCOUNT_BUT: &str = "DELETE FROM sessions WHERE account_id = $1 AND id <> $2";
const DELETE_EXPIRED: &str = "DELETE FROM sessions WHERE expires_at <= $1";

pub(crate) const STATEMENTS: Statements = Statements {
    both: &[
        VIEW,
        BY_ID,
        OF_ACCOUNT,
        INSERT,
        TOUCH,
        ROTATE,
        DELETE,
        DELETE_OF_ACCOUNT,
        DELETE_ALL_OF_ACCOUNT_BUT,
        DELETE_EXPIRED,
    ],
    ..Statements::NONE
};

/// [`SessionReads::session_view`] on any executor, also outside a transaction.
pub(crate) async fn view<E: Executor>(exec: &mut E, id: i64) -> StoreResult<Option<SessionView>> {
    exec.fetch_optional(VIEW, &[Arg::I64(id)]).await
}

#[async_trait]
impl<E: Executor> SessionReads for E {
    async fn session(&mut self, id: i64) -> StoreResult<Option<Session>> {
        self.fetch_optional(BY_ID, &[Arg::I64(id)]).await
    }

    async fn session_view(&mut self, id: i64) -> StoreResult<Option<SessionView>> {
        view(self, id).await
    }

    async fn sessions_of_account(&mut self, account_id: i64) -> StoreResult<Vec<Session>> {
        self.fetch_all(OF_ACCOUNT, &[Arg::I64(account_id)]).await
    }
}

/// The parameters of [`INSERT`] and [`ROTATE`], in their numbering.
pub(crate) fn session_args<'a>(id: i64, new: &NewSession<'a>) -> [Arg<'a>; 9] {
    [
        Arg::I64(id),
        Arg::Text(new.token_hash),
        Arg::I64(new.account_id),
        Arg::Text(new.kind.as_str()),
        Arg::I64(new.now),
        Arg::I64(new.expires_at),
        Arg::OptI64(new.mfa_verified_at),
        Arg::OptText(new.ip),
        Arg::OptText(new.user_agent),
    ]
}

#[async_trait]
impl<E: CanWrite> SessionWrites for E {
    async fn insert_session(&mut self, id: i64, new: &NewSession<'_>) -> StoreResult<bool> {
        Ok(self.execute(INSERT, &session_args(id, new)).await? == 1)
    }

    async fn touch_session(&mut self, id: i64, now: i64, expires_at: i64) -> StoreResult<()> {
        let args = [Arg::I64(id), Arg::I64(now), Arg::I64(expires_at)];
        self.execute(TOUCH, &args).await?;
        Ok(())
    }

    async fn rotate_session_token(&mut self, id: i64, new: &NewSession<'_>) -> StoreResult<bool> {
        Ok(self.execute(ROTATE, &session_args(id, new)).await? == 1)
    }

    async fn delete_session(&mut self, id: i64) -> StoreResult<()> {
        self.execute(DELETE, &[Arg::I64(id)]).await?;
        Ok(())
    }

    async fn delete_session_of_account(&mut self, account_id: i64, id: i64) -> StoreResult<bool> {
        let args = [Arg::I64(id), Arg::I64(account_id)];
        Ok(self.execute(DELETE_OF_ACCOUNT, &args).await? == 1)
    }

    async fn delete_sessions_of_account(
        &mut self,
        account_id: i64,
        keep: Option<i64>,
    ) -> StoreResult<u64> {
        // Session ids are positive: -1 keeps none.
        let args = [Arg::I64(account_id), Arg::I64(keep.unwrap_or(-1))];
        self.execute(DELETE_ALL_OF_ACCOUNT_BUT, &args).await
    }

    async fn delete_expired_sessions(&mut self, now: i64) -> StoreResult<u64> {
        self.execute(DELETE_EXPIRED, &[Arg::I64(now)]).await
    }
}
