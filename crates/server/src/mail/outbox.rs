//! The embedded outbox: mails the default mailer keeps instead of sending. Their bodies
//! hold live links (a password reset, an address confirmation), so they are sealed at
//! rest like TOTP secrets, opened only for the operator's command line and the tests,
//! and shown to staff with every link's token masked: an admin reading a customer's
//! mail must not be able to use its link.
use super::QueuedMail;
use crate::keys::{Keyring, Resealed};
use keydesk_store::models::OutboxMail;
use keydesk_store::Store;

const TEXT: &str = "outbox:text";
const HTML: &str = "outbox:html";

/// The text and HTML bodies as the outbox row holds them.
pub(super) fn seal_bodies(keys: &Keyring, mail: &QueuedMail) -> (String, String) {
    (
        keys.seal_text(&mail.text, TEXT),
        keys.seal_text(&mail.html, HTML),
    )
}

/// The row with its bodies opened: links that work, for whoever holds the key.
pub fn opened(keys: &Keyring, mut mail: OutboxMail) -> anyhow::Result<OutboxMail> {
    mail.body_text = keys.open_text(&mail.body_text, TEXT)?;
    mail.body_html = keys.open_text(&mail.body_html, HTML)?;
    Ok(mail)
}

/// The row as staff may read it: opened, with the value of every `token=` masked.
pub fn for_staff(keys: &Keyring, mail: OutboxMail) -> anyhow::Result<OutboxMail> {
    let mut mail = opened(keys, mail)?;
    mail.body_text = mask_tokens(&mail.body_text);
    mail.body_html = mask_tokens(&mail.body_html);
    Ok(mail)
}

/// Re-seals every kept mail's bodies under the primary key, a page per transaction
/// (`keydesk keys reseal`).
pub async fn reseal(store: &dyn Store, keys: &Keyring) -> anyhow::Result<Resealed> {
    const PAGE: i64 = 500;
    let mut report = Resealed::default();
    let mut after = 0;
    loop {
        let page = store.read().await?.outbox_mails_after(after, PAGE).await?;
        let Some(last) = page.last() else { break };
        after = last.id;
        let mut tx = store.begin().await?;
        for mail in &page {
            let text = keys.reseal_text(&mail.body_text, TEXT);
            let html = keys.reseal_text(&mail.body_html, HTML);
            match (text, html) {
                (Ok(None), Ok(None)) => report.current += 1,
                (Ok(text), Ok(html)) => {
                    let new = (
                        text.as_deref().unwrap_or(&mail.body_text),
                        html.as_deref().unwrap_or(&mail.body_html),
                    );
                    let old = (mail.body_text.as_str(), mail.body_html.as_str());
                    if tx.reseal_outbox_mail(mail.id, old, new).await? {
                        report.resealed += 1;
                    } else {
                        report.changed_meanwhile += 1;
                    }
                }
                _ => report.unreadable.push(mail.id),
            }
        }
        tx.commit().await?;
    }
    Ok(report)
}

/// The mark left where a token was.
pub const MASK: &str = "[hidden]";

/// Replaces the value after each `token=` (up to the next character a token never
/// holds) with [`MASK`].
pub fn mask_tokens(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut rest = text;
    while let Some(at) = rest.find("token=") {
        let (before, after) = rest.split_at(at + "token=".len());
        out.push_str(before);
        let end = after
            .find(|c: char| {
                !(c.is_ascii_alphanumeric() || matches!(c, '-' | '_' | '.' | '~' | '%'))
            })
            .unwrap_or(after.len());
        if end > 0 {
            out.push_str(MASK);
        }
        rest = &after[end..];
    }
    out.push_str(rest);
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_token_is_masked_and_nothing_else() {
        let text = "Open https://k.example/password/reset?token=abc-DEF_12.3 now.\n\
                    <a href=\"/email/verify?token=Zz9&x=1\">go</a> token= alone";
        let masked = mask_tokens(text);
        assert_eq!(
            masked,
            "Open https://k.example/password/reset?token=[hidden] now.\n\
             <a href=\"/email/verify?token=[hidden]&x=1\">go</a> token= alone"
        );
        assert_eq!(mask_tokens("no link here"), "no link here");
        assert_eq!(mask_tokens("日本語 token=ü"), "日本語 token=ü");
    }
}
