//! What a link mailed to a customer proves when it is opened: that the address is
//! theirs (`verify_email`), or that they may set a new password (`reset_password`).
//! A token made for one purpose is refused for the other. The names are stored.

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum TokenPurpose {
    VerifyEmail,
    ResetPassword,
}

impl TokenPurpose {
    /// Every value: `parse` reads only these, so a new variant goes here too.
    pub const ALL: [TokenPurpose; 2] = [TokenPurpose::VerifyEmail, TokenPurpose::ResetPassword];

    pub fn as_str(self) -> &'static str {
        match self {
            TokenPurpose::VerifyEmail => "verify_email",
            TokenPurpose::ResetPassword => "reset_password",
        }
    }

    /// The stored name, exactly as [`TokenPurpose::as_str`] writes it.
    pub fn parse(s: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|purpose| purpose.as_str() == s)
    }
}

/// The stored name.
impl std::fmt::Display for TokenPurpose {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.as_str())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_round_trip_and_nothing_else_parses() {
        for purpose in TokenPurpose::ALL {
            assert_eq!(TokenPurpose::parse(purpose.as_str()), Some(purpose));
        }
        for unknown in ["", "verify-email", "VerifyEmail", "login"] {
            assert_eq!(TokenPurpose::parse(unknown), None, "{unknown:?}");
        }
    }
}
