//! The desk by mail through a real MTA (issue 16): an agent's reply goes out over SMTP
//! with STARTTLS to Postfix, into the customer's mailbox; the customer's reply to it goes
//! back through Postfix, which pipes it to `keydesk mail-ingest`, and the request
//! reopens. A mail to an address that does not exist comes back as Postfix's own
//! delivery status notification, which marks the address as failing on its request.
use crate::helpers::postfix::{
    Postfix, CUSTOMER_DOMAIN, GONE_DOMAIN, REFUSED_DOMAIN, SUPPORT_DOMAIN,
};
use crate::helpers::*;
use keydesk::config::{MailTransport, SmtpTls};
use keydesk_domain::identity::role::Role;
use mail_parser::MessageParser;
use std::time::Duration;

async fn app_behind(postfix: &Postfix, backend: Backend) -> TestApp {
    let app = TestApp::spawn_with(backend, |s| {
        s.mail.transport = MailTransport::Smtp;
        s.mail.from = format!("Support <support@{SUPPORT_DOMAIN}>");
        s.mail.smtp.host = "127.0.0.1".into();
        s.mail.smtp.port = postfix.port;
        s.mail.smtp.tls = SmtpTls::Starttls;
        s.mail.smtp.ca_file = Some(postfix.ca_file());
        s.support_email = Some(format!("support@{SUPPORT_DOMAIN}"));
    })
    .await;
    postfix.deliver_to(&app);
    app
}

/// A signed-in customer's request through the form; its number.
async fn request_from(app: &TestApp, email: &str) -> i64 {
    let (b, _, _) = app.enrolled_customer(email).await;
    let page = b.get("/requests/new/other").await;
    let key = page.attr("input[name=idempotency_key]", "value").unwrap();
    let sent = b
        .post_files(
            "/requests/new/other",
            &[
                ("idempotency_key", key.as_str()),
                ("subject", "Withdrawal fees"),
                ("description", "What does a withdrawal to my bank cost?"),
            ],
            &[],
        )
        .await;
    sent.assert_ok();
    sent.url
        .split("/requests/")
        .nth(1)
        .unwrap()
        .split(['?', '#'])
        .next()
        .unwrap()
        .parse()
        .unwrap()
}

async fn agent_answers(app: &TestApp, agent: &str, number: i64, body: &str) {
    let agent = app.signed_in_staff(agent, Role::Agent).await;
    let page = agent.get(&format!("/agent/requests/{number}")).await;
    let version = page.attr("input[name=version]", "value").unwrap();
    agent
        .post_files(
            &format!("/agent/requests/{number}"),
            &[
                ("version", version.as_str()),
                ("body", body),
                ("visibility", "public"),
                ("status", "pending"),
            ],
            &[],
        )
        .await
        .assert_ok();
    // The queue's worker: the reply goes out through Postfix.
    app.mails().await;
}

async fn request(app: &TestApp, number: i64) -> keydesk_store::models::DeskRequest {
    app.read()
        .await
        .desk_request(number)
        .await
        .unwrap()
        .unwrap()
}

