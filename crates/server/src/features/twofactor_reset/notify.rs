//! Telling the owner, at each step, on every channel on file: the account's e-mail (in
//! its language, times in its zone), the exchange's services (the
//! `twofactor_reset.changed` webhook, which a push or an SMS can carry, with the "this
//! wasn't me" link while the reset can still be stopped), and the in-app notice (the
//! account page shows an open case with its stop button).
use crate::features::desk::notify as desk_notify;
use crate::mail::MailKind;
use crate::usecase::gate::Owner;
use crate::usecase::UnitOfWork;
use keydesk_domain::helpdesk::webhook::Event;
use keydesk_domain::twofactor_reset::case::RefusalReason;
use keydesk_store::models::{Account, TwofactorReset};
use keydesk_store::StoreResult;

fn page_url(uow: &UnitOfWork<'_>) -> String {
    format!("{}/login/2fa/lost", uow.state().public_url())
}

/// A reason in the customer's words: what was wrong and what to do.
pub fn reason_text(
    i18n: &crate::i18n::I18n,
    lang: keydesk_domain::identity::language::Language,
    reason: RefusalReason,
) -> String {
    i18n.t(
        lang,
        &format!("reset-reason-{}", reason.as_str().replace('_', "-")),
    )
}

async fn webhook(
    uow: &mut UnitOfWork<'_>,
    case: &TwofactorReset,
    stop_url: Option<&str>,
) -> StoreResult<()> {
    let now = uow.state().now();
    let body = serde_json::json!({
        "event": Event::TwofactorReset.as_str(),
        "occurred_at": now,
        "twofactor_reset": {
            "account_id": case.account_id,
            "case_id": case.id,
            "path": case.case.path.as_str(),
            "status": case.case.status.as_str(),
            "attempt": case.case.attempt,
            "delay_ends_at": case.case.delay_ends_at,
            "request_id": case.request_id,
            "stop_url": stop_url,
        }
    })
    .to_string();
    let subject = keydesk_store::DeliverySubject {
        request_id: case.request_id,
        account_id: Some(case.account_id),
    };
    desk_notify::publish(uow, Event::TwofactorReset, subject, body).await
}

/// A reset was asked for (or photos sent again): when, from which device and address,
/// and the link that stops it.
pub async fn requested(
    uow: &mut UnitOfWork<'_>,
    account: &Account,
    case: &TwofactorReset,
    stop_url: &str,
) -> StoreResult<()> {
    uow.notice(
        &Owner::of(account),
        MailKind::TwofactorResetRequested,
        &[("url", stop_url.to_owned())],
    )
    .await?;
    webhook(uow, case, Some(stop_url)).await
}

/// Refused: each reason with what to do, and the way to send again.
pub async fn refused(
    uow: &mut UnitOfWork<'_>,
    account: &Account,
    case: &TwofactorReset,
) -> StoreResult<()> {
    let state = uow.state();
    let lang = account.language;
    let list = case
        .case
        .reasons
        .iter()
        .map(|r| format!("- {}", reason_text(&state.i18n, lang, *r)))
        .collect::<Vec<_>>()
        .join("\n");
    let retryable = case.case.reasons.iter().all(|r| r.retryable());
    let next = state.i18n.t(
        lang,
        if retryable {
            "reset-next-retry"
        } else {
            "reset-next-support"
        },
    );
    let url = page_url(uow);
    uow.mail(
        &account.email,
        lang,
        MailKind::TwofactorResetRefused,
        &[("reasons", list), ("next", next), ("url", url)],
    )
    .await?;
    webhook(uow, case, None).await
}

/// Approved ("we are proceeding"): when the reset will be carried out, and the link
/// that stops it until then.
pub async fn approved(
    uow: &mut UnitOfWork<'_>,
    account: &Account,
    case: &TwofactorReset,
    stop_url: &str,
) -> StoreResult<()> {
    let owner = Owner::of(account);
    let ends = case
        .case
        .delay_ends_at
        .map(|t| crate::util::format_time_for(t, owner.lang, owner.zone))
        .unwrap_or_default();
    uow.mail(
        &account.email,
        account.language,
        MailKind::TwofactorResetApproved,
        &[("ends", ends), ("url", stop_url.to_owned())],
    )
    .await?;
    webhook(uow, case, Some(stop_url)).await
}

/// Carried out: set it up again at the next login; withdrawals held until `hold_ends`.
pub async fn done(
    uow: &mut UnitOfWork<'_>,
    account: &Account,
    case: &TwofactorReset,
    hold_ends: i64,
) -> StoreResult<()> {
    let owner = Owner::of(account);
    let until = crate::util::format_time_for(hold_ends, owner.lang, owner.zone);
    let url = format!("{}/login", uow.state().public_url());
    uow.mail(
        &account.email,
        account.language,
        MailKind::TwofactorResetDone,
        &[("until", until), ("url", url)],
    )
    .await?;
    webhook(uow, case, None).await
}

/// Stopped by "this wasn't me": the account is frozen until support checks the
/// owner's identity again.
pub async fn stopped(
    uow: &mut UnitOfWork<'_>,
    account: &Account,
    case: &TwofactorReset,
) -> StoreResult<()> {
    let url = format!("{}/help", uow.state().public_url());
    uow.mail(
        &account.email,
        account.language,
        MailKind::TwofactorResetStopped,
        &[("url", url)],
    )
    .await?;
    webhook(uow, case, None).await
}
