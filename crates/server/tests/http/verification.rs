//! Identity verification (J5) end to end, with documents made by the project's own
//! generator and the real pre-check: Basic facts, then Enhanced with a passport, approved
//! by an agent; a document not accepted for the country refused at once and fixed by the
//! customer alone; an expired passport refused by the machine; a name that does not
//! match flagged for the agent; a case cleared; capabilities before, during and after,
//! and holds in them; retention; and what must never leak.
use crate::helpers::*;
use keydesk::usecase::RequestMeta;
use keydesk_domain::capability::hold::{Hold, HoldOrigin, HoldScope};
use keydesk_domain::identity::role::Role;
use serde_json::Value;

const DAY: i64 = 86_400;

/// Every checklist item passed, as the agent's form sends it.
const ALL_PASS: [(&str, &str); 7] = [
    ("item_original", "pass"),
    ("item_readable", "pass"),
    ("item_not_expired", "pass"),
    ("item_name_matches", "pass"),
    ("item_birth_date_matches", "pass"),
    ("item_address_matches", "pass"),
    ("item_not_tampered", "pass"),
];

fn facts(native: &str) -> Vec<(&'static str, String)> {
    vec![
        ("country", "JP".into()),
        ("latin_name", "Hanako Yamada".into()),
        ("native_name", native.into()),
        ("date_of_birth", "1990-04-01".into()),
        ("address", "東京都千代田区丸の内1-1-1".into()),
        ("phone", "090-1234-5678".into()),
        ("occupation", "employee".into()),
    ]
}

async fn give_facts(b: &Browser) -> Page {
    let fields = facts("山田 花子");
    let fields: Vec<(&str, &str)> = fields.iter().map(|(k, v)| (*k, v.as_str())).collect();
    b.post("/verification/facts", &fields).await
}

async fn send(b: &Browser, document: &str, expires_on: &str, sides: &[(&str, &str)]) -> Page {
    let images: Vec<(String, Vec<u8>)> = sides
        .iter()
        .map(|(side, file)| ((*side).to_owned(), document_photo(file)))
        .collect();
    let files: Vec<(&str, &str, &str, &[u8])> = images
        .iter()
        .map(|(side, bytes)| (side.as_str(), "photo.jpg", "image/jpeg", bytes.as_slice()))
        .collect();
    b.post_files(
        "/verification/documents",
        &[("document", document), ("expires_on", expires_on)],
        &files,
    )
    .await
}

fn document_photo(name: &str) -> Vec<u8> {
    document(name)
}

/// A passport's photo page and the address side (Japanese passports carry no address).
async fn send_passport(b: &Browser, file: &str) -> Page {
    send(
        b,
        "passport",
        "",
        &[("photo_page", file), ("address_side", "address-side.jpg")],
    )
    .await
}

async fn account_id(app: &TestApp, email: &str) -> i64 {
    app.read()
        .await
        .account_by_email(email)
        .await
        .unwrap()
        .unwrap()
        .id
}

async fn case_of(app: &TestApp, email: &str) -> keydesk_store::models::VerificationCase {
    let id = account_id(app, email).await;
    app.read()
        .await
        .verification_case_of_account(id)
        .await
        .unwrap()
        .expect("a case")
}

async fn service_token(app: &TestApp) -> String {
    keydesk::features::capabilities::tokens::create(
        &app.running.state,
        &RequestMeta::for_operator(),
        None,
        "withdrawals",
        &["capabilities:read"],
    )
    .await
    .unwrap()
    .token
}

async fn capabilities_with(app: &TestApp, account: i64, token: Option<&str>) -> (u16, Value) {
    let mut request = reqwest::Client::new().get(format!(
        "{}/api/v1/accounts/{account}/capabilities",
        app.base
    ));
    if let Some(token) = token {
        request = request.bearer_auth(token);
    }
    let r = request.send().await.unwrap();
    let status = r.status().as_u16();
    (status, r.json().await.unwrap())
}

