//! The accounts feature's use cases: sign-up, e-mail verification, passwords, language.
use crate::auth::{rotate_session, Viewer};
use crate::error::{AccountError, AppError, AppResult};
use crate::mail::MailKind;
use crate::state::AppState;
use crate::usecase::gate::{self, Credential, Owner};
use crate::usecase::{hashing, Audit, RequestMeta, UnitOfWork};
use keydesk_domain::audit::AuditKind;
use keydesk_domain::identity::email::Email;
use keydesk_domain::identity::language::Language;
use keydesk_domain::identity::password::NewPassword;
use keydesk_domain::identity::role::Role;
use keydesk_domain::identity::time_zone::TimeZone;
use keydesk_domain::identity::token;
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
    let mut uow = UnitOfWork::begin(state, meta).await?;
    if let Some(existing) = uow.account_by_email(email.as_str()).await? {
        let lang = existing.language;
        let url = format!("{}/password/forgot", state.public_url());
        uow.mail(
            email.as_str(),
            lang,
            MailKind::SignUpExisting,
            &[("url", url)],
        )
        .await?;
        uow.commit().await?;
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
    let account_id = match uow.insert_account(&new).await {
        // Lost a race with a parallel sign-up for the same address: same answer.
        Err(StoreError::Conflict(_)) => return Ok(()),
        other => other?,
    };
    send_verification(&mut uow, account_id, &email, meta.lang).await?;
    uow.audit(Audit::own(AuditKind::SignUp, account_id)).await?;
    uow.commit().await?;
    Ok(())
}

async fn send_verification(
    uow: &mut UnitOfWork<'_>,
    account_id: i64,
    email: &Email,
    lang: Language,
) -> AppResult<()> {
    let state = uow.state();
    let now = state.now();
    let token = token::generate();
    uow.revoke_email_tokens(account_id, TokenPurpose::VerifyEmail, now)
        .await?;
    uow.insert_email_token(
        &token::digest(&token),
        account_id,
        TokenPurpose::VerifyEmail,
        now,
        now + VERIFY_EMAIL_TTL,
    )
    .await?;
    let url = format!("{}/email/verify?token={token}", state.public_url());
    uow.mail(email.as_str(), lang, MailKind::VerifyEmail, &[("url", url)])
        .await?;
    Ok(())
}

pub async fn resend_verification(
    state: &AppState,
    meta: &RequestMeta,
    viewer: &Viewer,
) -> AppResult<()> {
    if viewer.account.email_verified_at.is_some() {
        return Ok(());
    }
    let mut uow = UnitOfWork::begin(state, meta).await?;
    send_verification(
        &mut uow,
        viewer.account.id,
        &Email::from_trusted(viewer.account.email.clone()),
        viewer.lang(),
    )
    .await?;
    uow.commit().await?;
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
        return Err(AppError::Account(AccountError::TokenInvalid));
    }
    let t = tx
        .email_token(&token::digest(raw))
        .await?
        .ok_or(AppError::Account(AccountError::TokenInvalid))?;
    if t.purpose != purpose {
        return Err(AppError::Account(AccountError::TokenInvalid));
    }
    if t.used_at.is_some() {
        return Err(AppError::Account(AccountError::TokenUsed));
    }
    if t.expires_at <= now {
        return Err(AppError::Account(AccountError::TokenExpired));
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
        return Err(AppError::Account(AccountError::TokenUsed));
    }
    Ok(t.account_id)
}

