//! Nothing that can be replayed — a link's token, a TOTP secret, a recovery code — is
//! in a dump or a backup of the database (pending and done jobs, the outbox, the audit
//! trail included), on a staff page, or in the log.
use crate::helpers::*;
use keydesk_domain::identity::role::Role;
use keydesk_store::models::OutboxMail;
use std::io::Write;
use std::sync::{Arc, Mutex};

/// The log as the server writes it, at debug level for keydesk (more than it writes by
/// default), kept in memory. Each test runs in its own process under nextest, so the
/// global subscriber is this test's own.
#[derive(Clone, Default)]
struct Log(Arc<Mutex<Vec<u8>>>);

impl Write for Log {
    fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
        self.0.lock().unwrap().extend_from_slice(buf);
        Ok(buf.len())
    }
    fn flush(&mut self) -> std::io::Result<()> {
        Ok(())
    }
}

impl Log {
    fn capture() -> Option<Log> {
        let log = Log::default();
        let writer = log.clone();
        tracing_subscriber::fmt()
            .with_env_filter("info,keydesk=debug,tower_http=debug")
            .with_writer(move || writer.clone())
            .try_init()
            .ok()
            .map(|()| log)
    }

    fn text(&self) -> String {
        String::from_utf8_lossy(&self.0.lock().unwrap()).into_owned()
    }
}

fn token_of(mail: &OutboxMail) -> String {
    let link = link_in(mail);
    let token = link.split("token=").nth(1).unwrap();
    assert!(token.len() >= 20, "{link}");
    token.to_owned()
}

/// Where the database's bytes and the log must not hold `secret`.
fn assert_absent(what: &str, secret: &str, dumps: &[(&str, &[u8])], log: Option<&str>) {
    for (name, bytes) in dumps {
        let hay = String::from_utf8_lossy(bytes);
        assert!(!hay.contains(secret), "{what} found in {name}");
    }
    if let Some(log) = log {
        assert!(!log.contains(secret), "{what} found in the log");
    }
}

async fn no_link_secret_or_code_in_dumps_staff_pages_or_logs(backend: Backend) {
    let log = Log::capture();
    let app = TestApp::spawn(backend).await;
    let email = "replay@example.com";
    // J1: sign-up (a verification mail), enrollment with recovery codes.
    let (b, secret, codes) = app.enrolled_customer(email).await;
    // A reset link, queued and not delivered yet: the pending job is in this dump.
    b.post("/password/forgot", &[("email", email)])
        .await
        .assert_ok();
    let pending = app.database_dump().await;
    let mails = app.mails_to(email).await;
    let verify = mails
        .iter()
        .find(|m| m.body_text.contains("/email/verify"))
        .unwrap();
    let reset = mails
        .iter()
        .find(|m| m.body_text.contains("/password/reset"))
        .unwrap();
    let (verify_token, reset_token) = (token_of(verify), token_of(reset));
    // The address is confirmed with its link; the reset link stays live.
    b.post("/email/verify", &[("token", &verify_token)])
        .await
        .assert_ok();
    // Done jobs and the outbox are in this one.
    let delivered = app.database_dump().await;

    // An admin reads the customer's reset mail: its link is masked.
    let admin = app.signed_in_staff("admin@example.com", Role::Admin).await;
    let listing = admin.get("/admin/outbox").await;
    let links = listing.all_attr("#outbox a", "href");
    let mut staff_pages = String::new();
    for link in &links {
        let page = admin.get(link).await;
        page.assert_ok();
        staff_pages.push_str(&page.body);
    }
    assert!(
        staff_pages.contains("/password/reset?token=[hidden]"),
        "{staff_pages}"
    );

    let dumps: [(&str, &[u8]); 2] = [
        ("the dump with a pending mail", &pending),
        ("the dump after delivery", &delivered),
    ];
    let log = log.map(|l| l.text());
    for (what, token) in [
        ("the verification token", &verify_token),
        ("the live reset token", &reset_token),
    ] {
        assert_absent(what, token, &dumps, log.as_deref());
        assert!(
            !staff_pages.contains(token.as_str()),
            "{what} on a staff page"
        );
    }
    // The outbox's bodies are sealed, not merely encoded: decoded, they still hide it.
    let kept = app.read().await.outbox_mails(100).await;
    for row in kept.unwrap() {
        use base64::Engine;
        for body in [&row.body_text, &row.body_html] {
            let bytes = base64::engine::general_purpose::STANDARD_NO_PAD
                .decode(body)
                .unwrap_or_default();
            let decoded = String::from_utf8_lossy(&bytes);
            assert!(
                !decoded.contains("token="),
                "an outbox body is only encoded"
            );
        }
    }
    let base32 = secret.to_base32();
    assert_absent("the TOTP secret", &base32, &dumps, log.as_deref());
    for code in &codes {
        assert_absent("a recovery code", code, &dumps, log.as_deref());
        assert_absent(
            "a recovery code",
            &code.replace('-', ""),
            &dumps,
            log.as_deref(),
        );
    }
    if let Some(log) = &log {
        assert!(log.contains("INFO"), "the log was captured: {log}");
    }

    // The link in the mail still works for its recipient.
    let page = app
        .browser()
        .post(
            "/password/reset",
            &[
                ("token", &reset_token),
                ("password", "a brand new passphrase"),
            ],
        )
        .await;
    page.assert_ok();
}

on_both_backends!(no_link_secret_or_code_in_dumps_staff_pages_or_logs);
