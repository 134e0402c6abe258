//! `keydesk keys`: the key that seals TOTP secrets at rest — generate, rotate, re-seal.
use crate::clock::SystemClock;
use crate::config::Settings;
use crate::{keys, startup};
use clap::Subcommand;
use std::sync::Arc;

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
    /// Re-seal every TOTP secret, queued job and kept mail under the current key;
    /// afterwards the retired keys are no longer needed. Exit status 1 if something
    /// opens with no configured key.
    Reseal,
}

pub async fn run(settings: Settings, command: KeysCommand) -> anyhow::Result<()> {
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
            let report = crate::features::twofactor::service::reseal_secrets(&state)
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
            let verification = crate::features::verification::reseal::reseal(&state).await?;
            println!(
                "{} verification values (facts, zones read, image keys) re-sealed, {} already under it",
                verification.resealed, verification.current
            );
            if !verification.unreadable.is_empty() {
                anyhow::bail!(
                    "{} verification values open with no configured key (rows {:?}): add the key \
                     that sealed them to the retired keys, or those images and facts are lost",
                    verification.unreadable.len(),
                    verification.unreadable
                );
            }
            let jobs = crate::jobs::reseal_payloads(&state).await?;
            let mails = crate::mail::outbox::reseal(state.store.as_ref(), &state.secrets).await?;
            println!(
                "{} queued jobs and {} kept mails re-sealed ({} and {} already under it)",
                jobs.resealed, mails.resealed, jobs.current, mails.current
            );
            if !jobs.unreadable.is_empty() || !mails.unreadable.is_empty() {
                anyhow::bail!(
                    "jobs {:?} and kept mails {:?} open with no configured key: add the key \
                     that sealed them to the retired keys, or they cannot be delivered or read",
                    jobs.unreadable,
                    mails.unreadable
                );
            }
            let retired = state.secrets.retired_key_ids();
            let changed = report.changed_meanwhile
                + jobs.changed_meanwhile
                + mails.changed_meanwhile
                + verification.changed_meanwhile;
            if changed > 0 {
                println!("run `keydesk keys reseal` again to check the values that changed");
            } else if !retired.is_empty() {
                let ids: Vec<String> = retired.into_iter().map(keys::key_id_hex).collect();
                println!(
                    "nothing needs the retired keys ({}) any more: remove them (and their \
                     backups) when every instance runs with this key",
                    ids.join(", ")
                );
            }
        }
    }
    Ok(())
}
