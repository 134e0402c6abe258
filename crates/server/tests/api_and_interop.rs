//! The JSON API, independent TOTP implementations, the QR code, secrets at rest,
//! health and metrics.
#![allow(clippy::unwrap_used, clippy::expect_used)]
mod common;
use common::*;
use keydesk_domain::twofactor::totp::TotpSecret;
use serde_json::{json, Value};

async fn call(
    app: &TestApp,
    method: reqwest::Method,
    path: &str,
    token: Option<&str>,
    body: Option<Value>,
) -> (u16, Value) {
    let mut req = reqwest::Client::new().request(method, format!("{}{path}", app.base));
    if let Some(t) = token {
        req = req.bearer_auth(t);
    }
    if let Some(b) = body {
        req = req.json(&b);
    }
    let r = req.send().await.unwrap();
    let status = r.status().as_u16();
    let text = r.text().await.unwrap();
    (status, serde_json::from_str(&text).unwrap_or(Value::Null))
}

use reqwest::Method;

#[tokio::test]
async fn api_journey_with_stable_error_codes() {
    let app = TestApp::spawn().await;
    let email = "api@example.com";
    let (s, _) = call(
        &app,
        Method::POST,
        "/api/v1/accounts",
        None,
        Some(json!({"email": email, "password": "123"})),
    )
    .await;
    assert_eq!(s, 422);
    let (s, body) = call(
        &app,
        Method::POST,
        "/api/v1/accounts",
        None,
        Some(json!({"email": email, "password": PASSWORD})),
    )
    .await;
    assert_eq!(s, 202, "{body}");
    let (s, body) = call(
        &app,
        Method::POST,
        "/api/v1/sessions",
        None,
        Some(json!({"email": email, "password": "wrong password!"})),
    )
    .await;
    assert_eq!(
        (s, body["error"]["code"].as_str()),
        (401, Some("credentials_invalid"))
    );
    assert!(body["error"]["message"]
        .as_str()
        .is_some_and(|m| !m.is_empty()));
    let (s, body) = call(
        &app,
        Method::POST,
        "/api/v1/sessions",
        None,
        Some(json!({"email": email, "password": PASSWORD})),
    )
    .await;
    assert_eq!((s, body["stage"].as_str()), (201, Some("enroll")));
    let token = body["token"].as_str().unwrap().to_owned();

    let (s, body) = call(
        &app,
        Method::GET,
        "/api/v1/me/security-events",
        Some(&token),
        None,
    )
    .await;
    assert_eq!(
        (s, body["error"]["code"].as_str()),
        (401, Some("enrollment_required"))
    );
    let (s, body) = call(
        &app,
        Method::POST,
        "/api/v1/totp/enrollment",
        Some(&token),
        None,
    )
    .await;
    assert_eq!(s, 200, "{body}");
    let secret_b32 = body["secret"].as_str().unwrap();
    let secret = TotpSecret::from_bytes(
        data_encoding::BASE32_NOPAD
            .decode(secret_b32.as_bytes())
            .unwrap(),
    )
    .unwrap();
    let (s, body) = call(
        &app,
        Method::POST,
        "/api/v1/totp/enrollment/confirm",
        Some(&token),
        Some(json!({"code": "000000"})),
    )
    .await;
    assert_eq!(
        (s, body["error"]["code"].as_str()),
        (401, Some("code_invalid"))
    );
    let (s, body) = call(
        &app,
        Method::POST,
        "/api/v1/totp/enrollment/confirm",
        Some(&token),
        Some(json!({"code": app.code(&secret)})),
    )
    .await;
    assert_eq!(s, 200, "{body}");
    assert_eq!(body["recovery_codes"].as_array().unwrap().len(), 10);
    let rotated = body["token"].as_str().unwrap().to_owned();
    let (s, _) = call(&app, Method::GET, "/api/v1/me", Some(&token), None).await;
    assert_eq!(s, 401, "the old token died with the rotation");
    let (s, me) = call(&app, Method::GET, "/api/v1/me", Some(&rotated), None).await;
    assert_eq!(
        (s, me["email"].as_str(), me["two_factor_active"].as_bool()),
        (200, Some(email), Some(true))
    );

    // Log in again: password, then the second factor.
    let (_, body) = call(
        &app,
        Method::POST,
        "/api/v1/sessions",
        None,
        Some(json!({"email": email, "password": PASSWORD})),
    )
    .await;
    assert_eq!(body["stage"].as_str(), Some("second_factor"));
    let t2 = body["token"].as_str().unwrap().to_owned();
    let (s, body) = call(
        &app,
        Method::GET,
        "/api/v1/me/security-events",
        Some(&t2),
        None,
    )
    .await;
    assert_eq!(
        (s, body["error"]["code"].as_str()),
        (401, Some("second_factor_required"))
    );
    let (s, body) = call(
        &app,
        Method::POST,
        "/api/v1/sessions/current/second-factor",
        Some(&t2),
        Some(json!({"code": app.code(&secret)})),
    )
    .await;
    assert_eq!(
        (s, body["error"]["code"].as_str()),
        (401, Some("code_replayed"))
    );
    app.next_step();
    let (s, body) = call(
        &app,
        Method::POST,
        "/api/v1/sessions/current/second-factor",
        Some(&t2),
        Some(json!({"code": app.code(&secret)})),
    )
    .await;
    assert_eq!(s, 200, "{body}");
    let t3 = body["token"].as_str().unwrap().to_owned();
    let (s, body) = call(
        &app,
        Method::GET,
        "/api/v1/me/security-events",
        Some(&t3),
        None,
    )
    .await;
    assert_eq!(s, 200);
    assert!(body["events"]
        .as_array()
        .unwrap()
        .iter()
        .any(|e| e["kind"] == "totp_enrolled"));

    // Malformed bodies get the same error shape.
    let r = reqwest::Client::new()
        .post(format!("{}/api/v1/sessions", app.base))
        .body("{not json")
        .header("content-type", "application/json")
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), 422);
    let body: Value = r.json().await.unwrap();
    assert_eq!(body["error"]["code"], "bad_request");
    let (s, body) = call(&app, Method::GET, "/api/v1/nope", None, None).await;
    assert_eq!(
        (s, body["error"]["code"].as_str()),
        (404, Some("not_found"))
    );
    let (s, _) = call(
        &app,
        Method::DELETE,
        "/api/v1/sessions/current",
        Some(&t3),
        None,
    )
    .await;
    assert_eq!(s, 204);
    let (s, _) = call(&app, Method::GET, "/api/v1/me", Some(&t3), None).await;
    assert_eq!(s, 401);
}

