//! What other programs read: codes of an independent TOTP implementation (oathtool),
//! the QR code (zbarimg), the OpenAPI document, health, readiness and metrics.
use crate::helpers::*;
use serde_json::Value;

/// Runs another program and returns what it printed, trimmed; a failure fails the test.
fn run_tool(name: &str, args: &[&str]) -> String {
    let found = std::process::Command::new("sh")
        .arg("-c")
        .arg(format!("command -v {name}"))
        .output()
        .unwrap();
    assert!(
        found.status.success(),
        "{name} is needed (scripts/test installs it: apt-get install oathtool zbar-tools)"
    );
    let out = std::process::Command::new(name)
        .args(args)
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{name}: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8(out.stdout).unwrap().trim().to_owned()
}

fn base64_decode(s: &str) -> Vec<u8> {
    use base64::Engine;
    base64::engine::general_purpose::STANDARD.decode(s).unwrap()
}

/// A code from an independent implementation (oathtool) is accepted, and the QR code
/// decodes (zbarimg) to exactly the otpauth:// URI.
async fn independent_totp_and_qr_decoding(backend: Backend) {
    let app = TestApp::spawn(backend).await;
    let b = app.browser();
    let email = "interop@example.com";
    b.post("/signup", &[("email", email), ("password", PASSWORD)])
        .await;
    b.log_in(email, PASSWORD).await;
    let page = b.get("/2fa/enroll").await;
    let secret = page.secret();
    let qr = page.attr("#qr", "src").unwrap();
    let png = base64_decode(qr.strip_prefix("data:image/png;base64,").unwrap());
    let file = app.dir.path().join("qr.png");
    std::fs::write(&file, png).unwrap();
    let decoded = run_tool("zbarimg", &["--quiet", "--raw", file.to_str().unwrap()]);
    let expected = secret.otpauth_uri("keydesk", email);
    assert_eq!(decoded, expected);
    assert!(decoded.starts_with("otpauth://totp/keydesk:interop%40example.com?secret="));
    assert!(decoded.contains("issuer=keydesk"));
    // On the phone that must scan it, the same URI opens the authenticator app, and the
    // key has a copy button (shown by its script).
    assert_eq!(
        page.attr("#otpauth-link", "href").as_deref(),
        Some(decoded.as_str())
    );
    assert!(page
        .attr("#copy-secret", "data-copy")
        .is_some_and(|k| k == secret.to_base32()));

    let now = format!("@{}", app.now());
    let key = secret.to_base32();
    let code = run_tool("oathtool", &["--totp", "--base32", "--now", &now, &key]);
    assert_eq!(code.len(), 6);
    let done = b.confirm_enrollment(&code).await;
    done.assert_ok();
    assert_eq!(done.all_text("#recovery-codes code").len(), 10);
}

async fn openapi_document_describes_every_route(backend: Backend) {
    let app = TestApp::spawn(backend).await;
    let doc: Value = reqwest::get(format!("{}/api/v1/openapi.json", app.base))
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    assert_eq!(doc["openapi"], "3.1.0");
    // The document is generated from the handlers: every API route of the router is in
    // it with its method, and everything it documents is a route the router has.
    let table = keydesk::features::route_table();
    let api: Vec<_> = table
        .iter()
        .filter(|r| r.path.starts_with("/api/"))
        .collect();
    assert!(api.len() >= 20, "{api:?}");
    for route in &api {
        let method = route.method.as_str().to_lowercase();
        assert!(
            doc["paths"][&route.path][&method].is_object(),
            "{} {} is routed but missing from openapi.json",
            route.method,
            route.path
        );
    }
    let mut documented = 0;
    for (path, item) in doc["paths"].as_object().unwrap() {
        for method in item.as_object().unwrap().keys() {
            documented += 1;
            assert!(
                api.iter()
                    .any(|r| &r.path == path && r.method.as_str().eq_ignore_ascii_case(method)),
                "{method} {path} is documented but not routed"
            );
        }
    }
    assert_eq!(documented, api.len());
    // The API takes the session cookie only with the CSRF header (GET too): a document
    // that offers the cookie alone describes a request that gets 401.
    for (path, item) in doc["paths"].as_object().unwrap() {
        for (method, op) in item.as_object().unwrap() {
            for requirement in op["security"].as_array().into_iter().flatten() {
                if requirement.get("cookieAuth").is_some() {
                    assert!(
                        requirement.get("csrfToken").is_some(),
                        "{method} {path} offers cookieAuth without csrfToken"
                    );
                }
            }
        }
    }
    // Page routes are not API routes: none of them is documented.
    assert!(table
        .iter()
        .filter(|r| !r.path.starts_with("/api/"))
        .all(|r| doc["paths"].get(&r.path).is_none()));
}

async fn health_readiness_and_metrics(backend: Backend) {
    let app = TestApp::spawn(backend).await;
    app.enrolled_customer("metrics@example.com").await;
    let metrics = || async {
        let r = reqwest::get(format!("{}/metrics", app.base)).await.unwrap();
        r.text().await.unwrap()
    };
    assert_eq!(app.api().get("/healthz").await.status, 200);
    assert_eq!(app.api().get("/readyz").await.status, 200);
    let text = metrics().await;
    for metric in [
        "keydesk_http_requests_total",
        "keydesk_http_request_duration_seconds",
        "keydesk_logins_total",
    ] {
        assert!(text.contains(metric), "{metric} in {text}");
    }
    app.mails().await;
    let text = metrics().await;
    assert!(text.contains("keydesk_job_queue_depth"));
    assert!(text.contains("route=\"/login\""), "routes, not raw paths");
}

/// `/metrics` tells login failures and locks: only the addresses `metrics.allow` lists
/// get it on the customers' listener (the client as the trusted proxy names it), or it
/// has a listener of its own.
async fn metrics_are_only_for_the_operators(backend: Backend) {
    let app = TestApp::spawn_with(backend, |s| {
        s.trusted_proxies = vec!["127.0.0.1/32".parse().unwrap()];
    })
    .await;
    let from = |client: &str| {
        reqwest::Client::new()
            .get(format!("{}/metrics", app.base))
            .header("x-forwarded-for", client)
            .header("accept-language", "ja")
            .send()
    };
    assert_eq!(from("127.0.0.1").await.unwrap().status(), 200);
    let outside = from("203.0.113.9").await.unwrap();
    assert_eq!(outside.status(), 404);
    let page = outside.text().await.unwrap();
    assert!(!page.contains("keydesk_http_requests_total"));
    assert!(page.contains("<html"), "the usual not-found page: {page}");

    let own = TestApp::spawn_with(backend, |s| {
        s.metrics.listen = Some("127.0.0.1:0".parse().unwrap());
    })
    .await;
    let r = reqwest::get(format!("{}/metrics", own.base)).await.unwrap();
    assert_eq!(r.status(), 404, "not on the customers' listener");
    let at = own.running.metrics_addr.unwrap();
    let r = reqwest::get(format!("http://{at}/metrics")).await.unwrap();
    assert_eq!(r.status(), 200);
    assert!(r.text().await.unwrap().contains("keydesk_"));
}

on_both_backends!(
    independent_totp_and_qr_decoding,
    openapi_document_describes_every_route,
    health_readiness_and_metrics,
    metrics_are_only_for_the_operators,
);
