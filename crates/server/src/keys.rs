//! The key that encrypts TOTP secrets at rest: from the configuration, or in the
//! embedded default generated once into `{data_dir}/secret.key` readable by the owner
//! only. Losing it means every customer must enroll 2FA again: back it up apart from
//! the database.
//!
//! Rotation: the new key seals, retired keys (`security.retired_encryption_keys`, and
//! in the embedded default `{data_dir}/secret.key.retired`, one per line) still open,
//! until `keydesk keys reseal` has re-sealed every secret under the new key. A running
//! server picks up a rotated key file by itself ([`Keyring`]).
use crate::config::Settings;
use anyhow::{bail, Context};
use keydesk_domain::secret_box::{KeyId, SecretBox, SecretBoxError, KEY_BYTES};
use secrecy::ExposeSecret;
use std::io::Write;
use std::os::unix::fs::{OpenOptionsExt, PermissionsExt};
use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex, RwLock};
use std::time::{Duration, Instant};
use zeroize::Zeroizing;

type Key = Zeroizing<Vec<u8>>;

/// The keys a running keydesk uses. When a sealed value names a key this process does
/// not hold — the embedded key file was rotated and the secrets re-sealed while it ran —
/// the keys are read again from their files, so the server carries on (and seals under
/// the new key) without a restart.
pub struct Keyring {
    settings: Settings,
    current: RwLock<Arc<SecretBox>>,
    last_reload: Mutex<Option<Instant>>,
}

/// Sealed values come from the database, not from requests; still, a broken one must
/// not make every request read the key files.
const RELOAD_AT_MOST_EVERY: Duration = Duration::from_secs(5);

impl Keyring {
    pub fn load(settings: &Settings) -> anyhow::Result<Self> {
        Ok(Self {
            current: RwLock::new(Arc::new(load_secret_box(settings)?)),
            settings: settings.clone(),
            last_reload: Mutex::new(None),
        })
    }

    pub fn current(&self) -> Arc<SecretBox> {
        self.current
            .read()
            .unwrap_or_else(|poisoned| poisoned.into_inner())
            .clone()
    }

    pub fn seal(&self, plaintext: &[u8], context: &str) -> Vec<u8> {
        self.current().seal(plaintext, context)
    }

    pub fn open(&self, sealed: &[u8], context: &str) -> Result<Key, SecretBoxError> {
        let current = self.current();
        match current.open(sealed, context) {
            Err(e) if current.lacks_key_for(sealed) => match self.reload() {
                Some(reloaded) => reloaded.open(sealed, context),
                None => Err(e),
            },
            opened => opened,
        }
    }

    pub fn is_current(&self, sealed: &[u8]) -> bool {
        self.current().is_current(sealed)
    }

    pub fn primary_key_id(&self) -> KeyId {
        self.current().primary_key_id()
    }

    pub fn retired_key_ids(&self) -> Vec<KeyId> {
        self.current().retired_key_ids()
    }

    /// Reads the keys again (never creating a key file); `None` if that was done a
    /// moment ago or failed.
    fn reload(&self) -> Option<Arc<SecretBox>> {
        {
            let mut last = self
                .last_reload
                .lock()
                .unwrap_or_else(|poisoned| poisoned.into_inner());
            if last.is_some_and(|t| t.elapsed() < RELOAD_AT_MOST_EVERY) {
                return None;
            }
            *last = Some(Instant::now());
        }
        match read_secret_box(&self.settings) {
            Ok(reloaded) => {
                let reloaded = Arc::new(reloaded);
                tracing::info!(
                    key = %key_id_hex(reloaded.primary_key_id()),
                    "read the encryption keys again: a secret was sealed under a key this process did not hold"
                );
                *self
                    .current
                    .write()
                    .unwrap_or_else(|poisoned| poisoned.into_inner()) = reloaded.clone();
                Some(reloaded)
            }
            Err(e) => {
                tracing::error!(error = %e, "reading the encryption keys again failed");
                None
            }
        }
    }
}

fn load_secret_box(settings: &Settings) -> anyhow::Result<SecretBox> {
    if settings.security.encryption_key.is_none() && !key_path(settings).exists() {
        create_key_file(settings)?;
    }
    read_secret_box(settings)
}

/// The configured keys, or the key files, which must exist.
fn read_secret_box(settings: &Settings) -> anyhow::Result<SecretBox> {
    let mut retired = settings
        .security
        .retired_encryption_keys
        .iter()
        .map(|k| decode(k.expose_secret()).context("security.retired_encryption_keys"))
        .collect::<anyhow::Result<Vec<Key>>>()?;
    let primary = match &settings.security.encryption_key {
        Some(hex_key) => decode(hex_key.expose_secret()).context("security.encryption_key")?,
        None => {
            retired.extend(read_retired_file(&retired_path(settings))?);
            let path = key_path(settings);
            decode(&read_private(&path)?).with_context(|| path.display().to_string())?
        }
    };
    SecretBox::new(&primary)
        .and_then(|b| b.with_retired(&retired))
        .context("security.encryption_key")
}