/// The answer for one capability: (allowed, the codes of its denials, its daily limit).
fn capability(body: &Value, name: &str) -> (bool, Vec<String>, Option<i64>) {
    let c = body["capabilities"]
        .as_array()
        .unwrap()
        .iter()
        .find(|c| c["capability"] == name)
        .unwrap_or_else(|| panic!("{name} in {body}"));
    let denials = c["denials"]
        .as_array()
        .unwrap()
        .iter()
        .map(|d| d["denied_by"].as_str().unwrap().to_owned())
        .collect();
    (
        c["allowed"].as_bool().unwrap(),
        denials,
        c["daily_limit_jpy"].as_i64(),
    )
}

async fn agent(app: &TestApp) -> Browser {
    app.signed_in_staff("agent@example.com", Role::Agent).await
}

/// The agent opens the case from its desk request, as the console links it.
async fn review_page(app: &TestApp, agent: &Browser, email: &str) -> Page {
    let case = case_of(app, email).await;
    let request = case.request_id.expect("the case has its desk request");
    let desk = agent.get(&format!("/agent/requests/{request}")).await;
    desk.assert_ok();
    let link = desk.attr("#verification-case-link", "href").unwrap();
    assert_eq!(link, format!("/agent/verification/{}", case.id));
    let page = agent.get(&link).await;
    page.assert_ok();
    page
}

async fn decide(agent: &Browser, app: &TestApp, email: &str, fields: &[(&str, &str)]) -> Page {
    let case = case_of(app, email).await;
    let version = case.version.to_string();
    let mut all = vec![("version", version.as_str())];
    all.extend_from_slice(fields);
    agent
        .post(&format!("/agent/verification/{}/decide", case.id), &all)
        .await
}

fn kyc_files(app: &TestApp) -> Vec<std::path::PathBuf> {
    std::fs::read_dir(app.dir.path().join("kyc"))
        .map(|d| d.map(|e| e.unwrap().path()).collect())
        .unwrap_or_default()
}

