//! What goes wrong in identity verification, each with a stable code whose message
//! (`error-<code>`) says what to do, in the customer's language.
use axum::http::StatusCode;
use keydesk_domain::verification::facts::FactError;

#[derive(Debug, thiserror::Error)]
pub enum VerificationError {
    #[error("the facts have problems: {0:?}")]
    Facts(Vec<FactError>),
    #[error("the personal facts are fixed once verified")]
    FactsFixed,
    #[error("give the personal facts (Basic) first")]
    FactsFirst,
    #[error("the account is verified already")]
    AlreadyVerified,
    #[error("the documents sent are being reviewed")]
    InReview,
    #[error("this refusal cannot be fixed by sending again: support takes it from here")]
    NotRetryable,
    #[error("a photo of the {0} is needed")]
    SideMissing(&'static str),
    #[error("the document's expiry date is needed, as YYYY-MM-DD")]
    Expiry,
    #[error("unknown document type")]
    UnknownDocument,
    #[error("the case changed meanwhile")]
    Changed,
    #[error("a decision needs every checklist item confirmed")]
    Checklist,
    #[error("a refusal needs at least one reason")]
    NoReason,
    #[error("only a case in review can be decided")]
    NotInReview,
    #[error("an approved case cannot be cleared")]
    Approved,
}

impl VerificationError {
    pub fn code(&self) -> &'static str {
        match self {
            VerificationError::Facts(_) => "verification_facts_invalid",
            VerificationError::FactsFixed => "verification_facts_fixed",
            VerificationError::FactsFirst => "verification_facts_first",
            VerificationError::AlreadyVerified => "verification_already_verified",
            VerificationError::InReview => "verification_in_review",
            VerificationError::NotRetryable => "verification_not_retryable",
            VerificationError::SideMissing(_) => "verification_side_missing",
            VerificationError::Expiry => "verification_expiry_invalid",
            VerificationError::UnknownDocument => "verification_unknown_document",
            VerificationError::Changed => "verification_case_changed",
            VerificationError::Checklist => "verification_checklist_incomplete",
            VerificationError::NoReason => "verification_no_reason",
            VerificationError::NotInReview => "verification_not_in_review",
            VerificationError::Approved => "verification_approved",
        }
    }

    pub fn status(&self) -> StatusCode {
        match self {
            VerificationError::InReview
            | VerificationError::AlreadyVerified
            | VerificationError::FactsFixed
            | VerificationError::NotRetryable
            | VerificationError::Changed
            | VerificationError::NotInReview
            | VerificationError::Approved => StatusCode::CONFLICT,
            _ => StatusCode::UNPROCESSABLE_ENTITY,
        }
    }

    pub fn field(&self) -> Option<&'static str> {
        match self {
            VerificationError::SideMissing(side) => Some(side),
            VerificationError::Expiry => Some("expires_on"),
            VerificationError::UnknownDocument => Some("document"),
            _ => None,
        }
    }
}
