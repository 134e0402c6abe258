//! Mail coming in to the desk: which mails must never be answered or reopen anything
//! ([`automatic`]), what of a reply is the customer's own words ([`quotes`]), and how a
//! reply names its request so that a stranger who knows a number cannot post into it
//! ([`address`]). The parsing of the message itself is a crate's (`mail-parser`).
pub mod address;
pub mod automatic;
pub mod quotes;