async fn j5_basic_then_enhanced_with_a_passport_is_approved(backend: Backend) {
    let app = TestApp::spawn(backend).await;
    let token = service_token(&app).await;
    let state = &app.running.state;
    let mut tx = state.store.begin().await.unwrap();
    tx.insert_webhook(
        "http://127.0.0.1:9/hook",
        &state.secrets.seal_text("s", "webhook-secret"),
        "verification.decided",
        app.now(),
    )
    .await
    .unwrap();
    tx.commit().await.unwrap();
    let (b, _, _) = app.enrolled_customer("hanako@example.com").await;
    let id = account_id(&app, "hanako@example.com").await;

    // Unverified: logging in only.
    let (status, before) = capabilities_with(&app, id, Some(&token)).await;
    assert_eq!(status, 200, "{before}");
    assert_eq!(before["tier"], "unverified");
    let (allowed, denials, _) = capability(&before, "trade");
    assert!(!allowed);
    assert_eq!(denials, vec!["tier_too_low"]);
    let page = b.get("/verification").await;
    page.assert_ok();
    assert!(page
        .html()
        .select(&scraper::Selector::parse("#facts-form").unwrap())
        .next()
        .is_some());

    // Basic.
    let saved = give_facts(&b).await;
    saved.assert_ok();
    assert!(
        saved.text("#notice").unwrap().contains("Basic"),
        "{}",
        saved.body
    );
    assert!(saved.text("#tier").unwrap().contains("Basic"));
    let (_, basic) = capabilities_with(&app, id, Some(&token)).await;
    assert_eq!(basic["tier"], "basic");
    assert!(capability(&basic, "trade").0);
    assert_eq!(capability(&basic, "withdraw").2, Some(100_000));
    // What is accepted for Japan is listed before anything is sent.
    let accepted = saved.all_attr("#accepted li", "data-document");
    assert_eq!(
        accepted,
        vec![
            "drivers_license",
            "my_number_card",
            "residence_card",
            "passport"
        ]
    );
    // The facts are fixed once given.
    let again = give_facts(&b).await;
    assert_eq!(again.status.as_u16(), 409, "{}", again.body);

    // Enhanced: the passport's photo page and the address side.
    let sent = send_passport(&b, "passport-valid.jpg").await;
    sent.assert_ok();
    assert!(
        sent.text("#notice").unwrap().contains("sent"),
        "{}",
        sent.body
    );
    assert_eq!(sent.attr("#verification", "data-step").unwrap(), "wait");
    let case = case_of(&app, "hanako@example.com").await;
    assert_eq!(case.case.status.as_str(), "in_review");
    // During review Basic's capabilities stay; nothing is lost.
    let (_, during) = capabilities_with(&app, id, Some(&token)).await;
    assert!(capability(&during, "trade").0);
    assert_eq!(capability(&during, "withdraw").2, Some(100_000));
    // The request is in the customer's "My requests" and the agents' queue.
    let request = case.request_id.unwrap();
    b.get(&format!("/requests/{request}")).await.assert_ok();

    let agent = agent(&app).await;
    let review = review_page(&app, &agent, "hanako@example.com").await;
    assert_eq!(review.text("#mrz-name").unwrap(), "YAMADA<<HANAKO");
    assert!(review
        .text("#fact-latin-name")
        .unwrap()
        .contains("Hanako Yamada"));
    assert!(
        review.text("#flags").is_none(),
        "{:?}",
        review.text("#flags")
    );
    let images = review.all_attr(".review-image img", "src");
    assert_eq!(images.len(), 2);
    // The image opens for staff, is never cached, and the view is audited.
    let image = agent.fetch(&images[0]).await;
    assert_eq!(image.status(), 200);
    assert_eq!(image.headers()["cache-control"], "private, no-store");
    let bytes = image.bytes().await.unwrap();
    assert_eq!(&bytes[..3], &[0xff, 0xd8, 0xff]);
    assert!(app
        .audit_kinds("hanako@example.com")
        .await
        .contains(&"verification_image_viewed_by_staff".to_owned()));
    // The owner sees their own image; that view is not audited as a staff one.
    assert_eq!(b.fetch(&images[0]).await.status(), 200);

    // Approving needs the whole checklist.
    let short = decide(
        &agent,
        &app,
        "hanako@example.com",
        &[("decision", "approve"), ("item_original", "pass")],
    )
    .await;
    assert_eq!(short.status.as_u16(), 422, "{}", short.body);
    assert!(short.text("#review-error").is_some());
    let mut fields = ALL_PASS.to_vec();
    fields.push(("decision", "approve"));
    let done = decide(&agent, &app, "hanako@example.com", &fields).await;
    done.assert_ok();
    assert_eq!(
        done.attr("#verification-review", "data-status").unwrap(),
        "approved"
    );
    let (_, after) = capabilities_with(&app, id, Some(&token)).await;
    assert_eq!(after["tier"], "enhanced");
    assert_eq!(capability(&after, "withdraw").2, Some(10_000_000));
    let mails = app.mails_to("hanako@example.com").await;
    assert!(
        mails
            .iter()
            .any(|m| m.subject == "Your identity is verified"),
        "{:?}",
        mails.iter().map(|m| &m.subject).collect::<Vec<_>>()
    );
    assert_eq!(
        b.get("/verification")
            .await
            .attr("#verification", "data-step")
            .unwrap(),
        "done"
    );
}

