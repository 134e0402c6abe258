//! The durable job worker: claims due jobs from the database (several instances never
//! claim the same one), runs them, retries with exponential back-off, and sweeps
//! expired sessions and orphaned files (the sweeps it is given).
mod job;

pub use job::{DeskTimer, HoldEnded, Job, JobDecodeError, ResetDue, WebhookDelivery};

use crate::keys::Resealed;
use crate::state::AppState;
use std::time::Duration;

const LEASE_SECONDS: i64 = 120;
const BATCH: i64 = 20;
const MAX_ATTEMPTS: i64 = 12;

/// 30 s, 1 min, 2 min, … capped at 2 h: about a day of retries in all.
pub fn backoff(attempts: i64) -> i64 {
    (30i64 << attempts.clamp(0, 20).saturating_sub(1)).min(2 * 3600)
}

/// What runs a job other than a mail (the features' own jobs, passed in so that the
/// worker depends on no feature).
pub type Perform =
    for<'a> fn(&'a AppState, Job) -> futures_util::future::BoxFuture<'a, anyhow::Result<()>>;

/// Runs due jobs until `shutdown`; every five minutes also `maintenance` (expired
/// sessions, orphaned files: the features' own sweeps, passed in so that the worker
/// depends on no feature).
pub async fn run<F, Fut>(
    state: AppState,
    shutdown: tokio::sync::watch::Receiver<bool>,
    perform: Perform,
    maintenance: F,
) where
    F: Fn(AppState) -> Fut,
    Fut: std::future::Future<Output = anyhow::Result<()>>,
{
    let mut shutdown = shutdown;
    let mut last_sweep = 0;
    loop {
        match run_due(&state, perform).await {
            Ok(n) if n > 0 => continue,
            Ok(_) => {}
            Err(e) => tracing::error!(error = ?e, "job worker"),
        }
        let now = state.now();
        if now - last_sweep > 300 {
            last_sweep = now;
            if let Err(e) = maintenance(state.clone()).await {
                tracing::error!(error = ?e, "maintenance");
            }
        }
        tokio::select! {
            _ = state.jobs_notify.notified() => {}
            _ = tokio::time::sleep(Duration::from_secs(2)) => {}
            _ = shutdown.changed() => return,
        }
    }
}

/// Runs the jobs due now; returns how many were claimed.
pub async fn run_due(state: &AppState, perform: Perform) -> anyhow::Result<usize> {
    let now = state.now();
    let mut tx = state.store.begin().await?;
    let jobs = tx.claim_jobs(now, LEASE_SECONDS, BATCH).await?;
    let depth = tx.pending_job_count().await?;
    tx.commit().await?;
    metrics::gauge!("keydesk_job_queue_depth").set(depth as f64);
    for job in &jobs {
        let mut refused_request = None;
        let result = match Job::open(job.kind, &job.payload, &state.secrets) {
            Ok(Job::Mail(mail)) => {
                let sent = state
                    .mailer
                    .deliver(state.store.as_ref(), &state.secrets, &mail, state.now())
                    .await;
                if sent.as_ref().is_err_and(|e| e.is::<crate::mail::Refused>()) {
                    refused_request = crate::mail::desk_request_of(&state.secrets, &mail);
                }
                sent
            }
            Ok(other) => perform(state, other).await,
            Err(e) => Err(e.into()),
        };
        let now = state.now();
        let mut tx = state.store.begin().await?;
        match result {
            Ok(()) => {
                tx.complete_job(job.id, now).await?;
                metrics::counter!("keydesk_jobs_total", "kind" => job.kind.as_str(), "outcome" => "done").increment(1);
            }
            Err(e) => {
                let permanent = e.is::<crate::mail::Refused>();
                let retry_at = (!permanent && job.attempts < MAX_ATTEMPTS)
                    .then(|| now + backoff(job.attempts));
                if let Some(number) = refused_request {
                    // As a bounce would: the agent sees the address is failing.
                    tx.mark_desk_email_failing(number, Some(now)).await?;
                }
                tracing::warn!(job = job.id, attempts = job.attempts, error = %e, "job failed");
                tx.fail_job(job.id, &format!("{e:#}"), retry_at, now)
                    .await?;
                metrics::counter!("keydesk_jobs_total", "kind" => job.kind.as_str(), "outcome" => "failed").increment(1);
            }
        }
        tx.commit().await?;
    }
    Ok(jobs.len())
}

/// Re-seals the payloads of the jobs not done yet under the primary key, a page per
/// transaction (`keydesk keys reseal`): after it, queued mails need no retired key.
pub async fn reseal_payloads(state: &AppState) -> anyhow::Result<Resealed> {
    const PAGE: i64 = 500;
    let mut report = Resealed::default();
    let mut after = 0;
    loop {
        let page = state
            .store
            .read()
            .await?
            .jobs_with_payload_after(after, PAGE)
            .await?;
        let Some(last) = page.last() else { break };
        after = last.id;
        let mut tx = state.store.begin().await?;
        for job in &page {
            match state
                .secrets
                .reseal_text(&job.payload, &job::context(&job.kind))
            {
                Ok(None) => report.current += 1,
                Ok(Some(sealed)) if tx.reseal_job(job.id, &job.payload, &sealed).await? => {
                    report.resealed += 1
                }
                Ok(Some(_)) => report.changed_meanwhile += 1,
                Err(_) => report.unreadable.push(job.id),
            }
        }
        tx.commit().await?;
    }
    Ok(report)
}

#[cfg(test)]
mod tests {
    #[test]
    fn backoff_grows_and_caps() {
        assert_eq!(super::backoff(1), 30);
        assert_eq!(super::backoff(2), 60);
        assert_eq!(super::backoff(3), 120);
        assert_eq!(super::backoff(30), 7200);
    }
}
