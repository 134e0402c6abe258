//! A request's form as a reader sees it, in the reader's language: the labels of its
//! category, sub-category, fields and chosen options come from the catalogue in use,
//! the stored answers being keys (an answer to a field since removed shows its key).
use keydesk_domain::helpdesk::answers::{self, Value};
use keydesk_domain::helpdesk::catalog::{Catalog, Category, FieldType};
use keydesk_domain::identity::language::Language;
use keydesk_store::models::DeskRequest;
use std::collections::BTreeMap;

pub fn category_label(catalog: &Catalog, request: &DeskRequest, lang: Language) -> String {
    catalog
        .category(&request.category)
        .map(|c| c.label.get(lang).to_owned())
        .unwrap_or_else(|| request.category.clone())
}

pub fn subcategory_label(catalog: &Catalog, request: &DeskRequest, lang: Language) -> String {
    let Some(key) = &request.subcategory else {
        return String::new();
    };
    catalog
        .category(&request.category)
        .and_then(|c| c.subcategory(key))
        .map(|s| s.label.get(lang).to_owned())
        .unwrap_or_else(|| key.clone())
}

/// Each answer as (label, value), in the form's order.
pub fn answers(
    catalog: &Catalog,
    request: &DeskRequest,
    lang: Language,
    yes_no: (&str, &str),
) -> Vec<(String, String)> {
    let stored: answers::Answers = serde_json::from_str(&request.answers).unwrap_or_default();
    let category = catalog.category(&request.category);
    let mut out = Vec::new();
    let mut shown = std::collections::BTreeSet::new();
    if let Some(category) = category {
        for field in &category.fields {
            let Some(value) = stored.get(&field.key) else {
                continue;
            };
            shown.insert(field.key.clone());
            let text = match (value, field.kind) {
                (Value::Checked(true), _) => yes_no.0.to_owned(),
                (Value::Checked(false), _) => yes_no.1.to_owned(),
                (Value::Text(key), FieldType::Select) => field
                    .option(key)
                    .map(|o| o.label.get(lang).to_owned())
                    .unwrap_or_else(|| key.clone()),
                (Value::Text(text), _) => text.clone(),
            };
            out.push((field.label.get(lang).to_owned(), text));
        }
    }
    for (key, value) in stored.iter().filter(|(k, _)| !shown.contains(*k)) {
        let text = match value {
            Value::Checked(b) => if *b { yes_no.0 } else { yes_no.1 }.to_owned(),
            Value::Text(t) => t.clone(),
        };
        out.push((key.clone(), text));
    }
    out
}

/// One field of a form as the page draws it.
pub struct FieldView {
    pub key: String,
    /// `text`, `long_text`, `email`, `select`, `date`, `checkbox` or `file`.
    pub kind: &'static str,
    pub label: String,
    pub help: String,
    pub required: bool,
    /// (key, label, chosen)
    pub options: Vec<(String, String, bool)>,
    pub value: String,
    /// The input this field waits on and the value it waits for (for the script).
    pub show_if: Option<(String, String)>,
    /// "Only if …", for the page without script.
    pub condition: String,
    pub error: String,
}

/// The name of a field's input: prefixed, so a field can never be taken for the
/// form's own inputs (csrf, subject, …).
pub fn input_name(key: &str) -> String {
    format!("f-{key}")
}

fn kind_name(kind: FieldType) -> &'static str {
    match kind {
        FieldType::Text => "text",
        FieldType::LongText => "long_text",
        FieldType::Email => "email",
        FieldType::Select => "select",
        FieldType::Date => "date",
        FieldType::Checkbox => "checkbox",
        FieldType::File => "file",
    }
}

/// The form's fields with the values sent (after an error) and each field's error.
pub fn fields(
    category: &Category,
    lang: Language,
    sent: &BTreeMap<String, String>,
    errors: &BTreeMap<String, String>,
    only_if: &dyn Fn(&str, &str) -> String,
) -> Vec<FieldView> {
    category
        .fields
        .iter()
        .map(|field| {
            let value = sent.get(&field.key).cloned().unwrap_or_default();
            let (show_if, condition) = match &field.show_if {
                None => (None, String::new()),
                Some(c) => {
                    let (input, target_label, value_label) = if c.field == "subcategory" {
                        (
                            "subcategory".to_owned(),
                            String::new(),
                            category
                                .subcategory(&c.equals)
                                .map(|s| s.label.get(lang).to_owned())
                                .unwrap_or_default(),
                        )
                    } else {
                        let target = category.field(&c.field);
                        (
                            input_name(&c.field),
                            target
                                .map(|t| t.label.get(lang).to_owned())
                                .unwrap_or_default(),
                            target
                                .and_then(|t| t.option(&c.equals))
                                .map(|o| o.label.get(lang).to_owned())
                                .unwrap_or_default(),
                        )
                    };
                    (
                        Some((input, c.equals.clone())),
                        only_if(&target_label, &value_label),
                    )
                }
            };
            FieldView {
                key: field.key.clone(),
                kind: kind_name(field.kind),
                label: field.label.get(lang).to_owned(),
                help: field
                    .help
                    .as_ref()
                    .map(|h| h.get(lang).to_owned())
                    .unwrap_or_default(),
                required: field.required,
                options: field
                    .options
                    .iter()
                    .map(|o| (o.key.clone(), o.label.get(lang).to_owned(), o.key == value))
                    .collect(),
                show_if,
                condition,
                error: errors.get(&field.key).cloned().unwrap_or_default(),
                value,
            }
        })
        .collect()
}
