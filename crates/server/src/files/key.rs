//! Where a stored file lives: `area/name`, e.g. `photos/3q2-….jpg`. The caller makes the
//! name from a random token, never from user input; the shape is still checked once,
//! here (STYLE §2), so that no key can climb out of its area (`..`), start at the root
//! (`/…`), or name a file beside the database in the local data folder (a key always
//! has an area folder).
use super::FileError;

/// Longest key accepted: S3 allows 1024 bytes, minus room for `files.prefix`.
const MAX_KEY_LEN: usize = 512;
const MAX_SEGMENT_LEN: usize = 128;

#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct FileKey(String);

impl FileKey {
    /// `area/name`: both must be [segments](is_segment); the area may itself be
    /// several segments (`attachments/tickets`).
    pub fn new(area: &str, name: &str) -> Result<Self, FileError> {
        Self::parse(&format!("{area}/{name}"))
    }

    /// At least two segments separated by single `/`.
    pub fn parse(key: &str) -> Result<Self, FileError> {
        if is_path(key) && key.contains('/') {
            Ok(Self(key.to_owned()))
        } else {
            Err(FileError::InvalidKey(key.to_owned()))
        }
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }

    /// The last segment: what a row records (`{token}.jpg`).
    pub fn name(&self) -> &str {
        self.0.rsplit('/').next().unwrap_or(&self.0)
    }
}

impl std::fmt::Display for FileKey {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.0)
    }
}

/// One or more segments separated by single `/`, no leading or trailing `/`: an area
/// to list, a key, or the `files.prefix` setting (without its trailing `/`).
pub fn is_path(path: &str) -> bool {
    path.len() <= MAX_KEY_LEN && path.split('/').all(is_segment)
}

/// Letters, digits, `-`, `_` and `.`, not starting with `.` (so neither `.` nor `..`,
/// nor hidden files), at most 128 characters. This also keeps out `#`, which the local
/// backend uses for files still being written, and anything S3 would need to escape.
fn is_segment(segment: &str) -> bool {
    !segment.is_empty()
        && segment.len() <= MAX_SEGMENT_LEN
        && !segment.starts_with('.')
        && segment
            .bytes()
            .all(|b| b.is_ascii_alphanumeric() || matches!(b, b'-' | b'_' | b'.'))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn keys_are_an_area_and_a_name() {
        let token = keydesk_domain::identity::token::generate();
        let key = FileKey::new("photos", &format!("{token}.jpg")).unwrap();
        assert_eq!(key.as_str(), format!("photos/{token}.jpg"));
        assert_eq!(key.name(), format!("{token}.jpg"));
        assert!(FileKey::parse("attachments/tickets/a.pdf").is_ok());
    }

    #[test]
    fn keys_cannot_leave_their_area() {
        for bad in [
            "",
            "photos",
            "secret.key",
            "keydesk.sqlite",
            "../secret.key",
            "photos/../secret.key",
            "photos/..",
            "photos/.",
            "photos/.hidden",
            "/photos/a.jpg",
            "photos/a.jpg/",
            "photos//a.jpg",
            "photos/a b.jpg",
            "photos/a.jpg#1",
            "photos/a\\b.jpg",
            "photos/a\0.jpg",
            "photos/ä.jpg",
            "photos/%2e%2e",
        ] {
            assert!(FileKey::parse(bad).is_err(), "{bad:?} was accepted");
        }
        assert!(FileKey::new("photos", "../x").is_err());
        assert!(FileKey::new("photos", "a/../../x").is_err());
        assert!(FileKey::parse(&format!("photos/{}", "a".repeat(129))).is_err());
    }

    #[test]
    fn prefixes_are_paths() {
        assert!(is_path("keydesk/prod"));
        assert!(!is_path("keydesk/prod/"));
        assert!(!is_path("../prod"));
    }
}
