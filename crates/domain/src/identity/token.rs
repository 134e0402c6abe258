//! Bearer secrets (session cookies, API tokens, email links): 256 random bits, sent
//! to the holder once and stored only as a SHA-256 digest, so a database dump holds
//! nothing that can be replayed. A fast hash is right here: the input is random.
use base64::Engine;
use rand::RngCore;
use sha2::{Digest, Sha256};
use subtle::ConstantTimeEq;

/// What a service token (for the exchange's other services) starts with, so a leaked
/// one is recognised and never taken for a session token.
pub const SERVICE_PREFIX: &str = "kdst_";

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

/// A session id: the milliseconds since 2025 followed by 18 random bits, so a token
/// does not count the sessions before it (a counter would tell each customer how many
/// logins the exchange has had since theirs), yet new sessions still land at the end of
/// the table, where the second factor and the first requests will touch them again.
/// Below 10^18 (at most 18 digits, as [`SessionToken::parse`] accepts) until 2145; after
/// that ids stay valid but stop growing.
/// `random` supplies the low bits (the caller draws it, as it reads the clock: no rule
/// reads either itself).
pub fn session_id(unix_ms: i64, random: u32) -> i64 {
    let ms =
        (unix_ms - SESSION_ID_EPOCH_MS).clamp(0, (SESSION_ID_LIMIT >> SESSION_ID_RANDOM_BITS) - 1);
    let random = i64::from(random) & ((1i64 << SESSION_ID_RANDOM_BITS) - 1);
    // Never 0: a token's id has no leading zero.
    ((ms << SESSION_ID_RANDOM_BITS) | random).max(1)
}

const SESSION_ID_EPOCH_MS: i64 = 1_735_689_600_000; // 2025-01-01T00:00:00Z
const SESSION_ID_RANDOM_BITS: u32 = 18;
pub const SESSION_ID_LIMIT: i64 = 1_000_000_000_000_000_000;

/// A session's bearer, `<session id>.<secret>`: the id finds the row by its primary
/// key, so no index of secrets has to be searched, or rewritten when a session rotates;
/// the secret's digest must then equal the stored one.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct SessionToken<'a> {
    pub id: i64,
    pub secret: &'a str,
}

impl<'a> SessionToken<'a> {
    pub fn format(id: i64, secret: &str) -> String {
        format!("{id}.{secret}")
    }

    /// `None` for anything we cannot have issued (checked before any lookup).
    pub fn parse(token: &'a str) -> Option<Self> {
        let (id, secret) = token.split_once('.')?;
        let canonical = !id.is_empty()
            && id.len() <= 18
            && !id.starts_with('0')
            && id.bytes().all(|b| b.is_ascii_digit());
        if !canonical || !looks_valid(secret) {
            return None;
        }
        Some(SessionToken {
            id: id.parse().ok()?,
            secret,
        })
    }

    /// Whether `stored` is the digest of this token's secret, in constant time.
    pub fn matches(&self, stored: &str) -> bool {
        digest(self.secret)
            .as_bytes()
            .ct_eq(stored.as_bytes())
            .into()
    }
}

#[cfg(test)]
mod tests {
    use super::SessionToken;

    #[test]
    fn session_tokens_name_their_row_and_prove_their_secret() {
        let secret = super::generate();
        let token = SessionToken::format(42, &secret);
        let parsed = SessionToken::parse(&token).unwrap();
        assert_eq!((parsed.id, parsed.secret), (42, secret.as_str()));
        assert!(parsed.matches(&super::digest(&secret)));
        assert!(!parsed.matches(&super::digest(&super::generate())));
        assert!(!parsed.matches(""));
        for bad in [
            secret.clone(),
            format!(".{secret}"),
            format!("042.{secret}"),
            format!("-1.{secret}"),
            format!("0.{secret}"),
            format!("4x.{secret}"),
            format!("1234567890123456789.{secret}"),
            "42.short".to_owned(),
            format!("42.{secret}."),
        ] {
            assert_eq!(SessionToken::parse(&bad), None, "{bad}");
        }
    }

    #[test]
    fn session_ids_are_random_within_their_millisecond_and_fit_a_token() {
        let now_ms = 1_800_000_000_000;
        for id in (0..1000).map(|r| super::session_id(now_ms, r * 7919)) {
            assert!((1..super::SESSION_ID_LIMIT).contains(&id));
            let token = SessionToken::format(id, &super::generate());
            assert_eq!(SessionToken::parse(&token).map(|t| t.id), Some(id));
        }
        // Later sessions sort after earlier ones; within one millisecond, at random.
        let (a, b) = (1_800_000_000_000, 1_800_000_000_001);
        assert!(super::session_id(a, u32::MAX) < super::session_id(b, 0));
        let same: std::collections::HashSet<i64> =
            (0..100).map(|r| super::session_id(a, r)).collect();
        assert_eq!(
            same.len(),
            100,
            "the random bits tell sessions of one millisecond apart"
        );
        // Until 2145, and valid after.
        let y2145 = 5_540_000_000_000; // July 2145
        assert!(super::session_id(y2145 - 10, 5) < super::session_id(y2145 - 9, 5));
        let far = super::session_id(i64::MAX / 2, u32::MAX);
        assert!(far < super::SESSION_ID_LIMIT && super::session_id(0, 0) >= 1);
    }

    #[test]
    fn shape() {
        let t = super::generate();
        assert!(super::looks_valid(&t));
        assert_ne!(super::digest(&t), t);
        assert!(!super::looks_valid("short"));
    }
}
