//! Every bad input gets its clear error and changes nothing.
#![allow(clippy::unwrap_used, clippy::expect_used)]
mod common;
use common::*;

#[tokio::test]
async fn weak_passwords_and_bad_emails_are_refused_and_create_nothing() {
    let app = TestApp::spawn().await;
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
    let mut tx = app.running.state.store.read().await.unwrap();
    assert!(tx.list_accounts(10).await.unwrap().is_empty());
    drop(tx);
    assert!(app.mails().await.is_empty());
}

#[tokio::test]
async fn japanese_errors_for_japanese_browsers() {
    let app = TestApp::spawn().await;
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

#[tokio::test]
async fn forms_without_csrf_token_are_refused_and_change_nothing() {
    let app = TestApp::spawn().await;
    let b = app.browser();
    b.get("/signup").await;
    let page = b
        .post_without_csrf(
            "/signup",
            &[("email", "x@example.com"), ("password", PASSWORD)],
        )
        .await;
    assert_eq!(page.status, 403);
    let page = b
        .post_without_csrf(
            "/signup",
            &[
                ("csrf", "forged-token-forged-token-forged-token-abcd"),
                ("email", "x@example.com"),
                ("password", PASSWORD),
            ],
        )
        .await;
    assert_eq!(page.status, 403);
    assert!(app
        .running
        .state
        .store
        .read()
        .await
        .unwrap()
        .account_by_email("x@example.com")
        .await
        .unwrap()
        .is_none());

    // A signed-in customer's session cannot be used by a forged form either.
    let (b, _, _) = app.enrolled_customer("y@example.com").await;
    let page = b.post_without_csrf("/account/logout-everywhere", &[]).await;
    assert_eq!(page.status, 403);
    assert_eq!(b.get("/account").await.url, "/account", "still signed in");
    // Cross-site requests are refused even with a token (Fetch Metadata).
    let csrf = b.cookie("kd_csrf").unwrap();
    let r = b
        .client
        .post(format!("{}/account/logout-everywhere", app.base))
        .header("sec-fetch-site", "cross-site")
        .form(&[("csrf", csrf.as_str())])
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), 403);
}

#[tokio::test]
async fn wrong_and_replayed_codes() {
    let app = TestApp::spawn().await;
    let email = "replay@example.com";
    let (b, secret, _) = app.enrolled_customer(email).await;
    b.post("/logout", &[]).await;
    app.next_step();
    b.post("/login", &[("email", email), ("password", PASSWORD)])
        .await;
    let page = b.post("/login/2fa", &[("code", "12345")]).await;
    assert_eq!(page.status, 422, "malformed");
    let page = b.post("/login/2fa", &[("code", "000000")]).await;
    assert_eq!(page.status, 401);
    let code = app.code(&secret);
    assert_eq!(
        b.post("/login/2fa", &[("code", &code)]).await.url,
        "/account"
    );
    // The same code, from another browser in the same 30 seconds: refused.
    let other = app.browser();
    other
        .post("/login", &[("email", email), ("password", PASSWORD)])
        .await;
    let page = other.post("/login/2fa", &[("code", &code)]).await;
    assert_eq!(page.status, 401);
    assert!(page.form_error().unwrap().contains("already"));
    assert_eq!(
        other.get("/account").await.url,
        "/login/2fa",
        "not signed in"
    );
}

#[tokio::test]
async fn wrong_passwords_are_generic_and_unknown_accounts_look_the_same() {
    let app = TestApp::spawn().await;
    app.enrolled_customer("known@example.com").await;
    let b = app.browser();
    let known = b
        .post(
            "/login",
            &[
                ("email", "known@example.com"),
                ("password", "wrong password 1"),
            ],
        )
        .await;
    let unknown = b
        .post(
            "/login",
            &[
                ("email", "nobody@example.com"),
                ("password", "wrong password 1"),
            ],
        )
        .await;
    assert_eq!(
        (known.status, unknown.status),
        (
            reqwest::StatusCode::UNAUTHORIZED,
            reqwest::StatusCode::UNAUTHORIZED
        )
    );
    assert_eq!(known.form_error(), unknown.form_error());
    // Signing up with a taken address answers the same, and mails the owner instead.
    let page = b
        .post(
            "/signup",
            &[("email", "known@example.com"), ("password", PASSWORD)],
        )
        .await;
    page.assert_ok();
    assert!(app
        .mails_to("known@example.com")
        .await
        .iter()
        .any(|m| m.subject.contains("Someone tried")));
}

