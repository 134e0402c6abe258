//! One file per aggregate: its traits, their one implementation over
//! [`Executor`](crate::exec::Executor), and its SQL. Portable SQL is written once;
//! where the backends differ (row locks, `SKIP LOCKED`), the method that needs it
//! matches on `self.backend()`.
//!
//! Each aggregate has a `…Reads` trait, implemented for every executor, and a
//! `…Writes` trait, implemented only for executors that may write
//! ([`CanWrite`](crate::exec::CanWrite)): [`ReadTx`](crate::ReadTx) and
//! [`WriteTx`](crate::WriteTx) are made of them.
//!
//! Every statement is a constant of its file, listed in the file's `STATEMENTS`;
//! `tests/statements.rs` prepares each on both backends (where sqlx's `query!` would
//! check them at compile time, against a database the build would then need).
pub(crate) mod accounts;
pub(crate) mod audit;
pub(crate) mod desk_answers_text;
pub(crate) mod desk_ratings;
pub(crate) mod desk_search;
pub(crate) mod desk_setup;
pub(crate) mod factors;
pub(crate) mod holds;
pub(crate) mod jobs;
pub(crate) mod photos;
pub(crate) mod requests;
pub(crate) mod service_tokens;
pub(crate) mod sessions;
pub(crate) mod step_sign_in;
pub(crate) mod throttle;
pub(crate) mod tokens;
pub(crate) mod twofactor_reset_images;
pub(crate) mod twofactor_resets;
pub(crate) mod verification;

use crate::Backend;
use std::borrow::Cow;

/// The statements of one repository file.
pub(crate) struct Statements {
    /// Run on both backends.
    pub both: &'static [&'static str],
    pub sqlite_only: &'static [&'static str],
    pub postgres_only: &'static [&'static str],
}

impl Statements {
    pub(crate) const NONE: Statements = Statements {
        both: &[],
        sqlite_only: &[],
        postgres_only: &[],
    };

    fn on(&self, backend: Backend) -> impl Iterator<Item = &'static str> {
        let only = match backend {
            Backend::Sqlite => self.sqlite_only,
            Backend::Postgres => self.postgres_only,
        };
        self.both.iter().chain(only).copied()
    }
}

/// `Store::ping`.
pub(crate) const PING: &str = "SELECT 1";

const STORE: Statements = Statements {
    both: &[PING],
    ..Statements::NONE
};

const FILES: [&Statements; 19] = [
    &STORE,
    &accounts::STATEMENTS,
    &audit::STATEMENTS,
    &desk_answers_text::STATEMENTS,
    &desk_ratings::STATEMENTS,
    &desk_setup::STATEMENTS,
    &factors::STATEMENTS,
    &holds::STATEMENTS,
    &jobs::STATEMENTS,
    &photos::STATEMENTS,
    &requests::STATEMENTS,
    &service_tokens::STATEMENTS,
    &sessions::STATEMENTS,
    &step_sign_in::STATEMENTS,
    &throttle::STATEMENTS,
    &tokens::STATEMENTS,
    &twofactor_reset_images::STATEMENTS,
    &twofactor_resets::STATEMENTS,
    &verification::STATEMENTS,
];

/// Every statement the store runs on `backend`; those made for a number of throttle
/// buckets, for one to three.
pub fn all_statements(backend: Backend) -> Vec<Cow<'static, str>> {
    FILES
        .iter()
        .flat_map(|file| file.on(backend))
        .map(Cow::Borrowed)
        .chain(throttle::made_statements(backend, 1..=3).map(Cow::Owned))
        .chain(requests::made_statements().map(Cow::Owned))
        .chain(desk_search::made_statements(backend).map(Cow::Owned))
        .collect()
}

/// Whether `sql` is one of [`all_statements`] (for any number of buckets).
pub(crate) fn is_listed(backend: Backend, sql: &str) -> bool {
    FILES
        .iter()
        .any(|file| file.on(backend).any(|listed| listed == sql))
        || throttle::is_made_statement(backend, sql)
        || requests::is_made_statement(sql)
        || desk_search::is_made_statement(backend, sql)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn listed_statements_are_recognised_and_others_are_not() {
        for backend in [Backend::Sqlite, Backend::Postgres] {
            for sql in all_statements(backend) {
                assert!(is_listed(backend, &sql), "{sql}");
            }
            // The throttle's, for more buckets than the list shows.
            for sql in throttle::made_statements(backend, 7..=7) {
                assert!(is_listed(backend, &sql), "{sql}");
            }
            assert!(!is_listed(backend, "SELECT 2"));
            assert!(!is_listed(backend, "SELECT $1"));
        }
        assert!(!is_listed(Backend::Sqlite, jobs::CLAIM_POSTGRES));
        assert!(!is_listed(Backend::Postgres, jobs::CLAIM_SQLITE));
    }
}
