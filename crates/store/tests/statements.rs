//! Every statement the store runs, prepared on a migrated database of each backend:
//! what sqlx's `query!` would check at compile time (tables, columns, syntax, the
//! parameters), without a database for the build. The repositories run the very
//! constants listed here, and in debug builds refuse to run one that is not listed.
#![allow(clippy::unwrap_used, clippy::expect_used)]
use keydesk_store::{all_statements, Backend};
use std::collections::HashMap;

mod support;

/// The numbers of a statement's `$n` parameters must be exactly 1 to their count, as
/// both executors bind them by position.
fn assert_numbered(sql: &str, numbers: impl IntoIterator<Item = usize>, count: usize) {
    let mut numbers: Vec<usize> = numbers.into_iter().collect();
    numbers.sort_unstable();
    numbers.dedup();
    assert_eq!(
        numbers,
        (1..=count).collect::<Vec<_>>(),
        "parameters of {sql}"
    );
}

#[tokio::test]
async fn every_statement_prepares_on_both_backends() {
    let f = support::sqlite().await;
    let path = f.url.strip_prefix("sqlite://").unwrap();
    let conn = rusqlite::Connection::open(path).unwrap();
    let statements = all_statements(Backend::Sqlite);
    assert!(
        statements.len() > 50,
        "only {} statements",
        statements.len()
    );
    // How many columns each statement returns, to compare with PostgreSQL's.
    let mut columns = HashMap::new();
    for sql in &statements {
        let stmt = conn
            .prepare(sql)
            .unwrap_or_else(|e| panic!("SQLite refuses {sql}: {e}"));
        let count = stmt.parameter_count();
        let numbers = (1..=count).map(|i| {
            stmt.parameter_name(i)
                .and_then(|name| name.strip_prefix('$'))
                .and_then(|n| n.parse::<usize>().ok())
                .unwrap_or_else(|| panic!("parameter {i} is not named $n in {sql}"))
        });
        assert_numbered(sql, numbers, count);
        columns.insert(sql.to_string(), stmt.column_count());
    }

    let Some(f) = support::postgres().await else {
        return;
    };
    use sqlx::{Connection, Executor, Statement};
    let mut conn = sqlx::PgConnection::connect(&f.url).await.unwrap();
    for sql in all_statements(Backend::Postgres) {
        let stmt = conn
            .prepare(&sql)
            .await
            .unwrap_or_else(|e| panic!("PostgreSQL refuses {sql}: {e}"));
        let count = match stmt.parameters() {
            Some(sqlx::Either::Left(types)) => types.len(),
            Some(sqlx::Either::Right(n)) => n,
            None => 0,
        };
        let numbers = sql
            .split('$')
            .skip(1)
            .map(|rest| {
                let digits: String = rest.chars().take_while(char::is_ascii_digit).collect();
                digits.parse::<usize>().unwrap()
            })
            .collect::<Vec<_>>();
        assert_numbered(&sql, numbers, count);
        if let Some(&on_sqlite) = columns.get(sql.as_ref()) {
            assert_eq!(
                stmt.columns().len(),
                on_sqlite,
                "the backends return different columns for {sql}"
            );
        }
    }
}