#[instrument(skip_all, err(Debug, level = "info"))]
pub async fn verify_email(state: &AppState, meta: &RequestMeta, raw_token: &str) -> AppResult<()> {
    let now = state.now();
    let mut uow = UnitOfWork::begin(state, meta).await?;
    let account_id = take_token(&mut *uow, raw_token, TokenPurpose::VerifyEmail, now).await?;
    uow.set_email_verified(account_id, now).await?;
    uow.audit(Audit::own(AuditKind::EmailVerified, account_id))
        .await?;
    uow.commit().await?;
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
    let mut uow = UnitOfWork::begin(state, meta).await?;
    if let Some(account) = uow.account_by_email(email.as_str()).await? {
        let token = token::generate();
        uow.revoke_email_tokens(account.id, TokenPurpose::ResetPassword, now)
            .await?;
        uow.insert_email_token(
            &token::digest(&token),
            account.id,
            TokenPurpose::ResetPassword,
            now,
            now + RESET_PASSWORD_TTL,
        )
        .await?;
        let url = format!("{}/password/reset?token={token}", state.public_url());
        let lang = account.language;
        uow.mail(
            &account.email,
            lang,
            MailKind::PasswordReset,
            &[("url", url)],
        )
        .await?;
        uow.audit(Audit::own(AuditKind::PasswordResetRequested, account.id))
            .await?;
    }
    uow.commit().await?;
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
            .ok_or(AppError::Account(AccountError::TokenInvalid))?
    };
    let password = NewPassword::parse(new_password, &account.email)?;
    let hash = hashing(state, move |h| h.hash_password(&password)).await??;
    let now = state.now();
    let mut uow = UnitOfWork::begin(state, meta).await?;
    let account_id = take_token(&mut *uow, raw_token, TokenPurpose::ResetPassword, now).await?;
    uow.set_password_hash(account_id, &hash, now).await?;
    uow.delete_sessions_of_account(account_id, None).await?;
    // Whoever could read the mailbox has now proved it.
    uow.set_email_verified(account_id, now).await?;
    uow.audit(Audit::own(AuditKind::PasswordReset, account_id))
        .await?;
    uow.notice(&Owner::of(&account), MailKind::PasswordChanged, &[])
        .await?;
    uow.commit().await?;
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
    let mut uow = UnitOfWork::begin(state, meta).await?;
    let attempt =
        gate::begin_attempt(&mut uow, Some(viewer.account.id), Credential::Password, now).await;
    uow.commit().await?;
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
    let mut uow = UnitOfWork::begin(state, meta).await?;
    gate::settle(&mut uow, attempt, ok, Some(viewer.owner()), now).await?;
    let Some(hash) = hash.filter(|_| ok) else {
        uow.commit().await?;
        return Err(AppError::Account(AccountError::CurrentPasswordWrong));
    };
    uow.set_password_hash(viewer.account.id, &hash, now).await?;
    uow.delete_sessions_of_account(viewer.account.id, Some(viewer.session.id))
        .await?;
    uow.revoke_email_tokens(viewer.account.id, TokenPurpose::ResetPassword, now)
        .await?;
    let token = rotate_session(
        state,
        &mut *uow,
        meta,
        &viewer.session,
        viewer.session.mfa_verified_at,
    )
    .await?;
    uow.security_event(
        &viewer.owner(),
        AuditKind::PasswordChanged,
        MailKind::PasswordChanged,
        &[],
    )
    .await?;
    uow.commit().await?;
    Ok(token)
}

pub async fn set_language(
    state: &AppState,
    meta: &RequestMeta,
    viewer: &Viewer,
    lang: Language,
) -> AppResult<()> {
    let mut uow = UnitOfWork::begin(state, meta).await?;
    uow.set_language(viewer.account.id, lang).await?;
    uow.audit(
        Audit::own(AuditKind::LanguageChanged, viewer.account.id)
            .detail(serde_json::json!({ "language": lang.code() })),
    )
    .await?;
    uow.commit().await?;
    Ok(())
}

/// The zone the customer reads times in; `None`: their language's again.
pub async fn set_time_zone(
    state: &AppState,
    meta: &RequestMeta,
    viewer: &Viewer,
    zone: Option<TimeZone>,
) -> AppResult<()> {
    let mut uow = UnitOfWork::begin(state, meta).await?;
    uow.set_time_zone(viewer.account.id, zone).await?;
    uow.audit(
        Audit::own(AuditKind::TimeZoneChanged, viewer.account.id)
            .detail(serde_json::json!({ "time_zone": zone.map(TimeZone::name) })),
    )
    .await?;
    uow.commit().await?;
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
    let meta = RequestMeta::for_operator();
    let mut uow = UnitOfWork::begin(state, &meta).await?;
    let id = uow
        .insert_account(&NewAccount {
            email: email.as_str(),
            password_hash: &hash,
            language: Language::En,
            role,
            email_verified_at: Some(now),
            now,
        })
        .await?;
    uow.audit(
        Audit::own(AuditKind::AccountCreatedByOperator, id)
            .detail(serde_json::json!({ "role": role.as_str() })),
    )
    .await?;
    uow.commit().await?;
    Ok(id)
}
