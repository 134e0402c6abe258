//! The real application on port 0, with a fresh database on the chosen backend, a temp
//! data dir (key file, stored files) and a clock the test can move.
use super::backend::{Backend, TestDatabase};
use super::browser::Browser;
use keydesk::clock::OffsetClock;
use keydesk::config::Settings;
use keydesk::startup::{self, Running};
use keydesk_domain::identity::role::Role;
use keydesk_domain::twofactor::totp::{self, TotpSecret};
use keydesk_store::models::OutboxMail;
use std::sync::Arc;

pub const PASSWORD: &str = "correct horse battery staple";

/// A loopback port nothing listens on (for a second server, or an endpoint that is down).
pub fn free_port() -> u16 {
    std::net::TcpListener::bind("127.0.0.1:0")
        .unwrap()
        .local_addr()
        .unwrap()
        .port()
}

pub struct TestApp {
    pub running: Running,
    pub clock: Arc<OffsetClock>,
    pub base: String,
    pub backend: Backend,
    pub dir: Arc<tempfile::TempDir>,
    /// Shared with the apps started again on it ([`TestApp::restarted`]); dropped with
    /// the last of them.
    database: Arc<TestDatabase>,
}

impl TestApp {
    pub async fn spawn(backend: Backend) -> Self {
        Self::spawn_with(backend, |_| {}).await
    }

    pub async fn spawn_with(backend: Backend, configure: impl FnOnce(&mut Settings)) -> Self {
        let dir = Arc::new(tempfile::tempdir().unwrap());
        let database = Arc::new(TestDatabase::create(backend).await);
        let mut settings = Settings {
            listen: "127.0.0.1:0".parse().unwrap(),
            data_dir: dir.path().to_path_buf(),
            database_url: database.url(),
            // Tests deliver queued mails themselves (`mails()`), so that a worker woken by
            // a commit never holds a job the test is about to run.
            job_worker: false,
            ..Default::default()
        };
        configure(&mut settings);
        Self::start(settings, backend, dir, database).await
    }

    async fn start(
        settings: Settings,
        backend: Backend,
        dir: Arc<tempfile::TempDir>,
        database: Arc<TestDatabase>,
    ) -> Self {
        let clock = Arc::new(OffsetClock::default());
        let running = startup::start(settings, clock.clone()).await.unwrap();
        assert_eq!(running.state.store.backend(), backend);
        let base = format!("http://{}", running.addr);
        Self {
            running,
            clock,
            base,
            backend,
            dir,
            database,
        }
    }

    /// Another app with this one's settings, data dir and database, and a clock of its
    /// own: this deployment after a restart (stop this one first).
    pub async fn restarted(&self) -> Self {
        Self::start(
            self.settings(),
            self.backend,
            self.dir.clone(),
            self.database.clone(),
        )
        .await
    }

    /// The settings the app runs with.
    pub fn settings(&self) -> Settings {
        (*self.running.state.settings).clone()
    }

    /// What an operator's command line on this deployment reads: its data dir and
    /// database, everything else the defaults.
    pub fn cli_settings(&self) -> Settings {
        let running = &self.running.state.settings;
        Settings {
            data_dir: running.data_dir.clone(),
            database_url: running.database_url.clone(),
            ..Default::default()
        }
    }

    /// The `keydesk` binary as an operator runs it on this deployment: its data dir and
    /// database in the environment, nothing else configured.
    pub fn command(&self) -> std::process::Command {
        let settings = self.cli_settings();
        let mut command = std::process::Command::new(env!("CARGO_BIN_EXE_keydesk"));
        for (name, _) in std::env::vars_os() {
            let name = name.to_string_lossy();
            if name.starts_with("KEYDESK_") || name == "DATABASE_URL" {
                command.env_remove(&*name);
            }
        }
        command.env("KEYDESK_DATA_DIR", &settings.data_dir);
        if let Some(url) = &settings.database_url {
            command.env("DATABASE_URL", url);
        }
        command
    }

    pub fn now(&self) -> i64 {
        self.running.state.now()
    }

    pub fn browser(&self) -> Browser {
        Browser::new(&self.base, "en")
    }

    /// Delivers queued mails now and returns the outbox, newest first, opened as the
    /// recipient reads them.
    pub async fn mails(&self) -> Vec<OutboxMail> {
        let state = &self.running.state;
        while keydesk::jobs::run_due(state, keydesk::features::perform)
            .await
            .unwrap()
            > 0
        {}
        let kept = state.store.read().await.unwrap().outbox_mails(100).await;
        kept.unwrap()
            .into_iter()
            .map(|m| keydesk::mail::outbox::opened(&state.secrets, m).unwrap())
            .collect()
    }

    pub async fn mails_to(&self, to: &str) -> Vec<OutboxMail> {
        self.mails()
            .await
            .into_iter()
            .filter(|m| m.to_addr == to)
            .collect()
    }

