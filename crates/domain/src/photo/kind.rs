//! Which identity photo a customer sent, and so what the pre-check looks for
//! (keydesk-photocheck takes this type). The names are stored with each pre-check and
//! submission, and shown in the API.
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

crate::stored::stored_names!(PhotoKind {
    IdSelfie => "id-selfie",
    DocumentFront => "document-front",
    DocumentBack => "document-back",
    AddressSide => "address-side",
});

impl PhotoKind {
    /// The spelling a customer's form, the API or the CLI uses: a stored name, or
    /// `selfie` for an ID selfie.
    pub fn from_input(s: &str) -> Option<PhotoKind> {
        match s {
            "selfie" => Some(PhotoKind::IdSelfie),
            _ => PhotoKind::parse(s),
        }
    }
}
