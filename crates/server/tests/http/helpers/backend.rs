//! The two databases every HTTP test runs on. SQLite: the default file in the app's temp
//! data dir. PostgreSQL: a fresh database per app on the server named by
//! `KEYDESK_TEST_POSTGRES_URL` (a maintenance URL, e.g.
//! `postgres://postgres@127.0.0.1:5432/test`), dropped when the app is; `scripts/test`
//! always sets it. Unset, the PostgreSQL variants fail under CI (`CI` set) and are
//! skipped, with a notice, elsewhere.
use sqlx::Connection;
use std::sync::OnceLock;

/// The store's own name for them.
pub use keydesk_store::Backend;

const SERVER_VARIABLE: &str = "KEYDESK_TEST_POSTGRES_URL";

/// Databases made by these tests: `kd_test_<unix seconds>_<random>`, so that a run can
/// tell the leftovers of a crashed one by their age.
const PREFIX: &str = "kd_test_";

/// Leftovers older than this are dropped: no test runs for an hour.
const LEFTOVER_AGE_SECONDS: u64 = 3600;

/// Whether the PostgreSQL variant can run: the server is configured; under CI it must be.
pub fn postgres_configured() -> bool {
    if server_url().is_some() {
        return true;
    }
    let message = format!(
        "{SERVER_VARIABLE} is not set, e.g. postgres://postgres@127.0.0.1:5432/test \
         (scripts/test sets it)"
    );
    if std::env::var_os("CI").is_some() {
        panic!("{message}");
    }
    // Straight to stderr: libtest would hide an `eprintln!` of a passing test.
    use std::io::Write;
    let _ = writeln!(
        std::io::stderr(),
        "SKIPPED: the PostgreSQL variant: {message}"
    );
    false
}

fn server_url() -> Option<String> {
    std::env::var(SERVER_VARIABLE)
        .ok()
        .filter(|u| !u.is_empty())
}

/// Where one app keeps its rows.
pub enum TestDatabase {
    /// `keydesk.sqlite` in the app's data dir (the default `database_url`).
    Sqlite,
    Postgres {
        /// The app's `database_url`.
        url: String,
        server: String,
        name: String,
    },
}

impl TestDatabase {
    pub async fn create(backend: Backend) -> Self {
        match backend {
            Backend::Sqlite => Self::Sqlite,
            Backend::Postgres => {
                let server = server_url()
                    .unwrap_or_else(|| panic!("{SERVER_VARIABLE} is needed for PostgreSQL"));
                let mut admin = sqlx::PgConnection::connect(&server)
                    .await
                    .unwrap_or_else(|e| panic!("PostgreSQL at {SERVER_VARIABLE}: {e}"));
                drop_leftovers(&mut admin).await;
                let name = format!("{PREFIX}{}_{:016x}", unix_seconds(), rand::random::<u64>());
                sqlx::query(&format!("CREATE DATABASE {name}"))
                    .execute(&mut admin)
                    .await
                    .unwrap();
                // A test's rows need not survive a crash of the server: commits do not
                // wait for the disk.
                sqlx::query(&format!(
                    "ALTER DATABASE {name} SET synchronous_commit = off"
                ))
                .execute(&mut admin)
                .await
                .unwrap();
                Self::Postgres {
                    url: with_database(&server, &name),
                    server,
                    name,
                }
            }
        }
    }

    /// The `database_url` setting; `None` keeps the default (SQLite in the data dir).
    pub fn url(&self) -> Option<String> {
        match self {
            Self::Sqlite => None,
            Self::Postgres { url, .. } => Some(url.clone()),
        }
    }
}

impl Drop for TestDatabase {
    fn drop(&mut self) {
        let Self::Postgres { server, name, .. } = self else {
            return;
        };
        let (server, name) = (server.clone(), name.clone());
        // Drop runs inside the test's runtime: a thread with its own. FORCE ends the
        // app's pooled connections. Best effort: a later run drops what is left.
        let _ = std::thread::spawn(move || {
            let Ok(rt) = tokio::runtime::Builder::new_current_thread()
                .enable_all()
                .build()
            else {
                return;
            };
            rt.block_on(async {
                if let Ok(mut admin) = sqlx::PgConnection::connect(&server).await {
                    let _ = sqlx::query(&format!("DROP DATABASE IF EXISTS {name} WITH (FORCE)"))
                        .execute(&mut admin)
                        .await;
                }
            });
        })
        .join();
    }
}

/// Drops the databases of runs that crashed before dropping their own, once per test
/// process. Several processes may race for the same one: errors are ignored.
async fn drop_leftovers(admin: &mut sqlx::PgConnection) {
    static DONE: OnceLock<()> = OnceLock::new();
    if DONE.set(()).is_err() {
        return;
    }
    let names: Vec<String> =
        sqlx::query_scalar("SELECT datname FROM pg_database WHERE starts_with(datname, $1)")
            .bind(PREFIX)
            .fetch_all(&mut *admin)
            .await
            .unwrap_or_default();
    let cutoff = unix_seconds().saturating_sub(LEFTOVER_AGE_SECONDS);
    for name in names {
        let created = name
            .strip_prefix(PREFIX)
            .and_then(|rest| rest.split('_').next())
            .and_then(|seconds| seconds.parse::<u64>().ok());
        let safe = name.chars().all(|c| c.is_ascii_alphanumeric() || c == '_');
        if safe && created.is_some_and(|t| t < cutoff) {
            let _ = sqlx::query(&format!("DROP DATABASE IF EXISTS {name} WITH (FORCE)"))
                .execute(&mut *admin)
                .await;
        }
    }
}

fn unix_seconds() -> u64 {
    std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .unwrap()
        .as_secs()
}

/// `url` naming database `name` instead of its own, query string kept.
fn with_database(url: &str, name: &str) -> String {
    let (url, query) = match url.split_once('?') {
        Some((url, query)) => (url, Some(query)),
        None => (url, None),
    };
    let authority = url.find("://").map_or(0, |i| i + 3);
    let path = url[authority..]
        .find('/')
        .map_or(url.len(), |i| authority + i);
    let mut out = format!("{}/{name}", &url[..path]);
    if let Some(query) = query {
        out.push('?');
        out.push_str(query);
    }
    out
}

/// Runs each named test of the module — an `async fn(Backend)` — once per database, as
/// `<name>::sqlite` and `<name>::postgres`. A test registered nowhere is dead code, which
/// clippy refuses.
macro_rules! on_both_backends {
    ($($name:ident),* $(,)?) => {$(
        mod $name {
            #[tokio::test]
            async fn sqlite() {
                super::$name($crate::helpers::Backend::Sqlite).await
            }

            #[tokio::test]
            async fn postgres() {
                if $crate::helpers::postgres_configured() {
                    super::$name($crate::helpers::Backend::Postgres).await
                }
            }
        }
    )*};
}
pub(crate) use on_both_backends;

#[test]
fn database_names_replace_the_path_only() {
    assert_eq!(
        with_database("postgres://postgres@127.0.0.1:5432/test", "kd_test_1_a"),
        "postgres://postgres@127.0.0.1:5432/kd_test_1_a"
    );
    assert_eq!(
        with_database("postgres://u:p@db/x?sslmode=disable", "n"),
        "postgres://u:p@db/n?sslmode=disable"
    );
    assert_eq!(with_database("postgres://db", "n"), "postgres://db/n");
}
