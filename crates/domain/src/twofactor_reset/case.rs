//! A reset case's states and the moves between them, with time passed in.
//!
//! ```text
//! submitted ──review──▶ in_review ──approve (all approvals)──▶ waiting ──delay over──▶ executed
//!     ▲                    │  └─approve (four-eyes: first)─▶ in_review (one approval)
//!     └──resubmit── refused ◀─refuse─┘
//! any state before executed ──"this wasn't me"──▶ cancelled (the account is frozen)
//! ```
//!
//! A case opened by personal facts (J4) starts submitted for an agent's confirmation or,
//! by configuration, straight in the security delay.
use serde::Serialize;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum ResetStatus {
    Submitted,
    InReview,
    Refused,
    /// Approved: the security delay runs until [`ResetCase::delay_ends_at`].
    Waiting,
    Executed,
    Cancelled,
}

crate::stored::stored_names!(ResetStatus {
    Submitted => "submitted",
    InReview => "in_review",
    Refused => "refused",
    Waiting => "waiting",
    Executed => "executed",
    Cancelled => "cancelled",
});

/// How the customer proves they own the account.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum ResetPath {
    /// The ID selfie with its memo, against the document on file.
    Selfie,
    /// Three of four personal facts, for an account without a complete verification.
    Facts,
}

crate::stored::stored_names!(ResetPath {
    Selfie => "selfie",
    Facts => "facts",
});

/// Why an agent refused an attempt: each names a problem the customer can fix by
/// sending again (the Fluent ids are `reset-refusal-<code>` and its `-fix`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum RefusalReason {
    FaceNotVisible,
    NotOriginal,
    TextUnreadable,
    MemoWrong,
    Mirrored,
    Glare,
    Covered,
    Blurred,
    AddressSideMissing,
    /// The face in the selfie is not the one on the document on file. Not for the
    /// customer to fix by sending again: support takes it from here.
    NotTheHolder,
}

crate::stored::stored_names!(RefusalReason {
    FaceNotVisible => "face_not_visible",
    NotOriginal => "not_original",
    TextUnreadable => "text_unreadable",
    MemoWrong => "memo_wrong",
    Mirrored => "mirrored",
    Glare => "glare",
    Covered => "covered",
    Blurred => "blurred",
    AddressSideMissing => "address_side_missing",
    NotTheHolder => "not_the_holder",
});

impl RefusalReason {
    /// Fixable by the customer with a new photo.
    pub fn retryable(self) -> bool {
        self != RefusalReason::NotTheHolder
    }
}

/// A case as the rules see it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ResetCase {
    pub path: ResetPath,
    pub status: ResetStatus,
    /// From 1; each resubmission after a refusal is the next attempt.
    pub attempt: u32,
    pub reasons: Vec<RefusalReason>,
    /// The staff accounts that approved this attempt, in order.
    pub approvals: Vec<i64>,
    /// When the security delay ends (unix seconds), once approved.
    pub delay_ends_at: Option<i64>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, thiserror::Error)]
pub enum ResetError {
    #[error("only a submitted case can be taken into review")]
    NotSubmitted,
    #[error("only a case in review can be decided")]
    NotInReview,
    #[error("a refusal needs at least one reason")]
    NoReason,
    #[error("only a refused case can be sent again")]
    NotRefused,
    #[error("this refusal cannot be fixed by sending again: support takes it from here")]
    NotRetryable,
    #[error("a personal-facts case cannot be sent again: open a new one")]
    FactsNotResent,
    #[error("this agent has already approved the case: a second agent must")]
    SameApprover,
    #[error("the security delay has not ended")]
    DelayRunning,
    #[error("only a case waiting out its delay can be carried out")]
    NotWaiting,
    #[error("the case is closed")]
    Closed,
}

impl ResetCase {
    /// A case opened by an ID selfie: an agent reviews it.
    pub fn by_selfie() -> ResetCase {
        ResetCase {
            path: ResetPath::Selfie,
            status: ResetStatus::Submitted,
            attempt: 1,
            reasons: Vec::new(),
            approvals: Vec::new(),
            delay_ends_at: None,
        }
    }

