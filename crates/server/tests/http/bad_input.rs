//! How a refusal looks wherever it happens: a clear error, in the customer's language,
//! the form keeping what was typed, and nothing changed. Refusals particular to one
//! feature are tested with it.
use crate::helpers::*;

async fn weak_passwords_and_bad_emails_are_refused_and_create_nothing(backend: Backend) {
    let app = TestApp::spawn(backend).await;
    let b = app.browser();
    for (email, password, code) in [
        ("a@example.com", "short", "at least 10"),
        ("a@example.com", "password1234", "common"),
        ("a@example.com", "qwertyuiop", "common"),
        ("not-an-email", PASSWORD, "email"),
        ("", PASSWORD, "email"),
    ] {
        let page = b
            .post("/signup", &[("email", email), ("password", password)])
            .await;
        assert_eq!(page.status, 422, "{email} {password}");
        let err = page.form_error().unwrap();
        assert!(err.to_lowercase().contains(code), "{err}");
        assert_eq!(
            page.attr("#email", "value").as_deref(),
            Some(email),
            "the form keeps what was typed"
        );
    }
    let mut tx = app.read().await;
    assert!(tx.list_accounts(10).await.unwrap().is_empty());
    drop(tx);
    assert!(app.mails().await.is_empty());
}

/// A Japanese customer reads times in Japan's time, written the Japanese way; an English
/// one in UTC, named.
async fn times_are_shown_in_the_readers_zone(backend: Backend) {
    let app = TestApp::spawn(backend).await;
    let (b, _, _) = app.enrolled_customer("jikan@example.com").await;
    let page = b.get("/account/events").await;
    page.assert_ok();
    assert!(page.body.contains(" UTC"), "{}", page.body);
    b.post("/language", &[("lang", "ja"), ("back", "/account/events")])
        .await;
    let page = b.get("/account/events").await;
    assert!(page.body.contains("（日本時間）"), "{}", page.body);
    assert!(!page.body.contains(" UTC"), "{}", page.body);
}

async fn japanese_errors_for_japanese_browsers(backend: Backend) {
    let app = TestApp::spawn(backend).await;
    let b = Browser::new(&app.base, "ja-JP,ja;q=0.9");
    let page = b
        .post(
            "/signup",
            &[("email", "a@example.com"), ("password", "short")],
        )
        .await;
    assert_eq!(page.status, 422);
    let err = page.form_error().unwrap();
    assert!(
        err.chars().any(|c| ('\u{3040}'..='\u{30ff}').contains(&c)),
        "{err}"
    );
    assert!(page.body.contains("<html lang=\"ja\">"));
}

/// A method a route does not take, and a path no route takes, answer in the error format
/// of where they were sent: the API's JSON (with `Allow` for a 405), or a page in the
/// customer's language. (A 405 was an empty body, an unknown page raw JSON.)
async fn unrouted_requests_answer_in_the_right_format(backend: Backend) {
    let app = TestApp::spawn(backend).await;
    let client = reqwest::Client::new();
    let r = client
        .put(format!("{}/api/v1/me", app.base))
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), 405);
    assert!(r.headers()["allow"].to_str().unwrap().contains("GET"));
    let body: serde_json::Value = r.json().await.unwrap();
    assert_eq!(body["error"]["code"], "method_not_allowed");
    let r = client
        .get(format!("{}/api/v1/nothing-here", app.base))
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), 404);
    let body: serde_json::Value = r.json().await.unwrap();
    assert_eq!(body["error"]["code"], "not_found");
    for (path, lang, expected) in [
        ("/nothing-here", "ja", "ページが見つかりませんでした"),
        ("/nothing-here", "en", "We could not find this page"),
    ] {
        let r = client
            .get(format!("{}{path}", app.base))
            .header("accept-language", lang)
            .send()
            .await
            .unwrap();
        assert_eq!(r.status(), 404);
        assert!(r.headers()["content-type"]
            .to_str()
            .unwrap()
            .starts_with("text/html"));
        assert!(r.text().await.unwrap().contains(expected), "{lang}");
    }
    // A page route taking only POST, asked with GET (an unsafe method without a CSRF
    // token is refused before routing).
    let r = client
        .get(format!("{}/logout", app.base))
        .header("accept-language", "ja")
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), 405);
    assert!(r.headers().contains_key("allow"));
    assert!(r
        .text()
        .await
        .unwrap()
        .contains("この方法では利用できません"));
}

