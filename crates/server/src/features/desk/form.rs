//! A desk form as the browser sends it (multipart, so it can carry files): its text
//! fields by name, and its files, each read up to the desk's size limit and no further.
use super::attachments::{display_name, Upload};
use crate::config::DeskSettings;
use crate::error::{AppError, AppResult, AttachmentProblem, DeskError};
use axum::extract::multipart::{MultipartError, MultipartRejection};
use axum::extract::Multipart;
use axum::http::StatusCode;
use std::collections::BTreeMap;

/// The largest body a desk form may have: every attachment at its largest, and the text.
pub const BODY_LIMIT: usize = 10 * 20 * 1024 * 1024 + 1024 * 1024;

/// Longest text a single field may carry (the form's own limits are checked later).
const TEXT_LIMIT: usize = 64 * 1024;

#[derive(Debug, Default)]
pub struct SentForm {
    pub fields: BTreeMap<String, String>,
    pub uploads: Vec<Upload>,
}

impl SentForm {
    pub fn text(&self, name: &str) -> String {
        self.fields.get(name).cloned().unwrap_or_default()
    }

    /// The request form's own fields, by their keys (their inputs are `f-<key>`).
    pub fn answers(&self) -> BTreeMap<String, String> {
        self.fields
            .iter()
            .filter_map(|(k, v)| k.strip_prefix("f-").map(|k| (k.to_owned(), v.clone())))
            .collect()
    }
}

fn unreadable(e: MultipartError) -> AppError {
    if e.status() == StatusCode::PAYLOAD_TOO_LARGE {
        AppError::TooLarge
    } else {
        AppError::BadRequest(format!("the form could not be read: {}", e.body_text()))
    }
}

/// Reads the form. A file input left empty sends a part without a name and bytes: it is
/// no attachment. Files of a `file:<key>` input belong to that form field; any other
/// file input's are general attachments. A file over the limit is an error, returned
/// with what else the form carried (so the page can show it again).
pub async fn read(
    multipart: Result<Multipart, MultipartRejection>,
    settings: &DeskSettings,
) -> AppResult<SentForm> {
    let (form, refused) = read_all(multipart, settings).await?;
    match refused {
        Some(e) => Err(e),
        None => Ok(form),
    }
}

/// [`read`], with the form read to its end even when a file is refused.
pub async fn read_all(
    multipart: Result<Multipart, MultipartRejection>,
    settings: &DeskSettings,
) -> AppResult<(SentForm, Option<AppError>)> {
    let mut multipart = multipart.map_err(|e| {
        AppError::BadRequest(format!("the form could not be read: {}", e.body_text()))
    })?;
    let max = settings.max_attachment_mb * 1024 * 1024;
    let mut form = SentForm::default();
    let mut refused = None;
    while let Some(mut field) = multipart.next_field().await.map_err(unreadable)? {
        let name = field.name().unwrap_or_default().to_owned();
        if let Some(file_name) = field.file_name().map(str::to_owned) {
            let mut bytes = Vec::new();
            let mut size = 0;
            while let Some(chunk) = field.chunk().await.map_err(unreadable)? {
                size += chunk.len();
                if size > max {
                    // Read past, kept nowhere.
                    bytes = Vec::new();
                    continue;
                }
                bytes.extend_from_slice(&chunk);
            }
            if size > max {
                refused.get_or_insert(AppError::from(DeskError::Attachment {
                    name: display_name(&file_name),
                    problem: AttachmentProblem::TooLarge {
                        max_mb: settings.max_attachment_mb,
                    },
                }));
                continue;
            }
            if file_name.is_empty() && bytes.is_empty() {
                continue;
            }
            let field_key = name.strip_prefix("file:").map(str::to_owned);
            form.uploads.push(Upload {
                field: field_key,
                name: file_name,
                bytes,
            });
        } else {
            let text = field.text().await.map_err(unreadable)?;
            if text.len() > TEXT_LIMIT {
                return Err(AppError::TooLarge);
            }
            // A checkbox group would send a name twice; the desk's forms have none.
            form.fields.insert(name, text);
        }
    }
    Ok((form, refused))
}
