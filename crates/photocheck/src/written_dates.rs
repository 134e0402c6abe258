//! Dates written the ways people write them besides digits: with a month name ("8 May
//! 2026", "May 8, 2026", "8 Sept. 2026") and in a Japanese era ("令和8年5月8日").
//! [`crate::text::read_dates`] reads the digits; these turn the other forms into the same
//! [`ReadDate`]s.

use crate::text::{digitise, word_similarity, ReadDate};

const MONTHS: [&str; 12] = [
    "JANUARY",
    "FEBRUARY",
    "MARCH",
    "APRIL",
    "MAY",
    "JUNE",
    "JULY",
    "AUGUST",
    "SEPTEMBER",
    "OCTOBER",
    "NOVEMBER",
    "DECEMBER",
];

/// Eras a date written today (or on a document still valid) can be in, with the western
/// year before their year 1. OCR reads 令 as 今 or 合 often enough to accept those too.
const ERAS: [(&[&str], u16); 2] = [(&["令和", "今和", "合和"], 2018), (&["平成"], 1988)];

/// `text` with every era year ("令和8年", "令和元年") written as the western year ("2026年"),
/// so that the digit reader finds the date.
pub(crate) fn with_western_years(text: &str) -> String {
    let chars: Vec<char> = text.chars().collect();
    let mut out = String::with_capacity(text.len());
    let mut i = 0;
    'scan: while i < chars.len() {
        for (names, base) in ERAS {
            for name in names {
                // OCR splits Japanese into one word per character: "令 和 8 年".
                if let Some(after) = starts_with_spaced(&chars[i..], name) {
                    if let Some((year, end)) = era_year(&chars, i + after) {
                        out.push_str(&(base + year).to_string());
                        i = end;
                        continue 'scan;
                    }
                }
            }
        }
        out.push(chars[i]);
        i += 1;
    }
    out
}

/// Where `word` ends when `chars` starts with it, spaces between its characters allowed.
fn starts_with_spaced(chars: &[char], word: &str) -> Option<usize> {
    let mut j = 0;
    for (k, w) in word.chars().enumerate() {
        while k > 0 && chars.get(j).is_some_and(|c| c.is_whitespace()) {
            j += 1;
        }
        if chars.get(j) != Some(&w) {
            return None;
        }
        j += 1;
    }
    Some(j)
}

/// The era year after an era's name: digits or 元 (the first year), spaces allowed, up to
/// but not including 年. Returns the year and where 年 stands.
fn era_year(chars: &[char], mut j: usize) -> Option<(u16, usize)> {
    let skip = |j: &mut usize| {
        while *j < chars.len() && chars[*j].is_whitespace() {
            *j += 1;
        }
    };
    skip(&mut j);
    let year = if chars.get(j) == Some(&'元') {
        j += 1;
        1
    } else {
        let start = j;
        let mut v = 0u16;
        while j < chars.len() && j - start < 2 && digitise(chars[j]).is_ascii_digit() {
            v = v * 10 + digitise(chars[j]).to_digit(10)? as u16;
            j += 1;
        }
        if j == start || v == 0 {
            return None;
        }
        v
    };
    skip(&mut j);
    (chars.get(j) == Some(&'年')).then_some((year, j))
}

#[derive(Debug, Clone, PartialEq)]
enum Token {
    /// A month by name, and whether the name was read exactly (a prefix of at least three
    /// letters of the full name: "MAY", "SEPT", "DECEMBER").
    Month(u8, bool),
    /// Digits (after OCR's letter confusions), each with whether it was read as a digit.
    Number(Vec<(char, bool)>),
    Other,
}

/// Dates with a month name, day before or after it and the year last: "8 May 2026",
/// "8th of May 2026", "May 8, 2026", "MAY 08 2026".
pub(crate) fn month_name_dates(text: &str) -> Vec<ReadDate> {
    let tokens: Vec<Token> = text
        .split(|c: char| c.is_whitespace() || matches!(c, ',' | '.' | '/' | '-' | '、'))
        .filter(|t| !t.is_empty())
        .map(token)
        .collect();
    let mut out = Vec::new();
    for (i, t) in tokens.iter().enumerate() {
        let Token::Month(month, exact) = *t else {
            continue;
        };
        // "of" between day and month ("8th of May") reads as Other; step over one.
        let before = match (i.checked_sub(1).map(|k| &tokens[k]), i.checked_sub(2)) {
            (Some(Token::Number(d)), _) => Some(d),
            (Some(Token::Other), Some(k)) => match &tokens[k] {
                Token::Number(d) => Some(d),
                _ => None,
            },
            _ => None,
        };
        let after = |k: usize| match tokens.get(k) {
            Some(Token::Number(n)) => Some(n),
            _ => None,
        };
        let (day, year) = match (after(i + 1), after(i + 2)) {
            (Some(d), Some(y)) if d.len() <= 2 && y.len() == 4 => (d, y),
            (Some(y), _) if y.len() == 4 => match before {
                Some(d) if d.len() <= 2 => (d, y),
                _ => continue,
            },
            _ => continue,
        };
        let value = |digits: &[(char, bool)]| {
            digits
                .iter()
                .try_fold(0u32, |v, &(c, _)| Some(v * 10 + c.to_digit(10)?))
        };
        let (Some(d), Some(y)) = (value(day), value(year)) else {
            continue;
        };
        if (1..=31).contains(&d) {
            out.push(ReadDate::from_parts(
                y as u16,
                month,
                d as u8,
                year.iter().all(|&(_, plain)| plain),
                exact,
                day.clone(),
            ));
        }
    }
    out
}

