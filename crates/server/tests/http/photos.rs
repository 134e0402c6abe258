//! The photo pre-check in the product: bad files get clear errors, blocked photos can
//! be sent anyway after two tries, stored copies are stripped, images reach only their
//! owner and staff (audited).
use crate::helpers::*;
use keydesk_domain::identity::role::Role;
use serde_json::Value;

async fn bad_files_get_clear_errors_in_the_customers_language(backend: Backend) {
    let app = TestApp::spawn(backend).await;
    let (b, _, _) = app.enrolled_customer("files@example.com").await;
    let png = noise_png(640, 480);
    let cases: Vec<(Vec<u8>, &str)> = vec![
        (vec![], "photo_empty"),
        (png[..png.len() / 2].to_vec(), "photo_truncated"),
        (
            b"GIF89a not really a gif".to_vec(),
            "photo_unsupported_format",
        ),
        (b"%PDF-1.7 hello".to_vec(), "photo_unsupported_format"),
        (vec![0xFF, 0xD8, 0xFF, 0xE0, 1, 2, 3, 4, 5], "photo_corrupt"),
    ];
    for (bytes, code) in cases {
        let (status, body) =
            post_photo(&b, "/photo-check/check?kind=selfie", bytes, "image/jpeg").await;
        assert_eq!(body["error"]["code"], code, "{body}");
        assert!(status == 422 || status == 413, "{status}");
        assert!(!body["error"]["message"].as_str().unwrap().is_empty());
    }
    // A 100-megapixel bomb is refused from its header, before any pixel exists.
    let bomb = blank_png(10_000, 10_000);
    assert!(bomb.len() < 1_000_000, "small on disk, 100 MP once decoded");
    let (status, body) = post_photo(&b, "/photo-check/check?kind=selfie", bomb, "image/png").await;
    assert_eq!(
        (status, body["error"]["code"].as_str()),
        (422, Some("photo_too_many_pixels")),
        "{body}"
    );
    // More than the upload limit: refused with the same JSON shape.
    let (status, body) = post_photo(
        &b,
        "/photo-check/check?kind=selfie",
        vec![0u8; 32 * 1024 * 1024],
        "image/jpeg",
    )
    .await;
    assert_eq!(
        (status, body["error"]["code"].as_str()),
        (413, Some("photo_too_large"))
    );
    let (status, body) = post_photo(&b, "/photo-check/check?kind=passport", png, "image/png").await;
    assert_eq!(
        (status, body["error"]["code"].as_str()),
        (422, Some("bad_request"))
    );
    // Nothing was stored.
    assert!(!app.dir.path().join("photos").exists());
}

/// Without script the page is a plain multipart form: the photo is checked as it is
/// sent, what blocks it comes back on the page (the choices kept), a blocked photo is a
/// try towards "send anyway", and the CSRF field must come first.
async fn a_photo_is_sent_without_script(backend: Backend) {
    let app = TestApp::spawn(backend).await;
    let (b, _, _) = app.enrolled_customer("noscript@example.com").await;
    let page = b.get("/photo-check").await;
    assert_eq!(
        page.attr("form#photo-form", "enctype").as_deref(),
        Some("multipart/form-data")
    );
    assert_eq!(
        page.attr("form#photo-form input:first-of-type", "name")
            .as_deref(),
        Some("csrf")
    );
    let photo = noise_png(800, 600);
    let fields = [("kind", "selfie"), ("name", "TANAKA HANAKO")];
    let sent = |extra: &'static [(&'static str, &'static str)]| {
        let mut all = fields.to_vec();
        all.extend_from_slice(extra);
        let b = &b;
        let photo = &photo;
        async move { b.upload("/photo-check", &all, ("image/png", photo)).await }
    };

    let page = sent(&[("send_anyway", "1")]).await;
    assert_eq!(page.status, 422, "{}", page.body);
    let findings = page.all_text("#findings li.error");
    assert!(findings.iter().any(|m| m.contains("face")), "{findings:?}");
    assert!(page.text("#choose-again").is_some());
    assert_eq!(
        page.attr("#name", "value").as_deref(),
        Some("TANAKA HANAKO")
    );
    assert!(page
        .attr("#kind option[value=selfie]", "selected")
        .is_some());
    assert!(
        page.attr("#send-anyway-box", "hidden").is_some(),
        "no sending anyway after one try"
    );

    let page = sent(&[("send_anyway", "1")]).await;
    assert_eq!(page.status, 422);
    assert!(page.attr("#send-anyway-box", "hidden").is_none());
    assert!(page
        .text("#photo-status")
        .is_some_and(|t| t.contains("send it anyway")));

    // A forged form (no CSRF field, or not first) stores nothing.
    let forged = b
        .post_multipart(
            "/photo-check",
            &[("kind", "selfie"), ("send_anyway", "1")],
            ("image/png", &photo),
            false,
        )
        .await;
    assert_eq!(forged.status, 403);
    let token = b.csrf().await;
    let late = b
        .post_multipart(
            "/photo-check",
            &[("kind", "selfie"), ("send_anyway", "1"), ("csrf", &token)],
            ("image/png", &photo),
            false,
        )
        .await;
    assert_eq!(late.status, 403, "the CSRF field must come first");
    assert!(!app.dir.path().join("photos").exists());

    let page = sent(&[("send_anyway", "1")]).await;
    assert_eq!(
        (page.status.as_u16(), page.url.as_str()),
        (200, "/photo-check")
    );
    assert_eq!(
        page.text("#photo-status").as_deref(),
        Some("Your photo was sent.")
    );
    assert_eq!(page.all_text("#submissions li").len(), 1);
    assert_eq!(
        std::fs::read_dir(app.dir.path().join("photos"))
            .unwrap()
            .count(),
        1
    );

    // What the form cannot use gets its message on the page.
    let page = b
        .upload(
            "/photo-check",
            &[("kind", "passport")],
            ("image/png", &photo),
        )
        .await;
    assert_eq!(page.status, 422);
    assert!(page.text("#photo-status").is_some_and(|t| !t.is_empty()));
    let page = b
        .upload(
            "/photo-check",
            &[("kind", "selfie")],
            ("image/jpeg", b"not a picture"),
        )
        .await;
    assert_eq!(page.status, 422);
    let too_big = vec![0u8; 32 * 1024 * 1024];
    let page = b
        .upload(
            "/photo-check",
            &[("kind", "selfie")],
            ("image/jpeg", &too_big),
        )
        .await;
    assert_eq!(page.status, 413);
    assert!(
        page.text("#photo-status").is_some_and(|t| t.contains("MB")),
        "{}",
        page.body
    );
    assert_eq!(page.all_text("#submissions li").len(), 1);
}

