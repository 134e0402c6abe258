//! J1 and J2 over HTTP against the real application, and the same journey through the
//! JSON API.
use crate::helpers::*;
use keydesk_domain::twofactor::totp::TotpSecret;
use serde_json::{json, Value};

/// J1: sign up → forced 2FA enrollment with backup → log out → log in with a code.
async fn j1_sign_up_enroll_and_log_in_with_a_code(backend: Backend) {
    let app = TestApp::spawn(backend).await;
    let b = app.browser();
    let email = "hanako@example.com";

    let page = b
        .post("/signup", &[("email", email), ("password", PASSWORD)])
        .await;
    page.assert_ok();
    assert!(page.text("#message").is_some());
    let verify = app.mails_to(email).await;
    assert_eq!(verify.len(), 1, "a verification mail");

    // Mandatory 2FA: after the password, only enrollment (and log out) is reachable.
    let page = b.log_in(email, PASSWORD).await;
    assert_eq!(page.url, "/2fa/enroll");
    for path in [
        "/account",
        "/account/events",
        "/account/password",
        "/2fa/recovery-codes",
    ] {
        assert_eq!(b.get(path).await.url, "/2fa/enroll", "{path}");
    }
    let api = b
        .client
        .get(format!("{}/api/v1/me/security-events", app.base))
        .bearer_auth("x")
        .send()
        .await
        .unwrap();
    assert_eq!(api.status(), 401);

    // The page shows a QR code, the secret for manual entry and the backup warning.
    let page = b.get("/2fa/enroll").await;
    assert!(page
        .attr("#qr", "src")
        .unwrap()
        .starts_with("data:image/png;base64,"));
    let secret = page.secret();
    assert_eq!(secret.as_bytes().len(), 20, "160-bit secret");
    // A reload shows the same secret: a phone that scanned it keeps working.
    assert_eq!(
        b.get("/2fa/enroll").await.secret().as_bytes(),
        secret.as_bytes()
    );

    // A wrong code does not activate anything.
    let wrong = b.confirm_enrollment("000000").await;
    assert_eq!(wrong.status, 401);
    assert!(wrong.form_error().is_some());
    assert_eq!(b.get("/account").await.url, "/2fa/enroll");

    let enrollment_code = app.code(&secret);
    let done = b.confirm_enrollment(&enrollment_code).await;
    done.assert_ok();
    let codes = done.all_text("#recovery-codes code");
    assert_eq!(codes.len(), 10);
    assert!(codes.iter().all(|c| c.len() == 19));
    let download = done.attr("#download", "href").unwrap();
    assert!(download.starts_with("data:text/plain"));
    assert_eq!(
        done.attr("#download", "download").as_deref(),
        Some("keydesk-recovery-codes.txt")
    );

    let account = b.get("/account").await;
    assert_eq!(account.url, "/account");
    assert!(account.text("#codes-remaining").unwrap().contains("10"));
    assert!(
        app.mails_to(email)
            .await
            .iter()
            .any(|m| m.subject.starts_with("Two-factor authentication is now on")),
        "a factor-added mail"
    );

    b.post("/logout", &[]).await;
    assert_eq!(b.get("/account").await.url, "/login");

    let page = b.log_in(email, PASSWORD).await;
    assert_eq!(page.url, "/login/2fa");
    // RFC 6238 §5.2: the enrollment code's step was used; it cannot log in.
    let replay = b.second_factor(&enrollment_code).await;
    assert_eq!(replay.status, 401);
    assert!(replay.body.contains("already"), "{}", replay.body);
    app.next_step();
    let page = b.second_factor(&app.code(&secret)).await;
    assert_eq!(page.url, "/account");
    let kinds = app.audit_kinds(email).await;
    for k in [
        "sign_up",
        "login_password",
        "totp_enrolled",
        "login_second_factor_failed",
        "login_second_factor",
        "logout",
    ] {
        assert!(kinds.iter().any(|x| x == k), "{k} in {kinds:?}");
    }
}

