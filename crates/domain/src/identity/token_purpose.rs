//! What a link mailed to a customer proves when it is opened: that the address is
//! theirs (`verify_email`), or that they may set a new password (`reset_password`).
//! A token made for one purpose is refused for the other. The names are stored.

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum TokenPurpose {
    VerifyEmail,
    ResetPassword,
}

crate::stored::stored_names!(TokenPurpose {
    VerifyEmail => "verify_email",
    ResetPassword => "reset_password",
});
