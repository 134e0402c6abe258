//! Who may decide a reset, and how many must approve it. An agent never decides a reset
//! of their own account; a staff account's reset needs an admin; the four-eyes rule, for
//! the tiers the exchange chose, needs a second agent's approval.
use crate::capability::tier::Tier;
use crate::identity::role::Role;

/// The staff member deciding.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Decider {
    pub account_id: i64,
    pub role: Role,
}

/// The account whose second factor would be reset.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Subject {
    pub account_id: i64,
    pub role: Role,
    pub tier: Tier,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, thiserror::Error)]
pub enum DeciderError {
    #[error("only staff decide resets")]
    NotStaff,
    #[error("nobody decides a reset of their own account")]
    OwnAccount,
    #[error("a staff account's reset needs an admin")]
    NeedsAdmin,
}

/// Whether `decider` may approve or refuse a reset of `subject`.
pub fn may_decide(decider: Decider, subject: Subject) -> Result<(), DeciderError> {
    if decider.role == Role::Customer {
        return Err(DeciderError::NotStaff);
    }
    if decider.account_id == subject.account_id {
        return Err(DeciderError::OwnAccount);
    }
    if subject.role != Role::Customer && decider.role != Role::Admin {
        return Err(DeciderError::NeedsAdmin);
    }
    Ok(())
}

/// Approvals a reset of `subject` needs: two for the tiers under the four-eyes rule and
/// for staff accounts, one otherwise.
pub fn approvals_needed(subject: Subject, four_eyes_tiers: &[Tier]) -> usize {
    if subject.role != Role::Customer || four_eyes_tiers.contains(&subject.tier) {
        2
    } else {
        1
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const CUSTOMER: Subject = Subject {
        account_id: 1,
        role: Role::Customer,
        tier: Tier::Enhanced,
    };

    fn staff(id: i64, role: Role) -> Decider {
        Decider {
            account_id: id,
            role,
        }
    }

    #[test]
    fn agents_decide_customers_but_never_themselves_and_only_admins_decide_staff() {
        assert_eq!(may_decide(staff(2, Role::Agent), CUSTOMER), Ok(()));
        assert_eq!(
            may_decide(staff(2, Role::Customer), CUSTOMER),
            Err(DeciderError::NotStaff)
        );
        let agent = Subject {
            account_id: 2,
            role: Role::Agent,
            tier: Tier::Unverified,
        };
        assert_eq!(
            may_decide(staff(2, Role::Admin), agent),
            Err(DeciderError::OwnAccount)
        );
        assert_eq!(
            may_decide(staff(3, Role::Agent), agent),
            Err(DeciderError::NeedsAdmin)
        );
        assert_eq!(may_decide(staff(4, Role::Admin), agent), Ok(()));
    }

    #[test]
    fn four_eyes_for_the_chosen_tiers_and_for_staff() {
        assert_eq!(approvals_needed(CUSTOMER, &[]), 1);
        assert_eq!(approvals_needed(CUSTOMER, &[Tier::Enhanced]), 2);
        let basic = Subject {
            tier: Tier::Basic,
            ..CUSTOMER
        };
        assert_eq!(approvals_needed(basic, &[Tier::Enhanced]), 1);
        let admin = Subject {
            role: Role::Admin,
            ..CUSTOMER
        };
        assert_eq!(approvals_needed(admin, &[]), 2);
    }
}
