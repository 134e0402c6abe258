//! Where a TOTP factor is in its life: enrolled but not yet confirmed with a code
//! (`pending`), or the one that guards sign-in (`active`). An account has at most one
//! of each. The names are stored.

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum FactorStatus {
    Pending,
    Active,
}

impl FactorStatus {
    /// Every value: `parse` reads only these, so a new variant goes here too.
    pub const ALL: [FactorStatus; 2] = [FactorStatus::Pending, FactorStatus::Active];

    pub fn as_str(self) -> &'static str {
        match self {
            FactorStatus::Pending => "pending",
            FactorStatus::Active => "active",
        }
    }

    /// The stored name, exactly as [`FactorStatus::as_str`] writes it.
    pub fn parse(s: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|status| status.as_str() == s)
    }
}

/// The stored name.
impl std::fmt::Display for FactorStatus {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.as_str())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_round_trip_and_nothing_else_parses() {
        for status in FactorStatus::ALL {
            assert_eq!(FactorStatus::parse(status.as_str()), Some(status));
        }
        for unknown in ["", "Active", "disabled", "active "] {
            assert_eq!(FactorStatus::parse(unknown), None, "{unknown:?}");
        }
    }
}
