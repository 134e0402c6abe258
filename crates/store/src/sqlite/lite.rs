//! The repositories' [`Executor`] on a rusqlite connection, so that the SQL in `repo/`
//! is written once for both backends.
//!
//! Why not sqlx's SQLite driver: it runs every connection on a thread of its own and
//! hands each statement over a channel. For a login step of seven statements those
//! thread switches cost more than the statements (measured: ~2 400 second-factor
//! requests/s on one core). An embedded database is a function call away; the
//! statements here take microseconds and run on the calling task, so each future is
//! ready when it is made.
use crate::exec::{check_listed, Arg, Columns, Executor, FromRow, Row, Value};
use crate::{Backend, StoreError, StoreResult};
use rusqlite::types::{ToSqlOutput, ValueRef};
use rusqlite::{CachedStatement, Connection, ToSql};
use std::future::{ready, Future};
use std::ops::Deref;

/// Statements run on the connection `C` (a writer's transaction, a reader's snapshot,
/// or a reading connection for one statement).
pub(crate) struct LiteExecutor<C>(pub(crate) C);

/// Runs a statement without parameters or results (BEGIN, SAVEPOINT, COMMIT…),
/// prepared once: they run several times per request, and parsing them each time
/// showed in profiles.
pub(crate) fn control(conn: &Connection, sql: &str) -> rusqlite::Result<()> {
    conn.prepare_cached(sql)?.execute([])?;
    Ok(())
}

/// Bound as it is: text and blobs are borrowed, not copied into a value first.
impl ToSql for Arg<'_> {
    fn to_sql(&self) -> rusqlite::Result<ToSqlOutput<'_>> {
        Ok(ToSqlOutput::Borrowed(match *self {
            Arg::I64(v) => ValueRef::Integer(v),
            Arg::OptI64(v) => v.map_or(ValueRef::Null, ValueRef::Integer),
            Arg::Text(s) => ValueRef::Text(s.as_bytes()),
            Arg::OptText(s) => s.map_or(ValueRef::Null, |s| ValueRef::Text(s.as_bytes())),
            Arg::Blob(b) => ValueRef::Blob(b),
            Arg::Bool(b) => ValueRef::Integer(i64::from(b)),
        }))
    }
}

impl Row for rusqlite::Row<'_> {
    fn value<T: Value>(&self, index: usize) -> StoreResult<T> {
        Ok(self.get(index)?)
    }

    fn parsed<T>(
        &self,
        index: usize,
        column: &'static str,
        parse: fn(&str) -> Option<T>,
    ) -> StoreResult<T> {
        let value = self.get_ref(index)?;
        let text = value.as_str().map_err(|_| {
            rusqlite::Error::InvalidColumnType(index, column.to_owned(), value.data_type())
        })?;
        parse(text).ok_or_else(|| StoreError::decode(column, text))
    }
}

/// Prepares (cached) and binds. The SQL numbers its parameters PostgreSQL-style (`$1`);
/// SQLite reads `$1` as a *name*, numbered by first appearance, so each parameter is
/// bound by the number in its name.
fn prepare<'c>(
    conn: &'c Connection,
    sql: &str,
    args: &[Arg<'_>],
) -> rusqlite::Result<CachedStatement<'c>> {
    check_listed(Backend::Sqlite, sql);
    let mut stmt = conn.prepare_cached(sql)?;
    for index in 1..=stmt.parameter_count() {
        let arg = stmt
            .parameter_name(index)
            .and_then(|name| name.strip_prefix('$'))
            .and_then(|n| n.parse::<usize>().ok())
            .and_then(|n| args.get(n.wrapping_sub(1)))
            .ok_or(rusqlite::Error::InvalidParameterCount(index, args.len()))?;
        stmt.raw_bind_parameter(index, arg)?;
    }
    Ok(stmt)
}

fn execute(conn: &Connection, sql: &str, args: &[Arg<'_>]) -> StoreResult<u64> {
    let mut stmt = prepare(conn, sql, args)?;
    if stmt.column_count() == 0 {
        return Ok(stmt.raw_execute()? as u64);
    }
    // A statement with results (SELECT, RETURNING) runs to its end, as sqlx's execute
    // does.
    let mut rows = stmt.raw_query();
    while rows.next()?.is_some() {}
    drop(rows);
    drop(stmt);
    Ok(conn.changes())
}

fn fetch_optional<T: FromRow>(
    conn: &Connection,
    sql: &str,
    args: &[Arg<'_>],
) -> StoreResult<Option<T>> {
    let mut stmt = prepare(conn, sql, args)?;
    let mut rows = stmt.raw_query();
    // Read to the end: a RETURNING statement only finishes its writes when stepped
    // until done.
    let mut first = None;
    while let Some(row) = rows.next()? {
        if first.is_none() {
            first = Some(T::from_row(&mut Columns::new(row))?);
        }
    }
    Ok(first)
}

fn fetch_all<T: FromRow>(conn: &Connection, sql: &str, args: &[Arg<'_>]) -> StoreResult<Vec<T>> {
    let mut stmt = prepare(conn, sql, args)?;
    let mut rows = stmt.raw_query();
    let mut out = Vec::new();
    while let Some(row) = rows.next()? {
        out.push(T::from_row(&mut Columns::new(row))?);
    }
    Ok(out)
}

impl<C: Deref<Target = Connection> + Send> Executor for LiteExecutor<C> {
    fn backend(&self) -> Backend {
        Backend::Sqlite
    }

    fn execute<'a>(
        &'a mut self,
        sql: &'a str,
        args: &'a [Arg<'a>],
    ) -> impl Future<Output = StoreResult<u64>> + Send + 'a {
        ready(execute(&self.0, sql, args))
    }

    fn fetch_optional<'a, T: FromRow>(
        &'a mut self,
        sql: &'a str,
        args: &'a [Arg<'a>],
    ) -> impl Future<Output = StoreResult<Option<T>>> + Send + 'a {
        ready(fetch_optional(&self.0, sql, args))
    }

    fn fetch_all<'a, T: FromRow>(
        &'a mut self,
        sql: &'a str,
        args: &'a [Arg<'a>],
    ) -> impl Future<Output = StoreResult<Vec<T>>> + Send + 'a {
        ready(fetch_all(&self.0, sql, args))
    }
}
