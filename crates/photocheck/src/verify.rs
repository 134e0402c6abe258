//! Targeted verification of a memo line against what was expected, glyph by glyph.
//!
//! Free reading asks "what does the line say?" and, on handwriting, often gets no
//! confident answer. Here the question is narrower: *can* the line say what was expected,
//! given how sure Tesseract is of each glyph and which alternatives its LSTM saw? A glyph
//! read with at least [`GLYPH_SURE`] stands for itself, for its alternatives of at least
//! [`ALT_PLAUSIBLE`], and for the usual confusions; a less sure glyph may stand for
//! anything. Only when no such interpretation yields the expected text is the line
//! evidence of something else; uncertainty always counts in favour of the customer.

use crate::ocr::Glyph;
use crate::text::MemoDate;

/// A glyph read with at least this confidence is taken at its word (with its plausible
/// alternatives); below, it may stand for anything. On the generated memos the glyphs of
/// wrong dates that differ from the expected ones are read at 92–100, while the digits
/// misread on right memos that could not be explained by an alternative were read at
/// 85–89 (an 85 let a good memo contradict its date).
pub(crate) const GLYPH_SURE: f32 = 90.0;
/// An LSTM alternative with at least this confidence is a plausible reading of its glyph
/// (misread right digits keep the true digit as an alternative at 55–93; the differing
/// digits of wrong dates had the expected one at ≤ 17).
pub(crate) const ALT_PLAUSIBLE: f32 = 30.0;
/// A line contradicts the date only when at least this many sure digits follow its year:
/// a date that is there, not a fragment.
const DATE_MIN_SURE_DIGITS: usize = 3;

/// What one reading of a line says about the expected date(s).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub(crate) struct DateEvidence {
    /// The line reads as an expected date using sure glyphs only.
    pub supports: bool,
    /// The line holds a date that no interpretation of its glyphs makes an expected one.
    pub contradicts: bool,
}

/// Separator of the date's parts, in the alignment alphabet.
const SEP: char = 'S';

fn is_separator(c: char) -> bool {
    matches!(
        c,
        '-' | '/' | '.' | ',' | '_' | '—' | '–' | '~' | '年' | '月' | ' '
    )
}

/// Letters that handwriting and OCR turn digits into (and back), in a date: the OCR
/// confusions of [`crate::text::digitise`], and an open handwritten 4.
fn digit_of_letter(c: char) -> Option<char> {
    if matches!(c, 'u' | 'U') {
        return Some('4');
    }
    let d = crate::text::digitise(c);
    (d != c).then_some(d)
}

fn single(s: &str) -> Option<char> {
    let mut it = s.chars();
    let c = it.next()?;
    it.next().is_none().then_some(c)
}

/// What a glyph may stand for in a date: strings over digits and [`SEP`].
/// `lenient` adds what the recogniser may have collapsed: a repeated glyph read once (CTC
/// decoding merges identical neighbours), and "N" for a tight "11" or a "1" touching a
/// separator.
fn date_candidates(g: &Glyph, lenient: bool) -> Vec<String> {
    let mut out: Vec<String> = Vec::new();
    let mut add = |s: String| {
        if !out.contains(&s) {
            out.push(s);
        }
    };
    for r in plausible_readings(g) {
        let Some(c) = single(r) else { continue };
        let digit = if c.is_ascii_digit() {
            Some(c)
        } else {
            digit_of_letter(c)
        };
        if let Some(d) = digit {
            add(d.to_string());
            if lenient {
                add(format!("{d}{d}"));
            }
        } else if is_separator(c) {
            add(SEP.to_string());
        } else if c == 'N' || c == 'n' {
            add("11".into());
            if lenient {
                for s in ["1", "1S", "S1"] {
                    add(s.into());
                }
            }
        }
    }
    out
}

#[derive(Debug, Clone)]
enum Token {
    /// A sure glyph, what it may stand for, and whether it was read as a letter (a letter
    /// inside a date is evidence of no exact digit).
    Sure(Vec<String>, bool),
    /// An unsure (or unknown) glyph: may stand for up to two symbols, or none.
    Any,
}

fn tokens(glyphs: &[Glyph], lenient: bool) -> Vec<Token> {
    glyphs
        .iter()
        .map(|g| {
            let c = date_candidates(g, lenient);
            let letter = single(&g.ch).is_some_and(|c| !c.is_ascii_digit() && !is_separator(c));
            if (g.conf < GLYPH_SURE && g.ch != " ") || c.is_empty() {
                Token::Any
            } else {
                Token::Sure(c, letter)
            }
        })
        .collect()
}