#[tokio::test]
async fn api_accepts_the_browser_session_only_with_the_csrf_header() {
    let app = TestApp::spawn().await;
    let (b, _, _) = app.enrolled_customer("cookie@example.com").await;
    let r = b
        .client
        .get(format!("{}/api/v1/me", app.base))
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), 401);
    let csrf = b.cookie("kd_csrf").unwrap();
    let r = b
        .client
        .get(format!("{}/api/v1/me", app.base))
        .header("x-csrf-token", csrf)
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), 200);
}

/// The document is generated from the handlers: every API route of the router is in it
/// with its method, and everything it documents is a route the router has.
#[tokio::test]
async fn openapi_document_describes_every_route() {
    let app = TestApp::spawn().await;
    let doc: Value = reqwest::get(format!("{}/api/v1/openapi.json", app.base))
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    assert_eq!(doc["openapi"], "3.1.0");
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
    // Page routes are not API routes: none of them is documented.
    assert!(table
        .iter()
        .filter(|r| !r.path.starts_with("/api/"))
        .all(|r| doc["paths"].get(&r.path).is_none()));
}

fn tool(name: &str) -> std::process::Command {
    let found = std::process::Command::new("sh")
        .arg("-c")
        .arg(format!("command -v {name}"))
        .output()
        .unwrap();
    assert!(
        found.status.success(),
        "{name} is needed (scripts/test installs it: apt-get install oathtool zbar-tools)"
    );
    std::process::Command::new(name)
}

