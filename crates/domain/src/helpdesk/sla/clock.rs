//! The three SLA clocks of a request, replayed from its history with Zendesk's rules:
//!
//! - **first reply**: from the request's creation to the first public reply by an
//!   agent; it never pauses.
//! - **next reply**: from a customer's public reply that follows an agent's, to the
//!   agent's next public reply; each such exchange is a new cycle.
//! - **resolution** (Zendesk's "requester wait time"): runs while the request is new,
//!   open or on hold; **pending pauses it** (the desk waits on the customer); solved
//!   stops it and a reopening resumes it where it stopped.
//!
//! Solving a request ends the reply clocks still running. Times are unix seconds; the
//! hours counted are the policy's ([`Hours`]).
use super::hours::Hours;
use super::policy::Targets;
use crate::helpdesk::status::Status;
use serde::Serialize;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Metric {
    FirstReply,
    NextReply,
    Resolution,
}

crate::stored::stored_names!(Metric {
    FirstReply => "first_reply",
    NextReply => "next_reply",
    Resolution => "resolution",
});

/// What happened to a request, in order (public replies only: an internal note answers
/// nobody).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Happening {
    Status(Status),
    CustomerReply,
    AgentReply,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case", tag = "state")]
pub enum ClockState {
    /// Counting; due at this instant (breached once `now` reaches it).
    Running { due: i64 },
    /// Pending: counting nothing, with this much counted time left (negative: over).
    Paused { left: i64 },
    /// Fulfilled at `at`, in time or `late`.
    Met { at: i64, late: bool },
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct Clock {
    pub metric: Metric,
    /// The target in counted seconds.
    pub target: i64,
    #[serde(flatten)]
    pub state: ClockState,
}

impl Clock {
    pub fn breached(&self, now: i64) -> bool {
        match self.state {
            ClockState::Running { due } => now >= due,
            ClockState::Paused { left } => left < 0,
            ClockState::Met { late, .. } => late,
        }
    }
}

/// The clocks the targets ask for, as the history leaves them; a clock not (yet) started,
/// or ended without being needed (solved before any reply), is left out.
pub fn clocks(
    targets: &Targets,
    hours: &Hours,
    created_at: i64,
    history: &[(i64, Happening)],
) -> Vec<Clock> {
    let mut out = Vec::new();
    if let Some(target) = targets.first_reply {
        if let Some(state) = first_reply(target, hours, created_at, history) {
            out.push(Clock {
                metric: Metric::FirstReply,
                target,
                state,
            });
        }
    }
    if let Some(target) = targets.next_reply {
        if let Some(state) = next_reply(target, hours, history) {
            out.push(Clock {
                metric: Metric::NextReply,
                target,
                state,
            });
        }
    }
    if let Some(target) = targets.resolution {
        out.push(Clock {
            metric: Metric::Resolution,
            target,
            state: resolution(target, hours, created_at, history),
        });
    }
    out
}

/// The running clock due first: the one the queue sorts and warns by.
pub fn next_due(clocks: &[Clock]) -> Option<(i64, Metric)> {
    clocks
        .iter()
        .filter_map(|c| match c.state {
            ClockState::Running { due } => Some((due, c.metric)),
            _ => None,
        })
        .min_by_key(|&(due, _)| due)
}

fn met(hours: &Hours, start: i64, at: i64, target: i64) -> ClockState {
    ClockState::Met {
        at,
        late: hours.counted(start, at) > target,
    }
}

fn ends_replies(h: Happening) -> bool {
    matches!(h, Happening::Status(Status::Solved | Status::Closed))
}

fn first_reply(
    target: i64,
    hours: &Hours,
    created_at: i64,
    history: &[(i64, Happening)],
) -> Option<ClockState> {
    for &(at, h) in history {
        if h == Happening::AgentReply {
            return Some(met(hours, created_at, at, target));
        }
        if ends_replies(h) {
            return None;
        }
    }
    Some(ClockState::Running {
        due: hours.after(created_at, target),
    })
}

fn next_reply(target: i64, hours: &Hours, history: &[(i64, Happening)]) -> Option<ClockState> {
    let mut answered_once = false;
    let mut waiting_since: Option<i64> = None;
    let mut last: Option<ClockState> = None;
    for &(at, h) in history {
        match h {
            Happening::AgentReply => {
                if let Some(start) = waiting_since.take() {
                    last = Some(met(hours, start, at, target));
                }
                answered_once = true;
            }
            Happening::CustomerReply if answered_once && waiting_since.is_none() => {
                waiting_since = Some(at);
            }
            h if ends_replies(h) => waiting_since = None,
            _ => {}
        }
    }
    match waiting_since {
        Some(start) => Some(ClockState::Running {
            due: hours.after(start, target),
        }),
        None => last,
    }
}

fn counts_resolution(status: Status) -> bool {
    matches!(status, Status::New | Status::Open | Status::OnHold)
}

fn resolution(
    target: i64,
    hours: &Hours,
    created_at: i64,
    history: &[(i64, Happening)],
) -> ClockState {
    let mut status = Status::New;
    let mut since = created_at;
    let mut counted = 0;
    let mut solved_at = None;
    for &(at, h) in history {
        let Happening::Status(next) = h else { continue };
        if counts_resolution(status) {
            counted += hours.counted(since, at);
        }
        status = next;
        since = at;
        solved_at = matches!(next, Status::Solved | Status::Closed).then_some(at);
    }
    match (solved_at, counts_resolution(status)) {
        (Some(at), _) => ClockState::Met {
            at,
            late: counted > target,
        },
        (None, true) => ClockState::Running {
            due: hours.after(since, target - counted),
        },
        (None, false) => ClockState::Paused {
            left: target - counted,
        },
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::helpdesk::sla::hours::BusinessHours;
    use Happening::*;

    const H: i64 = 3600;

    fn targets() -> Targets {
        Targets {
            first_reply: Some(2 * H),
            next_reply: Some(4 * H),
            resolution: Some(8 * H),
        }
    }

    fn state(clocks: &[Clock], metric: Metric) -> ClockState {
        clocks.iter().find(|c| c.metric == metric).unwrap().state
    }

    #[test]
    fn pending_pauses_resolution_and_a_reopening_resumes_it() {
        let t0 = 1_000_000;
        let history = [
            (t0 + H, AgentReply),
            (t0 + H, Status(crate::helpdesk::status::Status::Pending)),
            // Ten hours waiting on the customer count nothing.
            (t0 + 11 * H, CustomerReply),
            (t0 + 11 * H, Status(crate::helpdesk::status::Status::Open)),
        ];
        let c = clocks(&targets(), &Hours::Calendar, t0, &history);
        assert_eq!(
            state(&c, Metric::FirstReply),
            ClockState::Met {
                at: t0 + H,
                late: false
            }
        );
        // 1 h counted before pending, 7 h left from the reopening.
        assert_eq!(
            state(&c, Metric::Resolution),
            ClockState::Running { due: t0 + 18 * H }
        );
        // The customer's reply starts the next-reply clock.
        assert_eq!(
            state(&c, Metric::NextReply),
            ClockState::Running { due: t0 + 15 * H }
        );
        assert_eq!(next_due(&c), Some((t0 + 15 * H, Metric::NextReply)));
        // While pending: paused, with what was left.
        let paused = clocks(&targets(), &Hours::Calendar, t0, &history[..2]);
        assert_eq!(
            state(&paused, Metric::Resolution),
            ClockState::Paused { left: 7 * H }
        );
        assert_eq!(next_due(&paused), None, "nothing is due while pending");
    }

    #[test]
    fn late_replies_and_solves_are_breaches() {
        let t0 = 1_000_000;
        let history = [
            (t0 + 3 * H, AgentReply),
            (t0 + 4 * H, CustomerReply),
            (t0 + 9 * H, AgentReply),
            (t0 + 9 * H, Status(crate::helpdesk::status::Status::Solved)),
        ];
        let c = clocks(&targets(), &Hours::Calendar, t0, &history);
        assert!(c.iter().all(|c| c.breached(t0 + 10 * H)), "{c:?}");
        assert_eq!(next_due(&c), None);
        // A running clock breaches when its deadline passes.
        let open = clocks(&targets(), &Hours::Calendar, t0, &[]);
        let first = open
            .iter()
            .find(|c| c.metric == Metric::FirstReply)
            .unwrap();
        assert!(!first.breached(t0 + 2 * H - 1));
        assert!(first.breached(t0 + 2 * H));
    }

    #[test]
    fn solving_before_any_reply_ends_the_reply_clocks() {
        let t0 = 1_000_000;
        let history = [(t0 + H, Status(crate::helpdesk::status::Status::Solved))];
        let c = clocks(&targets(), &Hours::Calendar, t0, &history);
        assert_eq!(c.len(), 1);
        assert_eq!(c[0].metric, Metric::Resolution);
    }

    #[test]
    fn business_hours_clocks_stop_overnight_and_over_the_weekend() {
        let zone = jiff::tz::TimeZone::fixed(jiff::tz::offset(9));
        let week = ["mon", "tue", "wed", "thu", "fri"].map(|d| (d, "09:00-18:00"));
        let hours = Hours::Business(BusinessHours::new(zone.clone(), week, []).unwrap());
        let jst = |text: &str| {
            let dt: jiff::civil::DateTime = text.parse().unwrap();
            dt.to_zoned(zone.clone()).unwrap().timestamp().as_second()
        };
        // Opened Friday 17:00: two working hours → Monday 10:00, not Friday 19:00.
        let opened = jst("2026-12-04T17:00");
        let c = clocks(&targets(), &hours, opened, &[]);
        assert_eq!(
            state(&c, Metric::FirstReply),
            ClockState::Running {
                due: jst("2026-12-07T10:00")
            }
        );
        // Answered Monday 09:30: 1.5 working hours, in time.
        let history = [(jst("2026-12-07T09:30"), AgentReply)];
        let c = clocks(&targets(), &hours, opened, &history);
        assert!(matches!(
            state(&c, Metric::FirstReply),
            ClockState::Met { late: false, .. }
        ));
    }
}
