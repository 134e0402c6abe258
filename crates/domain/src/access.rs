//! Who may see and do what, in one place. Handlers state the stage and role they need
//! through the server's extractors; what belongs to whom is decided here, so that "one
//! customer must never read another's photo, request or case" is one rule, not a check
//! repeated (and one day forgotten) in each handler.
use crate::identity::role::Role;

/// The one asking, as far as access is concerned.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Actor {
    pub account_id: i64,
    pub role: Role,
}

/// Why an object may be read: the audit trail records staff views, not owners' own.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Access {
    Owner,
    Staff,
}

/// An object owned by one customer (a photo, a request, a case): its owner and staff
/// may read it; anybody else gets `None`, which callers answer as "not found" so that
/// ids tell a stranger nothing.
pub fn owned_object(actor: Actor, owner_id: i64) -> Option<Access> {
    if actor.account_id == owner_id {
        Some(Access::Owner)
    } else if actor.role.is_staff() {
        Some(Access::Staff)
    } else {
        None
    }
}

/// The agents' console (queues, reviews).
pub fn agent_console(role: Role) -> bool {
    role.is_staff()
}

/// Whether an account must have a second factor before anything else: every account
/// when the policy says so, and staff always (an agent's session reads customers'
/// identity documents and can change their requests, whatever customers are asked).
pub fn second_factor_required(role: Role, mandatory_for_all: bool) -> bool {
    mandatory_for_all || role.is_staff()
}

/// Operator pages (the embedded outbox).
pub fn operator_pages(role: Role) -> bool {
    role == Role::Admin
}

#[cfg(test)]
mod tests {
    use super::*;

    fn actor(account_id: i64, role: Role) -> Actor {
        Actor { account_id, role }
    }

    #[test]
    fn an_owned_object_is_for_its_owner_and_staff_only() {
        assert_eq!(
            owned_object(actor(1, Role::Customer), 1),
            Some(Access::Owner)
        );
        assert_eq!(owned_object(actor(2, Role::Customer), 1), None);
        assert_eq!(owned_object(actor(3, Role::Agent), 1), Some(Access::Staff));
        assert_eq!(owned_object(actor(4, Role::Admin), 1), Some(Access::Staff));
        // Staff looking at their own object are owners: no staff-view audit.
        assert_eq!(owned_object(actor(3, Role::Agent), 3), Some(Access::Owner));
    }

    #[test]
    fn staff_need_a_second_factor_whatever_the_policy() {
        assert!(second_factor_required(Role::Agent, false));
        assert!(second_factor_required(Role::Admin, false));
        assert!(!second_factor_required(Role::Customer, false));
        assert!(second_factor_required(Role::Customer, true));
    }

    #[test]
    fn the_console_is_for_staff_and_operator_pages_for_admins() {
        assert!(!agent_console(Role::Customer));
        assert!(agent_console(Role::Agent) && agent_console(Role::Admin));
        assert!(!operator_pages(Role::Agent) && operator_pages(Role::Admin));
    }
}
