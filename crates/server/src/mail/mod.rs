//! Mail: composed in the recipient's language when the change happens, queued as a
//! job in the same transaction (so a rolled-back change sends nothing), delivered by
//! the job worker through SMTP or kept in the embedded outbox.
mod compose;
mod transport;

pub use compose::{compose, ComposedMail, MailKind};
pub use transport::Mailer;

use crate::state::AppState;
use keydesk_domain::job_kind::JobKind;
use keydesk_domain::language::Language;
use keydesk_store::{StoreResult, WriteTx};
use serde::{Deserialize, Serialize};

pub const JOB_KIND: JobKind = JobKind::Mail;

#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct QueuedMail {
    pub to: String,
    pub subject: String,
    pub text: String,
    pub html: String,
}

/// Composes and queues a mail inside the caller's transaction.
pub async fn queue(
    state: &AppState,
    tx: &mut dyn WriteTx,
    to: &str,
    lang: Language,
    kind: MailKind,
    args: &[(&str, String)],
) -> StoreResult<()> {
    let mail = compose(&state.i18n, lang, kind, args, &state.settings.issuer);
    let queued = QueuedMail {
        to: to.to_owned(),
        subject: mail.subject,
        text: mail.text,
        html: mail.html,
    };
    let payload = serde_json::to_string(&queued).unwrap_or_default();
    let now = state.now();
    tx.enqueue_job(JOB_KIND, &payload, now, now).await?;
    Ok(())
}
