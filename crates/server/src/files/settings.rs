//! The file store's settings (`[files]` in the configuration).
use secrecy::SecretString;
use serde::Deserialize;

/// Where stored files (identity photos, attachments) live.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields, default)]
pub struct FileSettings {
    pub backend: FileBackend,
    /// S3: the bucket (it must exist).
    pub bucket: Option<String>,
    /// S3: the server's URL, for S3-compatible storage (MinIO, Ceph, R2, …); default:
    /// AWS for `region`.
    pub endpoint: Option<String>,
    pub region: String,
    /// S3: both or neither; neither uses the instance's role (EC2, ECS, EKS).
    pub access_key_id: Option<String>,
    pub secret_access_key: Option<SecretString>,
    /// S3: allow a plain `http://` endpoint (a loopback test server only).
    pub allow_http: bool,
    /// S3: put before every object name (`keydesk/prod/`), so one bucket can hold
    /// several deployments.
    pub prefix: String,
}

#[derive(Debug, Clone, Copy, Deserialize, PartialEq, Eq)]
#[serde(rename_all = "lowercase")]
pub enum FileBackend {
    /// Folders in the data dir: `{data_dir}/photos`, … (one instance).
    Local,
    /// An S3-compatible bucket (any number of instances).
    S3,
}

impl Default for FileSettings {
    fn default() -> Self {
        Self {
            backend: FileBackend::Local,
            bucket: None,
            endpoint: None,
            region: "us-east-1".into(),
            access_key_id: None,
            secret_access_key: None,
            allow_http: false,
            prefix: String::new(),
        }
    }
}

impl FileSettings {
    /// A bad value as (its key, what is wrong), for the configuration's error.
    pub fn check(&self) -> Result<(), (&'static str, &'static str)> {
        if self.backend != FileBackend::S3 {
            return Ok(());
        }
        if self.bucket.as_deref().is_none_or(|b| b.trim().is_empty()) {
            return Err(("files.bucket", "is needed when files.backend = \"s3\""));
        }
        if self.region.trim().is_empty() {
            return Err(("files.region", "must not be empty"));
        }
        if let Some(endpoint) = &self.endpoint {
            if endpoint.starts_with("http://") {
                if !self.allow_http {
                    return Err(("files.endpoint", "is plain http://; use https://, or set files.allow_http = true (a local test server only)"));
                }
            } else if !endpoint.starts_with("https://") {
                return Err(("files.endpoint", "must start with https://"));
            }
        }
        if self.access_key_id.is_some() != self.secret_access_key.is_some() {
            return Err(("files.secret_access_key", "set both files.access_key_id and files.secret_access_key, or neither (the instance's role)"));
        }
        if !super::is_valid_prefix(&self.prefix) {
            return Err(("files.prefix", "must be folder names of letters, digits, '.', '-' and '_' separated by '/', such as \"keydesk/prod/\""));
        }
        Ok(())
    }
}