async fn a_document_not_accepted_is_refused_at_once_and_fixed_by_the_customer(backend: Backend) {
    let app = TestApp::spawn(backend).await;
    let (b, _, _) = app.enrolled_customer("taro@example.com").await;
    b.post("/language", &[("lang", "ja"), ("back", "/verification")])
        .await;
    give_facts(&b).await.assert_ok();
    // A national identity card is not accepted for Japan: refused at once, in Japanese,
    // naming what is accepted; no image of it kept.
    let refused = send(
        &b,
        "national_id",
        "2030-01-01",
        &[("front", "license-front.jpg")],
    )
    .await;
    refused.assert_ok();
    let reasons = refused.all_text("#refusal-reasons li");
    assert_eq!(reasons.len(), 1, "{}", refused.body);
    assert!(
        reasons[0].contains("ご利用いただけません") && reasons[0].contains("運転免許証"),
        "{reasons:?}"
    );
    assert!(refused.text("#retry-hint").is_some());
    assert!(kyc_files(&app).is_empty(), "{:?}", kyc_files(&app));
    let mail = app
        .mails_to("taro@example.com")
        .await
        .into_iter()
        .find(|m| m.subject.contains("本人確認書類を承認できませんでした"))
        .expect("the refusal mail, in Japanese");
    assert!(mail.body_text.contains("パスポート"), "{}", mail.body_text);
    // The same reason in English.
    b.post("/language", &[("lang", "en"), ("back", "/verification")])
        .await;
    let english = b.get("/verification").await;
    let reasons = english.all_text("#refusal-reasons li");
    assert!(
        reasons[0].contains("not accepted for your country of residence (Japan)")
            && reasons[0].contains("Driver's license"),
        "{reasons:?}"
    );

    // The customer alone sends the right document at once: attempt 2 of the same case.
    let license = send(
        &b,
        "drivers_license",
        "2029-05-01",
        &[("front", "license-front.jpg"), ("back", "license-back.jpg")],
    )
    .await;
    license.assert_ok();
    assert!(license.text("#notice").is_some(), "{}", license.body);
    let case = case_of(&app, "taro@example.com").await;
    assert_eq!(
        (case.case.status.as_str(), case.case.attempt),
        ("in_review", 2)
    );
    // A side missing is said, and nothing is sent.
    let agent = agent(&app).await;
    let review = review_page(&app, &agent, "taro@example.com").await;
    assert_eq!(review.all_attr(".review-image img", "src").len(), 2);
    let mut fields = ALL_PASS.to_vec();
    fields.push(("decision", "approve"));
    decide(&agent, &app, "taro@example.com", &fields)
        .await
        .assert_ok();
    let history = b.get("/verification").await;
    assert_eq!(history.all_text("#attempts li").len(), 2);
    assert_eq!(
        app.read()
            .await
            .account_by_email("taro@example.com")
            .await
            .unwrap()
            .unwrap()
            .tier
            .as_str(),
        "enhanced"
    );
}

async fn an_expired_passport_is_refused_by_the_machine_and_basic_stays(backend: Backend) {
    let app = TestApp::spawn(backend).await;
    let token = service_token(&app).await;
    let (b, _, _) = app.enrolled_customer("expired@example.com").await;
    give_facts(&b).await.assert_ok();
    let page = send_passport(&b, "passport-expired.jpg").await;
    page.assert_ok();
    let case = case_of(&app, "expired@example.com").await;
    assert_eq!(case.case.status.as_str(), "refused");
    assert_eq!(
        case.case
            .reasons
            .iter()
            .map(|r| r.as_str())
            .collect::<Vec<_>>(),
        vec!["expired"]
    );
    assert!(page.all_text("#refusal-reasons li")[0].contains("expired"));
    // No agent was needed: no request was opened for it.
    assert!(case.request_id.is_none());
    let id = account_id(&app, "expired@example.com").await;
    let (_, caps) = capabilities_with(&app, id, Some(&token)).await;
    assert_eq!(caps["tier"], "basic");
    assert!(capability(&caps, "trade").0);
    // A typed expiry in the past refuses a license the same way.
    let license = send(
        &b,
        "drivers_license",
        "2025-01-31",
        &[("front", "license-front.jpg"), ("back", "license-back.jpg")],
    )
    .await;
    license.assert_ok();
    let case = case_of(&app, "expired@example.com").await;
    assert_eq!(
        (case.case.status.as_str(), case.case.attempt),
        ("refused", 2)
    );
}

