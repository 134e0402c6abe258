//! The desk by mail (issue 16): replies thread onto their request by the token in their
//! headers or in the address they were sent to, never by a `#number` alone; a stranger's
//! mail is kept aside; quoted history is stripped; Japanese mail in its old encodings;
//! automatic mail recorded but never reopening anything; one bad message refused on its
//! own (the CLI's exit status, the gateway's answer) while the next is taken.
use crate::helpers::*;
use keydesk_domain::identity::role::Role;
use keydesk_store::models::OutboxMail;

const SUPPORT: &str = "support@keydesk.test";

fn header(mail: &OutboxMail, name: &str) -> Option<String> {
    let headers: Vec<(String, String)> = serde_json::from_str(&mail.headers).unwrap();
    headers.into_iter().find(|(n, _)| n == name).map(|(_, v)| v)
}

async fn app(backend: Backend) -> TestApp {
    TestApp::spawn_with(backend, |s| s.support_email = Some(SUPPORT.into())).await
}

/// A customer's request through the form; its number and the first mail's headers.
async fn request_of(app: &TestApp, email: &str) -> (i64, OutboxMail) {
    let (b, _, _) = app.enrolled_customer(email).await;
    let page = b.get("/requests/new/other").await;
    let key = page.attr("input[name=idempotency_key]", "value").unwrap();
    let sent = b
        .post_files(
            "/requests/new/other",
            &[
                ("idempotency_key", key.as_str()),
                ("subject", "Fees question"),
                ("description", "What does a withdrawal cost?"),
            ],
            &[],
        )
        .await;
    sent.assert_ok();
    let number: i64 = sent
        .url
        .split("/requests/")
        .nth(1)
        .unwrap()
        .split(['?', '#'])
        .next()
        .unwrap()
        .parse()
        .unwrap();
    let mail = app
        .mails_to(email)
        .await
        .into_iter()
        .find(|m| m.subject.contains(&format!("#{number}")))
        .expect("the automatic reply");
    (number, mail)
}

fn message(from: &str, to: &str, subject: &str, extra: &str, body: &str) -> Vec<u8> {
    format!(
        "From: Someone <{from}>\r\nTo: {to}\r\nSubject: {subject}\r\nMessage-ID: <{}@client.example>\r\n\
         Date: Wed, 02 Dec 2026 10:00:00 +0900\r\nMIME-Version: 1.0\r\n{extra}\
         Content-Type: text/plain; charset=utf-8\r\nContent-Transfer-Encoding: 8bit\r\n\r\n{body}",
        keydesk_domain::identity::token::generate()
    )
    .into_bytes()
}

async fn ingest(app: &TestApp, raw: &[u8]) -> keydesk::features::mail_in::ingest::Ingested {
    keydesk::features::mail_in::ingest::ingest(&app.running.state, raw)
        .await
        .unwrap()
}

async fn messages(app: &TestApp, number: i64) -> Vec<keydesk_store::models::DeskMessage> {
    app.read().await.desk_messages(number).await.unwrap()
}

/// Since when the request's address is marked as failing (a bounce), if it is.
async fn failing(app: &TestApp, number: i64) -> Option<i64> {
    let request = app.read().await.desk_request(number).await.unwrap();
    request.unwrap().email_failing_since
}

async fn status(app: &TestApp, number: i64) -> String {
    app.read()
        .await
        .desk_request(number)
        .await
        .unwrap()
        .unwrap()
        .status
        .as_str()
        .to_owned()
}