/// Index just after the year: the first four glyphs in a row that are digits (at least
/// three of them plain digits, the rest letters read for digits).
fn after_year(glyphs: &[Glyph]) -> Option<usize> {
    let digitish = |g: &Glyph| {
        single(&g.ch).is_some_and(|c| c.is_ascii_digit() || digit_of_letter(c).is_some())
    };
    let plain = |g: &Glyph| single(&g.ch).is_some_and(|c| c.is_ascii_digit());
    (0..glyphs.len().saturating_sub(3)).find_map(|i| {
        let w = &glyphs[i..i + 4];
        (w.iter().all(digitish) && w.iter().filter(|g| plain(g)).count() >= 3).then_some(i + 4)
    })
}

/// Whether a line holds something like a year (four digits in a row).
pub(crate) fn holds_year(glyphs: &[Glyph]) -> bool {
    after_year(glyphs).is_some()
}

/// Month and day as they may be written after the year: `S MM S DD`, also unpadded.
fn date_targets(dates: &[MemoDate]) -> Vec<Vec<char>> {
    let mut out: Vec<Vec<char>> = Vec::new();
    for e in dates {
        for m in [format!("{:02}", e.month), e.month.to_string()] {
            for d in [format!("{:02}", e.day), e.day.to_string()] {
                let t: Vec<char> = format!("{SEP}{m}{SEP}{d}").chars().collect();
                if !out.contains(&t) {
                    out.push(t);
                }
            }
        }
    }
    out
}

/// Every month and day as [`date_targets`] writes them.
fn all_date_targets() -> Vec<Vec<char>> {
    let days: Vec<MemoDate> = (1..=12u8)
        .flat_map(|m| (1..=31u8).filter_map(move |d| MemoDate::new(2000, m, d)))
        .collect();
    date_targets(&days)
}

/// Whether the tokens can spell `target` from their start. With `wild`, unsure glyphs
/// match anything, letters may be noise, and trailing glyphs are ignored unless they are
/// sure plain digits (`plain`); without, every glyph must be sure and nothing but
/// separators may follow.
fn spells(toks: &[Token], plain: &[bool], target: &[char], wild: bool) -> bool {
    let (n, m) = (toks.len(), target.len());
    // memo[i][j]: 0 unknown, 1 no, 2 yes
    let mut memo = vec![0u8; (n + 1) * (m + 1)];
    fn go(
        i: usize,
        j: usize,
        toks: &[Token],
        plain: &[bool],
        t: &[char],
        wild: bool,
        memo: &mut [u8],
    ) -> bool {
        let (n, m) = (toks.len(), t.len());
        let key = i * (m + 1) + j;
        if memo[key] != 0 {
            return memo[key] == 2;
        }
        let only_sep = |c: &[String]| c.iter().all(|s| s == "S");
        let result = if j == m {
            if wild {
                !(i..n).any(|k| {
                    plain[k] && matches!(&toks[k], Token::Sure(c, _) if c.iter().any(|s| s != "S"))
                })
            } else {
                (i..n).all(|k| matches!(&toks[k], Token::Sure(c, _) if only_sep(c)))
            }
        } else if i == n {
            false
        } else {
            match &toks[i] {
                Token::Any => {
                    wild && (0..=2)
                        .any(|s| j + s <= m && go(i + 1, j + s, toks, plain, t, wild, memo))
                }
                Token::Sure(c, letter) => {
                    (wild && *letter && go(i + 1, j, toks, plain, t, wild, memo))
                        || c.iter().any(|s| {
                        let s: Vec<char> = s.chars().collect();
                        t[j..].starts_with(&s) && go(i + 1, j + s.len(), toks, plain, t, wild, memo)
                    }) || (c.iter().any(|s| s == "S")
                        && (t[j] == SEP || (j > 0 && t[j - 1] == SEP))
                        && (wild || only_sep(c))
                        && go(i + 1, j, toks, plain, t, wild, memo))
                        // a separator the reading lost (only where unsure counts for the customer)
                        || (wild && t[j] == SEP && go(i, j + 1, toks, plain, t, wild, memo))
                }
            }
        };
        memo[key] = if result { 2 } else { 1 };
        result
    }
    go(0, 0, toks, plain, target, wild, &mut memo)
}

