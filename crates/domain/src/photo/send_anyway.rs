//! No dead ends: a customer whose photo the machine keeps blocking may, after a few
//! tries of the same kind in a day, send it anyway; an agent then decides.

/// Blocked tries of one kind within [`WINDOW`] before "send anyway" is offered.
pub const BLOCKED_TRIES_BEFORE_SEND_ANYWAY: i64 = 2;
/// How far back blocked tries count, in seconds.
pub const WINDOW: i64 = 24 * 3600;

/// Whether the customer may now send a photo the machine blocks.
pub fn may_send_anyway(blocked_tries: i64) -> bool {
    blocked_tries >= BLOCKED_TRIES_BEFORE_SEND_ANYWAY
}

/// What becomes of a photo sent: stored, or refused (one more blocked try).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Decision {
    Store,
    Refuse,
}

/// A photo the machine does not block is stored; a blocked one only when the customer
/// asked to send it anyway and has earned that choice.
pub fn decide(blocking: bool, send_anyway: bool, blocked_tries: i64) -> Decision {
    if !blocking || (send_anyway && may_send_anyway(blocked_tries)) {
        Decision::Store
    } else {
        Decision::Refuse
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_blocked_photo_is_stored_only_when_sent_anyway_after_enough_tries() {
        assert_eq!(decide(false, false, 0), Decision::Store);
        assert_eq!(decide(true, false, 5), Decision::Refuse);
        assert_eq!(decide(true, true, 1), Decision::Refuse);
        assert_eq!(decide(true, true, 2), Decision::Store);
        assert!(!may_send_anyway(1) && may_send_anyway(2));
    }
}