async fn threaded_by_token_never_by_number_alone(backend: Backend) {
    use keydesk::features::mail_in::ingest::Ingested;
    let app = app(backend).await;
    let (number, first) = request_of(&app, "hanako@example.com").await;
    let root = header(&first, "Message-ID").unwrap();
    let reply_to = header(&first, "Reply-To").expect("a reply address");
    assert!(
        reply_to.starts_with(&format!("support+{number}.")),
        "{reply_to}"
    );
    assert!(
        !root.starts_with(&format!("<request-{number}@")),
        "not guessable: {root}"
    );

    // A Gmail reply: threaded by In-Reply-To, the quoted history cut.
    let gmail = message(
        "hanako@example.com",
        SUPPORT,
        &format!("Re: [#{number}] Fees question"),
        &format!("In-Reply-To: {root}\r\nReferences: {root}\r\n"),
        "Thank you, that answers it.\r\n\r\nOn Wed, Dec 2, 2026 at 9:00 AM keydesk <support@keydesk.test> wrote:\r\n> Your request has been received.\r\n",
    );
    assert_eq!(ingest(&app, &gmail).await, Ingested::Added(number));
    let last = messages(&app, number).await.pop().unwrap();
    assert_eq!(last.body, "Thank you, that answers it.");
    assert!(last.public);

    // A client that drops the headers: the token in the address it was sent to.
    let by_address = message(
        "Hanako@Example.com",
        &reply_to,
        "Re: fees",
        "",
        "One more question.",
    );
    assert_eq!(ingest(&app, &by_address).await, Ingested::Added(number));

    // The number alone (a stranger could know it): a new request, not this one.
    let before = messages(&app, number).await.len();
    let guessed = message(
        "hanako@example.com",
        SUPPORT,
        &format!("Re: [#{number}] Fees question"),
        &format!("In-Reply-To: <request-{number}@keydesk.test>\r\n"),
        "Is this threaded?",
    );
    let Ingested::Opened(new) = ingest(&app, &guessed).await else {
        panic!("not opened")
    };
    assert_ne!(new, number);
    assert_eq!(messages(&app, number).await.len(), before);
    // …which waits for its sender to confirm the address, like the signed-out form.
    let confirm = app
        .mails_to("hanako@example.com")
        .await
        .into_iter()
        .find(|m| m.subject.contains(&format!("#{new}")))
        .expect("the confirmation mail");
    assert!(link_in(&confirm).contains("/requests/confirm?token="));

    // A stranger with the right headers: kept aside for an agent, not in the conversation.
    let stranger = message(
        "mallory@evil.example",
        SUPPORT,
        "Re: fees",
        &format!("In-Reply-To: {root}\r\n"),
        "Please send the account's funds to me.",
    );
    assert_eq!(ingest(&app, &stranger).await, Ingested::KeptAside(number));
    let aside = messages(&app, number).await.pop().unwrap();
    assert!(!aside.public);
    assert!(aside.body.contains("mallory@evil.example"));
}

