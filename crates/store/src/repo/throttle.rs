//! Rate-limit buckets (per account and factor, per address), in the database so that
//! every instance counts the same failures. Reading a bucket locks it until the
//! transaction ends, so there are only writing methods here.
use super::Statements;
use crate::exec::{Arg, CanWrite, Columns, FromRow, Row};
use crate::{Backend, StoreResult};
use async_trait::async_trait;
use keydesk_domain::throttle::ThrottleState;
use std::ops::RangeInclusive;

#[async_trait]
pub trait ThrottleWrites {
    /// Reads buckets (in the order of `keys`; a missing one is fresh), locking their
    /// rows until the transaction ends so that concurrent failures on several
    /// instances are all counted.
    async fn throttles_for_update(
        &mut self,
        keys: &[&str],
        now: i64,
    ) -> StoreResult<Vec<ThrottleState>>;

    /// Reads buckets for a check that writes nothing when it succeeds cleanly: `lock`'s
    /// rows are locked until the transaction ends, as [`Self::throttles_for_update`]
    /// locks them; `peek`'s are only read, so that requests sharing a bucket (every
    /// login behind one address) do not queue behind each other's commits. A failure
    /// must lock the peeked buckets and read them again before counting in them. The
    /// states come in the order of `lock`, then `peek`.
    async fn throttles_locking(
        &mut self,
        lock: &[&str],
        peek: &[&str],
        now: i64,
    ) -> StoreResult<Vec<ThrottleState>>;

    async fn throttle_for_update(&mut self, key: &str, now: i64) -> StoreResult<ThrottleState> {
        let mut states = self.throttles_for_update(&[key], now).await?;
        Ok(states.pop().unwrap_or_default())
    }

    /// Saves several buckets (distinct keys) in one statement.
    async fn save_throttles(
        &mut self,
        buckets: &[(&str, ThrottleState)],
        now: i64,
    ) -> StoreResult<()>;

    async fn save_throttle(
        &mut self,
        key: &str,
        state: &ThrottleState,
        now: i64,
    ) -> StoreResult<()> {
        self.save_throttles(&[(key, *state)], now).await
    }
}

/// A bucket's columns that may be NULL (a LEFT JOIN's): `None` for a bucket never
/// written.
pub(crate) fn joined_state<R: Row + ?Sized>(
    c: &mut Columns<'_, R>,
) -> StoreResult<Option<ThrottleState>> {
    let count = |n: i64| n.clamp(0, u32::MAX as i64) as u32;
    let failures: Option<i64> = c.read()?;
    let locks: Option<i64> = c.read()?;
    let next_allowed_at: Option<i64> = c.read()?;
    let locked_until: Option<i64> = c.read()?;
    let last_failure_at: Option<i64> = c.read()?;
    Ok(failures.map(|failures| ThrottleState {
        failures: count(failures),
        locks: count(locks.unwrap_or(0)),
        next_allowed_at: next_allowed_at.unwrap_or(0),
        locked_until: locked_until.unwrap_or(0),
        last_failure_at: last_failure_at.unwrap_or(0),
    }))
}

/// A bucket's row: its key, then the state's columns in field order.
struct Bucket {
    key: String,
    state: ThrottleState,
}

impl FromRow for Bucket {
    fn from_row<R: Row + ?Sized>(c: &mut Columns<'_, R>) -> StoreResult<Self> {
        let count = |n: i64| n.clamp(0, u32::MAX as i64) as u32;
        Ok(Bucket {
            key: c.read()?,
            state: ThrottleState {
                failures: count(c.read()?),
                locks: count(c.read()?),
                next_allowed_at: c.read()?,
                locked_until: c.read()?,
                last_failure_at: c.read()?,
            },
        })
    }
}

// The statements take a list of buckets, so they are made for each length (and
// prepared once for each: a request asks for one to three buckets).

/// SQLite: a single writer, so reading is as good as locking, and a clean bucket costs
/// no write. `$1…$n` are the keys.
fn select_buckets(n: usize) -> String {
    let keys = (1..=n).map(|i| format!("${i}")).collect::<Vec<_>>();
    format!(
        "SELECT key, failures, locks, next_allowed_at, locked_until, last_failure_at \
         FROM throttles WHERE key IN ({})",
        keys.join(", ")
    )
}

/// PostgreSQL: creates missing buckets and returns them all. The no-op DO UPDATE (DO
/// NOTHING returns no row for an existing bucket) takes the row locks until the
/// transaction ends, also on rows that did not exist. `$1` is the time, then the keys.
fn lock_buckets(n: usize) -> String {
    let rows = (2..n + 2)
        .map(|i| format!("(${i}, $1)"))
        .collect::<Vec<_>>();
    format!(
        "INSERT INTO throttles (key, updated_at) VALUES {} \
         ON CONFLICT (key) DO UPDATE SET key = excluded.key \
         RETURNING key, failures, locks, next_allowed_at, locked_until, last_failure_at",
        rows.join(", ")
    )
}

/// PostgreSQL: [`lock_buckets`] for the first `lock` keys, and a plain read of the
/// `peek` keys after them, in one statement. `$1` is the time, then the keys.
fn lock_and_peek_buckets(lock: usize, peek: usize) -> String {
    let peeked = (lock + 2..lock + peek + 2)
        .map(|i| format!("${i}"))
        .collect::<Vec<_>>();
    format!(
        "WITH locked AS ({}) SELECT * FROM locked UNION ALL \
         SELECT key, failures, locks, next_allowed_at, locked_until, last_failure_at \
         FROM throttles WHERE key IN ({})",
        lock_buckets(lock),
        peeked.join(", ")
    )
}

