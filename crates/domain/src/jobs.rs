//! What a queued job does when the worker runs it. The names are stored with the job,
//! so an instance that does not know a kind (an older one during a rolling upgrade)
//! finds out when it reads the job, instead of guessing.

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum JobKind {
    /// Deliver one composed mail (SMTP, or the embedded outbox).
    Mail,
}

impl JobKind {
    /// Every value: `parse` reads only these, so a new variant goes here too.
    pub const ALL: [JobKind; 1] = [JobKind::Mail];

    pub fn as_str(self) -> &'static str {
        match self {
            JobKind::Mail => "mail",
        }
    }

    /// The stored name, exactly as [`JobKind::as_str`] writes it.
    pub fn parse(s: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|kind| kind.as_str() == s)
    }
}

/// The stored name.
impl std::fmt::Display for JobKind {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.as_str())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_round_trip_and_nothing_else_parses() {
        for kind in JobKind::ALL {
            assert_eq!(JobKind::parse(kind.as_str()), Some(kind));
        }
        for unknown in ["", "Mail", "webhook"] {
            assert_eq!(JobKind::parse(unknown), None, "{unknown:?}");
        }
    }
}
