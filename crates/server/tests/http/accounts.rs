//! Accounts: sign-up, the e-mail address's verification, a forgotten password's reset,
//! changing the password, and the mails these send.
use crate::helpers::*;

/// The token of the password-reset link last mailed to the address.
async fn reset_token(app: &TestApp, email: &str) -> String {
    let mail = app
        .mails_to(email)
        .await
        .into_iter()
        .rfind(|m| m.body_text.contains("/password/reset"))
        .unwrap();
    link_in(&mail).split("token=").nth(1).unwrap().to_owned()
}

async fn email_links_are_single_use_and_expire(backend: Backend) {
    let app = TestApp::spawn(backend).await;
    let b = app.browser();
    let email = "links@example.com";
    b.post("/signup", &[("email", email), ("password", PASSWORD)])
        .await;
    let link = link_in(&app.mails_to(email).await[0]);
    let token = link.split("token=").nth(1).unwrap().to_owned();
    // Opening the link only shows a button: mail scanners do not use it up.
    b.get(&format!("/email/verify?token={token}"))
        .await
        .assert_ok();
    let page = b.post("/email/verify", &[("token", &token)]).await;
    page.assert_ok();
    let again = b.post("/email/verify", &[("token", &token)]).await;
    assert_eq!(again.status, 410);
    assert!(again.text("#message").unwrap().contains("already"));
    let bogus = b.post("/email/verify", &[("token", "nonsense")]).await;
    assert_eq!(bogus.status, 410);

    // Password reset: one hour.
    b.post("/password/forgot", &[("email", email)])
        .await
        .assert_ok();
    let token = reset_token(&app, email).await;
    app.clock.advance(3601);
    let page = b
        .post(
            "/password/reset",
            &[("token", &token), ("password", "a brand new passphrase")],
        )
        .await;
    assert_eq!(page.status, 410);
    assert!(page.text("#message").unwrap().contains("expired"));
    // The old password still works: nothing changed.
    assert_eq!(b.log_in(email, PASSWORD).await.url, "/2fa/enroll");
}

async fn password_reset_ends_sessions_and_still_needs_the_second_factor(backend: Backend) {
    let app = TestApp::spawn(backend).await;
    let email = "reset@example.com";
    let (signed_in, secret, _) = app.enrolled_customer(email).await;
    let b = app.browser();
    b.post("/password/forgot", &[("email", email)])
        .await
        .assert_ok();
    b.post("/password/forgot", &[("email", "unknown@example.com")])
        .await
        .assert_ok();
    let token = reset_token(&app, email).await;
    let weak = b
        .post(
            "/password/reset",
            &[("token", &token), ("password", "short")],
        )
        .await;
    assert_eq!(weak.status, 422, "a weak password keeps the link usable");
    b.post(
        "/password/reset",
        &[("token", &token), ("password", "a brand new passphrase")],
    )
    .await
    .assert_ok();
    assert_eq!(
        signed_in.get("/account").await.url,
        "/login",
        "every session ended"
    );
    assert_eq!(b.log_in(email, PASSWORD).await.status, 401);
    assert_eq!(
        b.log_in(email, "a brand new passphrase").await.url,
        "/login/2fa"
    );
    app.next_step();
    assert_eq!(b.second_factor(&app.code(&secret)).await.url, "/account");
}

async fn change_password_needs_the_current_one_and_ends_other_sessions(backend: Backend) {
    let app = TestApp::spawn(backend).await;
    let email = "change@example.com";
    let (b, secret, _) = app.enrolled_customer(email).await;
    let other = app.browser();
    other.log_in(email, PASSWORD).await;
    app.next_step();
    assert_eq!(
        other.second_factor(&app.code(&secret)).await.url,
        "/account"
    );

    let page = b
        .post(
            "/account/password",
            &[
                ("current_password", "not my password"),
                ("password", "another fine passphrase"),
            ],
        )
        .await;
    assert_eq!(page.status, 401);
    let page = b
        .post(
            "/account/password",
            &[
                ("current_password", PASSWORD),
                ("password", "another fine passphrase"),
            ],
        )
        .await;
    page.assert_ok();
    assert_eq!(
        b.get("/account").await.url,
        "/account",
        "this session goes on (rotated)"
    );
    assert_eq!(
        other.get("/account").await.url,
        "/login",
        "the other session ended"
    );
    assert!(app
        .mails_to(email)
        .await
        .iter()
        .any(|m| m.subject.contains("password was changed")));
}

/// The sign-up and password-reset forms send mails: one address cannot make keydesk
/// flood a mailbox with them.
async fn mail_sending_forms_are_throttled_per_address(backend: Backend) {
    let app = TestApp::spawn(backend).await;
    let b = app.browser();
    for _ in 0..10 {
        b.post("/password/forgot", &[("email", "someone@example.com")])
            .await
            .assert_ok();
    }
    let page = b
        .post("/password/forgot", &[("email", "someone@example.com")])
        .await;
    page.assert_ok();
    let page = b
        .post(
            "/signup",
            &[("email", "someone@example.com"), ("password", PASSWORD)],
        )
        .await;
    assert_eq!(page.status, 429, "{}", page.body);
    // Logins from the same address are not affected: mail requests are not guesses.
    assert_eq!(
        b.log_in("nobody@example.com", "wrong password")
            .await
            .status,
        401
    );
    app.clock.advance(3601);
    b.post(
        "/signup",
        &[("email", "someone@example.com"), ("password", PASSWORD)],
    )
    .await
    .assert_ok();
}

