//! Time-based one-time passwords as Google Authenticator users expect them:
//! RFC 6238 with SHA-1, 6 digits, 30-second steps (authenticator apps silently ignore
//! other parameters), 160-bit secrets, ±1 step of clock skew, and a step accepted once
//! never accepted again (RFC 6238 §5.2).
use crate::UnixTime;
use subtle::ConstantTimeEq;
use totp_rs::{Algorithm, TOTP};
use zeroize::Zeroizing;

pub const STEP_SECONDS: u64 = 30;
pub const DIGITS: usize = 6;
/// RFC 6238 §5.2 recommends at most one step of network/clock delay.
pub const SKEW_STEPS: u64 = 1;
/// RFC 4226 §4 R6 recommends 160 bits (the SHA-1 output length).
pub const SECRET_BYTES: usize = 20;

#[derive(Clone)]
pub struct TotpSecret(Zeroizing<Vec<u8>>);

impl std::fmt::Debug for TotpSecret {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("TotpSecret(..)")
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, thiserror::Error)]
pub enum TotpError {
    #[error("the code must be 6 digits")]
    Malformed,
    #[error("the code is not correct")]
    Invalid,
    #[error("this code has already been used; wait for the next one")]
    Replayed,
    #[error("the secret is too short")]
    WeakSecret,
}

impl TotpError {
    pub fn code(self) -> &'static str {
        match self {
            TotpError::Malformed => "code_malformed",
            TotpError::Invalid => "code_invalid",
            TotpError::Replayed => "code_replayed",
            TotpError::WeakSecret => "secret_weak",
        }
    }
}

impl TotpSecret {
    pub fn generate() -> Self {
        use rand::RngCore;
        let mut bytes = vec![0u8; SECRET_BYTES];
        rand::rngs::OsRng.fill_bytes(&mut bytes);
        Self(Zeroizing::new(bytes))
    }

    pub fn from_bytes(bytes: Vec<u8>) -> Result<Self, TotpError> {
        // RFC 4226 §4 R6: at least 128 bits.
        if bytes.len() < 16 {
            return Err(TotpError::WeakSecret);
        }
        Ok(Self(Zeroizing::new(bytes)))
    }

    pub fn as_bytes(&self) -> &[u8] {
        &self.0
    }

    /// RFC 4648 base32 without padding, as authenticator apps take it.
    pub fn to_base32(&self) -> String {
        data_encoding::BASE32_NOPAD.encode(&self.0)
    }

    /// The base32 secret in groups of four, easier to copy onto paper.
    pub fn to_base32_grouped(&self) -> String {
        let b = self.to_base32();
        b.as_bytes()
            .chunks(4)
            .map(|c| String::from_utf8_lossy(c).into_owned())
            .collect::<Vec<_>>()
            .join(" ")
    }

    fn totp(&self, issuer: Option<&str>, account: &str) -> TOTP {
        // The account label must not hold ':' (Key URI format); the issuer prefix is ours.
        TOTP::new_unchecked(
            Algorithm::SHA1,
            DIGITS,
            SKEW_STEPS as u8,
            STEP_SECONDS,
            self.0.to_vec(),
            issuer.map(|i| i.replace(':', " ")),
            account.replace(':', " "),
        )
    }

    pub fn code_at_step(&self, step: u64) -> String {
        self.totp(None, "").generate(step * STEP_SECONDS)
    }

    /// The Key URI (`otpauth://totp/Issuer:account?secret=…&issuer=…`) that QR codes carry.
    pub fn otpauth_uri(&self, issuer: &str, account: &str) -> String {
        self.totp(Some(issuer), account).get_url()
    }
}

/// A code as the person typed it: spaces and hyphens are ignored.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TotpCode(String);

impl TotpCode {
    pub fn parse(input: &str) -> Result<Self, TotpError> {
        let digits: String = input
            .chars()
            .filter(|c| !c.is_whitespace() && *c != '-')
            .collect();
        if digits.len() == DIGITS && digits.bytes().all(|b| b.is_ascii_digit()) {
            Ok(Self(digits))
        } else {
            Err(TotpError::Malformed)
        }
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }
}

pub fn step_at(now: UnixTime) -> u64 {
    now.max(0) as u64 / STEP_SECONDS
}

