//! The `keydesk` command line.
use crate::clock::SystemClock;
use crate::config::Settings;
use crate::service::accounts;
use crate::startup;
use anyhow::Context;
use clap::{Parser, Subcommand, ValueEnum};
use keydesk_domain::role::Role;
use std::path::PathBuf;
use std::sync::Arc;

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

#[derive(Subcommand)]
pub enum KeysCommand {
    /// Print a new random key (64 hex characters) for security.encryption_key, or write
    /// it to a new key file (mode 0600) for security.encryption_key_file.
    Generate {
        /// The key file to create; it must not exist yet.
        #[arg(long, value_name = "PATH")]
        out: Option<std::path::PathBuf>,
    },
    /// Replace the key file (data_dir/secret.key, or security.encryption_key_file) with a
    /// new key, keeping the old one in the same name plus `.retired`. Then run
    /// `keys reseal`.
    Rotate,
    /// Re-seal every TOTP secret under the current key; afterwards the retired keys are
    /// no longer needed. Exit status 1 if some secret opens with no configured key.
    Reseal,
}

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
        let code = crate::photocheck_cli::run(
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
        Command::Migrate => {
            keydesk_store::connect(&settings.database_url())
                .await
                .context("migrating")?;
            println!("migrations applied to {}", redact(&settings.database_url()));
            Ok(())
        }
        Command::User {
            command: UserCommand::Create { email, role },
        } => {
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
        Command::Outbox { command } => {
            let store = keydesk_store::connect(&settings.database_url()).await?;
            let mut tx = store.read().await?;
            match command.unwrap_or(OutboxCommand::List { limit: 20 }) {
                OutboxCommand::List { limit } => {
                    for m in tx.outbox_mails(limit).await? {
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
        Command::Demo => crate::demo::create(settings).await,
        Command::Keys { command } => keys_command(settings, command).await,
        Command::Photocheck { .. } => Ok(()),
    }
}

async fn keys_command(settings: Settings, command: KeysCommand) -> anyhow::Result<()> {
    use crate::keys;
    match command {
        KeysCommand::Generate { out: None } => {
            println!("{}", keys::generate_hex().as_str());
        }
        KeysCommand::Generate { out: Some(path) } => {
            let id = keys::create_key_file_at(&path)?;
            println!(
                "wrote key {} to {} (mode 0600); back it up apart from the database",
                keys::key_id_hex(id),
                path.display()
            );
        }
        KeysCommand::Rotate => {
            let rotated = keys::rotate_key_file(&settings)?;
            println!(
                "new key {} in {}; the old key {} is kept in {}.\n\
                 Back up both, then run `keydesk keys reseal` (a running keydesk follows).",
                keys::key_id_hex(rotated.new),
                rotated.key_file.display(),
                keys::key_id_hex(rotated.old),
                rotated.retired_file.display()
            );
        }
        KeysCommand::Reseal => {
            let state = startup::build_state(settings, Arc::new(SystemClock)).await?;
            let report = crate::service::twofactor::reseal_secrets(&state)
                .await
                .map_err(|e| anyhow::anyhow!("{e}"))?;
            println!(
                "key {}: {} secrets re-sealed, {} already under it, {} changed meanwhile",
                keys::key_id_hex(state.secrets.primary_key_id()),
                report.resealed,
                report.current,
                report.changed_meanwhile
            );
            if !report.unreadable.is_empty() {
                anyhow::bail!(
                    "{} factors open with no configured key (ids {:?}): add the key that sealed \
                     them to the retired keys, or their owners must enroll 2FA again",
                    report.unreadable.len(),
                    report.unreadable
                );
            }
            let retired = state.secrets.retired_key_ids();
            if report.changed_meanwhile > 0 {
                println!("run `keydesk keys reseal` again to check the secrets that changed");
            } else if !retired.is_empty() {
                let ids: Vec<String> = retired.into_iter().map(keys::key_id_hex).collect();
                println!(
                    "no secret needs the retired keys ({}) any more: remove them (and their \
                     backups) when every instance runs with this key",
                    ids.join(", ")
                );
            }
        }
    }
    Ok(())
}

fn redact(url: &str) -> String {
    match (url.find("://"), url.rfind('@')) {
        (Some(s), Some(at)) if at > s => format!("{}://…{}", &url[..s], &url[at..]),
        _ => url.to_owned(),
    }
}
