//! Enums whose names are stored (a column, a job's kind, an audit event's kind): each
//! gets, from one list of variant and name, its `ALL`, `as_str`, a strict `parse` that
//! reads exactly what `as_str` writes (an unknown value in a row is an error, never a
//! guess), and `Display`.

/// `stored_names!(Kind { Variant => "name", … })` for an enum declared beside it.
macro_rules! stored_names {
    ($ty:ident { $($variant:ident => $name:literal),+ $(,)? }) => {
        impl $ty {
            /// Every value: `parse` reads only these.
            pub const ALL: [$ty; [$($name),+].len()] = [$($ty::$variant),+];

            /// The stored name.
            pub fn as_str(self) -> &'static str {
                match self {
                    $($ty::$variant => $name),+
                }
            }

            /// The stored name, exactly as [`Self::as_str`] writes it.
            pub fn parse(s: &str) -> Option<Self> {
                match s {
                    $($name => Some($ty::$variant),)+
                    _ => None,
                }
            }
        }

        /// The stored name.
        impl std::fmt::Display for $ty {
            fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                f.write_str(self.as_str())
            }
        }
    };
}
pub(crate) use stored_names;

#[cfg(test)]
mod tests {
    use crate::audit::AuditKind;
    use crate::identity::session_kind::SessionKind;
    use crate::identity::token_purpose::TokenPurpose;
    use crate::jobs::JobKind;
    use crate::photo::kind::PhotoKind;
    use crate::twofactor::factor_status::FactorStatus;

    /// Each name reads back as its own value (so no two share a name), and near misses
    /// (case, separators,
    /// whitespace, the looser spellings other code accepts) read as nothing.
    macro_rules! round_trip {
        ($ty:ty, [$($unknown:literal),*]) => {
            for value in <$ty>::ALL {
                assert_eq!(<$ty>::parse(value.as_str()), Some(value));
                assert_eq!(value.to_string(), value.as_str());
            }
            for unknown in ["", $($unknown),*] {
                assert_eq!(<$ty>::parse(unknown), None, "{unknown:?}");
            }
        };
    }

    #[test]
    fn names_round_trip_and_nothing_else_parses() {
        round_trip!(AuditKind, ["SignUp", "sign-up", "login"]);
        round_trip!(SessionKind, ["Web", "cli", "api\n"]);
        round_trip!(TokenPurpose, ["verify-email", "VERIFY_EMAIL", "reset"]);
        round_trip!(PhotoKind, ["selfie", "id_selfie", "ID-SELFIE"]);
        round_trip!(FactorStatus, ["Active", "disabled", " active"]);
        round_trip!(JobKind, ["Mail", "email", "desk-timer"]);
        round_trip!(
            crate::helpdesk::status::Status,
            ["On_hold", "on-hold", "pending "]
        );
        round_trip!(crate::helpdesk::priority::Priority, ["High", "urgent!"]);
        round_trip!(
            crate::helpdesk::webhook::Event,
            ["request_created", "created"]
        );
        round_trip!(crate::capability::Capability, ["login", "log-in"]);
        round_trip!(crate::capability::tier::Tier, ["Basic", "verified"]);
        round_trip!(crate::capability::hold::HoldScope, ["all", "Withdraw"]);
        round_trip!(
            crate::verification::case::CaseStatus,
            ["in-review", "Approved"]
        );
        round_trip!(crate::verification::reason::Reason, ["forgery", "Expired"]);
        round_trip!(
            crate::verification::facts::Occupation,
            ["Employee", "self-employed"]
        );
    }
}