async fn a_name_that_does_not_match_is_flagged_and_refused_by_the_agent(backend: Backend) {
    let app = TestApp::spawn(backend).await;
    let token = service_token(&app).await;
    let (b, _, _) = app.enrolled_customer("mismatch@example.com").await;
    give_facts(&b).await.assert_ok();
    send_passport(&b, "passport-other-name.jpg")
        .await
        .assert_ok();
    let case = case_of(&app, "mismatch@example.com").await;
    // Not refused by the machine: flagged for the agent.
    assert_eq!(case.case.status.as_str(), "in_review");
    let agent = agent(&app).await;
    let review = review_page(&app, &agent, "mismatch@example.com").await;
    let flags = review.all_text("#flags li");
    assert!(flags.iter().any(|f| f.contains("name")), "{flags:?}");
    assert!(
        flags.iter().any(|f| f.contains("date of birth")),
        "{flags:?}"
    );
    assert!(
        review
            .html()
            .select(&scraper::Selector::parse("#checklist tr.prefill-problem").unwrap())
            .count()
            >= 2
    );
    // A refusal needs a reason.
    let none = decide(
        &agent,
        &app,
        "mismatch@example.com",
        &[("decision", "refuse")],
    )
    .await;
    assert_eq!(none.status.as_u16(), 422);
    decide(
        &agent,
        &app,
        "mismatch@example.com",
        &[("decision", "refuse"), ("reason", "name_mismatch")],
    )
    .await
    .assert_ok();
    let mail = app
        .mails_to("mismatch@example.com")
        .await
        .into_iter()
        .find(|m| m.subject == "Your identity documents could not be accepted")
        .expect("the refusal mail");
    assert!(
        mail.body_text.contains("does not match the name you gave"),
        "{}",
        mail.body_text
    );
    let id = account_id(&app, "mismatch@example.com").await;
    let (_, caps) = capabilities_with(&app, id, Some(&token)).await;
    assert!(
        capability(&caps, "trade").0,
        "Basic survives a refused Enhanced attempt"
    );
    // Retryable: the form is there at once.
    let page = b.get("/verification").await;
    assert_eq!(
        page.attr("#verification", "data-step").unwrap(),
        "documents"
    );
    // A suspected forgery is no dead end either, but not self-service: support follows up
    // in the case's own request, which stays open.
    send_passport(&b, "passport-valid.jpg").await.assert_ok();
    decide(
        &agent,
        &app,
        "mismatch@example.com",
        &[("decision", "refuse"), ("reason", "suspected_forgery")],
    )
    .await
    .assert_ok();
    let page = b.get("/verification").await;
    assert_eq!(page.attr("#verification", "data-step").unwrap(), "support");
    assert!(page.attr("#case-request", "href").is_some());
    let case = case_of(&app, "mismatch@example.com").await;
    let request = app
        .read()
        .await
        .desk_request(case.request_id.unwrap())
        .await
        .unwrap()
        .unwrap();
    assert_eq!(request.status.as_str(), "open");
    let resend = send_passport(&b, "passport-valid.jpg").await;
    assert_eq!(resend.status.as_u16(), 409, "{}", resend.body);
}

async fn an_agent_clears_a_case_its_images_go_and_the_customer_starts_again(backend: Backend) {
    let app = TestApp::spawn(backend).await;
    let (b, _, _) = app.enrolled_customer("clear@example.com").await;
    give_facts(&b).await.assert_ok();
    send_passport(&b, "passport-bad-check-digit.jpg")
        .await
        .assert_ok();
    assert_eq!(kyc_files(&app).len(), 2);
    let agent = agent(&app).await;
    let review = review_page(&app, &agent, "clear@example.com").await;
    assert!(
        review
            .text("#mrz-valid")
            .is_none_or(|t| t.contains("do not add up")),
        "{:?}",
        review.text("#mrz")
    );
    let image = review.all_attr(".review-image img", "src")[0].clone();
    let case = case_of(&app, "clear@example.com").await;
    agent
        .post(
            &format!("/agent/verification/{}/clear", case.id),
            &[("version", &case.version.to_string())],
        )
        .await
        .assert_ok();
    assert!(kyc_files(&app).is_empty(), "{:?}", kyc_files(&app));
    assert_eq!(agent.fetch(&image).await.status(), 404);
    let case = case_of(&app, "clear@example.com").await;
    assert_eq!((case.case.status.as_str(), case.case.attempt), ("draft", 2));
    assert!(app
        .mails_to("clear@example.com")
        .await
        .iter()
        .any(|m| m.subject == "Your identity verification was cleared"));
    // Free to start again.
    send_passport(&b, "passport-valid.jpg").await.assert_ok();
    assert_eq!(
        case_of(&app, "clear@example.com")
            .await
            .case
            .status
            .as_str(),
        "in_review"
    );
}