/// A code from an independent implementation (oathtool) is accepted, and the QR code
/// decodes (zbarimg) to exactly the otpauth:// URI.
#[tokio::test]
async fn independent_totp_and_qr_decoding() {
    let app = TestApp::spawn().await;
    let b = app.browser();
    let email = "interop@example.com";
    b.post("/signup", &[("email", email), ("password", PASSWORD)])
        .await;
    b.post("/login", &[("email", email), ("password", PASSWORD)])
        .await;
    let page = b.get("/2fa/enroll").await;
    let secret = page.secret();
    let qr = page.attr("#qr", "src").unwrap();
    let png = base64_decode(qr.strip_prefix("data:image/png;base64,").unwrap());
    let file = app.dir.path().join("qr.png");
    std::fs::write(&file, png).unwrap();
    let out = tool("zbarimg")
        .args(["--quiet", "--raw"])
        .arg(&file)
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let decoded = String::from_utf8(out.stdout).unwrap().trim().to_owned();
    let expected = secret.otpauth_uri("keydesk", email);
    assert_eq!(decoded, expected);
    assert!(decoded.starts_with("otpauth://totp/keydesk:interop%40example.com?secret="));
    assert!(decoded.contains("issuer=keydesk"));

    let now = app.now().to_string();
    let out = tool("oathtool")
        .args(["--totp", "--base32", "--now"])
        .arg(format!("@{now}"))
        .arg(secret.to_base32())
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let code = String::from_utf8(out.stdout).unwrap().trim().to_owned();
    assert_eq!(code.len(), 6);
    let done = b.post("/2fa/enroll", &[("code", &code)]).await;
    done.assert_ok();
    assert_eq!(done.all_text("#recovery-codes code").len(), 10);
}

fn base64_decode(s: &str) -> Vec<u8> {
    use base64::Engine;
    base64::engine::general_purpose::STANDARD.decode(s).unwrap()
}

/// A database dump holds no TOTP secret and no recovery code.
#[tokio::test]
async fn database_holds_no_secret_in_the_clear() {
    let app = TestApp::spawn().await;
    let (_, secret, codes) = app.enrolled_customer("dump@example.com").await;
    // Checkpoint the WAL so the main file holds everything, then read every byte.
    let db = app.dir.path().join("keydesk.sqlite");
    let mut bytes = std::fs::read(&db).unwrap();
    for extra in ["keydesk.sqlite-wal", "keydesk.sqlite-shm"] {
        bytes.extend(std::fs::read(app.dir.path().join(extra)).unwrap_or_default());
    }
    let hay = String::from_utf8_lossy(&bytes).to_uppercase();
    assert!(!hay.contains(&secret.to_base32()), "base32 secret found");
    assert!(
        !bytes.windows(20).any(|w| w == secret.as_bytes()),
        "raw secret found"
    );
    for c in &codes {
        assert!(
            !hay.contains(&c.replace('-', "")) && !hay.contains(c),
            "recovery code found"
        );
    }
    // The key lives apart, readable by the owner only.
    use std::os::unix::fs::PermissionsExt;
    let mode = std::fs::metadata(app.dir.path().join("secret.key"))
        .unwrap()
        .permissions()
        .mode();
    assert_eq!(mode & 0o777, 0o600);
}

#[tokio::test]
async fn health_readiness_and_metrics() {
    let app = TestApp::spawn().await;
    app.enrolled_customer("metrics@example.com").await;
    assert_eq!(
        reqwest::get(format!("{}/healthz", app.base))
            .await
            .unwrap()
            .status(),
        200
    );
    assert_eq!(
        reqwest::get(format!("{}/readyz", app.base))
            .await
            .unwrap()
            .status(),
        200
    );
    let text = reqwest::get(format!("{}/metrics", app.base))
        .await
        .unwrap()
        .text()
        .await
        .unwrap();
    for metric in [
        "keydesk_http_requests_total",
        "keydesk_http_request_duration_seconds",
        "keydesk_logins_total",
    ] {
        assert!(text.contains(metric), "{metric} in {text}");
    }
    app.mails().await;
    let text = reqwest::get(format!("{}/metrics", app.base))
        .await
        .unwrap()
        .text()
        .await
        .unwrap();
    assert!(text.contains("keydesk_job_queue_depth"));
    assert!(text.contains("route=\"/login\""), "routes, not raw paths");
}

