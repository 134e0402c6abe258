//! Mail in: a raw RFC 5322 message (from the MTA's pipe, `keydesk mail-ingest`, or a
//! gateway's HTTP post) onto the desk. Parsed by `mail-parser` (Japanese charsets and
//! encoded-words included). A reply threads onto its request only through the
//! request's token — in its `In-Reply-To`/`References`, or in the address it was sent
//! to — never by a `#number` alone; a reply from an address that is not the
//! requester's is kept aside as an internal note, not added to the conversation. Mail
//! no person wrote (auto-replies, lists, bounces) is recorded but never answered and
//! never reopens anything. Anything else opens a request in `desk.mail_category`,
//! waiting for its sender to confirm the address, like the signed-out form.
use crate::features::desk::attachments::{self, Prepared, Upload};
use crate::features::desk::change::{self, Changes};
use crate::features::desk::intake::{self, record_files, NewRequest, Requester};
use crate::mail::reply_token::token_matches;
use crate::state::AppState;
use crate::usecase::{RequestMeta, UnitOfWork};
use keydesk_domain::helpdesk::mail_in::{address, automatic, quotes};
use keydesk_domain::helpdesk::status::OnCustomerReply;
use keydesk_domain::identity::email::Email;
use keydesk_store::models::{Author, DeskRequest, NewDeskMessage};
use mail_parser::{HeaderValue, Message, MessageParser, MimeHeaders};

/// What became of a message.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Ingested {
    /// The requester's reply, added to the conversation.
    Added(i64),
    /// From someone else: an internal note on the request, for an agent.
    KeptAside(i64),
    /// Written by no person: noted (on its request, if any), nothing answered.
    Recorded(Option<i64>),
    /// A new request, waiting for its sender to confirm the address.
    Opened(i64),
}

/// Why a message was not taken: the MTA retries a temporary failure and bounces a
/// permanent one (`sysexits`: 75 and 65).
#[derive(Debug, thiserror::Error)]
pub enum IngestError {
    #[error("refused: {0}")]
    Permanent(String),
    #[error("try again later: {0:#}")]
    Temporary(anyhow::Error),
}

impl IngestError {
    pub fn exit_code(&self) -> u8 {
        match self {
            IngestError::Permanent(_) => 65,
            IngestError::Temporary(_) => 75,
        }
    }
}

impl From<crate::error::AppError> for IngestError {
    fn from(e: crate::error::AppError) -> Self {
        if e.is_internal() {
            IngestError::Temporary(anyhow::anyhow!("{e}"))
        } else {
            IngestError::Permanent(e.to_string())
        }
    }
}

impl From<keydesk_store::StoreError> for IngestError {
    fn from(e: keydesk_store::StoreError) -> Self {
        IngestError::Temporary(e.into())
    }
}

fn ids(value: &HeaderValue<'_>) -> Vec<String> {
    match value {
        HeaderValue::Text(t) => vec![t.to_string()],
        HeaderValue::TextList(list) => list.iter().map(|t| t.to_string()).collect(),
        _ => Vec::new(),
    }
}

/// The `Message-ID`s of the messages a delivery status notification returns (its
/// `message/rfc822` or `text/rfc822-headers` part): ours carry their request's token.
fn returned_ids(message: &Message<'_>) -> Vec<String> {
    message
        .parts
        .iter()
        .filter_map(|part| {
            let returned = match part.message() {
                Some(nested) => nested.message_id().map(str::to_owned),
                None if part.is_content_type("text", "rfc822-headers") => MessageParser::default()
                    .parse_headers(part.contents())
                    .and_then(|h| h.message_id().map(str::to_owned)),
                None => None,
            };
            returned.map(|id| format!("<{id}>"))
        })
        .collect()
}

/// The request a message names through its token, if any.
fn named_request(state: &AppState, message: &Message<'_>, bounce: bool) -> Option<i64> {
    let keys = &state.secrets;
    let returned = if bounce {
        returned_ids(message)
    } else {
        Vec::new()
    };
    let by_header = ids(message.in_reply_to())
        .into_iter()
        .chain(ids(message.references()))
        .chain(returned)
        .filter_map(|id| address::parse_message_id(&id))
        .find(|(n, t)| token_matches(keys, *n, t))
        .map(|(n, _)| n);
    if by_header.is_some() {
        return by_header;
    }
    let support = state.settings.support_email.as_deref()?;
    let recipients = message
        .to()
        .into_iter()
        .chain(message.cc())
        .flat_map(|a| a.iter())
        .filter_map(|a| a.address())
        .map(str::to_owned)
        .chain(
            message
                .header_raw("Delivered-To")
                .map(|d| d.trim().to_owned()),
        );
    recipients
        .filter_map(|a| address::parse_reply_to(&a, support))
        .find(|(n, t)| token_matches(keys, *n, t))
        .map(|(n, _)| n)
}

/// What a mail's files become: those kept (checked), the uploads they were made from,
/// and a line for the agent on each one left out (a type the desk does not take, too
/// large, more than `desk.max_attachments`). A forwarded message is not a file.
struct MailFiles {
    kept: Vec<Prepared>,
    uploads: Vec<Upload>,
    left_out: Vec<String>,
}

