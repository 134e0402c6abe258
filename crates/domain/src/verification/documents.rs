//! Which identity documents are accepted, per country of residence, and which sides of
//! each are needed — configuration (`config/kyc_documents.toml`), checked whole before
//! it is used, so the upload page can say what is accepted before anything is sent.
use crate::helpdesk::localized::Localized;
use serde::Deserialize;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum DocumentType {
    Passport,
    DriversLicense,
    ResidenceCard,
    MyNumberCard,
    NationalId,
}

crate::stored::stored_names!(DocumentType {
    Passport => "passport",
    DriversLicense => "drivers_license",
    ResidenceCard => "residence_card",
    MyNumberCard => "my_number_card",
    NationalId => "national_id",
});

impl DocumentType {
    /// Documents whose machine-readable zone the machine reads (ICAO 9303 TD3).
    pub fn has_mrz(self) -> bool {
        self == DocumentType::Passport
    }
}

/// A side (or page) of a document to photograph.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Side {
    PhotoPage,
    Front,
    Back,
    /// The side that carries the current address, when it is not where the name is.
    AddressSide,
}

crate::stored::stored_names!(Side {
    PhotoPage => "photo_page",
    Front => "front",
    Back => "back",
    AddressSide => "address_side",
});

#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct DocumentRule {
    #[serde(rename = "type")]
    pub kind: DocumentType,
    pub label: Localized,
    pub sides: Vec<Side>,
    /// The current address may be on another side than the name (an address change
    /// written on the back): then the address side is asked for too.
    #[serde(default)]
    pub address_may_be_apart: bool,
}

impl DocumentRule {
    /// The sides to photograph: the address side last when the address may be apart
    /// from the name and no side already asked for would carry it (a back, where an
    /// address change is written, does).
    pub fn sides_needed(&self) -> Vec<Side> {
        let mut sides = self.sides.clone();
        let covered = sides
            .iter()
            .any(|s| matches!(s, Side::Back | Side::AddressSide));
        if self.address_may_be_apart && !covered {
            sides.push(Side::AddressSide);
        }
        sides
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct CountryRules {
    /// ISO 3166-1 alpha-2 (`JP`), or `*` for every country not listed.
    pub country: String,
    #[serde(rename = "document")]
    pub documents: Vec<DocumentRule>,
}

#[derive(Debug, Clone, PartialEq, Eq, Deserialize, Default)]
#[serde(deny_unknown_fields)]
pub struct DocumentCatalog {
    #[serde(rename = "country", default)]
    pub countries: Vec<CountryRules>,
}

#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum DocumentCatalogError {
    #[error("no rule for any country: add one for `*` at least")]
    NoDefault,
    #[error("{0:?} is not an ISO 3166-1 alpha-2 code (or `*`)")]
    BadCountry(String),
    #[error("{0} is listed twice")]
    Duplicate(String),
    #[error("{0}: a document needs at least one side")]
    NoSides(String),
    #[error("{0}: a text must be written in both en and ja")]
    Untranslated(String),
    #[error("{0}: no document accepted")]
    NoDocuments(String),
}

impl DocumentCatalog {
    /// The rules for a country of residence (`*`'s when it has none of its own).
    pub fn for_country(&self, country: &str) -> Option<&CountryRules> {
        let code = country.trim().to_ascii_uppercase();
        self.countries
            .iter()
            .find(|c| c.country == code)
            .or_else(|| self.countries.iter().find(|c| c.country == "*"))
    }

    /// The document's rule if it is accepted for the country; `None`: refused at once
    /// ("this document is not accepted for …").
    pub fn accepted(&self, country: &str, kind: DocumentType) -> Option<&DocumentRule> {
        self.for_country(country)?
            .documents
            .iter()
            .find(|d| d.kind == kind)
    }

