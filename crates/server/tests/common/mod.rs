//! Test harness: starts the real application on port 0 with a fresh database and a
//! clock the test can move, and a cookie-keeping client that fills in CSRF tokens.
#![allow(dead_code)]
pub mod s3;
use keydesk::clock::OffsetClock;
use keydesk::config::Settings;
use keydesk::startup::{self, Running};
use keydesk_domain::twofactor::totp::{self, TotpSecret};
use keydesk_store::models::OutboxMail;
use reqwest::StatusCode;
use std::sync::Arc;

pub const PASSWORD: &str = "correct horse battery staple";

pub struct TestApp {
    pub running: Running,
    pub clock: Arc<OffsetClock>,
    pub base: String,
    pub dir: tempfile::TempDir,
}

impl TestApp {
    pub async fn spawn() -> Self {
        Self::spawn_with(|_| {}).await
    }

    pub async fn spawn_with(configure: impl FnOnce(&mut Settings)) -> Self {
        let dir = tempfile::tempdir().unwrap();
        let mut settings = Settings {
            listen: "127.0.0.1:0".parse().unwrap(),
            data_dir: dir.path().to_path_buf(),
            // Tests deliver queued mails themselves (`mails()`), so that a worker woken by
            // a commit never holds a job the test is about to run.
            job_worker: false,
            ..Default::default()
        };
        configure(&mut settings);
        let clock = Arc::new(OffsetClock::default());
        let running = startup::start(settings, clock.clone()).await.unwrap();
        let base = format!("http://{}", running.addr);
        // Links in mails point at the real port.
        Self {
            running,
            clock,
            base,
            dir,
        }
    }

    pub fn now(&self) -> i64 {
        self.running.state.now()
    }

    pub fn browser(&self) -> Browser {
        Browser::new(&self.base, "en")
    }

    /// Delivers queued mails now and returns the outbox, newest first.
    pub async fn mails(&self) -> Vec<OutboxMail> {
        while keydesk::jobs::run_due(&self.running.state).await.unwrap() > 0 {}
        self.running
            .state
            .store
            .read()
            .await
            .unwrap()
            .outbox_mails(100)
            .await
            .unwrap()
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
        let done = b.post("/2fa/enroll", &[("code", &code)]).await;
        done.assert_ok();
        let codes = done.all_text("#recovery-codes code");
        assert_eq!(codes.len(), 10, "{}", done.body);
        (b, secret, codes)
    }
}

impl Drop for TestApp {
    fn drop(&mut self) {
        self.running.stop();
    }
}

pub struct Browser {
    pub client: reqwest::Client,
    pub jar: Arc<reqwest::cookie::Jar>,
    pub base: String,
}

pub struct Page {
    pub status: StatusCode,
    pub url: String,
    pub body: String,
}

impl Browser {
    pub fn new(base: &str, lang: &str) -> Self {
        let jar = Arc::new(reqwest::cookie::Jar::default());
        let mut headers = reqwest::header::HeaderMap::new();
        headers.insert(reqwest::header::ACCEPT_LANGUAGE, lang.parse().unwrap());
        let client = reqwest::Client::builder()
            .cookie_provider(jar.clone())
            .default_headers(headers)
            .user_agent("keydesk-tests")
            .build()
            .unwrap();
        Self {
            client,
            jar,
            base: base.to_owned(),
        }
    }

    pub fn cookie(&self, name: &str) -> Option<String> {
        use reqwest::cookie::CookieStore;
        let url = self.base.parse().unwrap();
        let header = self.jar.cookies(&url)?;
        header
            .to_str()
            .ok()?
            .split("; ")
            .find_map(|c| c.strip_prefix(&format!("{name}=")).map(str::to_owned))
    }

    pub async fn get(&self, path: &str) -> Page {
        let r = self
            .client
            .get(format!("{}{path}", self.base))
            .send()
            .await
            .unwrap();
        Page::from(r).await
    }

    /// Posts a form with the CSRF token a real page would carry.
    pub async fn post(&self, path: &str, fields: &[(&str, &str)]) -> Page {
        if self.cookie("kd_csrf").is_none() {
            self.get("/login").await;
        }
        let csrf = self.cookie("kd_csrf").unwrap();
        let mut all: Vec<(&str, &str)> = vec![("csrf", &csrf)];
        all.extend_from_slice(fields);
        let r = self
            .client
            .post(format!("{}{path}", self.base))
            .form(&all)
            .send()
            .await
            .unwrap();
        Page::from(r).await
    }

