//! The key that encrypts TOTP secrets at rest: in the configuration
//! (`security.encryption_key`), or in a key file readable by the owner only — the one
//! `security.encryption_key_file` names (a secret every instance mounts), or in the
//! embedded default `{data_dir}/secret.key`, generated once. Losing it means every
//! customer must enroll 2FA again: back it up apart from the database.
//!
//! Rotation: the new key seals, retired keys (`security.retired_encryption_keys`, and
//! the key file's name plus `.retired`, one per line) still open, until
//! `keydesk keys reseal` has re-sealed every secret under the new key. A running server
//! picks up a rotated key file by itself ([`Keyring`]).
use crate::config::Settings;
use anyhow::{bail, Context};
use base64::engine::general_purpose::STANDARD_NO_PAD as BASE64;
use base64::Engine;
use keydesk_domain::twofactor::secret_box::{KeyId, SecretBox, SecretBoxError, KEY_BYTES};
use secrecy::ExposeSecret;
use std::io::Write;
use std::os::unix::fs::{OpenOptionsExt, PermissionsExt};
use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex, RwLock};
use std::time::{Duration, Instant};
use zeroize::Zeroizing;

type Key = Zeroizing<Vec<u8>>;

/// What `keydesk keys reseal` did to one kind of sealed value.
#[derive(Debug, Default, Clone, PartialEq, Eq)]
pub struct Resealed {
    /// Now sealed under the primary key.
    pub resealed: u64,
    /// Already were.
    pub current: u64,
    /// Changed (re-enrolled, removed, delivered) between reading and writing: left as
    /// the change made it.
    pub changed_meanwhile: u64,
    /// Rows no configured key opens (their ids).
    pub unreadable: Vec<i64>,
}

/// The keys a running keydesk uses. The key file may be replaced while the server runs
/// (`keydesk keys rotate`, or a new secret mounted for every instance): before sealing,
/// the server notices that the file changed, and when a sealed value names a key it does
/// not hold (sealed by another instance, or re-sealed by `keydesk keys reseal`), it reads
/// the key files again. So it never seals under a key that was retired, and needs no
/// restart.
pub struct Keyring {
    settings: Settings,
    current: RwLock<Arc<SecretBox>>,
    read: Mutex<Read>,
}

/// The key file as it was when the keys were last read, and the last key id that
/// reading them again did not find.
struct Read {
    file: Option<FileStamp>,
    missed: Option<(KeyId, Instant)>,
}

/// Rotation renames a new file into place: another inode, another modification time.
type FileStamp = (u64, Option<std::time::SystemTime>);

/// Sealed values come from the database, not from requests; still, one under a key
/// nobody has must not make every request read the key files.
const RETRY_MISSING_KEY_AFTER: Duration = Duration::from_secs(5);

impl Keyring {
    pub fn load(settings: &Settings) -> anyhow::Result<Self> {
        let secret_box = load_secret_box(settings)?;
        Ok(Self {
            read: Mutex::new(Read {
                file: key_file_stamp(settings),
                missed: None,
            }),
            current: RwLock::new(Arc::new(secret_box)),
            settings: settings.clone(),
        })
    }

    pub fn current(&self) -> Arc<SecretBox> {
        self.current
            .read()
            .unwrap_or_else(|poisoned| poisoned.into_inner())
            .clone()
    }

    /// Seals under the primary key, read again first if the key file was replaced
    /// (sealing is rare: an enrollment, a re-seal).
    pub fn seal(&self, plaintext: &[u8], context: &str) -> Vec<u8> {
        let changed = key_file_stamp(&self.settings) != self.lock_read().file;
        let current = if changed {
            self.reload().unwrap_or_else(|| self.current())
        } else {
            self.current()
        };
        current.seal(plaintext, context)
    }

    pub fn open(&self, sealed: &[u8], context: &str) -> Result<Key, SecretBoxError> {
        let current = self.current();
        let opened = current.open(sealed, context);
        let Some(id) = SecretBox::key_id_of(sealed).filter(|_| current.lacks_key_for(sealed))
        else {
            return opened;
        };
        if self
            .lock_read()
            .missed
            .is_some_and(|(missed, at)| missed == id && at.elapsed() < RETRY_MISSING_KEY_AFTER)
        {
            return opened;
        }
        let reloaded = self.reload().unwrap_or(current);
        if reloaded.lacks_key_for(sealed) {
            self.lock_read().missed = Some((id, Instant::now()));
        }
        reloaded.open(sealed, context)
    }

    pub fn is_current(&self, sealed: &[u8]) -> bool {
        self.current().is_current(sealed)
    }

    /// A keyring with a fresh key file in a temporary data directory, for unit tests.
    #[cfg(test)]
    pub fn temporary() -> (tempfile::TempDir, Keyring) {
        let dir = tempfile::tempdir().unwrap();
        let settings = Settings {
            data_dir: dir.path().to_path_buf(),
            ..Settings::default()
        };
        let keys = Keyring::load(&settings).unwrap();
        (dir, keys)
    }

    /// Seals text for a TEXT column (a job's payload, a kept mail): base64 of the sealed
    /// bytes, so a dump or a backup holds nothing that can be replayed.
    pub fn seal_text(&self, plaintext: &str, context: &str) -> String {
        BASE64.encode(self.seal(plaintext.as_bytes(), context))
    }

