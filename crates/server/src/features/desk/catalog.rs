//! The request forms' file (`desk.categories_file`): read at start, read again within
//! seconds of a change, and on an admin's "reload". A file that does not parse or
//! validate keeps the forms in use; the failure is logged and shown on /admin/desk.
use crate::reloadable::{Failure, Loaded, Reloadable};
use crate::state::AppState;
use keydesk_domain::helpdesk::catalog::Catalog;
use std::path::Path;
use std::time::{Duration, SystemTime};

/// The forms keydesk ships (the repository's `config/categories.toml`), for an
/// installation without a file of its own.
const BUILT_IN: &str = include_str!("../../../../../config/categories.toml");

/// How often the file is looked at for a change.
const POLL: Duration = Duration::from_secs(2);

/// Reads a catalogue: TOML, then every rule of [`Catalog::validate`].
pub fn parse(text: &str) -> Result<Catalog, String> {
    let catalog: Catalog = toml::from_str(text).map_err(|e| e.to_string())?;
    catalog.validate().map_err(|e| e.to_string())?;
    Ok(catalog)
}

fn built_in(now: i64) -> Loaded<Catalog> {
    // The shipped file is checked by a test; should it ever fail, no forms beat a panic.
    let value = parse(BUILT_IN).unwrap_or_default();
    Loaded {
        value: value.into(),
        source: "built in".to_owned(),
        loaded_at: now,
    }
}

/// The catalogue to start with: the file's, or the built-in one when there is no file.
/// A broken file at start leaves the built-in forms in use and says why.
pub fn initial(path: &Path, now: i64) -> Reloadable<Catalog> {
    match std::fs::read_to_string(path) {
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => {
            tracing::info!(path = %path.display(), "no request forms file: using the built-in forms");
            Reloadable::new(built_in(now))
        }
        Err(e) => broken(built_in(now), path, e.to_string(), now),
        Ok(text) => match parse(&text) {
            Ok(catalog) => Reloadable::new(Loaded {
                value: catalog.into(),
                source: path.display().to_string(),
                loaded_at: now,
            }),
            Err(message) => broken(built_in(now), path, message, now),
        },
    }
}

fn broken(
    fallback: Loaded<Catalog>,
    path: &Path,
    message: String,
    now: i64,
) -> Reloadable<Catalog> {
    tracing::error!(path = %path.display(), error = %message, "the request forms file is broken: using the built-in forms");
    let forms = Reloadable::new(fallback);
    forms.failed(Failure { message, at: now });
    forms
}

/// Reads the file again; `Err` (and the forms in use kept) when it is broken.
pub fn reload(state: &AppState) -> Result<(), String> {
    let path = &state.settings.desk.categories_file;
    let now = state.now();
    let result = std::fs::read_to_string(path)
        .map_err(|e| format!("{}: {e}", path.display()))
        .and_then(|text| parse(&text));
    match result {
        Ok(catalog) => {
            tracing::info!(path = %path.display(), categories = catalog.categories.len(), "request forms reloaded");
            state.categories.replace(Loaded {
                value: catalog.into(),
                source: path.display().to_string(),
                loaded_at: now,
            });
            Ok(())
        }
        Err(message) => {
            tracing::error!(path = %path.display(), error = %message, "the request forms file is broken: the forms in use stay");
            state.categories.failed(Failure {
                message: message.clone(),
                at: now,
            });
            Err(message)
        }
    }
}

fn modified(path: &Path) -> Option<SystemTime> {
    std::fs::metadata(path).and_then(|m| m.modified()).ok()
}

/// Follows the file until `shutdown`: a change is loaded within [`POLL`].
pub async fn watch(state: AppState, mut shutdown: tokio::sync::watch::Receiver<bool>) {
    let path = state.settings.desk.categories_file.clone();
    let mut seen = modified(&path);
    loop {
        tokio::select! {
            _ = tokio::time::sleep(POLL) => {}
            _ = shutdown.changed() => return,
        }
        let now = modified(&path);
        if now.is_some() && now != seen {
            seen = now;
            let _ = reload(&state);
        }
    }
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
