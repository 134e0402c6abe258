//! Real SMTP delivery through lettre, against a minimal SMTP server in the test, and the
//! durable queue's retry with back-off when the relay is down.
use crate::helpers::*;
use keydesk::config::{MailTransport, SmtpTls};
use std::sync::{Arc, Mutex};
use tokio::io::{AsyncBufReadExt, AsyncWriteExt, BufReader};
use tokio::net::TcpListener;

/// Accepts every message and keeps its DATA.
async fn smtp_sink() -> (u16, Arc<Mutex<Vec<String>>>) {
    let listener = TcpListener::bind("127.0.0.1:0").await.unwrap();
    let port = listener.local_addr().unwrap().port();
    let received = Arc::new(Mutex::new(Vec::new()));
    let store = received.clone();
    tokio::spawn(async move {
        loop {
            let Ok((socket, _)) = listener.accept().await else {
                return;
            };
            let store = store.clone();
            tokio::spawn(async move {
                let (r, mut w) = socket.into_split();
                let mut lines = BufReader::new(r).lines();
                w.write_all(b"220 sink ESMTP\r\n").await.unwrap();
                let mut data: Option<String> = None;
                while let Ok(Some(line)) = lines.next_line().await {
                    if let Some(body) = data.as_mut() {
                        if line == "." {
                            store.lock().unwrap().push(std::mem::take(body));
                            data = None;
                            w.write_all(b"250 queued\r\n").await.unwrap();
                        } else {
                            body.push_str(&line);
                            body.push('\n');
                        }
                        continue;
                    }
                    let upper = line.to_ascii_uppercase();
                    let reply: &[u8] = if upper.starts_with("EHLO") || upper.starts_with("HELO") {
                        b"250-sink\r\n250 8BITMIME\r\n"
                    } else if upper.starts_with("DATA") {
                        data = Some(String::new());
                        b"354 go ahead\r\n"
                    } else if upper.starts_with("QUIT") {
                        w.write_all(b"221 bye\r\n").await.unwrap();
                        return;
                    } else {
                        b"250 ok\r\n"
                    };
                    w.write_all(reply).await.unwrap();
                }
            });
        }
    });
    (port, received)
}

/// An application that sends its mail by plain SMTP to a relay on this port.
async fn app_relaying_to(backend: Backend, port: u16) -> TestApp {
    TestApp::spawn_with(backend, |s| {
        s.mail.transport = MailTransport::Smtp;
        s.mail.smtp.host = "127.0.0.1".into();
        s.mail.smtp.port = port;
        s.mail.smtp.tls = SmtpTls::None;
    })
    .await
}

async fn mails_go_out_over_smtp(backend: Backend) {
    let (port, received) = smtp_sink().await;
    let app = app_relaying_to(backend, port).await;
    let b = Browser::new(&app.base, "ja");
    b.post(
        "/signup",
        &[("email", "smtp@example.com"), ("password", PASSWORD)],
    )
    .await
    .assert_ok();
    assert!(
        app.mails().await.is_empty(),
        "nothing in the outbox: it went out by SMTP"
    );
    let got = received.lock().unwrap().clone();
    assert_eq!(got.len(), 1);
    assert!(got[0].contains("To: smtp@example.com"), "{}", got[0]);
    assert!(got[0].contains("multipart/alternative"));
    assert!(got[0].contains("Subject: "));
    assert!(got[0].contains("text/plain") && got[0].contains("text/html"));
}

async fn a_relay_that_is_down_is_retried_with_back_off(backend: Backend) {
    // A port nobody listens on.
    let port = {
        let l = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
        l.local_addr().unwrap().port()
    };
    let app = app_relaying_to(backend, port).await;
    app.browser()
        .post(
            "/signup",
            &[("email", "later@example.com"), ("password", PASSWORD)],
        )
        .await
        .assert_ok();
    let state = &app.running.state;
    assert_eq!(
        keydesk::jobs::run_due(state, keydesk::features::perform)
            .await
            .unwrap(),
        1,
        "tried once"
    );
    assert_eq!(
        keydesk::jobs::run_due(state, keydesk::features::perform)
            .await
            .unwrap(),
        0,
        "then waits"
    );
    let pending = state
        .store
        .read()
        .await
        .unwrap()
        .pending_job_count()
        .await
        .unwrap();
    assert_eq!(pending, 1, "kept for a retry, not lost");
    app.clock.advance(31);
    assert_eq!(
        keydesk::jobs::run_due(state, keydesk::features::perform)
            .await
            .unwrap(),
        1,
        "retried after the back-off"
    );
}

on_both_backends!(
    mails_go_out_over_smtp,
    a_relay_that_is_down_is_retried_with_back_off,
);
