//! `keydesk keys reseal` for what verification seals: the Basic facts, the zones read,
//! and every image's data key — the 2FA reset's images are sealed the same way (the
//! images themselves need no re-encryption: their keys are their own). After it, no
//! identity value needs a retired key.
use super::submit::mrz_context;
use crate::keys::Resealed;
use crate::state::AppState;
use keydesk_store::SealedKind;

fn context(kind: SealedKind, owner: &str) -> String {
    match kind {
        SealedKind::Facts => super::facts::context(owner.parse().unwrap_or_default()),
        SealedKind::Mrz => mrz_context(owner.parse().unwrap_or_default()),
        SealedKind::ImageKey | SealedKind::ResetImageKey => crate::envelope::key_context(owner),
    }
}

pub async fn reseal(state: &AppState) -> anyhow::Result<Resealed> {
    const PAGE: i64 = 500;
    let mut report = Resealed::default();
    for kind in [
        SealedKind::Facts,
        SealedKind::Mrz,
        SealedKind::ImageKey,
        SealedKind::ResetImageKey,
    ] {
        let mut after = 0;
        loop {
            let page = state
                .store
                .read()
                .await?
                .sealed_values(kind, after, PAGE)
                .await?;
            let Some(last) = page.last() else { break };
            after = last.id;
            let mut tx = state.store.begin().await?;
            for value in &page {
                match state
                    .secrets
                    .reseal_text(&value.sealed, &context(kind, &value.owner))
                {
                    Ok(None) => report.current += 1,
                    Ok(Some(new))
                        if tx.reseal_value(kind, value.id, &value.sealed, &new).await? =>
                    {
                        report.resealed += 1
                    }
                    Ok(Some(_)) => report.changed_meanwhile += 1,
                    Err(_) => report.unreadable.push(value.id),
                }
            }
            tx.commit().await?;
        }
    }
    Ok(report)
}
