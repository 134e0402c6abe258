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
    let mut tx = app.running.state.store.read().await.unwrap();
    assert!(tx.list_accounts(10).await.unwrap().is_empty());
    drop(tx);
    assert!(app.mails().await.is_empty());
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

on_both_backends!(
    weak_passwords_and_bad_emails_are_refused_and_create_nothing,
    japanese_errors_for_japanese_browsers,
);
