//! Email addresses, parsed once at the edge.
use serde::Serialize;
use std::fmt;

#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize)]
#[serde(transparent)]
pub struct Email(String);

#[derive(Debug, Clone, Copy, PartialEq, Eq, thiserror::Error)]
pub enum EmailError {
    #[error("enter an email address")]
    Empty,
    #[error("the email address is too long")]
    TooLong,
    #[error("the email address is not valid")]
    Invalid,
}

impl Email {
    /// Accepts `local@domain` as people type it. The whole address is lower-cased:
    /// mailbox providers treat the local part case-insensitively in practice and two
    /// accounts differing only in case would be an account-takeover lure.
    pub fn parse(input: &str) -> Result<Self, EmailError> {
        let s = input.trim();
        if s.is_empty() {
            return Err(EmailError::Empty);
        }
        // RFC 5321 §4.5.3.1: 254 octets for a usable path.
        if s.len() > 254 {
            return Err(EmailError::TooLong);
        }
        let (local, domain) = s.rsplit_once('@').ok_or(EmailError::Invalid)?;
        let local_ok = !local.is_empty()
            && local.len() <= 64
            && !local.starts_with('.')
            && !local.ends_with('.')
            && !local.contains("..")
            && local
                .chars()
                .all(|c| c.is_ascii_alphanumeric() || "!#$%&'*+-/=?^_`{|}~.".contains(c));
        let domain_ok = domain.len() >= 3
            && domain.contains('.')
            && domain.split('.').all(|label| {
                !label.is_empty()
                    && label.len() <= 63
                    && !label.starts_with('-')
                    && !label.ends_with('-')
                    && label.chars().all(|c| c.is_ascii_alphanumeric() || c == '-')
            });
        if !local_ok || !domain_ok {
            return Err(EmailError::Invalid);
        }
        Ok(Self(s.to_ascii_lowercase()))
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }

    /// For addresses already validated and stored.
    pub fn from_trusted(s: String) -> Self {
        Self(s)
    }
}

impl fmt::Display for Email {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn accepts_and_normalises() {
        assert_eq!(
            Email::parse("  Alice@Example.COM ").unwrap().as_str(),
            "alice@example.com"
        );
        assert!(Email::parse("a.b+tag@sub.example.jp").is_ok());
    }

    #[test]
    fn rejects_bad_addresses() {
        for bad in [
            "",
            "alice",
            "@example.com",
            "alice@",
            "alice@com",
            "a..b@example.com",
            "alice@exa mple.com",
            "alice@-x.com",
            "<script>@x.com",
        ] {
            assert!(Email::parse(bad).is_err(), "{bad}");
        }
        assert_eq!(
            Email::parse(&format!("{}@x.com", "a".repeat(300))),
            Err(EmailError::TooLong)
        );
    }
}
