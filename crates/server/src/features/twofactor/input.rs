//! What the two-factor feature's forms and JSON bodies share: read by the pages (`Form`)
//! and the API (`Body`) alike.
use serde::Deserialize;
use utoipa::ToSchema;

/// A current code from the authenticator (to turn 2FA off, a recovery code too).
#[derive(Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
#[schema(as = AuthenticatorCode)]
pub(super) struct Code {
    pub code: String,
}
