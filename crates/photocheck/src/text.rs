//! Reading what OCR returns: how plausible a reading is (for the mirror decision), dates,
//! and tolerant matching of the memo against what was expected.

use serde::{Deserialize, Serialize};

use crate::written_dates;

/// A calendar date as written on a memo.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct MemoDate {
    pub year: u16,
    pub month: u8,
    pub day: u8,
}

impl MemoDate {
    pub fn new(year: u16, month: u8, day: u8) -> Option<MemoDate> {
        ((1900..=2199).contains(&year) && (1..=12).contains(&month) && (1..=31).contains(&day))
            .then_some(MemoDate { year, month, day })
    }
    /// Parses `YYYY-MM-DD` (also `/` or `.` as separator).
    pub fn parse(s: &str) -> Option<MemoDate> {
        dates_in(s).into_iter().next()
    }
}

impl std::fmt::Display for MemoDate {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{:04}-{:02}-{:02}", self.year, self.month, self.day)
    }
}

/// Words that an identity document commonly shows (EN), used to judge whether an OCR
/// reading is plausible text or noise.
const DOC_WORDS: &[&str] = &[
    "NAME",
    "NAMES",
    "SURNAME",
    "GIVEN",
    "DATE",
    "BIRTH",
    "OF",
    "ADDRESS",
    "NUMBER",
    "NO",
    "VALID",
    "UNTIL",
    "EXPIRY",
    "EXPIRES",
    "ISSUE",
    "ISSUED",
    "PASSPORT",
    "JAPAN",
    "TYPE",
    "COUNTRY",
    "CODE",
    "DRIVER",
    "DRIVERS",
    "LICENSE",
    "LICENCE",
    "IDENTITY",
    "CARD",
    "NATIONALITY",
    "SEX",
    "AUTHORITY",
    "TOKYO",
    "OSAKA",
    "KYOTO",
    "REMARKS",
    "REGISTERED",
    "BY",
    "POLICE",
    "METROPOLITAN",
    "ORGAN",
    "DONOR",
    "SEE",
    "REVERSE",
    "CHANGE",
    "THE",
    "AND",
    "FOR",
    "PLACE",
    "HEIGHT",
    "SIGNATURE",
    "HOLDER",
    "RESIDENCE",
    "PERMIT",
    "STATUS",
    "CHIYODA",
    "MINATO",
    "SHIBUYA",
    "SHINJUKU",
    "MEGURO",
    "SETAGAYA",
    "PREFECTURE",
    "CITY",
    "WARD",
    "KU",
    "JPN",
    "ID",
    "PERSONAL",
    "REPUBLIC",
    "STATE",
    "STATES",
    "UNITED",
    "KINGDOM",
    "CLASS",
    "CATEGORIES",
    "CONDITIONS",
    "ENDORSEMENTS",
    "RESTRICTIONS",
    "EXP",
    "DOB",
    "ISS",
    "LN",
    "FN",
    "MALE",
    "FEMALE",
];

fn is_date_like(tok: &str) -> bool {
    !dates_in(tok).is_empty()
}

/// A plausibility score of an OCR reading: dictionary words, dates, long digit runs,
/// a valid MRZ, weighted by the engine's own confidence. Mirrored text reads as short
/// low-confidence fragments and scores near zero.
pub(crate) fn plausibility(words: &[(String, f32)], extra_words: &[String]) -> f64 {
    let mut score = 0.0;
    for (w, conf) in words {
        let clean: String = w
            .chars()
            .filter(|c| c.is_alphanumeric())
            .collect::<String>()
            .to_uppercase();
        let weight = f64::from(conf.clamp(0.0, 100.0)) / 100.0;
        let known = clean.len() >= 2
            && (DOC_WORDS.contains(&clean.as_str()) || extra_words.contains(&clean));
        if known || is_date_like(w) {
            score += 2.0 * weight;
        } else if clean.len() >= 6 && clean.chars().all(|c| c.is_ascii_digit()) {
            score += 1.0 * weight;
        }
    }
    score
}

/// OCR confusions in numeric context.
pub(crate) fn digitise(c: char) -> char {
    match c {
        'O' | 'o' | 'Q' | 'D' => '0',
        'I' | 'l' | 'i' | '|' | '!' | 'L' | ')' | ']' => '1',
        'S' | 's' => '5',
        'B' => '8',
        'Z' | 'z' => '2',
        'G' => '6',
        'g' | 'q' => '9',
        'T' => '7',
        c => c,
    }
}

