//! keydesk: the account-security back office of an exchange. The binary's `main` only
//! parses the command line and calls `cli::run`; everything lives in this library so
//! tests start the real application in-process.
#![forbid(unsafe_code)]

pub mod api;
pub mod cli;
pub mod clock;
pub mod config;
mod demo;
mod device;
pub mod error;
pub mod files;
pub mod i18n;
pub mod jobs;
pub mod keys;
pub mod mail;
mod photocheck_cli;
pub mod qr;
pub mod service;
pub mod startup;
pub mod state;
pub mod telemetry;
mod util;
pub mod web;
