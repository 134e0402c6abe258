//! The desk's automations as the job worker runs them: a solved request closes after
//! its days; a pending one gets its reminders. A timer acts only if the request is still
//! in the status it was armed for, since that same moment.
use super::change::{self, Changes};
use super::notify;
use crate::jobs::DeskTimer;
use crate::mail::MailKind;
use crate::state::AppState;
use crate::usecase::{RequestMeta, UnitOfWork};
use keydesk_domain::helpdesk::automation::Timer;
use keydesk_domain::helpdesk::status::Status;

pub async fn run(state: &AppState, job: DeskTimer) -> anyhow::Result<()> {
    let meta = RequestMeta {
        ip: "automation".into(),
        user_agent: "keydesk".into(),
        lang: Default::default(),
    };
    let timer = match job.reminder {
        None => Timer::Close { since: job.since },
        Some(nth) => Timer::Remind {
            since: job.since,
            nth,
        },
    };
    let mut uow = UnitOfWork::begin(state, &meta).await?;
    let Some(request) = uow.lock_desk_request(job.request_id).await? else {
        return Ok(());
    };
    if !timer.still_armed(request.status, request.status_since) {
        return Ok(());
    }
    match timer {
        Timer::Close { .. } => {
            let changes = Changes {
                status: Some(Status::Closed),
                ..Changes::default()
            };
            change::save(&mut uow, &request, request.version, &changes, None)
                .await
                .map_err(|e| anyhow::anyhow!("closing request {}: {e}", request.id))?;
        }
        Timer::Remind { nth, .. } => {
            notify::mail_customer(
                &mut uow,
                &request,
                MailKind::DeskReminder,
                &[("nth", nth.to_string())],
                false,
            )
            .await?;
        }
    }
    uow.commit().await?;
    Ok(())
}