/// What a glyph-level reading of one line says about the expected dates (month and day;
/// OCR often garbles a year's first digit). `None` when the line holds no year.
pub(crate) fn date_evidence(glyphs: &[Glyph], dates: &[MemoDate]) -> Option<DateEvidence> {
    if dates.is_empty() {
        return None;
    }
    let rest = &glyphs[after_year(glyphs)?..];
    let lenient = tokens(rest, true);
    let strict = tokens(rest, false);
    let plain: Vec<bool> = rest
        .iter()
        .map(|g| g.conf >= GLYPH_SURE && single(&g.ch).is_some_and(|c| c.is_ascii_digit()))
        .collect();
    let targets = date_targets(dates);
    let supports = targets.iter().any(|t| spells(&strict, &plain, t, false));
    let could_be = targets.iter().any(|t| spells(&lenient, &plain, t, true));
    let sure_digits = lenient
        .iter()
        .filter(|t| matches!(t, Token::Sure(c, _) if c.iter().any(|s| s != "S")))
        .count();
    // Evidence of another date is another date, read in full with sure glyphs: a line
    // that merely fails to be the expected one ("2026/07)") says nothing.
    let contradicts = !could_be
        && sure_digits >= DATE_MIN_SURE_DIGITS
        && all_date_targets()
            .iter()
            .any(|t| spells(&strict, &plain, t, false));
    Some(DateEvidence {
        supports,
        contradicts,
    })
}

/// Letter pairs handwriting confuses beyond the OCR confusions of
/// [`crate::text::CONFUSABLE`] (both ways).
const HANDWRITING_CONFUSIONS: &[(char, char)] = &[
    ('I', '!'),
    ('I', '|'),
    ('I', 'L'),
    ('I', 'J'),
    ('I', 'T'),
    ('M', 'N'),
    ('O', 'Q'),
    ('O', 'D'),
];

/// What a glyph was read as, and its alternatives the LSTM found plausible.
fn plausible_readings(g: &Glyph) -> impl Iterator<Item = &str> {
    std::iter::once(g.ch.as_str()).chain(
        g.alts
            .iter()
            .filter(|(_, c)| *c >= ALT_PLAUSIBLE)
            .map(|(s, _)| s.as_str()),
    )
}

fn letter_candidates(g: &Glyph) -> Vec<char> {
    let mut out = Vec::new();
    for r in plausible_readings(g) {
        let Some(c) = single(r) else { continue };
        let c = c.to_uppercase().next().unwrap_or(c);
        let mut add = |c: char| {
            if !out.contains(&c) {
                out.push(c);
            }
        };
        add(c);
        for &(a, b) in crate::text::CONFUSABLE.iter().chain(HANDWRITING_CONFUSIONS) {
            if c == a {
                add(b);
            }
            if c == b {
                add(a);
            }
        }
    }
    out
}

