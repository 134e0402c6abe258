//! Builds the application from settings and serves it.
use crate::clock::{Clock, SystemClock};
use crate::config::Settings;
use crate::i18n::I18n;
use crate::mail::Mailer;
use crate::state::AppState;
use crate::{features, jobs, telemetry, web};
use anyhow::Context;
use axum::extract::DefaultBodyLimit;
use axum::http::StatusCode;
use axum::response::IntoResponse;
use axum::routing::get;
use axum::{middleware, Router};
use keydesk_domain::identity::password::PasswordHasher;
use std::net::SocketAddr;
use std::sync::Arc;
use tokio::net::TcpListener;
use tokio::sync::{watch, Notify, Semaphore};

pub async fn build_state(settings: Settings, clock: Arc<dyn Clock>) -> anyhow::Result<AppState> {
    private_dir(&settings.data_dir)
        .with_context(|| format!("creating data_dir {}", settings.data_dir.display()))?;
    let store = open_store(&settings).await?;
    let secrets = crate::keys::Keyring::load(&settings)?;
    let mailer = Mailer::from_settings(&settings)?;
    let files = crate::files::FileStore::from_settings(&settings.files, &settings.data_dir)
        .context("opening the file store (files)")?;
    let i18n = I18n::load()?;
    let cores = std::thread::available_parallelism()
        .map(|n| n.get())
        .unwrap_or(2);
    let hasher = PasswordHasher::with_params(
        settings.security.argon2_memory_kib,
        settings.security.argon2_iterations,
        1,
    );
    let categories =
        crate::features::desk::catalog::initial(&settings.desk.categories_file, clock.now());
    let kyc_documents = crate::features::verification::documents::FILE
        .initial(&settings.verification.documents_file, clock.now());
    let sla = Arc::new(settings.desk.sla_policies()?);
    let state = AppState::new(crate::state::Shared {
        store,
        sla,
        settings: Arc::new(settings),
        i18n: Arc::new(i18n),
        secrets: Arc::new(secrets),
        hasher: Arc::new(hasher),
        clock,
        mailer: Arc::new(mailer),
        files,
        jobs_notify: Arc::new(Notify::new()),
        hashing: Arc::new(Semaphore::new(cores)),
        photo_pool: Arc::new(Semaphore::new((cores / 2).max(1))),
        categories: Arc::new(categories),
        kyc_documents: Arc::new(kyc_documents),
    });
    crate::features::desk::macros::install_defaults(&state).await?;
    Ok(state)
}

/// Connects to the database (and migrates it); an error names it, and where keydesk
/// looked for its data.
pub async fn open_store(settings: &Settings) -> anyhow::Result<Arc<dyn keydesk_store::Store>> {
    keydesk_store::connect(&settings.database_url())
        .await
        .with_context(|| {
            format!(
                "opening the database ({}; data_dir is relative to the directory keydesk \
                 runs in unless set, e.g. KEYDESK_DATA_DIR=/srv/keydesk)",
                settings.describe_data()
            )
        })
}

/// The data directory holds the database, the key file and identity photos: only its
/// owner may list or enter it.
fn private_dir(dir: &std::path::Path) -> std::io::Result<()> {
    std::fs::create_dir_all(dir)?;
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        std::fs::set_permissions(dir, std::fs::Permissions::from_mode(0o700))?;
    }
    Ok(())
}

pub fn app(state: AppState) -> Router {
    telemetry::metrics_handle();
    let mut router = Router::new().merge(features::router());
    if state.settings.metrics.listen.is_none() {
        router = router.route("/metrics", get(metrics_for_allowed));
    }
    router
        .layer(middleware::from_fn_with_state(
            state.clone(),
            web::context::context,
        ))
        .route("/healthz", get(|| async { "ok" }))
        .route("/readyz", get(readyz))
        .layer(middleware::from_fn(telemetry::track_requests))
        .layer(middleware::from_fn(web::security_headers))
        .layer(DefaultBodyLimit::max(256 * 1024))
        .with_state(state)
}

async fn readyz(axum::extract::State(state): axum::extract::State<AppState>) -> impl IntoResponse {
    match state.store.ping().await {
        Ok(()) => (StatusCode::OK, "ready"),
        Err(e) => {
            tracing::warn!(error = ?e, "not ready");
            (StatusCode::SERVICE_UNAVAILABLE, "database unavailable")
        }
    }
}

