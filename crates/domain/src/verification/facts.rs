//! The personal facts of Basic verification, checked as the customer gives them: legal
//! name in Latin letters as on the document and, where the country writes names in its
//! own script, in that script too; date of birth (of age at `now`); address; phone;
//! occupation; country of residence. Full-width input is read as half-width (NFKC).
use crate::helpdesk::answers::parse_date;
use serde::{Deserialize, Serialize};
use unicode_normalization::UnicodeNormalization;

/// Countries whose documents carry the name in a script of their own as well.
pub const NATIVE_SCRIPT_COUNTRIES: [&str; 5] = ["JP", "CN", "TW", "HK", "KR"];

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Occupation {
    Employee,
    SelfEmployed,
    Executive,
    PublicServant,
    Student,
    Homemaker,
    Retired,
    Unemployed,
    Other,
}

crate::stored::stored_names!(Occupation {
    Employee => "employee",
    SelfEmployed => "self_employed",
    Executive => "executive",
    PublicServant => "public_servant",
    Student => "student",
    Homemaker => "homemaker",
    Retired => "retired",
    Unemployed => "unemployed",
    Other => "other",
});

/// The facts as typed.
#[derive(Debug, Clone, Default)]
pub struct FactsInput {
    pub latin_name: String,
    pub native_name: String,
    pub date_of_birth: String,
    pub address: String,
    pub phone: String,
    pub occupation: String,
    pub country: String,
}

