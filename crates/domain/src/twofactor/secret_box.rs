//! Secrets at rest (TOTP keys) under AES-256-GCM. The associated data names what
//! the ciphertext belongs to (e.g. `totp:42`), so a row copied onto another account
//! does not decrypt.
//!
//! Keys rotate: one primary key seals, retired keys only open, and each sealed value
//! names its key, so an operator can put a new key in place, keep the old one as
//! retired, re-seal everything (`keydesk keys reseal`) and then drop the old key.
//! Layout: version 2 ‖ key id (4 bytes) ‖ 96-bit random nonce ‖ ciphertext+tag. Values
//! sealed before key ids existed (version 1: no key id) still open, with any key.
use aes_gcm::aead::{Aead, KeyInit, Payload};
use aes_gcm::{Aes256Gcm, Nonce};
use rand::RngCore;
use sha2::{Digest, Sha256};
use zeroize::Zeroizing;

const VERSION_WITHOUT_KEY_ID: u8 = 1;
const VERSION: u8 = 2;
const NONCE_BYTES: usize = 12;
const TAG_BYTES: usize = 16;
pub const KEY_BYTES: usize = 32;

/// A public fingerprint of a key: not a secret, never enough to find the key.
pub type KeyId = [u8; 4];

#[derive(Clone)]
struct Key {
    id: KeyId,
    cipher: Aes256Gcm,
    /// A key for [`SecretBox::mac`], derived from this one: one secret to keep, and no
    /// ciphertext is ever under it.
    mac_key: Zeroizing<[u8; 32]>,
}

impl Key {
    fn new(bytes: &[u8]) -> Result<Self, SecretBoxError> {
        let cipher = Aes256Gcm::new_from_slice(bytes).map_err(|_| SecretBoxError::BadKey)?;
        Ok(Self {
            id: key_id(bytes),
            cipher,
            mac_key: mac_key(bytes),
        })
    }

    fn open(&self, nonce: &[u8], ct: &[u8], context: &str) -> Option<Zeroizing<Vec<u8>>> {
        self.cipher
            .decrypt(
                Nonce::from_slice(nonce),
                Payload {
                    msg: ct,
                    aad: context.as_bytes(),
                },
            )
            .ok()
            .map(Zeroizing::new)
    }
}

fn key_id(key: &[u8]) -> KeyId {
    let digest = Sha256::new()
        .chain_update(b"keydesk secret box key id\0")
        .chain_update(key)
        .finalize();
    [digest[0], digest[1], digest[2], digest[3]]
}

#[derive(Clone)]
pub struct SecretBox {
    primary: Key,
    retired: Vec<Key>,
}

type HmacSha256 = hmac::Hmac<Sha256>;

fn hmac_with(key: &[u8]) -> HmacSha256 {
    match <HmacSha256 as hmac::Mac>::new_from_slice(key) {
        Ok(mac) => mac,
        // HMAC takes a key of any length (a long one is hashed first).
        Err(_) => unreachable!("HMAC refused a key"),
    }
}

fn mac_under(key: &Key, purpose: &str, parts: &[&[u8]]) -> [u8; 32] {
    use hmac::Mac;
    let mut mac = hmac_with(key.mac_key.as_ref());
    mac.update(purpose.as_bytes());
    for part in parts {
        mac.update(&(part.len() as u64).to_be_bytes());
        mac.update(part);
    }
    mac.finalize().into_bytes().into()
}

fn mac_key(key: &[u8]) -> Zeroizing<[u8; 32]> {
    use hmac::Mac;
    let mut mac = hmac_with(key);
    mac.update(b"keydesk secret box mac key v1");
    Zeroizing::new(mac.finalize().into_bytes().into())
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, thiserror::Error)]
pub enum SecretBoxError {
    #[error("the encryption key must be 32 bytes")]
    BadKey,
    #[error("the ciphertext cannot be decrypted with this key")]
    Undecryptable,
}

impl SecretBox {
    pub fn new(key: &[u8]) -> Result<Self, SecretBoxError> {
        Ok(Self {
            primary: Key::new(key)?,
            retired: Vec::new(),
        })
    }

    /// A MAC of `parts` for `purpose` under the primary key: what the server can compute
    /// and nobody without the key can (a CSRF token bound to a session). Each part is
    /// length-prefixed, so no two lists of parts give the same input.
    pub fn mac(&self, purpose: &str, parts: &[&[u8]]) -> [u8; 32] {
        mac_under(&self.primary, purpose, parts)
    }

    /// Whether `sent` is the MAC of `parts` under any key held, retired ones included
    /// (what was given out before a rotation stays good), compared in constant time.
    pub fn mac_matches(&self, purpose: &str, parts: &[&[u8]], sent: &[u8]) -> bool {
        use subtle::ConstantTimeEq;
        self.keys()
            .map(|k| bool::from(mac_under(k, purpose, parts).ct_eq(sent)))
            .fold(false, |any, m| any | m)
    }

