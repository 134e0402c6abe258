//! What a signed-in session may do next. The mandatory-2FA policy lives here: a session
//! whose account has no factor reaches nothing but enrollment and log out.
use serde::Serialize;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Stage {
    /// Password accepted; the second factor is still to come.
    SecondFactor,
    /// Signed in, but the policy demands a second factor before anything else.
    Enroll,
    Complete,
}

impl Stage {
    /// `second_factor_proven`: the session has passed the second factor (its
    /// `mfa_verified_at` is set).
    pub fn of(has_factor: bool, second_factor_proven: bool, mfa_mandatory: bool) -> Self {
        if has_factor && !second_factor_proven {
            Stage::SecondFactor
        } else if !has_factor && mfa_mandatory {
            Stage::Enroll
        } else {
            Stage::Complete
        }
    }

    /// The page a session at this stage belongs on.
    pub fn home(self) -> &'static str {
        match self {
            Stage::SecondFactor => "/login/2fa",
            Stage::Enroll => "/2fa/enroll",
            Stage::Complete => "/account",
        }
    }

    /// Where a signed-in person of this role starts: staff at their queue, customers at
    /// their account.
    pub fn home_of(self, role: super::role::Role) -> &'static str {
        match self {
            Stage::Complete if role.is_staff() => "/agent/photos",
            stage => stage.home(),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::Stage;

    #[test]
    fn a_factor_must_be_proven_and_a_missing_one_enrolled_when_mandatory() {
        assert_eq!(Stage::of(true, false, true), Stage::SecondFactor);
        assert_eq!(Stage::of(true, false, false), Stage::SecondFactor);
        assert_eq!(Stage::of(true, true, true), Stage::Complete);
        assert_eq!(Stage::of(false, false, true), Stage::Enroll);
        assert_eq!(Stage::of(false, false, false), Stage::Complete);
    }
}
