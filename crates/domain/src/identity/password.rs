//! Passwords: the policy of NIST SP 800-63B §5.1.1.2 and hashing with Argon2id at
//! OWASP's parameters (19 MiB, t=2, p=1).
use argon2::password_hash::{
    rand_core::OsRng, PasswordHash, PasswordHasher as _, PasswordVerifier, SaltString,
};
use argon2::{Algorithm, Argon2, Params, Version};
use std::collections::HashSet;
use std::sync::OnceLock;
use zeroize::Zeroizing;

pub const MIN_CHARS: usize = 10;
/// Long enough for any passphrase; bounded so a request cannot make us hash megabytes.
pub const MAX_BYTES: usize = 1024;

#[derive(Debug, Clone, Copy, PartialEq, Eq, thiserror::Error)]
pub enum PasswordError {
    #[error("the password must have at least 10 characters")]
    TooShort,
    #[error("the password is too long")]
    TooLong,
    #[error("this password is among the most common ones; choose another")]
    Common,
    #[error("the password must not be your email address")]
    SameAsEmail,
}

impl PasswordError {
    pub fn code(self) -> &'static str {
        match self {
            PasswordError::TooShort => "password_too_short",
            PasswordError::TooLong => "password_too_long",
            PasswordError::Common => "password_common",
            PasswordError::SameAsEmail => "password_is_email",
        }
    }
}

/// A password that passed the policy; only this type can be hashed for storage.
pub struct NewPassword(Zeroizing<String>);

impl NewPassword {
    pub fn parse(input: &str, email: &str) -> Result<Self, PasswordError> {
        if input.len() > MAX_BYTES {
            return Err(PasswordError::TooLong);
        }
        // NIST counts characters, not bytes: a Japanese passphrase counts per character.
        if input.chars().count() < MIN_CHARS {
            return Err(PasswordError::TooShort);
        }
        let lower = input.to_lowercase();
        if is_common(&lower) || is_trivial(&lower) {
            return Err(PasswordError::Common);
        }
        if lower == email.to_lowercase()
            || email
                .split('@')
                .next()
                .is_some_and(|l| l.len() >= MIN_CHARS && lower == l)
        {
            return Err(PasswordError::SameAsEmail);
        }
        Ok(Self(Zeroizing::new(input.to_owned())))
    }

    pub fn expose(&self) -> &str {
        &self.0
    }
}

fn common_passwords() -> &'static HashSet<&'static str> {
    static LIST: OnceLock<HashSet<&'static str>> = OnceLock::new();
    LIST.get_or_init(|| {
        include_str!("../../data/common-passwords.txt")
            .lines()
            .filter(|l| !l.is_empty())
            .collect()
    })
}

fn is_common(lower: &str) -> bool {
    common_passwords().contains(lower)
}

/// One repeated character or a straight run such as "abcdefghij" / "0123456789".
fn is_trivial(lower: &str) -> bool {
    let chars: Vec<char> = lower.chars().collect();
    let same = chars.windows(2).all(|w| w[0] == w[1]);
    let ascending = chars.windows(2).all(|w| (w[1] as u32) == (w[0] as u32) + 1);
    let descending = chars.windows(2).all(|w| (w[0] as u32) == (w[1] as u32) + 1);
    same || ascending || descending
}

/// Argon2id with fixed parameters. Verification reads the parameters from the stored
/// PHC string, so raising them later keeps old hashes valid (and `needs_rehash` says so).
#[derive(Clone)]
pub struct PasswordHasher {
    argon2: Argon2<'static>,
}

#[derive(Debug, thiserror::Error)]
#[error("password hashing failed: {0}")]
pub struct HashError(String);

impl PasswordHasher {
    /// OWASP Password Storage Cheat Sheet: m=19456 KiB, t=2, p=1.
    pub fn owasp() -> Self {
        Self::with_params(19 * 1024, 2, 1)
    }

    pub fn with_params(m_kib: u32, t: u32, p: u32) -> Self {
        let params = Params::new(m_kib, t, p, None).unwrap_or_default();
        Self {
            argon2: Argon2::new(Algorithm::Argon2id, Version::V0x13, params),
        }
    }

    pub fn hash(&self, secret: &str) -> Result<String, HashError> {
        let salt = SaltString::generate(&mut OsRng);
        self.argon2
            .hash_password(secret.as_bytes(), &salt)
            .map(|h| h.to_string())
            .map_err(|e| HashError(e.to_string()))
    }

    pub fn hash_password(&self, password: &NewPassword) -> Result<String, HashError> {
        self.hash(password.expose())
    }

    /// Constant-time comparison inside argon2; a malformed stored hash is a mismatch.
    pub fn verify(&self, stored_phc: &str, candidate: &str) -> bool {
        if candidate.len() > MAX_BYTES {
            return false;
        }
        match PasswordHash::new(stored_phc) {
            Ok(parsed) => self
                .argon2
                .verify_password(candidate.as_bytes(), &parsed)
                .is_ok(),
            Err(_) => false,
        }
    }

    /// Spends the same time as a real verification, so a login for an unknown email
    /// cannot be told apart by its latency (account enumeration).
    pub fn verify_dummy(&self, candidate: &str) {
        static DUMMY: OnceLock<String> = OnceLock::new();
        let dummy = DUMMY.get_or_init(|| self.hash("keydesk-dummy-password").unwrap_or_default());
        let _ = self.verify(dummy, candidate);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn policy() {
        assert_eq!(
            NewPassword::parse("short", "a@b.co").err(),
            Some(PasswordError::TooShort)
        );
        assert_eq!(
            NewPassword::parse("Password123", "a@b.co").err(),
            Some(PasswordError::Common)
        );
        assert_eq!(
            NewPassword::parse("qwertyuiop", "a@b.co").err(),
            Some(PasswordError::Common)
        );
        assert_eq!(
            NewPassword::parse("aaaaaaaaaaaa", "a@b.co").err(),
            Some(PasswordError::Common)
        );
        assert_eq!(
            NewPassword::parse("abcdefghijk", "a@b.co").err(),
            Some(PasswordError::Common)
        );
        assert_eq!(
            NewPassword::parse("alice.example@ex.com", "alice.example@ex.com").err(),
            Some(PasswordError::SameAsEmail)
        );
        assert_eq!(
            NewPassword::parse(&"x".repeat(2000), "a@b.co").err(),
            Some(PasswordError::TooLong)
        );
        assert!(NewPassword::parse("correct horse battery", "a@b.co").is_ok());
        // Ten Japanese characters are ten characters.
        assert!(NewPassword::parse("あおいそらとしろいくも", "a@b.co").is_ok());
    }

    #[test]
    fn hash_and_verify() {
        let hasher = PasswordHasher::with_params(1024, 1, 1);
        let h = hasher.hash("correct horse battery").unwrap();
        assert!(h.starts_with("$argon2id$"));
        assert!(hasher.verify(&h, "correct horse battery"));
        assert!(!hasher.verify(&h, "correct horse batterY"));
        assert!(!hasher.verify("not a hash", "x"));
    }

    #[test]
    fn owasp_parameters_are_in_the_hash() {
        let h = PasswordHasher::owasp()
            .hash("correct horse battery")
            .unwrap();
        assert!(h.starts_with("$argon2id$v=19$m=19456,t=2,p=1$"), "{h}");
    }
}
