//! `keydesk desk-reindex`: the requests' form answers indexed again from the catalogue.
use crate::clock::SystemClock;
use crate::config::Settings;
use crate::startup;
use std::sync::Arc;

pub async fn run(settings: Settings) -> anyhow::Result<()> {
    let state = startup::build_state(settings, Arc::new(SystemClock)).await?;
    let report = crate::features::desk::reindex::reindex(&state).await?;
    println!(
        "{} requests' answers indexed again, {} already current",
        report.rewritten, report.unchanged
    );
    if report.unreadable > 0 {
        anyhow::bail!(
            "{} requests hold answers that are not keydesk's JSON; they were left as they are",
            report.unreadable
        );
    }
    Ok(())
}
