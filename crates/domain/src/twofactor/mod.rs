//! The second factor: TOTP codes (RFC 6238), the recovery codes that stand in for a
//! lost phone, and the sealed box the TOTP secret is kept in at rest.
pub mod factor_status;
pub mod recovery;
pub mod secret_box;
pub mod totp;
