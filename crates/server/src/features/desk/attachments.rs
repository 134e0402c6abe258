//! Attachments as the desk takes them: decided by content, never by name — an image
//! (JPEG, PNG, WebP) is decoded and re-encoded without any metadata (phones put the
//! location in EXIF), a PDF is kept as sent once it reads as one; anything else is
//! refused, every file checked before any is stored.
use crate::config::DeskSettings;
use crate::error::{AppError, AppResult, AttachmentProblem, DeskError};
use crate::files::FileKey;
use crate::state::AppState;
use keydesk_photocheck::{IntakeError, IntakeLimits};
use sha2::{Digest, Sha256};

/// The file store's folder (local) or key prefix (S3) for desk attachments.
pub const AREA: &str = "attachments";

/// A file as the customer or agent sent it.
#[derive(Debug, Clone)]
pub struct Upload {
    /// The form's file field it was sent for; none: the general attachments.
    pub field: Option<String>,
    pub name: String,
    pub bytes: Vec<u8>,
}

/// A file checked and ready to be stored.
#[derive(Debug, Clone)]
pub struct Prepared {
    pub field: Option<String>,
    pub original_name: String,
    pub content_type: &'static str,
    pub bytes: Vec<u8>,
    pub sha256: String,
    /// Its name in the file store: random, so it says nothing and cannot be guessed.
    pub file_name: String,
}

fn refused(name: &str, problem: AttachmentProblem) -> AppError {
    DeskError::Attachment {
        name: name.to_owned(),
        problem,
    }
    .into()
}

/// The name as shown: its last path part, no control characters, at most 120 letters.
pub fn display_name(name: &str) -> String {
    let last = name.rsplit(['/', '\\']).next().unwrap_or_default();
    let clean: String = last.chars().filter(|c| !c.is_control()).take(120).collect();
    let clean = clean.trim().to_owned();
    if clean.is_empty() {
        "attachment".to_owned()
    } else {
        clean
    }
}

fn is_pdf(bytes: &[u8]) -> bool {
    bytes.starts_with(b"%PDF-")
}

/// A PDF's trailer is near its end: a file cut short has none.
fn pdf_is_whole(bytes: &[u8]) -> bool {
    let tail = &bytes[bytes.len().saturating_sub(2048)..];
    tail.windows(5).any(|w| w == b"%%EOF")
}

/// Checks one file and makes its stored form (CPU work: run it off the async threads).
pub fn prepare(upload: Upload, settings: &DeskSettings) -> AppResult<Prepared> {
    let name = display_name(&upload.name);
    let max = settings.max_attachment_mb * 1024 * 1024;
    if upload.bytes.is_empty() {
        return Err(refused(&name, AttachmentProblem::Empty));
    }
    if upload.bytes.len() > max {
        return Err(refused(
            &name,
            AttachmentProblem::TooLarge {
                max_mb: settings.max_attachment_mb,
            },
        ));
    }
    let (content_type, bytes, extension) = if is_pdf(&upload.bytes) {
        if !pdf_is_whole(&upload.bytes) {
            return Err(refused(&name, AttachmentProblem::Corrupt));
        }
        ("application/pdf", upload.bytes, "pdf")
    } else {
        let limits = IntakeLimits {
            max_bytes: max,
            // Screenshots and scans may be small; a decompression bomb still stops at
            // the header.
            min_side: 1,
            ..IntakeLimits::default()
        };
        let clean = keydesk_photocheck::clean_jpeg(&upload.bytes, &limits).map_err(|e| {
            let problem = match e {
                IntakeError::UnsupportedFormat { .. } => AttachmentProblem::Type,
                IntakeError::Empty => AttachmentProblem::Empty,
                IntakeError::TooLarge { .. } | IntakeError::TooManyPixels { .. } => {
                    AttachmentProblem::TooLarge {
                        max_mb: settings.max_attachment_mb,
                    }
                }
                _ => AttachmentProblem::Corrupt,
            };
            refused(&name, problem)
        })?;
        ("image/jpeg", clean, "jpg")
    };
    let sha256 = hex::encode(Sha256::digest(&bytes));
    let original_name = if extension == "jpg" {
        // It is a JPEG now, whatever it was: say so in the name the customer sees.
        match name.rsplit_once('.') {
            Some((stem, _)) if !stem.is_empty() => format!("{stem}.jpg"),
            _ => format!("{name}.jpg"),
        }
    } else {
        name
    };
    Ok(Prepared {
        field: upload.field,
        original_name,
        content_type,
        bytes,
        sha256,
        file_name: format!(
            "{}.{extension}",
            keydesk_domain::identity::token::generate()
        ),
    })
}

/// Checks every file (all of them before any is stored) on the blocking pool.
pub async fn prepare_all(state: &AppState, uploads: Vec<Upload>) -> AppResult<Vec<Prepared>> {
    let max = state.settings.desk.max_attachments;
    if uploads.len() > max {
        return Err(DeskError::TooManyAttachments { max }.into());
    }
    on_pool(state, uploads, prepare)
        .await?
        .into_iter()
        .collect()
}