/// More files than this in one mail are not even looked at.
const FILES_LOOKED_AT: usize = 50;

async fn files_of(state: &AppState, message: &Message<'_>) -> Result<MailFiles, IngestError> {
    let max = state.settings.desk.max_attachments;
    let mut left_out = Vec::new();
    let mut uploads = Vec::new();
    for part in message.attachments().filter(|p| !p.is_message()) {
        let name = attachments::display_name(part.attachment_name().unwrap_or("attachment"));
        if uploads.len() == FILES_LOOKED_AT {
            left_out.push(format!("{name}: more than {max} files in one mail"));
            continue;
        }
        uploads.push(Upload {
            field: None,
            name,
            bytes: part.contents().to_vec(),
        });
    }
    let mut files = MailFiles {
        kept: Vec::new(),
        uploads: Vec::new(),
        left_out: Vec::new(),
    };
    for (upload, checked) in attachments::prepare_each(state, uploads).await? {
        match checked {
            Ok(prepared) if files.kept.len() < max => {
                files.kept.push(prepared);
                files.uploads.push(upload);
            }
            Ok(_) => files.left_out.push(format!(
                "{}: more than {max} files in one mail",
                upload.name
            )),
            Err(e) => files.left_out.push(format!("{}: {e}", upload.name)),
        }
    }
    files.left_out.extend(left_out);
    Ok(files)
}

fn left_out_note(left_out: &[String]) -> Option<String> {
    (!left_out.is_empty()).then(|| {
        format!(
            "Files in the customer's mail that were not kept:\n- {}",
            left_out.join("\n- ")
        )
    })
}

fn text_of(message: &Message<'_>) -> String {
    message
        .body_text(0)
        .map(|t| keydesk_domain::helpdesk::plain_text::plain(&t))
        .unwrap_or_default()
}

/// Takes one raw message.
pub async fn ingest(state: &AppState, raw: &[u8]) -> Result<Ingested, IngestError> {
    let max = state.settings.desk.max_mail_mb * 1024 * 1024;
    if raw.len() > max {
        return Err(IngestError::Permanent(format!(
            "the message is {} bytes; at most {max} are taken",
            raw.len()
        )));
    }
    let message = MessageParser::default()
        .parse(raw)
        .ok_or_else(|| IngestError::Permanent("not a mail message".into()))?;
    let from = message
        .from()
        .and_then(|a| a.first())
        .and_then(|a| a.address())
        .map(str::to_owned)
        .ok_or_else(|| IngestError::Permanent("the message has no sender".into()))?;
    let kind = automatic::classify(message.headers_raw(), &from);
    let subject = keydesk_domain::helpdesk::plain_text::plain(message.subject().unwrap_or(""))
        .trim()
        .to_owned();
    let text = text_of(&message);
    let meta = RequestMeta::for_operator();
    let bounce = kind == Some(automatic::Automatic::Bounce);
    let request = match named_request(state, &message, bounce) {
        Some(n) => state.store.read().await?.desk_request(n).await?,
        None => None,
    };
    metrics::counter!("keydesk_desk_mail_in_total", "kind" => match (&request, kind) {
        (_, Some(automatic::Automatic::Bounce)) => "bounce",
        (_, Some(_)) => "automatic",
        (Some(_), None) => "reply",
        (None, None) => "new",
    })
    .increment(1);
    match (request, kind) {
        (Some(request), Some(kind)) => {
            let what = match kind {
                automatic::Automatic::Bounce => format!(
                    "Delivery to {} failed: the customer's address is not receiving our mail.",
                    request.email
                ),
                automatic::Automatic::AutoReply => {
                    format!("An automatic reply from {from} (recorded, not answered).")
                }
                automatic::Automatic::Bulk => format!("Bulk mail from {from} (recorded)."),
            };
            let mut uow = UnitOfWork::begin(state, &meta).await?;
            if bounce {
                uow.mark_desk_email_failing(request.id, Some(state.now()))
                    .await?;
            }
            note_in(&mut uow, state, &request, &format!("{what}\n\n{subject}")).await?;
            uow.commit().await?;
            Ok(Ingested::Recorded(Some(request.id)))
        }
        (None, Some(_)) => {
            tracing::info!(from = %from, "automatic mail recorded: nothing to answer");
            Ok(Ingested::Recorded(None))
        }
        (Some(request), None) if !request.email.eq_ignore_ascii_case(&from) => {
            let body = format!(
                "A mail from {from}, who is not the requester, kept aside (the customer does not see it):\n\n{subject}\n\n{}",
                quotes::strip(&text).reply
            );
            note(state, &meta, &request, &body).await?;
            Ok(Ingested::KeptAside(request.id))
        }
        (Some(request), None) => {
            let files = files_of(state, &message).await?;
            reply(state, &meta, &request, &from, &subject, &text, files).await
        }
        (None, None) => {
            let files = files_of(state, &message).await?;
            open(state, &meta, &from, &subject, &text, files).await
        }
    }
}

