//! The way back for an account without a complete verification (J4, the first seed):
//! three of four personal facts — date of birth, address, phone number, occupation —
//! matched against what the account gave. Answers are compared as people type them:
//! full- and half-width alike (NFKC), spacing, case, every dash, and for Japanese
//! addresses 丁目/番/号 (in kanji numerals or digits) against hyphenated numbers.
//! Two or fewer is refused without saying which were wrong.
use crate::verification::facts::{BasicFacts, Occupation};
use unicode_normalization::UnicodeNormalization;

/// Facts needed to open a case.
pub const NEEDED: usize = 3;

/// The answers as typed.
#[derive(Debug, Clone, Default)]
pub struct FactsAnswers {
    pub date_of_birth: String,
    pub address: String,
    pub phone: String,
    pub occupation: String,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum FactsOutcome {
    /// Enough matched: the case opens.
    Matched,
    /// Not enough matched. Which ones is never said: that would tell a guesser what to
    /// keep.
    Refused,
}

/// How many answers match the facts on file, and whether that opens a case.
pub fn judge(on_file: &BasicFacts, answers: &FactsAnswers) -> (usize, FactsOutcome) {
    let matched = [
        same_date(&on_file.date_of_birth, &answers.date_of_birth),
        same_address(&on_file.address, &answers.address),
        same_phone(&on_file.phone, &answers.phone),
        Occupation::parse(answers.occupation.trim()) == Some(on_file.occupation),
    ]
    .into_iter()
    .filter(|m| *m)
    .count();
    let outcome = if matched >= NEEDED {
        FactsOutcome::Matched
    } else {
        FactsOutcome::Refused
    };
    (matched, outcome)
}

/// Year, month and day, however separated: 1990-04-01, 1990/4/1, 1990年4月1日, １９９０.４.１.
fn same_date(on_file: &str, typed: &str) -> bool {
    let numbers = |s: &str| -> Vec<u32> {
        s.nfkc()
            .collect::<String>()
            .split(|c: char| !c.is_ascii_digit())
            .filter(|p| !p.is_empty())
            .filter_map(|p| p.parse().ok())
            .collect()
    };
    let (a, b) = (numbers(on_file), numbers(typed));
    a.len() == 3 && a == b
}

/// Phone numbers by their digits, a country code +81 read as the leading 0.
fn same_phone(on_file: &str, typed: &str) -> bool {
    let national = |s: &str| -> String {
        let s: String = s.nfkc().collect();
        let digits: String = s.chars().filter(char::is_ascii_digit).collect();
        match digits.strip_prefix("81") {
            Some(rest) if s.trim_start().starts_with('+') => format!("0{rest}"),
            _ => digits,
        }
    };
    let (a, b) = (national(on_file), national(typed));
    a.len() >= 7 && a == b
}

fn same_address(on_file: &str, typed: &str) -> bool {
    let (a, b) = (address_key(on_file), address_key(typed));
    !a.is_empty() && a == b
}

/// An address reduced to what identifies it: NFKC, lower case, no spacing or
/// punctuation, every dash one hyphen, 丁目/番地/番/号 and kanji numerals as hyphenated
/// digits.
pub fn address_key(address: &str) -> String {
    let text: String = address.nfkc().flat_map(char::to_lowercase).collect();
    let text = kanji_numbers(&text);
    let mut out = String::new();
    let chars: Vec<char> = text.chars().collect();
    let mut i = 0;
    while i < chars.len() {
        let c = chars[i];
        let rest: String = chars[i..chars.len().min(i + 2)].iter().collect();
        let after_digit = out.chars().last().is_some_and(|l| l.is_ascii_digit());
        if after_digit && (rest == "丁目" || rest == "番地") {
            push_dash(&mut out);
            i += 2;
            continue;
        }
        if after_digit && (c == '番' || c == '号') {
            push_dash(&mut out);
            i += 1;
            continue;
        }
        // ー (the long vowel mark) is typed for a hyphen between numbers.
        let dash = matches!(
            c,
            '-' | '‐' | '‑' | '‒' | '–' | '—' | '―' | '−' | '－' | '﹣'
        ) || (c == 'ー' && after_digit);
        if dash {
            push_dash(&mut out);
        } else if c.is_alphanumeric() {
            out.push(c);
        }
        i += 1;
    }
    // A hyphen only between two numbers: "1丁目1番1号 パーク" and "1-1-1パーク" agree.
    let out: Vec<char> = out.chars().collect();
    out.iter()
        .enumerate()
        .filter(|&(k, &c)| {
            c != '-'
                || (k > 0
                    && out[k - 1].is_ascii_digit()
                    && out.get(k + 1).is_some_and(|n| n.is_ascii_digit()))
        })
        .map(|(_, &c)| c)
        .collect()
}

fn push_dash(out: &mut String) {
    if !out.ends_with('-') {
        out.push('-');
    }
}

/// Kanji numerals (一 … 九十九) followed by 丁目, 番 or 号 as digits: 三丁目 → 3丁目.
fn kanji_numbers(text: &str) -> String {
    let digit = |c: char| "〇一二三四五六七八九".chars().position(|k| k == c);
    let chars: Vec<char> = text.chars().collect();
    let mut out = String::new();
    let mut i = 0;
    while i < chars.len() {
        let start = i;
        while i < chars.len() && (digit(chars[i]).is_some() || chars[i] == '十') {
            i += 1;
        }
        if i == start {
            out.push(chars[i]);
            i += 1;
            continue;
        }
        let run = &chars[start..i];
        let followed = chars
            .get(i)
            .is_some_and(|c| matches!(c, '丁' | '番' | '号'));
        match (followed, kanji_value(run, &digit)) {
            (true, Some(v)) => out.push_str(&v.to_string()),
            _ => out.extend(run),
        }
    }
    out
}

fn kanji_value(run: &[char], digit: &dyn Fn(char) -> Option<usize>) -> Option<usize> {
    match run.iter().position(|&c| c == '十') {
        // 十 = 10, 二十 = 20, 十五 = 15, 二十五 = 25
        Some(p) if run.len() <= 3 && p <= 1 => {
            let tens = if p == 0 { 1 } else { digit(run[0])? };
            let ones = match &run[p + 1..] {
                [] => 0,
                [c] => digit(*c)?,
                _ => return None,
            };
            Some(tens * 10 + ones)
        }
        Some(_) => None,
        None => run.iter().try_fold(0, |v, &c| Some(v * 10 + digit(c)?)),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn on_file() -> BasicFacts {
        BasicFacts {
            latin_name: "TANAKA HANAKO".into(),
            native_name: Some("田中 花子".into()),
            date_of_birth: "1990-04-01".into(),
            address: "東京都千代田区千代田1-1-1 パークハウス101".into(),
            phone: "09012345678".into(),
            occupation: Occupation::Employee,
            country: "JP".into(),
        }
    }

    fn answers(dob: &str, address: &str, phone: &str, occupation: &str) -> FactsAnswers {
        FactsAnswers {
            date_of_birth: dob.into(),
            address: address.into(),
            phone: phone.into(),
            occupation: occupation.into(),
        }
    }

    #[test]
    fn answers_match_as_people_type_them() {
        let facts = on_file();
        let typed = answers(
            "１９９０年４月１日",
            "東京都 千代田区 千代田一丁目1番1号　パークハウス１０１",
            "+81 90-1234-5678",
            "employee",
        );
        assert_eq!(judge(&facts, &typed), (4, FactsOutcome::Matched));
        let dashes = answers(
            "1990/4/1",
            "東京都千代田区千代田1ー1ー1パークハウス101",
            "090 1234 5678",
            "",
        );
        assert_eq!(judge(&facts, &dashes), (3, FactsOutcome::Matched));
    }

    #[test]
    fn two_of_four_is_refused() {
        let facts = on_file();
        let typed = answers(
            "1990-04-01",
            "東京都千代田区千代田1-1-2",
            "09012345678",
            "student",
        );
        assert_eq!(judge(&facts, &typed), (2, FactsOutcome::Refused));
        assert_eq!(
            judge(&facts, &FactsAnswers::default()),
            (0, FactsOutcome::Refused)
        );
    }

    #[test]
    fn addresses_reduce_to_one_key() {
        for typed in [
            "東京都千代田区千代田1丁目1番1号",
            "東京都千代田区千代田一丁目一番一号",
            "東京都千代田区千代田1-1-1",
            "東京都千代田区千代田１－１－１",
            "東京都千代田区千代田1‐1‐1",
            "東京都千代田区千代田1丁目1番地1",
        ] {
            assert_eq!(address_key(typed), "東京都千代田区千代田1-1-1", "{typed}");
        }
        assert_eq!(address_key("二十三番"), "23");
        assert_eq!(address_key("1丁目-1"), "1-1");
        assert_eq!(address_key("十五丁目"), "15");
        assert_eq!(
            address_key("1-2 Chiyoda,  Tokyo"),
            address_key("1-2 chiyoda tokyo")
        );
        assert_ne!(address_key("千代田1-1-1"), address_key("千代田1-1-11"));
        assert_eq!(
            address_key("コーポ"),
            "コーポ",
            "a long vowel in a name stays"
        );
        assert_ne!(address_key("千代田1-11"), address_key("千代田11-1"));
    }

    #[test]
    fn phone_and_date_need_the_whole_thing() {
        assert!(same_phone("09012345678", "+81-90-1234-5678"));
        assert!(
            !same_phone("09012345678", "81-90-1234-5678"),
            "no + is no country code"
        );
        assert!(!same_phone("09012345678", "1234-5678"));
        assert!(same_date("1990-04-01", "1990.4.1"));
        assert!(!same_date("1990-04-01", "1990-04"));
        assert!(!same_date("1990-04-01", "1990-01-04"));
    }
}
