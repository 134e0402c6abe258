//! Secrets at rest (TOTP keys) under AES-256-GCM. The associated data names what
//! the ciphertext belongs to (e.g. `totp:42`), so a row copied onto another account
//! does not decrypt. Layout: version byte ‖ 96-bit random nonce ‖ ciphertext+tag.
use aes_gcm::aead::{Aead, KeyInit, Payload};
use aes_gcm::{Aes256Gcm, Nonce};
use rand::RngCore;
use zeroize::Zeroizing;

const VERSION: u8 = 1;
pub const KEY_BYTES: usize = 32;

#[derive(Clone)]
pub struct SecretBox {
    cipher: Aes256Gcm,
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
        let cipher = Aes256Gcm::new_from_slice(key).map_err(|_| SecretBoxError::BadKey)?;
        Ok(Self { cipher })
    }

    pub fn generate_key() -> Zeroizing<[u8; KEY_BYTES]> {
        let mut key = Zeroizing::new([0u8; KEY_BYTES]);
        rand::rngs::OsRng.fill_bytes(key.as_mut());
        key
    }

    pub fn seal(&self, plaintext: &[u8], context: &str) -> Vec<u8> {
        let mut nonce = [0u8; 12];
        rand::rngs::OsRng.fill_bytes(&mut nonce);
        let mut out = Vec::with_capacity(1 + 12 + plaintext.len() + 16);
        out.push(VERSION);
        out.extend_from_slice(&nonce);
        // Encryption with a valid key and in-memory buffers cannot fail.
        let ct = self
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
        if sealed.len() < 1 + 12 + 16 || sealed[0] != VERSION {
            return Err(SecretBoxError::Undecryptable);
        }
        let (nonce, ct) = sealed[1..].split_at(12);
        self.cipher
            .decrypt(
                Nonce::from_slice(nonce),
                Payload {
                    msg: ct,
                    aad: context.as_bytes(),
                },
            )
            .map(Zeroizing::new)
            .map_err(|_| SecretBoxError::Undecryptable)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

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
}
