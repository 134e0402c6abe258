//! Telling the customer (a mail in their language, each reason with what to do) and the
//! exchange's services (the `verification.decided` webhook) how an attempt ended.
use crate::features::desk::notify as desk_notify;
use crate::i18n::I18n;
use crate::mail::MailKind;
use crate::usecase::UnitOfWork;
use keydesk_domain::helpdesk::webhook::Event;
use keydesk_domain::identity::language::Language;
use keydesk_domain::verification::documents::DocumentCatalog;
use keydesk_domain::verification::reason::Reason;
use keydesk_store::models::{Account, VerificationCase};
use keydesk_store::StoreResult;

/// A reason in the customer's words: what was wrong and what to do. A document not
/// accepted names what is (`accepted`).
pub fn reason_text(
    i18n: &I18n,
    lang: Language,
    reason: Reason,
    catalog: &DocumentCatalog,
    country: &str,
) -> String {
    let key = format!("verification-reason-{}", reason.as_str().replace('_', "-"));
    let accepted = catalog
        .for_country(country)
        .map(|c| {
            c.documents
                .iter()
                .map(|d| d.label.get(lang).to_owned())
                .collect::<Vec<_>>()
                .join(if lang == Language::Ja { "、" } else { "; " })
        })
        .unwrap_or_default();
    // The country by its name where the pages have one (`country-JP`), else its code.
    let country_key = format!("country-{}", country.to_ascii_uppercase());
    let country = if i18n.has(lang, &country_key) {
        i18n.t(lang, &country_key)
    } else {
        country.to_owned()
    };
    i18n.t_args(
        lang,
        &key,
        &[("accepted", accepted.into()), ("country", country.into())],
    )
}

fn page_url(uow: &UnitOfWork<'_>) -> String {
    format!("{}/verification", uow.state().public_url())
}

/// The webhook: the case's state, never the customer's facts or images.
async fn webhook(
    uow: &mut UnitOfWork<'_>,
    account: &Account,
    case: &VerificationCase,
    outcome: &str,
) -> StoreResult<()> {
    let now = uow.state().now();
    let body = serde_json::json!({
        "event": Event::VerificationDecided.as_str(),
        "occurred_at": now,
        "verification": {
            "account_id": account.id,
            "case_id": case.id,
            "attempt": case.case.attempt,
            "outcome": outcome,
            "reasons": case.case.reasons.iter().map(|r| r.as_str()).collect::<Vec<_>>(),
            "retryable": keydesk_domain::verification::reason::all_retryable(&case.case.reasons),
            "request_id": case.request_id,
        }
    })
    .to_string();
    let subject = keydesk_store::DeliverySubject {
        request_id: case.request_id,
        account_id: Some(account.id),
    };
    desk_notify::publish(uow, Event::VerificationDecided, subject, body).await
}

pub async fn refused(
    uow: &mut UnitOfWork<'_>,
    account: &Account,
    case: &VerificationCase,
    reasons: &[Reason],
    country: &str,
) -> StoreResult<()> {
    let state = uow.state();
    let catalog = state.kyc_documents.current();
    let lang = account.language;
    let list = reasons
        .iter()
        .map(|r| {
            format!(
                "- {}",
                reason_text(&state.i18n, lang, *r, &catalog, country)
            )
        })
        .collect::<Vec<_>>()
        .join("\n");
    let next = if keydesk_domain::verification::reason::all_retryable(reasons) {
        state.i18n.t(lang, "verification-next-retry")
    } else {
        state.i18n.t(lang, "verification-next-support")
    };
    let url = page_url(uow);
    uow.mail(
        &account.email,
        lang,
        MailKind::VerificationRefused,
        &[("reasons", list), ("next", next), ("url", url)],
    )
    .await?;
    webhook(uow, account, case, "refused").await
}

/// An approval or a clearing: the mail (its link to the page) and the webhook.
pub async fn decided(
    uow: &mut UnitOfWork<'_>,
    account: &Account,
    case: &VerificationCase,
    mail: MailKind,
    outcome: &str,
) -> StoreResult<()> {
    let url = page_url(uow);
    uow.mail(&account.email, account.language, mail, &[("url", url)])
        .await?;
    webhook(uow, account, case, outcome).await
}
