//! The 2FA reset for a customer who lost their authenticator and its backup (J3, J4):
//! the case and its moves ([`case`]), who may decide it ([`decider`]), the agent's
//! checklist ([`checklist`]) and, for an account without a complete verification, the
//! three-of-four personal facts ([`facts_match`]). The memo's expected strings and the
//! "send anyway" rule are the photo pre-check's ([`crate::photo`]).
//!
//! Every recovery path is a takeover path unless it is slow for attackers and fast for
//! owners: an approved reset still waits out a security delay the owner can cancel from
//! every channel on file, and ends in a withdrawal hold nobody can shorten.
pub mod case;
pub mod checklist;
pub mod decider;
pub mod facts_match;
pub mod image;
