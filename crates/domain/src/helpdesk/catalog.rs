//! The request forms: categories, their sub-categories and fields, as an admin writes
//! them (`config/categories.toml`, read by the server). A catalogue is checked whole
//! before it replaces the one in use, so a mistake in the file never reaches a customer.
use super::localized::Localized;
use serde::{Deserialize, Serialize};

/// The keys every request has, which a form may not define again.
pub const RESERVED_KEYS: [&str; 6] = [
    "subject",
    "description",
    "subcategory",
    "email",
    "category",
    "attachments",
];

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum FieldType {
    Text,
    LongText,
    Email,
    Select,
    Date,
    Checkbox,
    File,
}

/// One choice of a select (or a sub-category): its key is what is stored.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Choice {
    pub key: String,
    pub label: Localized,
}

/// A field shown (and required) only while another field has a given value: a select's
/// option key, a sub-category's key, or `true` for a ticked checkbox.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Condition {
    pub field: String,
    pub equals: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Field {
    pub key: String,
    #[serde(rename = "type")]
    pub kind: FieldType,
    #[serde(default)]
    pub required: bool,
    pub label: Localized,
    #[serde(default)]
    pub help: Option<Localized>,
    #[serde(default)]
    pub options: Vec<Choice>,
    #[serde(default)]
    pub show_if: Option<Condition>,
}

impl Field {
    pub fn option(&self, key: &str) -> Option<&Choice> {
        self.options.iter().find(|o| o.key == key)
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Category {
    pub key: String,
    pub label: Localized,
    #[serde(default)]
    pub help: Option<Localized>,
    #[serde(default)]
    pub subcategories: Vec<Choice>,
    #[serde(default, rename = "field")]
    pub fields: Vec<Field>,
}

impl Category {
    pub fn field(&self, key: &str) -> Option<&Field> {
        self.fields.iter().find(|f| f.key == key)
    }

    pub fn subcategory(&self, key: &str) -> Option<&Choice> {
        self.subcategories.iter().find(|s| s.key == key)
    }
}

/// The whole file: `[[category]]` tables, each with its `[[category.field]]`s.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, Default)]
#[serde(deny_unknown_fields)]
pub struct Catalog {
    #[serde(rename = "category", default)]
    pub categories: Vec<Category>,
}

#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum CatalogError {
    #[error("the catalogue has no category")]
    Empty,
    #[error("{0:?} is not a usable key: lower-case letters, digits, '-' and '_', at most 40")]
    BadKey(String),
    #[error("{0:?} is defined twice")]
    Duplicate(String),
    #[error("{0:?} is reserved for every request's own fields")]
    Reserved(String),
    #[error("{0}: a text must be written in both en and ja")]
    Untranslated(String),
    #[error("{0}: a select needs at least one option")]
    NoOptions(String),
    #[error("{0}: only a select has options")]
    OptionsOnNonSelect(String),
    #[error("{field}: show_if names {target:?}, which is not a sub-category or an earlier field")]
    UnknownCondition { field: String, target: String },
    #[error("{field}: show_if waits for {value:?}, which {target:?} can never have")]
    ImpossibleCondition {
        field: String,
        target: String,
        value: String,
    },
}

fn usable_key(key: &str) -> bool {
    !key.is_empty()
        && key.len() <= 40
        && key
            .chars()
            .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-' || c == '_')
}

impl Catalog {
    pub fn category(&self, key: &str) -> Option<&Category> {
        self.categories.iter().find(|c| c.key == key)
    }

    /// Every mistake an admin can make in the file that would break a form, found
    /// before the catalogue is used.
    pub fn validate(&self) -> Result<(), CatalogError> {
        if self.categories.is_empty() {
            return Err(CatalogError::Empty);
        }
        let mut seen = std::collections::BTreeSet::new();
        for category in &self.categories {
            check_key(&category.key)?;
            if !seen.insert(category.key.as_str()) {
                return Err(CatalogError::Duplicate(category.key.clone()));
            }
            check_text(&category.key, &category.label, category.help.as_ref())?;
            let mut subs = std::collections::BTreeSet::new();
            for sub in &category.subcategories {
                check_key(&sub.key)?;
                if !subs.insert(sub.key.as_str()) {
                    return Err(CatalogError::Duplicate(format!(
                        "{}.{}",
                        category.key, sub.key
                    )));
                }
                check_text(&sub.key, &sub.label, None)?;
            }
            let mut fields: Vec<&Field> = Vec::new();
            for field in &category.fields {
                let name = format!("{}.{}", category.key, field.key);
                check_key(&field.key)?;
                if RESERVED_KEYS.contains(&field.key.as_str()) {
                    return Err(CatalogError::Reserved(name));
                }
                if fields.iter().any(|f| f.key == field.key) {
                    return Err(CatalogError::Duplicate(name));
                }
                check_text(&name, &field.label, field.help.as_ref())?;
                match (field.kind == FieldType::Select, field.options.is_empty()) {
                    (true, true) => return Err(CatalogError::NoOptions(name)),
                    (false, false) => return Err(CatalogError::OptionsOnNonSelect(name)),
                    _ => {}
                }
                let mut options = std::collections::BTreeSet::new();
                for option in &field.options {
                    check_key(&option.key)?;
                    if !options.insert(option.key.as_str()) {
                        return Err(CatalogError::Duplicate(format!("{name}.{}", option.key)));
                    }
                    check_text(&name, &option.label, None)?;
                }
                if let Some(condition) = &field.show_if {
                    check_condition(category, &fields, &name, condition)?;
                }
                fields.push(field);
            }
        }
        Ok(())
    }
}

fn check_key(key: &str) -> Result<(), CatalogError> {
    if usable_key(key) {
        Ok(())
    } else {
        Err(CatalogError::BadKey(key.to_owned()))
    }
}

fn check_text(name: &str, label: &Localized, help: Option<&Localized>) -> Result<(), CatalogError> {
    if label.is_complete() && help.is_none_or(Localized::is_complete) {
        Ok(())
    } else {
        Err(CatalogError::Untranslated(name.to_owned()))
    }
}

/// A condition names the sub-category or a field before this one (so the form reads
/// top-down and no two fields wait on each other), and a value that field can have.
fn check_condition(
    category: &Category,
    earlier: &[&Field],
    name: &str,
    condition: &Condition,
) -> Result<(), CatalogError> {
    let impossible = || CatalogError::ImpossibleCondition {
        field: name.to_owned(),
        target: condition.field.clone(),
        value: condition.equals.clone(),
    };
    if condition.field == "subcategory" {
        return category
            .subcategory(&condition.equals)
            .map(|_| ())
            .ok_or_else(impossible);
    }
    let target = earlier
        .iter()
        .find(|f| f.key == condition.field)
        .ok_or_else(|| CatalogError::UnknownCondition {
            field: name.to_owned(),
            target: condition.field.clone(),
        })?;
    let possible = match target.kind {
        FieldType::Select => target.option(&condition.equals).is_some(),
        FieldType::Checkbox => condition.equals == "true",
        // A typed value is never a reliable switch.
        _ => false,
    };
    if possible {
        Ok(())
    } else {
        Err(impossible())
    }
}

#[cfg(test)]
pub(crate) mod tests {
    use super::*;

