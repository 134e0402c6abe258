//! Every kind of job, with its payload: the queue stores a job as its kind (the domain's
//! [`JobKind`], a column the store checks) and a JSON payload, and the worker matches on
//! this enum, so a new kind (the desk's SLA timers, a delayed 2FA reset) is a variant here
//! and in `JobKind`, and an arm in the worker — not a new code path.
use crate::mail::QueuedMail;
use keydesk_domain::jobs::JobKind;

#[derive(Debug, Clone)]
pub enum Job {
    /// A composed mail to deliver.
    Mail(QueuedMail),
}

#[derive(Debug, thiserror::Error)]
#[error("unreadable {kind} job: {source}")]
pub struct JobDecodeError {
    kind: JobKind,
    source: serde_json::Error,
}

impl Job {
    /// What the queue's `kind` column holds.
    pub fn kind(&self) -> JobKind {
        match self {
            Job::Mail(_) => JobKind::Mail,
        }
    }

    pub fn payload(&self) -> String {
        let json = match self {
            Job::Mail(mail) => serde_json::to_string(mail),
        };
        // Serialising plain structs of strings cannot fail.
        json.unwrap_or_default()
    }

    pub fn decode(kind: JobKind, payload: &str) -> Result<Self, JobDecodeError> {
        let unreadable = |source| JobDecodeError { kind, source };
        match kind {
            JobKind::Mail => serde_json::from_str(payload)
                .map(Job::Mail)
                .map_err(unreadable),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_job_reads_back_as_it_was_queued() {
        let job = Job::Mail(QueuedMail {
            to: "a@example.com".into(),
            subject: "s".into(),
            text: "t".into(),
            html: "h".into(),
        });
        let Job::Mail(back) = Job::decode(job.kind(), &job.payload()).unwrap();
        assert_eq!(back.to, "a@example.com");
        assert!(Job::decode(JobKind::Mail, "{").is_err());
    }
}
