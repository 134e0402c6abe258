//! keydesk's pure rules. No I/O, no HTTP, no SQL; the clock is always a parameter
//! (`now` in unix seconds) and so is randomness where a rule needs it, so step
//! boundaries, replays, throttling and delays are tested exactly.
//!
//! One module per area of the product; the server's use cases call them, the store
//! turns their types into columns and back.
#![forbid(unsafe_code)]

pub mod access;
pub mod audit;
pub mod capability;
pub mod helpdesk;
pub mod identity;
pub mod jobs;
pub mod photo;
mod stored;
pub mod throttle;
pub mod twofactor;
pub mod twofactor_reset;
pub mod verification;

/// Seconds since the unix epoch. Every rule takes `now` as an argument.
pub type UnixTime = i64;
