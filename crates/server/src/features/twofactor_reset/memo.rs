//! What the memo of a reset's ID selfie must say, as the page shows it to copy and the
//! pre-check expects it: the request in the customer's language, their full name as on
//! file, and the date of the day they send it (on a resubmission, that day's).
use crate::auth::Viewer;
use crate::features::photos::service::{memo_dates, viewer_zone};
use keydesk_domain::identity::language::Language;
use keydesk_domain::photo::memo;
use keydesk_domain::twofactor_reset::image::ResetImageKind;
use keydesk_domain::verification::facts::BasicFacts;
use keydesk_photocheck::Expected;

pub struct Memo {
    pub request: &'static str,
    /// The name as the document on file writes it: in Japanese, the native name.
    pub name: String,
    /// `YYYY-MM-DD`, the customer's today.
    pub date: String,
}

impl Memo {
    pub fn for_viewer(viewer: &Viewer, facts: Option<&BasicFacts>, now: i64) -> Memo {
        let lang = viewer.lang();
        let name = facts
            .map(|f| match (&f.native_name, lang) {
                (Some(native), Language::Ja) if !native.trim().is_empty() => native.clone(),
                _ => f.latin_name.clone(),
            })
            .unwrap_or_default();
        let offset = crate::util::offset_at(now, viewer_zone(viewer));
        Memo {
            request: memo::request_text(lang),
            name,
            date: memo::today(now, offset)
                .map(|d| d.to_string())
                .unwrap_or_default(),
        }
    }

    /// What the pre-check looks for on an image of this kind.
    pub fn expected(&self, viewer: &Viewer, kind: ResetImageKind, now: i64) -> Expected {
        let photo_kind = kind.photo_kind();
        match kind {
            ResetImageKind::Selfie => Expected {
                kind: photo_kind,
                name: Some(self.name.clone()).filter(|n| !n.is_empty()),
                request_text: Some(self.request.to_owned()),
                dates: memo_dates(viewer, now),
            },
            ResetImageKind::AddressSide => Expected::new(photo_kind),
        }
    }
}