    /// What [`Self::seal_text`] wrote, sealed again under the primary key; `None` when it
    /// already is.
    pub fn reseal_text(&self, sealed: &str, context: &str) -> anyhow::Result<Option<String>> {
        let bytes = BASE64.decode(sealed).context("sealed text is not base64")?;
        if self.is_current(&bytes) {
            return Ok(None);
        }
        let plain = self.open_text(sealed, context)?;
        Ok(Some(self.seal_text(&plain, context)))
    }

    /// Opens what [`Self::seal_text`] wrote under the same context.
    pub fn open_text(&self, sealed: &str, context: &str) -> anyhow::Result<String> {
        let bytes = BASE64.decode(sealed).context("sealed text is not base64")?;
        let opened = self
            .open(&bytes, context)
            .map_err(|e| anyhow::anyhow!("cannot open sealed {context}: {e}"))?;
        Ok(String::from_utf8(opened.to_vec())?)
    }

    pub fn primary_key_id(&self) -> KeyId {
        self.current().primary_key_id()
    }

    pub fn retired_key_ids(&self) -> Vec<KeyId> {
        self.current().retired_key_ids()
    }

    fn lock_read(&self) -> std::sync::MutexGuard<'_, Read> {
        self.read
            .lock()
            .unwrap_or_else(|poisoned| poisoned.into_inner())
    }

    /// Reads the keys again (never creating a key file); `None` if that failed.
    fn reload(&self) -> Option<Arc<SecretBox>> {
        let mut read = self.lock_read();
        // The stamp before the contents: a change in between is seen next time.
        read.file = key_file_stamp(&self.settings);
        match read_secret_box(&self.settings) {
            Ok(reloaded) => {
                let reloaded = Arc::new(reloaded);
                tracing::info!(
                    key = %key_id_hex(reloaded.primary_key_id()),
                    "read the encryption keys again"
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

/// The key file's identity; `None` with a key in the configuration (nothing to follow).
fn key_file_stamp(settings: &Settings) -> Option<FileStamp> {
    use std::os::unix::fs::MetadataExt;
    if settings.security.encryption_key.is_some() {
        return None;
    }
    let meta = std::fs::metadata(key_path(settings)).ok()?;
    Some((meta.ino(), meta.modified().ok()))
}

/// Generates the embedded default's key file on first start. A configured key file is
/// never generated: a missing secret mount must not give one instance a key of its own.
fn load_secret_box(settings: &Settings) -> anyhow::Result<SecretBox> {
    let security = &settings.security;
    let path = key_path(settings);
    match &security.encryption_key_file {
        Some(_) if !path.exists() => bail!(
            "security.encryption_key_file: {} does not exist (make one with \
             `keydesk keys generate --out {}`)",
            path.display(),
            path.display()
        ),
        Some(_) => read_secret_box(settings).context("security.encryption_key_file"),
        None if security.encryption_key.is_none() && !path.exists() => {
            create_key_file(settings)?;
            read_secret_box(settings)
        }
        None => read_secret_box(settings),
    }
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

pub fn key_path(settings: &Settings) -> PathBuf {
    match &settings.security.encryption_key_file {
        Some(path) => path.clone(),
        None => settings.data_dir.join("secret.key"),
    }
}

/// `secret.key` → `secret.key.retired`, beside it.
pub fn retired_path(settings: &Settings) -> PathBuf {
    sibling(&key_path(settings), ".retired")
}

fn sibling(path: &Path, suffix: &str) -> PathBuf {
    let mut name = path.as_os_str().to_owned();
    name.push(suffix);
    PathBuf::from(name)
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

/// A new key in a new owner-only file (never over an existing one: that would lose the
/// key it holds); returns the key's id.
pub fn create_key_file_at(path: &Path) -> anyhow::Result<KeyId> {
    let key = generate_hex();
    write_private(path, key.as_bytes(), true)?;
    Ok(SecretBox::new(&decode(&key)?)?.primary_key_id())
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
    pub key_file: PathBuf,
    pub retired_file: PathBuf,
}

/// A key file's rotation: a new key, the old one appended to the `.retired` file first
/// (so that no crash can lose it), then the new one renamed into place. Secrets stay
/// sealed under the old key until `keys reseal`.
pub fn rotate_key_file(settings: &Settings) -> anyhow::Result<Rotated> {
    if settings.security.encryption_key.is_some() {
        bail!(
            "the key comes from the configuration (security.encryption_key): add a new one \
             (`keydesk keys generate`) to security.retired_encryption_keys and restart every \
             instance; then swap it with security.encryption_key and restart every instance \
             again; then run `keydesk keys reseal` (README, \"Rotating the encryption key\")"
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
    let retired = retired_path(settings);
    write_private(&retired, line.as_bytes(), false)?;
    let new = generate_hex();
    // Beside the key file, so that the rename is atomic.
    let staged = sibling(&path, ".new");
    let _ = std::fs::remove_file(&staged);
    write_private(&staged, new.as_bytes(), true)?;
    std::fs::rename(&staged, &path).with_context(|| format!("replacing {}", path.display()))?;
    let dir = path
        .parent()
        .filter(|d| !d.as_os_str().is_empty())
        .unwrap_or(Path::new("."));
    std::fs::File::open(dir)?.sync_all()?;
    let id = |k: &[u8]| SecretBox::new(k).map(|b| b.primary_key_id());
    Ok(Rotated {
        old: id(&old)?,
        new: id(&decode(&new)?)?,
        key_file: path,
        retired_file: retired,
    })
}
