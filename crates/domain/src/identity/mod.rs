//! Who someone is to keydesk: an account's e-mail address, password, language and role,
//! the bearer tokens that stand for a signed-in session, and the stage a session is at.
pub mod email;
pub mod language;
pub mod password;
pub mod role;
pub mod session_kind;
pub mod stage;
pub mod time_zone;
pub mod token;
pub mod token_purpose;