async fn a_blocked_photo_is_sent_only_anyway_after_two_tries(backend: Backend) {
    let app = TestApp::spawn(backend).await;
    let (b, _, _) = app.enrolled_customer("selfie@example.com").await;
    let photo = noise_png(800, 600);
    let (status, body) = post_photo(
        &b,
        "/photo-check/check?kind=selfie&name=TANAKA%20HANAKO",
        photo.clone(),
        "image/png",
    )
    .await;
    assert_eq!(status, 200, "{body}");
    assert_eq!(body["blocking"], true);
    assert_eq!(body["may_send_anyway"], false);
    let messages: Vec<&str> = body["findings"]
        .as_array()
        .unwrap()
        .iter()
        .flat_map(|f| {
            f["messages"]
                .as_array()
                .unwrap()
                .iter()
                .map(|m| m.as_str().unwrap())
        })
        .collect();
    assert!(messages.iter().any(|m| m.contains("face")), "{messages:?}");

    // Refused while blocked, even when asking to send anyway after a single try.
    let (status, body) = post_photo(
        &b,
        "/photo-check/submit?kind=selfie&send_anyway=1",
        photo.clone(),
        "image/png",
    )
    .await;
    assert_eq!(
        (status, body["error"]["code"].as_str()),
        (422, Some("photo_blocked"))
    );

    let (_, body) = post_photo(
        &b,
        "/photo-check/check?kind=selfie",
        photo.clone(),
        "image/png",
    )
    .await;
    assert_eq!(body["may_send_anyway"], true, "{body}");
    let (status, body) = post_photo(
        &b,
        "/photo-check/submit?kind=selfie",
        photo.clone(),
        "image/png",
    )
    .await;
    assert_eq!(status, 422, "not without saying so: {body}");
    let (status, body) = post_photo(
        &b,
        "/photo-check/submit?kind=selfie&send_anyway=1",
        photo,
        "image/png",
    )
    .await;
    assert_eq!(status, 201, "{body}");
    let id = body["id"].as_i64().unwrap();

    // Stored as a clean JPEG, and listed for its owner.
    let files: Vec<_> = std::fs::read_dir(app.dir.path().join("photos"))
        .unwrap()
        .collect();
    assert_eq!(files.len(), 1);
    let page = b.get("/photo-check").await;
    assert!(page.body.contains(&format!("/photos/{id}")));
    let r = b.fetch(&format!("/photos/{id}")).await;
    assert_eq!(r.status(), 200);
    assert_eq!(r.headers()["content-type"], "image/jpeg");
    let bytes = r.bytes().await.unwrap();
    assert_eq!(&bytes[..2], &[0xFF, 0xD8]);
    assert!(
        !bytes.windows(4).any(|w| w == b"Exif"),
        "no EXIF in the stored copy"
    );
    assert!(app
        .audit_kinds("selfie@example.com")
        .await
        .contains(&"photo_submitted".to_owned()));
}

