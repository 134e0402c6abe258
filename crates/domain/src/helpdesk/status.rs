//! A request's life, with Zendesk's semantics: new → open → pending (waiting on the
//! customer) / on-hold (waiting on a third party, which the customer sees as open) →
//! solved → closed. A customer's reply brings a pending or solved request back to open;
//! closed is read-only, and a reply to it starts a follow-up request.
use serde::Serialize;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Status {
    New,
    Open,
    Pending,
    OnHold,
    Solved,
    Closed,
}

crate::stored::stored_names!(Status {
    New => "new",
    Open => "open",
    Pending => "pending",
    OnHold => "on_hold",
    Solved => "solved",
    Closed => "closed",
});

/// What the customer is shown: on-hold is the desk's business, not theirs.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum CustomerStatus {
    /// Not yet confirmed by the visitor's e-mail link: no agent sees it yet.
    Unconfirmed,
    Open,
    AwaitingReply,
    Solved,
    Closed,
}

impl CustomerStatus {
    /// A customer's filter: the statuses they are shown (an unconfirmed request is not
    /// in the desk yet, so it is never found).
    pub fn parse(s: &str) -> Option<CustomerStatus> {
        [
            CustomerStatus::Open,
            CustomerStatus::AwaitingReply,
            CustomerStatus::Solved,
            CustomerStatus::Closed,
        ]
        .into_iter()
        .find(|c| c.as_str() == s)
    }

    pub fn as_str(self) -> &'static str {
        match self {
            CustomerStatus::Unconfirmed => "unconfirmed",
            CustomerStatus::Open => "open",
            CustomerStatus::AwaitingReply => "awaiting_reply",
            CustomerStatus::Solved => "solved",
            CustomerStatus::Closed => "closed",
        }
    }
}

/// What a customer's reply does to a request.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum OnCustomerReply {
    /// Added to the conversation; the request is now in this status.
    Becomes(Status),
    /// Closed: the reply starts a follow-up request instead.
    FollowUp,
}

/// Why an agent's change is refused.
#[derive(Debug, Clone, Copy, PartialEq, Eq, thiserror::Error)]
pub enum StatusError {
    #[error("a closed request is read-only")]
    Closed,
    #[error("a request cannot be set back to new")]
    BackToNew,
    #[error("only the automation closes a request, after it has been solved a while")]
    CloseByHand,
}

impl Status {
    /// The statuses agents' views and the API take as a filter (every one).
    pub fn customer_view(self, confirmed: bool) -> CustomerStatus {
        if !confirmed {
            return CustomerStatus::Unconfirmed;
        }
        match self {
            Status::New | Status::Open | Status::OnHold => CustomerStatus::Open,
            Status::Pending => CustomerStatus::AwaitingReply,
            Status::Solved => CustomerStatus::Solved,
            Status::Closed => CustomerStatus::Closed,
        }
    }

    /// Not yet solved: it counts in the agents' open work.
    pub fn is_unsolved(self) -> bool {
        matches!(
            self,
            Status::New | Status::Open | Status::Pending | Status::OnHold
        )
    }

    pub fn on_customer_reply(self) -> OnCustomerReply {
        match self {
            Status::New => OnCustomerReply::Becomes(Status::New),
            Status::Open | Status::Pending | Status::Solved => {
                OnCustomerReply::Becomes(Status::Open)
            }
            // Zendesk: a requester's reply to an on-hold request opens it again.
            Status::OnHold => OnCustomerReply::Becomes(Status::Open),
            Status::Closed => OnCustomerReply::FollowUp,
        }
    }

    /// The status after an agent's change: the one chosen, or, when none was chosen,
    /// open for a new request the agent answered publicly (it is being worked on).
    pub fn after_agent(
        self,
        chosen: Option<Status>,
        replied_publicly: bool,
    ) -> Result<Status, StatusError> {
        if self == Status::Closed {
            return Err(StatusError::Closed);
        }
        match chosen {
            Some(Status::New) if self != Status::New => Err(StatusError::BackToNew),
            Some(Status::Closed) => Err(StatusError::CloseByHand),
            Some(next) => Ok(next),
            None if self == Status::New && replied_publicly => Ok(Status::Open),
            None => Ok(self),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_customer_reply_reopens_pending_and_solved_and_follows_up_closed() {
        use OnCustomerReply::*;
        assert_eq!(Status::Pending.on_customer_reply(), Becomes(Status::Open));
        assert_eq!(Status::Solved.on_customer_reply(), Becomes(Status::Open));
        assert_eq!(Status::OnHold.on_customer_reply(), Becomes(Status::Open));
        assert_eq!(Status::New.on_customer_reply(), Becomes(Status::New));
        assert_eq!(Status::Closed.on_customer_reply(), FollowUp);
    }

    #[test]
    fn agents_move_a_request_but_never_back_to_new_nor_out_of_closed() {
        assert_eq!(Status::New.after_agent(None, true), Ok(Status::Open));
        assert_eq!(Status::New.after_agent(None, false), Ok(Status::New));
        assert_eq!(
            Status::Open.after_agent(Some(Status::Solved), true),
            Ok(Status::Solved)
        );
        assert_eq!(
            Status::Open.after_agent(Some(Status::New), false),
            Err(StatusError::BackToNew)
        );
        assert_eq!(
            Status::Solved.after_agent(Some(Status::Closed), false),
            Err(StatusError::CloseByHand)
        );
        assert_eq!(
            Status::Closed.after_agent(Some(Status::Open), false),
            Err(StatusError::Closed)
        );
    }

    #[test]
    fn on_hold_is_open_to_the_customer() {
        assert_eq!(Status::OnHold.customer_view(true), CustomerStatus::Open);
        assert_eq!(
            Status::Pending.customer_view(true),
            CustomerStatus::AwaitingReply
        );
        assert_eq!(
            Status::New.customer_view(false),
            CustomerStatus::Unconfirmed
        );
    }
}