    /// Adds keys that open what they sealed but seal nothing new.
    pub fn with_retired<K: AsRef<[u8]>>(mut self, keys: &[K]) -> Result<Self, SecretBoxError> {
        for key in keys {
            let key = Key::new(key.as_ref())?;
            if key.id != self.primary.id && !self.retired.iter().any(|k| k.id == key.id) {
                self.retired.push(key);
            }
        }
        Ok(self)
    }

    pub fn generate_key() -> Zeroizing<[u8; KEY_BYTES]> {
        let mut key = Zeroizing::new([0u8; KEY_BYTES]);
        rand::rngs::OsRng.fill_bytes(key.as_mut());
        key
    }

    pub fn primary_key_id(&self) -> KeyId {
        self.primary.id
    }

    pub fn retired_key_ids(&self) -> Vec<KeyId> {
        self.retired.iter().map(|k| k.id).collect()
    }

    pub fn seal(&self, plaintext: &[u8], context: &str) -> Vec<u8> {
        let mut nonce = [0u8; NONCE_BYTES];
        rand::rngs::OsRng.fill_bytes(&mut nonce);
        let mut out = Vec::with_capacity(1 + 4 + NONCE_BYTES + plaintext.len() + TAG_BYTES);
        out.push(VERSION);
        out.extend_from_slice(&self.primary.id);
        out.extend_from_slice(&nonce);
        // Encryption with a valid key and in-memory buffers cannot fail.
        let ct = self
            .primary
            .cipher
            .encrypt(
                Nonce::from_slice(&nonce),
                Payload {
                    msg: plaintext,
                    aad: context.as_bytes(),
                },
            )
            .unwrap_or_default();
        out.extend_from_slice(&ct);
        out
    }

    pub fn open(&self, sealed: &[u8], context: &str) -> Result<Zeroizing<Vec<u8>>, SecretBoxError> {
        match sealed.first() {
            Some(&VERSION) if sealed.len() >= 1 + 4 + NONCE_BYTES + TAG_BYTES => {
                let (id, rest) = sealed[1..].split_at(4);
                let (nonce, ct) = rest.split_at(NONCE_BYTES);
                self.keys()
                    .find(|k| k.id == id)
                    .and_then(|k| k.open(nonce, ct, context))
            }
            Some(&VERSION_WITHOUT_KEY_ID) if sealed.len() >= 1 + NONCE_BYTES + TAG_BYTES => {
                let (nonce, ct) = sealed[1..].split_at(NONCE_BYTES);
                self.keys().find_map(|k| k.open(nonce, ct, context))
            }
            _ => None,
        }
        .ok_or(SecretBoxError::Undecryptable)
    }

    /// The key that sealed `sealed`, when it says (version 2).
    pub fn key_id_of(sealed: &[u8]) -> Option<KeyId> {
        match sealed {
            [VERSION, a, b, c, d, ..] => Some([*a, *b, *c, *d]),
            _ => None,
        }
    }

    /// Whether `sealed` names a key this box does not hold (a key that came after it).
    pub fn lacks_key_for(&self, sealed: &[u8]) -> bool {
        Self::key_id_of(sealed).is_some_and(|id| !self.keys().any(|k| k.id == id))
    }

    /// Whether `sealed` is already under the primary key (nothing to re-seal).
    pub fn is_current(&self, sealed: &[u8]) -> bool {
        sealed.first() == Some(&VERSION) && sealed.get(1..5) == Some(&self.primary.id[..])
    }

