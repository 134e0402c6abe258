//! Sign-up, email verification, passwords.
use super::auth::{rotate_session, Viewer};
use super::gate::{self, Credential};
use super::{audit, hashing, own_security_event, RequestMeta};
use crate::error::{AppError, AppResult};
use crate::mail::{self, MailKind};
use crate::state::AppState;
use keydesk_domain::audit::AuditKind;
use keydesk_domain::email::Email;
use keydesk_domain::language::Language;
use keydesk_domain::password::NewPassword;
use keydesk_domain::role::Role;
use keydesk_domain::token;
use keydesk_store::models::{EmailToken, NewAccount, TokenPurpose};
use keydesk_store::{ReadTx, StoreError, WriteTx};
use tracing::instrument;

pub const VERIFY_EMAIL_TTL: i64 = 24 * 3600;
pub const RESET_PASSWORD_TTL: i64 = 3600;

/// Signs up a customer. The answer is the same whether or not the address already has
/// an account (no account enumeration): an existing owner gets a mail instead.
#[instrument(skip_all, err(Debug, level = "info"))]
pub async fn sign_up(
    state: &AppState,
    meta: &RequestMeta,
    email: &str,
    password: &str,
) -> AppResult<()> {
    let email = Email::parse(email)?;
    let password = NewPassword::parse(password, email.as_str())?;
    // Before the Argon2id work: a sign-up sends a mail (to the address given, or to its
    // owner if it is taken), so it is throttled per client address.
    gate::count_mail_request(state, meta, state.now()).await?;
    let hash = hashing(state, move |h| h.hash_password(&password)).await??;
    let now = state.now();
    let mut tx = state.store.begin().await?;
    if let Some(existing) = tx.account_by_email(email.as_str()).await? {
        let lang = existing.language;
        let url = format!("{}/password/forgot", state.public_url());
        mail::queue(
            state,
            tx.as_mut(),
            email.as_str(),
            lang,
            MailKind::SignUpExisting,
            &[("url", url)],
        )
        .await?;
        tx.commit().await?;
        return Ok(());
    }
    let new = NewAccount {
        email: email.as_str(),
        password_hash: &hash,
        language: meta.lang,
        role: Role::Customer,
        email_verified_at: None,
        now,
    };
    let account_id = match tx.insert_account(&new).await {
        // Lost a race with a parallel sign-up for the same address: same answer.
        Err(StoreError::Conflict(_)) => return Ok(()),
        other => other?,
    };
    send_verification(state, tx.as_mut(), account_id, &email, meta.lang).await?;
    audit(
        tx.as_mut(),
        meta,
        Some(account_id),
        AuditKind::SignUp,
        serde_json::json!({}),
        now,
    )
    .await?;
    tx.commit().await?;
    Ok(())
}

async fn send_verification(
    state: &AppState,
    tx: &mut dyn WriteTx,
    account_id: i64,
    email: &Email,
    lang: Language,
) -> AppResult<()> {
    let now = state.now();
    let token = token::generate();
    tx.revoke_email_tokens(account_id, TokenPurpose::VerifyEmail, now)
        .await?;
    tx.insert_email_token(
        &token::digest(&token),
        account_id,
        TokenPurpose::VerifyEmail,
        now,
        now + VERIFY_EMAIL_TTL,
    )
    .await?;
    let url = format!("{}/email/verify?token={token}", state.public_url());
    mail::queue(
        state,
        tx,
        email.as_str(),
        lang,
        MailKind::VerifyEmail,
        &[("url", url)],
    )
    .await?;
    Ok(())
}

pub async fn resend_verification(state: &AppState, viewer: &Viewer) -> AppResult<()> {
    if viewer.account.email_verified_at.is_some() {
        return Ok(());
    }
    let mut tx = state.store.begin().await?;
    send_verification(
        state,
        tx.as_mut(),
        viewer.account.id,
        &Email::from_trusted(viewer.account.email.clone()),
        viewer.lang(),
    )
    .await?;
    tx.commit().await?;
    Ok(())
}