/// All dates in a text: year (4 digits), month, day separated by `-`, `/`, `.`, spaces or
/// 年/月/日; OCR letter/digit confusions are mapped first.
pub(crate) fn dates_in(text: &str) -> Vec<MemoDate> {
    loose_dates_in(text)
        .into_iter()
        .filter_map(|(y, m, d)| MemoDate::new(y, m, d))
        .collect()
}

/// Like [`dates_in`] but keeps dates whose year is implausible (OCR read 2026 as 1026):
/// month and day still say which day was written.
pub(crate) fn loose_dates_in(text: &str) -> Vec<(u16, u8, u8)> {
    read_dates(text)
        .into_iter()
        .map(|r| (r.year, r.month, r.day))
        .collect()
}

/// A date as read, with which of its digits OCR produced as digits (plain) and which
/// were mapped from letters.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct ReadDate {
    pub year: u16,
    pub month: u8,
    pub day: u8,
    pub year_plain: bool,
    month_digits: Vec<(char, bool)>,
    day_digits: Vec<(char, bool)>,
}

impl ReadDate {
    /// A date whose month was read as a name: plain when the name was read exactly.
    pub fn from_parts(
        year: u16,
        month: u8,
        day: u8,
        year_plain: bool,
        month_plain: bool,
        day_digits: Vec<(char, bool)>,
    ) -> ReadDate {
        ReadDate {
            year,
            month,
            day,
            year_plain,
            month_digits: format!("{month:02}")
                .chars()
                .map(|c| (c, month_plain))
                .collect(),
            day_digits,
        }
    }

    /// Whether it names the day of one of `dates` (month and day decide: OCR garbles years).
    pub fn names_a_day_of(&self, dates: &[MemoDate]) -> bool {
        dates
            .iter()
            .any(|e| e.month == self.month && e.day == self.day)
    }

    /// The day of one of `dates` with its year read plainly as another one: a note kept
    /// from another year.
    pub fn another_year_of(&self, dates: &[MemoDate]) -> bool {
        let mut same_day = dates
            .iter()
            .filter(|e| e.month == self.month && e.day == self.day)
            .peekable();
        self.year_plain && same_day.peek().is_some() && same_day.all(|e| e.year != self.year)
    }

    /// Differs from `e` in a digit that was read plainly (not mapped from a letter). The
    /// recogniser (an LSTM decoded by CTC) merges two identical glyphs side by side, so a
    /// lone `1` where `11` was expected (or `2` for `22`) may be the right number.
    pub fn confidently_differs(&self, e: &MemoDate) -> bool {
        let differs = |digits: &[(char, bool)], expected: u8| {
            if digits.len() == 2 {
                let want: Vec<char> = format!("{expected:02}").chars().collect();
                digits
                    .iter()
                    .zip(want)
                    .any(|(&(c, plain), w)| plain && c != w)
            } else {
                let read: String = digits.iter().map(|&(c, _)| c).collect();
                let mut merged: Vec<char> = expected.to_string().chars().collect();
                merged.dedup();
                let merged: String = merged.into_iter().collect();
                digits.iter().all(|&(_, plain)| plain)
                    && read != expected.to_string()
                    && read != merged
            }
        };
        differs(&self.month_digits, e.month) || differs(&self.day_digits, e.day)
    }
}

/// Every date in a text, in digits, with a month name or in a Japanese era.
pub(crate) fn read_dates(text: &str) -> Vec<ReadDate> {
    let mut dates = loose_dates_with_plainness(&written_dates::with_western_years(text));
    dates.extend(written_dates::month_name_dates(text));
    dates
}

