//! A real S3-compatible server for the file-store tests: moto's server mode
//! (`moto_server.py`), one per test process, on a free loopback port. Where moto is
//! missing the S3 tests fail under CI (`CI` set) and are skipped, with a notice,
//! elsewhere.
use keydesk::config::{FileBackend, FileSettings};
use std::io::BufRead;
use std::process::{Child, Command, Stdio};
use std::sync::atomic::{AtomicU32, Ordering};
use std::sync::OnceLock;
use std::time::Duration;

pub struct S3Server {
    pub endpoint: String,
    /// Kept so its standard input stays open: the server stops when this process ends.
    _process: Child,
}

/// The server, started on first use; `None` (after a printed notice) when it cannot
/// start outside CI.
pub fn s3_server() -> Option<&'static S3Server> {
    static SERVER: OnceLock<Result<S3Server, String>> = OnceLock::new();
    match SERVER.get_or_init(start) {
        Ok(server) => Some(server),
        Err(why) => {
            let message = format!(
                "moto's S3 server did not start ({why}); install it with \
                 `python3 -m pip install -r tests/requirements.txt` (scripts/setup does)"
            );
            if std::env::var_os("CI").is_some() {
                panic!("{message}");
            }
            // Straight to stderr: libtest would hide an `eprintln!` of a passing test.
            use std::io::Write;
            let _ = writeln!(
                std::io::stderr(),
                "SKIPPED: an S3 file-store test: {message}"
            );
            None
        }
    }
}

fn start() -> Result<S3Server, String> {
    let script = concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/tests/http/helpers/moto_server.py"
    );
    let mut child = Command::new("python3")
        .arg(script)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        // Piped and passed on, not inherited: a server holding the test's own stderr
        // after the test ended would be reported as a leak (nextest).
        .stderr(Stdio::piped())
        .spawn()
        .map_err(|e| format!("cannot run python3: {e}"))?;
    if let Some(stderr) = child.stderr.take() {
        std::thread::spawn(move || {
            use std::io::Write;
            for line in std::io::BufReader::new(stderr)
                .lines()
                .map_while(Result::ok)
            {
                let _ = writeln!(std::io::stderr(), "moto: {line}");
            }
        });
    }
    let stdout = child.stdout.take().ok_or("no stdout")?;
    let (tx, rx) = std::sync::mpsc::channel();
    std::thread::spawn(move || {
        let mut line = String::new();
        let _ = std::io::BufReader::new(stdout).read_line(&mut line);
        let _ = tx.send(line);
    });
    let port = rx
        .recv_timeout(Duration::from_secs(60))
        .map_err(|_| "no port within 60 s".to_owned())
        .and_then(|line| {
            line.trim()
                .parse::<u16>()
                .map_err(|_| "it exited without a port: see its `moto:` lines".to_owned())
        });
    let port = match port {
        Ok(port) => port,
        Err(why) => {
            let _ = child.kill();
            let _ = child.wait();
            return Err(why);
        }
    };
    Ok(S3Server {
        endpoint: format!("http://127.0.0.1:{port}"),
        _process: child,
    })
}

/// moto checks no signatures, but a request without an `Authorization` header is
/// anonymous and may not read private objects: this header names the test's access key.
const AUTHORIZATION: &str = "AWS4-HMAC-SHA256 \
    Credential=keydesk-test/20260101/us-east-1/s3/aws4_request, \
    SignedHeaders=host, Signature=0";

impl S3Server {
    fn request(&self, method: reqwest::Method, path: &str) -> reqwest::RequestBuilder {
        reqwest::Client::new()
            .request(method, format!("{}/{path}", self.endpoint))
            .header("authorization", AUTHORIZATION)
    }

    /// A new, empty bucket.
    pub async fn new_bucket(&self) -> String {
        static NEXT: AtomicU32 = AtomicU32::new(0);
        let bucket = format!(
            "keydesk-test-{}-{}",
            std::process::id(),
            NEXT.fetch_add(1, Ordering::Relaxed)
        );
        let r = self
            .request(reqwest::Method::PUT, &bucket)
            .send()
            .await
            .unwrap();
        assert!(r.status().is_success(), "creating {bucket}: {}", r.status());
        bucket
    }

    /// `[files]` for `bucket` on this server.
    pub fn settings(&self, bucket: &str, prefix: &str) -> FileSettings {
        FileSettings {
            backend: FileBackend::S3,
            bucket: Some(bucket.to_owned()),
            endpoint: Some(self.endpoint.clone()),
            access_key_id: Some("keydesk-test".into()),
            secret_access_key: Some("keydesk-test-secret".into()),
            allow_http: true,
            prefix: prefix.to_owned(),
            ..FileSettings::default()
        }
    }

    /// The object names in `bucket`, read straight from the server (not through
    /// keydesk's own code).
    pub async fn object_names(&self, bucket: &str) -> Vec<String> {
        let xml = self
            .request(reqwest::Method::GET, &format!("{bucket}?list-type=2"))
            .send()
            .await
            .unwrap()
            .text()
            .await
            .unwrap();
        xml.split("<Key>")
            .skip(1)
            .filter_map(|s| s.split("</Key>").next())
            .map(str::to_owned)
            .collect()
    }

    /// One object's bytes, straight from the server.
    pub async fn object(&self, bucket: &str, name: &str) -> Vec<u8> {
        let r = self
            .request(reqwest::Method::GET, &format!("{bucket}/{name}"))
            .send()
            .await
            .unwrap();
        assert!(r.status().is_success(), "{name}: {}", r.status());
        r.bytes().await.unwrap().to_vec()
    }
}
