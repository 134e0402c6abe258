//! Saving a change to a request, whoever makes it (an agent, the customer's reply, a
//! timer): made from the version its author saw, or refused with what changed since;
//! each field that moved is a history event; entering solved or pending arms the
//! automations; solving mails the customer; webhooks hear of it.
use super::notify;
use crate::error::{AppResult, Change, DeskError};
use crate::jobs::{DeskTimer, Job};
use crate::mail::MailKind;
use crate::usecase::UnitOfWork;
use keydesk_domain::helpdesk::automation::{Automations, Timer};
use keydesk_domain::helpdesk::priority::Priority;
use keydesk_domain::helpdesk::status::Status;
use keydesk_domain::helpdesk::webhook::Event;
use keydesk_store::models::{DeskRequest, DeskRequestUpdate, NewDeskEvent};

/// What a change sets; `None` leaves a field as it is.
#[derive(Debug, Clone, Default)]
pub struct Changes {
    pub status: Option<Status>,
    pub priority: Option<Priority>,
    pub assignee: Option<Option<i64>>,
    pub category: Option<String>,
    /// Solving without the desk's "solved" mail: another mail (a verification's
    /// decision) says it already.
    pub quiet: bool,
}

pub fn automations(settings: &crate::config::DeskSettings) -> Automations {
    Automations {
        close_after_seconds: settings.close_after_days * 86_400,
        pending_reminders_seconds: settings
            .pending_reminder_hours
            .iter()
            .map(|h| h * 3600)
            .collect(),
    }
}

fn text_of(assignee: Option<i64>) -> Option<String> {
    assignee.map(|a| a.to_string())
}

/// Saves `changes` made from `seen_version`; the request as saved.
pub async fn save(
    uow: &mut UnitOfWork<'_>,
    current: &DeskRequest,
    seen_version: i64,
    changes: &Changes,
    actor: Option<i64>,
) -> AppResult<DeskRequest> {
    let now = uow.state().now();
    if seen_version != current.version {
        let changes = uow
            .desk_events(current.id, seen_version)
            .await?
            .into_iter()
            .map(|e| Change {
                field: e.field,
                old_value: e.old_value,
                new_value: e.new_value,
            })
            .collect();
        return Err(DeskError::Stale(changes).into());
    }
    let status = changes.status.unwrap_or(current.status);
    let priority = changes.priority.unwrap_or(current.priority);
    let assignee = changes.assignee.unwrap_or(current.assignee_id);
    let category = changes.category.as_deref().unwrap_or(&current.category);
    let status_moved = status != current.status;
    let status_since = if status_moved {
        now
    } else {
        current.status_since
    };
    let saved = uow
        .update_desk_request(&DeskRequestUpdate {
            id: current.id,
            seen_version,
            status,
            status_since,
            priority,
            assignee_id: assignee,
            category,
            now,
        })
        .await?;
    if !saved {
        // Locked rows make this unreachable; should a backend not lock, nothing is lost.
        return Err(DeskError::Stale(Vec::new()).into());
    }
    let version = current.version + 1;
    let moved: [(&str, Option<String>, Option<String>, bool); 4] = [
        (
            "status",
            Some(current.status.as_str().to_owned()),
            Some(status.as_str().to_owned()),
            status_moved,
        ),
        (
            "priority",
            Some(current.priority.as_str().to_owned()),
            Some(priority.as_str().to_owned()),
            priority != current.priority,
        ),
        (
            "assignee",
            text_of(current.assignee_id),
            text_of(assignee),
            assignee != current.assignee_id,
        ),
        (
            "category",
            Some(current.category.clone()),
            Some(category.to_owned()),
            category != current.category,
        ),
    ];
    for (field, old, new, changed) in moved {
        if changed {
            uow.insert_desk_event(&NewDeskEvent {
                request_id: current.id,
                actor_id: actor,
                version,
                field,
                old_value: old.as_deref(),
                new_value: new.as_deref(),
                now,
            })
            .await?;
        }
    }
    let request = uow
        .desk_request(current.id)
        .await?
        .ok_or(crate::error::AppError::NotFound)?;
    if status_moved {
        for (timer, due) in automations(&uow.state().settings.desk).arm(status, now) {
            let job = match timer {
                Timer::Close { since } => DeskTimer {
                    request_id: request.id,
                    since,
                    reminder: None,
                },
                Timer::Remind { since, nth } => DeskTimer {
                    request_id: request.id,
                    since,
                    reminder: Some(nth),
                },
            };
            uow.schedule(Job::DeskTimer(job), due).await?;
        }
        if status == Status::Solved {
            if !changes.quiet {
                let days = uow.state().settings.desk.close_after_days.to_string();
                let rating = super::rating::url(uow.state(), &request, None);
                notify::mail_customer(
                    uow,
                    &request,
                    MailKind::DeskSolved,
                    &[("days", days), ("rating", rating)],
                    false,
                )
                .await?;
            }
            notify::webhooks(uow, Event::RequestSolved, &request).await?;
        }
    }
    notify::webhooks(uow, Event::RequestUpdated, &request).await?;
    super::sla::refresh(uow, request.id).await?;
    Ok(request)
}

/// A message's own history event.
pub async fn message_event(
    uow: &mut UnitOfWork<'_>,
    request: &DeskRequest,
    actor: Option<i64>,
    kind: &str,
) -> AppResult<()> {
    let now = uow.state().now();
    uow.insert_desk_event(&NewDeskEvent {
        request_id: request.id,
        actor_id: actor,
        version: request.version,
        field: "message",
        old_value: None,
        new_value: Some(kind),
        now,
    })
    .await?;
    super::sla::refresh(uow, request.id).await
}