    /// A case opened by three matching personal facts: an agent confirms it, or —
    /// where the exchange chose so — the security delay starts at once.
    pub fn by_facts(agent_confirms: bool, now: i64, delay_secs: i64) -> ResetCase {
        let mut case = ResetCase {
            path: ResetPath::Facts,
            ..ResetCase::by_selfie()
        };
        if !agent_confirms {
            case.status = ResetStatus::Waiting;
            case.delay_ends_at = Some(now.saturating_add(delay_secs));
        }
        case
    }

    /// Before the reset is carried out (or cancelled) the owner can still stop it.
    pub fn is_open(&self) -> bool {
        !matches!(self.status, ResetStatus::Executed | ResetStatus::Cancelled)
    }

    pub fn start_review(&self) -> Result<ResetCase, ResetError> {
        match self.status {
            ResetStatus::Submitted => Ok(ResetCase {
                status: ResetStatus::InReview,
                ..self.clone()
            }),
            _ => Err(ResetError::NotSubmitted),
        }
    }

    /// One agent's approval. With `needed` approvals (two under the four-eyes rule) the
    /// case waits for the next distinct agent; the last one starts the security delay.
    pub fn approve(
        &self,
        agent: i64,
        needed: usize,
        now: i64,
        delay_secs: i64,
    ) -> Result<ResetCase, ResetError> {
        if self.status != ResetStatus::InReview {
            return Err(ResetError::NotInReview);
        }
        if self.approvals.contains(&agent) {
            return Err(ResetError::SameApprover);
        }
        let mut next = self.clone();
        next.approvals.push(agent);
        if next.approvals.len() >= needed.max(1) {
            next.status = ResetStatus::Waiting;
            next.delay_ends_at = Some(now.saturating_add(delay_secs));
        }
        Ok(next)
    }

    pub fn refuse(&self, reasons: &[RefusalReason]) -> Result<ResetCase, ResetError> {
        if reasons.is_empty() {
            return Err(ResetError::NoReason);
        }
        if !matches!(self.status, ResetStatus::Submitted | ResetStatus::InReview) {
            return Err(ResetError::NotInReview);
        }
        let mut reasons = reasons.to_vec();
        reasons.dedup();
        Ok(ResetCase {
            status: ResetStatus::Refused,
            reasons,
            approvals: Vec::new(),
            ..self.clone()
        })
    }

    /// The customer sends new photos after a refusal they can fix: the next attempt,
    /// at once, with no one's leave (its memo carries that day's date).
    pub fn resubmit(&self) -> Result<ResetCase, ResetError> {
        if self.status != ResetStatus::Refused {
            return Err(ResetError::NotRefused);
        }
        if self.path == ResetPath::Facts {
            return Err(ResetError::FactsNotResent);
        }
        if !self.reasons.iter().all(|r| r.retryable()) {
            return Err(ResetError::NotRetryable);
        }
        Ok(ResetCase {
            status: ResetStatus::Submitted,
            attempt: self.attempt + 1,
            reasons: Vec::new(),
            approvals: Vec::new(),
            delay_ends_at: None,
            ..self.clone()
        })
    }

    /// "This wasn't me": the owner stops the reset at any point before it is carried
    /// out. The caller freezes the account as well.
    pub fn cancel(&self) -> Result<ResetCase, ResetError> {
        if !self.is_open() {
            return Err(ResetError::Closed);
        }
        Ok(ResetCase {
            status: ResetStatus::Cancelled,
            ..self.clone()
        })
    }

