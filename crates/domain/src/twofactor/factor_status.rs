//! Where a TOTP factor is in its life: enrolled but not yet confirmed with a code
//! (`pending`), or the one that guards sign-in (`active`). An account has at most one
//! of each. The names are stored.

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum FactorStatus {
    Pending,
    Active,
}

crate::stored::stored_names!(FactorStatus {
    Pending => "pending",
    Active => "active",
});