#[tokio::test]
async fn admin_reads_the_outbox() {
    let app = TestApp::spawn().await;
    let state = &app.running.state;
    keydesk::features::accounts::service::create_by_operator(
        state,
        "root@example.com",
        PASSWORD,
        keydesk_domain::identity::role::Role::Admin,
    )
    .await
    .unwrap();
    app.enrolled_customer("cust@example.com").await;
    app.mails().await;
    let b = app.browser();
    b.post(
        "/login",
        &[("email", "root@example.com"), ("password", PASSWORD)],
    )
    .await;
    let secret = b.get("/2fa/enroll").await.secret();
    b.post("/2fa/enroll", &[("code", &app.code(&secret))])
        .await
        .assert_ok();
    let page = b.get("/admin/outbox").await;
    page.assert_ok();
    assert!(page.body.contains("cust@example.com"));
    let first = page.attr("#outbox a", "href").unwrap();
    let mail = b.get(&first).await;
    mail.assert_ok();
    assert!(mail.text("#mail-text").is_some());
}

/// A bearer client is no browser: no CSRF cookie is issued to it. A cookie-less API
/// call (a browser's script before it has one) still gets it.
#[tokio::test]
async fn bearer_clients_get_no_csrf_cookie() {
    let app = TestApp::spawn().await;
    let client = reqwest::Client::new();
    let url = format!("{}/api/v1/me", app.base);
    let with_bearer = client
        .get(&url)
        .bearer_auth("1.AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA")
        .send()
        .await
        .unwrap();
    assert_eq!(with_bearer.status(), 401);
    assert!(with_bearer.headers().get("set-cookie").is_none());
    let without = client.get(&url).send().await.unwrap();
    assert_eq!(without.status(), 401);
    assert!(without
        .headers()
        .get("set-cookie")
        .and_then(|v| v.to_str().ok())
        .is_some_and(|c| c.starts_with("kd_csrf=")));
}

/// Signs in with the password and a code of `secret`; true if it reached the account.
async fn signs_in_with_code(app: &TestApp, email: &str, secret: &TotpSecret) -> bool {
    let b = app.browser();
    let page = b
        .post("/login", &[("email", email), ("password", PASSWORD)])
        .await;
    assert_eq!(page.url, "/login/2fa");
    b.post("/login/2fa", &[("code", &app.code(secret))])
        .await
        .url
        == "/account"
}

#[tokio::test]
async fn the_encryption_key_rotates_without_anyone_enrolling_again() {
    use keydesk::keys;
    use std::os::unix::fs::PermissionsExt;
    let first = TestApp::spawn().await;
    let email = "rotate@example.com";
    let (_, secret, _) = first.enrolled_customer(email).await;
    first.running.stop();
    let dir = first.dir.path().to_path_buf();
    let key_before = std::fs::read_to_string(dir.join("secret.key")).unwrap();

    // A configured key is rotated in the configuration, not here.
    let configured = keydesk::config::Settings {
        data_dir: dir.clone(),
        security: keydesk::config::SecuritySettings {
            encryption_key: Some(keys::generate_hex().as_str().to_owned().into()),
            ..Default::default()
        },
        ..Default::default()
    };
    let err = keys::rotate_key_file(&configured)
        .err()
        .unwrap()
        .to_string();
    assert!(err.contains("security.encryption_key"), "{err}");

    let settings = keydesk::config::Settings {
        data_dir: dir.clone(),
        ..Default::default()
    };
    let rotated = keys::rotate_key_file(&settings).unwrap();
    assert_ne!(rotated.old, rotated.new);
    let key_after = std::fs::read_to_string(dir.join("secret.key")).unwrap();
    assert_ne!(key_after, key_before);
    let retired = std::fs::read_to_string(dir.join("secret.key.retired")).unwrap();
    assert_eq!(retired.trim(), key_before.trim());
    for file in ["secret.key", "secret.key.retired"] {
        let mode = std::fs::metadata(dir.join(file))
            .unwrap()
            .permissions()
            .mode();
        assert_eq!(mode & 0o777, 0o600, "{file}");
    }

    // Restarted on the new key: the secret sealed under the old one still opens.
    let second = TestApp::spawn_with(|s| s.data_dir = dir.clone()).await;
    assert_eq!(second.running.state.secrets.primary_key_id(), rotated.new);
    second.clock.advance(30);
    assert!(signs_in_with_code(&second, email, &secret).await);
    let report = keydesk::features::twofactor::service::reseal_secrets(&second.running.state)
        .await
        .unwrap();
    assert_eq!((report.resealed, report.current), (1, 0), "{report:?}");
    assert!(report.unreadable.is_empty());
    let again = keydesk::features::twofactor::service::reseal_secrets(&second.running.state)
        .await
        .unwrap();
    assert_eq!((again.resealed, again.current), (0, 1), "{again:?}");
    second.running.stop();

    // Without the old key at all, the re-sealed secret opens.
    std::fs::remove_file(dir.join("secret.key.retired")).unwrap();
    let third = TestApp::spawn_with(|s| s.data_dir = dir.clone()).await;
    assert!(third.running.state.secrets.retired_key_ids().is_empty());
    third.clock.advance(60);
    assert!(signs_in_with_code(&third, email, &secret).await);
}

