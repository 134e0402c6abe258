//! What goes wrong in a 2FA reset, each with a stable code whose message
//! (`error-<code>`) says what to do, in the reader's language.
use axum::http::StatusCode;
use keydesk_domain::twofactor_reset::case::ResetError as CaseError;
use keydesk_domain::twofactor_reset::checklist::ChecklistError;
use keydesk_domain::twofactor_reset::decider::DeciderError;

#[derive(Debug, thiserror::Error)]
pub enum ResetError {
    #[error("a reset is already under way for this account")]
    AlreadyOpen,
    #[error("the ID selfie is needed")]
    SelfieMissing,
    #[error("the document's address side is needed")]
    AddressSideMissing,
    #[error("this account has no verified identity document: answer the personal questions")]
    FactsPathOnly,
    #[error("this account has a verified identity document: send an ID selfie")]
    SelfiePathOnly,
    #[error("this account holds no personal details to confirm it is you")]
    NothingOnFile,
    #[error("the answers do not match what the account gave")]
    FactsDoNotMatch,
    #[error("the case changed meanwhile")]
    Changed,
    #[error("{0}")]
    Case(#[from] CaseError),
    #[error("{0}")]
    Decider(#[from] DeciderError),
    #[error("{0}")]
    Checklist(#[from] ChecklistError),
    #[error("this link is not valid (any more)")]
    LinkInvalid,
}

impl ResetError {
    pub fn code(&self) -> &'static str {
        match self {
            ResetError::AlreadyOpen => "reset_already_open",
            ResetError::SelfieMissing => "reset_selfie_missing",
            ResetError::AddressSideMissing => "reset_address_side_missing",
            ResetError::FactsPathOnly => "reset_facts_path_only",
            ResetError::SelfiePathOnly => "reset_selfie_path_only",
            ResetError::NothingOnFile => "reset_nothing_on_file",
            ResetError::FactsDoNotMatch => "reset_facts_do_not_match",
            ResetError::Changed => "reset_changed",
            ResetError::Case(e) => match e {
                CaseError::NotSubmitted | CaseError::NotInReview => "reset_not_in_review",
                CaseError::NoReason => "reset_no_reason",
                CaseError::NotRefused => "reset_not_refused",
                CaseError::NotRetryable => "reset_not_retryable",
                CaseError::FactsNotResent => "reset_facts_not_resent",
                CaseError::SameApprover => "reset_same_approver",
                CaseError::DelayRunning => "reset_delay_running",
                CaseError::NotWaiting => "reset_not_waiting",
                CaseError::Closed => "reset_closed",
            },
            ResetError::Decider(e) => match e {
                DeciderError::NotStaff => "reset_not_staff",
                DeciderError::OwnAccount => "reset_own_account",
                DeciderError::NeedsAdmin => "reset_needs_admin",
            },
            ResetError::Checklist(e) => match e {
                ChecklistError::Unmarked(_) => "reset_checklist_incomplete",
                ChecklistError::Failed(_) => "reset_checklist_failed",
            },
            ResetError::LinkInvalid => "reset_link_invalid",
        }
    }

    pub fn status(&self) -> StatusCode {
        match self {
            ResetError::Decider(_) => StatusCode::FORBIDDEN,
            ResetError::LinkInvalid => StatusCode::NOT_FOUND,
            ResetError::AlreadyOpen | ResetError::Changed | ResetError::Case(_) => {
                StatusCode::CONFLICT
            }
            _ => StatusCode::UNPROCESSABLE_ENTITY,
        }
    }

    pub fn field(&self) -> Option<&'static str> {
        match self {
            ResetError::SelfieMissing => Some("selfie"),
            ResetError::AddressSideMissing => Some("address_side"),
            _ => None,
        }
    }
}
