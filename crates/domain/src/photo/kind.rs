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

crate::stored::stored_names!(PhotoKind {
    IdSelfie => "id-selfie",
    DocumentFront => "document-front",
    DocumentBack => "document-back",
    AddressSide => "address-side",
});
