//! Holds: time-bounded restrictions with a reason and an origin. A system hold (the
//! withdrawal hold after a 2FA reset) cannot be lifted or shortened by anyone before it
//! ends; an agent may add a manual hold (a freeze) and lift only their own.
use serde::Serialize;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum HoldScope {
    Withdraw,
    Trade,
    LogIn,
    Everything,
}

crate::stored::stored_names!(HoldScope {
    Withdraw => "withdraw",
    Trade => "trade",
    LogIn => "log_in",
    Everything => "everything",
});

/// The freeze the owner sets with "this wasn't me" on a 2FA reset: a system hold with
/// no end, lifted only by an admin who has checked the owner's identity again.
pub const OWNER_FREEZE: &str = "twofactor_reset_stopped";

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(tag = "origin", rename_all = "snake_case")]
pub enum HoldOrigin {
    /// Set by a rule (a 2FA reset's withdrawal hold): ends only at its time.
    System,
    /// Set by an agent (account id).
    Manual { by: i64 },
}

impl HoldOrigin {
    pub fn is_manual(self) -> bool {
        matches!(self, HoldOrigin::Manual { .. })
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Hold {
    pub scope: HoldScope,
    /// A stable reason code (its text is the reader's language's).
    pub reason: String,
    pub origin: HoldOrigin,
    pub starts_at: crate::UnixTime,
    /// None: until lifted (manual holds only).
    pub ends_at: Option<crate::UnixTime>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, thiserror::Error)]
pub enum LiftError {
    #[error("a system hold ends at its time; nobody can lift it before")]
    SystemHold,
    #[error("only the agent who set a manual hold may lift it")]
    NotYours,
    #[error("the hold has already ended")]
    Ended,
    #[error("only an owner's freeze is lifted this way")]
    NotAFreeze,
    #[error("an owner's freeze is lifted by an admin")]
    NeedsAdmin,
    #[error("confirm that the owner's identity was checked again first")]
    IdentityNotChecked,
}

impl Hold {
    pub fn is_active(&self, now: crate::UnixTime) -> bool {
        now >= self.starts_at && self.ends_at.is_none_or(|end| now < end)
    }

    /// Whether `agent` may lift this hold at `now`.
    pub fn may_lift(&self, agent: i64, now: crate::UnixTime) -> Result<(), LiftError> {
        if !self.is_active(now) {
            return Err(LiftError::Ended);
        }
        match self.origin {
            HoldOrigin::System => Err(LiftError::SystemHold),
            HoldOrigin::Manual { by } if by == agent => Ok(()),
            HoldOrigin::Manual { .. } => Err(LiftError::NotYours),
        }
    }

    /// The owner's freeze: whether an admin (`admin`) who confirms a fresh identity check
    /// (`identity_checked`) may lift it at `now`. Nobody else, and no other hold.
    pub fn may_unfreeze(
        &self,
        admin: bool,
        identity_checked: bool,
        now: crate::UnixTime,
    ) -> Result<(), LiftError> {
        if !self.is_active(now) {
            return Err(LiftError::Ended);
        }
        if self.origin != HoldOrigin::System
            || self.reason != OWNER_FREEZE
            || self.ends_at.is_some()
        {
            return Err(LiftError::NotAFreeze);
        }
        if !admin {
            return Err(LiftError::NeedsAdmin);
        }
        if !identity_checked {
            return Err(LiftError::IdentityNotChecked);
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn hold(origin: HoldOrigin) -> Hold {
        Hold {
            scope: HoldScope::Withdraw,
            reason: "r".into(),
            origin,
            starts_at: 10,
            ends_at: Some(20),
        }
    }

    #[test]
    fn system_holds_end_only_at_their_time_and_manual_ones_by_their_agent() {
        assert_eq!(
            hold(HoldOrigin::System).may_lift(1, 15),
            Err(LiftError::SystemHold)
        );
        assert_eq!(hold(HoldOrigin::Manual { by: 1 }).may_lift(1, 15), Ok(()));
        assert_eq!(
            hold(HoldOrigin::Manual { by: 1 }).may_lift(2, 15),
            Err(LiftError::NotYours)
        );
        assert_eq!(
            hold(HoldOrigin::Manual { by: 1 }).may_lift(1, 20),
            Err(LiftError::Ended)
        );
        assert!(!hold(HoldOrigin::System).is_active(9));
        assert!(hold(HoldOrigin::System).is_active(10));
        assert!(!hold(HoldOrigin::System).is_active(20));
    }

    #[test]
    fn an_owners_freeze_is_lifted_only_by_an_admin_after_a_fresh_identity_check() {
        let freeze = Hold {
            scope: HoldScope::Everything,
            reason: OWNER_FREEZE.into(),
            origin: HoldOrigin::System,
            starts_at: 10,
            ends_at: None,
        };
        assert_eq!(freeze.may_lift(1, 15), Err(LiftError::SystemHold));
        assert_eq!(
            freeze.may_unfreeze(false, true, 15),
            Err(LiftError::NeedsAdmin)
        );
        assert_eq!(
            freeze.may_unfreeze(true, false, 15),
            Err(LiftError::IdentityNotChecked)
        );
        assert_eq!(freeze.may_unfreeze(true, true, 15), Ok(()));
        // The withdrawal hold after a reset is no freeze: it ends at its time only.
        let withdrawal = Hold {
            reason: "twofactor_reset".into(),
            ..hold(HoldOrigin::System)
        };
        assert_eq!(
            withdrawal.may_unfreeze(true, true, 15),
            Err(LiftError::NotAFreeze)
        );
    }
}
