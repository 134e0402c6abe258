//! A request's form answers as the words a person reads, for the search index. The
//! answers are stored as JSON with option keys; indexed as such, `{` or `false` found
//! every request, an answer holding a quote could not be found as typed (it is stored
//! escaped), and a choice could be found only by its key, which no agent ever sees.
//! Indexed instead: what was typed, each choice by its label in every language (an agent
//! reading Japanese finds an English customer's choice), and a ticked box by its label.
use super::answers::{Answers, Value};
use super::catalog::{Category, FieldType};
use super::localized::Localized;

/// The searchable text of a request's answers, one line per answer, in the form's
/// order. A field or option the catalogue no longer has is indexed as stored.
pub fn answers_text(
    category: Option<&Category>,
    subcategory: Option<&str>,
    answers: &Answers,
) -> String {
    let mut lines = Vec::new();
    if let Some(key) = subcategory {
        match category.and_then(|c| c.subcategory(key)) {
            Some(choice) => push_labels(&mut lines, &choice.label),
            None => lines.push(key.to_owned()),
        }
    }
    let fields = category.map(|c| c.fields.as_slice()).unwrap_or_default();
    for field in fields {
        match (answers.get(&field.key), field.kind) {
            (Some(Value::Checked(true)), _) => push_labels(&mut lines, &field.label),
            (Some(Value::Text(key)), FieldType::Select) => match field.option(key) {
                Some(choice) => push_labels(&mut lines, &choice.label),
                None => lines.push(key.clone()),
            },
            (Some(Value::Text(text)), _) => lines.push(text.clone()),
            (Some(Value::Checked(false)) | None, _) => {}
        }
    }
    let known = |key: &str| fields.iter().any(|f| f.key == key);
    for (_, value) in answers.iter().filter(|(key, _)| !known(key)) {
        if let Value::Text(text) = value {
            lines.push(text.clone());
        }
    }
    lines.join("\n")
}

fn push_labels(lines: &mut Vec<String>, label: &Localized) {
    lines.push(label.en.clone());
    if label.ja != label.en {
        lines.push(label.ja.clone());
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::helpdesk::catalog::tests::two_factor;

    fn answers(pairs: &[(&str, Value)]) -> Answers {
        pairs
            .iter()
            .map(|(k, v)| ((*k).to_owned(), v.clone()))
            .collect()
    }

    #[test]
    fn choices_read_as_their_labels_in_both_languages_and_typed_text_as_typed() {
        let category = two_factor();
        let stored = answers(&[
            ("device", Value::Text("phone".into())),
            ("lost_on", Value::Text("2026-11-30".into())),
            ("had_backup", Value::Checked(true)),
            ("backup_where", Value::Text(r#"a "safe" \ place"#.into())),
        ]);
        let text = answers_text(Some(&category), Some("lost-device"), &stored);
        assert_eq!(
            text.lines().collect::<Vec<_>>(),
            [
                "lost-device",
                "lost-device（日本語）",
                "phone",
                "phone（日本語）",
                "2026-11-30",
                "had_backup",
                "had_backup（日本語）",
                r#"a "safe" \ place"#,
            ]
        );
        // Nothing of the JSON it is stored as.
        assert!(!text.contains('{') && !text.contains("true") && !text.contains(':'));
    }

    #[test]
    fn an_unticked_box_says_nothing_and_what_the_catalogue_lost_is_kept_as_stored() {
        let category = two_factor();
        let stored = answers(&[
            ("had_backup", Value::Checked(false)),
            ("device", Value::Text("pager".into())),
            ("retired_field", Value::Text("古い質問への答え".into())),
            ("retired_box", Value::Checked(true)),
        ]);
        assert_eq!(
            answers_text(Some(&category), Some("gone"), &stored),
            "gone\npager\n古い質問への答え"
        );
        assert_eq!(answers_text(None, None, &stored), "pager\n古い質問への答え");
        assert_eq!(answers_text(None, None, &Answers::new()), "");
    }
}
