//! Envelope encryption for files that must not be readable where they are stored
//! (identity images): each file is encrypted (AES-256-GCM) under a data key of its own,
//! made for it; the data key is sealed with the keyring and kept in the database row.
//! A leaked bucket or disk shows no image, a leaked database no key that opens one
//! without the keyring; rotating the keyring re-seals short keys, never the files.
use crate::keys::Keyring;
use keydesk_domain::twofactor::secret_box::SecretBox;
use zeroize::Zeroizing;

/// A file ready to store: its encrypted bytes, and its data key sealed for the row.
pub struct Sealed {
    pub bytes: Vec<u8>,
    pub sealed_key: String,
}

/// The file's name is bound to both: a ciphertext copied over another row's file, or a
/// key moved to another row, does not open.
fn file_context(name: &str) -> String {
    format!("file:{name}")
}

pub fn key_context(name: &str) -> String {
    format!("file-key:{name}")
}

pub fn seal(keyring: &Keyring, plain: &[u8], name: &str) -> anyhow::Result<Sealed> {
    let key = SecretBox::generate_key();
    let data = SecretBox::new(&key[..]).map_err(|e| anyhow::anyhow!("data key: {e}"))?;
    let encoded = Zeroizing::new(hex::encode(&key[..]));
    Ok(Sealed {
        bytes: data.seal(plain, &file_context(name)),
        sealed_key: keyring.seal_text(&encoded, &key_context(name)),
    })
}

pub fn open(
    keyring: &Keyring,
    bytes: &[u8],
    sealed_key: &str,
    name: &str,
) -> anyhow::Result<Zeroizing<Vec<u8>>> {
    let encoded = Zeroizing::new(keyring.open_text(sealed_key, &key_context(name))?);
    let key = Zeroizing::new(hex::decode(encoded.as_bytes())?);
    let data = SecretBox::new(&key).map_err(|e| anyhow::anyhow!("data key: {e}"))?;
    data.open(bytes, &file_context(name))
        .map_err(|e| anyhow::anyhow!("file {name} does not open under its key: {e}"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_sealed_file_opens_only_with_its_own_key_and_name() {
        let (_dir, keyring) = Keyring::temporary();
        let image = b"\xff\xd8\xff passport photo page JPEG bytes".repeat(100);
        let a = seal(&keyring, &image, "a.jpg").unwrap();
        let b = seal(&keyring, &image, "b.jpg").unwrap();
        // Nothing of the image shows in what is stored.
        assert!(!a.bytes.windows(8).any(|w| w == b"passport"));
        assert_ne!(a.bytes, b.bytes);
        assert_eq!(
            &open(&keyring, &a.bytes, &a.sealed_key, "a.jpg").unwrap()[..],
            &image[..]
        );
        assert!(open(&keyring, &a.bytes, &b.sealed_key, "a.jpg").is_err());
        assert!(open(&keyring, &a.bytes, &a.sealed_key, "b.jpg").is_err());
        let (_other, stranger) = Keyring::temporary();
        assert!(open(&stranger, &a.bytes, &a.sealed_key, "a.jpg").is_err());
    }
}