async fn a_reply_makes_the_whole_round_trip_through_postfix(backend: Backend) {
    let Some(postfix) = Postfix::start() else {
        return;
    };
    let app = app_behind(&postfix, backend).await;
    let customer = format!("hanako@{CUSTOMER_DOMAIN}");
    let number = request_from(&app, &customer).await;
    agent_answers(
        &app,
        "agent@example.com",
        number,
        "A withdrawal to a bank costs 300 yen.",
    )
    .await;
    assert_eq!(request(&app, number).await.status.as_str(), "pending");

    // In the customer's mailbox, having come over TLS.
    let raw = postfix
        .wait_for_mail(|m| String::from_utf8_lossy(m).contains("300 yen"))
        .await;
    let answer = MessageParser::default().parse(&raw).unwrap();
    let received = answer.header_raw("Received").unwrap_or_default();
    assert!(received.contains("TLS"), "sent with STARTTLS: {received}");
    let message_id = answer.message_id().unwrap().to_owned();
    let reply_to = answer
        .reply_to()
        .unwrap()
        .first()
        .unwrap()
        .address()
        .unwrap()
        .to_owned();
    assert!(
        reply_to.starts_with(&format!("support+{number}.")),
        "{reply_to}"
    );

    // The customer's reply, as a mail client writes it, to the Reply-To address.
    let reply = format!(
        "From: Hanako <{customer}>\r\nTo: {reply_to}\r\nSubject: Re: {subject}\r\n\
         Message-ID: <reply-1@{CUSTOMER_DOMAIN}>\r\nIn-Reply-To: <{message_id}>\r\n\
         References: <{message_id}>\r\nDate: Wed, 02 Dec 2026 10:00:00 +0900\r\n\
         MIME-Version: 1.0\r\nContent-Type: text/plain; charset=utf-8\r\n\r\n\
         And to a card?\r\n\r\nOn Wed, Dec 2, 2026 at 9:00 AM Support <support@{SUPPORT_DOMAIN}> wrote:\r\n\
         > A withdrawal to a bank costs 300 yen.\r\n",
        subject = answer.subject().unwrap_or_default(),
    );
    postfix.submit(&customer, &reply_to, reply.as_bytes()).await;

    // Postfix → pipe → `keydesk mail-ingest` → the request reopens.
    let mut reopened = false;
    for _ in 0..300 {
        if request(&app, number).await.status.as_str() == "open" {
            reopened = true;
            break;
        }
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
    assert!(reopened, "the reply did not reopen it: {}", postfix.log());
    let messages = app.read().await.desk_messages(number).await.unwrap();
    let last = messages.last().unwrap();
    assert_eq!(last.body, "And to a card?", "the quoted history cut");
    assert!(last.public);
    assert!(postfix.log().contains("relay=keydesk"), "{}", postfix.log());
}

async fn a_real_bounce_marks_the_address_as_failing(backend: Backend) {
    let Some(postfix) = Postfix::start() else {
        return;
    };
    let app = app_behind(&postfix, backend).await;
    let customer = format!("ken@{GONE_DOMAIN}");
    let number = request_from(&app, &customer).await;
    assert_eq!(request(&app, number).await.email_failing_since, None);
    agent_answers(
        &app,
        "agent@example.com",
        number,
        "Could you tell us your user id?",
    )
    .await;
    // Postfix refuses the address and mails its notification to our sender, which is
    // piped back in.
    let mut marked = None;
    for _ in 0..300 {
        marked = request(&app, number).await.email_failing_since;
        if marked.is_some() {
            break;
        }
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
    assert!(marked.is_some(), "not marked: {}", postfix.log());
    assert_eq!(
        request(&app, number).await.status.as_str(),
        "pending",
        "a bounce reopens nothing"
    );
    let agent = app.signed_in_staff("lead@example.com", Role::Agent).await;
    let page = agent.get(&format!("/agent/requests/{number}")).await;
    let warning = page.text("#email-failing").unwrap();
    assert!(warning.contains(&customer), "{warning}");

    // Refused while being sent (550 to RCPT TO): marked the same, and not sent again.
    let refused = format!("mio@{REFUSED_DOMAIN}");
    let number = request_from(&app, &refused).await;
    agent_answers(&app, "second@example.com", number, "Which bank is it?").await;
    assert!(request(&app, number).await.email_failing_since.is_some());
    // A failed mail would be tried again within the hour; a refused one is not.
    app.clock.advance(3600);
    let state = &app.running.state;
    let retried = keydesk::jobs::run_due(state, keydesk::features::perform)
        .await
        .unwrap();
    assert_eq!(retried, 0, "a refused mail is not retried");
}

on_both_backends!(
    a_reply_makes_the_whole_round_trip_through_postfix,
    a_real_bounce_marks_the_address_as_failing,
);
