//! SLA policies: targets per category and priority, the first policy that matches a
//! request applying (so a specific policy is listed before a catch-all).
use super::hours::Hours;
use crate::helpdesk::priority::Priority;

/// Targets in counted seconds; `None`: that clock is not kept.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Targets {
    pub first_reply: Option<i64>,
    pub next_reply: Option<i64>,
    pub resolution: Option<i64>,
}

#[derive(Debug, Clone)]
pub struct Policy {
    /// `None`: every category.
    pub category: Option<String>,
    /// `None`: every priority.
    pub priority: Option<Priority>,
    pub targets: Targets,
    /// Business hours, or every hour.
    pub hours: Hours,
}

impl Policy {
    fn matches(&self, category: &str, priority: Priority) -> bool {
        self.category.as_deref().is_none_or(|c| c == category)
            && self.priority.is_none_or(|p| p == priority)
    }
}

/// The policy of a request in `category` at `priority`, if any.
pub fn applying<'a>(
    policies: &'a [Policy],
    category: &str,
    priority: Priority,
) -> Option<&'a Policy> {
    policies.iter().find(|p| p.matches(category, priority))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn policy(category: Option<&str>, priority: Option<Priority>, first: i64) -> Policy {
        Policy {
            category: category.map(str::to_owned),
            priority,
            targets: Targets {
                first_reply: Some(first),
                ..Targets::default()
            },
            hours: Hours::Calendar,
        }
    }

    #[test]
    fn the_first_matching_policy_applies() {
        let policies = [
            policy(Some("two-factor"), Some(Priority::Urgent), 1),
            policy(Some("two-factor"), None, 2),
            policy(None, None, 3),
        ];
        let first = |c, p| applying(&policies, c, p).unwrap().targets.first_reply;
        assert_eq!(first("two-factor", Priority::Urgent), Some(1));
        assert_eq!(first("two-factor", Priority::Low), Some(2));
        assert_eq!(first("other", Priority::Urgent), Some(3));
        assert!(applying(&policies[..2], "other", Priority::Low).is_none());
    }
}
