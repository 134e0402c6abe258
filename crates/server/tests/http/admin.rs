//! The admin console: the outbox, which holds everyone's mails.
use crate::helpers::*;
use keydesk_domain::identity::role::Role;

async fn admin_reads_the_outbox(backend: Backend) {
    let app = TestApp::spawn(backend).await;
    app.enrolled_customer("cust@example.com").await;
    app.mails().await;
    let b = app.signed_in_staff("root@example.com", Role::Admin).await;
    let page = b.get("/admin/outbox").await;
    page.assert_ok();
    assert!(page.body.contains("cust@example.com"));
    let first = page.attr("#outbox a", "href").unwrap();
    let mail = b.get(&first).await;
    mail.assert_ok();
    assert!(mail.text("#mail-text").is_some());
}

/// `keydesk user create` makes a staff account on the deployment's database; it must
/// set up 2FA at its first login, and then reaches the admin pages.
async fn staff_accounts_are_made_on_the_command_line(backend: Backend) {
    let app = TestApp::spawn(backend).await;
    let create = |role: &str| {
        app.command()
            .args([
                "user",
                "create",
                "--email",
                "ops@example.com",
                "--role",
                role,
            ])
            .env("KEYDESK_NEW_PASSWORD", PASSWORD)
            .output()
            .unwrap()
    };
    let out = create("admin");
    assert!(out.status.success(), "{out:?}");
    let b = app.browser();
    let page = b.log_in("ops@example.com", PASSWORD).await;
    assert_eq!(page.url, "/2fa/enroll");
    let secret = page.secret();
    b.confirm_enrollment(&app.code(&secret)).await.assert_ok();
    b.get("/admin/outbox").await.assert_ok();
    let out = create("agent");
    assert!(!out.status.success(), "the address is taken: {out:?}");
}

/// The menu links what the viewer may open: agents get their photo queue, not the
/// operators' outbox (which answers them 403).
async fn the_menu_links_only_pages_the_viewer_may_open(backend: Backend) {
    let app = TestApp::spawn(backend).await;
    for (email, role, queue, outbox) in [
        ("customer@example.com", Role::Customer, false, false),
        ("agent@example.com", Role::Agent, true, false),
        ("admin@example.com", Role::Admin, true, true),
    ] {
        let (b, _, _) = app.enrolled_customer(email).await;
        let state = &app.running.state;
        let mut tx = state.store.begin().await.unwrap();
        let id = tx.account_by_email(email).await.unwrap().unwrap().id;
        tx.set_role(id, role).await.unwrap();
        tx.commit().await.unwrap();
        let page = b.get("/account").await;
        assert_eq!(
            page.body.contains("href=\"/agent/photos\""),
            queue,
            "{email}"
        );
        assert_eq!(
            page.body.contains("href=\"/admin/outbox\""),
            outbox,
            "{email}"
        );
    }
}

/// The operator's commands say where they looked: an empty outbox says so, and run
/// where there is no data (the data directory follows the current directory unless
/// set) the error names the database it tried.
async fn the_outbox_command_says_what_it_read(backend: Backend) {
    let app = TestApp::spawn(backend).await;
    let out = app.command().args(["outbox"]).output().unwrap();
    assert!(out.status.success(), "{out:?}");
    let said = String::from_utf8(out.stdout).unwrap();
    assert!(said.contains("the outbox is empty"), "{said}");
    assert!(
        said.contains(&app.dir.path().display().to_string()),
        "{said}"
    );
    if app.cli_settings().database_url.is_none() {
        let elsewhere = tempfile::tempdir().unwrap();
        let missing = elsewhere.path().join("keydesk-data");
        let out = app
            .command()
            .env("KEYDESK_DATA_DIR", &missing)
            .args(["outbox"])
            .output()
            .unwrap();
        assert!(!out.status.success());
        let err = String::from_utf8(out.stderr).unwrap();
        assert!(err.contains(&missing.display().to_string()), "{err}");
        assert!(err.contains("KEYDESK_DATA_DIR"), "{err}");
    }
}

/// `keydesk demo` gives accounts to click through: a customer with an authenticator
/// and recovery codes, whose code and recovery-code logins both work.
async fn the_demo_accounts_can_log_in_every_way(backend: Backend) {
    let app = TestApp::spawn(backend).await;
    let out = app.command().args(["demo"]).output().unwrap();
    assert!(out.status.success(), "{out:?}");
    let said = String::from_utf8(out.stdout).unwrap();
    let password = said
        .split("password for all: ")
        .nth(1)
        .and_then(|r| r.split(')').next())
        .unwrap();
    let hanako = said.lines().find(|l| l.contains("hanako@")).unwrap();
    let base32 = hanako.split("TOTP secret ").nth(1).unwrap();
    let base32 = base32.split_whitespace().next().unwrap();
    let codes_line = said
        .lines()
        .find(|l| l.contains("recovery codes:"))
        .unwrap();
    let codes: Vec<&str> = codes_line
        .split(':')
        .nth(1)
        .unwrap()
        .split_whitespace()
        .collect();
    assert_eq!(codes.len(), 10, "{said}");
    assert!(said.contains("oathtool --totp -b"), "{said}");

    let b = app.browser();
    assert_eq!(
        b.log_in("hanako@demo.keydesk.test", password).await.url,
        "/login/2fa"
    );
    assert_eq!(b.second_factor(codes[0]).await.url, "/account");
    let page = b.get("/account").await;
    assert!(page.body.contains('9'), "nine codes left: {}", page.body);

    let secret = keydesk_domain::twofactor::totp::TotpSecret::from_bytes(
        data_encoding::BASE32_NOPAD
            .decode(base32.as_bytes())
            .unwrap(),
    )
    .unwrap();
    let phone = app.browser();
    phone.log_in("hanako@demo.keydesk.test", password).await;
    app.next_step();
    assert_eq!(
        phone.second_factor(&app.code(&secret)).await.url,
        "/account"
    );
}

on_both_backends!(
    the_demo_accounts_can_log_in_every_way,
    the_outbox_command_says_what_it_read,
    admin_reads_the_outbox,
    staff_accounts_are_made_on_the_command_line,
    the_menu_links_only_pages_the_viewer_may_open,
);
