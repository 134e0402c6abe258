//! The help desk (J6) end to end: a request from the form to solved and closed, in the
//! customer's language; the signed-out visitor whose request waits for their address;
//! what the desk refuses and that a refusal leaves nothing behind; the stale view; the
//! forms file reloaded; webhooks verified by another implementation.
use crate::helpers::*;
use keydesk_domain::identity::role::Role;
use keydesk_store::models::OutboxMail;
use std::path::Path;

const DAY: i64 = 86_400;

/// The fields of a lost-device request, as its form names them.
fn lost_device_fields(key: &str) -> Vec<(&'static str, String)> {
    vec![
        ("idempotency_key", key.to_owned()),
        ("subcategory", "lost-device".into()),
        ("subject", "スマートフォンを紛失しました".into()),
        ("f-authenticator", "google-authenticator".into()),
        ("f-device_status", "lost".into()),
        ("f-happened_on", "2026-11-30".into()),
        ("f-recovery_codes", "never-saved".into()),
        ("description", "電車でスマートフォンを落としました。".into()),
    ]
}

fn borrowed<'a>(fields: &'a [(&'static str, String)]) -> Vec<(&'static str, &'a str)> {
    fields.iter().map(|(k, v)| (*k, v.as_str())).collect()
}

/// The idempotency key a form page carries.
async fn form_key(b: &Browser, path: &str) -> String {
    let page = b.get(path).await;
    page.assert_ok();
    page.attr("input[name=idempotency_key]", "value").unwrap()
}

fn number_in(url: &str) -> i64 {
    url.split("/requests/")
        .nth(1)
        .unwrap()
        .split(['?', '#'])
        .next()
        .unwrap()
        .parse()
        .unwrap()
}

async fn request_count(app: &TestApp) -> usize {
    let mut tx = app.read().await;
    let mut n = 0;
    for id in 1001..1100 {
        if tx.desk_request(id).await.unwrap().is_some() {
            n += 1;
        }
    }
    n
}

fn files_in(dir: &Path) -> usize {
    std::fs::read_dir(dir.join("attachments"))
        .map(|d| d.count())
        .unwrap_or(0)
}

fn header(mail: &OutboxMail, name: &str) -> Option<String> {
    let headers: Vec<(String, String)> = serde_json::from_str(&mail.headers).unwrap();
    headers.into_iter().find(|(n, _)| n == name).map(|(_, v)| v)
}

/// A customer in Japanese, signed in and enrolled.
async fn japanese_customer(app: &TestApp, email: &str) -> Browser {
    japanese_customer_with_secret(app, email).await.0
}

async fn japanese_customer_with_secret(
    app: &TestApp,
    email: &str,
) -> (Browser, keydesk_domain::twofactor::totp::TotpSecret) {
    let (b, secret, _) = app.enrolled_customer(email).await;
    b.post("/language", &[("lang", "ja"), ("back", "/account")])
        .await
        .assert_ok();
    (b, secret)
}

async fn status_of(app: &TestApp, number: i64) -> String {
    let request = app
        .read()
        .await
        .desk_request(number)
        .await
        .unwrap()
        .unwrap();
    request.status.as_str().to_owned()
}

async fn agent_update(agent: &Browser, number: i64, fields: &[(&str, &str)]) -> Page {
    let page = agent.get(&format!("/agent/requests/{number}")).await;
    page.assert_ok();
    let version = page.attr("input[name=version]", "value").unwrap();
    let mut all = vec![("version", version.as_str())];
    all.extend_from_slice(fields);
    agent
        .post_files(&format!("/agent/requests/{number}"), &all, &[])
        .await
}

async fn j6_from_submission_to_closed_in_the_customers_language(backend: Backend) {
    let app = TestApp::spawn(backend).await;
    let (customer, secret) = japanese_customer_with_secret(&app, "hanako@example.com").await;
    let key = form_key(&customer, "/requests/new/two-factor").await;
    let fields = lost_device_fields(&key);
    let png = noise_png(64, 48);
    let page = customer
        .post_files(
            "/requests/new/two-factor",
            &borrowed(&fields),
            &[("attachments", "画面.png", "image/png", &png)],
        )
        .await;
    page.assert_ok();
    let number = number_in(&page.url);
    assert!(number >= 1001);
    assert_eq!(
        page.text("#received-text").unwrap(),
        format!("お問い合わせ（#{number}）を受け付けました。サポート担当者が確認しております。")
    );
    // A double click (the same form again): one request.
    let again = customer
        .post_files(
            "/requests/new/two-factor",
            &borrowed(&fields),
            &[("attachments", "画面.png", "image/png", &png)],
        )
        .await;
    assert_eq!(number_in(&again.url), number);
    assert_eq!(request_count(&app).await, 1);
    // The automatic reply, in Japanese, threaded, marked automatic.
    let mails = app.mails_to("hanako@example.com").await;
    let received: Vec<&OutboxMail> = mails
        .iter()
        .filter(|m| m.subject.contains("受け付けました"))
        .collect();
    assert_eq!(received.len(), 1, "one auto-reply for one request");
    let auto = received[0];
    assert_eq!(
        auto.subject,
        format!("【#{number}】お問い合わせを受け付けました")
    );
    assert!(auto.body_text.contains(&format!(
        "お問い合わせ（#{number}）を受け付けました。サポート担当者が確認しております。"
    )));
    assert!(auto.body_text.contains(&format!("/requests/{number}")));
    assert_eq!(
        header(auto, "Auto-Submitted").as_deref(),
        Some("auto-replied")
    );
    let root = header(auto, "Message-ID").unwrap();
    assert!(root.starts_with(&format!("<request-{number}.")));

    // The agent reads it in English: labels of the agent's language, the customer beside.
    let agent = app.signed_in_staff("agent@example.com", Role::Agent).await;
    let list = agent.get("/agent/requests?view=unassigned").await;
    list.assert_ok();
    assert!(list.body.contains(&format!("#{number}")));
    let view = agent.get(&format!("/agent/requests/{number}")).await;
    view.assert_ok();
    let answers = view.text("#answers").unwrap();
    assert!(
        answers.contains("What happened to the device") && answers.contains("Lost"),
        "{answers}"
    );
    assert!(answers.contains("2026-11-30"));
    assert!(view.text("#context-2fa").unwrap().contains("On"));
    assert!(view
        .all_text("#conversation .files a")
        .iter()
        .any(|n| n == "画面.jpg"));
    // The attachment, to staff, audited.
    let link = view.attr("#conversation .files a", "href").unwrap();
    let file = agent.fetch(&link).await;
    assert_eq!(file.status(), 200);
    assert_eq!(file.headers()["cache-control"], "private, no-store");
    assert_eq!(file.headers()["content-type"], "image/jpeg");
    assert!(app
        .audit_kinds("hanako@example.com")
        .await
        .contains(&"attachment_viewed_by_staff".to_owned()));

    // A macro's reply goes out in Japanese (the customer's), whatever the agent's.
    let macros = view.all_attr("#macro option", "value");
    let names = view.all_text("#macro option");
    let photo_macro = names
        .iter()
        .position(|n| n == "Ask for a clearer photo")
        .unwrap();
    let done = agent_update(&agent, number, &[("macro", macros[photo_macro].as_str())]).await;
    done.assert_ok();
    assert!(done.text("#agent-status").unwrap().contains("Pending"));
    let reply = app
        .mails_to("hanako@example.com")
        .await
        .into_iter()
        .find(|m| m.subject.contains("ご返信"))
        .unwrap();
    assert!(
        reply
            .body_text
            .contains(&format!("お問い合わせ（#{number}）のお写真")),
        "{}",
        reply.body_text
    );
    assert_eq!(
        header(&reply, "In-Reply-To").as_deref(),
        Some(root.as_str())
    );
    assert_eq!(header(&reply, "References").as_deref(), Some(root.as_str()));
    assert_eq!(header(&reply, "Auto-Submitted"), None, "a person wrote it");
    let mine = customer.get(&format!("/requests/{number}")).await;
    assert_eq!(mine.text("#request-status").unwrap(), "お客様のご返信待ち");

    // Two agents on one request: the second, working from the page before, is refused.
    let stale = agent.get(&format!("/agent/requests/{number}")).await;
    let old_version = stale.attr("input[name=version]", "value").unwrap();
    agent_update(&agent, number, &[("priority", "high")])
        .await
        .assert_ok();
    let refused = agent
        .post_files(
            &format!("/agent/requests/{number}"),
            &[
                ("version", old_version.as_str()),
                ("priority", "low"),
                ("body", "x"),
                ("visibility", "internal"),
            ],
            &[],
        )
        .await;
    assert_eq!(refused.status, 409);
    assert!(refused
        .form_error()
        .unwrap()
        .contains("changed since you opened it"));
    assert!(refused
        .text("#stale-changes")
        .unwrap()
        .contains("priority: normal → high"));
    let kept = app
        .read()
        .await
        .desk_request(number)
        .await
        .unwrap()
        .unwrap();
    assert_eq!(
        kept.priority.as_str(),
        "high",
        "the stale change saved nothing"
    );

    // The customer's reply reopens it.
    let key = customer
        .get(&format!("/requests/{number}"))
        .await
        .attr("#reply-form input[name=idempotency_key]", "value")
        .unwrap();
    let after = customer
        .post_files(
            &format!("/requests/{number}/reply"),
            &[
                ("idempotency_key", key.as_str()),
                ("body", "撮り直しました。"),
            ],
            &[("attachments", "再撮影.png", "image/png", &png)],
        )
        .await;
    after.assert_ok();
    assert_eq!(after.text("#request-status").unwrap(), "対応中");
    // Solved: the mail says so, in Japanese.
    agent_update(
        &agent,
        number,
        &[
            ("status", "solved"),
            ("body", "ご確認ありがとうございました。"),
        ],
    )
    .await
    .assert_ok();
    let solved = app
        .mails_to("hanako@example.com")
        .await
        .into_iter()
        .find(|m| m.subject.contains("解決済み"))
        .unwrap();
    assert_eq!(
        solved.subject,
        format!("【#{number}】お問い合わせが解決済みになりました")
    );
    assert_eq!(
        header(&solved, "Auto-Submitted").as_deref(),
        Some("auto-replied")
    );
    // Reopened by a reply, solved again; then four days pass and it closes.
    customer
        .post_files(
            &format!("/requests/{number}/reply"),
            &[("body", "まだ届きません。")],
            &[],
        )
        .await
        .assert_ok();
    assert_eq!(
        customer
            .get(&format!("/requests/{number}"))
            .await
            .text("#request-status")
            .unwrap(),
        "対応中"
    );
    agent_update(&agent, number, &[("status", "solved")])
        .await
        .assert_ok();
    app.clock.advance(3 * DAY);
    app.mails().await;
    assert_eq!(status_of(&app, number).await, "solved");
    app.clock.advance(DAY + 60);
    app.mails().await;
    assert_eq!(status_of(&app, number).await, "closed");
    // Days later, both sign in again.
    customer.log_in("hanako@example.com", PASSWORD).await;
    app.next_step();
    customer.second_factor(&app.code(&secret)).await.assert_ok();
    assert_eq!(
        customer
            .get(&format!("/requests/{number}"))
            .await
            .text("#request-status")
            .unwrap(),
        "終了"
    );
    let agent = app.signed_in_staff("agent2@example.com", Role::Agent).await;

    // Closed is read-only: the agent cannot change it; the customer's reply starts a
    // follow-up linked to it.
    let view = agent.get(&format!("/agent/requests/{number}")).await;
    assert!(view.text("#closed-note").is_some());
    let refused = agent
        .post_files(
            &format!("/agent/requests/{number}"),
            &[("version", "99"), ("status", "open")],
            &[],
        )
        .await;
    assert_eq!(refused.status, 409);
    let follow = customer
        .post_files(
            &format!("/requests/{number}/reply"),
            &[("body", "もう一度お願いします。")],
            &[],
        )
        .await;
    follow.assert_ok();
    let follow_up = number_in(&follow.url);
    assert_ne!(follow_up, number);
    assert!(follow
        .text("#request")
        .unwrap()
        .contains(&format!("#{number}")));
    let mut tx = app.read().await;
    assert_eq!(
        tx.desk_request(follow_up)
            .await
            .unwrap()
            .unwrap()
            .follow_up_of,
        Some(number)
    );
    assert_eq!(
        tx.desk_request(number)
            .await
            .unwrap()
            .unwrap()
            .status
            .as_str(),
        "closed"
    );
    drop(tx);
    // The history shows every change, who made it and old → new.
    let history = agent
        .get(&format!("/agent/requests/{number}"))
        .await
        .all_text("#history li");
    assert!(
        history
            .iter()
            .any(|h| h.contains("hanako@example.com") && h.contains("status: pending → open")),
        "{history:?}"
    );
    assert!(
        history
            .iter()
            .any(|h| h.contains("agent@example.com") && h.contains("priority: normal → high")),
        "{history:?}"
    );
    assert!(
        history
            .iter()
            .any(|h| h.contains("Automation") && h.contains("status: solved → closed")),
        "{history:?}"
    );
}

on_both_backends!(j6_from_submission_to_closed_in_the_customers_language);

async fn a_visitors_request_waits_for_the_confirmed_address(backend: Backend) {
    let app = TestApp::spawn(backend).await;
    let visitor = Browser::new(&app.base, "en");
    let key = form_key(&visitor, "/requests/new/account-login").await;
    let page = visitor
        .post_files(
            "/requests/new/account-login",
            &[
                ("idempotency_key", key.as_str()),
                ("email", "Visitor@Example.com"),
                ("subcategory", "cannot-log-in"),
                ("f-login_problem", "locked"),
                ("subject", "BUY CHEAP WATCHES http://spam.example"),
                ("description", "Visit http://spam.example now"),
            ],
            &[],
        )
        .await;
    page.assert_ok();
    assert!(page.text("#check-mail-text").unwrap().contains("Open it"));
    // Not in the agents' queue yet.
    let agent = app.signed_in_staff("agent@example.com", Role::Agent).await;
    let list = agent.get("/agent/requests?view=open").await;
    assert!(list.text("#view-empty").is_some(), "{}", list.body);
    assert_eq!(list.text("#view-open .count").as_deref(), Some("0"));
    // The mail carries nothing the visitor typed: no spam relayed.
    let mails = app.mails_to("visitor@example.com").await;
    assert_eq!(mails.len(), 1);
    let confirm = &mails[0];
    assert!(!confirm.subject.contains("WATCHES") && !confirm.body_text.contains("spam.example"));
    assert!(!confirm.body_html.contains("spam.example"));
    let link = link_in(confirm);
    assert!(
        link.contains("/requests/confirm?token="),
        "{}",
        confirm.body_text
    );
    // Opening the link shows a button; only the button confirms.
    let path = &link[link.find("/requests/").unwrap()..];
    let landing = visitor.get(path).await;
    landing.assert_ok();
    assert!(agent
        .get("/agent/requests?view=open")
        .await
        .text("#view-empty")
        .is_some());
    let token = landing.attr("input[name=token]", "value").unwrap();
    let done = visitor
        .post("/requests/confirm", &[("token", token.as_str())])
        .await;
    done.assert_ok();
    assert!(done
        .text("#received-text")
        .unwrap()
        .contains("has been received"));
    assert_eq!(
        agent
            .get("/agent/requests?view=open")
            .await
            .text("#view-open .count")
            .as_deref(),
        Some("1")
    );
    let received = app.mails_to("visitor@example.com").await;
    let auto = received
        .iter()
        .find(|m| m.subject.contains("has been received"))
        .unwrap();
    let number: i64 = auto.subject[2..]
        .split(']')
        .next()
        .unwrap()
        .parse()
        .unwrap();
    assert_eq!(
        auto.subject,
        format!("[#{number}] Your request has been received")
    );
    assert!(auto.body_text.contains(&format!(
        "Your request (#{number}) has been received and is being reviewed by our support staff."
    )));
    assert!(auto
        .body_text
        .contains("We will answer you at this address"));
    // It threads onto the confirmation mail, the request's first.
    assert_eq!(header(auto, "References"), header(confirm, "Message-ID"));
    // The link works once.
    let again = visitor
        .post("/requests/confirm", &[("token", token.as_str())])
        .await;
    assert_eq!(again.status, 410);
    // One address cannot flood the desk: a few an hour, then a wait.
    let mut statuses = Vec::new();
    for i in 0..7 {
        let key = format!("flood-key-{i:02}");
        let p = visitor
            .post_files(
                "/requests/new/other",
                &[
                    ("idempotency_key", key.as_str()),
                    ("email", "visitor@example.com"),
                    ("subject", "hi"),
                    ("description", "hello"),
                ],
                &[],
            )
            .await;
        statuses.push(p.status.as_u16());
    }
    assert!(statuses.contains(&429), "{statuses:?}");
    // A request whose link is never opened is deleted unread once the link expires.
    let unconfirmed: Vec<i64> = {
        let mut tx = app.read().await;
        let mut ids = Vec::new();
        for id in 1001..1020 {
            if tx
                .desk_request(id)
                .await
                .unwrap()
                .is_some_and(|r| !r.confirmed)
            {
                ids.push(id);
            }
        }
        ids
    };
    assert!(!unconfirmed.is_empty());
    app.clock.advance(7 * DAY + 60);
    keydesk::features::maintenance(app.running.state.clone())
        .await
        .unwrap();
    let mut tx = app.read().await;
    for id in unconfirmed {
        assert!(tx.desk_request(id).await.unwrap().is_none(), "#{id}");
    }
    assert!(
        tx.desk_request(1001).await.unwrap().is_some(),
        "the confirmed one stays"
    );
}

on_both_backends!(a_visitors_request_waits_for_the_confirmed_address);

async fn bad_input_gets_its_message_and_leaves_nothing(backend: Backend) {
    let app = TestApp::spawn_with(backend, |s| s.desk.max_attachment_mb = 1).await;
    let customer = japanese_customer(&app, "bad@example.com").await;
    let key = form_key(&customer, "/requests/new/two-factor").await;
    let fields = lost_device_fields(&key);
    let pe = b"MZ\x90\x00\x03\x00\x00\x00\x04\x00\x00\x00\xff\xff\x00\x00PE\x00\x00".to_vec();
    let big = vec![0u8; 1024 * 1024 + 10];
    let cases: Vec<(&str, Vec<u8>, u16, &str)> = vec![
        (
            "setup.jpg",
            pe,
            422,
            "画像（JPEG、PNG、WebP）またはPDFではありません",
        ),
        ("empty.png", Vec::new(), 422, "空です"),
        (
            "broken.jpg",
            b"\xFF\xD8\xFF\xE0\x00\x10JFIF\x00trunc".to_vec(),
            422,
            "読み込めません",
        ),
        ("big.pdf", big, 413, "1MBを超えています"),
    ];
    for (name, bytes, status, message) in cases {
        let page = customer
            .post_files(
                "/requests/new/two-factor",
                &borrowed(&fields),
                &[("attachments", name, "image/jpeg", &bytes)],
            )
            .await;
        assert_eq!(page.status.as_u16(), status, "{name}");
        assert!(
            page.form_error().unwrap().contains(message),
            "{name}: {:?}",
            page.form_error()
        );
        // What was typed is kept.
        assert_eq!(
            page.attr("#subject", "value").as_deref(),
            Some("スマートフォンを紛失しました")
        );
    }
    // Missing required and conditional fields, an unknown option: each named in place.
    let mut missing = lost_device_fields(&key);
    missing.retain(|(k, _)| *k != "f-happened_on" && *k != "subject");
    missing.push(("f-authenticator", "SMS".into()));
    let page = customer
        .post_files("/requests/new/two-factor", &borrowed(&missing), &[])
        .await;
    assert_eq!(page.status, 422);
    assert_eq!(
        page.text("#error-subject").as_deref(),
        Some("入力してください。")
    );
    assert_eq!(
        page.text("#error-happened_on").as_deref(),
        Some("入力してください。")
    );
    assert_eq!(
        page.text("#error-authenticator").as_deref(),
        Some("選択肢からお選びください。")
    );
    // The conditional field is on the page without script, with its condition.
    assert!(page
        .text("#field-happened_on .condition")
        .unwrap()
        .contains("端末の紛失"));
    // An unknown category.
    let page = customer.get("/requests/new/teleport").await;
    assert_eq!(page.status, 404);
    // The API: strict about fields the form does not have.
    let api = app.api();
    let reply = api
        .post(
            "/api/v1/requests",
            serde_json::json!({
                "category": "other", "subject": "s", "description": "d",
                "email": "api@example.com", "answers": {"nickname": "x"}
            }),
        )
        .await;
    assert_eq!(reply.error(), (422, "desk_form_invalid"));
    assert_eq!(reply.body["error"]["fields"][0]["field"], "nickname");
    let reply = api
        .post("/api/v1/requests", serde_json::json!({"category": "other", "subject": "s", "description": "d", "email": "api@example.com", "attachments": [{"name": "a.jpg", "content_base64": "TVqQAAMAAAA="}]}))
        .await;
    assert_eq!(reply.error(), (422, "desk_attachment_type"));
    // Nothing of any of it was kept: no request, no file.
    assert_eq!(request_count(&app).await, 0);
    assert_eq!(files_in(app.dir.path()), 0);
}

on_both_backends!(bad_input_gets_its_message_and_leaves_nothing);

async fn another_customers_request_is_not_found_anywhere(backend: Backend) {
    let app = TestApp::spawn(backend).await;
    let owner = japanese_customer(&app, "owner@example.com").await;
    let key = form_key(&owner, "/requests/new/two-factor").await;
    let png = noise_png(40, 40);
    let page = owner
        .post_files(
            "/requests/new/two-factor",
            &borrowed(&lost_device_fields(&key)),
            &[("attachments", "a.png", "image/png", &png)],
        )
        .await;
    let number = number_in(&page.url);
    let attachment = page.attr("#conversation .files a", "href").unwrap();
    let (other, _, _) = app.enrolled_customer("other@example.com").await;
    for path in [format!("/requests/{number}"), attachment.clone()] {
        assert_eq!(other.fetch(&path).await.status(), 404, "{path}");
    }
    let reply = other
        .post_files(
            &format!("/requests/{number}/reply"),
            &[("body", "mine now")],
            &[],
        )
        .await;
    assert_eq!(reply.status, 404);
    assert!(other.get("/requests").await.text("#no-requests").is_some());
    // Agent pages as a customer: forbidden.
    assert_eq!(
        other
            .fetch(&format!("/agent/requests/{number}"))
            .await
            .status(),
        403
    );
    assert_eq!(other.fetch("/agent/requests").await.status(), 403);
    // Nothing was added to the owner's request.
    let mut tx = app.read().await;
    assert_eq!(tx.desk_messages(number).await.unwrap().len(), 1);
}

on_both_backends!(another_customers_request_is_not_found_anywhere);

async fn a_broken_forms_file_keeps_the_forms_in_use(backend: Backend) {
    let forms = tempfile::NamedTempFile::new().unwrap();
    let good = "[[category]]\nkey = \"only\"\nlabel = { en = \"Only\", ja = \"唯一\" }\n";
    std::fs::write(forms.path(), good).unwrap();
    let path = forms.path().to_path_buf();
    let app = TestApp::spawn_with(backend, |s| s.desk.categories_file = path).await;
    let visitor = app.browser();
    assert!(visitor
        .get("/requests/new")
        .await
        .all_text("#categories a")
        .contains(&"Only".to_owned()));
    let admin = app.signed_in_staff("admin@example.com", Role::Admin).await;
    std::fs::write(
        forms.path(),
        "[[category]]\nkey = \"Bad Key\"\nlabel = { en = \"x\", ja = \"x\" }\n",
    )
    .unwrap();
    let page = admin.post("/admin/desk/reload", &[]).await;
    page.assert_ok();
    assert!(
        page.text("#forms-failure").unwrap().contains("Bad Key"),
        "{}",
        page.body
    );
    assert!(visitor
        .get("/requests/new")
        .await
        .all_text("#categories a")
        .contains(&"Only".to_owned()));
    std::fs::write(
        forms.path(),
        good.replace("only", "second").replace("Only", "Second"),
    )
    .unwrap();
    admin.post("/admin/desk/reload", &[]).await.assert_ok();
    let now = visitor.get("/requests/new").await.all_text("#categories a");
    assert_eq!(now, vec!["Second".to_owned()]);
}

on_both_backends!(a_broken_forms_file_keeps_the_forms_in_use);

/// Accepts one HTTP request and answers 200; returns its headers and body.
async fn receive_one(listener: tokio::net::TcpListener) -> (String, Vec<u8>) {
    use tokio::io::{AsyncReadExt, AsyncWriteExt};
    let (mut socket, _) = listener.accept().await.unwrap();
    let mut data = Vec::new();
    let mut buf = [0u8; 4096];
    loop {
        let n = socket.read(&mut buf).await.unwrap();
        data.extend_from_slice(&buf[..n]);
        if let Some(end) = data.windows(4).position(|w| w == b"\r\n\r\n") {
            let head = String::from_utf8_lossy(&data[..end]).to_string();
            let length: usize = head
                .lines()
                .find_map(|l| {
                    l.to_ascii_lowercase()
                        .strip_prefix("content-length:")
                        .map(|v| v.trim().parse().unwrap())
                })
                .unwrap_or(0);
            while data.len() < end + 4 + length {
                let n = socket.read(&mut buf).await.unwrap();
                data.extend_from_slice(&buf[..n]);
            }
            socket
                .write_all(b"HTTP/1.1 200 OK\r\ncontent-length: 0\r\n\r\n")
                .await
                .unwrap();
            return (head, data[end + 4..end + 4 + length].to_vec());
        }
    }
}

async fn webhooks_are_signed_and_verified_by_another_implementation(backend: Backend) {
    let app = TestApp::spawn(backend).await;
    let admin = app.signed_in_staff("admin@example.com", Role::Admin).await;
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let url = format!(
        "http://127.0.0.1:{}/hook",
        listener.local_addr().unwrap().port()
    );
    let page = admin
        .post(
            "/admin/desk/webhooks",
            &[("url", url.as_str()), ("events", "request.created")],
        )
        .await;
    page.assert_ok();
    let secret = page.text("#webhook-secret code").unwrap();
    // A second endpoint that is down: its delivery fails, is kept for a retry, and says why.
    let down = format!("http://127.0.0.1:{}/hook", free_port());
    admin
        .post(
            "/admin/desk/webhooks",
            &[("url", down.as_str()), ("events", "request.created")],
        )
        .await
        .assert_ok();
    let receiver = tokio::spawn(receive_one(listener));
    let customer = japanese_customer(&app, "hook@example.com").await;
    let key = form_key(&customer, "/requests/new/two-factor").await;
    customer
        .post_files(
            "/requests/new/two-factor",
            &borrowed(&lost_device_fields(&key)),
            &[],
        )
        .await
        .assert_ok();
    app.mails().await;
    let (head, body) = receiver.await.unwrap();
    let signature = head
        .lines()
        .find_map(|l| l.strip_prefix("keydesk-signature: "))
        .unwrap()
        .to_owned();
    // Python's hmac, not ours, says whether the signature is the body's.
    let script = "import hmac,hashlib,sys\n\
        secret, header, body = sys.argv[1], sys.argv[2], open(sys.argv[3],'rb').read()\n\
        parts = dict(p.split('=',1) for p in header.split(','))\n\
        mac = hmac.new(secret.encode(), parts['t'].encode() + b'.' + body, hashlib.sha256).hexdigest()\n\
        sys.exit(0 if hmac.compare_digest(mac, parts['v1']) else 1)";
    let body_file = tempfile::NamedTempFile::new().unwrap();
    std::fs::write(body_file.path(), &body).unwrap();
    let verify = |body_path: &Path| {
        std::process::Command::new("python3")
            .args(["-c", script, &secret, &signature])
            .arg(body_path)
            .status()
            .unwrap()
            .success()
    };
    assert!(
        verify(body_file.path()),
        "{head}\n{}",
        String::from_utf8_lossy(&body)
    );
    let tampered = tempfile::NamedTempFile::new().unwrap();
    std::fs::write(
        tampered.path(),
        String::from_utf8_lossy(&body).replace("two-factor", "other"),
    )
    .unwrap();
    assert!(!verify(tampered.path()));
    let event: serde_json::Value = serde_json::from_slice(&body).unwrap();
    assert_eq!(event["event"], "request.created");
    assert!(
        !String::from_utf8_lossy(&body).contains("hook@example.com"),
        "no address in the event"
    );
    // The delivery is on the admin page.
    let page = admin.get("/admin/desk").await;
    assert_eq!(
        page.all_text("#deliveries .delivery-delivered").len(),
        1,
        "{}",
        page.body
    );
    assert_eq!(
        page.all_text("#deliveries .delivery-failing").len(),
        1,
        "{}",
        page.body
    );
    assert!(
        page.text("#deliveries")
            .unwrap()
            .to_lowercase()
            .contains("connect"),
        "{}",
        page.text("#deliveries").unwrap()
    );
    // Neither the secret nor anything replayable is on the page again.
    assert!(!page.body.contains(&secret));
    // Only https (or http on loopback) endpoints and known events.
    for (url, events) in [
        ("http://hooks.example/x", "request.created"),
        ("https://hooks.example/x", "request.deleted"),
    ] {
        let refused = admin
            .post("/admin/desk/webhooks", &[("url", url), ("events", events)])
            .await;
        assert_eq!(refused.status, 422, "{url} {events}");
    }
}

on_both_backends!(webhooks_are_signed_and_verified_by_another_implementation);

async fn agents_need_two_factor_even_where_customers_do_not(backend: Backend) {
    let app = TestApp::spawn_with(backend, |s| {
        s.security.mfa_mandatory = false;
        s.security.allow_disable_2fa = true;
    })
    .await;
    let state = &app.running.state;
    keydesk::features::accounts::service::create_by_operator(
        state,
        "agent@example.com",
        PASSWORD,
        Role::Agent,
    )
    .await
    .unwrap();
    let agent = app.browser();
    let landed = agent.log_in("agent@example.com", PASSWORD).await;
    assert!(landed.url.ends_with("/2fa/enroll"), "{}", landed.url);
    let console = agent.get("/agent/requests").await;
    assert!(console.url.ends_with("/2fa/enroll"), "{}", console.url);
    // Enrolled, the agent cannot turn it off, though customers may.
    let secret = agent.get("/2fa/enroll").await.secret();
    agent
        .confirm_enrollment(&app.code(&secret))
        .await
        .assert_ok();
    agent.get("/agent/requests").await.assert_ok();
    let page = agent.get("/2fa/disable").await;
    assert!(
        page.body.contains("id=\"disable-refused\"") || page.text("form#disable-form").is_none(),
        "{}",
        page.body
    );
}

on_both_backends!(agents_need_two_factor_even_where_customers_do_not);

async fn the_api_runs_the_same_desk_for_customers_and_agents(backend: Backend) {
    let app = TestApp::spawn(backend).await;
    let customer = app
        .api_token("api-customer@example.com", Role::Customer)
        .await;
    let agent = app.api_token("api-agent@example.com", Role::Agent).await;
    let body = serde_json::json!({
        "category": "two-factor",
        "subcategory": "lost-device",
        "subject": "Lost phone",
        "description": "It broke.",
        "answers": {
            "authenticator": "authy", "device_status": "broken",
            "happened_on": "2026-11-29", "recovery_codes": "not-sure", "mail_access": true
        },
        "language": "ja",
        "attachments": [{"name": "receipt.pdf", "content_base64": "JVBERi0xLjQKJSVFT0YK"}],
    });
    let created = app
        .api_as(&customer)
        .send(
            reqwest::Method::POST,
            "/api/v1/requests",
            Some(body.clone()),
        )
        .await;
    created.expect(201);
    let number = created.body["number"].as_i64().unwrap();
    assert_eq!(created.body["confirmed"], true);
    // Sent again with the same key (from the header): the same request.
    let mut keyed = body.clone();
    keyed["idempotency_key"] = "api-retry-0001".into();
    let first = app
        .api_as(&customer)
        .post("/api/v1/requests", keyed.clone())
        .await;
    first.expect(201);
    let again = app.api_as(&customer).post("/api/v1/requests", keyed).await;
    again.expect(200);
    assert_eq!(again.body["number"], first.body["number"]);
    assert_eq!(again.body["repeated"], true);
    // The customer's list and request: their own, in their words.
    let list = app.api_as(&customer).get("/api/v1/requests").await;
    list.expect(200);
    assert_eq!(list.body["requests"].as_array().unwrap().len(), 2);
    let read = app
        .api_as(&customer)
        .get(&format!("/api/v1/requests/{number}"))
        .await;
    read.expect(200);
    assert_eq!(read.body["status"], "open");
    assert_eq!(read.body["answers"]["device_status"], "broken");
    assert!(read.body.get("version").is_none(), "staff only");
    let file = read.body["messages"][0]["attachments"][0]["id"]
        .as_i64()
        .unwrap();
    let bytes = reqwest::Client::new()
        .get(format!(
            "{}/api/v1/requests/{number}/attachments/{file}",
            app.base
        ))
        .bearer_auth(&customer)
        .send()
        .await
        .unwrap();
    assert_eq!(bytes.status(), 200);
    assert!(bytes.bytes().await.unwrap().starts_with(b"%PDF"));
    // The agent: a view, the request with its version, an internal note and a change.
    let view = app
        .api_as(&agent)
        .get("/api/v1/requests?view=unassigned")
        .await;
    view.expect(200);
    assert!(view.body["requests"]
        .as_array()
        .unwrap()
        .iter()
        .any(|r| r["number"] == number));
    let staff_read = app
        .api_as(&agent)
        .get(&format!("/api/v1/requests/{number}"))
        .await;
    let version = staff_read.body["version"].as_i64().unwrap();
    let note = app
        .api_as(&agent)
        .send(
            reqwest::Method::PATCH,
            &format!("/api/v1/requests/{number}"),
            Some(serde_json::json!({"version": version, "body": "Check the login history first.", "public": false, "priority": "high"})),
        )
        .await;
    note.expect(200);
    assert_eq!(note.body["priority"], "high");
    let stale = app
        .api_as(&agent)
        .send(
            reqwest::Method::PATCH,
            &format!("/api/v1/requests/{number}"),
            Some(serde_json::json!({"version": version, "status": "solved"})),
        )
        .await;
    assert_eq!(stale.error(), (409, "desk_request_changed"));
    assert!(stale.body["error"]["changes"]
        .as_array()
        .unwrap()
        .iter()
        .any(|c| c["field"] == "priority"));
    // A save that changes nothing makes nobody's page stale.
    let current = note.body["version"].as_i64().unwrap();
    let same = app
        .api_as(&agent)
        .send(
            reqwest::Method::PATCH,
            &format!("/api/v1/requests/{number}"),
            Some(serde_json::json!({"version": current, "priority": "high"})),
        )
        .await;
    same.expect(200);
    assert_eq!(same.body["version"].as_i64(), Some(current));
    // The note is the desk's: the customer never sees it, nor is mailed it.
    let read = app
        .api_as(&customer)
        .get(&format!("/api/v1/requests/{number}"))
        .await;
    assert_eq!(read.body["messages"].as_array().unwrap().len(), 1);
    assert!(!app
        .mails()
        .await
        .iter()
        .any(|m| m.body_text.contains("login history")));
    // A customer cannot change a request; an agent's reply route is the PATCH.
    let refused = app
        .api_as(&customer)
        .send(
            reqwest::Method::PATCH,
            &format!("/api/v1/requests/{number}"),
            Some(serde_json::json!({"version": 1})),
        )
        .await;
    assert_eq!(refused.status, 403);
    let reply = app
        .api_as(&customer)
        .post(
            &format!("/api/v1/requests/{number}/replies"),
            serde_json::json!({"body": "Any news?"}),
        )
        .await;
    reply.expect(201);
    assert_eq!(reply.body["follow_up"], false);
    // Signed out without an address: refused, nothing made.
    let anonymous = app
        .api()
        .post(
            "/api/v1/requests",
            serde_json::json!({"category": "other", "subject": "s", "description": "d"}),
        )
        .await;
    assert_eq!(anonymous.status, 422);
}

on_both_backends!(the_api_runs_the_same_desk_for_customers_and_agents);

async fn a_pending_request_reminds_the_customer_in_their_language(backend: Backend) {
    let app = TestApp::spawn(backend).await;
    let customer = app.api_token("remind@example.com", Role::Customer).await;
    let agent = app.api_token("remind-agent@example.com", Role::Agent).await;
    let created = app
        .api_as(&customer)
        .post(
            "/api/v1/requests",
            serde_json::json!({"category": "other", "subject": "Fees", "description": "How much?", "language": "ja"}),
        )
        .await;
    let number = created.body["number"].as_i64().unwrap();
    let update = app
        .api_as(&agent)
        .send(
            reqwest::Method::PATCH,
            &format!("/api/v1/requests/{number}"),
            Some(serde_json::json!({"version": 1, "body": "Which currency?", "status": "pending"})),
        )
        .await;
    update.expect(200);
    let reminders = |mails: Vec<OutboxMail>| {
        mails
            .into_iter()
            .filter(|m| m.subject.contains("ご返信をお待ちしております"))
            .count()
    };
    app.clock.advance(23 * 3600);
    assert_eq!(reminders(app.mails_to("remind@example.com").await), 0);
    app.clock.advance(2 * 3600);
    assert_eq!(reminders(app.mails_to("remind@example.com").await), 1);
    // The customer answers (a day later: a new session): the next reminder is disarmed.
    let account = app
        .read()
        .await
        .account_by_email("remind@example.com")
        .await
        .unwrap()
        .unwrap();
    let customer = app.api_session(account.id).await;
    app.api_as(&customer)
        .post(
            &format!("/api/v1/requests/{number}/replies"),
            serde_json::json!({"body": "BTC"}),
        )
        .await
        .expect(201);
    assert_eq!(status_of(&app, number).await, "open");
    app.clock.advance(5 * DAY);
    assert_eq!(reminders(app.mails_to("remind@example.com").await), 1);
}

on_both_backends!(a_pending_request_reminds_the_customer_in_their_language);

async fn the_agent_sees_the_customers_tier_and_holds(backend: Backend) {
    use keydesk_domain::capability::hold::{Hold, HoldOrigin, HoldScope};
    use keydesk_domain::capability::tier::Tier;
    let app = TestApp::spawn(backend).await;
    let customer = app.api_token("context@example.com", Role::Customer).await;
    let created = app
        .api_as(&customer)
        .post(
            "/api/v1/requests",
            serde_json::json!({"category": "other", "subject": "s", "description": "d"}),
        )
        .await;
    let number = created.body["number"].as_i64().unwrap();
    let agent = app
        .signed_in_staff("context-agent@example.com", Role::Agent)
        .await;
    let page = agent.get(&format!("/agent/requests/{number}")).await;
    assert_eq!(
        page.text("#context-verification").as_deref(),
        Some("Not verified")
    );
    assert_eq!(page.text("#context-holds").as_deref(), Some("None"));
    let account = app
        .read()
        .await
        .account_by_email("context@example.com")
        .await
        .unwrap()
        .unwrap();
    let mut tx = app.running.state.store.begin().await.unwrap();
    tx.set_tier(account.id, Tier::Basic).await.unwrap();
    let now = app.now();
    for (reason, ends_at) in [
        ("twofactor_reset", Some(now + 3600)),
        ("ended_before", Some(now - 1)),
    ] {
        tx.insert_hold(
            account.id,
            &Hold {
                scope: HoldScope::Withdraw,
                reason: reason.into(),
                origin: HoldOrigin::System,
                starts_at: now - 7200,
                ends_at,
            },
            now,
        )
        .await
        .unwrap();
    }
    tx.commit().await.unwrap();
    let page = agent.get(&format!("/agent/requests/{number}")).await;
    assert_eq!(
        page.text("#context-verification").as_deref(),
        Some("Basic (personal details)")
    );
    let holds = page.text("#context-holds").unwrap();
    assert!(
        holds.contains("Withdrawals: Security delay after a two-factor reset")
            && holds.contains("until"),
        "{holds}"
    );
    assert!(
        !holds.contains("ended_before"),
        "only holds in force: {holds}"
    );
}

on_both_backends!(the_agent_sees_the_customers_tier_and_holds);

/// Search (issue 16): Japanese substrings in the subject, the answers and the messages,
/// the console's filters, and the API's same search — a customer's own requests only,
/// never an internal note.
async fn requests_are_found_by_any_words_within_what_the_reader_may_see(backend: Backend) {
    let app = TestApp::spawn(backend).await;
    let customer = japanese_customer(&app, "hanako@example.com").await;
    let key = form_key(&customer, "/requests/new/two-factor").await;
    let page = customer
        .post_files(
            "/requests/new/two-factor",
            &borrowed(&lost_device_fields(&key)),
            &[],
        )
        .await;
    page.assert_ok();
    let number = number_in(&page.url);
    let other = japanese_customer(&app, "taro@example.com").await;
    let key = form_key(&other, "/requests/new/two-factor").await;
    let mut fields = lost_device_fields(&key);
    fields[2].1 = "二段階認証の解除をお願いします".into();
    fields[4].1 = "stolen".into();
    fields[7].1 = "機種変更で認証アプリが消えました。".into();
    let page = other
        .post_files("/requests/new/two-factor", &borrowed(&fields), &[])
        .await;
    let others = number_in(&page.url);
    let agent = app.signed_in_staff("agent@example.com", Role::Agent).await;
    agent_update(
        &agent,
        number,
        &[
            ("body", "内部メモ：電話で本人確認済み"),
            ("visibility", "internal"),
        ],
    )
    .await
    .assert_ok();

    let numbers = |page: &Page| -> Vec<i64> {
        page.all_text("#agent-requests tbody tr td:first-child a")
            .iter()
            .map(|t| t.trim_start_matches('#').parse().unwrap())
            .collect()
    };
    // A part of a word in the subject, the description, a note; the form's answers.
    for (q, expected) in [
        ("紛失しました", vec![number]),
        ("二段階認証", vec![others]),
        ("電車で", vec![number]),
        ("本人確認済み", vec![number]),
        // A choice by its label in either language, never by its key or the JSON the
        // answers are stored as.
        ("Google Authenticator", vec![number, others]),
        ("google-authenticator", vec![]),
        ("盗難に遭った", vec![others]),
        ("stolen", vec![others]),
        ("紛失した", vec![number]),
        ("{", vec![]),
        ("\":\"", vec![]),
        ("false", vec![]),
    ] {
        let page = agent
            .get(&format!("/agent/requests?q={}", urlencode(q)))
            .await;
        page.assert_ok();
        assert!(page.text("#search-results").is_some(), "{q}");
        let mut found = numbers(&page);
        found.sort();
        assert_eq!(found, expected, "{q}");
    }
    // Filters: a status, a category, the assignee, the dates (in the agent's zone).
    let page = agent
        .get("/agent/requests?q=%E7%B4%9B%E5%A4%B1&status=solved")
        .await;
    assert!(numbers(&page).is_empty());
    let page = agent
        .get("/agent/requests?q=%E7%B4%9B%E5%A4%B1&category=deposits-withdrawals")
        .await;
    assert!(numbers(&page).is_empty());
    let page = agent
        .get("/agent/requests?q=%E7%B4%9B%E5%A4%B1&assignee=nobody&from=2000-01-01&to=2100-01-01")
        .await;
    // Both: the sub-category of each is 端末の紛失・リセット.
    let mut found = numbers(&page);
    found.sort();
    assert_eq!(found, vec![number, others]);
    let page = agent
        .get("/agent/requests?q=%E7%B4%9B%E5%A4%B1&from=2100-01-01")
        .await;
    assert!(numbers(&page).is_empty());
    // The last day a date input takes is a day like any other.
    let page = agent
        .get("/agent/requests?q=%E7%B4%9B%E5%A4%B1&to=9999-12-31")
        .await;
    assert_eq!(page.status.as_u16(), 200);
    assert_eq!(numbers(&page).len(), 2);
    let bad = agent.get("/agent/requests?q=x&from=tomorrow").await;
    assert_eq!(bad.status.as_u16(), 422);
    // The page as asked, with the reason beside the search box.
    let why = bad.text("#search-refused").unwrap_or_default();
    assert!(why.contains("YYYY-MM-DD"), "{why}");
    assert!(bad.text("#search-form").is_some());
    let bad = agent.get("/agent/requests?q=&status=pending").await;
    assert_eq!(bad.status.as_u16(), 422);
    let why = bad.text("#search-refused").unwrap_or_default();
    assert!(why.contains("filters apply to a search"), "{why}");
    let long = "あ".repeat(201);
    let bad = agent
        .get(&format!("/agent/requests?q={}", urlencode(&long)))
        .await;
    assert_eq!(bad.status.as_u16(), 422);
    // A repeated parameter is an error page, not the framework's plain text; for a
    // Japanese customer, in Japanese.
    let bad = agent.get("/agent/requests?q=a&q=b").await;
    assert_eq!(bad.status.as_u16(), 422);
    assert!(bad.text("h1").is_some(), "{}", bad.body);
    let bad = customer
        .get(&format!("/requests/{number}?received=1&received=2"))
        .await;
    assert_eq!(bad.status.as_u16(), 422);
    assert!(bad.text("html[lang=ja] h1").is_some(), "{}", bad.body);

    // The API: staff see everything; a customer their own, without notes.
    assert_eq!(api_search(&agent, "本人確認済み").await, vec![number]);
    assert!(
        api_search(&customer, "本人確認済み").await.is_empty(),
        "a note"
    );
    assert_eq!(api_search(&customer, "紛失").await, vec![number]);
    assert_eq!(
        api_search(&customer, "Google Authenticator").await,
        vec![number]
    );
    assert!(api_search(&customer, "{").await.is_empty());
    assert!(
        api_search(&customer, "二段階認証の解除").await.is_empty(),
        "another's"
    );
    assert_eq!(api_search(&other, "二段階認証の解除").await, vec![others]);

    // A customer filters by the statuses they are shown, never by the desk's own.
    let filtered = |status: &str| format!("/api/v1/requests?q=%E7%B4%9B%E5%A4%B1&status={status}");
    let found = customer.script_get(&filtered("open")).await;
    let body: serde_json::Value = found.json().await.unwrap();
    assert_eq!(body["requests"][0]["number"].as_i64(), Some(number));
    let found = customer.script_get(&filtered("awaiting_reply")).await;
    let body: serde_json::Value = found.json().await.unwrap();
    assert_eq!(body["requests"].as_array().map(Vec::len), Some(0));
    for internal in ["new", "on_hold"] {
        let r = customer.script_get(&filtered(internal)).await;
        assert_eq!(r.status(), 422, "{internal}");
    }
    // A control character, a filter without a text, a negative id: each a clear 422.
    for url in [
        "/api/v1/requests?q=ab%00",
        "/api/v1/requests?q=%00",
        "/api/v1/requests?status=open",
        "/api/v1/requests?q=x&assignee=-1",
        // Bytes that are not UTF-8: refused, not read as U+FFFD.
        "/api/v1/requests?q=%E7%B4",
        "/api/v1/requests?q=%FF%FEab",
    ] {
        let r = agent.script_get(url).await;
        assert_eq!(r.status(), 422, "{url}");
        let body: serde_json::Value = r.json().await.unwrap();
        assert_eq!(body["error"]["code"], "bad_request", "{url}");
    }
    // A NUL pasted into a note is dropped, and the words after it are found.
    agent_update(
        &agent,
        number,
        &[
            ("body", "前半\u{0}後半のことば"),
            ("visibility", "internal"),
        ],
    )
    .await
    .assert_ok();
    assert_eq!(api_search(&agent, "前半後半のことば").await, vec![number]);
}

/// The numbers the API's search answers this browser's session, sorted.
async fn api_search(b: &Browser, q: &str) -> Vec<i64> {
    let r = b
        .script_get(&format!("/api/v1/requests?q={}", urlencode(q)))
        .await;
    assert_eq!(r.status(), 200);
    let body: serde_json::Value = r.json().await.unwrap();
    let mut n: Vec<i64> = body["requests"]
        .as_array()
        .unwrap()
        .iter()
        .map(|r| r["number"].as_i64().unwrap())
        .collect();
    n.sort();
    n
}

fn urlencode(s: &str) -> String {
    s.bytes()
        .map(|b| match b {
            b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'-' | b'_' | b'.' => (b as char).to_string(),
            _ => format!("%{b:02X}"),
        })
        .collect()
}

on_both_backends!(requests_are_found_by_any_words_within_what_the_reader_may_see);

/// `keydesk desk-reindex`: requests whose answers were indexed before the catalogue's
/// labels were (what the migration leaves: the typed values only) are found by their
/// choices' labels afterwards; a second run changes nothing.
async fn desk_reindex_indexes_choices_by_their_labels(backend: Backend) {
    let app = TestApp::spawn(backend).await;
    let customer = japanese_customer(&app, "hanako@example.com").await;
    let key = form_key(&customer, "/requests/new/two-factor").await;
    let page = customer
        .post_files(
            "/requests/new/two-factor",
            &borrowed(&lost_device_fields(&key)),
            &[],
        )
        .await;
    let number = number_in(&page.url);
    let state = &app.running.state;
    let mut tx = state.store.begin().await.unwrap();
    assert!(tx
        .set_desk_answers_text(number, "google-authenticator\nlost")
        .await
        .unwrap());
    tx.commit().await.unwrap();
    let agent = app.signed_in_staff("agent@example.com", Role::Agent).await;
    assert!(api_search(&agent, "端末の紛失・リセット").await.is_empty());

    let first = keydesk::features::desk::reindex::reindex(state)
        .await
        .unwrap();
    assert_eq!((first.rewritten, first.unreadable), (1, 0));
    for label in [
        "端末の紛失・リセット",
        "Google Authenticator",
        "紛失した",
        "Lost",
    ] {
        assert_eq!(api_search(&agent, label).await, vec![number], "{label}");
    }
    assert!(api_search(&agent, "google-authenticator").await.is_empty());
    let again = keydesk::features::desk::reindex::reindex(state)
        .await
        .unwrap();
    assert_eq!((again.rewritten, again.unchanged), (0, 1));
}

on_both_backends!(desk_reindex_indexes_choices_by_their_labels);
