//! Two-factor authentication: new recovery codes, turning it off (as the policy
//! allows), and its secrets at rest. Enrolling and moving to a new phone are the
//! journeys J1 and J2 (`journeys`).
use crate::helpers::*;

async fn regenerate_codes_needs_a_current_code_and_disable_follows_policy(backend: Backend) {
    let app = TestApp::spawn_with(backend, |s| {
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

async fn disabling_is_refused_under_the_mandatory_policy(backend: Backend) {
    let app = TestApp::spawn(backend).await;
    let (b, secret, _) = app.enrolled_customer("ken@example.com").await;
    // The page says why not and offers no form to fill in vain.
    let page = b.get("/2fa/disable").await;
    page.assert_ok();
    assert!(page
        .text("#not-allowed")
        .unwrap()
        .contains("Move to a new phone"));
    assert!(page.attr("form[action='/2fa/disable']", "action").is_none());
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
        b.log_in("ken@example.com", PASSWORD).await.url,
        "/login/2fa"
    );
}

/// A database dump holds no TOTP secret and no recovery code.
async fn database_holds_no_secret_in_the_clear(backend: Backend) {
    let app = TestApp::spawn(backend).await;
    let (_, secret, codes) = app.enrolled_customer("dump@example.com").await;
    // Every byte the database holds: the SQLite file (with its WAL), or every row of
    // every PostgreSQL table as text.
    let bytes = app.database_dump().await;
    let hay = String::from_utf8_lossy(&bytes).to_uppercase();
    assert!(!hay.contains(&secret.to_base32()), "base32 secret found");
    assert!(
        !bytes.windows(20).any(|w| w == secret.as_bytes()),
        "raw secret found"
    );
    assert!(
        !hay.contains(&hex::encode_upper(secret.as_bytes())),
        "hex secret found"
    );
    assert!(
        hay.contains("DUMP@EXAMPLE.COM"),
        "the dump holds the account"
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

on_both_backends!(
    regenerate_codes_needs_a_current_code_and_disable_follows_policy,
    disabling_is_refused_under_the_mandatory_policy,
    database_holds_no_secret_in_the_clear,
);