async fn automatic_mail_never_reopens_and_japanese_encodings_read(backend: Backend) {
    use keydesk::features::mail_in::ingest::Ingested;
    let app = app(backend).await;
    let (number, first) = request_of(&app, "taro@example.com").await;
    let root = header(&first, "Message-ID").unwrap();
    // The agent answers and waits on the customer.
    let agent = app.signed_in_staff("agent@example.com", Role::Agent).await;
    let page = agent.get(&format!("/agent/requests/{number}")).await;
    let version = page.attr("input[name=version]", "value").unwrap();
    agent
        .post_files(
            &format!("/agent/requests/{number}"),
            &[
                ("version", version.as_str()),
                ("body", "Withdrawals cost 300 yen."),
                ("visibility", "public"),
                ("status", "pending"),
            ],
            &[],
        )
        .await
        .assert_ok();
    assert_eq!(status(&app, number).await, "pending");
    for extra in [
        "Auto-Submitted: auto-replied\r\n",
        "X-Auto-Response-Suppress: All\r\n",
        "Precedence: bulk\r\n",
    ] {
        let out_of_office = message(
            "taro@example.com",
            SUPPORT,
            "Out of office",
            &format!("{extra}In-Reply-To: {root}\r\n"),
            "I am away until Monday.",
        );
        assert_eq!(
            ingest(&app, &out_of_office).await,
            Ingested::Recorded(Some(number))
        );
    }
    assert_eq!(status(&app, number).await, "pending", "never reopened");
    let before = app.mails_to("taro@example.com").await.len();

    // Japanese from an old client: ISO-2022-JP subject (encoded-word) and body.
    let (jis, _, _) = encoding_rs::ISO_2022_JP.encode("承知しました。ありがとうございます。");
    let (subject, _, _) = encoding_rs::ISO_2022_JP.encode("Re: 手数料について");
    let subject = format!(
        "=?ISO-2022-JP?B?{}?=",
        data_encoding::BASE64.encode(&subject)
    );
    let mut raw = format!(
        "From: taro@example.com\r\nTo: {SUPPORT}\r\nSubject: {subject}\r\nIn-Reply-To: {root}\r\n\
         MIME-Version: 1.0\r\nContent-Type: text/plain; charset=ISO-2022-JP\r\n\
         Content-Transfer-Encoding: 7bit\r\n\r\n"
    )
    .into_bytes();
    raw.extend_from_slice(&jis);
    assert_eq!(ingest(&app, &raw).await, Ingested::Added(number));
    assert_eq!(
        messages(&app, number).await.pop().unwrap().body,
        "承知しました。ありがとうございます。"
    );
    assert_eq!(
        status(&app, number).await,
        "open",
        "the customer's reply reopens"
    );

    // Shift_JIS, quoted history in Japanese Gmail's form.
    let (sjis, _, _) = encoding_rs::SHIFT_JIS.encode(
        "追加で質問です。\r\n\r\n2026年12月2日(水) 10:00 keydesk <support@keydesk.test>:\r\n> 出金手数料は300円です。\r\n",
    );
    let mut raw = format!(
        "From: taro@example.com\r\nTo: {SUPPORT}\r\nSubject: =?UTF-8?B?{}?=\r\nIn-Reply-To: {root}\r\n\
         MIME-Version: 1.0\r\nContent-Type: text/plain; charset=Shift_JIS\r\n\
         Content-Transfer-Encoding: 8bit\r\n\r\n",
        data_encoding::BASE64.encode("Re: 手数料".as_bytes())
    )
    .into_bytes();
    raw.extend_from_slice(&sjis);
    assert_eq!(ingest(&app, &raw).await, Ingested::Added(number));
    assert_eq!(
        messages(&app, number).await.pop().unwrap().body,
        "追加で質問です。"
    );
    // Nothing was answered to the automatic mails.
    assert_eq!(app.mails_to("taro@example.com").await.len(), before);

    // A bounce marks the customer's address as failing on the request.
    let bounce = format!(
        "From: MAILER-DAEMON@mx.example.com\r\nTo: {SUPPORT}\r\nSubject: Undelivered Mail\r\n\
         In-Reply-To: {root}\r\nMIME-Version: 1.0\r\n\
         Content-Type: multipart/report; report-type=delivery-status; boundary=b\r\n\r\n\
         --b\r\nContent-Type: text/plain\r\n\r\nThe mail could not be delivered.\r\n--b--\r\n"
    );
    assert_eq!(
        ingest(&app, bounce.as_bytes()).await,
        Ingested::Recorded(Some(number))
    );
    let note = messages(&app, number).await.pop().unwrap();
    assert!(!note.public);
    assert!(note.body.contains("taro@example.com"), "{}", note.body);
    assert!(failing(&app, number).await.is_some(), "marked");
    // They write in again from it: the mark goes.
    let again = message(
        "taro@example.com",
        SUPPORT,
        "Re: fees",
        &format!("In-Reply-To: {root}\r\n"),
        "Did my last mail arrive?",
    );
    assert_eq!(ingest(&app, &again).await, Ingested::Added(number));
    assert_eq!(failing(&app, number).await, None);
    // A notification that returns only the headers of our mail (text/rfc822-headers),
    // with nothing in its own headers to thread by.
    let headers_only = format!(
        "From: postmaster@mx.example.com\r\nTo: {SUPPORT}\r\nSubject: Delivery Status Notification (Failure)\r\n\
         MIME-Version: 1.0\r\n\
         Content-Type: multipart/report; report-type=delivery-status; boundary=b\r\n\r\n\
         --b\r\nContent-Type: text/plain\r\n\r\nDelivery has failed.\r\n\
         --b\r\nContent-Type: message/delivery-status\r\n\r\nReporting-MTA: dns; mx.example.com\r\n\r\n\
         Final-Recipient: rfc822; taro@example.com\r\nAction: failed\r\nStatus: 5.1.1\r\n\
         --b\r\nContent-Type: text/rfc822-headers\r\n\r\nFrom: support@keydesk.test\r\n\
         To: taro@example.com\r\nMessage-ID: {root}\r\nSubject: fees\r\n\r\n--b--\r\n"
    );
    assert_eq!(
        ingest(&app, headers_only.as_bytes()).await,
        Ingested::Recorded(Some(number))
    );
    assert!(failing(&app, number).await.is_some(), "marked again");
    assert_eq!(
        status(&app, number).await,
        "open",
        "a bounce changes no status"
    );
}

