use crate::clock::Clock;
use crate::config::Settings;
use crate::i18n::I18n;
use crate::keys::Keyring;
use crate::mail::Mailer;
use keydesk_domain::identity::password::PasswordHasher;
use keydesk_store::Store;
use std::sync::Arc;
use tokio::sync::{Notify, Semaphore};

/// Everything a request or job needs (STYLE §6: no globals). One `Arc`: axum clones
/// the state several times per request, and a clone of ten `Arc`s cost ~3 % of a TOTP
/// step in atomic counter traffic.
#[derive(Clone)]
pub struct AppState(Arc<Shared>);

pub struct Shared {
    pub store: Arc<dyn Store>,
    pub settings: Arc<Settings>,
    pub i18n: Arc<I18n>,
    pub secrets: Arc<Keyring>,
    pub hasher: Arc<PasswordHasher>,
    pub clock: Arc<dyn Clock>,
    pub mailer: Arc<Mailer>,
    /// Stored files (identity photos): a local folder or an S3 bucket.
    pub files: crate::files::FileStore,
    /// Wakes the job worker when a request queued a job.
    pub jobs_notify: Arc<Notify>,
    /// Bounds concurrent Argon2id work (19 MiB each) to the number of cores, so a
    /// burst of logins queues instead of exhausting memory and starving the runtime.
    pub hashing: Arc<Semaphore>,
    /// The bounded pool for photo checks: fewer slots than cores, so a burst of
    /// uploads never starves the web server.
    pub photo_pool: Arc<Semaphore>,
    /// The help desk's request forms, read again when their file changes.
    pub categories: Arc<crate::reloadable::Reloadable<keydesk_domain::helpdesk::catalog::Catalog>>,
    /// The SLA policies of `desk.sla`, checked when the settings were loaded.
    pub sla: Arc<Vec<keydesk_domain::helpdesk::sla::policy::Policy>>,
    /// The identity documents accepted per country (`verification.documents_file`).
    pub kyc_documents: Arc<
        crate::reloadable::Reloadable<keydesk_domain::verification::documents::DocumentCatalog>,
    >,
}

impl AppState {
    pub fn new(shared: Shared) -> Self {
        Self(Arc::new(shared))
    }

    pub fn now(&self) -> i64 {
        self.clock.now()
    }

    pub fn public_url(&self) -> String {
        self.settings.public_url()
    }
}

impl std::ops::Deref for AppState {
    type Target = Shared;
    fn deref(&self) -> &Shared {
        &self.0
    }
}
