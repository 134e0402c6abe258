//! A text written in each language a customer may read (a form's label, a macro).
use crate::identity::language::Language;
use serde::{Deserialize, Serialize};

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, Default)]
#[serde(deny_unknown_fields)]
pub struct Localized {
    pub en: String,
    pub ja: String,
}

impl Localized {
    pub fn new(en: impl Into<String>, ja: impl Into<String>) -> Self {
        Self {
            en: en.into(),
            ja: ja.into(),
        }
    }

    pub fn get(&self, lang: Language) -> &str {
        match lang {
            Language::En => &self.en,
            Language::Ja => &self.ja,
        }
    }

    /// Both languages written (a catalogue with one missing is refused).
    pub fn is_complete(&self) -> bool {
        !self.en.trim().is_empty() && !self.ja.trim().is_empty()
    }
}
