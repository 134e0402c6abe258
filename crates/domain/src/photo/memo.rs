//! What the handwritten memo of an ID selfie must say (the first seed): the request,
//! the full name and the date it was written.
use crate::identity::language::Language;

/// The request, in the customer's language, exactly as the page tells them to write it.
pub fn request_text(lang: Language) -> &'static str {
    match lang {
        Language::Ja => "二段階認証解除",
        Language::En => "2FA reset",
    }
}

/// A calendar date as written on a memo.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct MemoDay {
    pub year: u16,
    pub month: u8,
    pub day: u8,
}

impl std::fmt::Display for MemoDay {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{:04}-{:02}-{:02}", self.year, self.month, self.day)
    }
}

/// Japan's offset from UTC, where most customers write their memo.
const JAPAN_OFFSET: i64 = 9 * 3600;

/// The dates a memo written at `now` may carry: the UTC date, and the date in Japan
/// (UTC+9), the later last.
pub fn days_written(now: i64) -> Vec<MemoDay> {
    let mut days = Vec::new();
    for offset in [0, JAPAN_OFFSET] {
        if let Ok(t) = time::OffsetDateTime::from_unix_timestamp(now + offset) {
            let day = MemoDay {
                year: t.year().clamp(0, i32::from(u16::MAX)) as u16,
                month: u8::from(t.month()),
                day: t.day(),
            };
            if !days.contains(&day) {
                days.push(day);
            }
        }
    }
    days
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_memo_may_carry_the_utc_date_or_the_date_in_japan() {
        // 2026-12-01 20:00 UTC is already 2026-12-02 in Japan.
        let days = days_written(1_796_155_200);
        assert_eq!(
            days.iter().map(ToString::to_string).collect::<Vec<_>>(),
            ["2026-12-01", "2026-12-02"]
        );
        // 2026-12-01 03:00 UTC is the same day in both.
        assert_eq!(days_written(1_796_094_000).len(), 1);
    }

    #[test]
    fn the_request_is_written_in_the_customers_language() {
        assert_eq!(request_text(Language::Ja), "二段階認証解除");
        assert_eq!(request_text(Language::En), "2FA reset");
    }
}
