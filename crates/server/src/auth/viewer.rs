//! A session token resolved to its session, account and stage.
use crate::error::AppResult;
use crate::state::AppState;
use keydesk_domain::access::Actor;
use keydesk_domain::identity::language::Language;
use keydesk_domain::identity::role::Role;
use keydesk_domain::identity::stage::Stage;
use keydesk_domain::identity::token::SessionToken;
use keydesk_store::models::{Account, Session, SessionView};

/// A resolved session with its account.
#[derive(Debug, Clone)]
pub struct Viewer {
    pub session: Session,
    pub account: Account,
    pub stage: Stage,
    pub has_factor: bool,
}

impl Viewer {
    pub fn lang(&self) -> Language {
        self.account.language
    }

    pub fn role(&self) -> Role {
        self.account.role
    }

    /// The viewer as the access rules see them.
    pub fn actor(&self) -> Actor {
        Actor {
            account_id: self.account.id,
            role: self.role(),
        }
    }

    pub fn owner(&self) -> crate::usecase::gate::Owner<'_> {
        crate::usecase::gate::Owner::of(&self.account)
    }
}

/// Finds the live session for a bearer token; sliding idle expiry, absolute maximum.
pub async fn resolve(state: &AppState, token: &str) -> AppResult<Option<Viewer>> {
    let Some(token) = SessionToken::parse(token) else {
        return Ok(None);
    };
    let now = state.now();
    let security = &state.settings.security;
    // One statement, no transaction: the session, its account, and whether that has
    // an active factor.
    let Some(SessionView {
        session,
        account,
        has_factor,
    }) = state.store.session_view(token.id).await?
    else {
        return Ok(None);
    };
    if !token.matches(&session.token_hash) {
        return Ok(None);
    }
    if session.expires_at <= now || session.created_at + security.session_max_hours * 3600 <= now {
        return Ok(None);
    }
    // Writing on every request would serialise reads behind SQLite's writer: touch at
    // most once a minute.
    if now - session.last_seen_at >= 60 {
        let mut tx = state.store.begin().await?;
        tx.touch_session(session.id, now, now + security.session_idle_minutes * 60)
            .await?;
        tx.commit().await?;
    }
    let stage = Stage::of(
        has_factor,
        session.mfa_verified_at.is_some(),
        keydesk_domain::access::second_factor_required(account.role, security.mfa_mandatory),
    );
    Ok(Some(Viewer {
        session,
        account,
        stage,
        has_factor,
    }))
}