/// The API takes exactly the fields it documents, in an object: an unknown field (a
/// typo, or a probe for a hidden one) and an array in place of the object are refused
/// with a 422 that names what was wrong, and nothing is created; the schemas say so.
async fn api_bodies_are_objects_of_known_fields(backend: Backend) {
    let app = TestApp::spawn(backend).await;
    let api = app.api();
    let r = api
        .post(
            "/api/v1/accounts",
            serde_json::json!({"email": "x@example.com", "password": PASSWORD, "role": "admin"}),
        )
        .await;
    assert_eq!(r.error(), (422, "bad_request"));
    assert!(r.message().contains("role"), "{}", r.body);
    let r = api
        .post(
            "/api/v1/accounts",
            serde_json::json!(["x@example.com", PASSWORD]),
        )
        .await;
    assert_eq!(r.error(), (422, "bad_request"));
    assert!(r.message().contains("object"), "{}", r.body);
    let mut tx = app.read().await;
    assert!(tx.list_accounts(10).await.unwrap().is_empty());
    drop(tx);

    let doc = api.get("/api/v1/openapi.json").await.body;
    let schemas = doc["components"]["schemas"].as_object().unwrap();
    for name in ["Credentials", "AuthenticatorCode", "EmailAddress"] {
        let schema = schemas
            .get(name)
            .unwrap_or_else(|| panic!("{name} in {schemas:?}"));
        assert_eq!(schema["additionalProperties"], false, "{name}: {schema}");
    }

    // A page's form keeps working with its CSRF field, and one it cannot read gets the
    // error page in the customer's language, not plain text.
    let b = Browser::new(&app.base, "ja");
    let page = b.post("/login", &[("password", PASSWORD)]).await;
    assert_eq!(page.status, 422);
    assert!(page.body.contains("<html lang=\"ja\""), "{}", page.body);
}

/// What the extractors refuse is in the API's error format with the right status: a
/// body that is not JSON (415), one over the limit (413); and a lock says when to retry.
async fn refused_bodies_and_locks_answer_in_the_error_format(backend: Backend) {
    let app = TestApp::spawn(backend).await;
    let client = reqwest::Client::new();
    let url = format!("{}/api/v1/sessions", app.base);
    let r = client
        .post(&url)
        .header("content-type", "text/plain")
        .body(r#"{"email":"a@example.com","password":"x"}"#)
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), 415);
    let body: serde_json::Value = r.json().await.unwrap();
    assert_eq!(body["error"]["code"], "unsupported_media_type");
    let r = client
        .post(&url)
        .header("content-type", "application/json")
        .body(format!(r#"{{"email":"{}"}}"#, "a".repeat(400_000)))
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), 413);
    let body: serde_json::Value = r.json().await.unwrap();
    assert_eq!(body["error"]["code"], "payload_too_large");

    app.enrolled_customer("locked@example.com").await;
    let wrong = serde_json::json!({"email": "locked@example.com", "password": "wrong password!"});
    let mut last = None;
    for _ in 0..8 {
        let r = client.post(&url).json(&wrong).send().await.unwrap();
        if r.status() == 429 {
            last = Some(r);
            break;
        }
    }
    let r = last.expect("the account locks");
    let retry: i64 = r.headers()["retry-after"]
        .to_str()
        .unwrap()
        .parse()
        .unwrap();
    assert!(retry > 0 && retry <= 15 * 60, "{retry}");
    let body: serde_json::Value = r.json().await.unwrap();
    assert!(["locked", "throttled"].contains(&body["error"]["code"].as_str().unwrap()));
}

/// A customer chooses their own time zone: pages and security mails follow it, with
/// its daylight-saving rules; an unknown zone is refused and changes nothing.
async fn a_customer_chooses_their_time_zone(backend: Backend) {
    let app = TestApp::spawn(backend).await;
    let email = "zone@example.com";
    let (b, _, _) = app.enrolled_customer(email).await;
    let page = b.get("/account").await;
    assert!(page
        .all_text("#time_zone option")
        .iter()
        .any(|o| o.contains("New York")));
    let refused = b
        .post("/account/time-zone", &[("time_zone", "Mars/Olympus")])
        .await;
    assert_eq!(refused.status, 422);
    b.post("/account/time-zone", &[("time_zone", "America/New_York")])
        .await
        .assert_ok();
    let page = b.get("/account/events").await;
    assert!(
        page.body.contains(" EST") || page.body.contains(" EDT"),
        "{}",
        page.body
    );
    assert!(!page.body.contains(" UTC"), "{}", page.body);
    assert!(app
        .audit_kinds(email)
        .await
        .contains(&"time_zone_changed".to_owned()));
    // A security notice is written in it too.
    b.post(
        "/account/password",
        &[
            ("current_password", PASSWORD),
            ("password", "a brand new passphrase"),
        ],
    )
    .await
    .assert_ok();
    let notice = app.mails_to(email).await.into_iter().next().unwrap();
    assert!(
        notice.body_text.contains(" EST") || notice.body_text.contains(" EDT"),
        "{}",
        notice.body_text
    );
    // Back to the language's zone.
    b.post("/account/time-zone", &[("time_zone", "")])
        .await
        .assert_ok();
    assert!(b.get("/account/events").await.body.contains(" UTC"));
}

on_both_backends!(
    a_customer_chooses_their_time_zone,
    times_are_shown_in_the_readers_zone,
    refused_bodies_and_locks_answer_in_the_error_format,
    api_bodies_are_objects_of_known_fields,
    weak_passwords_and_bad_emails_are_refused_and_create_nothing,
    japanese_errors_for_japanese_browsers,
    unrouted_requests_answer_in_the_right_format,
);
