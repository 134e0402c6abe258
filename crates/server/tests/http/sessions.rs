//! Sessions: the password step, the second-factor step and their throttling, logging
//! out, and the list of one's sessions, each of which can be ended.
use crate::helpers::*;
use keydesk_domain::twofactor::totp::TotpSecret;
use serde_json::json;

/// A bearer token for an enrolled customer: password, then a fresh code.
async fn api_token(app: &TestApp, email: &str, secret: &TotpSecret) -> String {
    let login = json!({"email": email, "password": PASSWORD});
    let r = app.api().post("/api/v1/sessions", login).await;
    let pending = r.expect(201).str("token").to_owned();
    app.next_step();
    let r = app
        .api_as(&pending)
        .post(
            "/api/v1/sessions/current/second-factor",
            json!({"code": app.code(secret)}),
        )
        .await;
    r.expect(200).str("token").to_owned()
}

async fn wrong_passwords_are_generic_and_unknown_accounts_look_the_same(backend: Backend) {
    let app = TestApp::spawn(backend).await;
    app.enrolled_customer("known@example.com").await;
    let b = app.browser();
    let known = b.log_in("known@example.com", "wrong password 1").await;
    let unknown = b.log_in("nobody@example.com", "wrong password 1").await;
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

async fn wrong_and_replayed_codes(backend: Backend) {
    let app = TestApp::spawn(backend).await;
    let email = "replay@example.com";
    let (b, secret, _) = app.enrolled_customer(email).await;
    b.post("/logout", &[]).await;
    app.next_step();
    b.log_in(email, PASSWORD).await;
    let page = b.second_factor("12345").await;
    assert_eq!(page.status, 422, "malformed");
    let page = b.second_factor("000000").await;
    assert_eq!(page.status, 401);
    let code = app.code(&secret);
    assert_eq!(b.second_factor(&code).await.url, "/account");
    // The same code, from another browser in the same 30 seconds: refused.
    let other = app.browser();
    other.log_in(email, PASSWORD).await;
    let page = other.second_factor(&code).await;
    assert_eq!(page.status, 401);
    assert!(page.form_error().unwrap().contains("already"));
    assert_eq!(
        other.get("/account").await.url,
        "/login/2fa",
        "not signed in"
    );
}

async fn throttling_delays_then_locks_and_tells_the_owner(backend: Backend) {
    let app = TestApp::spawn(backend).await;
    // The first delay is one second: no real second may pass unnoticed.
    app.clock.freeze();
    let email = "target@example.com";
    let (b, secret, _) = app.enrolled_customer(email).await;
    b.post("/logout", &[]).await;
    b.log_in(email, PASSWORD).await;
    for i in 1..=5 {
        assert_eq!(b.second_factor("000000").await.status, 401, "failure {i}");
    }
    assert_eq!(
        b.second_factor("000000").await.status,
        401,
        "6th still checked"
    );
    let page = b.second_factor(&app.code(&secret)).await;
    assert_eq!(page.status, 429, "a growing delay after 5 failures");
    // Wait out each delay; the 10th failure locks.
    for _ in 7..=10 {
        app.clock.advance(61);
        b.second_factor("000000").await;
    }
    app.clock.advance(61);
    app.next_step();
    let page = b.second_factor(&app.code(&secret)).await;
    assert_eq!(page.status, 429, "locked: even a right code is refused");
    let said = page.form_error().unwrap();
    assert!(said.contains("minutes, until"), "{said}");
    assert!(
        page.html()
            .select(&scraper::Selector::parse("fieldset[disabled] #code").unwrap())
            .next()
            .is_some(),
        "the form is disabled while locked"
    );
    // The mail says the password was right, and what to do; when, from where.
    let mails = app.mails_to(email).await;
    let lock = mails.iter().find(|m| m.subject.contains("locked")).unwrap();
    assert!(
        lock.subject.contains("password was used"),
        "{}",
        lock.subject
    );
    assert!(
        lock.body_text.contains("Change your password"),
        "{}",
        lock.body_text
    );
    assert!(
        lock.body_text.contains("127.0.0.1") && lock.body_text.contains("UTC"),
        "{}",
        lock.body_text
    );
    assert!(app.audit_kinds(email).await.contains(&"locked".to_owned()));
    // After the lock, the right code works and the run of failures is forgotten.
    app.clock.advance(15 * 60);
    app.next_step();
    b.log_in(email, PASSWORD).await;
    assert_eq!(b.second_factor(&app.code(&secret)).await.url, "/account");
}

/// A code is checked inside the transaction that holds the buckets: a wrong one is
/// counted against the account and the address, a right one ends the account's run
/// (and only that: the address keeps its count, or a guesser could clear it by
/// signing in to an account of their own now and then).
async fn codes_count_in_both_buckets_and_a_success_clears_only_the_account(backend: Backend) {
    let app = TestApp::spawn(backend).await;
    let email = "buckets@example.com";
    let (b, secret, _) = app.enrolled_customer(email).await;
    b.post("/logout", &[]).await;
    b.log_in(email, PASSWORD).await;
    for _ in 0..2 {
        assert_eq!(b.second_factor("000000").await.status, 401);
    }
    let buckets = || async {
        // Reading a bucket locks it: a write transaction (dropped, so nothing is written).
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
    let page = b.second_factor(&app.code(&secret)).await;
    assert_eq!(page.url, "/account");
    assert_eq!(buckets().await, [0, 2]);
}

/// The address's bucket is only read when a code is checked, and locked again to count
/// a failure: wrong codes sent at once at two accounts from one address are all counted,
/// in each account's bucket and in the address's.
async fn parallel_wrong_codes_are_all_counted(backend: Backend) {
    let app = TestApp::spawn(backend).await;
    app.clock.freeze();
    let mut browsers = Vec::new();
    for email in ["parallel-a@example.com", "parallel-b@example.com"] {
        let (b, _, _) = app.enrolled_customer(email).await;
        b.post("/logout", &[]).await;
        b.log_in(email, PASSWORD).await;
        browsers.push(b);
    }
    let guesses = browsers
        .iter()
        .flat_map(|b| [b.second_factor("000000"), b.second_factor("999999")]);
    for page in futures_util::future::join_all(guesses).await {
        assert_eq!(page.status, 401);
    }
    let mut tx = app.running.state.store.begin().await.unwrap();
    let mut keys = Vec::new();
    for email in ["parallel-a@example.com", "parallel-b@example.com"] {
        let id = tx.account_by_email(email).await.unwrap().unwrap().id;
        keys.push(format!("account:{id}:second_factor"));
    }
    keys.push("address:127.0.0.1".to_owned());
    let refs: Vec<&str> = keys.iter().map(String::as_str).collect();
    let failures: Vec<u32> = tx
        .throttles_for_update(&refs, app.now())
        .await
        .unwrap()
        .iter()
        .map(|s| s.failures)
        .collect();
    assert_eq!(failures, [2, 2, 4]);
}

async fn recovery_code_guesses_count_towards_the_limit(backend: Backend) {
    let app = TestApp::spawn(backend).await;
    let email = "guess@example.com";
    let (b, _, _) = app.enrolled_customer(email).await;
    b.post("/logout", &[]).await;
    b.log_in(email, PASSWORD).await;
    // The clock stands still, so the first delay (one second, after the 6th failure)
    // turns the 7th guess away.
    app.clock.freeze();
    let mut checked = 0;
    let mut refused = false;
    for _ in 0..12 {
        match b.second_factor("AAAA-BBBB-CCCC-DDDD").await.status.as_u16() {
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

/// Password spraying from one address: signing in to one's own account in between does
/// not clear the address's failures.
async fn a_success_does_not_whitewash_an_addresss_failures(backend: Backend) {
    let app = TestApp::spawn(backend).await;
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
        assert_eq!(b.log_in(&email, "guess guess guess").await.status, 401);
    }
    let own = app.browser();
    assert_eq!(
        own.log_in("mine@example.com", PASSWORD).await.url,
        "/2fa/enroll"
    );
    assert_eq!(
        b.log_in("victim20@example.com", "guess guess guess")
            .await
            .status,
        401
    );
    assert_eq!(
        b.log_in("victim21@example.com", "guess guess guess")
            .await
            .status,
        429
    );
}

/// Behind a trusted proxy every request comes from the proxy's address: the client is
/// the one the proxy names, for the address bucket and the audit trail alike. A client
/// talking to keydesk directly cannot pick its address by sending the header.
async fn a_trusted_proxy_names_the_client_address(backend: Backend) {
    let app = TestApp::spawn_with(backend, |s| {
        s.trusted_proxies = vec!["127.0.0.1/32".parse().unwrap()]
    })
    .await;
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

async fn one_account_never_reaches_another(backend: Backend) {
    let app = TestApp::spawn(backend).await;
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

async fn one_session_can_be_ended_and_only_ones_own(backend: Backend) {
    let app = TestApp::spawn(backend).await;
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
    let r = app.api_as(&phone).get("/api/v1/sessions").await;
    let body = &r.expect(200).body;
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
        let r = app
            .api_as(&phone)
            .delete(&format!("/api/v1/sessions/{id}"))
            .await;
        assert_eq!(r.error(), (404, "not_found"), "{id}");
    }
    assert_eq!(bob.get("/account").await.url, "/account");
    // Without the form's CSRF token, nothing happens either.
    let forged = alice
        .post_without_csrf(&format!("/account/sessions/{phone_id}/end"), &[])
        .await;
    assert_eq!(forged.status, 403);
    app.api_as(&phone).get("/api/v1/sessions").await.expect(200);

    // Alice ends the phone's session from her browser: the phone is signed out, the
    // browser is not, and the audit trail says so.
    let done = alice
        .post(&format!("/account/sessions/{phone_id}/end"), &[])
        .await;
    assert_eq!(done.url, "/account");
    assert_eq!(app.api_as(&phone).get("/api/v1/sessions").await.status, 401);
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

/// Wrong passwords for an address with an account and for one without get the same
/// answers, delay and lock included: the lock does not tell which addresses have
/// accounts (a known one answered 429 after six, an unknown one kept answering 401).
async fn a_lock_looks_the_same_for_addresses_without_an_account(backend: Backend) {
    let app = TestApp::spawn_with(backend, |s| {
        s.trusted_proxies = vec!["127.0.0.1/32".parse().unwrap()]
    })
    .await;
    app.clock.freeze();
    app.enrolled_customer("known@example.com").await;
    let client = reqwest::Client::new();
    let mut answers = Vec::new();
    // From two client addresses, so that the address buckets count the same for both.
    for (email, client_address) in [
        ("known@example.com", "198.51.100.1"),
        ("nobody@example.com", "198.51.100.2"),
    ] {
        let mut seen = Vec::new();
        for _ in 0..12 {
            let r = client
                .post(format!("{}/api/v1/sessions", app.base))
                .header("x-forwarded-for", client_address)
                .json(&serde_json::json!({"email": email, "password": "not the password"}))
                .send()
                .await
                .unwrap();
            let status = r.status().as_u16();
            let body: serde_json::Value = r.json().await.unwrap();
            seen.push((status, body["error"]["code"].as_str().unwrap().to_owned()));
        }
        answers.push(seen);
    }
    assert_eq!(answers[0], answers[1]);
    assert!(
        answers[0].iter().any(|(status, _)| *status == 429),
        "{:?}",
        answers[0]
    );
}

on_both_backends!(
    wrong_passwords_are_generic_and_unknown_accounts_look_the_same,
    wrong_and_replayed_codes,
    throttling_delays_then_locks_and_tells_the_owner,
    codes_count_in_both_buckets_and_a_success_clears_only_the_account,
    parallel_wrong_codes_are_all_counted,
    recovery_code_guesses_count_towards_the_limit,
    a_success_does_not_whitewash_an_addresss_failures,
    a_trusted_proxy_names_the_client_address,
    one_account_never_reaches_another,
    one_session_can_be_ended_and_only_ones_own,
    a_lock_looks_the_same_for_addresses_without_an_account,
);
