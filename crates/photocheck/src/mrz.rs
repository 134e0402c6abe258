//! ICAO 9303 machine-readable zone, TD3 (passport, two lines of 44 characters).

use serde::{Deserialize, Serialize};

/// ICAO 9303 part 3 §4.9: weights 7, 3, 1 repeating; digits count as themselves,
/// A..Z as 10..35, the filler `<` as 0; the check digit is the sum modulo 10.
pub fn check_digit(field: &str) -> u8 {
    let weights = [7u32, 3, 1];
    let sum: u32 = field
        .chars()
        .enumerate()
        .map(|(i, c)| {
            let v = match c {
                '0'..='9' => c as u32 - '0' as u32,
                'A'..='Z' => c as u32 - 'A' as u32 + 10,
                _ => 0,
            };
            v * weights[i % 3]
        })
        .sum();
    (sum % 10) as u8
}

/// The outcome of validating a TD3 zone.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct MrzResult {
    pub line1: String,
    pub line2: String,
    /// Document number, birth date, expiry date, personal number, composite.
    pub checks_passed: u8,
    pub checks_total: u8,
}

impl MrzResult {
    pub fn valid(&self) -> bool {
        self.checks_passed == self.checks_total
    }
}

fn digit_of(c: char) -> Option<u8> {
    c.to_digit(10).map(|d| d as u8)
}

/// OCR often reads O for 0, I/L for 1, S for 5, B for 8, Z for 2 where only digits are
/// allowed (dates, check digits).
fn as_digits(s: &str) -> String {
    s.chars()
        .map(|c| match c {
            'O' | 'Q' | 'D' => '0',
            'I' | 'L' => '1',
            'S' => '5',
            'B' => '8',
            'Z' => '2',
            'G' => '6',
            other => other,
        })
        .collect()
}

/// Validates the five check digits of a TD3 zone (line 2), after correcting the usual
/// OCR confusions in all-numeric positions.
pub fn validate_td3(line1: &str, line2: &str) -> Option<MrzResult> {
    let l2: Vec<char> = line2.chars().collect();
    if l2.len() != 44 || line1.chars().count() != 44 {
        return None;
    }
    let s = |a: usize, b: usize| l2[a..b].iter().collect::<String>();
    let cd0 = |i: usize| digit_of(as_digits(&l2[i].to_string()).chars().next().unwrap_or('?'));
    // The document number is alphanumeric, so O/0 and I/1 cannot be told apart from
    // the field alone; its check digit can: take the reading that satisfies it.
    let raw_number = s(0, 9);
    let digit_number = as_digits(&raw_number);
    let number =
        if cd0(9) != Some(check_digit(&raw_number)) && cd0(9) == Some(check_digit(&digit_number)) {
            digit_number
        } else {
            raw_number
        };
    let dob = as_digits(&s(13, 19));
    let expiry = as_digits(&s(21, 27));
    let personal = s(28, 42);
    let cd = |i: usize| digit_of(as_digits(&l2[i].to_string()).chars().next().unwrap_or('?'));
    let personal_cd = if l2[42] == '<' { Some(0) } else { cd(42) };
    let composite = format!(
        "{}{}{}{}{}{}{}",
        number, l2[9], dob, l2[19], expiry, l2[27], personal
    );
    let composite = format!("{}{}", composite, l2[42]);
    let checks = [
        cd(9) == Some(check_digit(&number)),
        cd(19) == Some(check_digit(&dob)),
        cd(27) == Some(check_digit(&expiry)),
        personal_cd == Some(check_digit(&personal)),
        cd(43) == Some(check_digit(&as_digits_checks(&composite))),
    ];
    Some(MrzResult {
        line1: line1.to_string(),
        line2: line2.to_string(),
        checks_passed: checks.iter().filter(|&&c| c).count() as u8,
        checks_total: checks.len() as u8,
    })
}

/// In the composite, the check-digit positions (10, 17, 25, 43 of the 43-char string)
/// are digits.
fn as_digits_checks(composite: &str) -> String {
    composite
        .chars()
        .enumerate()
        .map(|(i, c)| {
            if matches!(i, 9 | 16 | 23 | 38) {
                as_digits(&c.to_string()).chars().next().unwrap_or(c)
            } else {
                c
            }
        })
        .collect()
}

fn fit(s: &str) -> String {
    let mut s: String = s.chars().take(44).collect();
    while s.chars().count() < 44 {
        s.push('<');
    }
    s
}

/// OCR drops or adds a character now and then: a line of 43, 45 or 46 characters is
/// tried with each single insertion of a filler / each single (or double) deletion,
/// and the check digits pick the right one.
fn variants(line: &str) -> Vec<String> {
    let c: Vec<char> = line.chars().collect();
    let mut out = vec![fit(line)];
    match c.len() {
        43 => {
            for i in 0..=43 {
                let mut v = c.clone();
                v.insert(i, '<');
                out.push(v.into_iter().collect());
            }
        }
        45 | 46 => {
            for i in 0..c.len() {
                let mut v = c.clone();
                v.remove(i);
                if v.len() == 45 {
                    for j in 0..v.len() {
                        let mut w = v.clone();
                        w.remove(j);
                        out.push(w.into_iter().collect());
                    }
                } else {
                    out.push(v.into_iter().collect());
                }
            }
        }
        _ => {}
    }
    out
}

/// Finds a TD3 zone in OCR text: two consecutive lines of ~44 characters of A-Z0-9<.
pub fn find_td3(text: &str) -> Option<MrzResult> {
    let lines: Vec<String> = text
        .lines()
        .map(|l| {
            l.chars()
                .filter(|c| !c.is_whitespace())
                .map(|c| match c {
                    '«' | '‹' | '(' | '{' | '[' => '<',
                    c => c.to_ascii_uppercase(),
                })
                .filter(|c| c.is_ascii_alphanumeric() || *c == '<')
                .collect::<String>()
        })
        .filter(|l| l.len() >= 36)
        .collect();
    let mut best: Option<MrzResult> = None;
    for pair in lines.windows(2) {
        let l1 = fit(&pair[0]);
        for l2 in variants(&pair[1]) {
            if let Some(r) = validate_td3(&l1, &l2) {
                if best
                    .as_ref()
                    .is_none_or(|b| r.checks_passed > b.checks_passed)
                {
                    best = Some(r);
                }
            }
        }
    }
    best
}

#[cfg(test)]
mod tests {
    use super::*;

    // ICAO 9303 part 4 appendix A specimen (Utopia, Anna Maria Eriksson).
    const L1: &str = "P<UTOERIKSSON<<ANNA<MARIA<<<<<<<<<<<<<<<<<<<";
    const L2: &str = "L898902C36UTO7408122F1204159ZE184226B<<<<<10";

    #[test]
    fn icao_specimen_validates() {
        assert_eq!(check_digit("L898902C3"), 6);
        assert_eq!(check_digit("740812"), 2);
        let r = validate_td3(L1, L2).unwrap();
        assert!(r.valid(), "{r:?}");
    }

    #[test]
    fn a_wrong_digit_is_caught() {
        let bad = L2.replace("7408122", "7408132");
        let r = validate_td3(L1, &bad).unwrap();
        assert!(!r.valid());
    }

    #[test]
    fn found_in_noisy_ocr_text() {
        let text = format!(
            "PASSPORT\nsome words\n{}\n{}\n",
            L1.replace("<<<<", "<< <<"),
            L2.replace('0', "O")
        );
        let r = find_td3(&text).unwrap();
        assert!(r.checks_passed >= 3, "{r:?}");
    }
}
