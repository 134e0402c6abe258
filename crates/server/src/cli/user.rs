//! `keydesk user create`: staff accounts, made by operators.
use crate::clock::SystemClock;
use crate::config::Settings;
use crate::features::accounts::service as accounts;
use crate::startup;
use clap::{Subcommand, ValueEnum};
use keydesk_domain::identity::role::Role;
use std::sync::Arc;

#[derive(Subcommand)]
pub enum UserCommand {
    /// Create an agent or admin account. The password is read from
    /// KEYDESK_NEW_PASSWORD or, if unset, from the first line of standard input.
    Create {
        #[arg(long)]
        email: String,
        #[arg(long, value_enum)]
        role: StaffRole,
    },
}

#[derive(Clone, Copy, ValueEnum)]
pub enum StaffRole {
    Agent,
    Admin,
}

pub async fn run(settings: Settings, command: UserCommand) -> anyhow::Result<()> {
    let UserCommand::Create { email, role } = command;
    let state = startup::build_state(settings, Arc::new(SystemClock)).await?;
    let password = match std::env::var("KEYDESK_NEW_PASSWORD") {
        Ok(p) => p,
        Err(_) => {
            let mut line = String::new();
            std::io::stdin().read_line(&mut line)?;
            line.trim_end_matches(['\r', '\n']).to_owned()
        }
    };
    let role = match role {
        StaffRole::Agent => Role::Agent,
        StaffRole::Admin => Role::Admin,
    };
    let id = accounts::create_by_operator(&state, &email, &password, role)
        .await
        .map_err(|e| anyhow::anyhow!("{e}"))?;
    println!(
        "created {} account {id} for {email}; it must set up 2FA at first login",
        role.as_str()
    );
    Ok(())
}
