//! What an account may do now — log in, deposit, trade, withdraw, and how much — from its
//! verification tier, the policy for each tier, and its holds; and, whenever something
//! is denied, every reason why (so the account page and the exchange's services can say
//! what to do, instead of a bare "no"). Issue "Identity verification with no dead ends".
pub mod hold;
pub mod policy;
pub mod tier;

use hold::{Hold, HoldScope};
use policy::Policy;
use serde::Serialize;
use tier::Tier;

/// Something an account may be allowed to do.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Capability {
    LogIn,
    Deposit,
    Trade,
    Withdraw,
}

crate::stored::stored_names!(Capability {
    LogIn => "log_in",
    Deposit => "deposit",
    Trade => "trade",
    Withdraw => "withdraw",
});

/// Why a capability is denied now.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(tag = "denied_by", rename_all = "snake_case")]
pub enum Denial {
    /// The account's tier does not allow it; `needs` is the lowest tier that does.
    TierTooLow { needs: Tier },
    /// A verification that would allow it is being reviewed.
    InReview,
    /// A hold, until `until` (none: until lifted).
    Held {
        reason: String,
        until: Option<crate::UnixTime>,
        manual: bool,
    },
}

/// One capability's answer.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Answer {
    pub capability: Capability,
    pub allowed: bool,
    pub denials: Vec<Denial>,
    /// Withdraw: today's limit (JPY), when allowed and limited.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub daily_limit_jpy: Option<i64>,
}

/// The account's standing as the rules see it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Standing {
    pub tier: Tier,
    /// A verification case is submitted or in review.
    pub case_in_review: bool,
}

/// Every capability, with its reasons, at `now`.
pub fn answer(
    policy: &Policy,
    standing: Standing,
    holds: &[Hold],
    now: crate::UnixTime,
) -> Vec<Answer> {
    [
        Capability::LogIn,
        Capability::Deposit,
        Capability::Trade,
        Capability::Withdraw,
    ]
    .into_iter()
    .map(|capability| {
        let mut denials = Vec::new();
        if !policy.allows(standing.tier, capability) {
            if let Some(needs) = policy.lowest_tier_allowing(capability) {
                denials.push(Denial::TierTooLow { needs });
                if standing.case_in_review && needs > standing.tier {
                    denials.push(Denial::InReview);
                }
            }
        }
        for hold in holds
            .iter()
            .filter(|h| h.is_active(now) && h.scope.covers(capability))
        {
            denials.push(Denial::Held {
                reason: hold.reason.clone(),
                until: hold.ends_at,
                manual: hold.origin.is_manual(),
            });
        }
        let allowed = denials.is_empty();
        Answer {
            capability,
            allowed,
            daily_limit_jpy: (allowed && capability == Capability::Withdraw)
                .then(|| policy.daily_withdrawal_limit_jpy(standing.tier))
                .flatten(),
            denials,
        }
    })
    .collect()
}

impl HoldScope {
    /// Whether a hold of this scope stops `capability`.
    pub fn covers(self, capability: Capability) -> bool {
        match self {
            HoldScope::Everything => true,
            HoldScope::Withdraw => capability == Capability::Withdraw,
            HoldScope::Trade => capability == Capability::Trade,
            HoldScope::LogIn => capability == Capability::LogIn,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::hold::HoldOrigin;
    use super::*;

    fn get(answers: &[Answer], c: Capability) -> &Answer {
        answers.iter().find(|a| a.capability == c).unwrap()
    }

    #[test]
    fn each_tier_allows_what_the_policy_says_and_names_the_tier_that_would() {
        let policy = Policy::default();
        let none = answer(
            &policy,
            Standing {
                tier: Tier::Unverified,
                case_in_review: false,
            },
            &[],
            0,
        );
        assert!(get(&none, Capability::LogIn).allowed);
        assert_eq!(
            get(&none, Capability::Withdraw).denials,
            vec![Denial::TierTooLow { needs: Tier::Basic }]
        );
        let basic = answer(
            &policy,
            Standing {
                tier: Tier::Basic,
                case_in_review: true,
            },
            &[],
            0,
        );
        let withdraw = get(&basic, Capability::Withdraw);
        assert!(withdraw.allowed, "Basic withdraws, within its limit");
        assert_eq!(withdraw.daily_limit_jpy, Some(100_000));
        let enhanced = answer(
            &policy,
            Standing {
                tier: Tier::Enhanced,
                case_in_review: false,
            },
            &[],
            0,
        );
        assert_eq!(
            get(&enhanced, Capability::Withdraw).daily_limit_jpy,
            Some(10_000_000)
        );
    }

    #[test]
    fn a_review_is_a_reason_only_where_the_tier_is_the_obstacle() {
        let policy = Policy::default();
        let answers = answer(
            &policy,
            Standing {
                tier: Tier::Unverified,
                case_in_review: true,
            },
            &[],
            0,
        );
        assert_eq!(
            get(&answers, Capability::Trade).denials,
            vec![Denial::TierTooLow { needs: Tier::Basic }, Denial::InReview]
        );
        assert!(get(&answers, Capability::LogIn).allowed);
    }

    #[test]
    fn a_hold_denies_what_it_covers_until_it_ends() {
        let policy = Policy::default();
        let hold = Hold {
            scope: HoldScope::Withdraw,
            reason: "twofactor_reset".into(),
            origin: HoldOrigin::System,
            starts_at: 100,
            ends_at: Some(200),
        };
        let standing = Standing {
            tier: Tier::Enhanced,
            case_in_review: false,
        };
        let during = answer(&policy, standing, std::slice::from_ref(&hold), 150);
        assert_eq!(
            get(&during, Capability::Withdraw).denials,
            vec![Denial::Held {
                reason: "twofactor_reset".into(),
                until: Some(200),
                manual: false
            }]
        );
        assert!(get(&during, Capability::Trade).allowed);
        let after = answer(&policy, standing, &[hold], 200);
        assert!(get(&after, Capability::Withdraw).allowed);
    }
}