/// Checks `code` against the steps around `now`. Returns the matched step, which the
/// caller stores as the factor's last accepted step in the same transaction.
/// A step at or before `last_step` is a replay (RFC 6238 §5.2), also when it is an
/// older code from the skew window.
pub fn verify(
    secret: &TotpSecret,
    code: &TotpCode,
    now: UnixTime,
    last_step: Option<u64>,
) -> Result<u64, TotpError> {
    let current = step_at(now);
    let mut matched = None;
    // Every candidate is compared, so the time taken does not reveal which one matched.
    for step in current.saturating_sub(SKEW_STEPS)..=current + SKEW_STEPS {
        let expected = secret.code_at_step(step);
        if bool::from(expected.as_bytes().ct_eq(code.as_str().as_bytes())) && matched.is_none() {
            matched = Some(step);
        }
    }
    match matched {
        None => Err(TotpError::Invalid),
        Some(step) if last_step.is_some_and(|last| step <= last) => Err(TotpError::Replayed),
        Some(step) => Ok(step),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// RFC 6238 Appendix B, SHA-1 column (secret "12345678901234567890").
    #[test]
    fn rfc6238_appendix_b_vectors() {
        let secret = b"12345678901234567890".to_vec();
        let vectors: [(u64, &str); 6] = [
            (59, "94287082"),
            (1111111109, "07081804"),
            (1111111111, "14050471"),
            (1234567890, "89005924"),
            (2000000000, "69279037"),
            (20000000000, "65353130"),
        ];
        for (t, expected) in vectors {
            let totp = TOTP::new_unchecked(
                Algorithm::SHA1,
                8,
                1,
                30,
                secret.clone(),
                None,
                String::new(),
            );
            assert_eq!(totp.generate(t), expected, "t={t}");
            // Our 6-digit codes are the low six digits of the same value.
            let ours = TotpSecret::from_bytes(secret.clone())
                .unwrap()
                .code_at_step(t / 30);
            assert_eq!(ours, expected[2..], "t={t}");
        }
    }

    fn secret() -> TotpSecret {
        TotpSecret::from_bytes(b"12345678901234567890".to_vec()).unwrap()
    }

    fn code(s: &TotpSecret, step: u64) -> TotpCode {
        TotpCode::parse(&s.code_at_step(step)).unwrap()
    }

    #[test]
    fn step_boundaries_and_skew() {
        let s = secret();
        let now = 1_700_000_010; // step 56666667, 10 s into it... boundary math below
        let step = step_at(now);
        assert_eq!(verify(&s, &code(&s, step), now, None), Ok(step));
        assert_eq!(verify(&s, &code(&s, step - 1), now, None), Ok(step - 1));
        assert_eq!(verify(&s, &code(&s, step + 1), now, None), Ok(step + 1));
        assert_eq!(
            verify(&s, &code(&s, step - 2), now, None),
            Err(TotpError::Invalid)
        );
        assert_eq!(
            verify(&s, &code(&s, step + 2), now, None),
            Err(TotpError::Invalid)
        );
        // The last second of a step and the first of the next.
        let start = (step * STEP_SECONDS) as i64;
        assert_eq!(step_at(start - 1), step - 1);
        assert_eq!(step_at(start), step);
        assert_eq!(step_at(start + 29), step);
        assert_eq!(
            verify(&s, &code(&s, step - 2), start - 1, None),
            Ok(step - 2)
        );
        assert_eq!(
            verify(&s, &code(&s, step - 2), start, None),
            Err(TotpError::Invalid)
        );
    }

    #[test]
    fn replay_is_refused() {
        let s = secret();
        let now = 1_700_000_000;
        let step = step_at(now);
        let accepted = verify(&s, &code(&s, step), now, None).unwrap();
        assert_eq!(
            verify(&s, &code(&s, step), now + 5, Some(accepted)),
            Err(TotpError::Replayed)
        );
        // An older code still inside the skew window is a replay too.
        assert_eq!(
            verify(&s, &code(&s, step - 1), now, Some(accepted)),
            Err(TotpError::Replayed)
        );
        assert_eq!(
            verify(&s, &code(&s, step + 1), now + 30, Some(accepted)),
            Ok(step + 1)
        );
    }

    #[test]
    fn code_parsing() {
        assert!(TotpCode::parse("123 456").is_ok());
        assert!(TotpCode::parse("123-456").is_ok());
        assert_eq!(TotpCode::parse("12345"), Err(TotpError::Malformed));
        assert_eq!(TotpCode::parse("12345a"), Err(TotpError::Malformed));
        assert_eq!(TotpCode::parse("１２３４５６"), Err(TotpError::Malformed));
    }

    #[test]
    fn uri_and_secret_shape() {
        let s = TotpSecret::generate();
        assert_eq!(s.as_bytes().len(), 20);
        assert_eq!(s.to_base32().len(), 32);
        let uri = s.otpauth_uri("keydesk", "alice@example.com");
        assert!(
            uri.starts_with("otpauth://totp/keydesk:alice%40example.com?secret="),
            "{uri}"
        );
        assert!(uri.contains("&issuer=keydesk"));
        assert!(uri.contains(&s.to_base32()));
    }
}
