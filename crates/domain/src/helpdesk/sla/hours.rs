//! The hours an SLA clock counts: every hour (calendar), or the desk's working week in
//! its time zone, without its holidays. A clock's deadline is its start plus the target
//! in counted time; a paused clock counts nothing.
use jiff::civil::{Date, Time};
use jiff::tz::TimeZone;
use jiff::Timestamp;
use std::collections::BTreeSet;

#[derive(Debug, Clone)]
pub enum Hours {
    Calendar,
    Business(BusinessHours),
}

/// A week of working intervals (minutes from local midnight, Monday first), a time zone
/// and holidays (local dates on which nothing counts).
#[derive(Debug, Clone)]
pub struct BusinessHours {
    zone: TimeZone,
    week: [Vec<(u16, u16)>; 7],
    holidays: BTreeSet<Date>,
}

#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum HoursError {
    #[error("day {0:?}: expected mon, tue, wed, thu, fri, sat or sun")]
    Day(String),
    #[error("{day}: {text:?} is not like \"09:00-18:00\" or \"09:00-12:00, 13:00-18:00\"")]
    Interval { day: String, text: String },
    #[error("holiday {0:?} is not a date like 2026-12-31")]
    Holiday(String),
    #[error("the week has no working hours")]
    Empty,
}

/// A deadline further than this many days of searching is a configuration that never
/// works (e.g. every working day a holiday); the search stops there.
const SEARCH_DAYS: i32 = 3 * 366;

const DAYS: [&str; 7] = ["mon", "tue", "wed", "thu", "fri", "sat", "sun"];

fn minutes_of(text: &str) -> Option<u16> {
    let (h, m) = text.trim().split_once(':')?;
    let (h, m): (u16, u16) = (h.parse().ok()?, m.parse().ok()?);
    (m < 60 && (h < 24 || (h == 24 && m == 0))).then_some(h * 60 + m)
}

impl BusinessHours {
    /// `week`: day name → intervals; a day left out is not worked.
    pub fn new<'a>(
        zone: TimeZone,
        week: impl IntoIterator<Item = (&'a str, &'a str)>,
        holidays: impl IntoIterator<Item = &'a str>,
    ) -> Result<Self, HoursError> {
        let mut days: [Vec<(u16, u16)>; 7] = Default::default();
        for (day, text) in week {
            let i = DAYS
                .iter()
                .position(|d| d.eq_ignore_ascii_case(day.trim()))
                .ok_or_else(|| HoursError::Day(day.to_owned()))?;
            let bad = || HoursError::Interval {
                day: day.to_owned(),
                text: text.to_owned(),
            };
            for part in text.split(',').filter(|p| !p.trim().is_empty()) {
                let (from, to) = part.split_once('-').ok_or_else(bad)?;
                let (from, to) = (
                    minutes_of(from).ok_or_else(bad)?,
                    minutes_of(to).ok_or_else(bad)?,
                );
                if from >= to {
                    return Err(bad());
                }
                days[i].push((from, to));
            }
            days[i].sort_unstable();
            if days[i].windows(2).any(|w| w[0].1 > w[1].0) {
                return Err(bad());
            }
        }
        if days.iter().all(Vec::is_empty) {
            return Err(HoursError::Empty);
        }
        let holidays = holidays
            .into_iter()
            .map(|h| {
                h.trim()
                    .parse()
                    .map_err(|_| HoursError::Holiday(h.to_owned()))
            })
            .collect::<Result<_, _>>()?;
        Ok(Self {
            zone,
            week: days,
            holidays,
        })
    }

    /// The working intervals of one local day, as instants.
    fn intervals_on(&self, date: Date) -> Vec<(i64, i64)> {
        if self.holidays.contains(&date) {
            return Vec::new();
        }
        let weekday = date.weekday().to_monday_zero_offset() as usize;
        let at = |minutes: u16| -> Option<i64> {
            let time = if minutes == 24 * 60 {
                return date
                    .tomorrow()
                    .ok()?
                    .to_zoned(self.zone.clone())
                    .ok()
                    .map(|z| z.timestamp().as_second());
            } else {
                Time::new((minutes / 60) as i8, (minutes % 60) as i8, 0, 0).ok()?
            };
            date.to_datetime(time)
                .to_zoned(self.zone.clone())
                .ok()
                .map(|z| z.timestamp().as_second())
        };
        self.week[weekday]
            .iter()
            .filter_map(|&(from, to)| Some((at(from)?, at(to)?)))
            .collect()
    }

    fn date_of(&self, unix: i64) -> Option<Date> {
        Some(
            Timestamp::from_second(unix)
                .ok()?
                .to_zoned(self.zone.clone())
                .date(),
        )
    }

    /// The working intervals from the local day of `from` on, clipped to start at `from`.
    fn intervals_from(&self, from: i64) -> impl Iterator<Item = (i64, i64)> + '_ {
        let start = self.date_of(from);
        (0..SEARCH_DAYS)
            .map_while(move |d| start?.checked_add(jiff::Span::new().days(d)).ok())
            .flat_map(move |date| self.intervals_on(date))
            .filter(move |&(_, end)| end > from)
            .map(move |(begin, end)| (begin.max(from), end))
    }

    fn counted(&self, from: i64, to: i64) -> i64 {
        if to <= from {
            return 0;
        }
        self.intervals_from(from)
            .take_while(|&(begin, _)| begin < to)
            .map(|(begin, end)| end.min(to) - begin)
            .sum()
    }

    fn after(&self, from: i64, seconds: i64) -> i64 {
        let mut left = seconds;
        let mut last = from;
        for (begin, end) in self.intervals_from(from) {
            if end - begin >= left {
                return begin + left;
            }
            left -= end - begin;
            last = end;
        }
        // No working time within the search: a deadline as far as it looked.
        last.max(from) + left
    }
}

