//! The repositories' [`Executor`] on a PostgreSQL connection, through sqlx.
use crate::exec::{check_listed, Arg, Columns, Executor, FromRow, Row, Value};
use crate::{Backend, StoreError, StoreResult};
use sqlx::postgres::{PgArguments, PgRow};
use sqlx::query::Query;
use sqlx::{PgConnection, Postgres};
use std::future::Future;
use std::ops::DerefMut;

/// Statements run on the connection `C` (a transaction, or a pooled connection for
/// one statement).
pub(crate) struct PgExecutor<C>(pub(crate) C);

fn bind<'q>(sql: &'q str, args: &[Arg<'q>]) -> Query<'q, Postgres, PgArguments> {
    check_listed(Backend::Postgres, sql);
    args.iter().fold(sqlx::query(sql), |query, arg| match *arg {
        Arg::I64(v) => query.bind(v),
        Arg::OptI64(v) => query.bind(v),
        Arg::Text(s) => query.bind(s),
        Arg::OptText(s) => query.bind(s),
        Arg::Blob(b) => query.bind(b),
        Arg::Bool(b) => query.bind(i64::from(b)),
    })
}

impl Row for PgRow {
    fn value<T: Value>(&self, index: usize) -> StoreResult<T> {
        Ok(sqlx::Row::try_get(self, index)?)
    }

    fn parsed<T>(
        &self,
        index: usize,
        column: &'static str,
        parse: fn(&str) -> Option<T>,
    ) -> StoreResult<T> {
        let text: &str = sqlx::Row::try_get(self, index)?;
        parse(text).ok_or_else(|| StoreError::decode(column, text))
    }
}

fn decode<T: FromRow>(row: &PgRow) -> StoreResult<T> {
    T::from_row(&mut Columns::new(row))
}

impl<C: DerefMut<Target = PgConnection> + Send> Executor for PgExecutor<C> {
    fn backend(&self) -> Backend {
        Backend::Postgres
    }

    fn execute<'a>(
        &'a mut self,
        sql: &'a str,
        args: &'a [Arg<'a>],
    ) -> impl Future<Output = StoreResult<u64>> + Send + 'a {
        let query = bind(sql, args);
        async move { Ok(query.execute(&mut *self.0).await?.rows_affected()) }
    }

    fn fetch_optional<'a, T: FromRow>(
        &'a mut self,
        sql: &'a str,
        args: &'a [Arg<'a>],
    ) -> impl Future<Output = StoreResult<Option<T>>> + Send + 'a {
        let query = bind(sql, args);
        async move {
            let row = query.fetch_optional(&mut *self.0).await?;
            row.as_ref().map(decode).transpose()
        }
    }

    fn fetch_all<'a, T: FromRow>(
        &'a mut self,
        sql: &'a str,
        args: &'a [Arg<'a>],
    ) -> impl Future<Output = StoreResult<Vec<T>>> + Send + 'a {
        let query = bind(sql, args);
        async move {
            let rows = query.fetch_all(&mut *self.0).await?;
            rows.iter().map(decode).collect()
        }
    }
}
