use super::{outbox, QueuedMail};
use crate::config::{MailTransport, Settings, SmtpSettings, SmtpTls};
use crate::keys::Keyring;
use anyhow::Context;
use keydesk_store::models::NewOutboxMail;
use keydesk_store::Store;
use lettre::message::header::{ContentType, HeaderName, HeaderValue};
use lettre::message::{Mailbox, MultiPart, SinglePart};
use lettre::transport::smtp::authentication::Credentials;
use lettre::transport::smtp::client::{Certificate, Tls, TlsParameters};
use lettre::{AsyncSmtpTransport, AsyncTransport, Message, Tokio1Executor};
use secrecy::ExposeSecret;

/// The relay refused the mail for good (an SMTP 5xx, e.g. no such mailbox): the queue
/// does not try it again, and a desk request's address is marked as failing.
#[derive(Debug, thiserror::Error)]
#[error("the relay refused the mail for good: {0}")]
pub struct Refused(pub String);

/// The two real transports: an SMTP relay, or the embedded outbox table.
pub enum Mailer {
    Outbox,
    Smtp {
        transport: AsyncSmtpTransport<Tokio1Executor>,
        from: Mailbox,
    },
}

/// The relay's certificate is checked against the public roots, and against
/// `mail.smtp.ca_file` when the relay's certificate comes from a private CA.
fn tls_parameters(smtp: &SmtpSettings) -> anyhow::Result<TlsParameters> {
    let mut params = TlsParameters::builder(smtp.host.clone());
    if let Some(path) = &smtp.ca_file {
        let pem = std::fs::read(path)
            .with_context(|| format!("mail.smtp.ca_file: reading {}", path.display()))?;
        params = params.add_root_certificate(
            Certificate::from_pem(&pem).context("mail.smtp.ca_file: not a PEM certificate")?,
        );
    }
    params.build_rustls().context("mail.smtp TLS settings")
}

impl Mailer {
    pub fn from_settings(settings: &Settings) -> anyhow::Result<Self> {
        match settings.mail.transport {
            MailTransport::Outbox => Ok(Mailer::Outbox),
            MailTransport::Smtp => {
                let smtp = &settings.mail.smtp;
                let tls = || tls_parameters(smtp);
                let mut builder =
                    AsyncSmtpTransport::<Tokio1Executor>::builder_dangerous(&smtp.host)
                        .port(smtp.port);
                builder = match smtp.tls {
                    SmtpTls::Starttls => builder.tls(Tls::Required(tls()?)),
                    SmtpTls::Tls => builder.tls(Tls::Wrapper(tls()?)),
                    SmtpTls::None => builder,
                };
                if let (Some(user), Some(pass)) = (&smtp.username, &smtp.password) {
                    builder = builder.credentials(Credentials::new(
                        user.clone(),
                        pass.expose_secret().to_owned(),
                    ));
                }
                let from = settings.mail.from.parse().context("mail.from")?;
                Ok(Mailer::Smtp {
                    transport: builder.build(),
                    from,
                })
            }
        }
    }

    /// Sends the mail, or keeps it in the outbox with its bodies sealed (their links
    /// work: see [`super::outbox`]).
    pub async fn deliver(
        &self,
        store: &dyn Store,
        keys: &Keyring,
        mail: &QueuedMail,
        now: i64,
    ) -> anyhow::Result<()> {
        match self {
            Mailer::Outbox => {
                let (text, html) = outbox::seal_bodies(keys, mail);
                let mut tx = store.begin().await?;
                tx.insert_outbox_mail(&NewOutboxMail {
                    to_addr: &mail.to,
                    subject: &mail.subject,
                    body_text: &text,
                    body_html: &html,
                    headers: &serde_json::to_string(&mail.headers)?,
                    now,
                })
                .await?;
                tx.commit().await?;
                Ok(())
            }
            Mailer::Smtp { transport, from } => {
                let mut builder = Message::builder()
                    .from(from.clone())
                    .to(mail.to.parse().context("recipient address")?)
                    .subject(&mail.subject);
                for (name, value) in &mail.headers {
                    builder = match name.as_str() {
                        "Message-ID" => builder.message_id(Some(value.clone())),
                        "In-Reply-To" => builder.in_reply_to(value.clone()),
                        "References" => builder.references(value.clone()),
                        "Reply-To" => builder.reply_to(value.parse().context("reply-to address")?),
                        _ => builder,
                    };
                }
                let mut message = builder
                    .multipart(
                        MultiPart::alternative()
                            .singlepart(
                                SinglePart::builder()
                                    .header(ContentType::TEXT_PLAIN)
                                    .body(mail.text.clone()),
                            )
                            .singlepart(
                                SinglePart::builder()
                                    .header(ContentType::TEXT_HTML)
                                    .body(mail.html.clone()),
                            ),
                    )
                    .context("building the message")?;
                if let Some((_, value)) = mail.headers.iter().find(|(n, _)| n == "Auto-Submitted") {
                    message.headers_mut().insert_raw(HeaderValue::new(
                        HeaderName::new_from_ascii_str("Auto-Submitted"),
                        value.clone(),
                    ));
                }
                match transport.send(message).await {
                    Ok(_) => Ok(()),
                    // A 5xx: sending it again changes nothing.
                    Err(e) if e.is_permanent() => Err(Refused(e.to_string()).into()),
                    Err(e) => Err(anyhow::Error::new(e).context("SMTP delivery")),
                }
            }
        }
    }
}
