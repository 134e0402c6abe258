//! Bearer secrets (session cookies, API tokens, email links): 256 random bits, sent
//! to the holder once and stored only as a SHA-256 digest, so a database dump holds
//! nothing that can be replayed. A fast hash is right here: the input is random.
use base64::Engine;
use rand::RngCore;
use sha2::{Digest, Sha256};

pub fn generate() -> String {
    let mut bytes = [0u8; 32];
    rand::rngs::OsRng.fill_bytes(&mut bytes);
    base64::engine::general_purpose::URL_SAFE_NO_PAD.encode(bytes)
}

pub fn digest(token: &str) -> String {
    let hash = Sha256::digest(token.as_bytes());
    base64::engine::general_purpose::URL_SAFE_NO_PAD.encode(hash)
}

/// Tokens we issue are 43 URL-safe characters; anything else is refused before a lookup.
pub fn looks_valid(token: &str) -> bool {
    token.len() == 43
        && token
            .bytes()
            .all(|b| b.is_ascii_alphanumeric() || b == b'-' || b == b'_')
}

#[cfg(test)]
mod tests {
    #[test]
    fn shape() {
        let t = super::generate();
        assert!(super::looks_valid(&t));
        assert_ne!(super::digest(&t), t);
        assert!(!super::looks_valid("short"));
    }
}
