//! Throttling of credential checks (NIST SP 800-63B §5.2.2): a growing delay after a
//! few failures, then a temporary lock, well before 100 consecutive failures.
//! One `ThrottleState` per bucket (an account's second factor, an account's password,
//! a client address); the store keeps it so several instances share it.
use crate::UnixTime;
use serde::{Deserialize, Serialize};

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ThrottlePolicy {
    /// Failures allowed without any delay.
    pub free_failures: u32,
    /// Delay after the first failure past `free_failures`; doubles with each further one.
    pub base_delay: i64,
    pub max_delay: i64,
    /// A lock every this many consecutive failures.
    pub lock_every: u32,
    /// First lock; doubles with each further lock.
    pub lock_duration: i64,
    pub max_lock_duration: i64,
    /// Failures older than this are forgotten (`None`: only a success ends the run).
    pub forget_after: Option<i64>,
}

impl ThrottlePolicy {
    /// An account's credential: delays from the 6th failure, a 15-minute lock at the
    /// 10th, doubling up to a day.
    pub const ACCOUNT: ThrottlePolicy = ThrottlePolicy {
        free_failures: 5,
        base_delay: 1,
        max_delay: 60,
        lock_every: 10,
        lock_duration: 15 * 60,
        max_lock_duration: 24 * 3600,
        forget_after: None,
    };

    /// Requests that make keydesk send a mail (sign-up, password reset) from one client
    /// address, so the forms cannot be used to flood someone's mailbox.
    pub const MAIL_REQUESTS: ThrottlePolicy = ThrottlePolicy {
        free_failures: 10,
        base_delay: 2,
        max_delay: 60,
        lock_every: 30,
        lock_duration: 15 * 60,
        max_lock_duration: 3600,
        forget_after: Some(3600),
    };

    /// Requests a signed-out visitor sends to the desk from one e-mail address: a few an
    /// hour freely (someone locked out writes more than once), then ever slower.
    pub fn desk_visitor(per_hour: u32) -> ThrottlePolicy {
        ThrottlePolicy {
            free_failures: per_hour.max(1),
            base_delay: 60,
            max_delay: 15 * 60,
            lock_every: per_hour.max(1) * 4,
            lock_duration: 3600,
            max_lock_duration: 24 * 3600,
            forget_after: Some(3600),
        }
    }

