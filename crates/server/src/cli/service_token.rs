//! `keydesk service-token`: tokens for the exchange's other services (the capabilities
//! API), for an operator without the console. The token is printed once.
use crate::clock::SystemClock;
use crate::config::Settings;
use crate::features::capabilities::tokens;
use crate::startup;
use crate::usecase::RequestMeta;
use clap::Subcommand;
use std::sync::Arc;

#[derive(Subcommand)]
pub enum ServiceTokenCommand {
    /// Create a token; it is printed once, keydesk keeps only its digest.
    Create {
        /// What the token is for, e.g. "withdrawal service".
        #[arg(long)]
        name: String,
        /// A scope it carries (capabilities:read); may be repeated.
        #[arg(long = "scope", default_value = "capabilities:read")]
        scopes: Vec<String>,
    },
    /// List the tokens (never the tokens themselves).
    List,
    /// Revoke a token at once.
    Revoke { id: i64 },
}

pub async fn run(settings: Settings, command: ServiceTokenCommand) -> anyhow::Result<()> {
    let state = startup::build_state(settings, Arc::new(SystemClock)).await?;
    let meta = RequestMeta::for_operator();
    match command {
        ServiceTokenCommand::Create { name, scopes } => {
            let scopes: Vec<&str> = scopes.iter().map(String::as_str).collect();
            let created = tokens::create(&state, &meta, None, &name, &scopes)
                .await
                .map_err(|e| anyhow::anyhow!("{e}"))?;
            eprintln!(
                "service token {} created; it is shown this once:",
                created.id
            );
            println!("{}", created.token);
        }
        ServiceTokenCommand::List => {
            for t in tokens::list(&state)
                .await
                .map_err(|e| anyhow::anyhow!("{e}"))?
            {
                let state = match t.revoked_at {
                    Some(at) => format!("revoked {}", crate::util::format_time(at)),
                    None => "active".to_owned(),
                };
                println!(
                    "{:>4}  {:<32}  {:<20}  {}",
                    t.id,
                    t.name,
                    t.scopes.join(" "),
                    state
                );
            }
        }
        ServiceTokenCommand::Revoke { id } => {
            tokens::revoke(&state, &meta, None, id)
                .await
                .map_err(|e| anyhow::anyhow!("{e}"))?;
            println!("service token {id} revoked");
        }
    }
    Ok(())
}
