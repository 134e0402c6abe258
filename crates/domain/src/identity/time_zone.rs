//! The time zone a customer reads times in: their own choice among the zones keydesk
//! offers, or, until they choose, the one of their language (Japan's for a Japanese
//! reader, UTC otherwise). Stored by its IANA name.
use super::language::Language;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct TimeZone(&'static str);

impl TimeZone {
    pub const JAPAN: TimeZone = TimeZone("Asia/Tokyo");
    pub const UTC: TimeZone = TimeZone("UTC");

    /// The zones a customer may choose, by IANA name.
    pub const SUPPORTED: [&'static str; 12] = [
        "Asia/Tokyo",
        "UTC",
        "Asia/Seoul",
        "Asia/Shanghai",
        "Asia/Singapore",
        "Asia/Kolkata",
        "Australia/Sydney",
        "Europe/London",
        "Europe/Paris",
        "America/New_York",
        "America/Chicago",
        "America/Los_Angeles",
    ];

    /// One of [`Self::SUPPORTED`], exactly as written; anything else is `None`.
    pub fn parse(name: &str) -> Option<TimeZone> {
        Self::SUPPORTED
            .iter()
            .find(|n| **n == name)
            .map(|n| TimeZone(n))
    }

    pub fn name(self) -> &'static str {
        self.0
    }

    pub fn default_for(lang: Language) -> TimeZone {
        match lang {
            Language::Ja => TimeZone::JAPAN,
            Language::En => TimeZone::UTC,
        }
    }

    /// The zone a reader reads in: the one chosen, else their language's.
    pub fn of(chosen: Option<TimeZone>, lang: Language) -> TimeZone {
        chosen.unwrap_or(Self::default_for(lang))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_chosen_zone_wins_and_the_language_decides_otherwise() {
        assert_eq!(TimeZone::of(None, Language::Ja), TimeZone::JAPAN);
        assert_eq!(TimeZone::of(None, Language::En), TimeZone::UTC);
        let paris = TimeZone::parse("Europe/Paris").unwrap();
        assert_eq!(TimeZone::of(Some(paris), Language::Ja), paris);
        assert_eq!(TimeZone::parse("Mars/Olympus"), None);
        assert_eq!(TimeZone::parse("asia/tokyo"), None, "exactly as written");
    }
}
