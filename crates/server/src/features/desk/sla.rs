//! A request's SLA clocks (rules in `keydesk_domain::helpdesk::sla`), replayed from its
//! history: kept with every change, so that the queue marks and sorts by the clock due
//! first without replaying anything; shown in full on the request; every deadline that
//! passes counted once in `/metrics` (`keydesk_desk_sla_breaches_total`), by the
//! maintenance sweep or by the change that ends a clock late.
use crate::error::AppResult;
use crate::state::AppState;
use crate::usecase::UnitOfWork;
use keydesk_domain::helpdesk::sla::clock::{self, Clock, Happening};
use keydesk_domain::helpdesk::sla::policy;
use keydesk_domain::helpdesk::status::Status;
use keydesk_store::models::{DeskEvent, DeskRequest};

/// How the clock due first stands, for the queue.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Mark {
    Breached,
    /// Due within `desk.sla_warning_minutes`.
    Soon,
    Running,
}

impl Mark {
    pub fn as_str(self) -> &'static str {
        match self {
            Mark::Breached => "breached",
            Mark::Soon => "soon",
            Mark::Running => "running",
        }
    }
}

pub fn mark(state: &AppState, request: &DeskRequest, now: i64) -> Option<Mark> {
    let due = request.sla_due_at?;
    Some(if now >= due {
        Mark::Breached
    } else if due - now <= state.settings.desk.sla_warning_minutes * 60 {
        Mark::Soon
    } else {
        Mark::Running
    })
}

/// The history as the clocks read it; at one instant, replies before status changes
/// (an agent who answers and solves at once has answered).
fn history(events: &[DeskEvent]) -> Vec<(i64, Happening)> {
    let mut out: Vec<(i64, Happening)> = events
        .iter()
        .filter_map(|e| {
            let happening = match (e.field.as_str(), e.new_value.as_deref()) {
                ("status", Some(s)) => Happening::Status(Status::parse(s)?),
                ("message", Some("public")) => Happening::AgentReply,
                ("message", Some("customer")) => Happening::CustomerReply,
                _ => return None,
            };
            Some((e.created_at, happening))
        })
        .collect();
    out.sort_by_key(|&(at, h)| (at, matches!(h, Happening::Status(_))));
    out
}

/// The request's clocks under the policy that applies to it (none without one).
pub fn clocks(state: &AppState, request: &DeskRequest, events: &[DeskEvent]) -> Vec<Clock> {
    let Some(policy) = policy::applying(&state.sla, &request.category, request.priority) else {
        return Vec::new();
    };
    clock::clocks(
        &policy.targets,
        &policy.hours,
        request.created_at,
        &history(events),
    )
}

/// Keeps the clock due first on the request, after a change to it in `uow`. A deadline
/// that passed before the change without being counted is counted now.
pub async fn refresh(uow: &mut UnitOfWork<'_>, request_id: i64) -> AppResult<()> {
    let state = uow.state().clone();
    let Some(request) = uow.desk_request(request_id).await? else {
        return Ok(());
    };
    let events = uow.desk_events(request_id, 0).await?;
    let now = state.now();
    let clocks = clocks(&state, &request, &events);
    let due = clock::next_due(&clocks);
    let mut counted = request.sla_breach_counted;
    if let (Some(old), Some(metric)) = (request.sla_due_at, &request.sla_due_metric) {
        if old <= now && counted != Some(old) {
            // Counted once the change that records it is committed: a change rolled
            // back leaves it to be counted by the next one, or by the sweep.
            let (metric, category) = (metric.clone(), request.category.clone());
            let priority = request.priority.as_str();
            uow.after_commit(move || count_breach(&metric, &category, priority));
            counted = Some(old);
        }
    }
    let unchanged = due.map(|(at, m)| (at, m.as_str().to_owned()))
        == request.sla_due_at.zip(request.sla_due_metric.clone())
        && counted == request.sla_breach_counted;
    if !unchanged {
        uow.set_desk_sla(request_id, due.map(|(at, m)| (at, m.as_str())), counted)
            .await?;
    }
    Ok(())
}

fn count_breach(metric: &str, category: &str, priority: &str) {
    metrics::counter!(
        "keydesk_desk_sla_breaches_total",
        "metric" => metric.to_owned(),
        "category" => category.to_owned(),
        "priority" => priority.to_owned()
    )
    .increment(1);
}

/// Counts the deadlines passed since the last sweep; how many.
pub async fn count_breaches(state: &AppState) -> AppResult<usize> {
    let mut total = 0;
    loop {
        let mut tx = state.store.begin().await?;
        let breached = tx.count_desk_sla_breaches(state.now(), 500).await?;
        tx.commit().await?;
        for (_, metric, category, priority) in &breached {
            count_breach(metric, category, priority);
        }
        total += breached.len();
        if breached.len() < 500 {
            return Ok(total);
        }
    }
}
