//! The request forms' file (`desk.categories_file`): read at start, read again within
//! seconds of a change, and on an admin's "reload". A file that does not parse or
//! validate keeps the forms in use; the failure is logged and shown on /admin/desk.
use crate::reloadable::{ConfigFile, Reloadable};
use crate::state::AppState;
use keydesk_domain::helpdesk::catalog::Catalog;
use std::path::Path;

/// The forms keydesk ships (the repository's `config/categories.toml`), for an
/// installation without a file of its own.
const BUILT_IN: &str = include_str!("../../../../../config/categories.toml");

/// Reads a catalogue: TOML, then every rule of [`Catalog::validate`].
pub fn parse(text: &str) -> Result<Catalog, String> {
    let catalog: Catalog = toml::from_str(text).map_err(|e| e.to_string())?;
    catalog.validate().map_err(|e| e.to_string())?;
    Ok(catalog)
}

pub const FILE: ConfigFile<Catalog> = ConfigFile {
    what: "request forms",
    built_in: BUILT_IN,
    parse,
};

/// The catalogue to start with: the file's, or the built-in one when there is no file.
pub fn initial(path: &Path, now: i64) -> Reloadable<Catalog> {
    FILE.initial(path, now)
}

/// Reads the file again; `Err` (and the forms in use kept) when it is broken.
pub fn reload(state: &AppState) -> Result<(), String> {
    FILE.reload(
        &state.categories,
        &state.settings.desk.categories_file,
        state.now(),
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_shipped_forms_are_valid_and_have_the_exchange_categories() {
        let catalog = parse(BUILT_IN).unwrap();
        for key in [
            "two-factor",
            "verification",
            "deposits-withdrawals",
            "account-login",
            "other",
        ] {
            assert!(catalog.category(key).is_some(), "{key}");
        }
        let two_factor = catalog.category("two-factor").unwrap();
        assert!(two_factor.subcategory("lost-device").is_some());
        let verification = catalog.category("verification").unwrap();
        assert!(verification.subcategory("basic").is_some());
        assert!(verification.subcategory("enhanced").is_some());
    }

    #[test]
    fn a_broken_file_is_refused_with_its_reason() {
        assert!(parse("[[category]]\nkey = 1").unwrap_err().contains("key"));
        assert!(parse("").unwrap_err().contains("no category"));
    }
}