#[tokio::test]
async fn a_running_server_follows_a_rotated_key_file() {
    use keydesk::keys;
    let app = TestApp::spawn().await;
    let email = "follow@example.com";
    let (_, secret, _) = app.enrolled_customer(email).await;
    let old = app.running.state.secrets.primary_key_id();

    // The operator rotates and re-seals from the command line while the server runs.
    let settings = keydesk::config::Settings {
        data_dir: app.dir.path().to_path_buf(),
        ..Default::default()
    };
    let rotated = keys::rotate_key_file(&settings).unwrap();
    assert_ne!(rotated.new, old);

    // A customer who enrolls right after the rotation gets a secret under the new key:
    // the server noticed the new key file before sealing.
    let (_, later, _) = app.enrolled_customer("later@example.com").await;
    assert_eq!(app.running.state.secrets.primary_key_id(), rotated.new);
    let cli = keydesk::startup::build_state(settings, app.clock.clone())
        .await
        .unwrap();
    let mut tx = cli.store.read().await.unwrap();
    let account = tx
        .account_by_email("later@example.com")
        .await
        .unwrap()
        .unwrap();
    let factor = tx
        .factor(account.id, keydesk_store::models::FactorStatus::Active)
        .await
        .unwrap()
        .unwrap();
    assert!(cli.secrets.is_current(&factor.secret_enc));
    drop(tx);

    // The operator re-seals from the command line while the server runs; the server
    // opens the re-sealed secret and signs the customer in.
    let report = keydesk::features::twofactor::service::reseal_secrets(&cli)
        .await
        .unwrap();
    assert_eq!((report.resealed, report.current), (1, 1), "{report:?}");
    app.next_step();
    assert!(signs_in_with_code(&app, email, &secret).await);

    // Rotated and re-sealed again with nothing sealed in between: the server first
    // meets the newest key in a secret it must open, and reads the key files then.
    let again = keys::rotate_key_file(&cli.settings).unwrap();
    let cli = keydesk::startup::build_state((*cli.settings).clone(), app.clock.clone())
        .await
        .unwrap();
    let report = keydesk::features::twofactor::service::reseal_secrets(&cli)
        .await
        .unwrap();
    assert_eq!(report.resealed, 2, "{report:?}");
    assert_eq!(app.running.state.secrets.primary_key_id(), rotated.new);
    app.next_step();
    assert!(signs_in_with_code(&app, email, &secret).await);
    assert_eq!(app.running.state.secrets.primary_key_id(), again.new);

    // So the old keys can go, and a restart finds everything it needs.
    std::fs::remove_file(app.dir.path().join("secret.key.retired")).unwrap();
    app.running.stop();
    let dir = app.dir.path().to_path_buf();
    let restarted = TestApp::spawn_with(|s| s.data_dir = dir).await;
    restarted.clock.advance(150);
    assert!(signs_in_with_code(&restarted, email, &secret).await);
    assert!(signs_in_with_code(&restarted, "later@example.com", &later).await);
}