    fn keys(&self) -> impl Iterator<Item = &Key> {
        std::iter::once(&self.primary).chain(&self.retired)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_mac_depends_on_the_key_the_purpose_and_every_part() {
        let b = SecretBox::new(SecretBox::generate_key().as_ref()).unwrap();
        let m = b.mac("csrf", &[b"cookie", b"session"]);
        assert_eq!(m, b.mac("csrf", &[b"cookie", b"session"]));
        assert_ne!(m, b.mac("other", &[b"cookie", b"session"]));
        assert_ne!(m, b.mac("csrf", &[b"cookie", b"session2"]));
        assert_ne!(
            m,
            b.mac("csrf", &[b"cookies", b"ession"]),
            "parts are delimited"
        );
        let other = SecretBox::new(SecretBox::generate_key().as_ref()).unwrap();
        assert_ne!(m, other.mac("csrf", &[b"cookie", b"session"]));
        assert!(b.mac_matches("csrf", &[b"cookie", b"session"], &m));
        assert!(!other.mac_matches("csrf", &[b"cookie", b"session"], &m));
        assert!(!b.mac_matches("csrf", &[b"cookie", b"session"], &m[..31]));
    }

    #[test]
    fn a_mac_made_before_a_rotation_still_matches() {
        let old_key = SecretBox::generate_key();
        let old = SecretBox::new(old_key.as_ref()).unwrap();
        let m = old.mac("csrf", &[b"x"]);
        let rotated = SecretBox::new(SecretBox::generate_key().as_ref())
            .unwrap()
            .with_retired(&[old_key.as_ref()])
            .unwrap();
        assert_ne!(rotated.mac("csrf", &[b"x"]), m, "new MACs use the new key");
        assert!(rotated.mac_matches("csrf", &[b"x"], &m));
    }

    #[test]
    fn round_trip_and_binding() {
        let key = SecretBox::generate_key();
        let b = SecretBox::new(key.as_ref()).unwrap();
        let sealed = b.seal(b"secret", "totp:1");
        assert!(!sealed.windows(6).any(|w| w == b"secret"));
        assert_eq!(b.open(&sealed, "totp:1").unwrap().as_slice(), b"secret");
        assert_eq!(
            b.open(&sealed, "totp:2"),
            Err(SecretBoxError::Undecryptable)
        );
        let other = SecretBox::new(SecretBox::generate_key().as_ref()).unwrap();
        assert_eq!(
            other.open(&sealed, "totp:1"),
            Err(SecretBoxError::Undecryptable)
        );
        assert_eq!(
            b.open(&sealed[..10], "totp:1"),
            Err(SecretBoxError::Undecryptable)
        );
        assert_eq!(
            SecretBox::new(&[0u8; 5]).err(),
            Some(SecretBoxError::BadKey)
        );
    }

    #[test]
    fn rotation_keeps_old_values_readable_until_resealed() {
        let (old_key, new_key) = (SecretBox::generate_key(), SecretBox::generate_key());
        let old = SecretBox::new(old_key.as_ref()).unwrap();
        let sealed_old = old.seal(b"secret", "totp:1");
        assert!(old.is_current(&sealed_old));

        let rotated = SecretBox::new(new_key.as_ref())
            .unwrap()
            .with_retired(&[old_key.as_ref()])
            .unwrap();
        assert_eq!(rotated.retired_key_ids(), vec![old.primary_key_id()]);
        assert_eq!(
            rotated.open(&sealed_old, "totp:1").unwrap().as_slice(),
            b"secret"
        );
        assert!(!rotated.is_current(&sealed_old));
        assert!(!rotated.lacks_key_for(&sealed_old));
        let resealed = rotated.seal(b"secret", "totp:1");
        assert!(rotated.is_current(&resealed));
        assert_eq!(
            SecretBox::key_id_of(&resealed),
            Some(rotated.primary_key_id())
        );

        // Once the old key is dropped, only what was re-sealed still opens.
        let new_only = SecretBox::new(new_key.as_ref()).unwrap();
        assert_eq!(
            new_only.open(&resealed, "totp:1").unwrap().as_slice(),
            b"secret"
        );
        assert_eq!(
            new_only.open(&sealed_old, "totp:1"),
            Err(SecretBoxError::Undecryptable)
        );
        // The old box cannot open what the new key sealed, and knows why.
        assert!(old.lacks_key_for(&resealed));
        assert_eq!(
            old.open(&resealed, "totp:1"),
            Err(SecretBoxError::Undecryptable)
        );
        // Retiring the primary key itself, or a key twice, changes nothing.
        let same = SecretBox::new(new_key.as_ref())
            .unwrap()
            .with_retired(&[new_key.as_ref(), old_key.as_ref(), old_key.as_ref()])
            .unwrap();
        assert_eq!(same.retired_key_ids(), vec![old.primary_key_id()]);
        assert_eq!(
            SecretBox::new(new_key.as_ref())
                .unwrap()
                .with_retired(&[[1u8; 3]])
                .err(),
            Some(SecretBoxError::BadKey)
        );
    }

    #[test]
    fn values_sealed_before_key_ids_still_open() {
        // Version 1: version ‖ nonce ‖ ciphertext+tag, as the first release wrote it.
        let key = SecretBox::generate_key();
        let cipher = Aes256Gcm::new_from_slice(key.as_ref()).unwrap();
        let nonce = [7u8; NONCE_BYTES];
        let ct = cipher
            .encrypt(
                Nonce::from_slice(&nonce),
                Payload {
                    msg: b"legacy",
                    aad: b"totp:9",
                },
            )
            .unwrap();
        let mut v1 = vec![VERSION_WITHOUT_KEY_ID];
        v1.extend_from_slice(&nonce);
        v1.extend_from_slice(&ct);

        let b = SecretBox::new(key.as_ref()).unwrap();
        assert_eq!(b.open(&v1, "totp:9").unwrap().as_slice(), b"legacy");
        assert!(!b.is_current(&v1), "version 1 values are re-sealed");
        assert_eq!(SecretBox::key_id_of(&v1), None);
        assert!(!b.lacks_key_for(&v1));
        let rotated = SecretBox::new(SecretBox::generate_key().as_ref())
            .unwrap()
            .with_retired(&[key.as_ref()])
            .unwrap();
        assert_eq!(rotated.open(&v1, "totp:9").unwrap().as_slice(), b"legacy");
        assert_eq!(b.open(&v1, "totp:8"), Err(SecretBoxError::Undecryptable));
        assert_eq!(b.open(&[], "totp:9"), Err(SecretBoxError::Undecryptable));
        assert_eq!(
            b.open(&[3; 40], "totp:9"),
            Err(SecretBoxError::Undecryptable)
        );
    }
}
