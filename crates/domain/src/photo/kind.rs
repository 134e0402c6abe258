//! Which identity photo a customer sent. The names are stored with each pre-check and
//! submission, and shown in the API; keydesk-photocheck has its own `PhotoKind` (what
//! the checks look for), which the server converts to this one.
use serde::{Deserialize, Serialize};

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum PhotoKind {
    /// The customer's face, the original identity document and a handwritten memo.
    IdSelfie,
    /// The front of an identity document (or a passport's data page).
    DocumentFront,
    /// The back of an identity document.
    DocumentBack,
    /// The side of a document that shows the current address.
    AddressSide,
}

impl PhotoKind {
    /// Every value: `parse` reads only these, so a new variant goes here too.
    pub const ALL: [PhotoKind; 4] = [
        PhotoKind::IdSelfie,
        PhotoKind::DocumentFront,
        PhotoKind::DocumentBack,
        PhotoKind::AddressSide,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            PhotoKind::IdSelfie => "id-selfie",
            PhotoKind::DocumentFront => "document-front",
            PhotoKind::DocumentBack => "document-back",
            PhotoKind::AddressSide => "address-side",
        }
    }

    /// The stored name, exactly as [`PhotoKind::as_str`] writes it (the CLI's and
    /// API's looser spellings, such as `selfie`, are keydesk-photocheck's to parse).
    pub fn parse(s: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|kind| kind.as_str() == s)
    }
}

/// The stored name.
impl std::fmt::Display for PhotoKind {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.as_str())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_round_trip_and_nothing_else_parses() {
        for kind in PhotoKind::ALL {
            assert_eq!(PhotoKind::parse(kind.as_str()), Some(kind));
        }
        for unknown in ["", "selfie", "id_selfie", "ID-SELFIE"] {
            assert_eq!(PhotoKind::parse(unknown), None, "{unknown:?}");
        }
    }
}
