//! The HTTP tests: one binary, a module per feature over shared helpers, every test that
//! touches the database run on SQLite and on PostgreSQL (`helpers::on_both_backends!`:
//! `<module>::<test>::sqlite` and `::postgres`).
//!
//! A test lives with the feature whose pages and API it exercises; the other modules
//! hold what cuts across features: how bad input is refused, headers and CSRF, what
//! other programs read, the encryption key, mail delivery, the file store, and the
//! journeys end to end.
#![allow(clippy::unwrap_used, clippy::expect_used)]
mod helpers;

mod authz_matrix;

mod accounts;
mod admin;
mod desk;
mod desk_after_solved;
mod help;
mod photos;
mod sessions;
mod sla;
mod twofactor;
mod twofactor_reset;
mod verification;

mod bad_input;
mod crash;
mod files;
mod headers_and_csrf;
mod interop;
mod journeys;
mod keys;
mod mail_in;
mod mail_round_trip;
mod nothing_replayable;
mod smtp;