    /// A client address trying many accounts (password spraying). Looser, because
    /// offices and mobile carriers put many people behind one address.
    pub const ADDRESS: ThrottlePolicy = ThrottlePolicy {
        free_failures: 20,
        base_delay: 1,
        max_delay: 30,
        lock_every: 50,
        lock_duration: 15 * 60,
        max_lock_duration: 6 * 3600,
        // A success never clears an address's failures (one's own account must not
        // whitewash guesses at others'); an hour without failures does.
        forget_after: Some(3600),
    };
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
pub struct ThrottleState {
    /// Consecutive failures since the last success.
    pub failures: u32,
    pub locks: u32,
    pub next_allowed_at: UnixTime,
    pub locked_until: UnixTime,
    pub last_failure_at: UnixTime,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Gate {
    Open,
    /// Too many failures recently: try again after this many seconds.
    Wait {
        retry_after: i64,
    },
    Locked {
        until: UnixTime,
    },
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum FailureOutcome {
    Counted,
    /// This failure locked the bucket; the owner is told by mail.
    LockedNow {
        until: UnixTime,
    },
}

impl ThrottleState {
    pub fn gate(&self, now: UnixTime) -> Gate {
        if now < self.locked_until {
            Gate::Locked {
                until: self.locked_until,
            }
        } else if now < self.next_allowed_at {
            Gate::Wait {
                retry_after: self.next_allowed_at - now,
            }
        } else {
            Gate::Open
        }
    }

    pub fn record_failure(&mut self, policy: &ThrottlePolicy, now: UnixTime) -> FailureOutcome {
        if policy
            .forget_after
            .is_some_and(|quiet| now - self.last_failure_at > quiet && now >= self.locked_until)
        {
            self.failures = 0;
        }
        self.last_failure_at = now;
        self.failures = self.failures.saturating_add(1);
        if policy.lock_every != 0 && self.failures % policy.lock_every == 0 {
            let factor = 1i64 << self.locks.min(20);
            let duration = policy
                .lock_duration
                .saturating_mul(factor)
                .min(policy.max_lock_duration);
            self.locks += 1;
            self.locked_until = now + duration;
            self.next_allowed_at = self.locked_until;
            return FailureOutcome::LockedNow {
                until: self.locked_until,
            };
        }
        if self.failures > policy.free_failures {
            let excess = (self.failures - policy.free_failures - 1).min(20);
            let delay = policy
                .base_delay
                .saturating_mul(1i64 << excess)
                .min(policy.max_delay);
            self.next_allowed_at = now + delay;
        }
        FailureOutcome::Counted
    }

    /// Takes back an attempt that was counted before it was checked and then succeeded,
    /// without forgetting the failures before it.
    pub fn take_back_attempt(&mut self, now: UnixTime) {
        self.failures = self.failures.saturating_sub(1);
        if self.locked_until <= now {
            self.next_allowed_at = self.next_allowed_at.min(now);
        }
    }

    /// A success ends the run of consecutive failures; past locks still make the next
    /// lock longer until a day passes without one.
    pub fn record_success(&mut self, now: UnixTime) {
        let forget_locks = now - self.locked_until > 24 * 3600;
        *self = ThrottleState {
            locks: if forget_locks { 0 } else { self.locks },
            ..Default::default()
        };
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn five_free_failures_then_growing_delay() {
        let p = ThrottlePolicy::ACCOUNT;
        let mut s = ThrottleState::default();
        let now = 1000;
        for _ in 0..5 {
            assert_eq!(s.gate(now), Gate::Open);
            assert_eq!(s.record_failure(&p, now), FailureOutcome::Counted);
        }
        assert_eq!(s.gate(now), Gate::Open);
        s.record_failure(&p, now); // 6th
        assert_eq!(s.gate(now), Gate::Wait { retry_after: 1 });
        s.record_failure(&p, now + 1); // 7th
        assert_eq!(s.gate(now + 1), Gate::Wait { retry_after: 2 });
        s.record_failure(&p, now + 3); // 8th
        assert_eq!(s.gate(now + 3), Gate::Wait { retry_after: 4 });
        assert_eq!(s.gate(now + 7), Gate::Open);
    }

    #[test]
    fn lock_at_tenth_failure_and_doubling() {
        let p = ThrottlePolicy::ACCOUNT;
        let mut s = ThrottleState::default();
        let mut now = 0;
        let mut outcome = FailureOutcome::Counted;
        for _ in 0..10 {
            now = s.next_allowed_at.max(now);
            outcome = s.record_failure(&p, now);
        }
        assert_eq!(outcome, FailureOutcome::LockedNow { until: now + 900 });
        assert_eq!(s.gate(now + 899), Gate::Locked { until: now + 900 });
        assert_eq!(s.gate(now + 900), Gate::Open);
        for _ in 0..10 {
            now = s.next_allowed_at.max(now);
            outcome = s.record_failure(&p, now);
        }
        assert_eq!(outcome, FailureOutcome::LockedNow { until: now + 1800 });
    }

    #[test]
    fn never_more_than_100_failures_without_a_lock() {
        for p in [ThrottlePolicy::ACCOUNT, ThrottlePolicy::ADDRESS] {
            let mut s = ThrottleState::default();
            let locked = (1..=100)
                .any(|i| matches!(s.record_failure(&p, i), FailureOutcome::LockedNow { .. }));
            assert!(locked);
        }
    }

    #[test]
    fn address_failures_fade_after_a_quiet_hour() {
        let p = ThrottlePolicy::ADDRESS;
        let mut s = ThrottleState::default();
        for t in 0..19 {
            s.record_failure(&p, t);
        }
        assert_eq!(s.failures, 19);
        s.record_failure(&p, 19 + 3601);
        assert_eq!(s.failures, 1, "forgotten after an hour without failures");
        let mut a = ThrottleState::default();
        a.record_failure(&ThrottlePolicy::ACCOUNT, 0);
        a.record_failure(&ThrottlePolicy::ACCOUNT, 100_000);
        assert_eq!(a.failures, 2, "an account's run ends only with a success");
    }

    #[test]
    fn success_resets_the_run() {
        let p = ThrottlePolicy::ACCOUNT;
        let mut s = ThrottleState::default();
        for i in 0..8 {
            s.record_failure(&p, i);
        }
        s.record_success(100);
        assert_eq!(s.gate(100), Gate::Open);
        assert_eq!(s.failures, 0);
    }
}
