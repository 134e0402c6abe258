//! What every response and every state-changing request share: strict headers and
//! cookies, the CSRF token for forms and for script calls with the browser's session, and
//! none of it for bearer clients.
use crate::helpers::*;

/// A header of the answer, which must be there.
fn header(r: &reqwest::Response, name: &str) -> String {
    let value = r.headers().get(name);
    value
        .unwrap_or_else(|| panic!("no {name}"))
        .to_str()
        .unwrap()
        .to_owned()
}

async fn forms_without_csrf_token_are_refused_and_change_nothing(backend: Backend) {
    let app = TestApp::spawn(backend).await;
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
        .read()
        .await
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
    let csrf = b.csrf().await;
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

async fn cookies_and_headers_are_strict(backend: Backend) {
    let app = TestApp::spawn(backend).await;
    let r = reqwest::get(format!("{}/login", app.base)).await.unwrap();
    let csp = header(&r, "content-security-policy");
    assert!(
        csp.contains("default-src 'none'")
            && csp.contains("script-src 'self'")
            && !csp.contains("unsafe-inline")
    );
    let cookie = header(&r, "set-cookie");
    assert!(cookie.contains("HttpOnly") && cookie.contains("SameSite=Lax"));
    assert!(!cookie.contains("Secure"), "plain http on loopback");

    let app = TestApp::spawn_with(backend, |s| {
        s.public_url = Some("https://security.example.com".into())
    })
    .await;
    let r = reqwest::get(format!("{}/login", app.base)).await.unwrap();
    let cookie = header(&r, "set-cookie");
    assert!(
        cookie.starts_with("__Host-kd_csrf=") && cookie.contains("; Secure"),
        "{cookie}"
    );
}

async fn api_accepts_the_browser_session_only_with_the_csrf_header(backend: Backend) {
    let app = TestApp::spawn(backend).await;
    let (b, _, _) = app.enrolled_customer("cookie@example.com").await;
    assert_eq!(b.fetch("/api/v1/me").await.status(), 401);
    assert_eq!(b.script_get("/api/v1/me").await.status(), 200);
}

/// A bearer client is no browser: no CSRF cookie is issued to it. A cookie-less API
/// call (a browser's script before it has one) still gets it.
async fn bearer_clients_get_no_csrf_cookie(backend: Backend) {
    let app = TestApp::spawn(backend).await;
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

/// A CSRF token is bound to the session: B's CSRF cookie and token, planted beside A's
/// session cookie (by a sibling subdomain, say), change nothing of A's; the token is
/// never the cookie's own value; and a new session gets a new token.
async fn a_csrf_token_works_only_with_the_session_it_was_given_to(backend: Backend) {
    let app = TestApp::spawn(backend).await;
    let (a, _, _) = app.enrolled_customer("csrf-a@example.com").await;
    let (b, _, _) = app.enrolled_customer("csrf-b@example.com").await;
    let a_session = a.cookie("kd_session").unwrap();
    let (b_cookie, b_token) = (b.cookie("kd_csrf").unwrap(), b.csrf().await);
    assert_ne!(b_token, b_cookie, "the page's token is not the cookie");
    let planted = |form_token: &str, cookie: &str| {
        reqwest::Client::new()
            .post(format!("{}/account/logout-everywhere", app.base))
            .header(
                "cookie",
                format!("kd_session={a_session}; kd_csrf={cookie}"),
            )
            .form(&[("csrf", form_token)])
            .send()
    };
    assert_eq!(planted(&b_token, &b_cookie).await.unwrap().status(), 403);
    assert_eq!(planted(&b_cookie, &b_cookie).await.unwrap().status(), 403);
    assert_eq!(
        a.get("/account").await.url,
        "/account",
        "A is still signed in"
    );
    // The API's cookie path is bound the same way.
    let r = reqwest::Client::new()
        .get(format!("{}/api/v1/me", app.base))
        .header(
            "cookie",
            format!("kd_session={a_session}; kd_csrf={b_cookie}"),
        )
        .header("x-csrf-token", &b_token)
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), 401);
    // Logging out and in again is a new session: the old page's token is refused.
    let before = a.csrf().await;
    a.post("/logout", &[]).await;
    a.log_in("csrf-a@example.com", PASSWORD).await;
    assert_ne!(a.csrf().await, before);
    let stale = a.post_with_token("/logout", &before).await;
    assert_eq!(stale.status, 403);
}

on_both_backends!(
    a_csrf_token_works_only_with_the_session_it_was_given_to,
    forms_without_csrf_token_are_refused_and_change_nothing,
    cookies_and_headers_are_strict,
    api_accepts_the_browser_session_only_with_the_csrf_header,
    bearer_clients_get_no_csrf_cookie,
);