async fn holds_show_in_capabilities_until_they_end_and_a_system_hold_cannot_be_lifted(
    backend: Backend,
) {
    let app = TestApp::spawn(backend).await;
    let token = service_token(&app).await;
    let (b, _, _) = app.enrolled_customer("held@example.com").await;
    give_facts(&b).await.assert_ok();
    let id = account_id(&app, "held@example.com").await;
    let state = &app.running.state;
    let mut tx = state.store.begin().await.unwrap();
    tx.insert_webhook(
        "http://127.0.0.1:9/hook",
        &state.secrets.seal_text("s", "webhook-secret"),
        "hold.added,hold.ended,verification.decided",
        app.now(),
    )
    .await
    .unwrap();
    tx.commit().await.unwrap();
    // A rule's hold (as the 2FA reset sets one), through the same path as every hold.
    let meta = RequestMeta::for_operator();
    let mut uow = keydesk::usecase::UnitOfWork::begin(state, &meta)
        .await
        .unwrap();
    let system = keydesk::features::capabilities::holds::add(
        &mut uow,
        id,
        &Hold {
            scope: HoldScope::Withdraw,
            reason: "security_review".into(),
            origin: HoldOrigin::System,
            starts_at: app.now(),
            ends_at: Some(app.now() + DAY),
        },
    )
    .await
    .unwrap();
    uow.commit().await.unwrap();
    let (_, caps) = capabilities_with(&app, id, Some(&token)).await;
    let (allowed, denials, _) = capability(&caps, "withdraw");
    assert!(!allowed);
    assert!(denials.contains(&"held".to_owned()), "{denials:?}");
    assert_eq!(caps["holds"].as_array().unwrap().len(), 1);

    // No agent lifts a system hold.
    let agent = agent(&app).await;
    let refused = agent
        .post(&format!("/agent/holds/{system}/lift"), &[])
        .await;
    assert_eq!(refused.status.as_u16(), 409, "{}", refused.body);
    // An agent's own manual hold: added, lifted by them only, each audited and heard.
    agent
        .post(
            &format!("/agent/accounts/{id}/holds"),
            &[
                ("scope", "trade"),
                ("reason", "suspected_fraud"),
                ("hours", "2"),
            ],
        )
        .await
        .assert_ok();
    let (_, caps) = capabilities_with(&app, id, Some(&token)).await;
    assert!(!capability(&caps, "trade").0);
    let manual = app.read().await.holds_of_account(id).await.unwrap()[0].id;
    let other = app
        .signed_in_staff("other-agent@example.com", Role::Agent)
        .await;
    let not_yours = other
        .post(&format!("/agent/holds/{manual}/lift"), &[])
        .await;
    assert_eq!(not_yours.status.as_u16(), 403);
    agent
        .post(&format!("/agent/holds/{manual}/lift"), &[])
        .await
        .assert_ok();
    let (_, caps) = capabilities_with(&app, id, Some(&token)).await;
    assert!(capability(&caps, "trade").0);
    let kinds = app.audit_kinds("held@example.com").await;
    assert!(
        kinds.contains(&"hold_added".to_owned()) && kinds.contains(&"hold_lifted".to_owned()),
        "{kinds:?}"
    );

    // The system hold ends at its time, by itself.
    app.clock.advance(DAY + 1);
    app.mails().await; // runs the due jobs: the hold's end is heard
    let (_, caps) = capabilities_with(&app, id, Some(&token)).await;
    assert!(capability(&caps, "withdraw").0, "{caps}");
    let events: Vec<String> = app
        .read()
        .await
        .webhook_deliveries(50)
        .await
        .unwrap()
        .into_iter()
        .map(|d| d.event)
        .collect();
    assert_eq!(
        events.iter().filter(|e| *e == "hold.added").count(),
        2,
        "{events:?}"
    );
    assert_eq!(
        events.iter().filter(|e| *e == "hold.ended").count(),
        2,
        "{events:?}"
    );
}