impl Hours {
    /// The counted seconds between two instants.
    pub fn counted(&self, from: i64, to: i64) -> i64 {
        match self {
            Hours::Calendar => (to - from).max(0),
            Hours::Business(b) => b.counted(from, to),
        }
    }

    /// The instant at which `seconds` of counted time have passed since `from`.
    pub fn after(&self, from: i64, seconds: i64) -> i64 {
        match self {
            Hours::Calendar => from + seconds,
            Hours::Business(b) => b.after(from, seconds),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn tokyo_week() -> BusinessHours {
        let zone = TimeZone::fixed(jiff::tz::offset(9));
        BusinessHours::new(
            zone,
            [
                ("mon", "09:00-18:00"),
                ("tue", "09:00-18:00"),
                ("wed", "09:00-18:00"),
                ("thu", "09:00-18:00"),
                ("fri", "09:00-12:00, 13:00-18:00"),
            ],
            ["2026-12-31"],
        )
        .unwrap()
    }

    /// Unix seconds of a Tokyo wall-clock time.
    fn jst(text: &str) -> i64 {
        let dt: jiff::civil::DateTime = text.parse().unwrap();
        dt.to_zoned(TimeZone::fixed(jiff::tz::offset(9)))
            .unwrap()
            .timestamp()
            .as_second()
    }

    #[test]
    fn a_deadline_skips_the_night_the_lunch_the_weekend_and_holidays() {
        let hours = Hours::Business(tokyo_week());
        // Wednesday 17:00 + 2 h → Thursday 10:00.
        assert_eq!(
            hours.after(jst("2026-12-02T17:00"), 7200),
            jst("2026-12-03T10:00")
        );
        // Friday 11:30 + 1 h → 13:30, past the lunch break.
        assert_eq!(
            hours.after(jst("2026-12-04T11:30"), 3600),
            jst("2026-12-04T13:30")
        );
        // Friday 17:00 + 2 h → Monday 10:00.
        assert_eq!(
            hours.after(jst("2026-12-04T17:00"), 7200),
            jst("2026-12-07T10:00")
        );
        // Saturday night + 1 h → Monday 10:00.
        assert_eq!(
            hours.after(jst("2026-12-05T23:00"), 3600),
            jst("2026-12-07T10:00")
        );
        // Wednesday 30 Dec 17:00 + 2 h: the 31st is a holiday → Friday 1 Jan 10:00.
        assert_eq!(
            hours.after(jst("2026-12-30T17:00"), 7200),
            jst("2027-01-01T10:00")
        );
        // Counting is the inverse.
        assert_eq!(
            hours.counted(jst("2026-12-04T17:00"), jst("2026-12-07T10:00")),
            7200
        );
        assert_eq!(
            hours.counted(jst("2026-12-05T08:00"), jst("2026-12-06T20:00")),
            0
        );
    }

    #[test]
    fn calendar_hours_count_everything() {
        assert_eq!(Hours::Calendar.after(100, 50), 150);
        assert_eq!(Hours::Calendar.counted(100, 150), 50);
        assert_eq!(Hours::Calendar.counted(150, 100), 0);
    }

    #[test]
    fn a_bad_week_is_refused_with_what_is_wrong() {
        let zone = TimeZone::UTC;
        let bad = |day: &'static str, text: &'static str| {
            BusinessHours::new(zone.clone(), [(day, text)], []).unwrap_err()
        };
        assert!(matches!(bad("monday", "09:00-18:00"), HoursError::Day(_)));
        assert!(matches!(
            bad("mon", "18:00-09:00"),
            HoursError::Interval { .. }
        ));
        assert!(matches!(bad("mon", "9-18"), HoursError::Interval { .. }));
        assert!(matches!(
            bad("mon", "09:00-13:00,12:00-18:00"),
            HoursError::Interval { .. }
        ));
        assert_eq!(bad("mon", ""), HoursError::Empty);
        assert!(BusinessHours::new(zone, [("sun", "00:00-24:00")], ["31/12"]).is_err());
    }
}
