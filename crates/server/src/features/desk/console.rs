//! The agents' console: the views (unassigned, mine, all open, pending, by category,
//! recently solved) paged by keyset with their counts, one request with the customer's
//! account beside it, and the agent's change — a public reply or an internal note, and
//! status, priority, assignee and category — saved in one action from the version the
//! agent saw.
use super::attachments::{self, Upload};
use super::change::{self, Changes};
use super::macros::{self, Placeholders};
use super::{intake, notify};
use crate::auth::Viewer;
use crate::error::{AppError, AppResult, DeskError};
use crate::mail::MailKind;
use crate::state::AppState;
use crate::usecase::{Audit, RequestMeta, UnitOfWork};
use keydesk_domain::audit::AuditKind;
use keydesk_domain::helpdesk::priority::Priority;
use keydesk_domain::helpdesk::status::Status;
use keydesk_store::models::{
    Account, AssigneeFilter, AuditEvent, Author, DeskAttachment, DeskCursor, DeskEvent, DeskFilter,
    DeskMacro, DeskMessage, DeskQueue, DeskRequest, DeskSort, FactorStatus, NewDeskMessage,
};
use tracing::instrument;

pub const PAGE: i64 = 50;
/// A view's count is exact up to this; above it the console shows "10000+" (a queue that
/// long is not counted one by one on every page).
pub const COUNT_CAP: i64 = 10_000;

/// An agents' view.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum View {
    Unassigned,
    Mine,
    Open,
    Pending,
    Category(String),
    Solved,
}

impl View {
    pub const FIXED: [View; 5] = [
        View::Unassigned,
        View::Mine,
        View::Open,
        View::Pending,
        View::Solved,
    ];

    pub fn parse(s: &str) -> Option<View> {
        Some(match s {
            "unassigned" => View::Unassigned,
            "mine" => View::Mine,
            "open" => View::Open,
            "pending" => View::Pending,
            "solved" => View::Solved,
            _ => View::Category(s.strip_prefix("category:")?.to_owned()),
        })
    }

    pub fn key(&self) -> String {
        match self {
            View::Unassigned => "unassigned".into(),
            View::Mine => "mine".into(),
            View::Open => "open".into(),
            View::Pending => "pending".into(),
            View::Solved => "solved".into(),
            View::Category(c) => format!("category:{c}"),
        }
    }

    pub fn filter(&self, agent: i64) -> DeskFilter<'_> {
        let unsolved = DeskFilter {
            queue: Some(DeskQueue::Unsolved),
            status: None,
            assignee: AssigneeFilter::Any,
            category: None,
        };
        match self {
            View::Unassigned => DeskFilter {
                assignee: AssigneeFilter::Nobody,
                ..unsolved
            },
            View::Mine => DeskFilter {
                assignee: AssigneeFilter::Agent(agent),
                ..unsolved
            },
            View::Open => unsolved,
            View::Pending => DeskFilter {
                queue: None,
                status: Some(Status::Pending),
                ..unsolved
            },
            View::Category(c) => DeskFilter {
                category: Some(c),
                ..unsolved
            },
            View::Solved => DeskFilter {
                queue: Some(DeskQueue::Solved),
                ..unsolved
            },
        }
    }
}

/// A cursor as the page carries it: `<key>.<id>`.
pub fn parse_cursor(s: &str) -> Option<DeskCursor> {
    let (key, id) = s.split_once('.')?;
    Some(DeskCursor {
        key: key.parse().ok()?,
        id: id.parse().ok()?,
    })
}

pub fn format_cursor(sort: DeskSort, last: &DeskRequest) -> String {
    match sort {
        DeskSort::UpdatedNewest => format!("{}.{}", last.updated_at, last.id),
        DeskSort::CreatedOldest => format!("0.{}", last.id),
        DeskSort::SlaDue => format!("{}.{}", last.sla_due_at.unwrap_or(0), last.id),
    }
}

pub struct Page {
    pub requests: Vec<DeskRequest>,
    /// Where the next page starts; none: this is the last.
    pub next: Option<String>,
    /// Each fixed view's count, in [`View::FIXED`]'s order.
    /// Each fixed view's count, up to [`COUNT_CAP`] + 1.
    pub counts: Vec<(View, i64)>,
}