/// A link token that may still be used: unknown, used, expired or for another purpose
/// each get their own clear error. Nothing is consumed.
async fn usable_token(
    tx: &mut dyn ReadTx,
    raw: &str,
    purpose: TokenPurpose,
    now: i64,
) -> AppResult<EmailToken> {
    if !token::looks_valid(raw) {
        return Err(AppError::TokenInvalid);
    }
    let t = tx
        .email_token(&token::digest(raw))
        .await?
        .ok_or(AppError::TokenInvalid)?;
    if t.purpose != purpose {
        return Err(AppError::TokenInvalid);
    }
    if t.used_at.is_some() {
        return Err(AppError::TokenUsed);
    }
    if t.expires_at <= now {
        return Err(AppError::TokenExpired);
    }
    Ok(t)
}

/// Takes a single-use link token (see [`usable_token`]); returns its account.
async fn take_token(
    tx: &mut dyn WriteTx,
    raw: &str,
    purpose: TokenPurpose,
    now: i64,
) -> AppResult<i64> {
    let t = usable_token(tx, raw, purpose, now).await?;
    if !tx.mark_email_token_used(&t.token_hash, now).await? {
        return Err(AppError::TokenUsed);
    }
    Ok(t.account_id)
}

#[instrument(skip_all, err(Debug, level = "info"))]
pub async fn verify_email(state: &AppState, meta: &RequestMeta, raw_token: &str) -> AppResult<()> {
    let now = state.now();
    let mut tx = state.store.begin().await?;
    let account_id = take_token(tx.as_mut(), raw_token, TokenPurpose::VerifyEmail, now).await?;
    tx.set_email_verified(account_id, now).await?;
    audit(
        tx.as_mut(),
        meta,
        Some(account_id),
        AuditKind::EmailVerified,
        serde_json::json!({}),
        now,
    )
    .await?;
    tx.commit().await?;
    Ok(())
}

/// Always answers the same; the owner of a known address gets a one-hour link.
#[instrument(skip_all, err(Debug, level = "info"))]
pub async fn request_password_reset(
    state: &AppState,
    meta: &RequestMeta,
    email: &str,
) -> AppResult<()> {
    let Ok(email) = Email::parse(email) else {
        return Ok(());
    };
    let now = state.now();
    // Throttled per client address so the form cannot be used to flood a mailbox.
    gate::count_mail_request(state, meta, now).await?;
    let mut tx = state.store.begin().await?;
    if let Some(account) = tx.account_by_email(email.as_str()).await? {
        let token = token::generate();
        tx.revoke_email_tokens(account.id, TokenPurpose::ResetPassword, now)
            .await?;
        tx.insert_email_token(
            &token::digest(&token),
            account.id,
            TokenPurpose::ResetPassword,
            now,
            now + RESET_PASSWORD_TTL,
        )
        .await?;
        let url = format!("{}/password/reset?token={token}", state.public_url());
        let lang = account.language;
        mail::queue(
            state,
            tx.as_mut(),
            &account.email,
            lang,
            MailKind::PasswordReset,
            &[("url", url)],
        )
        .await?;
        audit(
            tx.as_mut(),
            meta,
            Some(account.id),
            AuditKind::PasswordResetRequested,
            serde_json::json!({}),
            now,
        )
        .await?;
    }
    tx.commit().await?;
    Ok(())
}

/// Sets a new password from a reset link. Every session ends; the second factor is
/// still needed at the next login.
#[instrument(skip_all, err(Debug, level = "info"))]
pub async fn reset_password(
    state: &AppState,
    meta: &RequestMeta,
    raw_token: &str,
    new_password: &str,
) -> AppResult<()> {
    // Validate the token before spending a hash, without consuming it.
    let now = state.now();
    let account = {
        let mut tx = state.store.read().await?;
        let t = usable_token(tx.as_mut(), raw_token, TokenPurpose::ResetPassword, now).await?;
        tx.account_by_id(t.account_id)
            .await?
            .ok_or(AppError::TokenInvalid)?
    };
    let password = NewPassword::parse(new_password, &account.email)?;
    let hash = hashing(state, move |h| h.hash_password(&password)).await??;
    let now = state.now();
    let mut tx = state.store.begin().await?;
    let account_id = take_token(tx.as_mut(), raw_token, TokenPurpose::ResetPassword, now).await?;
    tx.set_password_hash(account_id, &hash, now).await?;
    tx.delete_sessions_of_account(account_id, None).await?;
    // Whoever could read the mailbox has now proved it.
    tx.set_email_verified(account_id, now).await?;
    audit(
        tx.as_mut(),
        meta,
        Some(account_id),
        AuditKind::PasswordReset,
        serde_json::json!({}),
        now,
    )
    .await?;
    let lang = account.language;
    mail::queue(
        state,
        tx.as_mut(),
        &account.email,
        lang,
        MailKind::PasswordChanged,
        &[("ip", meta.ip.clone())],
    )
    .await?;
    tx.commit().await?;
    Ok(())
}

