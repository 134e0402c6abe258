//! A verification case's states and the moves between them.
use super::reason::{self, Reason};
use serde::Serialize;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum CaseStatus {
    Draft,
    Submitted,
    InReview,
    Approved,
    Refused,
}

crate::stored::stored_names!(CaseStatus {
    Draft => "draft",
    Submitted => "submitted",
    InReview => "in_review",
    Approved => "approved",
    Refused => "refused",
});

/// How one attempt ended (the case keeps every attempt with its outcome).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum AttemptOutcome {
    InReview,
    Approved,
    Refused,
    /// An agent cleared the case: its images are deleted, the customer starts again.
    Cleared,
}

crate::stored::stored_names!(AttemptOutcome {
    InReview => "in_review",
    Approved => "approved",
    Refused => "refused",
    Cleared => "cleared",
});

/// A case as the rules see it: its status, its attempt (from 1), and why the last
/// attempt was refused.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Case {
    pub status: CaseStatus,
    pub attempt: u32,
    pub reasons: Vec<Reason>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, thiserror::Error)]
pub enum CaseError {
    #[error("a case in this state cannot be sent")]
    NotSendable,
    #[error("the refusal cannot be fixed by sending again: support takes it from here")]
    NotRetryable,
    #[error("only a submitted case can be taken into review")]
    NotSubmitted,
    #[error("only a case in review can be decided")]
    NotInReview,
    #[error("a refusal needs at least one reason")]
    NoReason,
    #[error("an approved case is final")]
    Approved,
}

impl Case {
    pub fn new() -> Self {
        Case {
            status: CaseStatus::Draft,
            attempt: 1,
            reasons: Vec::new(),
        }
    }

    /// Sends the case: a draft's first attempt, or — after a retryable refusal — the
    /// next attempt, at once and without asking anyone.
    pub fn submit(&self) -> Result<Case, CaseError> {
        match self.status {
            CaseStatus::Draft => Ok(Case {
                status: CaseStatus::Submitted,
                ..self.clone()
            }),
            CaseStatus::Refused if reason::all_retryable(&self.reasons) => Ok(Case {
                status: CaseStatus::Submitted,
                attempt: self.attempt + 1,
                reasons: Vec::new(),
            }),
            CaseStatus::Refused => Err(CaseError::NotRetryable),
            _ => Err(CaseError::NotSendable),
        }
    }

    pub fn start_review(&self) -> Result<Case, CaseError> {
        match self.status {
            CaseStatus::Submitted => Ok(Case {
                status: CaseStatus::InReview,
                ..self.clone()
            }),
            _ => Err(CaseError::NotSubmitted),
        }
    }

    pub fn approve(&self) -> Result<Case, CaseError> {
        match self.status {
            CaseStatus::InReview => Ok(Case {
                status: CaseStatus::Approved,
                reasons: Vec::new(),
                ..self.clone()
            }),
            _ => Err(CaseError::NotInReview),
        }
    }

    /// Refuses the attempt; the machine may refuse a submitted attempt at once (an
    /// expired document, a type not accepted), an agent one in review.
    pub fn refuse(&self, reasons: &[Reason]) -> Result<Case, CaseError> {
        if reasons.is_empty() {
            return Err(CaseError::NoReason);
        }
        match self.status {
            CaseStatus::Submitted | CaseStatus::InReview => Ok(Case {
                status: CaseStatus::Refused,
                reasons: reasons.to_vec(),
                ..self.clone()
            }),
            _ => Err(CaseError::NotInReview),
        }
    }

    /// An agent clears the case (its images are deleted): the customer starts again
    /// with a new attempt, whatever the refusal was.
    pub fn clear(&self) -> Result<Case, CaseError> {
        if self.status == CaseStatus::Approved {
            return Err(CaseError::Approved);
        }
        Ok(Case {
            status: CaseStatus::Draft,
            attempt: self.attempt + 1,
            reasons: Vec::new(),
        })
    }
}

impl Default for Case {
    fn default() -> Self {
        Self::new()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_case_goes_from_draft_to_approved() {
        let case = Case::new()
            .submit()
            .unwrap()
            .start_review()
            .unwrap()
            .approve()
            .unwrap();
        assert_eq!((case.status, case.attempt), (CaseStatus::Approved, 1));
        assert_eq!(case.submit(), Err(CaseError::NotSendable));
        assert_eq!(case.clear(), Err(CaseError::Approved));
    }

    #[test]
    fn a_retryable_refusal_is_fixed_by_sending_again_at_once() {
        let refused = Case::new()
            .submit()
            .unwrap()
            .refuse(&[Reason::DocumentNotAccepted])
            .unwrap();
        let again = refused.submit().unwrap();
        assert_eq!((again.status, again.attempt), (CaseStatus::Submitted, 2));
        assert!(again.reasons.is_empty());
    }

    #[test]
    fn a_suspected_forgery_is_no_dead_end_but_not_self_service() {
        let refused = Case::new()
            .submit()
            .unwrap()
            .start_review()
            .unwrap()
            .refuse(&[Reason::Glare, Reason::SuspectedForgery])
            .unwrap();
        assert_eq!(refused.submit(), Err(CaseError::NotRetryable));
        // An agent can clear it; then the customer starts again.
        let cleared = refused.clear().unwrap();
        assert_eq!((cleared.status, cleared.attempt), (CaseStatus::Draft, 2));
        assert!(cleared.submit().is_ok());
    }

    #[test]
    fn moves_out_of_order_are_refused() {
        let draft = Case::new();
        assert_eq!(draft.start_review(), Err(CaseError::NotSubmitted));
        assert_eq!(draft.approve(), Err(CaseError::NotInReview));
        assert_eq!(
            draft.refuse(&[Reason::Blurred]),
            Err(CaseError::NotInReview)
        );
        let sent = draft.submit().unwrap();
        assert_eq!(sent.refuse(&[]), Err(CaseError::NoReason));
    }
}
