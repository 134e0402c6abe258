//! The languages customers see pages and mails in.
use serde::{Deserialize, Serialize};

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, Default)]
#[serde(rename_all = "lowercase")]
pub enum Language {
    #[default]
    En,
    Ja,
}

impl Language {
    pub const ALL: [Language; 2] = [Language::En, Language::Ja];

    pub fn code(self) -> &'static str {
        match self {
            Language::En => "en",
            Language::Ja => "ja",
        }
    }

    /// The code exactly as [`Language::code`] gives it, as stored with an account;
    /// [`Language::parse`] is for what people and browsers send (`ja-JP`, ` EN`).
    pub fn from_code(code: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|lang| lang.code() == code)
    }

    pub fn parse(code: &str) -> Option<Self> {
        let primary = code.trim().split(['-', '_']).next()?.to_ascii_lowercase();
        match primary.as_str() {
            "en" => Some(Language::En),
            "ja" => Some(Language::Ja),
            _ => None,
        }
    }

    /// Picks the best supported language from an `Accept-Language` header
    /// (RFC 9110 §12.5.4), honouring q-values; `None` when nothing matches.
    pub fn from_accept_language(header: &str) -> Option<Self> {
        let mut best: Option<(f32, Language)> = None;
        for item in header.split(',') {
            let mut parts = item.split(';');
            let tag = parts.next().unwrap_or("").trim();
            let q = parts
                .find_map(|p| p.trim().strip_prefix("q="))
                .and_then(|q| q.trim().parse::<f32>().ok())
                .unwrap_or(1.0);
            if let Some(lang) = Language::parse(tag) {
                if q > 0.0 && best.is_none_or(|(bq, _)| q > bq) {
                    best = Some((q, lang));
                }
            }
        }
        best.map(|(_, l)| l)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn stored_codes_are_exact() {
        for lang in Language::ALL {
            assert_eq!(Language::from_code(lang.code()), Some(lang));
        }
        for loose in ["", "ja-JP", "EN", " en", "fr"] {
            assert_eq!(Language::from_code(loose), None, "{loose:?}");
        }
    }

    #[test]
    fn accept_language_respects_quality() {
        assert_eq!(
            Language::from_accept_language("ja-JP,ja;q=0.9,en;q=0.8"),
            Some(Language::Ja)
        );
        assert_eq!(
            Language::from_accept_language("fr;q=1, en;q=0.5, ja;q=0.7"),
            Some(Language::Ja)
        );
        assert_eq!(Language::from_accept_language("de, fr"), None);
        assert_eq!(Language::from_accept_language("en-US"), Some(Language::En));
    }
}