/// Changes the password with the current one; other sessions end, this one rotates.
#[instrument(skip_all, err(Debug, level = "info"))]
pub async fn change_password(
    state: &AppState,
    meta: &RequestMeta,
    viewer: &Viewer,
    current: &str,
    new_password: &str,
) -> AppResult<String> {
    let password = NewPassword::parse(new_password, &viewer.account.email)?;
    let now = state.now();
    let mut tx = state.store.begin().await?;
    let attempt = gate::begin_attempt(
        tx.as_mut(),
        meta,
        Some(viewer.account.id),
        Credential::Password,
        now,
    )
    .await;
    tx.commit().await?;
    let attempt = attempt?;
    let stored = viewer.account.password_hash.clone();
    let candidate = current.to_owned();
    let (ok, hash) = hashing(state, move |h| {
        let ok = h.verify(&stored, &candidate);
        (
            ok,
            if ok {
                h.hash_password(&password).ok()
            } else {
                None
            },
        )
    })
    .await?;
    let now = state.now();
    let mut tx = state.store.begin().await?;
    gate::settle(
        state,
        tx.as_mut(),
        meta,
        attempt,
        ok,
        Some(viewer.owner()),
        now,
    )
    .await?;
    let Some(hash) = hash.filter(|_| ok) else {
        tx.commit().await?;
        return Err(AppError::CurrentPasswordWrong);
    };
    tx.set_password_hash(viewer.account.id, &hash, now).await?;
    tx.delete_sessions_of_account(viewer.account.id, Some(viewer.session.id))
        .await?;
    tx.revoke_email_tokens(viewer.account.id, TokenPurpose::ResetPassword, now)
        .await?;
    let token = rotate_session(
        state,
        tx.as_mut(),
        meta,
        &viewer.session,
        viewer.session.mfa_verified_at,
    )
    .await?;
    let ip = [("ip", meta.ip.clone())];
    own_security_event(
        state,
        tx.as_mut(),
        meta,
        viewer,
        AuditKind::PasswordChanged,
        MailKind::PasswordChanged,
        &ip,
        now,
    )
    .await?;
    tx.commit().await?;
    Ok(token)
}

pub async fn set_language(
    state: &AppState,
    meta: &RequestMeta,
    viewer: &Viewer,
    lang: Language,
) -> AppResult<()> {
    let mut tx = state.store.begin().await?;
    tx.set_language(viewer.account.id, lang).await?;
    audit(
        tx.as_mut(),
        meta,
        Some(viewer.account.id),
        AuditKind::LanguageChanged,
        serde_json::json!({ "language": lang.code() }),
        state.now(),
    )
    .await?;
    tx.commit().await?;
    Ok(())
}

pub async fn security_events(
    state: &AppState,
    viewer: &Viewer,
    limit: i64,
) -> AppResult<Vec<keydesk_store::models::AuditEvent>> {
    let mut tx = state.store.read().await?;
    Ok(tx.audit_of_account(viewer.account.id, limit).await?)
}

/// Operators create staff accounts from the command line (`keydesk user create`).
pub async fn create_by_operator(
    state: &AppState,
    email: &str,
    password: &str,
    role: Role,
) -> AppResult<i64> {
    let email = Email::parse(email)?;
    let password = NewPassword::parse(password, email.as_str())?;
    let hash = hashing(state, move |h| h.hash_password(&password)).await??;
    let now = state.now();
    let mut tx = state.store.begin().await?;
    let id = tx
        .insert_account(&NewAccount {
            email: email.as_str(),
            password_hash: &hash,
            language: Language::En,
            role,
            email_verified_at: Some(now),
            now,
        })
        .await?;
    audit(
        tx.as_mut(),
        &RequestMeta::for_operator(),
        Some(id),
        AuditKind::AccountCreatedByOperator,
        serde_json::json!({ "role": role.as_str() }),
        now,
    )
    .await?;
    tx.commit().await?;
    Ok(id)
}