/// J2: a new phone, proving the old one with a current code.
async fn j2_move_to_a_new_phone_with_a_code(backend: Backend) {
    let app = TestApp::spawn(backend).await;
    let email = "taro@example.com";
    let (b, old, _) = app.enrolled_customer(email).await;
    app.next_step();

    let page = b.get("/2fa/enroll").await;
    page.assert_ok();
    assert!(
        page.body.contains("old_code"),
        "moving asks for the old factor"
    );
    let new = page.secret();
    assert_ne!(new.as_bytes(), old.as_bytes());

    // Without proof of the old phone, nothing moves.
    let refused = b
        .post(
            "/2fa/enroll",
            &[("code", &app.code(&new)), ("old_code", "")],
        )
        .await;
    assert_eq!(refused.status, 409);
    let refused = b
        .post(
            "/2fa/enroll",
            &[("code", &app.code(&new)), ("old_code", "123456")],
        )
        .await;
    assert_eq!(refused.status, 401);

    app.next_step();
    let moved = b
        .post(
            "/2fa/enroll",
            &[("code", &app.code(&new)), ("old_code", &app.code(&old))],
        )
        .await;
    moved.assert_ok();
    assert_eq!(moved.all_text("#recovery-codes code").len(), 10);
    assert!(app
        .audit_kinds(email)
        .await
        .contains(&"totp_moved".to_owned()));

    // The old phone no longer signs in; the new one does.
    b.post("/logout", &[]).await;
    app.next_step();
    b.log_in(email, PASSWORD).await;
    assert_eq!(b.second_factor(&app.code(&old)).await.status, 401);
    assert_eq!(b.second_factor(&app.code(&new)).await.url, "/account");
}

/// J2 without the old phone's code: a recovery code proves it; it is single use and
/// the owner is told by mail.
async fn j2_move_with_a_recovery_code_and_recovery_login(backend: Backend) {
    let app = TestApp::spawn(backend).await;
    let email = "alice@example.com";
    let (b, _old, codes) = app.enrolled_customer(email).await;

    // Log in with a recovery code instead of a TOTP code.
    b.post("/logout", &[]).await;
    b.log_in(email, PASSWORD).await;
    let page = b.second_factor(&codes[0].to_lowercase()).await;
    assert_eq!(page.url, "/account");
    assert!(page.text("#codes-remaining").unwrap().contains('9'));
    // The phone may be gone: the account page says to move now.
    let notice = page.text("p.warning").unwrap_or_default();
    assert!(notice.contains("Move to a new phone"), "{notice}");
    let mails = app.mails_to(email).await;
    assert!(
        mails
            .iter()
            .any(|m| m.body_text.contains('9') && m.subject.to_lowercase().contains("recovery")),
        "recovery-code mail"
    );

    // The same code never works twice.
    b.post("/logout", &[]).await;
    b.log_in(email, PASSWORD).await;
    assert_eq!(b.second_factor(&codes[0]).await.status, 401);
    assert_eq!(b.second_factor(&codes[1]).await.url, "/account");

    // Move with a recovery code as proof. A wrong new code first: it says which field
    // was wrong, keeps the recovery code typed, and spends nothing.
    let page = b.get("/2fa/enroll").await;
    assert_eq!(page.text("#submit").as_deref(), Some("Move"));
    assert!(
        page.text("#codes-replaced").is_some(),
        "the codes will be replaced"
    );
    let new = page.secret();
    app.next_step();
    let before = app.mails_to(email).await.len();
    let wrong_new = b
        .post(
            "/2fa/enroll",
            &[("code", "000000"), ("old_code", &codes[2])],
        )
        .await;
    assert_eq!(wrong_new.status, 401);
    assert_eq!(
        wrong_new.attr("#code", "aria-invalid").as_deref(),
        Some("true")
    );
    assert_eq!(
        wrong_new.attr("#old_code", "value").as_deref(),
        Some(codes[2].as_str())
    );
    let wrong_old = b
        .post(
            "/2fa/enroll",
            &[("code", &app.code(&new)), ("old_code", "000000")],
        )
        .await;
    assert_eq!(wrong_old.status, 401);
    assert_eq!(
        wrong_old.attr("#old_code", "aria-invalid").as_deref(),
        Some("true")
    );
    assert_eq!(wrong_old.attr("#code", "aria-invalid"), None);
    let kinds = app.audit_kinds(email).await;
    assert!(
        kinds.contains(&"confirmation_code_failed".to_owned()),
        "{kinds:?}"
    );
    app.next_step();
    let moved = b
        .post(
            "/2fa/enroll",
            &[("code", &app.code(&new)), ("old_code", &codes[2])],
        )
        .await;
    moved.assert_ok();
    assert_eq!(
        moved.all_text("#recovery-codes code").len(),
        10,
        "a fresh set after the move"
    );
    // One mail for the move, which says the codes were replaced; none that the code
    // was used "to log in".
    let mails = app.mails_to(email).await;
    assert_eq!(
        mails.len(),
        before + 1,
        "{:?}",
        mails.iter().map(|m| &m.subject).collect::<Vec<_>>()
    );
    assert!(
        mails[0].subject.contains("moved to a new phone"),
        "{}",
        mails[0].subject
    );
    // The downloaded file says whose codes they are.
    let download = moved.attr("#download", "href").unwrap_or_default();
    let encoded = download.split("base64,").nth(1).unwrap_or_default();
    use base64::Engine;
    let file = base64::engine::general_purpose::STANDARD
        .decode(encoded)
        .unwrap();
    let file = String::from_utf8(file).unwrap();
    assert!(file.contains(email) && file.contains("keydesk"), "{file}");
}

