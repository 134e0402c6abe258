//! Every kind of job, with its payload: the queue stores a job as its kind (the domain's
//! [`JobKind`], a column the store checks) and its JSON payload sealed (a mail's payload
//! holds its links, which must not be usable from a dump or a backup), and the worker
//! matches on this enum, so a new kind (the desk's SLA timers, a delayed 2FA reset) is a
//! variant here and in `JobKind`, and an arm in the worker — not a new code path.
use crate::keys::Keyring;
use crate::mail::QueuedMail;
use keydesk_domain::jobs::JobKind;
use serde::{Deserialize, Serialize};

#[derive(Debug, Clone)]
pub enum Job {
    /// A composed mail to deliver.
    Mail(QueuedMail),
    /// A help-desk timer (close a solved request, remind about a pending one).
    DeskTimer(DeskTimer),
    /// One webhook event for one endpoint.
    Webhook(WebhookDelivery),
    /// A hold ran out.
    HoldEnded(HoldEnded),
    /// A 2FA reset's security delay is over.
    ResetDue(ResetDue),
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct ResetDue {
    pub reset_id: i64,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct HoldEnded {
    pub hold_id: i64,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct DeskTimer {
    pub request_id: i64,
    /// When the request entered the status the timer waits on: it acts only if the
    /// request is still in it since then.
    pub since: i64,
    /// A reminder's number (1, 2, …); none: the close.
    pub reminder: Option<usize>,
}

#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct WebhookDelivery {
    pub delivery_id: i64,
    pub webhook_id: i64,
    pub event: String,
    /// The JSON body as it is signed and sent.
    pub body: String,
}

#[derive(Debug, thiserror::Error)]
#[error("unreadable {kind} job: {source:#}")]
pub struct JobDecodeError {
    kind: JobKind,
    source: anyhow::Error,
}

/// The sealing context, by the kind's stored name: a payload opens only as the kind it
/// was queued as (and a newer version's kinds re-seal the same way).
pub(super) fn context(kind: &str) -> String {
    format!("job:{kind}")
}

impl Job {
    /// What the queue's `kind` column holds.
    pub fn kind(&self) -> JobKind {
        match self {
            Job::Mail(_) => JobKind::Mail,
            Job::DeskTimer(_) => JobKind::DeskTimer,
            Job::Webhook(_) => JobKind::Webhook,
            Job::HoldEnded(_) => JobKind::HoldEnded,
            Job::ResetDue(_) => JobKind::ResetDue,
        }
    }

    /// The payload column: the job as JSON, sealed.
    pub fn sealed_payload(&self, keys: &Keyring) -> String {
        let json = match self {
            Job::Mail(mail) => serde_json::to_string(mail),
            Job::DeskTimer(timer) => serde_json::to_string(timer),
            Job::Webhook(delivery) => serde_json::to_string(delivery),
            Job::HoldEnded(end) => serde_json::to_string(end),
            Job::ResetDue(due) => serde_json::to_string(due),
        };
        // Serialising plain structs of strings cannot fail.
        keys.seal_text(&json.unwrap_or_default(), &context(self.kind().as_str()))
    }

    pub fn open(kind: JobKind, payload: &str, keys: &Keyring) -> Result<Self, JobDecodeError> {
        let unreadable = |source| JobDecodeError { kind, source };
        let json = keys
            .open_text(payload, &context(kind.as_str()))
            .map_err(unreadable)?;
        let parsed = match kind {
            JobKind::Mail => serde_json::from_str(&json).map(Job::Mail),
            JobKind::DeskTimer => serde_json::from_str(&json).map(Job::DeskTimer),
            JobKind::Webhook => serde_json::from_str(&json).map(Job::Webhook),
            JobKind::HoldEnded => serde_json::from_str(&json).map(Job::HoldEnded),
            JobKind::ResetDue => serde_json::from_str(&json).map(Job::ResetDue),
        };
        parsed.map_err(|e| unreadable(e.into()))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_job_reads_back_as_it_was_queued_and_nothing_of_it_shows() {
        let (_dir, keys) = Keyring::temporary();
        let job = Job::Mail(QueuedMail {
            to: "a@example.com".into(),
            subject: "s".into(),
            text: "https://x.example/password/reset?token=live-token".into(),
            html: "h".into(),
            headers: vec![],
        });
        let payload = job.sealed_payload(&keys);
        assert!(!payload.contains("live-token") && !payload.contains("a@example.com"));
        let Ok(Job::Mail(back)) = Job::open(job.kind(), &payload, &keys) else {
            panic!("not the mail queued")
        };
        assert_eq!(back.to, "a@example.com");
        assert!(Job::open(JobKind::Mail, "{", &keys).is_err());
        assert!(
            Job::open(JobKind::Mail, r#"{"to":"a"}"#, &keys).is_err(),
            "plain JSON is refused"
        );
    }
}