async fn photos_reach_only_their_owner_and_staff_views_are_audited(backend: Backend) {
    let app = TestApp::spawn(backend).await;
    let (owner, _, _) = app.enrolled_customer("owner@example.com").await;
    let (_, body) = send_blocked_selfie_anyway(&owner).await;
    let id = body["id"].as_i64().unwrap();

    let (other, _, _) = app.enrolled_customer("other@example.com").await;
    let r = other.fetch(&format!("/photos/{id}")).await;
    assert_eq!(
        r.status(),
        404,
        "another customer cannot even learn it exists"
    );
    let anonymous = reqwest::get(format!("{}/photos/{id}", app.base))
        .await
        .unwrap();
    assert_eq!(anonymous.url().path(), "/login");

    let agent = app.signed_in_staff("agent@example.com", Role::Agent).await;
    let r = agent.fetch(&format!("/photos/{id}")).await;
    assert_eq!(r.status(), 200);
    assert!(app
        .audit_kinds("owner@example.com")
        .await
        .contains(&"photo_viewed_by_staff".to_owned()));
}

/// The agent reads the review in the agent's language: what the customer was told, the
/// checks by name, no internal codes or raw numbers in the main table; staff start at
/// their queue and are not offered the customer's photo check.
async fn the_agents_review_speaks_the_agents_language(backend: Backend) {
    let app = TestApp::spawn(backend).await;
    let (b, _, _) = app.enrolled_customer("review@example.com").await;
    let (status, body) = send_blocked_selfie_anyway(&b).await;
    assert_eq!(status, 201, "{body}");
    let id = body["id"].as_i64().unwrap();

    let staff = app.signed_in_staff("agent@example.com", Role::Agent).await;
    assert_eq!(
        staff.get("/").await.url,
        "/agent/photos",
        "staff start at the queue"
    );
    assert!(staff
        .get("/account")
        .await
        .attr("#photo-check-link", "href")
        .is_none());
    staff
        .post("/language", &[("lang", "ja"), ("back", "/")])
        .await;
    let page = staff.get(&format!("/agent/photos/{id}")).await;
    page.assert_ok();
    let table = page.text("#findings").unwrap();
    for raw in [
        "orientation",
        "screen_or_print",
        "pass",
        "warn",
        "fail",
        "id-selfie",
    ] {
        assert!(!table.contains(raw), "{raw} in {table}");
    }
    assert!(table.contains("顔"), "{table}");
    assert!(
        page.text("h1 + p").unwrap().contains("本人確認"),
        "the kind in Japanese"
    );
    assert!(page.text("#measurements summary").is_some());
}

/// A photo with several problems leads with the one that explains the rest: failures
/// first, and a photo too dark or blurred to read says so before "no document found".
async fn the_finding_that_matters_comes_first(backend: Backend) {
    let app = TestApp::spawn(backend).await;
    let (b, _, _) = app.enrolled_customer("order@example.com").await;
    let (status, body) = post_photo(
        &b,
        "/photo-check/check?kind=selfie",
        blank_png(800, 600),
        "image/png",
    )
    .await;
    assert_eq!(status, 200, "{body}");
    let findings = body["findings"].as_array().unwrap();
    let checks: Vec<&str> = findings
        .iter()
        .map(|f| f["check"].as_str().unwrap())
        .collect();
    assert!(["sharpness", "exposure"].contains(&checks[0]), "{checks:?}");
    let statuses: Vec<&str> = findings
        .iter()
        .map(|f| f["status"].as_str().unwrap())
        .collect();
    let first_warn = statuses
        .iter()
        .position(|s| *s == "warn")
        .unwrap_or(statuses.len());
    assert!(
        statuses[first_warn..].iter().all(|s| *s == "warn"),
        "{statuses:?}"
    );
    let page = b.get("/photo-check").await;
    assert!(
        page.text("#photo-purpose").is_some(),
        "the page says what the photos are for"
    );
    // The memo's date is today where the customer is, written the customer's way.
    let date = page.text("#memo-date").unwrap();
    assert!(date.len() == 10 && date.as_bytes()[4] == b'-', "{date}");
    b.post("/language", &[("lang", "ja"), ("back", "/photo-check")])
        .await;
    let date = b.get("/photo-check").await.text("#memo-date").unwrap();
    assert!(date.contains('年') && date.ends_with('日'), "{date}");
}

