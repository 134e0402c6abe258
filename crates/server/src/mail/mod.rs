//! Mail: composed in the recipient's language when the change happens, queued as a
//! job in the same transaction (so a rolled-back change sends nothing), delivered by
//! the job worker through SMTP or kept in the embedded outbox.
mod compose;
pub mod outbox;
mod transport;

pub use compose::{compose, ComposedMail, MailKind};
pub use transport::Mailer;

use crate::config::Settings;
use crate::i18n::I18n;
use keydesk_domain::identity::language::Language;
use serde::{Deserialize, Serialize};

/// A mail as queued for delivery: composed already, in its recipient's language.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct QueuedMail {
    pub to: String,
    pub subject: String,
    pub text: String,
    pub html: String,
}

/// Composes a mail for the queue (the unit of work queues it in its transaction).
pub fn compose_queued(
    i18n: &I18n,
    settings: &Settings,
    to: &str,
    lang: Language,
    kind: MailKind,
    args: &[(&str, String)],
) -> QueuedMail {
    let help_url = format!("{}/help", settings.public_url());
    let sender = compose::Sender {
        issuer: &settings.issuer,
        help_url: &help_url,
    };
    let mail = compose(i18n, lang, kind, args, &sender);
    QueuedMail {
        to: to.to_owned(),
        subject: mail.subject,
        text: mail.text,
        html: mail.html,
    }
}