    pub(crate) fn text(en: &str) -> Localized {
        Localized::new(en, format!("{en}（日本語）"))
    }

    pub(crate) fn field(key: &str, kind: FieldType) -> Field {
        Field {
            key: key.into(),
            kind,
            required: false,
            label: text(key),
            help: None,
            options: vec![],
            show_if: None,
        }
    }

    pub(crate) fn choice(key: &str) -> Choice {
        Choice {
            key: key.into(),
            label: text(key),
        }
    }

    /// Two-factor: lost-device / other; a "device" select; "when" shown only for a lost
    /// device; "had_backup" checkbox and "backup_where" shown when it is ticked.
    pub(crate) fn two_factor() -> Category {
        let mut device = field("device", FieldType::Select);
        device.options = vec![choice("phone"), choice("key")];
        device.required = true;
        let mut when = field("lost_on", FieldType::Date);
        when.required = true;
        when.show_if = Some(Condition {
            field: "subcategory".into(),
            equals: "lost-device".into(),
        });
        let had_backup = field("had_backup", FieldType::Checkbox);
        let mut backup_where = field("backup_where", FieldType::Text);
        backup_where.required = true;
        backup_where.show_if = Some(Condition {
            field: "had_backup".into(),
            equals: "true".into(),
        });
        Category {
            key: "two-factor".into(),
            label: text("Two-factor"),
            help: None,
            subcategories: vec![choice("lost-device"), choice("other")],
            fields: vec![
                device,
                when,
                had_backup,
                backup_where,
                field("contact", FieldType::Email),
                field("screenshot", FieldType::File),
            ],
        }
    }

    pub(crate) fn catalog() -> Catalog {
        Catalog {
            categories: vec![two_factor()],
        }
    }

    #[test]
    fn a_sound_catalogue_validates() {
        assert_eq!(catalog().validate(), Ok(()));
    }

    #[test]
    fn every_mistake_is_named() {
        let broken = |f: &dyn Fn(&mut Catalog)| {
            let mut c = catalog();
            f(&mut c);
            c.validate().unwrap_err()
        };
        assert_eq!(Catalog::default().validate(), Err(CatalogError::Empty));
        assert!(matches!(
            broken(&|c| c.categories.push(two_factor())),
            CatalogError::Duplicate(_)
        ));
        assert!(matches!(
            broken(&|c| c.categories[0].key = "Two Factor".into()),
            CatalogError::BadKey(_)
        ));
        assert!(matches!(
            broken(&|c| c.categories[0].fields[0].key = "subject".into()),
            CatalogError::Reserved(_)
        ));
        assert!(matches!(
            broken(&|c| c.categories[0].fields[1].label.ja = " ".into()),
            CatalogError::Untranslated(_)
        ));
        assert!(matches!(
            broken(&|c| c.categories[0].fields[0].options.clear()),
            CatalogError::NoOptions(_)
        ));
        assert!(matches!(
            broken(&|c| c.categories[0].fields[1].options = vec![choice("x")]),
            CatalogError::OptionsOnNonSelect(_)
        ));
        assert!(matches!(
            broken(
                &|c| c.categories[0].fields[3].show_if.as_mut().unwrap().field = "nowhere".into()
            ),
            CatalogError::UnknownCondition { .. }
        ));
        assert!(matches!(
            broken(
                &|c| c.categories[0].fields[1].show_if.as_mut().unwrap().equals = "stolen".into()
            ),
            CatalogError::ImpossibleCondition { .. }
        ));
        // A field may not wait on a later one.
        assert!(matches!(
            broken(&|c| c.categories[0].fields.swap(2, 3)),
            CatalogError::UnknownCondition { .. }
        ));
    }
}
