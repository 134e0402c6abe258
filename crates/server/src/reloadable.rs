//! A configuration file that is read again while keydesk runs (the desk's request
//! forms): readers take the current version without waiting; a file that fails to load
//! keeps the version in use, and the failure is kept to be shown to admins.
use std::sync::{Arc, RwLock};

#[derive(Debug, Clone)]
pub struct Loaded<T> {
    pub value: Arc<T>,
    /// Where it came from (a path, or "built in").
    pub source: String,
    pub loaded_at: i64,
}

#[derive(Debug, Clone)]
pub struct Failure {
    pub message: String,
    pub at: i64,
}

pub struct Reloadable<T> {
    inner: RwLock<(Loaded<T>, Option<Failure>)>,
}

impl<T> Reloadable<T> {
    pub fn new(initial: Loaded<T>) -> Self {
        Self {
            inner: RwLock::new((initial, None)),
        }
    }

    /// The version in use.
    pub fn current(&self) -> Arc<T> {
        match self.inner.read() {
            Ok(guard) => guard.0.value.clone(),
            Err(poisoned) => poisoned.into_inner().0.value.clone(),
        }
    }

    /// The version in use with where it came from, and the last failure since.
    pub fn status(&self) -> (Loaded<T>, Option<Failure>)
    where
        T: Clone,
    {
        match self.inner.read() {
            Ok(guard) => guard.clone(),
            Err(poisoned) => poisoned.into_inner().clone(),
        }
    }

    pub fn replace(&self, loaded: Loaded<T>) {
        let mut guard = self.inner.write().unwrap_or_else(|p| p.into_inner());
        *guard = (loaded, None);
    }

    /// A new version failed to load: the one in use stays.
    pub fn failed(&self, failure: Failure) {
        let mut guard = self.inner.write().unwrap_or_else(|p| p.into_inner());
        guard.1 = Some(failure);
    }
}

/// A configuration file keydesk follows: what it is (for the logs), the version built
/// into keydesk for an installation without a file of its own, and how it is read and
/// checked whole.
pub struct ConfigFile<T> {
    pub what: &'static str,
    pub built_in: &'static str,
    pub parse: fn(&str) -> Result<T, String>,
}

/// How often a followed file is looked at for a change.
const POLL: std::time::Duration = std::time::Duration::from_secs(2);

impl<T: Default + Send + Sync + 'static> ConfigFile<T> {
    fn built_in(&self, now: i64) -> Loaded<T> {
        // The shipped file is checked by a test; should it ever fail, an empty
        // configuration beats a panic.
        Loaded {
            value: Arc::new((self.parse)(self.built_in).unwrap_or_default()),
            source: "built in".to_owned(),
            loaded_at: now,
        }
    }

    /// The version to start with: the file's, or the built-in one when there is no
    /// file. A broken file at start leaves the built-in version in use and says why.
    pub fn initial(&self, path: &std::path::Path, now: i64) -> Reloadable<T> {
        let what = self.what;
        let broken = |message: String| {
            tracing::error!(path = %path.display(), error = %message, "the {what} file is broken: using the built-in one");
            let loaded = Reloadable::new(self.built_in(now));
            loaded.failed(Failure { message, at: now });
            loaded
        };
        match std::fs::read_to_string(path) {
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => {
                tracing::info!(path = %path.display(), "no {what} file: using the built-in one");
                Reloadable::new(self.built_in(now))
            }
            Err(e) => broken(e.to_string()),
            Ok(text) => match (self.parse)(&text) {
                Ok(value) => Reloadable::new(Loaded {
                    value: Arc::new(value),
                    source: path.display().to_string(),
                    loaded_at: now,
                }),
                Err(message) => broken(message),
            },
        }
    }

    /// Reads the file again into `target`; `Err` (and the version in use kept) when it
    /// is broken.
    pub fn reload(
        &self,
        target: &Reloadable<T>,
        path: &std::path::Path,
        now: i64,
    ) -> Result<(), String> {
        let result = std::fs::read_to_string(path)
            .map_err(|e| format!("{}: {e}", path.display()))
            .and_then(|text| (self.parse)(&text));
        let what = self.what;
        match result {
            Ok(value) => {
                tracing::info!(path = %path.display(), "{what} reloaded");
                target.replace(Loaded {
                    value: Arc::new(value),
                    source: path.display().to_string(),
                    loaded_at: now,
                });
                Ok(())
            }
            Err(message) => {
                tracing::error!(path = %path.display(), error = %message, "the {what} file is broken: the version in use stays");
                target.failed(Failure {
                    message: message.clone(),
                    at: now,
                });
                Err(message)
            }
        }
    }

    /// Follows the file until `shutdown`: a change is loaded within [`POLL`].
    pub async fn watch(
        &self,
        target: Arc<Reloadable<T>>,
        path: std::path::PathBuf,
        clock: Arc<dyn crate::clock::Clock>,
        mut shutdown: tokio::sync::watch::Receiver<bool>,
    ) {
        let modified = |p: &std::path::Path| std::fs::metadata(p).and_then(|m| m.modified()).ok();
        let mut seen = modified(&path);
        loop {
            tokio::select! {
                _ = tokio::time::sleep(POLL) => {}
                _ = shutdown.changed() => return,
            }
            let now = modified(&path);
            if now.is_some() && now != seen {
                seen = now;
                let _ = self.reload(&target, &path, clock.now());
            }
        }
    }
}
