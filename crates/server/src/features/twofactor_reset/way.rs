//! Which way a customer who lost their authenticator proves it is them: an ID selfie
//! against the document the account was verified with, three of four personal facts
//! where no document is on file, or support where the account gave nothing to match.
use crate::error::AppResult;
use crate::features::verification::facts;
use crate::state::AppState;
use keydesk_domain::capability::tier::Tier;
use keydesk_domain::verification::case::AttemptOutcome;
use keydesk_domain::verification::facts::BasicFacts;
use keydesk_store::models::{Account, VerificationAttempt};

/// The document on file: the approved verification attempt.
pub struct OnFile {
    pub attempt: VerificationAttempt,
    /// Its images' ids (shown to the agent beside the selfie).
    pub image_ids: Vec<i64>,
    /// The document keeps the current address apart from the name: the reset asks for
    /// the address side as well.
    pub address_side_needed: bool,
}

pub enum Way {
    Selfie(Box<OnFile>),
    Facts(Box<BasicFacts>),
    /// Nothing on file to match: the customer writes to support.
    Support,
}

impl Way {
    pub fn name(&self) -> &'static str {
        match self {
            Way::Selfie(_) => "selfie",
            Way::Facts(_) => "facts",
            Way::Support => "support",
        }
    }
}

pub async fn on_file(state: &AppState, account_id: i64) -> AppResult<Option<OnFile>> {
    let mut tx = state.store.read().await?;
    let Some(case) = tx.verification_case_of_account(account_id).await? else {
        return Ok(None);
    };
    let Some(attempt) = tx
        .verification_attempts(case.id)
        .await?
        .into_iter()
        .rev()
        .find(|a| a.outcome == AttemptOutcome::Approved)
    else {
        return Ok(None);
    };
    let image_ids = tx
        .verification_images(attempt.id)
        .await?
        .iter()
        .map(|i| i.id)
        .collect();
    drop(tx);
    let address_side_needed = state
        .kyc_documents
        .current()
        .accepted(&attempt.country, attempt.document)
        .is_none_or(|rule| rule.address_may_be_apart);
    Ok(Some(OnFile {
        attempt,
        image_ids,
        address_side_needed,
    }))
}

pub async fn way_for(state: &AppState, account: &Account) -> AppResult<Way> {
    if account.tier == Tier::Enhanced {
        if let Some(on_file) = on_file(state, account.id).await? {
            return Ok(Way::Selfie(Box::new(on_file)));
        }
    }
    Ok(match facts::load(state, account.id).await? {
        Some(f) => Way::Facts(Box::new(f)),
        None => Way::Support,
    })
}