/// Several instances share one key file (a mounted secret): it must exist (no instance
/// may make up a key of its own), and when it is rotated, an instance that has not
/// noticed yet opens what the others sealed under the new key.
#[tokio::test]
async fn instances_sharing_a_key_file_follow_its_rotation() {
    use keydesk::keys;
    use std::os::unix::fs::PermissionsExt;
    let secrets_dir = tempfile::tempdir().unwrap();
    let key_file = secrets_dir.path().join("keydesk.key");
    let data_dir = tempfile::tempdir().unwrap();
    let settings = keydesk::config::Settings {
        data_dir: data_dir.path().to_path_buf(),
        security: keydesk::config::SecuritySettings {
            encryption_key_file: Some(key_file.clone()),
            ..Default::default()
        },
        ..Default::default()
    };
    let clock = std::sync::Arc::new(keydesk::clock::OffsetClock::default());
    let missing = keydesk::startup::build_state(settings.clone(), clock.clone())
        .await
        .err()
        .expect("a missing key file stops start-up");
    assert!(
        format!("{missing:#}").contains("security.encryption_key_file"),
        "{missing:#}"
    );
    assert!(!key_file.exists() && !data_dir.path().join("secret.key").exists());

    // The error names the command that makes the file; it never overwrites a key.
    assert!(format!("{missing:#}").contains("keys generate --out"));
    let generate = || {
        std::process::Command::new(env!("CARGO_BIN_EXE_keydesk"))
            .args(["keys", "generate", "--out"])
            .arg(&key_file)
            .output()
            .unwrap()
    };
    let made = generate();
    assert!(made.status.success(), "{made:?}");
    let mode = std::fs::metadata(&key_file).unwrap().permissions().mode();
    assert_eq!(mode & 0o777, 0o600);
    let before = std::fs::read(&key_file).unwrap();
    assert!(!generate().status.success());
    assert_eq!(std::fs::read(&key_file).unwrap(), before);
    let configured = settings.clone();
    let app = TestApp::spawn_with(move |s| {
        s.data_dir = configured.data_dir;
        s.security = configured.security;
    })
    .await;
    let other = keydesk::startup::build_state(settings.clone(), app.clock.clone())
        .await
        .unwrap();
    let (_, secret, _) = app.enrolled_customer("first@example.com").await;
    let old = app.running.state.secrets.primary_key_id();
    assert_eq!(other.secrets.primary_key_id(), old);
    assert!(!data_dir.path().join("secret.key").exists());

    let rotated = keys::rotate_key_file(&settings).unwrap();
    assert_eq!(rotated.key_file, key_file);
    assert_eq!(
        rotated.retired_file,
        secrets_dir.path().join("keydesk.key.retired")
    );
    let (_, later, _) = app.enrolled_customer("later@example.com").await;
    assert_eq!(app.running.state.secrets.primary_key_id(), rotated.new);

    // The other instance still holds the old key only; re-sealing makes it open the
    // secret sealed under the new one.
    assert_eq!(other.secrets.primary_key_id(), old);
    let report = keydesk::features::twofactor::service::reseal_secrets(&other)
        .await
        .unwrap();
    assert_eq!((report.resealed, report.current), (1, 1), "{report:?}");
    assert_eq!(other.secrets.primary_key_id(), rotated.new);
    app.next_step();
    assert!(signs_in_with_code(&app, "first@example.com", &secret).await);
    assert!(signs_in_with_code(&app, "later@example.com", &later).await);
}

/// A bearer token for an enrolled customer: password, then a fresh code.
async fn api_token(app: &TestApp, email: &str, secret: &TotpSecret) -> String {
    let (s, body) = call(
        app,
        Method::POST,
        "/api/v1/sessions",
        None,
        Some(json!({"email": email, "password": PASSWORD})),
    )
    .await;
    assert_eq!(s, 201, "{body}");
    let pending = body["token"].as_str().unwrap().to_owned();
    app.next_step();
    let (s, body) = call(
        app,
        Method::POST,
        "/api/v1/sessions/current/second-factor",
        Some(&pending),
        Some(json!({"code": app.code(secret)})),
    )
    .await;
    assert_eq!(s, 200, "{body}");
    body["token"].as_str().unwrap().to_owned()
}