async fn one_bad_message_is_refused_alone_by_the_cli_and_the_gateway(backend: Backend) {
    let app = TestApp::spawn_with(backend, |s| {
        s.support_email = Some(SUPPORT.into());
        s.desk.max_mail_mb = 1;
    })
    .await;
    let (number, first) = request_of(&app, "hanako@example.com").await;
    let root = header(&first, "Message-ID").unwrap();
    let run = |raw: Vec<u8>| {
        let mut command = app.command();
        command
            .arg("mail-ingest")
            .env("KEYDESK_DESK__MAX_MAIL_MB", "1")
            .env("KEYDESK_SUPPORT_EMAIL", SUPPORT)
            .stdin(std::process::Stdio::piped())
            .stdout(std::process::Stdio::piped())
            .stderr(std::process::Stdio::piped());
        let mut child = command.spawn().unwrap();
        use std::io::Write;
        // The command stops reading past the limit: the rest is refused, not read.
        let _ = child.stdin.take().unwrap().write_all(&raw);
        let out = child.wait_with_output().unwrap();
        (
            out.status.code(),
            String::from_utf8_lossy(&out.stderr).into_owned(),
        )
    };
    let huge = message(
        "hanako@example.com",
        SUPPORT,
        "Big",
        &format!("In-Reply-To: {root}\r\n"),
        &"x".repeat(2 * 1024 * 1024),
    );
    assert_eq!(
        run(huge).0,
        Some(65),
        "refused for good: the MTA bounces it"
    );
    assert_eq!(run(b"no headers at all".to_vec()).0, Some(65));
    let fine = message(
        "hanako@example.com",
        SUPPORT,
        "Re: fees",
        &format!("In-Reply-To: {root}\r\n"),
        "Taken after the bad ones.",
    );
    let (code, said) = run(fine);
    assert_eq!(code, Some(0), "{said}");
    assert!(said.contains(&format!("#{number}")), "{said}");
    assert_eq!(
        messages(&app, number).await.pop().unwrap().body,
        "Taken after the bad ones."
    );

    // The gateway's endpoint: a service token with mail:ingest, nothing else.
    let state = &app.running.state;
    let meta = keydesk::usecase::RequestMeta::for_operator();
    let ingest_token = keydesk::features::capabilities::tokens::create(
        state,
        &meta,
        None,
        "gateway",
        &["mail:ingest"],
    )
    .await
    .unwrap()
    .token;
    let read_token = keydesk::features::capabilities::tokens::create(
        state,
        &meta,
        None,
        "reader",
        &["capabilities:read"],
    )
    .await
    .unwrap()
    .token;
    let post = |token: Option<&str>, body: Vec<u8>| {
        let mut r = reqwest::Client::new()
            .post(format!("{}/api/v1/mail/inbound", app.base))
            .header("content-type", "message/rfc822")
            .body(body);
        if let Some(t) = token {
            r = r.bearer_auth(t);
        }
        r.send()
    };
    let reply = message(
        "hanako@example.com",
        SUPPORT,
        "Re: fees",
        &format!("In-Reply-To: {root}\r\n"),
        "Through the gateway.",
    );
    assert_eq!(post(None, reply.clone()).await.unwrap().status(), 401);
    assert_eq!(
        post(Some(&read_token), reply.clone())
            .await
            .unwrap()
            .status(),
        403
    );
    let taken = post(Some(&ingest_token), reply).await.unwrap();
    assert_eq!(taken.status(), 200);
    let body: serde_json::Value = taken.json().await.unwrap();
    assert_eq!(body["outcome"], "added");
    assert_eq!(body["number"], number);
    let bad = post(Some(&ingest_token), b"garbage".to_vec())
        .await
        .unwrap();
    assert_eq!(bad.status(), 422);
}

