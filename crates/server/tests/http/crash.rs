//! Nothing acknowledged is lost: the server (a real process) is killed with SIGKILL in
//! the middle of 200 concurrent submissions with attachments; after a restart every
//! request whose number was answered is there with its attachment, and once the sweep
//! has run no file is left that no row points at.
use crate::helpers::*;
use base64::Engine;
use keydesk_domain::identity::role::Role;
use std::path::Path;
use std::time::Duration;

/// A PDF of about `size` bytes (kept as sent: no re-encoding).
fn pdf(size: usize, seed: usize) -> Vec<u8> {
    let mut out = format!("%PDF-1.4\n% {seed}\n").into_bytes();
    out.extend((0..size).map(|i| b'a' + ((i * 31 + seed) % 26) as u8));
    out.extend_from_slice(b"\n%%EOF\n");
    out
}

fn files_under(dir: &Path) -> Vec<String> {
    std::fs::read_dir(dir)
        .map(|d| {
            d.flatten()
                .map(|e| e.file_name().to_string_lossy().into_owned())
                .filter(|n| !n.starts_with('.'))
                .collect()
        })
        .unwrap_or_default()
}

async fn nothing_acknowledged_is_lost_when_the_server_is_killed(backend: Backend) {
    let app = TestApp::spawn(backend).await;
    let token = app.api_token("crash@example.com", Role::Customer).await;
    let port = free_port();
    let mut child = app
        .command()
        .arg("serve")
        .env("KEYDESK_LISTEN", format!("127.0.0.1:{port}"))
        .env("KEYDESK_LOG_FORMAT", "json")
        .env("RUST_LOG", "error")
        .stdout(std::process::Stdio::null())
        .stderr(std::process::Stdio::null())
        .spawn()
        .unwrap();
    let base = format!("http://127.0.0.1:{port}");
    let client = reqwest::Client::new();
    let mut ready = false;
    for _ in 0..300 {
        if client
            .get(format!("{base}/readyz"))
            .send()
            .await
            .is_ok_and(|r| r.status() == 200)
        {
            ready = true;
            break;
        }
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
    assert!(ready, "the server did not start");
    let (acked_tx, mut acked_rx) = tokio::sync::mpsc::unbounded_channel::<i64>();
    let mut tasks = Vec::new();
    for i in 0..200 {
        let client = client.clone();
        let url = format!("{base}/api/v1/requests");
        let token = token.clone();
        let acked = acked_tx.clone();
        tasks.push(tokio::spawn(async move {
            let body = serde_json::json!({
                "category": "other",
                "subject": format!("crash {i}"),
                "description": "kill me",
                "idempotency_key": format!("crash-test-{i:04}"),
                "attachments": [{
                    "name": format!("statement-{i}.pdf"),
                    "content_base64": base64::engine::general_purpose::STANDARD.encode(pdf(200 * 1024, i)),
                }],
            });
            let reply = client.post(url).bearer_auth(token).json(&body).send().await;
            if let Ok(r) = reply {
                if r.status() == 201 {
                    if let Ok(v) = r.json::<serde_json::Value>().await {
                        let _ = acked.send(v["number"].as_i64().unwrap());
                    }
                }
            }
        }));
    }
    drop(acked_tx);
    // Kill it once some have been answered and more are in flight.
    let mut acknowledged = Vec::new();
    while acknowledged.len() < 40 {
        match tokio::time::timeout(Duration::from_secs(60), acked_rx.recv()).await {
            Ok(Some(n)) => acknowledged.push(n),
            _ => break,
        }
    }
    child.kill().unwrap();
    child.wait().unwrap();
    for t in tasks {
        let _ = t.await;
    }
    while let Ok(n) = acked_rx.try_recv() {
        acknowledged.push(n);
    }
    assert!(
        acknowledged.len() >= 40,
        "only {} answered",
        acknowledged.len()
    );
    assert!(
        acknowledged.len() < 200,
        "killed too late to prove anything"
    );

    // After a restart: every answered number is there, with its attachment's file.
    let after = app.restarted().await;
    let state = &after.running.state;
    let mut tx = state.store.read().await.unwrap();
    for number in &acknowledged {
        let request = tx.desk_request(*number).await.unwrap();
        assert!(request.is_some(), "#{number} was answered and is gone");
        let files = tx.desk_attachments(*number).await.unwrap();
        assert_eq!(files.len(), 1, "#{number}");
        let key = keydesk::files::FileKey::new("attachments", &files[0].file_name).unwrap();
        let bytes = state.files.get(&key).await.unwrap();
        assert!(
            bytes.is_some_and(|b| b.len() > 200 * 1024),
            "#{number}'s file"
        );
    }
    drop(tx);
    // The sweep (an hour on) leaves only files that rows point at.
    let before_sweep = files_under(&after.dir.path().join("attachments")).len();
    after.clock.advance(2 * 3600);
    keydesk::features::maintenance(state.clone()).await.unwrap();
    let on_disk = files_under(&after.dir.path().join("attachments"));
    let mut tx = state.store.read().await.unwrap();
    for name in &on_disk {
        assert!(
            tx.desk_attachment_file_known(name).await.unwrap(),
            "orphan {name} left"
        );
    }
    let mut rows = 0;
    for id in 1001..1300 {
        rows += tx.desk_attachments(id).await.unwrap().len();
    }
    assert_eq!(
        rows,
        on_disk.len(),
        "every row's file is there and nothing else"
    );
    eprintln!(
        "{backend:?}: {} answered, {rows} stored, {before_sweep} files before the sweep, {} after",
        acknowledged.len(),
        on_disk.len()
    );
}

on_both_backends!(nothing_acknowledged_is_lost_when_the_server_is_killed);