#[tokio::test]
async fn throttling_delays_then_locks_and_tells_the_owner() {
    let app = TestApp::spawn().await;
    // The first delay is one second: no real second may pass unnoticed.
    app.clock.freeze();
    let email = "target@example.com";
    let (b, secret, _) = app.enrolled_customer(email).await;
    b.post("/logout", &[]).await;
    b.post("/login", &[("email", email), ("password", PASSWORD)])
        .await;
    for i in 1..=5 {
        assert_eq!(
            b.post("/login/2fa", &[("code", "000000")]).await.status,
            401,
            "failure {i}"
        );
    }
    assert_eq!(
        b.post("/login/2fa", &[("code", "000000")]).await.status,
        401,
        "6th still checked"
    );
    let page = b.post("/login/2fa", &[("code", &app.code(&secret))]).await;
    assert_eq!(page.status, 429, "a growing delay after 5 failures");
    // Wait out each delay; the 10th failure locks.
    for _ in 7..=10 {
        app.clock.advance(61);
        b.post("/login/2fa", &[("code", "000000")]).await;
    }
    app.clock.advance(61);
    app.next_step();
    let page = b.post("/login/2fa", &[("code", &app.code(&secret))]).await;
    assert_eq!(page.status, 429, "locked: even a right code is refused");
    assert!(page.form_error().unwrap().contains("minutes"));
    assert!(app
        .mails_to(email)
        .await
        .iter()
        .any(|m| m.subject.contains("locked")));
    assert!(app.audit_kinds(email).await.contains(&"locked".to_owned()));
    // After the lock, the right code works and the run of failures is forgotten.
    app.clock.advance(15 * 60);
    app.next_step();
    b.post("/login", &[("email", email), ("password", PASSWORD)])
        .await;
    assert_eq!(
        b.post("/login/2fa", &[("code", &app.code(&secret))])
            .await
            .url,
        "/account"
    );
}

/// A code is checked inside the transaction that holds the buckets: a wrong one is
/// counted against the account and the address, a right one ends the account's run
/// (and only that: the address keeps its count, or a guesser could clear it by
/// signing in to an account of their own now and then).
#[tokio::test]
async fn codes_count_in_both_buckets_and_a_success_clears_only_the_account() {
    let app = TestApp::spawn().await;
    let email = "buckets@example.com";
    let (b, secret, _) = app.enrolled_customer(email).await;
    b.post("/logout", &[]).await;
    b.post("/login", &[("email", email), ("password", PASSWORD)])
        .await;
    for _ in 0..2 {
        assert_eq!(
            b.post("/login/2fa", &[("code", "000000")]).await.status,
            401
        );
    }
    // Reading a bucket locks it: a write transaction (dropped, so nothing is written).
    let buckets = || async {
        let mut tx = app.running.state.store.begin().await.unwrap();
        let id = tx.account_by_email(email).await.unwrap().unwrap().id;
        tx.throttles_for_update(
            &[&format!("account:{id}:second_factor"), "address:127.0.0.1"],
            app.now(),
        )
        .await
        .unwrap()
        .iter()
        .map(|s| s.failures)
        .collect::<Vec<_>>()
    };
    assert_eq!(buckets().await, [2, 2]);
    app.next_step();
    let page = b.post("/login/2fa", &[("code", &app.code(&secret))]).await;
    assert_eq!(page.url, "/account");
    assert_eq!(buckets().await, [0, 2]);
}

/// Behind a trusted proxy every request comes from the proxy's address: the client is
/// the one the proxy names, for the address bucket and the audit trail alike. A client
/// talking to keydesk directly cannot pick its address by sending the header.
#[tokio::test]
async fn a_trusted_proxy_names_the_client_address() {
    let app =
        TestApp::spawn_with(|s| s.trusted_proxies = vec!["127.0.0.1/32".parse().unwrap()]).await;
    let email = "proxied@example.com";
    app.enrolled_customer(email).await;
    let client = reqwest::Client::new();
    for (forwarded, n) in [("198.51.100.7", 3), ("203.0.113.9", 1)] {
        for _ in 0..n {
            let r = client
                .post(format!("{}/api/v1/sessions", app.base))
                .header("x-forwarded-for", format!("1.1.1.1, {forwarded}"))
                .json(&serde_json::json!({"email": email, "password": "not the password"}))
                .send()
                .await
                .unwrap();
            assert_eq!(r.status(), 401);
        }
    }
    // Reading a bucket locks it: a write transaction (dropped, so nothing is written).
    let mut tx = app.running.state.store.begin().await.unwrap();
    let failures = tx
        .throttles_for_update(
            &[
                "address:198.51.100.7",
                "address:203.0.113.9",
                "address:127.0.0.1",
                "address:1.1.1.1",
            ],
            app.now(),
        )
        .await
        .unwrap()
        .iter()
        .map(|s| s.failures)
        .collect::<Vec<_>>();
    assert_eq!(failures, [3, 1, 0, 0]);
    let a = tx.account_by_email(email).await.unwrap().unwrap();
    let ips: Vec<_> = tx
        .audit_of_account(a.id, 10)
        .await
        .unwrap()
        .into_iter()
        .filter(|e| e.kind.as_str() == "login_password_failed")
        .filter_map(|e| e.ip)
        .collect();
    assert_eq!(ips.len(), 4);
    assert!(
        ips.iter()
            .all(|ip| ip == "198.51.100.7" || ip == "203.0.113.9"),
        "{ips:?}"
    );
}

