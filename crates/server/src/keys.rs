//! The key that encrypts TOTP secrets at rest: from the configuration, or in the
//! embedded default generated once into `{data_dir}/secret.key` readable by the owner
//! only. Losing it means every customer must enroll 2FA again: back it up apart from
//! the database.
use crate::config::Settings;
use anyhow::{bail, Context};
use keydesk_domain::secret_box::{SecretBox, KEY_BYTES};
use secrecy::ExposeSecret;
use std::io::Write;
use std::os::unix::fs::{OpenOptionsExt, PermissionsExt};
use zeroize::Zeroizing;

pub fn load_secret_box(settings: &Settings) -> anyhow::Result<SecretBox> {
    let key: Zeroizing<Vec<u8>> = match &settings.security.encryption_key {
        Some(hex_key) => {
            Zeroizing::new(hex::decode(hex_key.expose_secret()).context("security.encryption_key")?)
        }
        None => load_or_create_key_file(settings)?,
    };
    SecretBox::new(&key).context("security.encryption_key")
}

fn load_or_create_key_file(settings: &Settings) -> anyhow::Result<Zeroizing<Vec<u8>>> {
    let path = settings.data_dir.join("secret.key");
    if path.exists() {
        let mode = std::fs::metadata(&path)?.permissions().mode();
        if mode & 0o077 != 0 {
            bail!(
                "{} is readable by others (mode {:o}); run: chmod 600 {}",
                path.display(),
                mode & 0o777,
                path.display()
            );
        }
        let text = Zeroizing::new(
            std::fs::read_to_string(&path)
                .with_context(|| format!("reading {}", path.display()))?,
        );
        let key = Zeroizing::new(
            hex::decode(text.trim()).with_context(|| format!("{} is not hex", path.display()))?,
        );
        if key.len() != KEY_BYTES {
            bail!("{} must hold {} bytes as hex", path.display(), KEY_BYTES);
        }
        return Ok(key);
    }
    std::fs::create_dir_all(&settings.data_dir)
        .with_context(|| format!("creating {}", settings.data_dir.display()))?;
    let key = SecretBox::generate_key();
    let mut file = std::fs::OpenOptions::new()
        .write(true)
        .create_new(true)
        .mode(0o600)
        .open(&path)
        .with_context(|| format!("creating {}", path.display()))?;
    file.write_all(hex::encode(key.as_ref()).as_bytes())?;
    file.sync_all()?;
    tracing::info!(path = %path.display(), "generated the encryption key for secrets at rest; back it up");
    Ok(Zeroizing::new(key.to_vec()))
}