/// `$1` is the time, then six parameters a bucket.
fn save_buckets(n: usize) -> String {
    let rows = (0..n)
        .map(|i| {
            let b = i * 6;
            format!(
                "(${}, ${}, ${}, ${}, ${}, ${}, $1)",
                b + 2,
                b + 3,
                b + 4,
                b + 5,
                b + 6,
                b + 7
            )
        })
        .collect::<Vec<_>>();
    format!(
        "INSERT INTO throttles \
         (key, failures, locks, next_allowed_at, locked_until, last_failure_at, updated_at) \
         VALUES {} ON CONFLICT (key) DO UPDATE SET \
         failures = excluded.failures, locks = excluded.locks, \
         next_allowed_at = excluded.next_allowed_at, locked_until = excluded.locked_until, \
         last_failure_at = excluded.last_failure_at, updated_at = excluded.updated_at",
        rows.join(", ")
    )
}

/// Every statement is made for a number of buckets (see [`made_statements`]).
pub(crate) const STATEMENTS: Statements = Statements::NONE;

/// The statements for each number of buckets in `counts`.
pub(crate) fn made_statements(
    backend: Backend,
    counts: RangeInclusive<usize>,
) -> impl Iterator<Item = String> {
    counts.flat_map(move |n| {
        let read = match backend {
            Backend::Sqlite => select_buckets(n),
            Backend::Postgres => lock_buckets(n),
        };
        // SQLite reads the buckets of a check with `select_buckets` too.
        let checks = (1..n).filter(move |_| backend == Backend::Postgres);
        [read, save_buckets(n)]
            .into_iter()
            .chain(checks.map(move |lock| lock_and_peek_buckets(lock, n - lock)))
    })
}

/// Whether `sql` is one of [`made_statements`] for some number of buckets.
pub(crate) fn is_made_statement(backend: Backend, sql: &str) -> bool {
    let parameters = sql.matches('$').count();
    let read = match backend {
        Backend::Sqlite => select_buckets(parameters),
        Backend::Postgres => lock_buckets(parameters / 2),
    };
    // A locked key is written with the time beside it (two `$`), a peeked one alone.
    let check = |lock: usize| lock_and_peek_buckets(lock, parameters - 2 * lock) == sql;
    parameters > 0
        && (read == sql
            || save_buckets(parameters / 7) == sql
            || (backend == Backend::Postgres && (1..=(parameters - 1) / 2).any(check)))
}

#[async_trait]
impl<E: CanWrite> ThrottleWrites for E {
    async fn throttles_for_update(
        &mut self,
        keys: &[&str],
        now: i64,
    ) -> StoreResult<Vec<ThrottleState>> {
        if keys.is_empty() {
            return Ok(Vec::new());
        }
        let key_args = keys.iter().map(|key| Arg::Text(key));
        let rows: Vec<Bucket> = match self.backend() {
            Backend::Sqlite => {
                let args = key_args.collect::<Vec<_>>();
                self.fetch_all(&select_buckets(keys.len()), &args).await?
            }
            Backend::Postgres => {
                let args = std::iter::once(Arg::I64(now))
                    .chain(key_args)
                    .collect::<Vec<_>>();
                self.fetch_all(&lock_buckets(keys.len()), &args).await?
            }
        };
        Ok(in_order(keys.iter(), &rows))
    }

    async fn throttles_locking(
        &mut self,
        lock: &[&str],
        peek: &[&str],
        now: i64,
    ) -> StoreResult<Vec<ThrottleState>> {
        if lock.is_empty() || peek.is_empty() || self.backend() == Backend::Sqlite {
            let keys: Vec<&str> = lock.iter().chain(peek).copied().collect();
            return self.throttles_for_update(&keys, now).await;
        }
        let args = std::iter::once(Arg::I64(now))
            .chain(lock.iter().chain(peek).map(|key| Arg::Text(key)))
            .collect::<Vec<_>>();
        let rows: Vec<Bucket> = self
            .fetch_all(&lock_and_peek_buckets(lock.len(), peek.len()), &args)
            .await?;
        Ok(in_order(lock.iter().chain(peek), &rows))
    }

    async fn save_throttles(
        &mut self,
        buckets: &[(&str, ThrottleState)],
        now: i64,
    ) -> StoreResult<()> {
        if buckets.is_empty() {
            return Ok(());
        }
        let mut args = Vec::with_capacity(1 + buckets.len() * 6);
        args.push(Arg::I64(now));
        for (key, state) in buckets {
            args.extend([
                Arg::Text(key),
                Arg::I64(state.failures.into()),
                Arg::I64(state.locks.into()),
                Arg::I64(state.next_allowed_at),
                Arg::I64(state.locked_until),
                Arg::I64(state.last_failure_at),
            ]);
        }
        self.execute(&save_buckets(buckets.len()), &args).await?;
        Ok(())
    }
}

/// The states of `keys`' buckets in their order; a missing bucket is fresh.
fn in_order<'k>(keys: impl Iterator<Item = &'k &'k str>, rows: &[Bucket]) -> Vec<ThrottleState> {
    keys.map(|key| {
        rows.iter()
            .find(|row| row.key == *key)
            .map(|row| row.state)
            .unwrap_or_default()
    })
    .collect()
}