pub async fn list(
    state: &AppState,
    agent: &Viewer,
    view: &View,
    sort: DeskSort,
    cursor: Option<DeskCursor>,
) -> AppResult<Page> {
    let mut tx = state.store.read().await?;
    let mut requests = tx
        .desk_view(&view.filter(agent.account.id), sort, cursor, PAGE + 1)
        .await?;
    let next = if requests.len() as i64 > PAGE {
        requests.truncate(PAGE as usize);
        requests.last().map(|last| format_cursor(sort, last))
    } else {
        None
    };
    let mut counts = Vec::new();
    for v in View::FIXED {
        let n = tx
            .desk_view_count(&v.filter(agent.account.id), COUNT_CAP + 1)
            .await?;
        counts.push((v, n));
    }
    Ok(Page {
        requests,
        next,
        counts,
    })
}

/// Who the customer is, beside their request.
pub struct AccountContext {
    pub account: Account,
    pub two_factor: bool,
    pub recovery_codes_left: usize,
    pub recent_events: Vec<AuditEvent>,
    /// The holds in force now.
    pub holds: Vec<keydesk_store::models::HoldRow>,
}

pub struct AgentView {
    pub request: DeskRequest,
    pub messages: Vec<DeskMessage>,
    pub attachments: Vec<DeskAttachment>,
    pub history: Vec<DeskEvent>,
    pub account: Option<AccountContext>,
    pub other_requests: Vec<DeskRequest>,
    pub staff: Vec<Account>,
    pub macros: Vec<DeskMacro>,
    /// The verification case worked in this request, if it is one.
    pub verification_case: Option<i64>,
    /// The 2FA reset case worked in this request, if it is one.
    pub reset_case: Option<i64>,
}

pub async fn view(state: &AppState, id: i64) -> AppResult<AgentView> {
    let mut tx = state.store.read().await?;
    let request = tx.desk_request(id).await?.ok_or(AppError::NotFound)?;
    let messages = tx.desk_messages(id).await?;
    let attachments = tx.desk_attachments(id).await?;
    let history = tx.desk_events(id, 0).await?;
    let account = match request.account_id {
        Some(account_id) => match tx.account_by_id(account_id).await? {
            Some(account) => Some(AccountContext {
                holds: tx
                    .holds_of_account(account_id)
                    .await?
                    .into_iter()
                    .filter(|h| h.hold.is_active(state.now()))
                    .collect(),
                two_factor: tx.factor(account_id, FactorStatus::Active).await?.is_some(),
                recovery_codes_left: tx.unused_recovery_codes(account_id).await?.len(),
                recent_events: tx.audit_of_account(account_id, 10).await?,
                account,
            }),
            None => None,
        },
        None => None,
    };
    let mut other_requests = match request.account_id {
        Some(account_id) => tx.desk_requests_of_account(account_id, 11).await?,
        None => tx.desk_requests_by_email(&request.email, 11).await?,
    };
    other_requests.retain(|r| r.id != id);
    other_requests.truncate(10);
    let staff = tx.staff_accounts().await?;
    let macros = tx.desk_macros().await?;
    let verification_case = tx.verification_case_of_request(id).await?.map(|c| c.id);
    let reset_case = tx.twofactor_reset_of_request(id).await?.map(|c| c.id);
    Ok(AgentView {
        verification_case,
        reset_case,
        request,
        messages,
        attachments,
        history,
        account,
        other_requests,
        staff,
        macros,
    })
}

/// A status or priority as an agent sent it (a stored name); none or empty: left as it
/// is. The console's form and the API read them alike.
pub fn chosen<T>(
    raw: Option<&str>,
    what: &str,
    parse: fn(&str) -> Option<T>,
) -> AppResult<Option<T>> {
    match raw.map(str::trim).filter(|s| !s.is_empty()) {
        None => Ok(None),
        Some(s) => parse(s).map(Some).ok_or_else(|| {
            AppError::BadRequest(format!("{what} is not one of the allowed values"))
        }),
    }
}

/// An agent's one action on a request.
#[derive(Debug, Default)]
pub struct AgentUpdate {
    /// The version the agent's page showed.
    pub seen_version: i64,
    pub body: String,
    /// A public reply (mailed to the customer) or an internal note.
    pub public: bool,
    pub macro_id: Option<i64>,
    pub status: Option<Status>,
    pub priority: Option<Priority>,
    pub assignee: Option<Option<i64>>,
    pub category: Option<String>,
    pub uploads: Vec<Upload>,
}