/// The facts once checked, as stored.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct BasicFacts {
    pub latin_name: String,
    pub native_name: Option<String>,
    pub date_of_birth: String,
    pub address: String,
    /// Digits, with a leading `+` when international.
    pub phone: String,
    pub occupation: Occupation,
    pub country: String,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum FactProblem {
    Required,
    NotLatin,
    TooLong,
    NotADate,
    TooYoung,
    NotAPhone,
    UnknownOccupation,
    NotACountry,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct FactError {
    pub field: &'static str,
    pub problem: FactProblem,
}

fn nfkc(s: &str) -> String {
    s.nfkc()
        .collect::<String>()
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
}

/// Whole years between `birth` (`YYYY-MM-DD`) and `today` (`YYYY-MM-DD`).
fn age(birth: &str, today: &str) -> Option<i32> {
    let y = |s: &str| s.get(0..4)?.parse::<i32>().ok();
    let md = |s: &str| s.get(5..10).map(str::to_owned);
    let mut years = y(today)? - y(birth)?;
    if md(today)? < md(birth)? {
        years -= 1;
    }
    Some(years)
}

/// Checks the facts; `today` is the customer's date (`YYYY-MM-DD`), `min_age` the
/// exchange's.
pub fn check(input: &FactsInput, today: &str, min_age: i32) -> Result<BasicFacts, Vec<FactError>> {
    let mut errors = Vec::new();
    let mut problem = |field, problem| errors.push(FactError { field, problem });
    let country = nfkc(&input.country).to_ascii_uppercase();
    if !(country.len() == 2 && country.chars().all(|c| c.is_ascii_uppercase())) {
        problem("country", FactProblem::NotACountry);
    }
    let latin_name = nfkc(&input.latin_name);
    if latin_name.is_empty() {
        problem("latin_name", FactProblem::Required);
    } else if latin_name.chars().count() > 100 {
        problem("latin_name", FactProblem::TooLong);
    } else if !latin_name
        .nfd()
        .filter(|c| !unicode_normalization::char::is_combining_mark(*c))
        .all(|c| c.is_ascii_alphabetic() || " -'.".contains(c))
    {
        problem("latin_name", FactProblem::NotLatin);
    }
    let native_name = nfkc(&input.native_name);
    let needs_native = NATIVE_SCRIPT_COUNTRIES.contains(&country.as_str());
    if needs_native && native_name.is_empty() {
        problem("native_name", FactProblem::Required);
    } else if native_name.chars().count() > 100 {
        problem("native_name", FactProblem::TooLong);
    }
    let date_of_birth = nfkc(&input.date_of_birth);
    match parse_date(&date_of_birth) {
        None => problem("date_of_birth", FactProblem::NotADate),
        Some(d) if age(&d, today).is_none_or(|a| a < min_age) => {
            problem("date_of_birth", FactProblem::TooYoung)
        }
        Some(_) => {}
    }
    let address = nfkc(&input.address);
    if address.is_empty() {
        problem("address", FactProblem::Required);
    } else if address.chars().count() > 300 {
        problem("address", FactProblem::TooLong);
    }
    let raw_phone = nfkc(&input.phone);
    let digits: String = raw_phone.chars().filter(char::is_ascii_digit).collect();
    let phone_ok = raw_phone
        .chars()
        .all(|c| c.is_ascii_digit() || " -+()".contains(c))
        && (7..=15).contains(&digits.len());
    if raw_phone.is_empty() {
        problem("phone", FactProblem::Required);
    } else if !phone_ok {
        problem("phone", FactProblem::NotAPhone);
    }
    let occupation = Occupation::parse(input.occupation.trim());
    if occupation.is_none() {
        problem("occupation", FactProblem::UnknownOccupation);
    }
    match (errors.is_empty(), occupation) {
        (true, Some(occupation)) => Ok(BasicFacts {
            latin_name,
            native_name: Some(native_name).filter(|n| !n.is_empty()),
            date_of_birth,
            address,
            phone: if raw_phone.starts_with('+') {
                format!("+{digits}")
            } else {
                digits
            },
            occupation,
            country,
        }),
        _ => Err(errors),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn hanako() -> FactsInput {
        FactsInput {
            latin_name: "ＹＡＭＡＤＡ　Ｈａｎａｋｏ".into(),
            native_name: "山田 花子".into(),
            date_of_birth: "１９９０-０４-０１".into(),
            address: "東京都千代田区千代田1-1".into(),
            phone: "０９０-１２３４-５６７８".into(),
            occupation: "employee".into(),
            country: "jp".into(),
        }
    }

    #[test]
    fn facts_are_read_as_people_type_them() {
        let facts = check(&hanako(), "2026-12-02", 18).unwrap();
        assert_eq!(facts.latin_name, "YAMADA Hanako");
        assert_eq!(facts.date_of_birth, "1990-04-01");
        assert_eq!(facts.phone, "09012345678");
        assert_eq!(facts.country, "JP");
        assert_eq!(facts.native_name.as_deref(), Some("山田 花子"));
    }

    #[test]
    fn every_problem_is_named_by_its_field() {
        let mut bad = hanako();
        bad.latin_name = "山田花子".into();
        bad.native_name = String::new();
        bad.date_of_birth = "2010-12-03".into();
        bad.phone = "call me".into();
        bad.occupation = "astronaut".into();
        let errors: Vec<_> = check(&bad, "2026-12-02", 18)
            .unwrap_err()
            .into_iter()
            .map(|e| (e.field, e.problem))
            .collect();
        assert_eq!(
            errors,
            vec![
                ("latin_name", FactProblem::NotLatin),
                ("native_name", FactProblem::Required),
                ("date_of_birth", FactProblem::TooYoung),
                ("phone", FactProblem::NotAPhone),
                ("occupation", FactProblem::UnknownOccupation),
            ]
        );
        // Eighteen on the birthday itself, not the day before.
        let mut turning = hanako();
        turning.date_of_birth = "2008-12-02".into();
        assert!(check(&turning, "2026-12-02", 18).is_ok());
        assert!(check(&turning, "2026-12-01", 18).is_err());
        // Elsewhere the native script is not asked for; accents are Latin.
        let mut french = hanako();
        french.country = "FR".into();
        french.native_name = String::new();
        french.latin_name = "Zoé Lefèvre".into();
        french.phone = "+33 6 12 34 56 78".into();
        let facts = check(&french, "2026-12-02", 18).unwrap();
        assert_eq!(facts.phone, "+33612345678");
        assert_eq!(facts.native_name, None);
    }
}
