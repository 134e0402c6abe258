//! `keydesk outbox`: the mails kept by the embedded mailer.
use crate::config::Settings;
use anyhow::Context;
use clap::Subcommand;

#[derive(Subcommand)]
pub enum OutboxCommand {
    /// List the newest mails.
    List {
        #[arg(long, default_value_t = 20)]
        limit: i64,
    },
    /// Print one mail (text part).
    Read { id: i64 },
}

pub async fn run(settings: Settings, command: Option<OutboxCommand>) -> anyhow::Result<()> {
    let store = crate::startup::open_store(&settings).await?;
    let mut tx = store.read().await?;
    match command.unwrap_or(OutboxCommand::List { limit: 20 }) {
        OutboxCommand::List { limit } => {
            let mails = tx.outbox_mails(limit).await?;
            if mails.is_empty() {
                println!("the outbox is empty ({})", settings.describe_data());
            }
            for m in mails {
                println!(
                    "{:>6}  {}  {:<32}  {}",
                    m.id,
                    crate::util::format_time(m.created_at),
                    m.to_addr,
                    m.subject
                );
            }
        }
        OutboxCommand::Read { id } => {
            let m = tx
                .outbox_mail(id)
                .await?
                .with_context(|| format!("no mail {id} in the outbox"))?;
            // The operator at the machine holds the key: the links work, as the
            // recipient's would.
            let keys = crate::keys::Keyring::load(&settings)?;
            let m = crate::mail::outbox::opened(&keys, m)?;
            println!(
                "To: {}\nSubject: {}\nDate: {}\n\n{}",
                m.to_addr,
                m.subject,
                crate::util::format_time(m.created_at),
                m.body_text
            );
        }
    }
    Ok(())
}
