//! The S3 backend: any S3-compatible object storage (AWS S3, MinIO, Ceph, R2, …).
use super::FileSettings;
use super::{FileError, FileStore};
use object_store::aws::AmazonS3Builder;
use object_store::{BackoffConfig, ClientOptions, RetryConfig};
use secrecy::ExposeSecret;
use std::sync::Arc;
use std::time::Duration;

impl FileStore {
    /// A bucket, as `[files]` describes it (checked at start-up by `Settings::load`).
    /// Without `access_key_id` the instance's own credentials are used (an EC2 or ECS
    /// role, EKS web identity).
    pub fn s3(settings: &FileSettings) -> Result<Self, FileError> {
        // reqwest (object_store's HTTP client) is built without a crypto provider of
        // its own (that would be aws-lc-rs, a C build): use ring, as SMTP does. An
        // error only says a provider is installed already.
        let _ = rustls::crypto::ring::default_provider().install_default();
        let mut builder = AmazonS3Builder::new()
            .with_bucket_name(settings.bucket.clone().unwrap_or_default())
            .with_region(&settings.region)
            // A customer is waiting on each write and read: a few quick retries, then
            // an error page, rather than object_store's default of up to 3 minutes.
            .with_retry(RetryConfig {
                backoff: BackoffConfig::default(),
                max_retries: 3,
                retry_timeout: Duration::from_secs(15),
            })
            // (allow_http lives here too: a later `with_client_options` would reset it.)
            .with_client_options(
                ClientOptions::new()
                    .with_allow_http(settings.allow_http)
                    .with_connect_timeout(Duration::from_secs(5))
                    .with_timeout(Duration::from_secs(30)),
            );
        if let Some(endpoint) = &settings.endpoint {
            builder = builder.with_endpoint(endpoint);
        }
        if let (Some(id), Some(secret)) = (&settings.access_key_id, &settings.secret_access_key) {
            builder = builder
                .with_access_key_id(id)
                .with_secret_access_key(secret.expose_secret());
        }
        Ok(Self {
            objects: Arc::new(builder.build()?),
            prefix: normalised_prefix(&settings.prefix),
            private_files: None,
        })
    }
}

/// `keydesk/prod` and `keydesk/prod/` both mean objects named `keydesk/prod/…`.
fn normalised_prefix(prefix: &str) -> String {
    let trimmed = prefix.trim_end_matches('/');
    if trimmed.is_empty() {
        String::new()
    } else {
        format!("{trimmed}/")
    }
}
