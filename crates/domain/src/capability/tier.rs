//! How far an account's identity is verified. The names are stored.
use serde::Serialize;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Default)]
#[serde(rename_all = "snake_case")]
pub enum Tier {
    #[default]
    Unverified,
    /// Personal facts given: legal name, date of birth, address, phone, occupation,
    /// country of residence.
    Basic,
    /// Identity documents checked.
    Enhanced,
}

crate::stored::stored_names!(Tier {
    Unverified => "unverified",
    Basic => "basic",
    Enhanced => "enhanced",
});
