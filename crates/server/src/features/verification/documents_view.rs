//! The accepted documents as the page lists them, in the reader's language: each with
//! the sides to photograph, so the customer knows before uploading.
use crate::web::PageCtx;
use keydesk_domain::identity::language::Language;
use keydesk_domain::verification::documents::DocumentCatalog;

pub struct AcceptedDocument {
    pub kind: &'static str,
    pub label: String,
    /// (side, its label)
    pub sides: Vec<(&'static str, String)>,
    /// Its expiry date must be typed (no zone the machine reads it from).
    pub needs_expiry: bool,
}

pub fn accepted(
    catalog: &DocumentCatalog,
    country: &str,
    lang: Language,
    p: &PageCtx,
) -> Vec<AcceptedDocument> {
    catalog
        .for_country(country)
        .map(|c| {
            c.documents
                .iter()
                .map(|d| AcceptedDocument {
                    kind: d.kind.as_str(),
                    label: d.label.get(lang).to_owned(),
                    sides: d
                        .sides_needed()
                        .into_iter()
                        .map(|s| (s.as_str(), p.tk("verification-side-", s.as_str())))
                        .collect(),
                    needs_expiry: !d.kind.has_mrz(),
                })
                .collect()
        })
        .unwrap_or_default()
}