/// Checks each file on its own (a mail's: one that cannot be kept must not cost the
/// others), on the blocking pool.
pub async fn prepare_each(
    state: &AppState,
    uploads: Vec<Upload>,
) -> AppResult<Vec<(Upload, AppResult<Prepared>)>> {
    on_pool(state, uploads, |u, settings| {
        let prepared = prepare(u.clone(), settings);
        (u, prepared)
    })
    .await
}

/// Runs `check` on each file on the photo pool's blocking threads (image decoding is
/// CPU work that must not starve the web server); nothing to check costs nothing.
async fn on_pool<T: Send + 'static>(
    state: &AppState,
    uploads: Vec<Upload>,
    check: impl Fn(Upload, &DeskSettings) -> T + Send + 'static,
) -> AppResult<Vec<T>> {
    if uploads.is_empty() {
        return Ok(Vec::new());
    }
    let settings = state.settings.desk.clone();
    let permit = state
        .photo_pool
        .clone()
        .acquire_owned()
        .await
        .map_err(|e| AppError::Internal(e.into()))?;
    tokio::task::spawn_blocking(move || {
        let _permit = permit;
        uploads.into_iter().map(|u| check(u, &settings)).collect()
    })
    .await
    .map_err(|e| AppError::Internal(e.into()))
}

pub fn key(file_name: &str) -> AppResult<FileKey> {
    FileKey::new(AREA, file_name).map_err(|e| AppError::Internal(e.into()))
}

/// Writes the files, durably, before the rows that will point at them (a row never
/// names a missing file; a file without a row is swept).
pub async fn store_all(state: &AppState, files: &[Prepared]) -> AppResult<()> {
    for file in files {
        state
            .files
            .put(&key(&file.file_name)?, file.bytes.clone().into())
            .await
            .map_err(|e| AppError::Internal(e.into()))?;
    }
    Ok(())
}

/// A file no row points at is swept once it is this old.
const ORPHAN_GRACE_SECONDS: i64 = 3600;

pub async fn sweep_orphans(state: &AppState) -> anyhow::Result<usize> {
    let cutoff = state.now() - ORPHAN_GRACE_SECONDS;
    state
        .files
        .sweep_orphans(AREA, cutoff, |key| async move {
            state
                .store
                .read()
                .await?
                .desk_attachment_file_known(key.name())
                .await
        })
        .await
}

/// Deletes the attachments of requests closed more than
/// `desk.closed_attachments_retention_days` ago (off when unset): the rows first, in
/// one transaction per batch, then their files (a file left by a failure is an orphan,
/// swept). How many.
pub async fn purge_closed(state: &AppState) -> anyhow::Result<usize> {
    let Some(days) = state.settings.desk.closed_attachments_retention_days else {
        return Ok(0);
    };
    let before = state.now() - days * 86_400;
    let mut total = 0;
    loop {
        let mut tx = state.store.begin().await?;
        let names = tx.delete_closed_desk_attachments(before, 200).await?;
        tx.commit().await?;
        for name in &names {
            if let Err(e) = state.files.delete(&key(name)?).await {
                tracing::warn!(error = %e, "an expired attachment's file stays for the orphan sweep");
            }
        }
        total += names.len();
        if names.len() < 200 {
            return Ok(total);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn upload(name: &str, bytes: &[u8]) -> Upload {
        Upload {
            field: None,
            name: name.into(),
            bytes: bytes.to_vec(),
        }
    }

    fn code(r: AppResult<Prepared>) -> &'static str {
        r.unwrap_err().code()
    }

    #[test]
    fn a_file_is_judged_by_its_content_not_its_name() {
        let s = DeskSettings::default();
        assert_eq!(
            code(prepare(upload("a.jpg", b""), &s)),
            "desk_attachment_empty"
        );
        assert_eq!(
            code(prepare(
                upload("setup.jpg", b"MZ\x90\x00\x03\x00\x00\x00"),
                &s
            )),
            "desk_attachment_type"
        );
        assert_eq!(
            code(prepare(upload("cut.pdf", b"%PDF-1.7\n1 0 obj"), &s)),
            "desk_attachment_corrupt"
        );
        assert_eq!(
            code(prepare(
                upload("broken.jpg", b"\xFF\xD8\xFF\xE0garbage"),
                &s
            )),
            "desk_attachment_corrupt"
        );
        let pdf = prepare(upload("../../etc/明細.pdf", b"%PDF-1.4\n...\n%%EOF\n"), &s).unwrap();
        assert_eq!(pdf.content_type, "application/pdf");
        assert_eq!(pdf.original_name, "明細.pdf");
        assert!(pdf.file_name.ends_with(".pdf") && !pdf.file_name.contains("明細"));
        let small = DeskSettings {
            max_attachment_mb: 1,
            ..DeskSettings::default()
        };
        let big = vec![b'%'; 1024 * 1024 + 1];
        assert_eq!(
            code(prepare(upload("big.pdf", &big), &small)),
            "desk_attachment_too_large"
        );
    }

    #[test]
    fn names_are_shown_without_paths_or_control_characters() {
        assert_eq!(display_name("C:\\Users\\x\\scan\u{0007}.png"), "scan.png");
        assert_eq!(display_name("  "), "attachment");
        assert_eq!(display_name(&"あ".repeat(300)).chars().count(), 120);
    }
}