    /// Posts a multipart form (a file upload without script): the page's CSRF field
    /// first when `csrf` is true, then `fields`, then the file as `photo`.
    pub async fn post_multipart(
        &self,
        path: &str,
        fields: &[(&str, &str)],
        photo: (&str, &[u8]),
        csrf: bool,
    ) -> Page {
        const BOUNDARY: &str = "----keydesk-test-boundary-7MA4YWxkTrZu0gW";
        let token = self.cookie("kd_csrf").unwrap();
        let mut all: Vec<(&str, &str)> = Vec::new();
        if csrf {
            all.push(("csrf", &token));
        }
        all.extend_from_slice(fields);
        let mut body = Vec::new();
        for (name, value) in all {
            body.extend_from_slice(
                format!(
                    "--{BOUNDARY}\r\nContent-Disposition: form-data; name=\"{name}\"\r\n\r\n{value}\r\n"
                )
                .as_bytes(),
            );
        }
        let (content_type, bytes) = photo;
        body.extend_from_slice(
            format!(
                "--{BOUNDARY}\r\nContent-Disposition: form-data; name=\"photo\"; \
                 filename=\"photo\"\r\nContent-Type: {content_type}\r\n\r\n"
            )
            .as_bytes(),
        );
        body.extend_from_slice(bytes);
        body.extend_from_slice(format!("\r\n--{BOUNDARY}--\r\n").as_bytes());
        let r = self
            .client
            .post(format!("{}{path}", self.base))
            .header(
                "content-type",
                format!("multipart/form-data; boundary={BOUNDARY}"),
            )
            .body(body)
            .send()
            .await
            .unwrap();
        Page::from(r).await
    }

    /// Posts a form without any CSRF token, as a forged cross-site form would.
    pub async fn post_without_csrf(&self, path: &str, fields: &[(&str, &str)]) -> Page {
        let r = self
            .client
            .post(format!("{}{path}", self.base))
            .form(fields)
            .send()
            .await
            .unwrap();
        Page::from(r).await
    }
}

impl Page {
    async fn from(r: reqwest::Response) -> Self {
        let status = r.status();
        let url = r.url().path().to_owned();
        let body = r.text().await.unwrap();
        Self { status, url, body }
    }

    #[track_caller]
    pub fn assert_ok(&self) -> &Self {
        assert!(
            self.status.is_success(),
            "status {} at {}: {}",
            self.status,
            self.url,
            self.body
        );
        self
    }

    pub fn html(&self) -> scraper::Html {
        scraper::Html::parse_document(&self.body)
    }

    pub fn text(&self, selector: &str) -> Option<String> {
        let sel = scraper::Selector::parse(selector).unwrap();
        self.html()
            .select(&sel)
            .next()
            .map(|e| e.text().collect::<String>().trim().to_owned())
    }

    pub fn all_text(&self, selector: &str) -> Vec<String> {
        let sel = scraper::Selector::parse(selector).unwrap();
        self.html()
            .select(&sel)
            .map(|e| e.text().collect::<String>().trim().to_owned())
            .collect()
    }

    pub fn attr(&self, selector: &str, attr: &str) -> Option<String> {
        let sel = scraper::Selector::parse(selector).unwrap();
        self.html()
            .select(&sel)
            .next()
            .and_then(|e| e.value().attr(attr).map(str::to_owned))
    }

    pub fn form_error(&self) -> Option<String> {
        self.text("#form-error")
    }

    /// The secret shown on the enrollment page, for manual entry.
    pub fn secret(&self) -> TotpSecret {
        let grouped = self
            .text("#secret")
            .unwrap_or_else(|| panic!("no secret on {}: {}", self.url, self.body));
        let b32: String = grouped.split_whitespace().collect();
        TotpSecret::from_bytes(data_encoding::BASE32_NOPAD.decode(b32.as_bytes()).unwrap()).unwrap()
    }
}

/// Pulls the first link to keydesk out of a mail's text.
pub fn link_in(mail: &OutboxMail) -> String {
    mail.body_text
        .split_whitespace()
        .find(|w| w.starts_with("http://") || w.starts_with("https://"))
        .unwrap()
        .to_owned()
}
