//! The few query calls the repositories make (`query`, `query_as`, `query_scalar`,
//! `bind`, `execute`, `fetch_*`), run directly on a rusqlite connection, so that the
//! SQL in `repos.rs` is written once for both backends.
//!
//! Why not sqlx's SQLite driver: it runs every connection on a thread of its own and
//! hands each statement over a channel. For a login step of seven statements those
//! thread switches cost more than the statements (measured: ~2 400 second-factor
//! requests/s on one core). An embedded database is a function call away; the
//! statements here take microseconds and run on the calling task.
use rusqlite::types::{FromSql, ToSqlOutput, Value};
use rusqlite::{Connection, Row, ToSql};
use std::marker::PhantomData;

/// Decodes a row into a model; the `models` module implements it next to
/// `sqlx::FromRow`.
pub(crate) trait FromRow: Sized {
    fn from_row(row: &Row<'_>) -> rusqlite::Result<Self>;
}

pub(crate) struct Query<'q, D> {
    sql: &'q str,
    args: Vec<Value>,
    bad_arg: Option<rusqlite::Error>,
    decode: PhantomData<D>,
}

pub(crate) struct Done {
    rows: usize,
}

impl Done {
    pub(crate) fn rows_affected(&self) -> u64 {
        self.rows as u64
    }
}

/// Markers for what a row becomes.
pub(crate) struct Raw;
pub(crate) struct As<T>(PhantomData<T>);
pub(crate) struct Scalar<T>(PhantomData<T>);

pub(crate) trait Decode {
    type Out;
    fn decode(row: &Row<'_>) -> rusqlite::Result<Self::Out>;
}

impl<T: FromRow> Decode for As<T> {
    type Out = T;
    fn decode(row: &Row<'_>) -> rusqlite::Result<T> {
        T::from_row(row)
    }
}

impl<T: FromSql> Decode for Scalar<T> {
    type Out = T;
    fn decode(row: &Row<'_>) -> rusqlite::Result<T> {
        row.get(0)
    }
}

/// Runs a statement without parameters or results (BEGIN, SAVEPOINT, COMMIT…),
/// prepared once: they run several times per request, and parsing them each time
/// showed in profiles.
pub(crate) fn control(conn: &Connection, sql: &str) -> rusqlite::Result<()> {
    conn.prepare_cached(sql)?.execute([])?;
    Ok(())
}

pub(crate) fn query(sql: &str) -> Query<'_, Raw> {
    Query::new(sql)
}

pub(crate) fn query_as<T: FromRow>(sql: &str) -> Query<'_, As<T>> {
    Query::new(sql)
}

pub(crate) fn query_scalar<T: FromSql>(sql: &str) -> Query<'_, Scalar<T>> {
    Query::new(sql)
}

impl<'q, D> Query<'q, D> {
    fn new(sql: &'q str) -> Self {
        Query {
            sql,
            args: Vec::new(),
            bad_arg: None,
            decode: PhantomData,
        }
    }

    pub(crate) fn bind<T: ToSql>(mut self, value: T) -> Self {
        match value.to_sql() {
            Ok(ToSqlOutput::Borrowed(v)) => self.args.push(v.into()),
            Ok(ToSqlOutput::Owned(v)) => self.args.push(v),
            Ok(_) => self.bad_arg = Some(rusqlite::Error::InvalidQuery),
            Err(e) => self.bad_arg = Some(e),
        }
        self
    }

    /// Prepares (cached) and binds. The SQL numbers its parameters PostgreSQL-style
    /// (`$1`); SQLite reads `$1` as a *name*, numbered by first appearance, so each
    /// parameter is bound by the number in its name.
    fn run<R>(
        self,
        conn: &Connection,
        f: impl FnOnce(&mut rusqlite::Statement<'_>) -> rusqlite::Result<R>,
    ) -> rusqlite::Result<R> {
        if let Some(e) = self.bad_arg {
            return Err(e);
        }
        let mut stmt = conn.prepare_cached(self.sql)?;
        for index in 1..=stmt.parameter_count() {
            let arg = stmt
                .parameter_name(index)
                .and_then(|name| name.strip_prefix('$'))
                .and_then(|n| n.parse::<usize>().ok())
                .and_then(|n| self.args.get(n.wrapping_sub(1)))
                .ok_or(rusqlite::Error::InvalidParameterCount(
                    index,
                    self.args.len(),
                ))?;
            stmt.raw_bind_parameter(index, arg)?;
        }
        f(&mut stmt)
    }

    pub(crate) async fn execute(self, conn: &mut Connection) -> rusqlite::Result<Done> {
        let rows = self.run(conn, |stmt| {
            if stmt.column_count() == 0 {
                return stmt.raw_execute().map(Some);
            }
            // A statement with results (SELECT, RETURNING) runs to its end, as sqlx's
            // execute does.
            let mut rows = stmt.raw_query();
            while rows.next()?.is_some() {}
            Ok(None)
        })?;
        let rows = rows.unwrap_or_else(|| conn.changes() as usize);
        Ok(Done { rows })
    }
}

impl<D: Decode> Query<'_, D> {
    pub(crate) async fn fetch_all(self, conn: &mut Connection) -> rusqlite::Result<Vec<D::Out>> {
        self.run(conn, |stmt| {
            let mut rows = stmt.raw_query();
            let mut out = Vec::new();
            while let Some(row) = rows.next()? {
                out.push(D::decode(row)?);
            }
            Ok(out)
        })
    }

    pub(crate) async fn fetch_optional(
        self,
        conn: &mut Connection,
    ) -> rusqlite::Result<Option<D::Out>> {
        self.run(conn, |stmt| {
            let mut rows = stmt.raw_query();
            // Read to the end: a RETURNING statement only finishes its writes when
            // stepped until done.
            let mut first = None;
            while let Some(row) = rows.next()? {
                if first.is_none() {
                    first = Some(D::decode(row)?);
                }
            }
            Ok(first)
        })
    }

    pub(crate) async fn fetch_one(self, conn: &mut Connection) -> rusqlite::Result<D::Out> {
        self.fetch_optional(conn)
            .await?
            .ok_or(rusqlite::Error::QueryReturnedNoRows)
    }
}
