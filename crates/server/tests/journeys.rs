//! J1 and J2 over HTTP against the real application.
#![allow(clippy::unwrap_used, clippy::expect_used)]
mod common;
use common::*;

/// J1: sign up → forced 2FA enrollment with backup → log out → log in with a code.
#[tokio::test]
async fn j1_sign_up_enroll_and_log_in_with_a_code() {
    let app = TestApp::spawn().await;
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
    let page = b
        .post("/login", &[("email", email), ("password", PASSWORD)])
        .await;
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
    let wrong = b.post("/2fa/enroll", &[("code", "000000")]).await;
    assert_eq!(wrong.status, 401);
    assert!(wrong.form_error().is_some());
    assert_eq!(b.get("/account").await.url, "/2fa/enroll");

    let enrollment_code = app.code(&secret);
    let done = b.post("/2fa/enroll", &[("code", &enrollment_code)]).await;
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

    let page = b
        .post("/login", &[("email", email), ("password", PASSWORD)])
        .await;
    assert_eq!(page.url, "/login/2fa");
    // RFC 6238 §5.2: the enrollment code's step was used; it cannot log in.
    let replay = b.post("/login/2fa", &[("code", &enrollment_code)]).await;
    assert_eq!(replay.status, 401);
    assert!(replay.body.contains("already"), "{}", replay.body);
    app.next_step();
    let page = b.post("/login/2fa", &[("code", &app.code(&secret))]).await;
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
#[tokio::test]
async fn j2_move_to_a_new_phone_with_a_code() {
    let app = TestApp::spawn().await;
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
    b.post("/login", &[("email", email), ("password", PASSWORD)])
        .await;
    assert_eq!(
        b.post("/login/2fa", &[("code", &app.code(&old))])
            .await
            .status,
        401
    );
    assert_eq!(
        b.post("/login/2fa", &[("code", &app.code(&new))]).await.url,
        "/account"
    );
}

/// J2 without the old phone's code: a recovery code proves it; it is single use and
/// the owner is told by mail.
#[tokio::test]
async fn j2_move_with_a_recovery_code_and_recovery_login() {
    let app = TestApp::spawn().await;
    let email = "alice@example.com";
    let (b, _old, codes) = app.enrolled_customer(email).await;

    // Log in with a recovery code instead of a TOTP code.
    b.post("/logout", &[]).await;
    b.post("/login", &[("email", email), ("password", PASSWORD)])
        .await;
    let page = b
        .post("/login/2fa", &[("code", &codes[0].to_lowercase())])
        .await;
    assert_eq!(page.url, "/account");
    assert!(page.text("#codes-remaining").unwrap().contains('9'));
    let mails = app.mails_to(email).await;
    assert!(
        mails
            .iter()
            .any(|m| m.body_text.contains('9') && m.subject.to_lowercase().contains("recovery")),
        "recovery-code mail"
    );

    // The same code never works twice.
    b.post("/logout", &[]).await;
    b.post("/login", &[("email", email), ("password", PASSWORD)])
        .await;
    assert_eq!(
        b.post("/login/2fa", &[("code", &codes[0])]).await.status,
        401
    );
    assert_eq!(
        b.post("/login/2fa", &[("code", &codes[1])]).await.url,
        "/account"
    );

    // Move with a recovery code as proof.
    let new = b.get("/2fa/enroll").await.secret();
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
}

#[tokio::test]
async fn regenerate_codes_needs_a_current_code_and_disable_follows_policy() {
    let app = TestApp::spawn_with(|s| {
        s.security.mfa_mandatory = false;
        s.security.allow_disable_2fa = true;
    })
    .await;
    let email = "jiro@example.com";
    let (b, secret, old_codes) = app.enrolled_customer(email).await;
    app.next_step();
    assert_eq!(
        b.post("/2fa/recovery-codes", &[("code", &old_codes[0])])
            .await
            .status,
        422,
        "a recovery code is not a current code"
    );
    let page = b
        .post("/2fa/recovery-codes", &[("code", &app.code(&secret))])
        .await;
    page.assert_ok();
    let new_codes = page.all_text("#recovery-codes code");
    assert_eq!(new_codes.len(), 10);
    assert!(new_codes.iter().all(|c| !old_codes.contains(c)));

    app.next_step();
    let page = b
        .post("/2fa/disable", &[("code", &app.code(&secret))])
        .await;
    assert_eq!(page.url, "/account");
    assert!(page.text("#codes-remaining").is_none(), "2FA is off");
    assert!(app
        .audit_kinds(email)
        .await
        .contains(&"totp_removed".to_owned()));
    assert!(app.mails_to(email).await.len() >= 3);
}

#[tokio::test]
async fn disabling_is_refused_under_the_mandatory_policy() {
    let app = TestApp::spawn().await;
    let (b, secret, _) = app.enrolled_customer("ken@example.com").await;
    app.next_step();
    let page = b
        .post("/2fa/disable", &[("code", &app.code(&secret))])
        .await;
    assert_eq!(page.status, 403);
    assert!(
        b.get("/account").await.text("#codes-remaining").is_some(),
        "2FA still active"
    );
    app.next_step();
    // Still active: a login needs the code.
    b.post("/logout", &[]).await;
    assert_eq!(
        b.post(
            "/login",
            &[("email", "ken@example.com"), ("password", PASSWORD)]
        )
        .await
        .url,
        "/login/2fa"
    );
}
