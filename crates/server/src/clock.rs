use std::sync::atomic::{AtomicI64, Ordering};

/// The time, as an argument (STYLE §3): tests move it to cross TOTP steps, lock
/// expiries and link lifetimes without waiting.
pub trait Clock: Send + Sync {
    fn now(&self) -> i64;

    /// Milliseconds, for what must be ordered finer than a second (session ids).
    fn now_millis(&self) -> i64 {
        self.now() * 1000
    }
}

fn system_millis() -> i64 {
    std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map_or(0, |d| d.as_millis() as i64)
}

pub struct SystemClock;

impl Clock for SystemClock {
    fn now(&self) -> i64 {
        std::time::SystemTime::now()
            .duration_since(std::time::UNIX_EPOCH)
            .map(|d| d.as_secs() as i64)
            .unwrap_or(0)
    }

    fn now_millis(&self) -> i64 {
        system_millis()
    }
}

/// The system time plus an offset tests can change; frozen, it stands still until moved,
/// so that a test about one-second delays cannot see a real second pass meanwhile.
pub struct OffsetClock {
    offset: AtomicI64,
    frozen_at: AtomicI64,
}

const RUNNING: i64 = i64::MIN;

impl Default for OffsetClock {
    fn default() -> Self {
        Self {
            offset: AtomicI64::new(0),
            frozen_at: AtomicI64::new(RUNNING),
        }
    }
}

impl OffsetClock {
    pub fn advance(&self, seconds: i64) {
        self.offset.fetch_add(seconds, Ordering::SeqCst);
    }

    /// Stops the clock at its current reading; only [`OffsetClock::advance`] moves it.
    pub fn freeze(&self) {
        let _ = self.frozen_at.compare_exchange(
            RUNNING,
            SystemClock.now(),
            Ordering::SeqCst,
            Ordering::SeqCst,
        );
    }
}

impl Clock for OffsetClock {
    fn now(&self) -> i64 {
        let base = match self.frozen_at.load(Ordering::SeqCst) {
            RUNNING => SystemClock.now(),
            frozen => frozen,
        };
        base + self.offset.load(Ordering::SeqCst)
    }

    /// Running, the system's milliseconds moved by the offset; frozen, whole seconds.
    fn now_millis(&self) -> i64 {
        match self.frozen_at.load(Ordering::SeqCst) {
            RUNNING => system_millis() + self.offset.load(Ordering::SeqCst) * 1000,
            _ => self.now() * 1000,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_frozen_clock_moves_only_when_advanced() {
        let clock = OffsetClock::default();
        clock.freeze();
        let t = clock.now();
        std::thread::sleep(std::time::Duration::from_millis(1100));
        assert_eq!(clock.now(), t);
        clock.advance(5);
        assert_eq!(clock.now(), t + 5);
    }
}
