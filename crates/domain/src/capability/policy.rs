//! What each tier allows, and its daily withdrawal limit: configuration, with defaults
//! an exchange in Japan would start from (Basic facts let a customer deposit, trade and
//! withdraw a little; documents lift the limit).
use super::tier::Tier;
use super::Capability;
use serde::Deserialize;
use std::collections::BTreeSet;

#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct TierRules {
    pub allows: BTreeSet<CapabilityName>,
    /// JPY per day; none: no limit (when withdrawing is allowed at all).
    #[serde(default)]
    pub daily_withdrawal_limit_jpy: Option<i64>,
}

/// A capability as configuration names it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum CapabilityName {
    LogIn,
    Deposit,
    Trade,
    Withdraw,
}

impl From<CapabilityName> for Capability {
    fn from(c: CapabilityName) -> Self {
        match c {
            CapabilityName::LogIn => Capability::LogIn,
            CapabilityName::Deposit => Capability::Deposit,
            CapabilityName::Trade => Capability::Trade,
            CapabilityName::Withdraw => Capability::Withdraw,
        }
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Policy {
    pub unverified: TierRules,
    pub basic: TierRules,
    pub enhanced: TierRules,
}

impl Default for Policy {
    fn default() -> Self {
        use CapabilityName::*;
        Policy {
            unverified: TierRules {
                allows: [LogIn].into(),
                daily_withdrawal_limit_jpy: None,
            },
            basic: TierRules {
                allows: [LogIn, Deposit, Trade, Withdraw].into(),
                daily_withdrawal_limit_jpy: Some(100_000),
            },
            enhanced: TierRules {
                allows: [LogIn, Deposit, Trade, Withdraw].into(),
                daily_withdrawal_limit_jpy: Some(10_000_000),
            },
        }
    }
}

impl Policy {
    fn rules(&self, tier: Tier) -> &TierRules {
        match tier {
            Tier::Unverified => &self.unverified,
            Tier::Basic => &self.basic,
            Tier::Enhanced => &self.enhanced,
        }
    }

    pub fn allows(&self, tier: Tier, capability: Capability) -> bool {
        self.rules(tier)
            .allows
            .iter()
            .any(|c| Capability::from(*c) == capability)
    }

    /// The lowest tier that allows `capability`, if any does.
    pub fn lowest_tier_allowing(&self, capability: Capability) -> Option<Tier> {
        Tier::ALL.into_iter().find(|t| self.allows(*t, capability))
    }

    pub fn daily_withdrawal_limit_jpy(&self, tier: Tier) -> Option<i64> {
        self.rules(tier).daily_withdrawal_limit_jpy
    }

    /// A higher tier never allows less than a lower one (a failed upgrade can then
    /// never take anything away: the account keeps its tier).
    pub fn validate(&self) -> Result<(), String> {
        for (lower, higher) in [
            (Tier::Unverified, Tier::Basic),
            (Tier::Basic, Tier::Enhanced),
        ] {
            if !self
                .rules(lower)
                .allows
                .is_subset(&self.rules(higher).allows)
            {
                return Err(format!("{higher} must allow everything {lower} allows"));
            }
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_defaults_grow_with_the_tier() {
        let p = Policy::default();
        assert_eq!(p.validate(), Ok(()));
        assert_eq!(
            p.lowest_tier_allowing(Capability::Withdraw),
            Some(Tier::Basic)
        );
        assert_eq!(
            p.lowest_tier_allowing(Capability::LogIn),
            Some(Tier::Unverified)
        );
        let mut shrinking = p.clone();
        shrinking.enhanced.allows.remove(&CapabilityName::Trade);
        assert!(shrinking.validate().is_err());
    }
}