/// Dates with, for month and day, whether they were read as plain digits (no letter
/// mapped, no "N" read for "11"): only a plainly read component can confidently differ.
fn loose_dates_with_plainness(text: &str) -> Vec<ReadDate> {
    // Handwritten "11" is often read as "N".
    let mut chars: Vec<char> = Vec::new();
    let mut mapped: Vec<bool> = Vec::new();
    for c in text.chars() {
        if c == 'N' || c == 'n' {
            chars.extend(['1', '1']);
            mapped.extend([true, true]);
        } else {
            let d = digitise(c);
            chars.push(d);
            mapped.push(d != c);
        }
    }
    let mut out = Vec::new();
    let mut i = 0;
    while i < chars.len() {
        if !chars[i].is_ascii_digit() || (i > 0 && chars[i - 1].is_ascii_digit()) {
            i += 1;
            continue;
        }
        let read_num = |mut j: usize, max: usize| -> (u32, usize, usize) {
            let (mut v, mut n) = (0u32, 0usize);
            while j < chars.len() && n < max && chars[j].is_ascii_digit() {
                v = v * 10 + chars[j].to_digit(10).unwrap_or(0);
                j += 1;
                n += 1;
            }
            (v, n, j)
        };
        let skip_sep = |mut j: usize| -> (usize, bool) {
            let start = j;
            while j < chars.len()
                && j - start < 3
                && matches!(
                    chars[j],
                    '-' | '/' | '.' | ' ' | '年' | '月' | '_' | ',' | '—' | '–'
                )
            {
                j += 1;
            }
            (j, j > start)
        };
        let (y, ny, j) = read_num(i, 4);
        if ny == 4 {
            let (j, sep1) = skip_sep(j);
            let month_start = j;
            let (m, nm, j) = read_num(j, 2);
            let (j, sep2) = skip_sep(j);
            let day_start = j;
            let (d, nd, end) = read_num(j, 2);
            // The day must end the token: "2026.03.2)" is a day that was not read.
            let ends = end >= chars.len()
                || chars[end].is_whitespace()
                || matches!(chars[end], '日' | ',' | '.' | '、');
            if sep1
                && sep2
                && nm > 0
                && nd > 0
                && ends
                && (1..=12).contains(&m)
                && (1..=31).contains(&d)
            {
                let digits = |from: usize, n: usize| {
                    (from..from + n)
                        .map(|k| (chars[k], !mapped[k]))
                        .collect::<Vec<_>>()
                };
                out.push(ReadDate {
                    year: y as u16,
                    month: m as u8,
                    day: d as u8,
                    year_plain: !mapped[i..i + 4].iter().any(|&m| m),
                    month_digits: digits(month_start, nm),
                    day_digits: digits(day_start, nd),
                });
            }
        }
        i += ny.max(1);
    }
    out
}

/// Whole-word similarity: 1 - edit distance / longer length.
pub(crate) fn word_similarity(a: &str, b: &str) -> f64 {
    let (a, b): (Vec<char>, Vec<char>) = (
        normalise(a).chars().collect(),
        normalise(b).chars().collect(),
    );
    let n = a.len().max(b.len());
    if n == 0 {
        return 0.0;
    }
    1.0 - levenshtein(&a, &b) / n as f64
}

/// Normalises for comparison: upper case, letters and digits only (any script).
pub(crate) fn normalise(s: &str) -> String {
    s.chars()
        .filter(|c| c.is_alphanumeric())
        .flat_map(|c| c.to_uppercase())
        .collect()
}

/// Pairs OCR confuses (print and handwriting): substituting one for the other costs
/// [`CONFUSION_COST`] instead of 1.
pub(crate) const CONFUSABLE: &[(char, char)] = &[
    ('Z', '2'),
    ('S', '5'),
    ('O', '0'),
    ('D', '0'),
    ('Q', '0'),
    ('I', '1'),
    ('L', '1'),
    ('B', '8'),
    ('E', 'F'),
    ('G', '6'),
    ('U', 'V'),
    ('C', 'G'),
    ('N', 'H'),
    ('A', '4'),
    ('T', '7'),
    ('R', 'K'),
];
const CONFUSION_COST: f64 = 0.4;

fn substitution(a: char, b: char) -> f64 {
    if a == b {
        0.0
    } else if CONFUSABLE
        .iter()
        .any(|&(x, y)| (x == a && y == b) || (x == b && y == a))
    {
        CONFUSION_COST
    } else {
        1.0
    }
}

/// Edit distance where OCR-confusable substitutions are cheap.
pub(crate) fn levenshtein(a: &[char], b: &[char]) -> f64 {
    let mut prev: Vec<f64> = (0..=b.len()).map(|v| v as f64).collect();
    let mut cur = vec![0.0; b.len() + 1];
    for (i, ca) in a.iter().enumerate() {
        cur[0] = (i + 1) as f64;
        for (j, cb) in b.iter().enumerate() {
            cur[j + 1] = (prev[j] + substitution(*ca, *cb))
                .min(prev[j + 1] + 1.0)
                .min(cur[j] + 1.0);
        }
        std::mem::swap(&mut prev, &mut cur);
    }
    prev[b.len()]
}