#[tokio::test]
async fn recovery_code_guesses_count_towards_the_limit() {
    let app = TestApp::spawn().await;
    let email = "guess@example.com";
    let (b, _, _) = app.enrolled_customer(email).await;
    b.post("/logout", &[]).await;
    b.post("/login", &[("email", email), ("password", PASSWORD)])
        .await;
    // The clock stands still, so the first delay (one second, after the 6th failure)
    // turns the 7th guess away.
    app.clock.freeze();
    let mut checked = 0;
    let mut refused = false;
    for _ in 0..12 {
        match b
            .post("/login/2fa", &[("code", "AAAA-BBBB-CCCC-DDDD")])
            .await
            .status
            .as_u16()
        {
            401 => checked += 1,
            429 => {
                refused = true;
                break;
            }
            other => panic!("unexpected status {other}"),
        }
    }
    assert!(refused, "guesses were never throttled");
    assert_eq!(checked, 6, "guesses checked before the limit");
}

#[tokio::test]
async fn email_links_are_single_use_and_expire() {
    let app = TestApp::spawn().await;
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
    let mail = app
        .mails_to(email)
        .await
        .into_iter()
        .find(|m| m.body_text.contains("/password/reset"))
        .unwrap();
    let token = link_in(&mail).split("token=").nth(1).unwrap().to_owned();
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
    assert_eq!(
        b.post("/login", &[("email", email), ("password", PASSWORD)])
            .await
            .url,
        "/2fa/enroll"
    );
}

#[tokio::test]
async fn password_reset_ends_sessions_and_still_needs_the_second_factor() {
    let app = TestApp::spawn().await;
    let email = "reset@example.com";
    let (signed_in, secret, _) = app.enrolled_customer(email).await;
    let b = app.browser();
    b.post("/password/forgot", &[("email", email)])
        .await
        .assert_ok();
    b.post("/password/forgot", &[("email", "unknown@example.com")])
        .await
        .assert_ok();
    let mail = app
        .mails_to(email)
        .await
        .into_iter()
        .find(|m| m.body_text.contains("/password/reset"))
        .unwrap();
    let token = link_in(&mail).split("token=").nth(1).unwrap().to_owned();
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
    assert_eq!(
        b.post("/login", &[("email", email), ("password", PASSWORD)])
            .await
            .status,
        401
    );
    assert_eq!(
        b.post(
            "/login",
            &[("email", email), ("password", "a brand new passphrase")]
        )
        .await
        .url,
        "/login/2fa"
    );
    app.next_step();
    assert_eq!(
        b.post("/login/2fa", &[("code", &app.code(&secret))])
            .await
            .url,
        "/account"
    );
}