async fn retention_deletes_what_it_should_and_nothing_else(backend: Backend) {
    let app = TestApp::spawn(backend).await;
    let (refused_b, _, _) = app.enrolled_customer("refused@example.com").await;
    give_facts(&refused_b).await.assert_ok();
    send_passport(&refused_b, "passport-other-name.jpg")
        .await
        .assert_ok();
    let (approved_b, _, _) = app.enrolled_customer("approved@example.com").await;
    give_facts(&approved_b).await.assert_ok();
    send_passport(&approved_b, "passport-valid.jpg")
        .await
        .assert_ok();
    let agent = agent(&app).await;
    decide(
        &agent,
        &app,
        "refused@example.com",
        &[("decision", "refuse"), ("reason", "name_mismatch")],
    )
    .await
    .assert_ok();
    let mut fields = ALL_PASS.to_vec();
    fields.push(("decision", "approve"));
    decide(&agent, &app, "approved@example.com", &fields)
        .await
        .assert_ok();
    assert_eq!(kyc_files(&app).len(), 4);
    let state = &app.running.state;

    // 29 days on: nothing is due.
    app.clock.advance(29 * DAY);
    keydesk::features::maintenance(state.clone()).await.unwrap();
    assert_eq!(kyc_files(&app).len(), 4);
    // 31 days on: the refused attempt's images go, the approved ones stay; the record of
    // the refused attempt stays.
    app.clock.advance(2 * DAY);
    keydesk::features::maintenance(state.clone()).await.unwrap();
    assert_eq!(kyc_files(&app).len(), 2);
    let case = case_of(&app, "refused@example.com").await;
    let attempts = app
        .read()
        .await
        .verification_attempts(case.id)
        .await
        .unwrap();
    assert_eq!(attempts.len(), 1);
    assert!(attempts[0].purged_at.is_some() && attempts[0].mrz_sealed.is_none());
    assert!(app
        .read()
        .await
        .verification_images(attempts[0].id)
        .await
        .unwrap()
        .is_empty());
    // Past the legal period, the approved verification's images go too.
    app.clock.advance(7 * 366 * DAY);
    keydesk::features::maintenance(state.clone()).await.unwrap();
    assert!(kyc_files(&app).is_empty());
}

async fn another_customers_case_and_images_are_not_found_and_nothing_leaks(backend: Backend) {
    let app = TestApp::spawn(backend).await;
    let token = service_token(&app).await;
    let (owner, _, _) = app.enrolled_customer("owner@example.com").await;
    give_facts(&owner).await.assert_ok();
    send_passport(&owner, "passport-valid.jpg")
        .await
        .assert_ok();
    let agent = agent(&app).await;
    let review = review_page(&app, &agent, "owner@example.com").await;
    let image = review.all_attr(".review-image img", "src")[0].clone();
    let case = case_of(&app, "owner@example.com").await;
    let (stranger, _, _) = app.enrolled_customer("stranger@example.com").await;
    assert_eq!(stranger.fetch(&image).await.status(), 404);
    assert_eq!(
        stranger.fetch("/verification/images/999999").await.status(),
        404
    );
    assert_eq!(
        stranger
            .get(&format!("/agent/verification/{}", case.id))
            .await
            .status
            .as_u16(),
        403
    );
    let decide = stranger
        .post(
            &format!("/agent/verification/{}/decide", case.id),
            &[("version", "1"), ("decision", "approve")],
        )
        .await;
    assert_eq!(decide.status.as_u16(), 403);
    assert_eq!(
        stranger
            .get(&format!("/requests/{}", case.request_id.unwrap()))
            .await
            .status
            .as_u16(),
        404
    );
    // The stranger's page shows nothing of the owner's case.
    let page = stranger.get("/verification").await;
    assert!(page.text("#case-status").is_none());
    // An agent never decides a case of their own account.
    let agent_id = account_id(&app, "agent@example.com").await;
    let own = keydesk_domain::verification::case::Case::new()
        .submit()
        .unwrap()
        .start_review()
        .unwrap();
    let mut tx = app.running.state.store.begin().await.unwrap();
    let own_case = tx
        .insert_verification_case(agent_id, &own, None, app.now())
        .await
        .unwrap();
    tx.commit().await.unwrap();
    let mut fields = ALL_PASS.to_vec();
    fields.extend([("decision", "approve"), ("version", "1")]);
    assert_eq!(
        agent
            .post(&format!("/agent/verification/{own_case}/decide"), &fields)
            .await
            .status
            .as_u16(),
        403
    );

    // The capabilities API takes a live service token only.
    let owner_id = account_id(&app, "owner@example.com").await;
    assert_eq!(capabilities_with(&app, owner_id, None).await.0, 401);
    assert_eq!(
        capabilities_with(&app, owner_id, Some("kdst_not-a-token"))
            .await
            .0,
        401
    );
    let session = app.api_session(owner_id).await;
    assert_eq!(
        capabilities_with(&app, owner_id, Some(&session)).await.0,
        401
    );
    assert_eq!(capabilities_with(&app, 999_999, Some(&token)).await.0, 404);
    let listed = keydesk::features::capabilities::tokens::list(&app.running.state)
        .await
        .unwrap();
    keydesk::features::capabilities::tokens::revoke(
        &app.running.state,
        &RequestMeta::for_operator(),
        None,
        listed[0].id,
    )
    .await
    .unwrap();
    let (status, body) = capabilities_with(&app, owner_id, Some(&token)).await;
    assert_eq!(
        (status, body["error"]["code"].as_str()),
        (401, Some("unauthenticated"))
    );

    // A file-store dump shows no image: every stored file is ciphertext.
    let files = kyc_files(&app);
    assert_eq!(files.len(), 2);
    for file in files {
        let bytes = std::fs::read(&file).unwrap();
        assert_ne!(
            &bytes[..3],
            &[0xff, 0xd8, 0xff],
            "{file:?} is a readable JPEG"
        );
        let limits = keydesk_photocheck::Options::default().limits;
        assert!(
            keydesk_photocheck::clean_jpeg(&bytes, &limits).is_err(),
            "{file:?} decodes as an image"
        );
        assert!(
            !bytes.windows(4).any(|w| w == b"JFIF" || w == b"Exif"),
            "{file:?}"
        );
    }
    // Nor does a database dump show the facts, the zone or the token.
    let dump = app.database_dump().await;
    for secret in [
        "Hanako Yamada",
        "1990-04-01",
        "丸の内",
        "YAMADA<<HANAKO",
        "TK1234567",
        &token[5..],
    ] {
        assert!(
            !dump.windows(secret.len()).any(|w| w == secret.as_bytes()),
            "{secret} in a dump"
        );
    }
}