/// `/metrics` on the customers' listener: for the addresses `metrics.allow` lists; to
/// anyone else it does not exist.
async fn metrics_for_allowed(
    axum::extract::State(state): axum::extract::State<AppState>,
    ctx: web::Ctx,
) -> Result<axum::response::Response, crate::error::AppError> {
    let client: Option<std::net::IpAddr> = ctx.meta.ip.parse().ok();
    let allowed =
        client.is_some_and(|ip| state.settings.metrics.allow.iter().any(|r| r.contains(&ip)));
    if allowed {
        Ok(metrics().await.into_response())
    } else {
        Err(crate::error::AppError::NotFound)
    }
}

async fn metrics() -> impl IntoResponse {
    (
        [(
            axum::http::header::CONTENT_TYPE,
            "text/plain; version=0.0.4",
        )],
        telemetry::metrics_handle().render(),
    )
}

/// A running keydesk: its address and a handle to stop it.
pub struct Running {
    pub addr: SocketAddr,
    /// The metrics listener's address, when `metrics.listen` gives it one.
    pub metrics_addr: Option<SocketAddr>,
    pub state: AppState,
    shutdown: watch::Sender<bool>,
    pub server: tokio::task::JoinHandle<()>,
}

impl Running {
    pub fn stop(&self) {
        let _ = self.shutdown.send(true);
    }
}

/// Binds, starts the job worker and the server, returns at once.
pub async fn start(settings: Settings, clock: Arc<dyn Clock>) -> anyhow::Result<Running> {
    let listen = settings.listen;
    let state = build_state(settings, clock).await?;
    let listener = TcpListener::bind(listen)
        .await
        .with_context(|| format!("binding {listen} (listen)"))?;
    let addr = listener.local_addr()?;
    let (tx, rx) = watch::channel(false);
    if state.settings.job_worker {
        tokio::spawn(jobs::run(
            state.clone(),
            rx.clone(),
            features::perform,
            features::maintenance,
        ));
    }
    tokio::spawn({
        let (state, rx) = (state.clone(), rx.clone());
        async move {
            crate::features::desk::catalog::FILE
                .watch(
                    state.categories.clone(),
                    state.settings.desk.categories_file.clone(),
                    state.clock.clone(),
                    rx,
                )
                .await
        }
    });
    tokio::spawn({
        let (state, rx) = (state.clone(), rx.clone());
        async move {
            crate::features::verification::documents::FILE
                .watch(
                    state.kyc_documents.clone(),
                    state.settings.verification.documents_file.clone(),
                    state.clock.clone(),
                    rx,
                )
                .await
        }
    });
    let metrics_addr = match state.settings.metrics.listen {
        Some(at) => Some(serve_metrics(at, rx.clone()).await?),
        None => None,
    };
    let app = app(state.clone()).into_make_service_with_connect_info::<SocketAddr>();
    let mut rx_server = rx;
    let server = tokio::spawn(async move {
        let shutdown = async move {
            let _ = rx_server.changed().await;
        };
        if let Err(e) = axum::serve(listener, app)
            .with_graceful_shutdown(shutdown)
            .await
        {
            tracing::error!(error = ?e, "server stopped");
        }
    });
    Ok(Running {
        addr,
        metrics_addr,
        state,
        shutdown: tx,
        server,
    })
}

/// `/metrics` alone on its own address, until `shutdown`.
async fn serve_metrics(
    at: SocketAddr,
    mut shutdown: watch::Receiver<bool>,
) -> anyhow::Result<SocketAddr> {
    let listener = TcpListener::bind(at)
        .await
        .with_context(|| format!("binding {at} (metrics.listen)"))?;
    let addr = listener.local_addr()?;
    let app = Router::new().route("/metrics", get(metrics));
    tokio::spawn(async move {
        let stop = async move {
            let _ = shutdown.changed().await;
        };
        if let Err(e) = axum::serve(listener, app)
            .with_graceful_shutdown(stop)
            .await
        {
            tracing::error!(error = ?e, "metrics listener stopped");
        }
    });
    Ok(addr)
}

pub async fn serve(settings: Settings) -> anyhow::Result<()> {
    let data = settings.describe_data();
    let running = start(settings, Arc::new(SystemClock)).await?;
    println!("keydesk is listening on http://{}", running.addr);
    println!("{data}");
    if let Some(at) = running.metrics_addr {
        println!("metrics at http://{at}/metrics");
    }
    tracing::info!(addr = %running.addr, backend = ?running.state.store.backend(), "keydesk started");
    tokio::signal::ctrl_c().await?;
    tracing::info!("shutting down");
    running.stop();
    let _ = running.server.await;
    Ok(())
}
