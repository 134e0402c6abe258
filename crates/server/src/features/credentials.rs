//! What sign-up and the login's first step both take: an e-mail address and a
//! password. One type for both features' pages (`Form`) and API (`Body`), as the error
//! types are shared vocabulary below the features.
use serde::Deserialize;
use utoipa::ToSchema;

#[derive(Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct Credentials {
    pub email: String,
    pub password: String,
}