/// A rotated key: `keys reseal` re-seals the facts, the zone read and each image's data
/// key; with the retired key gone, the agent still sees all of them.
async fn a_rotated_key_reseals_facts_zones_and_image_keys(backend: Backend) {
    let first = TestApp::spawn(backend).await;
    let (b, _, _) = first.enrolled_customer("rotate@example.com").await;
    give_facts(&b).await.assert_ok();
    send_passport(&b, "passport-valid.jpg").await.assert_ok();
    first.running.stop();
    let dir = first.dir.path().to_path_buf();
    let settings = keydesk::config::Settings {
        data_dir: dir.clone(),
        ..Default::default()
    };
    keydesk::keys::rotate_key_file(&settings).unwrap();
    let second = first.restarted().await;
    let report = keydesk::features::verification::reseal::reseal(&second.running.state)
        .await
        .unwrap();
    // The facts, one zone, two image keys.
    assert_eq!((report.resealed, report.current), (4, 0), "{report:?}");
    let again = keydesk::features::verification::reseal::reseal(&second.running.state)
        .await
        .unwrap();
    assert_eq!((again.resealed, again.current), (0, 4), "{again:?}");
    second.running.stop();
    std::fs::remove_file(dir.join("secret.key.retired")).unwrap();
    let third = first.restarted().await;
    let agent = agent(&third).await;
    let review = review_page(&third, &agent, "rotate@example.com").await;
    assert_eq!(review.text("#mrz-name").unwrap(), "YAMADA<<HANAKO");
    assert!(review
        .text("#fact-latin-name")
        .unwrap()
        .contains("Hanako Yamada"));
    for image in review.all_attr(".review-image img", "src") {
        assert_eq!(agent.fetch(&image).await.status(), 200, "{image}");
    }
}

on_both_backends!(
    a_rotated_key_reseals_facts_zones_and_image_keys,
    j5_basic_then_enhanced_with_a_passport_is_approved,
    a_document_not_accepted_is_refused_at_once_and_fixed_by_the_customer,
    an_expired_passport_is_refused_by_the_machine_and_basic_stays,
    a_name_that_does_not_match_is_flagged_and_refused_by_the_agent,
    an_agent_clears_a_case_its_images_go_and_the_customer_starts_again,
    holds_show_in_capabilities_until_they_end_and_a_system_hold_cannot_be_lifted,
    retention_deletes_what_it_should_and_nothing_else,
    another_customers_case_and_images_are_not_found_and_nothing_leaks,
);
