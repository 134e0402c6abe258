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

/// The dates a memo written at `now` may carry: the date where the customer is
/// (`reader_offset` seconds east of UTC, their time zone's at `now`), and the UTC date,
/// for a customer whose clock and zone disagree. The customer's own date comes last:
/// it is the one the page tells them to write.
pub fn days_written(now: i64, reader_offset: i64) -> Vec<MemoDay> {
    let mut days = Vec::new();
    for offset in [0, reader_offset] {
        if let Ok(t) = time::OffsetDateTime::from_unix_timestamp(now + offset) {
            let day = MemoDay {
                year: t.year().clamp(0, i32::from(u16::MAX)) as u16,
                month: u8::from(t.month()),
                day: t.day(),
            };
            days.retain(|d| *d != day);
            days.push(day);
        }
    }
    days
}

/// Today where the customer is: the date the page asks for on the memo.
pub fn today(now: i64, reader_offset: i64) -> Option<MemoDay> {
    days_written(now, reader_offset).pop()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_memo_may_carry_the_utc_date_or_the_customers_date() {
        // 2026-12-01 20:00 UTC is already 2026-12-02 in Japan (UTC+9)...
        let days = days_written(1_796_155_200, 9 * 3600);
        assert_eq!(
            days.iter().map(ToString::to_string).collect::<Vec<_>>(),
            ["2026-12-01", "2026-12-02"]
        );
        assert_eq!(
            today(1_796_155_200, 9 * 3600).unwrap().to_string(),
            "2026-12-02"
        );
        // ...and still 2026-12-01 in New York (UTC-5), where today is the 1st.
        assert_eq!(
            today(1_796_155_200, -5 * 3600).unwrap().to_string(),
            "2026-12-01"
        );
        // 2026-12-01 03:00 UTC is the same day in both.
        assert_eq!(days_written(1_796_094_000, 9 * 3600).len(), 1);
    }

    #[test]
    fn the_request_is_written_in_the_customers_language() {
        assert_eq!(request_text(Language::Ja), "二段階認証解除");
        assert_eq!(request_text(Language::En), "2FA reset");
    }
}
