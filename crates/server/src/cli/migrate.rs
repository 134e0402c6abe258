//! `keydesk migrate`: apply the database migrations and exit.
use crate::config::Settings;
use anyhow::Context;

pub async fn run(settings: Settings) -> anyhow::Result<()> {
    keydesk_store::connect(&settings.database_url())
        .await
        .context("migrating")?;
    println!("migrations applied to {}", redact(&settings.database_url()));
    Ok(())
}

/// The database URL without its password, for printing.
fn redact(url: &str) -> String {
    match (url.find("://"), url.rfind('@')) {
        (Some(s), Some(at)) if at > s => format!("{}://…{}", &url[..s], &url[at..]),
        _ => url.to_owned(),
    }
}