    /// Carries the reset out, once its delay is over.
    pub fn execute(&self, now: i64) -> Result<ResetCase, ResetError> {
        if self.status != ResetStatus::Waiting {
            return Err(ResetError::NotWaiting);
        }
        match self.delay_ends_at {
            Some(end) if now >= end => Ok(ResetCase {
                status: ResetStatus::Executed,
                ..self.clone()
            }),
            _ => Err(ResetError::DelayRunning),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const DAY: i64 = 86_400;

    #[test]
    fn refused_then_resubmitted_then_approved_then_carried_out_after_the_delay() {
        let case = ResetCase::by_selfie().start_review().unwrap();
        let refused = case
            .refuse(&[RefusalReason::Mirrored, RefusalReason::Glare])
            .unwrap();
        assert_eq!(refused.status, ResetStatus::Refused);
        let again = refused.resubmit().unwrap();
        assert_eq!((again.status, again.attempt), (ResetStatus::Submitted, 2));
        let waiting = again
            .start_review()
            .unwrap()
            .approve(7, 1, 1000, DAY)
            .unwrap();
        assert_eq!(waiting.status, ResetStatus::Waiting);
        assert_eq!(waiting.delay_ends_at, Some(1000 + DAY));
        assert_eq!(
            waiting.execute(1000 + DAY - 1),
            Err(ResetError::DelayRunning)
        );
        let done = waiting.execute(1000 + DAY).unwrap();
        assert_eq!(done.status, ResetStatus::Executed);
        assert_eq!(done.cancel(), Err(ResetError::Closed), "too late to cancel");
        assert_eq!(
            done.execute(1000 + 2 * DAY),
            Err(ResetError::NotWaiting),
            "once"
        );
    }

    #[test]
    fn four_eyes_needs_a_second_distinct_agent() {
        let case = ResetCase::by_selfie().start_review().unwrap();
        let once = case.approve(7, 2, 0, DAY).unwrap();
        assert_eq!(once.status, ResetStatus::InReview);
        assert_eq!(once.approve(7, 2, 0, DAY), Err(ResetError::SameApprover));
        let twice = once.approve(8, 2, 50, DAY).unwrap();
        assert_eq!(twice.status, ResetStatus::Waiting);
        assert_eq!(twice.delay_ends_at, Some(50 + DAY));
        assert_eq!(twice.approvals, vec![7, 8]);
    }

    #[test]
    fn decisions_need_a_case_in_review_and_a_refusal_a_reason() {
        let case = ResetCase::by_selfie();
        assert_eq!(case.approve(7, 1, 0, DAY), Err(ResetError::NotInReview));
        let in_review = case.start_review().unwrap();
        assert_eq!(in_review.refuse(&[]), Err(ResetError::NoReason));
        assert_eq!(in_review.resubmit(), Err(ResetError::NotRefused));
        assert_eq!(in_review.execute(i64::MAX), Err(ResetError::NotWaiting));
    }

    #[test]
    fn a_wrong_person_is_not_fixed_by_sending_again() {
        let refused = ResetCase::by_selfie()
            .start_review()
            .unwrap()
            .refuse(&[RefusalReason::Blurred, RefusalReason::NotTheHolder])
            .unwrap();
        assert_eq!(refused.resubmit(), Err(ResetError::NotRetryable));
    }

    #[test]
    fn the_owner_cancels_at_any_point_before_the_reset() {
        let waiting = ResetCase::by_facts(false, 0, DAY);
        assert_eq!(waiting.status, ResetStatus::Waiting);
        let cancelled = waiting.cancel().unwrap();
        assert_eq!(cancelled.status, ResetStatus::Cancelled);
        assert_eq!(cancelled.execute(2 * DAY), Err(ResetError::NotWaiting));
        for case in [
            ResetCase::by_selfie(),
            ResetCase::by_selfie().start_review().unwrap(),
        ] {
            assert_eq!(case.cancel().unwrap().status, ResetStatus::Cancelled);
        }
    }

    #[test]
    fn a_facts_case_is_confirmed_by_an_agent_unless_configured_otherwise() {
        let confirm = ResetCase::by_facts(true, 0, DAY);
        assert_eq!(
            (confirm.path, confirm.status),
            (ResetPath::Facts, ResetStatus::Submitted)
        );
        let refused = confirm
            .start_review()
            .unwrap()
            .refuse(&[RefusalReason::TextUnreadable])
            .unwrap();
        assert_eq!(refused.resubmit(), Err(ResetError::FactsNotResent));
    }
}
