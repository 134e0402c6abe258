//! The identity documents accepted per country (`verification.documents_file`): read
//! at start and again within seconds of a change; a file that does not parse or
//! validate keeps the list in use, and says why in the log.
use crate::reloadable::ConfigFile;
use keydesk_domain::verification::documents::DocumentCatalog;

/// The list keydesk ships (the repository's `config/kyc_documents.toml`).
const BUILT_IN: &str = include_str!("../../../../../config/kyc_documents.toml");

/// Reads a list: TOML, then every rule of [`DocumentCatalog::validate`].
pub fn parse(text: &str) -> Result<DocumentCatalog, String> {
    let catalog: DocumentCatalog = toml::from_str(text).map_err(|e| e.to_string())?;
    catalog.validate().map_err(|e| e.to_string())?;
    Ok(catalog)
}

pub const FILE: ConfigFile<DocumentCatalog> = ConfigFile {
    what: "identity documents",
    built_in: BUILT_IN,
    parse,
};

#[cfg(test)]
mod tests {
    use super::*;
    use keydesk_domain::verification::documents::{DocumentType, Side};

    #[test]
    fn the_shipped_list_is_valid_and_asks_for_the_address_side_where_it_may_be_apart() {
        let catalog = parse(BUILT_IN).unwrap();
        let license = catalog
            .accepted("JP", DocumentType::DriversLicense)
            .unwrap();
        assert_eq!(license.sides_needed(), vec![Side::Front, Side::Back]);
        let passport = catalog.accepted("jp", DocumentType::Passport).unwrap();
        assert_eq!(
            passport.sides_needed(),
            vec![Side::PhotoPage, Side::AddressSide]
        );
        // Elsewhere, a passport only.
        assert!(catalog
            .accepted("FR", DocumentType::DriversLicense)
            .is_none());
        assert!(catalog.accepted("FR", DocumentType::Passport).is_some());
    }

    #[test]
    fn a_broken_list_is_refused_with_its_reason() {
        assert!(parse("[[country]]\ncountry = \"JP\"\n").is_err());
        assert!(parse("").unwrap_err().contains("*"));
    }
}
