//! Why a verification attempt was refused: a stable code (its customer text, in the
//! customer's language, says what was wrong and what to do) and whether the customer
//! can fix it alone by sending new documents.
use serde::Serialize;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Reason {
    /// This document type is not accepted for the customer's country.
    DocumentNotAccepted,
    Expired,
    Blurred,
    Glare,
    CutOff,
    /// A side the document needs (its back, the address side) is missing.
    SideMissing,
    MrzUnreadable,
    /// The MRZ's check digits do not add up.
    MrzInvalid,
    NameMismatch,
    DateOfBirthMismatch,
    /// Not retryable: it opens a desk request instead.
    SuspectedForgery,
}

crate::stored::stored_names!(Reason {
    DocumentNotAccepted => "document_not_accepted",
    Expired => "expired",
    Blurred => "blurred",
    Glare => "glare",
    CutOff => "cut_off",
    SideMissing => "side_missing",
    MrzUnreadable => "mrz_unreadable",
    MrzInvalid => "mrz_invalid",
    NameMismatch => "name_mismatch",
    DateOfBirthMismatch => "date_of_birth_mismatch",
    SuspectedForgery => "suspected_forgery",
});

impl Reason {
    /// The customer can fix it alone by sending other documents or photos.
    pub fn retryable(self) -> bool {
        !matches!(self, Reason::SuspectedForgery)
    }
}

/// Whether a refusal for all of `reasons` can be fixed by the customer alone.
pub fn all_retryable(reasons: &[Reason]) -> bool {
    reasons.iter().all(|r| r.retryable())
}