#[tokio::test]
async fn one_session_can_be_ended_and_only_ones_own() {
    let app = TestApp::spawn().await;
    let (alice, alice_secret, _) = app.enrolled_customer("alice@example.com").await;
    let (bob, _, _) = app.enrolled_customer("bob@example.com").await;
    let session_id = |b: &Browser| {
        let cookie = b.cookie("kd_session").unwrap();
        cookie.split_once('.').unwrap().0.to_owned()
    };
    let bob_id = session_id(&bob);

    // Alice's phone (an API client) and her browser; the account page lists both.
    let phone = api_token(&app, "alice@example.com", &alice_secret).await;
    let phone_id = phone.split_once('.').unwrap().0.to_owned();
    let page = alice.get("/account").await;
    assert!(page.body.contains(&format!("end-session-{phone_id}")));
    assert!(!page.body.contains(&format!("end-session-{bob_id}")));
    // Each named by its client, the header itself kept for a closer look.
    assert!(
        page.all_text("td[title=keydesk-tests]")
            .contains(&"keydesk-tests".to_owned()),
        "{}",
        page.body
    );
    let (s, body) = call(&app, Method::GET, "/api/v1/sessions", Some(&phone), None).await;
    assert_eq!(s, 200, "{body}");
    let listed: Vec<(String, bool)> = body["sessions"]
        .as_array()
        .unwrap()
        .iter()
        .map(|s| (s["id"].to_string(), s["current"].as_bool().unwrap()))
        .collect();
    assert_eq!(listed.len(), 2, "{body}");
    assert!(listed.contains(&(phone_id.clone(), true)));
    assert!(
        body["sessions"]
            .as_array()
            .unwrap()
            .iter()
            .any(|s| s["device"]["browser"] == "keydesk-tests"),
        "{body}"
    );

    // Someone else's session, a made-up one, or no number at all: not found, and
    // nothing ends.
    for path in [
        format!("/account/sessions/{bob_id}/end"),
        "/account/sessions/42/end".to_owned(),
        "/account/sessions/abc/end".to_owned(),
    ] {
        assert_eq!(alice.post(&path, &[]).await.status, 404, "{path}");
    }
    for id in [bob_id.as_str(), "42", "abc"] {
        let (s, body) = call(
            &app,
            Method::DELETE,
            &format!("/api/v1/sessions/{id}"),
            Some(&phone),
            None,
        )
        .await;
        assert_eq!(
            (s, body["error"]["code"].as_str()),
            (404, Some("not_found")),
            "{id}"
        );
    }
    assert_eq!(bob.get("/account").await.url, "/account");
    // Without the form's CSRF token, nothing happens either.
    let forged = alice
        .post_without_csrf(&format!("/account/sessions/{phone_id}/end"), &[])
        .await;
    assert_eq!(forged.status, 403);
    let (s, _) = call(&app, Method::GET, "/api/v1/sessions", Some(&phone), None).await;
    assert_eq!(s, 200);

    // Alice ends the phone's session from her browser: the phone is signed out, the
    // browser is not, and the audit trail says so.
    let done = alice
        .post(&format!("/account/sessions/{phone_id}/end"), &[])
        .await;
    assert_eq!(done.url, "/account");
    let (s, _) = call(&app, Method::GET, "/api/v1/sessions", Some(&phone), None).await;
    assert_eq!(s, 401);
    assert!(app
        .audit_kinds("alice@example.com")
        .await
        .contains(&"session_ended".to_owned()));
    assert!(
        done.body.contains("One session logged out"),
        "{}",
        done.body
    );

    // Ending the browser's own session is a log out.
    let own = session_id(&alice);
    let out = alice
        .post(&format!("/account/sessions/{own}/end"), &[])
        .await;
    assert_eq!(out.url, "/login");
    assert_eq!(alice.get("/account").await.url, "/login");
    assert_eq!(bob.get("/account").await.url, "/account");
}
