//! What the sessions feature's forms and JSON bodies carry: one type each, read by the
//! pages (`Form`) and the API (`Body`) alike.
use serde::Deserialize;
use utoipa::ToSchema;

pub(super) use crate::features::credentials::Credentials;

/// The login's second step.
#[derive(Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
#[schema(as = SecondFactorCode)]
pub(super) struct Code {
    /// A 6-digit code from the authenticator, or a recovery code.
    pub code: String,
}