fn token(raw: &str) -> Token {
    let upper: String = raw
        .chars()
        .filter(|c| c.is_alphanumeric())
        .flat_map(char::to_uppercase)
        .collect();
    // An ordinal's suffix is no part of the number: "8th", "1st", "22nd".
    let number = ["ST", "ND", "RD", "TH"]
        .iter()
        .find_map(|s| upper.strip_suffix(s).filter(|n| !n.is_empty()))
        .unwrap_or(&upper);
    // A stray mark in the token ("<1" for "21") may be a digit OCR lost: then none of
    // its digits is sure.
    let clean = raw
        .chars()
        .all(|c| c.is_alphanumeric() || matches!(c, '(' | ')' | '\'' | '"'));
    let digits: Vec<(char, bool)> = number
        .chars()
        .map(|c| (digitise(c), clean && c.is_ascii_digit()))
        .collect();
    // A number is mostly digits as read; otherwise "MAY" would digitise into nothing useful
    // but "SOS" into "505".
    let plain = number.chars().filter(char::is_ascii_digit).count();
    if !digits.is_empty()
        && digits.iter().all(|&(c, _)| c.is_ascii_digit())
        && plain * 2 > digits.len()
    {
        return Token::Number(digits);
    }
    month(&upper).map_or(Token::Other, |(m, exact)| Token::Month(m, exact))
}

/// The month a word names: exactly (a prefix of three letters or more of its name) or, for
/// words of four letters or more, within OCR's errors of its full name.
fn month(word: &str) -> Option<(u8, bool)> {
    if word.len() < 3 || !word.chars().all(|c| c.is_ascii_alphabetic()) {
        return None;
    }
    let index = |i: usize| u8::try_from(i + 1).ok();
    if let Some(i) = MONTHS.iter().position(|m| m.starts_with(word)) {
        return Some((index(i)?, true));
    }
    if word.len() < 4 {
        return None;
    }
    let mut scored: Vec<(f64, usize)> = MONTHS
        .iter()
        .enumerate()
        .map(|(i, m)| (word_similarity(word, m), i))
        .collect();
    scored.sort_by(|a, b| b.0.total_cmp(&a.0));
    let (best, i) = scored[0];
    // Unique: "JUNY" is as near JUNE as JULY and names neither.
    (best >= 0.75 && scored[1].0 < best).then(|| index(i).map(|m| (m, false)))?
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::text::{dates_in, read_dates, MemoDate};

    fn day(y: u16, m: u8, d: u8) -> MemoDate {
        MemoDate::new(y, m, d).unwrap()
    }

    #[test]
    fn era_years_become_western() {
        assert_eq!(with_western_years("令和8年5月8日"), "2026年5月8日");
        assert_eq!(with_western_years("令和 8 年"), "2026年");
        assert_eq!(
            with_western_years("令 和 8 年 10 月 4 日"),
            "2026年 10 月 4 日"
        );
        assert_eq!(dates_in("令 和 8 年 10 月 4 日"), vec![day(2026, 10, 4)]);
        assert_eq!(with_western_years("令和元年5月1日"), "2019年5月1日");
        assert_eq!(with_western_years("平成31年4月30日"), "2019年4月30日");
        assert_eq!(with_western_years("令和"), "令和");
        assert_eq!(with_western_years("令和0年"), "令和0年");
        assert_eq!(dates_in("令和8年12月1日"), vec![day(2026, 12, 1)]);
        assert_eq!(dates_in("今和8年12月1日"), vec![day(2026, 12, 1)]);
    }

    #[test]
    fn month_names_in_either_order() {
        assert_eq!(dates_in("8 May 2026"), vec![day(2026, 5, 8)]);
        assert_eq!(dates_in("May 8, 2026"), vec![day(2026, 5, 8)]);
        assert_eq!(dates_in("8th of May 2026"), vec![day(2026, 5, 8)]);
        assert_eq!(dates_in("1 Sept. 2026"), vec![day(2026, 9, 1)]);
        assert_eq!(dates_in("December 1, 2026"), vec![day(2026, 12, 1)]);
        assert_eq!(dates_in("Decenber 1, 2026"), vec![day(2026, 12, 1)]);
        assert_eq!(dates_in("MAY 08 2026"), vec![day(2026, 5, 8)]);
        assert!(dates_in("May I help, 2026").is_empty());
        assert!(dates_in("Mayor 8 2026").is_empty());
        assert!(dates_in("Juny 8, 2026").is_empty(), "as near June as July");
    }

    #[test]
    fn a_fuzzy_month_is_no_confident_difference() {
        let read = &read_dates("Decenber 1, 2026")[0];
        assert!(!read.confidently_differs(&day(2026, 11, 1)));
        // "21" read as "<1": the lost digit makes the day unsure, not wrong.
        let read = &read_dates("<1 May 2026")[0];
        assert!(!read.confidently_differs(&day(2026, 5, 21)));
        let read = &read_dates("December 1, 2026")[0];
        assert!(read.confidently_differs(&day(2026, 11, 1)));
        assert!(read.confidently_differs(&day(2026, 12, 3)));
        assert!(!read.confidently_differs(&day(2026, 12, 1)));
    }
}
