//! What a session was opened for: a browser's cookie (`web`) or a bearer token for the
//! JSON API (`api`). The names are stored and shown in the API.
use serde::{Deserialize, Serialize};

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum SessionKind {
    Web,
    Api,
}

impl SessionKind {
    /// Every value: `parse` reads only these, so a new variant goes here too.
    pub const ALL: [SessionKind; 2] = [SessionKind::Web, SessionKind::Api];

    pub fn as_str(self) -> &'static str {
        match self {
            SessionKind::Web => "web",
            SessionKind::Api => "api",
        }
    }

    /// The stored name, exactly as [`SessionKind::as_str`] writes it.
    pub fn parse(s: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|kind| kind.as_str() == s)
    }
}

/// The stored name.
impl std::fmt::Display for SessionKind {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.as_str())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_round_trip_and_nothing_else_parses() {
        for kind in SessionKind::ALL {
            assert_eq!(SessionKind::parse(kind.as_str()), Some(kind));
        }
        for unknown in ["", "Web", "cli", "api\n"] {
            assert_eq!(SessionKind::parse(unknown), None, "{unknown:?}");
        }
    }
}
