//! The 2FA reset by ID selfie or personal facts (issue "Lost authenticator, no backup"):
//! the reset case, its memo, checklist, decision, delay and execution. Empty until that
//! issue lands; the photo memo and "send anyway" rules it builds on are in [`crate::photo`].
