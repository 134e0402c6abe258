//! keydesk: the account-security back office of an exchange. The binary's `main` only
//! parses the command line and calls `cli::run`; everything lives in this library so
//! tests start the real application in-process.
//!
//! Where things live (see `docs/ARCHITECTURE.md`): `features/<feature>/` holds each
//! feature's routes, pages, API and use cases; `web/` the HTTP plumbing they share;
//! `usecase/` the unit of work and throttling; `auth/` who is asking; `jobs/` the durable
//! job worker; `mail/` composing and delivering mail; `cli/` one file per subcommand.
#![forbid(unsafe_code)]

pub mod auth;
pub mod cli;
pub mod clock;
pub mod config;
mod device;
pub mod envelope;
pub mod error;
pub mod features;
pub mod files;
pub mod i18n;
pub mod jobs;
pub mod keys;
#[cfg(test)]
mod layering;
pub mod mail;
pub mod qr;
pub mod reloadable;
pub mod startup;
pub mod state;
pub mod telemetry;
pub mod usecase;
mod util;
pub mod web;