async fn api_photocheck_returns_the_findings(backend: Backend) {
    let app = TestApp::spawn(backend).await;
    let (b, _, _) = app.enrolled_customer("api-photo@example.com").await;
    let csrf = b.csrf().await;
    let r = b
        .client
        .post(format!(
            "{}/api/v1/photocheck?kind=document-front&ocr=false",
            app.base
        ))
        .header("x-csrf-token", csrf)
        .header("content-type", "image/png")
        .body(noise_png(800, 600))
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), 200);
    let body: Value = r.json().await.unwrap();
    let findings = body["report"]["findings"].as_array().unwrap();
    assert!(findings
        .iter()
        .all(|f| f["check"].is_string() && f["status"].is_string()));
    assert!(body["report"]["skipped"]
        .as_array()
        .unwrap()
        .iter()
        .any(|s| s["why"] == "ocr_disabled"));
    let r = reqwest::Client::new()
        .post(format!("{}/api/v1/photocheck?kind=selfie", app.base))
        .body(vec![1, 2, 3])
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), 401);
}

/// One run, not per backend: `keydesk photocheck` opens no database.
#[test]
fn command_line_photocheck_exit_status() {
    let dir = tempfile::tempdir().unwrap();
    let run = |file: &std::path::Path, extra: &[&str]| {
        std::process::Command::new(env!("CARGO_BIN_EXE_keydesk"))
            .arg("photocheck")
            .arg(file)
            .args(["--kind", "selfie", "--no-ocr"])
            .args(extra)
            .output()
            .unwrap()
    };
    let empty = dir.path().join("empty.jpg");
    std::fs::write(&empty, b"").unwrap();
    let out = run(&empty, &[]);
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("empty"));

    // A PNG named .jpg is read by its content, not its name.
    let png_named_jpg = dir.path().join("photo.jpg");
    std::fs::write(&png_named_jpg, noise_png(800, 600)).unwrap();
    let out = run(&png_named_jpg, &["--json"]);
    assert_eq!(out.status.code(), Some(1), "no face: blocked");
    let json: Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(json["blocking"], true);
    assert_eq!(
        json["report"]["format"]
            .as_str()
            .map(str::to_lowercase)
            .as_deref(),
        Some("png")
    );
    let out = run(&png_named_jpg, &["--date", "not-a-date"]);
    assert_ne!(out.status.code(), Some(0));
}

on_both_backends!(
    the_finding_that_matters_comes_first,
    the_agents_review_speaks_the_agents_language,
    bad_files_get_clear_errors_in_the_customers_language,
    a_photo_is_sent_without_script,
    a_blocked_photo_is_sent_only_anyway_after_two_tries,
    photos_reach_only_their_owner_and_staff_views_are_audited,
    api_photocheck_returns_the_findings,
);

/// The binary's OCR runs with one OpenMP thread however it is started: started without
/// `OMP_THREAD_LIMIT`, it restarts itself with the variable set, and libgomp (which
/// reads it once, at load) reports the limit in force. Setting it inside `main` only
/// would leave libgomp unlimited, and this test would see that.
#[test]
fn openmp_is_limited_to_one_thread_however_the_binary_is_started() {
    let out = std::process::Command::new(env!("CARGO_BIN_EXE_keydesk"))
        .arg("--help")
        .env_remove("OMP_THREAD_LIMIT")
        .env("OMP_DISPLAY_ENV", "true")
        .output()
        .unwrap();
    assert!(out.status.success());
    let stderr = String::from_utf8_lossy(&out.stderr);
    // libgomp prints its settings each time it is loaded: the last load is the process
    // that ran.
    let last = stderr
        .rsplit("OPENMP DISPLAY ENVIRONMENT BEGIN")
        .next()
        .filter(|_| stderr.contains("OPENMP DISPLAY ENVIRONMENT BEGIN"))
        .expect("libgomp is loaded (the OCR feature links Tesseract)");
    let limit = last
        .lines()
        .find(|l| l.trim_start().starts_with("OMP_THREAD_LIMIT"))
        .unwrap_or_default();
    assert!(
        limit.contains("'1'"),
        "libgomp runs with {limit:?}:\n{stderr}"
    );
    // Already set by whoever started it: no restart, the setting is theirs.
    let out = std::process::Command::new(env!("CARGO_BIN_EXE_keydesk"))
        .arg("--help")
        .env("OMP_THREAD_LIMIT", "2")
        .env("OMP_DISPLAY_ENV", "true")
        .output()
        .unwrap();
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert_eq!(
        stderr.matches("OPENMP DISPLAY ENVIRONMENT BEGIN").count(),
        1,
        "{stderr}"
    );
    assert!(stderr.contains("OMP_THREAD_LIMIT = '2'"), "{stderr}");
}
