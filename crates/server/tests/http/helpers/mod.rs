//! What the HTTP tests share: the app on a chosen database ([`TestApp`], [`Backend`],
//! [`on_both_backends!`]), a browser ([`Browser`]), a JSON API client ([`Api`]), test
//! pictures, moto's S3 server ([`s3`]) and a real Postfix ([`postfix`]).
mod api;
mod app;
mod backend;
mod browser;
mod documents;
mod pictures;
pub mod postfix;
pub mod s3;

pub use app::*;
pub use backend::*;
pub use browser::*;
pub use documents::*;
pub use pictures::*;
