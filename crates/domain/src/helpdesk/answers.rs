//! A submitted form turned into stored answers: option keys rather than labels (so an
//! agent reads a Japanese customer's choices in their own language), only the fields
//! that apply (a conditional field whose condition does not hold is dropped, even if the
//! browser without script sent it), every problem named by its field.
use super::catalog::{Category, Field, FieldType};
use super::plain_text::plain;
use crate::identity::email::Email;
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;

pub const SUBJECT_MAX: usize = 200;
pub const DESCRIPTION_MAX: usize = 20_000;
pub const TEXT_MAX: usize = 500;
pub const LONG_TEXT_MAX: usize = 10_000;

/// One stored answer: a text, an option key, a date (`YYYY-MM-DD`), an address, or a
/// ticked box.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(untagged)]
pub enum Value {
    Checked(bool),
    Text(String),
}

pub type Answers = BTreeMap<String, Value>;

/// What a customer sent: every field's text as typed (a ticked checkbox sends anything
/// non-empty), and how many files each file field received.
#[derive(Debug, Clone, Default)]
pub struct Submission {
    pub subject: String,
    pub description: String,
    pub subcategory: Option<String>,
    pub fields: BTreeMap<String, String>,
    pub files: BTreeMap<String, usize>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Problem {
    Required,
    TooLong {
        max: usize,
    },
    NotAnEmail,
    UnknownOption,
    NotADate,
    /// The API named a field the form does not have.
    UnknownField,
}

impl Problem {
    /// The stable code, for the API and the Fluent id of the message.
    pub fn code(self) -> &'static str {
        match self {
            Problem::Required => "required",
            Problem::TooLong { .. } => "too_long",
            Problem::NotAnEmail => "not_an_email",
            Problem::UnknownOption => "unknown_option",
            Problem::NotADate => "not_a_date",
            Problem::UnknownField => "unknown_field",
        }
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct FieldError {
    pub field: String,
    pub problem: Problem,
}

/// The form's answers once checked.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Accepted {
    pub subject: String,
    pub description: String,
    pub subcategory: Option<String>,
    pub answers: Answers,
}

/// Whether `field` applies given the answers read so far (fields are read top-down and
/// a condition names an earlier field: the catalogue refuses anything else).
pub fn applies(field: &Field, subcategory: Option<&str>, answers: &Answers) -> bool {
    let Some(condition) = &field.show_if else {
        return true;
    };
    if condition.field == "subcategory" {
        return subcategory == Some(condition.equals.as_str());
    }
    match answers.get(&condition.field) {
        Some(Value::Text(v)) => *v == condition.equals,
        Some(Value::Checked(true)) => condition.equals == "true",
        _ => false,
    }
}

/// Checks a submission against its category's form. `strict` (the API) refuses fields
/// the form does not have; a page form may carry others (its own hidden inputs).
pub fn accept(
    category: &Category,
    submission: &Submission,
    strict: bool,
) -> Result<Accepted, Vec<FieldError>> {
    let mut errors = Vec::new();
    let mut problem = |field: &str, problem| {
        errors.push(FieldError {
            field: field.to_owned(),
            problem,
        })
    };
    let subject = one_line(&plain(&submission.subject));
    match subject.chars().count() {
        0 => problem("subject", Problem::Required),
        n if n > SUBJECT_MAX => problem("subject", Problem::TooLong { max: SUBJECT_MAX }),
        _ => {}
    }
    let description = plain(&submission.description).trim().to_owned();
    match description.chars().count() {
        0 => problem("description", Problem::Required),
        n if n > DESCRIPTION_MAX => problem(
            "description",
            Problem::TooLong {
                max: DESCRIPTION_MAX,
            },
        ),
        _ => {}
    }
    let subcategory = submission
        .subcategory
        .as_deref()
        .map(str::trim)
        .filter(|s| !s.is_empty());
    if !category.subcategories.is_empty() {
        match subcategory {
            None => problem("subcategory", Problem::Required),
            Some(key) if category.subcategory(key).is_none() => {
                problem("subcategory", Problem::UnknownOption)
            }
            _ => {}
        }
    } else if subcategory.is_some() && strict {
        problem("subcategory", Problem::UnknownField);
    }
    if strict {
        for key in submission.fields.keys().chain(submission.files.keys()) {
            if category.field(key).is_none() {
                problem(key, Problem::UnknownField);
            }
        }
    }
    let mut answers = Answers::new();
    for field in &category.fields {
        if !applies(field, subcategory, &answers) {
            continue;
        }
        let raw = submission
            .fields
            .get(&field.key)
            .map(|s| s.trim())
            .unwrap_or("");
        let value = match field.kind {
            FieldType::File => {
                let files = submission.files.get(&field.key).copied().unwrap_or(0);
                if field.required && files == 0 {
                    problem(&field.key, Problem::Required);
                }
                continue;
            }
            FieldType::Checkbox => {
                let ticked = !raw.is_empty() && raw != "false" && raw != "0";
                if field.required && !ticked {
                    problem(&field.key, Problem::Required);
                }
                Value::Checked(ticked)
            }
            _ if raw.is_empty() => {
                if field.required {
                    problem(&field.key, Problem::Required);
                }
                continue;
            }
            FieldType::Text => match limited(&one_line(&plain(raw)), TEXT_MAX) {
                Ok(v) => Value::Text(v),
                Err(p) => {
                    problem(&field.key, p);
                    continue;
                }
            },
            FieldType::LongText => match limited(&plain(raw), LONG_TEXT_MAX) {
                Ok(v) => Value::Text(v),
                Err(p) => {
                    problem(&field.key, p);
                    continue;
                }
            },
            FieldType::Email => match Email::parse(raw) {
                Ok(e) => Value::Text(e.as_str().to_owned()),
                Err(_) => {
                    problem(&field.key, Problem::NotAnEmail);
                    continue;
                }
            },
            FieldType::Select => match field.option(raw) {
                Some(o) => Value::Text(o.key.clone()),
                None => {
                    problem(&field.key, Problem::UnknownOption);
                    continue;
                }
            },
            FieldType::Date => match parse_date(raw) {
                Some(d) => Value::Text(d),
                None => {
                    problem(&field.key, Problem::NotADate);
                    continue;
                }
            },
        };
        answers.insert(field.key.clone(), value);
    }
    if errors.is_empty() {
        Ok(Accepted {
            subject,
            description,
            subcategory: subcategory.map(str::to_owned),
            answers,
        })
    } else {
        Err(errors)
    }
}

/// The file fields that apply to an accepted submission (files sent to any other are
/// refused: the customer could not have seen that field).
pub fn file_field_applies(category: &Category, accepted: &Accepted, key: &str) -> bool {
    category.field(key).is_some_and(|f| {
        f.kind == FieldType::File && applies(f, accepted.subcategory.as_deref(), &accepted.answers)
    })
}

fn one_line(s: &str) -> String {
    s.split_whitespace().collect::<Vec<_>>().join(" ")
}

fn limited(s: &str, max: usize) -> Result<String, Problem> {
    if s.chars().count() > max {
        Err(Problem::TooLong { max })
    } else {
        Ok(s.to_owned())
    }
}

/// `YYYY-MM-DD` (what a date input sends), a real calendar day.
pub fn parse_date(s: &str) -> Option<String> {
    let mut parts = s.split('-');
    let (y, m, d) = (parts.next()?, parts.next()?, parts.next()?);
    if parts.next().is_some() || y.len() != 4 || m.len() != 2 || d.len() != 2 {
        return None;
    }
    let year: i32 = y.parse().ok()?;
    let month = time::Month::try_from(m.parse::<u8>().ok()?).ok()?;
    let day: u8 = d.parse().ok()?;
    time::Date::from_calendar_date(year, month, day).ok()?;
    Some(s.to_owned())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::helpdesk::catalog::tests::two_factor;

    fn lost_device() -> Submission {
        Submission {
            subject: "  Lost   my phone ".into(),
            description: "It fell in the sea.\r\nNo backup.".into(),
            subcategory: Some("lost-device".into()),
            fields: [("device", "phone"), ("lost_on", "2026-11-30")]
                .into_iter()
                .map(|(k, v)| (k.to_owned(), v.to_owned()))
                .collect(),
            files: BTreeMap::new(),
        }
    }

    fn problems(result: Result<Accepted, Vec<FieldError>>) -> Vec<(String, &'static str)> {
        result
            .unwrap_err()
            .into_iter()
            .map(|e| (e.field, e.problem.code()))
            .collect()
    }

    #[test]
    fn a_complete_form_is_stored_as_keys() {
        let accepted = accept(&two_factor(), &lost_device(), true).unwrap();
        assert_eq!(accepted.subject, "Lost my phone");
        assert_eq!(accepted.description, "It fell in the sea.\nNo backup.");
        assert_eq!(accepted.answers["device"], Value::Text("phone".into()));
        assert_eq!(accepted.answers["had_backup"], Value::Checked(false));
        assert!(!accepted.answers.contains_key("backup_where"));
    }

    #[test]
    fn a_conditional_field_is_required_only_while_its_condition_holds() {
        let mut other = lost_device();
        other.subcategory = Some("other".into());
        other.fields.remove("lost_on");
        assert!(accept(&two_factor(), &other, true).is_ok());

        let mut lost = lost_device();
        lost.fields.remove("lost_on");
        assert_eq!(
            problems(accept(&two_factor(), &lost, true)),
            [("lost_on".to_owned(), "required")]
        );

        // Ticked: the follow-up is required; sent while unticked (a page without
        // script shows it), it is dropped.
        let mut ticked = lost_device();
        ticked.fields.insert("had_backup".into(), "on".into());
        assert_eq!(
            problems(accept(&two_factor(), &ticked, true)),
            [("backup_where".to_owned(), "required")]
        );
        let mut unticked = lost_device();
        unticked
            .fields
            .insert("backup_where".into(), "a drawer".into());
        let accepted = accept(&two_factor(), &unticked, true).unwrap();
        assert!(!accepted.answers.contains_key("backup_where"));
    }

    #[test]
    fn every_bad_value_is_named() {
        let mut bad = lost_device();
        bad.subject = " ".into();
        bad.description = "x".repeat(DESCRIPTION_MAX + 1);
        bad.fields.insert("device".into(), "Phone".into());
        bad.fields.insert("lost_on".into(), "2026-02-30".into());
        bad.fields.insert("contact".into(), "not an address".into());
        bad.fields.insert("nickname".into(), "x".into());
        assert_eq!(
            problems(accept(&two_factor(), &bad, true)),
            [
                ("subject".to_owned(), "required"),
                ("description".to_owned(), "too_long"),
                ("nickname".to_owned(), "unknown_field"),
                ("device".to_owned(), "unknown_option"),
                ("lost_on".to_owned(), "not_a_date"),
                ("contact".to_owned(), "not_an_email"),
            ]
        );
        let mut no_sub = lost_device();
        no_sub.subcategory = None;
        assert_eq!(
            problems(accept(&two_factor(), &no_sub, false)),
            [("subcategory".to_owned(), "required")]
        );
    }

    #[test]
    fn a_page_form_may_carry_its_own_inputs() {
        let mut page = lost_device();
        page.fields.insert("idempotency_key".into(), "k".into());
        assert!(accept(&two_factor(), &page, false).is_ok());
    }

    #[test]
    fn dates_are_calendar_days() {
        assert_eq!(parse_date("2024-02-29").as_deref(), Some("2024-02-29"));
        for bad in [
            "2023-02-29",
            "2024-2-01",
            "20240201",
            "2024-13-01",
            "abcd-ef-gh",
        ] {
            assert_eq!(parse_date(bad), None, "{bad}");
        }
    }
}
