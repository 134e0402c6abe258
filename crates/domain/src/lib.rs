//! keydesk's pure rules. No I/O, no HTTP, no SQL; the clock is always a parameter
//! (`now` in unix seconds) so step boundaries, replays, throttling and delays are
//! tested exactly.
#![forbid(unsafe_code)]

pub mod audit;
pub mod email;
pub mod factor_status;
pub mod job_kind;
pub mod language;
pub mod password;
pub mod photo_kind;
pub mod recovery;
pub mod role;
pub mod secret_box;
pub mod session_kind;
pub mod throttle;
pub mod token;
pub mod token_purpose;
pub mod totp;

/// Seconds since the unix epoch. Every rule takes `now` as an argument.
pub type UnixTime = i64;
