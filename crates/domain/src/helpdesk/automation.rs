//! The desk's timers. Each is a job scheduled when the request enters the status it
//! waits on, carrying the moment it entered it; when it runs it acts only if the request
//! is still in that status since that same moment (any change in between disarms it).
use super::status::Status;
use crate::UnixTime;

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Automations {
    /// Solved → closed after this long (Zendesk: 4 days).
    pub close_after_seconds: i64,
    /// Reminders to a customer who has not answered a pending request, this long after
    /// it became pending (empty: none).
    pub pending_reminders_seconds: Vec<i64>,
}

impl Default for Automations {
    fn default() -> Self {
        Self {
            close_after_seconds: 4 * 86_400,
            pending_reminders_seconds: vec![86_400, 5 * 86_400],
        }
    }
}

/// A timer's decision about the request it was armed for.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Timer {
    /// Solved since `since`: close it.
    Close { since: UnixTime },
    /// Pending since `since`: remind the customer (the `nth` reminder, from 1).
    Remind { since: UnixTime, nth: usize },
}

impl Automations {
    /// The timers to arm when a request enters `status` at `now`, each with when it is due.
    pub fn arm(&self, status: Status, now: UnixTime) -> Vec<(Timer, UnixTime)> {
        match status {
            Status::Solved => vec![(Timer::Close { since: now }, now + self.close_after_seconds)],
            Status::Pending => self
                .pending_reminders_seconds
                .iter()
                .enumerate()
                .map(|(i, after)| {
                    (
                        Timer::Remind {
                            since: now,
                            nth: i + 1,
                        },
                        now + after,
                    )
                })
                .collect(),
            _ => vec![],
        }
    }
}

impl Timer {
    /// Whether the timer still applies to a request now in `status` since `since`.
    pub fn still_armed(self, status: Status, since: UnixTime) -> bool {
        match self {
            Timer::Close { since: armed } => status == Status::Solved && since == armed,
            Timer::Remind { since: armed, .. } => status == Status::Pending && since == armed,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn solving_arms_the_close_and_any_change_disarms_it() {
        let a = Automations::default();
        let timers = a.arm(Status::Solved, 1000);
        assert_eq!(
            timers,
            vec![(Timer::Close { since: 1000 }, 1000 + 4 * 86_400)]
        );
        let (close, _) = timers[0];
        assert!(close.still_armed(Status::Solved, 1000));
        // Reopened and solved again: the old timer is not the one that closes it.
        assert!(!close.still_armed(Status::Solved, 2000));
        assert!(!close.still_armed(Status::Open, 1000));
    }

    #[test]
    fn pending_arms_each_reminder_and_none_when_switched_off() {
        let a = Automations::default();
        let due: Vec<i64> = a
            .arm(Status::Pending, 0)
            .iter()
            .map(|(_, at)| *at)
            .collect();
        assert_eq!(due, vec![86_400, 432_000]);
        let off = Automations {
            pending_reminders_seconds: vec![],
            ..a
        };
        assert!(off.arm(Status::Pending, 0).is_empty());
        assert!(off.arm(Status::Open, 0).is_empty());
    }
}