/// A multipart mail with these files (name, type, bytes), base64 as clients send them.
fn with_files(
    from: &str,
    to: &str,
    extra: &str,
    body: &str,
    files: &[(&str, &str, &[u8])],
) -> Vec<u8> {
    use base64::Engine;
    let mut raw = format!(
        "From: {from}\r\nTo: {to}\r\nSubject: Re: slip\r\nMessage-ID: <{}@client.example>\r\n{extra}\
         MIME-Version: 1.0\r\nContent-Type: multipart/mixed; boundary=\"xx\"\r\n\r\n\
         --xx\r\nContent-Type: text/plain; charset=utf-8\r\n\r\n{body}\r\n",
        keydesk_domain::identity::token::generate()
    );
    for (name, kind, bytes) in files {
        let encoded = base64::engine::general_purpose::STANDARD.encode(bytes);
        raw.push_str(&format!(
            "--xx\r\nContent-Type: {kind}; name=\"{name}\"\r\nContent-Disposition: attachment; filename=\"{name}\"\r\n\
             Content-Transfer-Encoding: base64\r\n\r\n{encoded}\r\n"
        ));
    }
    raw.push_str("--xx--\r\n");
    raw.into_bytes()
}

async fn a_mails_files_are_kept_within_the_desks_limits(backend: Backend) {
    use keydesk::features::mail_in::ingest::Ingested;
    let app = TestApp::spawn_with(backend, |s| {
        s.support_email = Some(SUPPORT.into());
        s.desk.max_attachments = 2;
    })
    .await;
    let (number, first) = request_of(&app, "aoi@example.com").await;
    let root = header(&first, "Message-ID").unwrap();
    let png = noise_png(64, 48);
    let pdf = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n".to_vec();
    let reply = with_files(
        "aoi@example.com",
        SUPPORT,
        &format!("In-Reply-To: {root}\r\n"),
        "The slip and my statement.",
        &[
            ("振込明細.png", "image/png", &png),
            (
                "setup.exe",
                "application/octet-stream",
                b"MZ\x90\x00\x03\x00\x00\x00",
            ),
            ("statement.pdf", "application/pdf", &pdf),
            ("fourth.png", "image/png", &png),
        ],
    );
    assert_eq!(ingest(&app, &reply).await, Ingested::Added(number));
    let files = app.read().await.desk_attachments(number).await.unwrap();
    let names: Vec<&str> = files.iter().map(|f| f.original_name.as_str()).collect();
    assert_eq!(
        names,
        ["振込明細.jpg", "statement.pdf"],
        "re-encoded, the rest left out"
    );
    let added = messages(&app, number).await;
    let reply_id = added.iter().rev().find(|m| m.public).unwrap().id;
    assert!(files.iter().all(|f| f.message_id == Some(reply_id)));
    let note = added.last().unwrap();
    assert!(!note.public);
    assert!(
        note.body.contains("setup.exe") && note.body.contains("fourth.png"),
        "{}",
        note.body
    );
    // A new mail with a file opens a request holding it.
    let new = with_files(
        "kai@example.com",
        SUPPORT,
        "",
        "My deposit is missing; the slip is attached.",
        &[("slip.png", "image/png", &png)],
    );
    let Ingested::Opened(opened) = ingest(&app, &new).await else {
        panic!("not opened")
    };
    let files = app.read().await.desk_attachments(opened).await.unwrap();
    assert_eq!(files.len(), 1);
}

on_both_backends!(
    threaded_by_token_never_by_number_alone,
    a_mails_files_are_kept_within_the_desks_limits,
    automatic_mail_never_reopens_and_japanese_encodings_read,
    one_bad_message_is_refused_alone_by_the_cli_and_the_gateway,
);
