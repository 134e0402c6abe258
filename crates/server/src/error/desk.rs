//! What goes wrong at the help desk: a form with problems (each named by its field), an
//! attachment refused before anything is stored, a change made on a stale view.
use axum::http::StatusCode;
use keydesk_domain::helpdesk::answers::FieldError;
use keydesk_domain::helpdesk::status::StatusError;

/// Why one attached file was refused.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum AttachmentProblem {
    Empty,
    TooLarge {
        max_mb: usize,
    },
    /// Not an image (JPEG, PNG, WebP) nor a PDF, whatever its name says.
    Type,
    /// It says it is one but does not read as one.
    Corrupt,
}

/// A change in the history an agent had not seen, for the "changed since" message.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct Change {
    pub field: String,
    pub old_value: Option<String>,
    pub new_value: Option<String>,
}

#[derive(Debug, thiserror::Error)]
pub enum DeskError {
    #[error("no such category")]
    UnknownCategory,
    #[error("the form has problems: {}", describe(.0))]
    Form(Vec<FieldError>),
    #[error("attachment {name:?} refused: {problem:?}")]
    Attachment {
        name: String,
        problem: AttachmentProblem,
    },
    #[error("at most {max} attachments")]
    TooManyAttachments { max: usize },
    #[error("this request changed since you opened it")]
    Stale(Vec<Change>),
    #[error("{0}")]
    Status(#[from] StatusError),
    #[error("the confirmation link is not valid (used already, or mistyped)")]
    ConfirmLink,
    #[error("the reply is empty")]
    EmptyReply,
    #[error("the assignee is not an agent")]
    UnknownAssignee,
    #[error("the macro cannot be used: {0}")]
    Macro(String),
    #[error("the webhook URL must be https (or http on loopback) and the events known: {0}")]
    Webhook(String),
    #[error("this solve can no longer be rated: the request was reopened or has closed")]
    RatingClosed,
    #[error("the comment is too long")]
    RatingComment,
    #[error("a rating is good or bad")]
    RatingScore,
}

fn describe(errors: &[FieldError]) -> String {
    errors
        .iter()
        .map(|e| format!("{} {}", e.field, e.problem.code()))
        .collect::<Vec<_>>()
        .join(", ")
}

impl DeskError {
    pub fn code(&self) -> &'static str {
        match self {
            DeskError::UnknownCategory => "desk_unknown_category",
            DeskError::Form(_) => "desk_form_invalid",
            DeskError::Attachment { problem, .. } => match problem {
                AttachmentProblem::Empty => "desk_attachment_empty",
                AttachmentProblem::TooLarge { .. } => "desk_attachment_too_large",
                AttachmentProblem::Type => "desk_attachment_type",
                AttachmentProblem::Corrupt => "desk_attachment_corrupt",
            },
            DeskError::TooManyAttachments { .. } => "desk_attachments_too_many",
            DeskError::Stale(_) => "desk_request_changed",
            DeskError::Status(StatusError::Closed) => "desk_request_closed",
            DeskError::Status(_) => "desk_status_refused",
            DeskError::ConfirmLink => "desk_confirm_invalid",
            DeskError::EmptyReply => "desk_reply_empty",
            DeskError::UnknownAssignee => "desk_unknown_assignee",
            DeskError::Macro(_) => "desk_macro_invalid",
            DeskError::Webhook(_) => "desk_webhook_invalid",
            DeskError::RatingClosed => "desk_rating_closed",
            DeskError::RatingComment => "desk_rating_comment_too_long",
            DeskError::RatingScore => "desk_rating_score",
        }
    }

    pub fn status(&self) -> StatusCode {
        match self {
            DeskError::UnknownCategory => StatusCode::NOT_FOUND,
            // Used, expired or cut short: the link is gone for good.
            DeskError::ConfirmLink => StatusCode::GONE,
            DeskError::Attachment {
                problem: AttachmentProblem::TooLarge { .. },
                ..
            } => StatusCode::PAYLOAD_TOO_LARGE,
            DeskError::Stale(_)
            | DeskError::Status(StatusError::Closed)
            | DeskError::RatingClosed => StatusCode::CONFLICT,
            _ => StatusCode::UNPROCESSABLE_ENTITY,
        }
    }

    /// The placeables of its message (`error-<code>` in the customer's language).
    pub fn args(&self) -> Vec<(&'static str, String)> {
        match self {
            DeskError::Attachment { name, problem } => {
                let mut args = vec![("name", name.clone())];
                if let AttachmentProblem::TooLarge { max_mb } = problem {
                    args.push(("max", max_mb.to_string()));
                }
                args
            }
            DeskError::TooManyAttachments { max } => vec![("max", max.to_string())],
            _ => vec![],
        }
    }

    pub fn field(&self) -> Option<&'static str> {
        match self {
            DeskError::Attachment { .. } | DeskError::TooManyAttachments { .. } => {
                Some("attachments")
            }
            DeskError::EmptyReply => Some("body"),
            DeskError::RatingComment => Some("comment"),
            DeskError::RatingScore => Some("score"),
            _ => None,
        }
    }
}