    pub fn validate(&self) -> Result<(), DocumentCatalogError> {
        if !self.countries.iter().any(|c| c.country == "*") {
            return Err(DocumentCatalogError::NoDefault);
        }
        let mut seen = std::collections::BTreeSet::new();
        for c in &self.countries {
            let code_ok = c.country == "*"
                || (c.country.len() == 2 && c.country.chars().all(|ch| ch.is_ascii_uppercase()));
            if !code_ok {
                return Err(DocumentCatalogError::BadCountry(c.country.clone()));
            }
            if !seen.insert(c.country.as_str()) {
                return Err(DocumentCatalogError::Duplicate(c.country.clone()));
            }
            if c.documents.is_empty() {
                return Err(DocumentCatalogError::NoDocuments(c.country.clone()));
            }
            let mut kinds = std::collections::BTreeSet::new();
            for d in &c.documents {
                let name = format!("{}.{:?}", c.country, d.kind);
                if !kinds.insert(format!("{:?}", d.kind)) {
                    return Err(DocumentCatalogError::Duplicate(name));
                }
                if d.sides.is_empty() {
                    return Err(DocumentCatalogError::NoSides(name));
                }
                if !d.label.is_complete() {
                    return Err(DocumentCatalogError::Untranslated(name));
                }
            }
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn rule(kind: DocumentType, sides: Vec<Side>, apart: bool) -> DocumentRule {
        DocumentRule {
            kind,
            label: Localized::new("x", "x"),
            sides,
            address_may_be_apart: apart,
        }
    }

    fn catalog() -> DocumentCatalog {
        DocumentCatalog {
            countries: vec![
                CountryRules {
                    country: "JP".into(),
                    documents: vec![
                        rule(DocumentType::Passport, vec![Side::PhotoPage], true),
                        rule(
                            DocumentType::DriversLicense,
                            vec![Side::Front, Side::Back],
                            true,
                        ),
                    ],
                },
                CountryRules {
                    country: "*".into(),
                    documents: vec![rule(DocumentType::Passport, vec![Side::PhotoPage], false)],
                },
            ],
        }
    }

    #[test]
    fn each_country_accepts_its_documents_and_the_rest_the_default() {
        let c = catalog();
        assert_eq!(c.validate(), Ok(()));
        assert!(c.accepted("jp", DocumentType::DriversLicense).is_some());
        assert!(c.accepted("FR", DocumentType::DriversLicense).is_none());
        assert!(c.accepted("FR", DocumentType::Passport).is_some());
        // A Japanese passport has no address: the address side is asked for.
        assert_eq!(
            c.accepted("JP", DocumentType::Passport)
                .unwrap()
                .sides_needed(),
            vec![Side::PhotoPage, Side::AddressSide]
        );
    }

    #[test]
    fn the_shipped_file_is_valid_and_asks_for_the_address_where_it_may_be_apart() {
        let text = include_str!("../../../../config/kyc_documents.toml");
        let c: DocumentCatalog = toml::from_str(text).unwrap();
        assert_eq!(c.validate(), Ok(()));
        let license = c.accepted("JP", DocumentType::DriversLicense).unwrap();
        assert_eq!(license.sides_needed(), vec![Side::Front, Side::Back]);
        let passport = c.accepted("JP", DocumentType::Passport).unwrap();
        assert_eq!(
            passport.sides_needed(),
            vec![Side::PhotoPage, Side::AddressSide]
        );
        assert_eq!(
            c.accepted("JP", DocumentType::MyNumberCard).unwrap().sides,
            vec![Side::Front],
            "never the back of a My Number card"
        );
        assert!(c.accepted("US", DocumentType::DriversLicense).is_none());
    }

    #[test]
    fn a_broken_catalogue_is_refused() {
        let mut c = catalog();
        c.countries.pop();
        assert_eq!(c.validate(), Err(DocumentCatalogError::NoDefault));
        let mut c = catalog();
        c.countries[0].country = "Japan".into();
        assert!(matches!(
            c.validate(),
            Err(DocumentCatalogError::BadCountry(_))
        ));
        let mut c = catalog();
        c.countries[0].documents[1].sides.clear();
        assert!(matches!(
            c.validate(),
            Err(DocumentCatalogError::NoSides(_))
        ));
    }
}