/// Similarity in 0..=1 of `needle` to the best-matching window of `hay` (both normalised):
/// 1 - edit distance / needle length, so that surrounding noise does not count against.
pub(crate) fn fuzzy_contains(hay: &str, needle: &str) -> f64 {
    let h: Vec<char> = normalise(hay).chars().collect();
    let n: Vec<char> = normalise(needle).chars().collect();
    if n.is_empty() {
        return 0.0;
    }
    if h.is_empty() {
        return 0.0;
    }
    let mut best = 0.0f64;
    let lens = [
        n.len().saturating_sub(2).max(1),
        n.len().saturating_sub(1).max(1),
        n.len(),
        n.len() + 1,
        n.len() + 2,
    ];
    for start in 0..h.len() {
        for &len in &lens {
            if start + len > h.len() {
                continue;
            }
            let d = levenshtein(&h[start..start + len], &n);
            best = best.max(1.0 - d / n.len() as f64);
        }
    }
    if h.len() < n.len() {
        best = best.max(1.0 - levenshtein(&h, &n) / n.len() as f64);
    }
    best
}

/// Similarity of a line to a name, in either order of its parts.
pub(crate) fn name_similarity(line: &str, name: &str) -> f64 {
    let parts: Vec<&str> = name.split_whitespace().collect();
    let mut best = fuzzy_contains(line, name);
    if parts.len() >= 2 {
        let mut rev = parts.clone();
        rev.reverse();
        best = best.max(fuzzy_contains(line, &rev.join(" ")));
    }
    best
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dates_in_various_forms_and_noise() {
        let d = MemoDate::new(2026, 11, 23).unwrap();
        assert_eq!(dates_in("2026-11-23"), vec![d]);
        assert_eq!(dates_in("date 2026/11/23."), vec![d]);
        assert_eq!(dates_in("2O26.1l.23"), vec![d]);
        assert_eq!(dates_in("2026年11月23日"), vec![d]);
        assert!(dates_in("2026-13-40").is_empty());
        assert!(dates_in("no date here 12345").is_empty());
        assert_eq!(
            dates_in("2026.03.2)"),
            vec![MemoDate::new(2026, 3, 21).unwrap()]
        );
        assert!(dates_in("2026.03.2x").is_empty());
        let r = read_dates("2026-N-17");
        assert_eq!((r[0].month, r[0].day), (11, 17));
        assert!(
            !r[0].confidently_differs(&MemoDate::new(2026, 12, 17).unwrap()),
            "N is no plain 1"
        );
        assert!(r[0].confidently_differs(&MemoDate::new(2026, 11, 19).unwrap()));
        let r = read_dates("2026/06/3)");
        assert_eq!((r[0].month, r[0].day), (6, 31));
        assert!(r[0].confidently_differs(&MemoDate::new(2026, 6, 28).unwrap()));
        assert!(!r[0].confidently_differs(&MemoDate::new(2026, 6, 31).unwrap()));
        // 2026年11月18日 read "2026 年 1 月 18 日": the two 1s merged, not another month.
        let r = read_dates("2026 年 1 月 18 日");
        assert!(!r[0].confidently_differs(&MemoDate::new(2026, 11, 18).unwrap()));
        assert!(r[0].confidently_differs(&MemoDate::new(2026, 12, 18).unwrap()));
        assert!(r[0].confidently_differs(&MemoDate::new(2026, 1, 19).unwrap()));
    }

    #[test]
    fn fuzzy_matching_tolerates_ocr_noise() {
        assert!(fuzzy_contains("2FA  RESET", "2FA reset") > 0.99);
        assert!(fuzzy_contains("ZFA reset.", "2FA reset") > 0.8);
        assert!(fuzzy_contains("ZEA SESET", "2FA reset") >= 0.7);
        assert!(fuzzy_contains("ZEA SESET", "2FA reset") >= 0.7);
        assert!(fuzzy_contains("二段階認証解除", "二段階認証解除") > 0.99);
        assert!(name_similarity("HANAKO TANAKA", "TANAKA HANAKO") > 0.99);
        assert!(name_similarity("TANAKA HANAK0", "TANAKA HANAKO") > 0.85);
        assert!(name_similarity("SUZUKI KENTA", "TANAKA HANAKO") < 0.5);
    }

    #[test]
    fn plausibility_prefers_real_words() {
        let real = vec![
            ("NAME".to_string(), 90.0),
            ("DATE".to_string(), 85.0),
            ("2026-01-02".to_string(), 80.0),
        ];
        let noise = vec![
            ("ƎMAИ".to_string(), 30.0),
            ("ETAD".to_string(), 40.0),
            ("xq".to_string(), 20.0),
        ];
        assert!(plausibility(&real, &[]) > 4.0);
        assert!(plausibility(&noise, &[]) < 1.0);
    }
}
