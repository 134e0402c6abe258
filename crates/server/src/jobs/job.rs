//! Every kind of job, with its payload: the queue stores a job as its kind and a JSON
//! payload, and the worker matches on this enum, so a new kind (the desk's SLA timers,
//! a delayed 2FA reset) is a variant here and an arm in the worker, not a new code path.
use crate::mail::QueuedMail;

#[derive(Debug, Clone)]
pub enum Job {
    /// A composed mail to deliver.
    Mail(QueuedMail),
}

#[derive(Debug, thiserror::Error)]
pub enum JobDecodeError {
    #[error("unknown job kind {0}")]
    UnknownKind(String),
    #[error("unreadable {kind} job: {source}")]
    Payload {
        kind: &'static str,
        source: serde_json::Error,
    },
}

impl Job {
    pub const MAIL: &'static str = "mail";

    /// The stable name stored in the queue's `kind` column.
    pub fn kind(&self) -> &'static str {
        match self {
            Job::Mail(_) => Self::MAIL,
        }
    }

    pub fn payload(&self) -> String {
        let json = match self {
            Job::Mail(mail) => serde_json::to_string(mail),
        };
        // Serialising plain structs of strings cannot fail.
        json.unwrap_or_default()
    }

    pub fn decode(kind: &str, payload: &str) -> Result<Self, JobDecodeError> {
        let payload_error = |kind| move |source| JobDecodeError::Payload { kind, source };
        match kind {
            Self::MAIL => serde_json::from_str(payload)
                .map(Job::Mail)
                .map_err(payload_error(Self::MAIL)),
            other => Err(JobDecodeError::UnknownKind(other.to_owned())),
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
        assert!(matches!(
            Job::decode("nope", "{}"),
            Err(JobDecodeError::UnknownKind(_))
        ));
        assert!(matches!(
            Job::decode("mail", "{"),
            Err(JobDecodeError::Payload { .. })
        ));
    }
}