/// The language switch comes back to the page it was sent from: only one of this
/// application's own paths, as a browser would read it. A header-splitting target
/// (`/\r\n…`) was a 500 after the language had been changed, and `/\t/evil.example` a
/// redirect a browser follows to evil.example.
async fn the_language_switch_redirects_only_to_own_paths(backend: Backend) {
    let app = TestApp::spawn(backend).await;
    let (signed_in, _, _) = app.enrolled_customer("lang@example.com").await;
    let csrf = signed_in.csrf().await;
    let csrf_cookie = signed_in.cookie("kd_csrf").unwrap();
    let session = signed_in.cookie("kd_session").unwrap();
    let client = reqwest::Client::builder()
        .redirect(reqwest::redirect::Policy::none())
        .build()
        .unwrap();
    for (back, expected) in [
        ("/account?tab=1", "/account?tab=1"),
        ("/\r\nSet-Cookie: x=1", "/"),
        ("/\t/evil.example", "/"),
        ("//evil.example", "/"),
        ("/\\evil.example", "/"),
        ("https://evil.example/", "/"),
    ] {
        let r = client
            .post(format!("{}/language", app.base))
            .header(
                "cookie",
                format!("kd_csrf={csrf_cookie}; kd_session={session}"),
            )
            .form(&[("csrf", csrf.as_str()), ("lang", "ja"), ("back", back)])
            .send()
            .await
            .unwrap();
        assert_eq!(r.status(), 303, "{back:?}");
        assert_eq!(r.headers()["location"], expected, "{back:?}");
        assert!(
            r.headers()
                .get_all("set-cookie")
                .iter()
                .all(|c| !c.to_str().unwrap().starts_with("x=")),
            "{back:?}"
        );
    }
    // The setting was changed each time, and once only per request.
    assert!(app
        .audit_kinds("lang@example.com")
        .await
        .contains(&"language_changed".to_owned()));
}

/// A security notice says when, from which device and which address, in the reader's
/// time zone and language, so the owner can tell their own change from someone else's.
async fn security_mails_say_when_and_from_where(backend: Backend) {
    let app = TestApp::spawn(backend).await;
    for (email, lang, when) in [
        ("notice-en@example.com", "en", " UTC"),
        ("notice-ja@example.com", "ja", "（日本時間）"),
    ] {
        let b = Browser::new(&app.base, lang);
        b.post("/signup", &[("email", email), ("password", PASSWORD)])
            .await
            .assert_ok();
        b.log_in(email, PASSWORD).await;
        let secret = b.get("/2fa/enroll").await.secret();
        b.confirm_enrollment(&app.code(&secret)).await.assert_ok();
        let mails = app.mails_to(email).await;
        // The verification mail is no notice; the one that 2FA was turned on is.
        assert_eq!(mails.len(), 2);
        let notice = mails
            .iter()
            .find(|m| !m.body_text.contains("/email/verify"))
            .unwrap();
        let text = &notice.body_text;
        assert!(text.contains(when), "{lang}: {text}");
        assert!(text.contains("127.0.0.1"), "{lang}: {text}");
        assert!(
            text.contains("keydesk-tests") || text.contains("不明") || text.contains("nknown"),
            "{lang}: {text}"
        );
        assert!(!text.contains("{ $"), "no unfilled placeable: {text}");
    }
}

on_both_backends!(
    security_mails_say_when_and_from_where,
    email_links_are_single_use_and_expire,
    password_reset_ends_sessions_and_still_needs_the_second_factor,
    change_password_needs_the_current_one_and_ends_other_sessions,
    mail_sending_forms_are_throttled_per_address,
    the_language_switch_redirects_only_to_own_paths,
);

async fn the_account_page_says_what_the_customer_can_do_and_why_not(backend: Backend) {
    use keydesk_domain::capability::hold::{Hold, HoldOrigin, HoldScope};
    use keydesk_domain::capability::tier::Tier;
    let app = TestApp::spawn(backend).await;
    let (b, _, _) = app.enrolled_customer("able@example.com").await;
    let page = b.get("/account").await;
    assert_eq!(
        page.text("#capability-log_in").as_deref(),
        Some("Log in: yes.")
    );
    assert_eq!(
        page.text("#capability-withdraw").as_deref(),
        Some("Withdraw: not yet: it needs Basic (personal details) verification.")
    );
    let account = app
        .read()
        .await
        .account_by_email("able@example.com")
        .await
        .unwrap()
        .unwrap();
    let now = app.now();
    let mut tx = app.running.state.store.begin().await.unwrap();
    tx.set_tier(account.id, Tier::Basic).await.unwrap();
    tx.insert_hold(
        account.id,
        &Hold {
            scope: HoldScope::Withdraw,
            reason: "twofactor_reset".into(),
            origin: HoldOrigin::System,
            starts_at: now - 60,
            ends_at: Some(now + 3600),
        },
        now,
    )
    .await
    .unwrap();
    tx.commit().await.unwrap();
    // The tier is read with the session's account: a new page shows it.
    let page = b.get("/account").await;
    assert_eq!(
        page.text("#capability-trade").as_deref(),
        Some("Trade: yes.")
    );
    assert!(page
        .text("#capability-withdraw")
        .unwrap()
        .starts_with("Withdraw: on hold until"));
    b.post("/language", &[("lang", "ja"), ("back", "/account")])
        .await;
    let page = b.get("/account").await;
    assert!(page
        .text("#capability-withdraw")
        .unwrap()
        .starts_with("出金: アカウント保護のため、"));
}

on_both_backends!(the_account_page_says_what_the_customer_can_do_and_why_not);
