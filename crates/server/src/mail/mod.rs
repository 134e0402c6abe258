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
    /// Headers beyond From/To/Subject: a desk mail's threading (`Message-ID`,
    /// `In-Reply-To`, `References`) and `Auto-Submitted`.
    #[serde(default)]
    pub headers: Vec<(String, String)>,
}

/// The headers that thread every mail of one desk request together (RFC 5322 §3.6.4):
/// the first mail's Message-ID is the request's own, and every later one refers to it.
pub fn thread_headers(
    public_url: &str,
    request: i64,
    first: bool,
    automatic: bool,
) -> Vec<(String, String)> {
    let host = url::Url::parse(public_url)
        .ok()
        .and_then(|u| u.host_str().map(str::to_owned))
        .unwrap_or_else(|| "keydesk.invalid".to_owned());
    let root = format!("<request-{request}@{host}>");
    let mut headers = if first {
        vec![("Message-ID".to_owned(), root)]
    } else {
        let own = format!(
            "<request-{request}.{}@{host}>",
            keydesk_domain::identity::token::generate()
        );
        vec![
            ("Message-ID".to_owned(), own),
            ("In-Reply-To".to_owned(), root.clone()),
            ("References".to_owned(), root),
        ]
    };
    if automatic {
        // RFC 3834: no auto-responder should answer it (no mail loops).
        headers.push(("Auto-Submitted".to_owned(), "auto-replied".to_owned()));
    }
    headers
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
        headers: Vec::new(),
    }
}
