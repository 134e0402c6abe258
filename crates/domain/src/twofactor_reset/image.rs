//! What a reset case's customer sends: the ID selfie (face, the original document and
//! the memo), and the document's address side where the document on file keeps the
//! current address apart from the name.
use crate::photo::kind::PhotoKind;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum ResetImageKind {
    Selfie,
    AddressSide,
}

crate::stored::stored_names!(ResetImageKind {
    Selfie => "selfie",
    AddressSide => "address_side",
});

impl ResetImageKind {
    /// The photo pre-check's kind for it (the memo is looked for on the selfie only).
    pub fn photo_kind(self) -> PhotoKind {
        match self {
            ResetImageKind::Selfie => PhotoKind::IdSelfie,
            ResetImageKind::AddressSide => PhotoKind::AddressSide,
        }
    }
}
