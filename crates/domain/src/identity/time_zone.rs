//! The time zone a customer reads times in. Until a customer can choose one, it follows
//! the language: a Japanese reader gets Japan's time (UTC+9, no daylight saving), any
//! other reader UTC, named as such wherever a time is shown.
use super::language::Language;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum TimeZone {
    Japan,
    Utc,
}

impl TimeZone {
    pub fn default_for(lang: Language) -> TimeZone {
        match lang {
            Language::Ja => TimeZone::Japan,
            Language::En => TimeZone::Utc,
        }
    }

    /// Seconds east of UTC.
    pub fn offset_seconds(self) -> i32 {
        match self {
            TimeZone::Japan => 9 * 3600,
            TimeZone::Utc => 0,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_japanese_reader_reads_japans_time() {
        assert_eq!(TimeZone::default_for(Language::Ja).offset_seconds(), 32_400);
        assert_eq!(TimeZone::default_for(Language::En), TimeZone::Utc);
    }
}
