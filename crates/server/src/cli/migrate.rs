//! `keydesk migrate`: apply the database migrations and exit.
use crate::config::{redact, Settings};

pub async fn run(settings: Settings) -> anyhow::Result<()> {
    crate::startup::open_store(&settings).await?;
    println!("migrations applied to {}", redact(&settings.database_url()));
    Ok(())
}