/// An internal note on the request.
async fn note(
    state: &AppState,
    meta: &RequestMeta,
    request: &DeskRequest,
    body: &str,
) -> Result<(), IngestError> {
    let mut uow = UnitOfWork::begin(state, meta).await?;
    note_in(&mut uow, state, request, body).await?;
    uow.commit().await?;
    Ok(())
}

async fn note_in(
    uow: &mut UnitOfWork<'_>,
    state: &AppState,
    request: &DeskRequest,
    body: &str,
) -> Result<(), IngestError> {
    uow.insert_desk_message(&NewDeskMessage {
        request_id: request.id,
        author_id: None,
        author: Author::System,
        public: false,
        body,
        now: state.now(),
    })
    .await?;
    Ok(())
}

/// The requester's reply: their own words added, the request back to open.
async fn reply(
    state: &AppState,
    meta: &RequestMeta,
    request: &DeskRequest,
    from: &str,
    subject: &str,
    text: &str,
    files: MailFiles,
) -> Result<Ingested, IngestError> {
    let stripped = quotes::strip(text);
    let body = if stripped.reply.is_empty() {
        subject.to_owned()
    } else {
        stripped.reply
    };
    // The files before the rows that name them (one left by a failure is swept).
    attachments::store_all(state, &files.kept).await?;
    let mut uow = UnitOfWork::begin(state, meta).await?;
    let current = uow
        .lock_desk_request(request.id)
        .await?
        .ok_or_else(|| IngestError::Permanent("the request is gone".into()))?;
    let next = match current.status.on_customer_reply() {
        OnCustomerReply::Becomes(status) => status,
        OnCustomerReply::FollowUp => {
            drop(uow);
            let body = format!(
                "A reply from {from} after the request was closed (the customer was not answered):\n\n{body}"
            );
            note(state, meta, request, &body).await?;
            return Ok(Ingested::KeptAside(request.id));
        }
    };
    if current.email_failing_since.is_some() {
        // They wrote in from it: the address works again.
        uow.mark_desk_email_failing(current.id, None).await?;
    }
    let message = uow
        .insert_desk_message(&NewDeskMessage {
            request_id: current.id,
            author_id: current.account_id,
            author: Author::Customer,
            public: true,
            body: &body,
            now: state.now(),
        })
        .await?;
    record_files(
        &mut uow,
        current.id,
        Some(message),
        &files.kept,
        state.now(),
    )
    .await?;
    if let Some(note) = left_out_note(&files.left_out) {
        note_in(&mut uow, state, &current, &note).await?;
    }
    let changes = Changes {
        status: Some(next),
        ..Changes::default()
    };
    let saved = change::save(
        &mut uow,
        &current,
        current.version,
        &changes,
        current.account_id,
    )
    .await?;
    change::message_event(&mut uow, &saved, current.account_id, "customer").await?;
    uow.commit().await?;
    Ok(Ingested::Added(current.id))
}

/// A new mail: a request in the configured category, waiting for its sender to confirm
/// the address (a From line proves nothing), throttled per sender like the form.
async fn open(
    state: &AppState,
    meta: &RequestMeta,
    from: &str,
    subject: &str,
    text: &str,
    files: MailFiles,
) -> Result<Ingested, IngestError> {
    let email = Email::parse(from).map_err(|_| IngestError::Permanent("bad sender".into()))?;
    let body = quotes::strip(text).reply;
    let subject: String = if subject.is_empty() {
        body.chars().take(60).collect()
    } else {
        subject
            .chars()
            .take(keydesk_domain::helpdesk::answers::SUBJECT_MAX)
            .collect()
    };
    let description: String = body
        .chars()
        .take(keydesk_domain::helpdesk::answers::DESCRIPTION_MAX)
        .collect();
    let key = format!(
        "mail-{}",
        keydesk_domain::identity::token::digest(&format!("{from}\n{subject}\n{description}"))
            .chars()
            .take(32)
            .collect::<String>()
    );
    let lang = if description
        .chars()
        .any(|c| ('\u{3040}'..='\u{30ff}').contains(&c) || ('\u{4e00}'..='\u{9fff}').contains(&c))
    {
        keydesk_domain::identity::language::Language::Ja
    } else {
        keydesk_domain::identity::language::Language::En
    };
    let received = intake::submit(
        state,
        meta,
        Requester::Visitor(email),
        NewRequest {
            category: state.settings.desk.mail_category.clone(),
            submission: keydesk_domain::helpdesk::answers::Submission {
                subject,
                description: if description.is_empty() {
                    "(empty)".into()
                } else {
                    description
                },
                ..Default::default()
            },
            uploads: files.uploads,
            idempotency_key: key,
            lang,
            strict: false,
            follow_up_of: None,
        },
    )
    .await?;
    if let Some(body) = left_out_note(&files.left_out) {
        let request = state
            .store
            .read()
            .await?
            .desk_request(received.number)
            .await?;
        if let Some(request) = request {
            note(state, meta, &request, &body).await?;
        }
    }
    Ok(Ingested::Opened(received.number))
}