/// A key as hex, for the configuration or the key file.
pub fn generate_hex() -> Zeroizing<String> {
    Zeroizing::new(hex::encode(SecretBox::generate_key().as_ref()))
}

pub fn key_id_hex(id: KeyId) -> String {
    hex::encode(id)
}

fn key_path(settings: &Settings) -> PathBuf {
    settings.data_dir.join("secret.key")
}

fn retired_path(settings: &Settings) -> PathBuf {
    settings.data_dir.join("secret.key.retired")
}

fn decode(text: &str) -> anyhow::Result<Key> {
    let key = Zeroizing::new(hex::decode(text.trim()).context("not hexadecimal")?);
    if key.len() != KEY_BYTES {
        bail!(
            "a key must be {KEY_BYTES} bytes ({} hex characters)",
            KEY_BYTES * 2
        );
    }
    Ok(key)
}

/// The file's text, refusing a file that others may read.
fn read_private(path: &Path) -> anyhow::Result<Zeroizing<String>> {
    let mode = std::fs::metadata(path)?.permissions().mode();
    if mode & 0o077 != 0 {
        bail!(
            "{} is readable by others (mode {:o}); run: chmod 600 {}",
            path.display(),
            mode & 0o777,
            path.display()
        );
    }
    Ok(Zeroizing::new(
        std::fs::read_to_string(path).with_context(|| format!("reading {}", path.display()))?,
    ))
}

fn read_retired_file(path: &Path) -> anyhow::Result<Vec<Key>> {
    if !path.exists() {
        return Ok(Vec::new());
    }
    let text = read_private(path)?;
    text.lines()
        .filter(|l| !l.trim().is_empty())
        .enumerate()
        .map(|(i, l)| decode(l).with_context(|| format!("{} line {}", path.display(), i + 1)))
        .collect()
}

fn create_key_file(settings: &Settings) -> anyhow::Result<()> {
    let path = key_path(settings);
    std::fs::create_dir_all(&settings.data_dir)
        .with_context(|| format!("creating {}", settings.data_dir.display()))?;
    write_private(&path, generate_hex().as_bytes(), true)?;
    tracing::info!(path = %path.display(), "generated the encryption key for secrets at rest; back it up");
    Ok(())
}

/// Writes (or, with `create_new` false, appends) owner-only bytes and syncs them.
fn write_private(path: &Path, bytes: &[u8], create_new: bool) -> anyhow::Result<()> {
    let mut options = std::fs::OpenOptions::new();
    if create_new {
        options.write(true).create_new(true);
    } else {
        options.append(true).create(true);
    }
    let mut file = options
        .mode(0o600)
        .open(path)
        .with_context(|| format!("writing {}", path.display()))?;
    file.write_all(bytes)?;
    file.sync_all()?;
    Ok(())
}

pub struct Rotated {
    pub old: KeyId,
    pub new: KeyId,
}

/// The embedded default's rotation: a new `secret.key`, the old one appended to
/// `secret.key.retired` first (so that no crash can lose it), then the new one renamed
/// into place. Secrets stay sealed under the old key until `keys reseal`.
pub fn rotate_key_file(settings: &Settings) -> anyhow::Result<Rotated> {
    if settings.security.encryption_key.is_some() {
        bail!(
            "the key comes from the configuration (security.encryption_key): put a new one \
             there (`keydesk keys generate`), move the old one to \
             security.retired_encryption_keys, restart keydesk, then run `keydesk keys reseal`"
        );
    }
    let path = key_path(settings);
    if !path.exists() {
        bail!(
            "{} does not exist yet: there is nothing to rotate",
            path.display()
        );
    }
    let old = decode(&read_private(&path)?).with_context(|| path.display().to_string())?;
    let mut line = Zeroizing::new(hex::encode(&*old));
    line.push('\n');
    write_private(&retired_path(settings), line.as_bytes(), false)?;
    let new = generate_hex();
    let staged = settings.data_dir.join("secret.key.new");
    let _ = std::fs::remove_file(&staged);
    write_private(&staged, new.as_bytes(), true)?;
    std::fs::rename(&staged, &path).with_context(|| format!("replacing {}", path.display()))?;
    std::fs::File::open(&settings.data_dir)?.sync_all()?;
    let id = |k: &[u8]| SecretBox::new(k).map(|b| b.primary_key_id());
    Ok(Rotated {
        old: id(&old)?,
        new: id(&decode(&new)?)?,
    })
}
