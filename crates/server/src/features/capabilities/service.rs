//! What an account may do now (the domain's rule over its tier, its verification case
//! and its holds), for the account page and the exchange's other services alike.
use crate::error::AppResult;
use crate::state::AppState;
use keydesk_domain::capability::{self, Answer, Standing};
use keydesk_domain::verification::case::CaseStatus;
use keydesk_store::models::Account;

/// What the account may do now, and the holds in force (one read of the store).
pub struct Capabilities {
    pub answers: Vec<Answer>,
    pub holds: Vec<keydesk_domain::capability::hold::Hold>,
}

pub async fn of_account(state: &AppState, account: &Account) -> AppResult<Capabilities> {
    let now = state.now();
    let mut tx = state.store.read().await?;
    let holds: Vec<_> = tx
        .holds_of_account(account.id)
        .await?
        .into_iter()
        .map(|row| row.hold)
        .collect();
    let case_in_review = tx
        .verification_case_of_account(account.id)
        .await?
        .is_some_and(|c| matches!(c.case.status, CaseStatus::Submitted | CaseStatus::InReview));
    drop(tx);
    let standing = Standing {
        tier: account.tier,
        case_in_review,
    };
    let answers = capability::answer(&state.settings.tiers, standing, &holds, now);
    Ok(Capabilities {
        answers,
        holds: holds.into_iter().filter(|h| h.is_active(now)).collect(),
    })
}
