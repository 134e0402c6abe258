//! Who is asking: a session token resolved to its [`Viewer`] (the session, its account,
//! the stage it is at), and the session's lifecycle — creation, and rotation on every
//! privilege change. No HTTP here: `web::extract` turns a viewer into what a handler
//! needs (`SignedIn`, `Complete`, `Staff`, `Admin`).
mod session;
mod viewer;

pub use session::{create_session, rotate_session, rotated};
pub use viewer::{resolve, Viewer};
