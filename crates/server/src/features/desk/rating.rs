//! Satisfaction ratings. The solved mail and the customer's request page link to a page
//! where the requester rates that solve good or bad, with a comment if they like: one
//! rating per solve (a request reopened and solved again is rated again), changed as
//! often as they like while it stays solved. The link carries a MAC of the request's
//! number and the solve's time under the server's key, so it works signed out, names
//! that one solve, and nothing replayable is stored. Opening the link changes nothing
//! (a mail scanner follows links); the page's button does.
use super::notify;
use crate::error::{AppError, AppResult};
use crate::keys::Keyring;
use crate::state::AppState;
use crate::usecase::{RequestMeta, UnitOfWork};
use keydesk_domain::helpdesk::status::Status;
use keydesk_store::models::{DeskEvent, DeskRequest, NewDeskRating, RatingTally};

const PURPOSE: &str = "desk-rating-token";

/// At most this many characters of comment are kept.
pub const COMMENT_MAX: usize = 2000;

pub fn token(keys: &Keyring, number: i64, solved_at: i64) -> String {
    let mac = keys
        .current()
        .mac(PURPOSE, &[&number.to_be_bytes(), &solved_at.to_be_bytes()]);
    data_encoding::BASE32_NOPAD
        .encode(&mac[..15])
        .to_ascii_lowercase()
}

fn token_matches(keys: &Keyring, number: i64, solved_at: i64, sent: &str) -> bool {
    let expected = token(keys, number, solved_at);
    subtle::ConstantTimeEq::ct_eq(expected.as_bytes(), sent.as_bytes()).into()
}

/// The rating page of the request's current solve (`score`: the answer it opens with).
pub fn url(state: &AppState, request: &DeskRequest, score: Option<&str>) -> String {
    let solve = request.status_since;
    let token = token(&state.secrets, request.id, solve);
    let score = score.map(|s| format!("&score={s}")).unwrap_or_default();
    format!(
        "{}/requests/{}/rating?solve={solve}&token={token}{score}",
        state.public_url(),
        request.id
    )
}

/// When the request was solved at `solve` (its history says so) and is solved still,
/// the request; else why not.
fn solve_of(request: &DeskRequest, history: &[DeskEvent], solve: i64) -> AppResult<()> {
    let solved_then = history.iter().any(|e| {
        e.field == "status" && e.new_value.as_deref() == Some("solved") && e.created_at == solve
    });
    if !solved_then {
        return Err(AppError::NotFound);
    }
    if request.status != Status::Solved || request.status_since != solve {
        return Err(crate::error::DeskError::RatingClosed.into());
    }
    Ok(())
}

/// The request a rating link names, checked: the token, and that solve current.
pub async fn checked(
    state: &AppState,
    number: i64,
    solve: i64,
    sent_token: &str,
) -> AppResult<DeskRequest> {
    if !token_matches(&state.secrets, number, solve, sent_token) {
        return Err(AppError::NotFound);
    }
    let mut tx = state.store.read().await?;
    let request = tx.desk_request(number).await?.ok_or(AppError::NotFound)?;
    let history = tx.desk_events(number, 0).await?;
    solve_of(&request, &history, solve)?;
    Ok(request)
}

/// Records (or changes) the rating of the solve the link names.
pub async fn rate(
    state: &AppState,
    meta: &RequestMeta,
    number: i64,
    solve: i64,
    sent_token: &str,
    good: bool,
    comment: &str,
) -> AppResult<DeskRequest> {
    let comment = comment.trim();
    if comment.chars().count() > COMMENT_MAX {
        return Err(crate::error::DeskError::RatingComment.into());
    }
    checked(state, number, solve, sent_token).await?;
    let mut uow = UnitOfWork::begin(state, meta).await?;
    let request = uow
        .lock_desk_request(number)
        .await?
        .ok_or(AppError::NotFound)?;
    let history = uow.desk_events(number, 0).await?;
    solve_of(&request, &history, solve)?;
    uow.rate_desk_solve(&NewDeskRating {
        request_id: number,
        solved_at: solve,
        agent_id: request.assignee_id,
        category: &request.category,
        good,
        comment: (!comment.is_empty()).then_some(comment),
        now: state.now(),
    })
    .await?;
    notify::webhooks(
        &mut uow,
        keydesk_domain::helpdesk::webhook::Event::RequestUpdated,
        &request,
    )
    .await?;
    uow.commit().await?;
    Ok(request)
}

/// One line of the report: an agent (none: unassigned) in a category.
pub struct ReportLine {
    pub agent: String,
    pub category: String,
    pub good: i64,
    pub bad: i64,
}

impl ReportLine {
    /// Good ratings as a share of all, in whole percent.
    pub fn percent_good(&self) -> i64 {
        let all = self.good + self.bad;
        if all == 0 {
            0
        } else {
            (self.good * 100 + all / 2) / all
        }
    }
}

/// The ratings given in the last `days`, per agent and category, with totals per agent
/// (category "") first.
pub async fn report(state: &AppState, days: i64) -> AppResult<Vec<ReportLine>> {
    let now = state.now();
    let mut tx = state.store.read().await?;
    let tallies: Vec<RatingTally> = tx.desk_rating_tallies(now - days * 86_400, now + 1).await?;
    let staff = tx.staff_accounts().await?;
    let name = |id: Option<i64>| {
        id.and_then(|id| staff.iter().find(|s| s.id == id))
            .map(|s| s.email.clone())
            .unwrap_or_default()
    };
    let mut lines = Vec::new();
    let mut agents: Vec<Option<i64>> = tallies.iter().map(|t| t.agent_id).collect();
    agents.dedup();
    for agent in agents {
        let of_agent: Vec<&RatingTally> = tallies.iter().filter(|t| t.agent_id == agent).collect();
        lines.push(ReportLine {
            agent: name(agent),
            category: String::new(),
            good: of_agent.iter().map(|t| t.good).sum(),
            bad: of_agent.iter().map(|t| t.bad).sum(),
        });
        lines.extend(of_agent.iter().map(|t| ReportLine {
            agent: name(agent),
            category: t.category.clone(),
            good: t.good,
            bad: t.bad,
        }));
    }
    Ok(lines)
}