/// How many sure glyphs of a line the expected name cannot account for: the least number
/// of edits (a sure glyph that is not a plausible reading of the name's letter, an extra
/// sure glyph, a missing letter) that turn the reading into the name, in either order of
/// its parts. Unsure glyphs cost nothing, so a badly read line is never far from the name.
pub(crate) fn name_distance(glyphs: &[Glyph], name: &str) -> usize {
    enum T {
        Space,
        Any,
        Sure(Vec<char>),
    }
    let toks: Vec<T> = glyphs
        .iter()
        .map(|g| {
            if g.ch == " " {
                T::Space
            } else if g.conf < GLYPH_SURE {
                T::Any
            } else {
                T::Sure(letter_candidates(g))
            }
        })
        .collect();
    let parts: Vec<String> = name.split_whitespace().map(|p| p.to_uppercase()).collect();
    let mut reversed = parts.clone();
    reversed.reverse();
    let mut best = usize::MAX;
    for order in [parts, reversed] {
        let t: Vec<char> = order.join(" ").chars().collect();
        let (n, m) = (toks.len(), t.len());
        let mut d = vec![usize::MAX; (n + 1) * (m + 1)];
        let at = |i: usize, j: usize| i * (m + 1) + j;
        d[0] = 0;
        for i in 0..=n {
            for j in 0..=m {
                let v = d[at(i, j)];
                if v == usize::MAX {
                    continue;
                }
                let relax = |ii: usize, jj: usize, c: usize, d: &mut Vec<usize>| {
                    let k = at(ii, jj);
                    d[k] = d[k].min(v + c);
                };
                if j < m {
                    // a letter of the name the reading lacks (a space costs nothing)
                    relax(i, j + 1, usize::from(t[j] != ' '), &mut d);
                }
                if i < n {
                    match &toks[i] {
                        T::Space => {
                            relax(i + 1, j, 0, &mut d);
                            if j < m && t[j] == ' ' {
                                relax(i + 1, j + 1, 0, &mut d);
                            }
                        }
                        T::Any => {
                            for s in 0..=2 {
                                if j + s <= m {
                                    relax(i + 1, j + s, 0, &mut d);
                                }
                            }
                        }
                        T::Sure(c) => {
                            // Punctuation around a name ("(SUZUKI KENTA,") is no letter of
                            // another name.
                            let extra = usize::from(c.first().is_some_and(|c| c.is_alphanumeric()));
                            relax(i + 1, j, extra, &mut d);
                            if j < m {
                                relax(i + 1, j + 1, usize::from(!c.contains(&t[j])), &mut d);
                            }
                        }
                    }
                }
            }
        }
        best = best.min(d[at(n, m)]);
    }
    best
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Glyphs of `text`, each read with `conf` and no alternatives.
    fn read(text: &str, conf: f32) -> Vec<Glyph> {
        text.chars()
            .map(|c| Glyph {
                ch: c.to_string(),
                conf: if c == ' ' { 100.0 } else { conf },
                alts: Vec::new(),
            })
            .collect()
    }

    fn date(s: &str) -> Vec<MemoDate> {
        MemoDate::parse(s).into_iter().collect()
    }

    #[test]
    fn a_sure_other_date_contradicts_and_the_right_one_supports() {
        let e = date("2026-11-25");
        let right = date_evidence(&read("2026.11.25", 99.0), &e).unwrap();
        assert!(right.supports && !right.contradicts);
        let wrong = date_evidence(&read("2026.11.23", 99.0), &e).unwrap();
        assert!(!wrong.supports && wrong.contradicts);
        // Handwritten "11" read as N is still November.
        let n = date_evidence(&read("2026.N.23", 99.0), &e).unwrap();
        assert!(n.contradicts);
        let n_right = date_evidence(&read("2026.N.25", 99.0), &e).unwrap();
        assert!(n_right.supports && !n_right.contradicts);
        assert_eq!(date_evidence(&read("KATO YUNA", 99.0), &e), None);
    }

    #[test]
    fn uncertainty_never_contradicts() {
        let e = date("2026-11-04");
        // A day read unsurely may be the right one.
        let mut g = read("2026.11.11", 99.0);
        g[8].conf = 70.0;
        g[9].conf = 70.0;
        assert!(!date_evidence(&g, &e).unwrap().contradicts);
        // The expected digit as a plausible alternative.
        let mut g = read("2026.11.01", 99.0);
        g[9].alts = vec![("1".into(), 95.0), ("4".into(), 60.0)];
        assert!(!date_evidence(&g, &e).unwrap().contradicts);
        // "11" collapsed into one "1" by the recogniser, the day unsure: could be 11-04.
        let mut g = read("2026.1.)", 99.0);
        g[7].conf = 80.0;
        assert!(!date_evidence(&g, &e).unwrap().contradicts);
        // A fragment is no date.
        let g = read("2026.1", 99.0);
        assert!(!date_evidence(&g, &e).unwrap().contradicts);
        // Another date must be read in full to count against the expected one.
        let e = date("2026-04-11");
        assert!(
            !date_evidence(&read("2026/07)", 99.0), &e)
                .unwrap()
                .contradicts
        );
        // A letter inside a date may be a stutter of the recogniser ("0O7" for "07").
        let e = date("2026-01-07");
        assert!(
            !date_evidence(&read("2026/01/0O7", 99.0), &e)
                .unwrap()
                .contradicts
        );
        // Noise after the day is ignored; a three-digit day is no date at all.
        let e = date("2026-12-20");
        assert!(
            !date_evidence(&read("2026/12/20)", 99.0), &e)
                .unwrap()
                .contradicts
        );
        let three = date_evidence(&read("2026/12/207", 99.0), &e).unwrap();
        assert!(!three.supports && !three.contradicts);
    }

    #[test]
    fn name_distance_counts_only_sure_glyphs_that_cannot_be_the_name() {
        assert_eq!(name_distance(&read("YAMADA EMMA", 99.0), "YAMADA EMMA"), 0);
        assert_eq!(name_distance(&read("EMMA YAMADA", 99.0), "YAMADA EMMA"), 0);
        // Confusions: V for U, ! for I, 0 for O.
        assert_eq!(
            name_distance(&read("INOVE TAKUM!", 99.0), "INOUE TAKUMI"),
            0
        );
        assert_eq!(
            name_distance(&read("NAKAMURA M10", 99.0), "NAKAMURA MIO"),
            0
        );
        assert_eq!(
            name_distance(&read("(SUZUKI KENTA,", 99.0), "SUZUKI KENTA"),
            0
        );
        assert!(name_distance(&read("SATO YUKI", 99.0), "KATO YUNA") >= 3);
        assert!(name_distance(&read("TAKAHASHI AO!", 99.0), "KATO YUNA") >= 5);
        // Read without confidence, nothing speaks against the name.
        assert_eq!(name_distance(&read("TAKAHASHI AO!", 50.0), "KATO YUNA"), 0);
    }
}
