//! The seam between the repositories and the two backends. Each repository (in
//! `repo/`) is written once over [`Executor`]: a statement's text with its parameters
//! in, rows affected or decoded models out. SQLite provides it over rusqlite (see
//! `sqlite/lite.rs`), PostgreSQL over sqlx (`postgres/exec.rs`).
//!
//! The methods are native `async fn`s in a trait (no `async_trait`): one boxed future
//! per repository call (the object-safe traits in `repo/`) and none per statement. On
//! SQLite the statements run on the calling task and the futures are ready at once.
use crate::{Backend, StoreError, StoreResult};
use std::future::Future;

/// One parameter of a statement (`$1`, `$2`, … by position in the slice), borrowed
/// from the caller: rusqlite binds it as it is, sqlx by its type.
#[derive(Debug, Clone, Copy)]
pub(crate) enum Arg<'a> {
    I64(i64),
    OptI64(Option<i64>),
    Text(&'a str),
    OptText(Option<&'a str>),
    Blob(&'a [u8]),
    /// Stored as INTEGER 0 or 1: neither schema has a boolean column.
    Bool(bool),
}

/// A column value that both backends decode: `i64`, `String`, `Vec<u8>` and their
/// `Option`s.
pub(crate) trait Value:
    rusqlite::types::FromSql
    + for<'r> sqlx::Decode<'r, sqlx::Postgres>
    + sqlx::Type<sqlx::Postgres>
    + Send
{
}

impl<T> Value for T where
    T: rusqlite::types::FromSql
        + for<'r> sqlx::Decode<'r, sqlx::Postgres>
        + sqlx::Type<sqlx::Postgres>
        + Send
{
}

/// A result row, read by column position (`rusqlite::Row` and `sqlx::postgres::PgRow`).
pub(crate) trait Row {
    fn value<T: Value>(&self, index: usize) -> StoreResult<T>;

    /// The text at `index` read by `parse` (an enum's stored name), borrowed from the
    /// row; a value `parse` does not know is [`StoreError::Decode`], never a default.
    fn parsed<T>(
        &self,
        index: usize,
        column: &'static str,
        parse: fn(&str) -> Option<T>,
    ) -> StoreResult<T>;
}

/// Reads a row's columns one after another. Models are read by position, never by
/// name: every SELECT lists a model's columns in its field order (looking each name
/// up among the columns was ~4 % of a TOTP step on SQLite; the session view has 19).
/// A struct literal evaluates its fields in the order written, so a model's
/// [`FromRow`] lists its fields in that same order.
pub(crate) struct Columns<'r, R: ?Sized> {
    row: &'r R,
    next: usize,
}

impl<'r, R: Row + ?Sized> Columns<'r, R> {
    pub(crate) fn new(row: &'r R) -> Self {
        Columns { row, next: 0 }
    }

    pub(crate) fn read<T: Value>(&mut self) -> StoreResult<T> {
        self.next += 1;
        self.row.value(self.next - 1)
    }

    /// The next column, a stored name that `parse` turns into a domain type.
    pub(crate) fn parse<T>(
        &mut self,
        column: &'static str,
        parse: fn(&str) -> Option<T>,
    ) -> StoreResult<T> {
        self.next += 1;
        self.row.parsed(self.next - 1, column, parse)
    }
}

/// A model read from the columns of a row, written once for both backends.
pub(crate) trait FromRow: Sized + Send + 'static {
    fn from_row<R: Row + ?Sized>(columns: &mut Columns<'_, R>) -> StoreResult<Self>;
}

/// `COUNT(*)`, `RETURNING id`.
impl FromRow for i64 {
    fn from_row<R: Row + ?Sized>(columns: &mut Columns<'_, R>) -> StoreResult<Self> {
        columns.read()
    }
}

/// `RETURNING file_name`.
impl FromRow for String {
    fn from_row<R: Row + ?Sized>(columns: &mut Columns<'_, R>) -> StoreResult<Self> {
        columns.read()
    }
}

/// A connection or transaction the repositories run statements on. The SQL numbers
/// its parameters PostgreSQL-style (`$1`), on both backends.
pub(crate) trait Executor: Send {
    fn backend(&self) -> Backend;

    /// Runs a statement to its end; how many rows it changed.
    fn execute<'a>(
        &'a mut self,
        sql: &'a str,
        args: &'a [Arg<'a>],
    ) -> impl Future<Output = StoreResult<u64>> + Send + 'a;

    /// The first row, if any (a statement with RETURNING still runs to its end).
    fn fetch_optional<'a, T: FromRow>(
        &'a mut self,
        sql: &'a str,
        args: &'a [Arg<'a>],
    ) -> impl Future<Output = StoreResult<Option<T>>> + Send + 'a;

    /// The first row, which must exist (a count, an INSERT … RETURNING).
    fn fetch_one<'a, T: FromRow + 'a>(
        &'a mut self,
        sql: &'a str,
        args: &'a [Arg<'a>],
    ) -> impl Future<Output = StoreResult<T>> + Send + 'a
    where
        Self: Sized,
    {
        let row = self.fetch_optional(sql, args);
        async move { row.await?.ok_or(StoreError::NoRow) }
    }

    fn fetch_all<'a, T: FromRow>(
        &'a mut self,
        sql: &'a str,
        args: &'a [Arg<'a>],
    ) -> impl Future<Output = StoreResult<Vec<T>>> + Send + 'a;
}

/// An executor that may write: a write transaction. The `…Writes` traits of `repo/`
/// are implemented only for these, so a read transaction has no writing method at all.
pub(crate) trait CanWrite: Executor {}

/// In debug builds every statement is checked, before it runs, to be in the list that
/// `tests/statements.rs` prepares on both backends: a statement the repositories run
/// but nobody listed fails the first test that reaches it.
pub(crate) fn check_listed(backend: Backend, sql: &str) {
    debug_assert!(
        crate::repo::is_listed(backend, sql),
        "statement missing from its repository's STATEMENTS ({backend:?}): {sql}"
    );
}

impl StoreError {
    pub(crate) fn decode(column: &'static str, value: &str) -> Self {
        StoreError::Decode {
            column,
            value: value.to_owned(),
        }
    }
}