async fn api_journey_with_stable_error_codes(backend: Backend) {
    let app = TestApp::spawn(backend).await;
    // The journey replays the enrollment's code at login: on a running clock, a 30-second
    // boundary between the two makes that code fresh (this failed once in CI).
    app.clock.freeze();
    let email = "api@example.com";
    let anonymous = app.api();
    let sign_up = |password: &str| json!({"email": email, "password": password});
    let r = anonymous.post("/api/v1/accounts", sign_up("123")).await;
    assert_eq!(r.status, 422);
    anonymous
        .post("/api/v1/accounts", sign_up(PASSWORD))
        .await
        .expect(202);
    let r = anonymous
        .post("/api/v1/sessions", sign_up("wrong password!"))
        .await;
    assert_eq!(r.error(), (401, "credentials_invalid"));
    assert!(!r.body["error"]["message"].as_str().unwrap().is_empty());
    let r = anonymous.post("/api/v1/sessions", sign_up(PASSWORD)).await;
    assert_eq!((r.status, r.str("stage")), (201, "enroll"));
    let token = r.str("token").to_owned();

    let enrolling = app.api_as(&token);
    let r = enrolling.get("/api/v1/me/security-events").await;
    assert_eq!(r.error(), (401, "enrollment_required"));
    let r = enrolling.post_empty("/api/v1/totp/enrollment").await;
    r.expect(200);
    let secret = TotpSecret::from_bytes(
        data_encoding::BASE32_NOPAD
            .decode(r.str("secret").as_bytes())
            .unwrap(),
    )
    .unwrap();
    let confirm = "/api/v1/totp/enrollment/confirm";
    let r = enrolling.post(confirm, json!({"code": "000000"})).await;
    assert_eq!(r.error(), (401, "code_invalid"));
    let r = enrolling
        .post(confirm, json!({"code": app.code(&secret)}))
        .await;
    r.expect(200);
    assert_eq!(r.body["recovery_codes"].as_array().unwrap().len(), 10);
    let rotated = r.str("token").to_owned();
    let r = enrolling.get("/api/v1/me").await;
    assert_eq!(r.status, 401, "the old token died with the rotation");
    let me = app.api_as(&rotated).get("/api/v1/me").await;
    assert_eq!(
        (
            me.status,
            me.str("email"),
            me.body["two_factor_active"].as_bool()
        ),
        (200, email, Some(true))
    );

    // Log in again: password, then the second factor.
    let r = anonymous.post("/api/v1/sessions", sign_up(PASSWORD)).await;
    assert_eq!(r.str("stage"), "second_factor");
    let t2 = r.str("token").to_owned();
    let halfway = app.api_as(&t2);
    let r = halfway.get("/api/v1/me/security-events").await;
    assert_eq!(r.error(), (401, "second_factor_required"));
    let second_factor = "/api/v1/sessions/current/second-factor";
    let r = halfway
        .post(second_factor, json!({"code": app.code(&secret)}))
        .await;
    assert_eq!(r.error(), (401, "code_replayed"));
    app.next_step();
    let r = halfway
        .post(second_factor, json!({"code": app.code(&secret)}))
        .await;
    r.expect(200);
    let t3 = r.str("token").to_owned();
    let complete = app.api_as(&t3);
    let r = complete.get("/api/v1/me/security-events").await;
    r.expect(200);
    assert!(r.body["events"]
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
    let r = anonymous.get("/api/v1/nope").await;
    assert_eq!(r.error(), (404, "not_found"));
    complete
        .delete("/api/v1/sessions/current")
        .await
        .expect(204);
    assert_eq!(complete.get("/api/v1/me").await.status, 401);
}

on_both_backends!(
    j1_sign_up_enroll_and_log_in_with_a_code,
    j2_move_to_a_new_phone_with_a_code,
    j2_move_with_a_recovery_code_and_recovery_login,
    api_journey_with_stable_error_codes,
);
