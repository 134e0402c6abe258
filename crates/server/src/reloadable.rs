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