#[tokio::test]
async fn change_password_needs_the_current_one_and_ends_other_sessions() {
    let app = TestApp::spawn().await;
    let email = "change@example.com";
    let (b, secret, _) = app.enrolled_customer(email).await;
    let other = app.browser();
    other
        .post("/login", &[("email", email), ("password", PASSWORD)])
        .await;
    app.next_step();
    assert_eq!(
        other
            .post("/login/2fa", &[("code", &app.code(&secret))])
            .await
            .url,
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

#[tokio::test]
async fn one_account_never_reaches_another() {
    let app = TestApp::spawn().await;
    let (alice, _, _) = app.enrolled_customer("alice@example.com").await;
    let (bob, _, _) = app.enrolled_customer("bob@example.com").await;
    // Customers cannot read the outbox, which holds everyone's mails.
    assert_eq!(alice.get("/admin/outbox").await.status, 403);
    assert_eq!(alice.get("/admin/outbox/1").await.status, 403);
    // Each sees only their own events and sessions.
    let events = alice.get("/account/events").await;
    assert!(!events.body.contains("bob@"));
    // Logging out everywhere ends only one's own sessions.
    alice.post("/account/logout-everywhere", &[]).await;
    assert_eq!(alice.get("/account").await.url, "/login");
    assert_eq!(bob.get("/account").await.url, "/account");
    // A stolen-looking cookie value is just not a session.
    let stranger = app.browser();
    let url = app.base.parse().unwrap();
    stranger.jar.add_cookie_str(
        "kd_session=AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA",
        &url,
    );
    assert_eq!(stranger.get("/account").await.url, "/login");
    // A token names its session by id; the secret must be that session's own: Bob's
    // session id with another (even a valid) session's secret is nobody.
    let (carol, _, _) = app.enrolled_customer("carol@example.com").await;
    let carols = carol.cookie("kd_session").unwrap();
    let bobs = bob.cookie("kd_session").unwrap();
    let (bob_id, _) = bobs.split_once('.').unwrap();
    let (carol_id, carol_secret) = carols.split_once('.').unwrap();
    // Ids are not counted: Carol's session, made right after Bob's, is not the next
    // number, so a token does not tell how many sessions came before it.
    let (b, c): (i64, i64) = (bob_id.parse().unwrap(), carol_id.parse().unwrap());
    assert!(
        (b - c).abs() > 1_000,
        "session ids {b} and {c} look counted"
    );
    for forged in [
        format!("{bob_id}.{carol_secret}"),
        format!("{bob_id}.AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA"),
        format!("0{bobs}"),
    ] {
        let stranger = app.browser();
        stranger
            .jar
            .add_cookie_str(&format!("kd_session={forged}"), &url);
        assert_eq!(stranger.get("/account").await.url, "/login", "{forged}");
    }
    assert_eq!(bob.get("/account").await.url, "/account");
    assert_eq!(carol.get("/account").await.url, "/account");
}

#[tokio::test]
async fn cookies_and_headers_are_strict() {
    let app = TestApp::spawn().await;
    let r = reqwest::get(format!("{}/login", app.base)).await.unwrap();
    let csp = r
        .headers()
        .get("content-security-policy")
        .unwrap()
        .to_str()
        .unwrap()
        .to_owned();
    assert!(
        csp.contains("default-src 'none'")
            && csp.contains("script-src 'self'")
            && !csp.contains("unsafe-inline")
    );
    let cookie = r
        .headers()
        .get("set-cookie")
        .unwrap()
        .to_str()
        .unwrap()
        .to_owned();
    assert!(cookie.contains("HttpOnly") && cookie.contains("SameSite=Lax"));
    assert!(!cookie.contains("Secure"), "plain http on loopback");

    let app =
        TestApp::spawn_with(|s| s.public_url = Some("https://security.example.com".into())).await;
    let r = reqwest::get(format!("{}/login", app.base)).await.unwrap();
    let cookie = r
        .headers()
        .get("set-cookie")
        .unwrap()
        .to_str()
        .unwrap()
        .to_owned();
    assert!(
        cookie.starts_with("__Host-kd_csrf=") && cookie.contains("; Secure"),
        "{cookie}"
    );
}

/// Password spraying from one address: signing in to one's own account in between does
/// not clear the address's failures.
#[tokio::test]
async fn a_success_does_not_whitewash_an_addresss_failures() {
    let app = TestApp::spawn().await;
    // The address's first delay is one second: no real second may pass unnoticed.
    app.clock.freeze();
    let b = app.browser();
    b.post(
        "/signup",
        &[("email", "mine@example.com"), ("password", PASSWORD)],
    )
    .await;
    for i in 0..20 {
        let email = format!("victim{i}@example.com");
        assert_eq!(
            b.post(
                "/login",
                &[("email", &email), ("password", "guess guess guess")]
            )
            .await
            .status,
            401
        );
    }
    let own = app.browser();
    assert_eq!(
        own.post(
            "/login",
            &[("email", "mine@example.com"), ("password", PASSWORD)]
        )
        .await
        .url,
        "/2fa/enroll"
    );
    assert_eq!(
        b.post(
            "/login",
            &[
                ("email", "victim20@example.com"),
                ("password", "guess guess guess")
            ]
        )
        .await
        .status,
        401
    );
    assert_eq!(
        b.post(
            "/login",
            &[
                ("email", "victim21@example.com"),
                ("password", "guess guess guess")
            ]
        )
        .await
        .status,
        429
    );
}

/// The sign-up and password-reset forms send mails: one address cannot make keydesk
/// flood a mailbox with them.
#[tokio::test]
async fn mail_sending_forms_are_throttled_per_address() {
    let app = TestApp::spawn().await;
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
        b.post(
            "/login",
            &[
                ("email", "nobody@example.com"),
                ("password", "wrong password")
            ]
        )
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
