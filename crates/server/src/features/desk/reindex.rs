//! `keydesk desk-reindex`: writes every request's searchable answers again from the
//! catalogue in use, so a choice is found by its labels. Needed once after the upgrade
//! that indexed answers as text (the migration, with no catalogue, could index only what
//! was typed), and after a catalogue's labels change. Safe while keydesk runs: answers
//! never change once stored, and each page is its own transaction.
use crate::state::AppState;
use keydesk_domain::helpdesk::answers::Answers;
use keydesk_domain::helpdesk::answers_text::answers_text;

#[derive(Debug, Default, Clone, Copy, PartialEq, Eq)]
pub struct Reindexed {
    pub rewritten: u64,
    pub unchanged: u64,
    /// Answers that are not the JSON keydesk writes (left as they are).
    pub unreadable: u64,
}

pub async fn reindex(state: &AppState) -> anyhow::Result<Reindexed> {
    const PAGE: i64 = 500;
    let catalog = state.categories.current();
    let mut report = Reindexed::default();
    let mut after = 0;
    loop {
        let page = state
            .store
            .read()
            .await?
            .desk_answers_after(after, PAGE)
            .await?;
        let Some(last) = page.last() else { break };
        after = last.id;
        let mut tx = state.store.begin().await?;
        for stored in &page {
            let Ok(answers) = serde_json::from_str::<Answers>(&stored.answers) else {
                report.unreadable += 1;
                continue;
            };
            let text = answers_text(
                catalog.category(&stored.category),
                stored.subcategory.as_deref(),
                &answers,
            );
            if text == stored.answers_text {
                report.unchanged += 1;
            } else {
                tx.set_desk_answers_text(stored.id, &text).await?;
                report.rewritten += 1;
            }
        }
        tx.commit().await?;
    }
    Ok(report)
}
