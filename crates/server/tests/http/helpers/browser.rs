//! A cookie-keeping client that fills in CSRF tokens as a real page would, and the
//! pages it gets back.
use keydesk_domain::twofactor::totp::TotpSecret;
use keydesk_store::models::OutboxMail;
use reqwest::StatusCode;
use std::sync::{Arc, Mutex};

pub struct Browser {
    pub client: reqwest::Client,
    pub jar: Arc<reqwest::cookie::Jar>,
    pub base: String,
    /// The CSRF token of the last page that carried one (bound to this browser's cookies,
    /// as a real page's is).
    csrf: Mutex<Option<String>>,
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
            csrf: Mutex::new(None),
        }
    }

    /// The token the last page gave (a first page is fetched if none was yet).
    pub async fn csrf(&self) -> String {
        if self.csrf.lock().unwrap().is_none() {
            self.get("/login").await;
        }
        self.csrf.lock().unwrap().clone().unwrap()
    }

    /// Reads the answer as a page, keeping its CSRF token for the next form.
    async fn page(&self, r: reqwest::Response) -> Page {
        let page = Page::from(r).await;
        if let Some(token) = page
            .attr("meta[name=csrf]", "content")
            .filter(|t| !t.is_empty())
        {
            *self.csrf.lock().unwrap() = Some(token);
        }
        page
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
        self.page(r).await
    }

    /// The login form's password step.
    pub async fn log_in(&self, email: &str, password: &str) -> Page {
        self.post("/login", &[("email", email), ("password", password)])
            .await
    }

    /// The login form's second step, with a code from the app or a recovery code.
    pub async fn second_factor(&self, code: &str) -> Page {
        self.post("/login/2fa", &[("code", code)]).await
    }

    /// Confirms the authenticator on the enrollment page with a code from it.
    pub async fn confirm_enrollment(&self, code: &str) -> Page {
        self.post("/2fa/enroll", &[("code", code)]).await
    }

    /// A GET answered as it is (status, headers and bytes), for files rather than pages.
    pub async fn fetch(&self, path: &str) -> reqwest::Response {
        self.client
            .get(format!("{}{path}", self.base))
            .send()
            .await
            .unwrap()
    }

    /// A GET as the page's own script sends it: with the CSRF header.
    pub async fn script_get(&self, path: &str) -> reqwest::Response {
        self.client
            .get(format!("{}{path}", self.base))
            .header("x-csrf-token", self.csrf().await)
            .send()
            .await
            .unwrap()
    }

    /// Posts a form with the CSRF token a real page would carry.
    pub async fn post(&self, path: &str, fields: &[(&str, &str)]) -> Page {
        let csrf = self.csrf().await;
        let mut all: Vec<(&str, &str)> = vec![("csrf", &csrf)];
        all.extend_from_slice(fields);
        let r = self
            .client
            .post(format!("{}{path}", self.base))
            .form(&all)
            .send()
            .await
            .unwrap();
        self.page(r).await
    }

    /// Uploads a photo through the page's form without script, CSRF field first.
    pub async fn upload(&self, path: &str, fields: &[(&str, &str)], photo: (&str, &[u8])) -> Page {
        self.post_multipart(path, fields, photo, true).await
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
        let token = self.csrf().await;
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
        self.page(r).await
    }

    /// Posts a multipart form as a browser sends one: the page's CSRF field first, then
    /// `fields`, then each file as (input name, file name, content type, bytes).
    pub async fn post_files(
        &self,
        path: &str,
        fields: &[(&str, &str)],
        files: &[(&str, &str, &str, &[u8])],
    ) -> Page {
        const BOUNDARY: &str = "----keydesk-test-boundary-files-9QzT";
        let token = self.csrf().await;
        let mut body = Vec::new();
        for (name, value) in std::iter::once(("csrf", token.as_str())).chain(fields.iter().copied())
        {
            body.extend_from_slice(
                format!(
                    "--{BOUNDARY}\r\nContent-Disposition: form-data; name=\"{name}\"\r\n\r\n{value}\r\n"
                )
                .as_bytes(),
            );
        }
        for (name, file_name, content_type, bytes) in files {
            body.extend_from_slice(
                format!(
                    "--{BOUNDARY}\r\nContent-Disposition: form-data; name=\"{name}\"; \
                     filename=\"{file_name}\"\r\nContent-Type: {content_type}\r\n\r\n"
                )
                .as_bytes(),
            );
            body.extend_from_slice(bytes);
            body.extend_from_slice(b"\r\n");
        }
        body.extend_from_slice(format!("--{BOUNDARY}--\r\n").as_bytes());
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
        self.page(r).await
    }

    /// Posts an empty form with this token rather than the last page's.
    pub async fn post_with_token(&self, path: &str, token: &str) -> Page {
        let r = self
            .client
            .post(format!("{}{path}", self.base))
            .form(&[("csrf", token)])
            .send()
            .await
            .unwrap();
        self.page(r).await
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
        self.page(r).await
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

    pub fn all_attr(&self, selector: &str, attr: &str) -> Vec<String> {
        let sel = scraper::Selector::parse(selector).unwrap();
        self.html()
            .select(&sel)
            .filter_map(|e| e.value().attr(attr).map(str::to_owned))
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
