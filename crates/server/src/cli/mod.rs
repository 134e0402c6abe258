//! The `keydesk` command line: one file per subcommand.
mod demo;
mod desk_reindex;
mod keys;
mod mail_ingest;
mod migrate;
mod outbox;
mod photocheck;
mod service_token;
mod user;

use crate::config::Settings;
use crate::startup;
use clap::{Parser, Subcommand};
use keys::KeysCommand;
use outbox::OutboxCommand;
use std::path::PathBuf;
use user::UserCommand;

#[derive(Parser)]
#[command(
    name = "keydesk",
    version,
    about = "Account-security back office: 2FA, identity verification, support desk"
)]
pub struct Cli {
    /// TOML configuration file (see config/keydesk.example.toml).
    #[arg(long, global = true, env = "KEYDESK_CONFIG")]
    pub config: Option<PathBuf>,
    #[command(subcommand)]
    pub command: Option<Command>,
}

#[derive(Subcommand)]
pub enum Command {
    /// Serve the web pages and the API (the default).
    Serve,
    /// Apply database migrations and exit.
    Migrate,
    /// Manage staff accounts.
    User {
        #[command(subcommand)]
        command: UserCommand,
    },
    /// Read the mails kept by the embedded mailer.
    Outbox {
        #[command(subcommand)]
        command: Option<OutboxCommand>,
    },
    /// Create a demo data set: an admin, an agent and a few customers.
    Demo,
    /// The key that encrypts TOTP secrets at rest: rotate it, re-seal under it.
    Keys {
        #[command(subcommand)]
        command: KeysCommand,
    },
    /// Tokens for the exchange's other services (the capabilities API).
    ServiceToken {
        #[command(subcommand)]
        command: service_token::ServiceTokenCommand,
    },
    /// Index every request's form answers again from the catalogue (once after the
    /// upgrade to answers indexed as text, and after a catalogue's labels change).
    DeskReindex,
    /// Take one mail message from standard input onto the desk (an MTA's pipe
    /// delivery); exit status 0 taken, 65 refused for good (bounce it), 75 try again.
    MailIngest,
    /// Check an identity photo as the upload page does; exit status 0 when nothing
    /// blocks, 1 when something does, 2 when the file cannot be used.
    Photocheck {
        file: PathBuf,
        /// selfie, document-front, document-back or address-side
        #[arg(long)]
        kind: String,
        /// The full name on file, for the memo.
        #[arg(long)]
        name: Option<String>,
        /// The request the memo must state ("2FA reset", "二段階認証解除").
        #[arg(long)]
        request: Option<String>,
        /// The date the memo must carry (YYYY-MM-DD); may be repeated.
        #[arg(long)]
        date: Vec<String>,
        /// Print the findings as JSON.
        #[arg(long)]
        json: bool,
        /// Skip the OCR-based checks (mirror, MRZ, memo).
        #[arg(long)]
        no_ocr: bool,
    },
}

pub async fn run(cli: Cli) -> anyhow::Result<()> {
    // The photo check needs no settings or database.
    if let Some(Command::Photocheck {
        file,
        kind,
        name,
        request,
        date,
        json,
        no_ocr,
    }) = &cli.command
    {
        let code = photocheck::run(
            file,
            kind,
            name.clone(),
            request.clone(),
            date,
            *json,
            !*no_ocr,
        )?;
        std::process::exit(code);
    }
    let settings = Settings::load(cli.config.as_deref())?;
    crate::telemetry::init_logs(settings.log_format);
    match cli.command.unwrap_or(Command::Serve) {
        Command::Serve => startup::serve(settings).await,
        Command::Migrate => migrate::run(settings).await,
        Command::User { command } => user::run(settings, command).await,
        Command::Outbox { command } => outbox::run(settings, command).await,
        Command::Demo => demo::create(settings).await,
        Command::Keys { command } => keys::run(settings, command).await,
        Command::ServiceToken { command } => service_token::run(settings, command).await,
        Command::DeskReindex => desk_reindex::run(settings).await,
        Command::MailIngest => std::process::exit(i32::from(mail_ingest::run(settings).await)),
        Command::Photocheck { .. } => Ok(()),
    }
}
