//! Mail: composed in the recipient's language when the change happens, queued as a
//! job in the same transaction (so a rolled-back change sends nothing), delivered by
//! the job worker through SMTP or kept in the embedded outbox.
mod compose;
pub mod outbox;
pub mod reply_token;
mod transport;

pub use compose::{compose, ComposedMail, MailKind};
pub use transport::{Mailer, Refused};

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

/// The headers that thread one request's mails: the first mail's `Message-ID` is the
/// root the later ones refer to. Every id carries the request's reply token (see
/// `keydesk_domain::helpdesk::mail_in::address`), so a reply's `In-Reply-To` names its
/// request in a way a stranger cannot make up; with a support address, `Reply-To`
/// carries the same token for clients that drop the threading headers.
pub fn thread_headers(
    public_url: &str,
    request: i64,
    token: &str,
    support: Option<&str>,
    first: bool,
    automatic: bool,
) -> Vec<(String, String)> {
    use keydesk_domain::helpdesk::mail_in::address;
    let host = url::Url::parse(public_url)
        .ok()
        .and_then(|u| u.host_str().map(str::to_owned))
        .unwrap_or_else(|| "keydesk.invalid".to_owned());
    let root = address::message_id(request, token, "0", &host);
    let mut headers = if first {
        vec![("Message-ID".to_owned(), root)]
    } else {
        let own = address::message_id(
            request,
            token,
            &keydesk_domain::identity::token::generate(),
            &host,
        );
        vec![
            ("Message-ID".to_owned(), own),
            ("In-Reply-To".to_owned(), root.clone()),
            ("References".to_owned(), root),
        ]
    };
    if let Some(reply_to) = support.and_then(|s| address::reply_to(s, request, token)) {
        headers.push(("Reply-To".to_owned(), reply_to));
    }
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

/// The desk request a mail of ours belongs to: the request its `Message-ID` names with
/// a token that is ours.
pub fn desk_request_of(keys: &crate::keys::Keyring, mail: &QueuedMail) -> Option<i64> {
    let (_, id) = mail.headers.iter().find(|(n, _)| n == "Message-ID")?;
    let (number, token) = keydesk_domain::helpdesk::mail_in::address::parse_message_id(id)?;
    reply_token::token_matches(keys, number, &token).then_some(number)
}
