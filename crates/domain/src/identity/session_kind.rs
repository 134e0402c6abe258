//! What a session was opened for: a browser's cookie (`web`) or a bearer token for the
//! JSON API (`api`). The names are stored and shown in the API.
use serde::{Deserialize, Serialize};

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum SessionKind {
    Web,
    Api,
}

crate::stored::stored_names!(SessionKind {
    Web => "web",
    Api => "api",
});
