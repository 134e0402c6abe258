//! keydesk's pure rules. No I/O, no HTTP, no SQL; the clock is always a parameter
//! (`now` in unix seconds) so step boundaries, replays, throttling and delays are
//! tested exactly.
#![forbid(unsafe_code)]

pub mod audit;
pub mod email;
pub mod language;
pub mod password;
pub mod recovery;
pub mod role;
pub mod secret_box;
pub mod throttle;
pub mod token;
pub mod totp;

/// Seconds since the unix epoch. Every rule takes `now` as an argument.
pub type UnixTime = i64;