    pub async fn audit_kinds(&self, email: &str) -> Vec<String> {
        let mut tx = self.running.state.store.read().await.unwrap();
        let a = tx.account_by_email(email).await.unwrap().unwrap();
        tx.audit_of_account(a.id, 100)
            .await
            .unwrap()
            .into_iter()
            .map(|e| e.kind.as_str().to_owned())
            .collect()
    }

    /// The code an authenticator app would show now.
    pub fn code(&self, secret: &TotpSecret) -> String {
        secret.code_at_step(totp::step_at(self.now()))
    }

    /// Moves to the start of the next 30-second step, so the next code is fresh.
    pub fn next_step(&self) {
        let now = self.now();
        self.clock.advance(30 - now % 30);
    }

    /// Signs up and enrolls a customer; returns the browser (signed in) and secret.
    pub async fn enrolled_customer(&self, email: &str) -> (Browser, TotpSecret, Vec<String>) {
        let b = self.browser();
        b.post("/signup", &[("email", email), ("password", PASSWORD)])
            .await
            .assert_ok();
        b.post("/login", &[("email", email), ("password", PASSWORD)])
            .await
            .assert_ok();
        let page = b.get("/2fa/enroll").await;
        let secret = page.secret();
        let code = self.code(&secret);
        let done = b.confirm_enrollment(&code).await;
        done.assert_ok();
        let codes = done.all_text("#recovery-codes code");
        assert_eq!(codes.len(), 10, "{}", done.body);
        (b, secret, codes)
    }

    /// A read transaction on the application's database, to look at what it stored.
    pub async fn read(&self) -> Box<dyn keydesk_store::ReadTx> {
        self.running.state.store.read().await.unwrap()
    }

    /// A complete API session (as after a login through both steps) for a new account of
    /// `role` with an active factor.
    pub async fn api_token(&self, email: &str, role: Role) -> String {
        let state = &self.running.state;
        let id =
            keydesk::features::accounts::service::create_by_operator(state, email, PASSWORD, role)
                .await
                .unwrap();
        let secret = TotpSecret::generate();
        let sealed = state.secrets.seal(secret.as_bytes(), &format!("totp:{id}"));
        let mut tx = state.store.begin().await.unwrap();
        tx.insert_factor(
            id,
            &sealed,
            keydesk_store::models::FactorStatus::Active,
            self.now(),
        )
        .await
        .unwrap();
        tx.commit().await.unwrap();
        self.api_session(id).await
    }

    /// A new complete API session for an existing account.
    pub async fn api_session(&self, account_id: i64) -> String {
        let state = &self.running.state;
        let mut tx = state.store.begin().await.unwrap();
        let token = keydesk::auth::create_session(
            state,
            &mut *tx,
            &keydesk::usecase::RequestMeta::for_operator(),
            account_id,
            keydesk_store::models::SessionKind::Api,
            Some(self.now()),
        )
        .await
        .unwrap();
        tx.commit().await.unwrap();
        token
    }

    /// A staff account made as `keydesk user create` makes it, signed in and enrolled.
    pub async fn signed_in_staff(&self, email: &str, role: Role) -> Browser {
        let state = &self.running.state;
        keydesk::features::accounts::service::create_by_operator(state, email, PASSWORD, role)
            .await
            .unwrap();
        let b = self.browser();
        b.log_in(email, PASSWORD).await;
        let secret = b.get("/2fa/enroll").await.secret();
        b.confirm_enrollment(&self.code(&secret)).await.assert_ok();
        b
    }

    /// Every row of every table, as text: what a dump of the database would show. On
    /// SQLite the file's bytes themselves (with its WAL), as a stolen file would.
    pub async fn database_dump(&self) -> Vec<u8> {
        match &*self.database {
            TestDatabase::Sqlite => {
                let mut bytes = std::fs::read(self.dir.path().join("keydesk.sqlite")).unwrap();
                for extra in ["keydesk.sqlite-wal", "keydesk.sqlite-shm"] {
                    bytes.extend(std::fs::read(self.dir.path().join(extra)).unwrap_or_default());
                }
                bytes
            }
            TestDatabase::Postgres { url, .. } => {
                use sqlx::Connection;
                let mut db = sqlx::PgConnection::connect(url).await.unwrap();
                let tables: Vec<String> = sqlx::query_scalar(
                    "SELECT quote_ident(table_name) FROM information_schema.tables \
                     WHERE table_schema = 'public' AND table_type = 'BASE TABLE'",
                )
                .fetch_all(&mut db)
                .await
                .unwrap();
                assert!(tables.len() > 5, "{tables:?}");
                let mut dump = String::new();
                for table in tables {
                    let rows: Vec<String> =
                        sqlx::query_scalar(&format!("SELECT t::text FROM {table} t"))
                            .fetch_all(&mut db)
                            .await
                            .unwrap();
                    for row in rows {
                        dump.push_str(&row);
                        dump.push('\n');
                    }
                }
                dump.into_bytes()
            }
        }
    }
}

impl Drop for TestApp {
    fn drop(&mut self) {
        self.running.stop();
    }
}