#[instrument(skip_all, err(Debug, level = "info"))]
pub async fn update(
    state: &AppState,
    meta: &RequestMeta,
    agent: &Viewer,
    id: i64,
    mut update: AgentUpdate,
) -> AppResult<DeskRequest> {
    let request = state
        .store
        .read()
        .await?
        .desk_request(id)
        .await?
        .ok_or(AppError::NotFound)?;
    if request.status == Status::Closed {
        return Err(
            DeskError::Status(keydesk_domain::helpdesk::status::StatusError::Closed).into(),
        );
    }
    if !request.confirmed {
        // Not in any queue yet: the visitor has not confirmed the address.
        return Err(AppError::NotFound);
    }
    let mut body = keydesk_domain::helpdesk::plain_text::plain(&update.body)
        .trim()
        .to_owned();
    if let Some(macro_id) = update.macro_id {
        let m = state
            .store
            .read()
            .await?
            .desk_macro(macro_id)
            .await?
            .ok_or_else(|| DeskError::Macro("no such macro".into()))?;
        // In the customer's language, whatever the agent's.
        let text = macros::render(
            macros::body_for(&m, request.lang),
            &Placeholders::for_request(state, &request, agent),
        )
        .map_err(DeskError::Macro)?;
        body = if body.is_empty() {
            text
        } else {
            format!("{text}\n\n{body}")
        };
        update.public = true;
        if update.status.is_none() {
            update.status = m.set_status;
        }
    }
    if body.chars().count() > keydesk_domain::helpdesk::answers::DESCRIPTION_MAX {
        return Err(DeskError::EmptyReply.into());
    }
    let replied = update.public && !body.is_empty();
    let status = request
        .status
        .after_agent(update.status, replied)
        .map_err(DeskError::Status)?;
    if let Some(Some(assignee)) = update.assignee {
        let mut tx = state.store.read().await?;
        let staff = tx
            .account_by_id(assignee)
            .await?
            .is_some_and(|a| a.role.is_staff());
        if !staff {
            return Err(DeskError::UnknownAssignee.into());
        }
    }
    if let Some(category) = &update.category {
        if state.categories.current().category(category).is_none() {
            return Err(DeskError::UnknownCategory.into());
        }
    }
    let unchanged = body.is_empty()
        && update.uploads.is_empty()
        && status == request.status
        && update.priority.is_none_or(|p| p == request.priority)
        && update.assignee.is_none_or(|a| a == request.assignee_id)
        && update
            .category
            .as_ref()
            .is_none_or(|c| *c == request.category);
    if unchanged {
        // Saving nothing must not make every other agent's page stale.
        return Ok(request);
    }
    let uploads = std::mem::take(&mut update.uploads)
        .into_iter()
        .map(|u| Upload { field: None, ..u })
        .collect::<Vec<_>>();
    if !uploads.is_empty() && body.is_empty() {
        return Err(DeskError::EmptyReply.into());
    }
    let files = attachments::prepare_all(state, uploads).await?;
    attachments::store_all(state, &files).await?;
    let mut uow = UnitOfWork::begin(state, meta).await?;
    let current = uow.lock_desk_request(id).await?.ok_or(AppError::NotFound)?;
    let changes = Changes {
        status: Some(status),
        priority: update.priority,
        assignee: update.assignee,
        category: update.category.clone(),
        quiet: false,
    };
    let saved = change::save(
        &mut uow,
        &current,
        update.seen_version,
        &changes,
        Some(agent.account.id),
    )
    .await?;
    if !body.is_empty() {
        let now = state.now();
        let message = uow
            .insert_desk_message(&NewDeskMessage {
                request_id: id,
                author_id: Some(agent.account.id),
                author: Author::Agent,
                public: update.public,
                body: &body,
                now,
            })
            .await?;
        intake::record_files(&mut uow, id, Some(message), &files, now).await?;
        let kind = if update.public { "public" } else { "internal" };
        change::message_event(&mut uow, &saved, Some(agent.account.id), kind).await?;
        if update.public {
            notify::mail_customer(
                &mut uow,
                &saved,
                MailKind::DeskReply,
                &[("reply", body.clone())],
                false,
            )
            .await?;
        }
    }
    uow.commit().await?;
    Ok(saved)
}

/// Records an agent opening a customer's attachment.
pub async fn audit_staff_view(
    state: &AppState,
    meta: &RequestMeta,
    agent: &Viewer,
    request: &DeskRequest,
    file: &DeskAttachment,
) -> AppResult<()> {
    let mut uow = UnitOfWork::begin(state, meta).await?;
    let detail = serde_json::json!({ "request": request.id, "attachment": file.id });
    let event = match request.account_id {
        Some(owner) => Audit::by(
            AuditKind::AttachmentViewedByStaff,
            Some(agent.account.id),
            owner,
        ),
        // A visitor has no account: the agent's own trail holds it.
        None => Audit::operator(AuditKind::AttachmentViewedByStaff, agent.account.id),
    };
    uow.audit(event.detail(detail)).await?;
    uow.commit().await?;
    Ok(())
}
