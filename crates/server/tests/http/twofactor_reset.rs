//! The 2FA reset (J3, J4) end to end with an injected clock: asked for after the
//! password, refused with reasons, sent again with the new date, approved, carried out
//! after the security delay by the job, and the next login forces enrollment; "this
//! wasn't me" during the delay freezes the account; the personal-facts path with
//! normalised answers; the agents' rules (checklist, own account, staff accounts,
//! four eyes); the withdrawal hold nobody lifts; retention; and the takeover scenarios,
//! each a test that the attacker does not get in.
use crate::helpers::*;
use keydesk_domain::identity::role::Role;
use keydesk_store::models::FactorStatus;

const DAY: i64 = 86_400;
const EMAIL: &str = "hanako@example.com";

/// Every checklist item of a reset by selfie with a passport on file (the address side
/// is asked for: a Japanese passport carries no address).
const ALL_PASS: [(&str, &str); 13] = [
    ("item_not_mirrored", "pass"),
    ("item_sharp", "pass"),
    ("item_no_glare_over_text", "pass"),
    ("item_nothing_covers_text", "pass"),
    ("item_original_document", "pass"),
    ("item_document_complete", "pass"),
    ("item_face_visible", "pass"),
    ("item_memo_request", "pass"),
    ("item_memo_name", "pass"),
    ("item_memo_date", "pass"),
    ("item_face_matches_document", "pass"),
    ("item_address_side", "pass"),
    ("decision", "approve"),
];

const VERIFICATION_PASS: [(&str, &str); 8] = [
    ("item_original", "pass"),
    ("item_readable", "pass"),
    ("item_not_expired", "pass"),
    ("item_name_matches", "pass"),
    ("item_birth_date_matches", "pass"),
    ("item_address_matches", "pass"),
    ("item_not_tampered", "pass"),
    ("decision", "approve"),
];

const FACTS: [(&str, &str); 7] = [
    ("country", "JP"),
    ("latin_name", "Hanako Yamada"),
    ("native_name", "山田 花子"),
    ("date_of_birth", "1990-04-01"),
    ("address", "東京都千代田区丸の内1-1-1"),
    ("phone", "090-1234-5678"),
    ("occupation", "employee"),
];

async fn account(app: &TestApp, email: &str) -> keydesk_store::models::Account {
    app.read()
        .await
        .account_by_email(email)
        .await
        .unwrap()
        .unwrap()
}

async fn open_case(app: &TestApp, email: &str) -> keydesk_store::models::TwofactorReset {
    let id = account(app, email).await.id;
    app.read()
        .await
        .open_twofactor_reset(id)
        .await
        .unwrap()
        .expect("an open reset case")
}

/// A customer with an authenticator and recovery codes, verified (Enhanced) with a
/// passport and its address side, approved by an agent: the document on file.
async fn verified_customer(app: &TestApp, email: &str) {
    let (b, _, _) = app.enrolled_customer(email).await;
    b.post("/verification/facts", &FACTS).await.assert_ok();
    let photo_page = document("passport-valid.jpg");
    let address = document("address-side.jpg");
    b.post_files(
        "/verification/documents",
        &[("document", "passport"), ("expires_on", "")],
        &[
            ("photo_page", "p.jpg", "image/jpeg", &photo_page),
            ("address_side", "a.jpg", "image/jpeg", &address),
        ],
    )
    .await
    .assert_ok();
    let id = account(app, email).await.id;
    let case = app
        .read()
        .await
        .verification_case_of_account(id)
        .await
        .unwrap()
        .unwrap();
    let verifier = app
        .signed_in_staff("verifier@example.com", Role::Agent)
        .await;
    let version = case.version.to_string();
    let mut fields = vec![("version", version.as_str())];
    fields.extend_from_slice(&VERIFICATION_PASS);
    verifier
        .post(&format!("/agent/verification/{}/decide", case.id), &fields)
        .await
        .assert_ok();
    assert_eq!(account(app, email).await.tier.as_str(), "enhanced");
}

/// A browser that has proven the password only (the person who lost the phone, or
/// whoever holds the password).
async fn at_second_step(app: &TestApp, email: &str, lang: &str) -> Browser {
    let b = Browser::new(&app.base, lang);
    let page = b.log_in(email, PASSWORD).await;
    page.assert_ok();
    assert!(page.url.ends_with("/login/2fa"), "{}", page.url);
    assert_eq!(
        page.attr("#lost-authenticator", "href").as_deref(),
        Some("/login/2fa/lost")
    );
    b
}

/// Sends the selfie and address side; a selfie the checks block (noise) is tried until
/// "send anyway" is offered, then sent anyway, as a customer with no better photo would.
async fn send_selfie(b: &Browser) -> Page {
    let selfie = noise_png(640, 480);
    let address = document("address-side.jpg");
    let files: [(&str, &str, &str, &[u8]); 2] = [
        ("selfie", "s.png", "image/png", &selfie),
        ("address_side", "a.jpg", "image/jpeg", &address),
    ];
    for _ in 0..3 {
        let page = b.post_files("/login/2fa/lost/selfie", &[], &files).await;
        if page.status.as_u16() != 422 {
            return page;
        }
        assert!(page.text("#findings-selfie").is_some(), "{}", page.body);
        if page.attr("#send-anyway-box", "hidden").is_none() {
            return b
                .post_files("/login/2fa/lost/selfie", &[("send_anyway", "1")], &files)
                .await;
        }
    }
    panic!("send anyway was never offered")
}

async fn agent_decides(
    app: &TestApp,
    agent: &Browser,
    case_id: i64,
    fields: &[(&str, &str)],
) -> Page {
    let case = app
        .read()
        .await
        .twofactor_reset(case_id)
        .await
        .unwrap()
        .unwrap();
    let version = case.version.to_string();
    let mut all = vec![("version", version.as_str())];
    all.extend_from_slice(fields);
    agent
        .post(&format!("/agent/twofactor-resets/{case_id}/decide"), &all)
        .await
}

/// The path of a link a mail carries (its host is the configured public address).
fn path_of(url: &str) -> String {
    let at = url.find("/twofactor-reset/").expect("a reset link");
    url[at..].to_owned()
}

async fn factor_count(app: &TestApp, email: &str) -> usize {
    let id = account(app, email).await.id;
    let mut tx = app.read().await;
    usize::from(tx.factor(id, FactorStatus::Active).await.unwrap().is_some())
        + tx.unused_recovery_codes(id).await.unwrap().len()
}

async fn active_holds(app: &TestApp, email: &str) -> Vec<keydesk_store::models::HoldRow> {
    let id = account(app, email).await.id;
    let now = app.now();
    app.read()
        .await
        .holds_of_account(id)
        .await
        .unwrap()
        .into_iter()
        .filter(|h| h.hold.is_active(now))
        .collect()
}

/// What the capabilities API answers for withdrawals: (allowed, the denials' codes).
async fn withdrawals(app: &TestApp, email: &str) -> (bool, Vec<String>) {
    let token = keydesk::features::capabilities::tokens::create(
        &app.running.state,
        &keydesk::usecase::RequestMeta::for_operator(),
        None,
        "withdrawals",
        &["capabilities:read"],
    )
    .await
    .unwrap()
    .token;
    let id = account(app, email).await.id;
    let body: serde_json::Value = reqwest::Client::new()
        .get(format!("{}/api/v1/accounts/{id}/capabilities", app.base))
        .bearer_auth(token)
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    let c = body["capabilities"]
        .as_array()
        .unwrap()
        .iter()
        .find(|c| c["capability"] == "withdraw")
        .unwrap()
        .clone();
    let denials = c["denials"]
        .as_array()
        .unwrap()
        .iter()
        .map(|d| d["denied_by"].as_str().unwrap().to_owned())
        .collect();
    (c["allowed"].as_bool().unwrap(), denials)
}

async fn j3_refused_resubmitted_approved_delayed_then_reset_forces_enrollment(backend: Backend) {
    let app = TestApp::spawn(backend).await;
    // The delay's and the hold's ends are compared to the second with `app.now()`; a real
    // second passing between the job and the assertion must not move it.
    app.clock.freeze();
    let state = &app.running.state;
    let mut tx = state.store.begin().await.unwrap();
    tx.insert_webhook(
        "http://127.0.0.1:9/hook",
        &state.secrets.seal_text("s", "webhook-secret"),
        "twofactor_reset.changed",
        app.now(),
    )
    .await
    .unwrap();
    tx.commit().await.unwrap();
    verified_customer(&app, EMAIL).await;
    let before = app.mails_to(EMAIL).await.len();

    // The way in: only after the password, and only for this account.
    let b = at_second_step(&app, EMAIL, "en").await;
    let page = b.get("/login/2fa/lost").await;
    page.assert_ok();
    assert_eq!(page.attr("#reset", "data-way").as_deref(), Some("selfie"));
    assert_eq!(page.text("#memo-request").unwrap(), "2FA reset");
    assert_eq!(page.text("#memo-name").unwrap(), "Hanako Yamada");
    let today = page.text("#memo-date").unwrap();
    assert_eq!(today.len(), 10, "{today}");
    assert!(
        page.attr("#address_side", "name").is_some(),
        "a passport has no address"
    );

    let sent = send_selfie(&b).await;
    sent.assert_ok();
    assert!(sent.text("#notice").is_some(), "{}", sent.body);
    assert_eq!(
        sent.attr("#reset", "data-status").as_deref(),
        Some("in_review")
    );
    let case = open_case(&app, EMAIL).await;
    assert_eq!(case.case.attempt, 1);
    let request = case.request_id.expect("a desk request");

    // The owner is told at once, with when, from where, and the stop link.
    let mails = app.mails_to(EMAIL).await;
    let told = mails
        .iter()
        .find(|m| m.subject.contains("two-factor reset was requested"))
        .expect("the owner is told at the request");
    assert!(
        told.body_text.contains("keydesk-tests"),
        "{}",
        told.body_text
    );
    assert!(link_in(told).contains("/twofactor-reset/stop/"));
    assert!(mails.len() > before);
    assert!(app
        .audit_kinds(EMAIL)
        .await
        .contains(&"twofactor_reset_requested".to_owned()));

    // The agent finds it in the queue and in the desk request.
    let agent = app.signed_in_staff("agent@example.com", Role::Agent).await;
    let queue = agent.get("/agent/twofactor-resets").await;
    queue.assert_ok();
    assert!(queue.body.contains(EMAIL));
    let desk = agent.get(&format!("/agent/requests/{request}")).await;
    assert_eq!(
        desk.attr("#reset-case-link", "href"),
        Some(format!("/agent/twofactor-resets/{}", case.id))
    );
    let review = agent
        .get(&format!("/agent/twofactor-resets/{}", case.id))
        .await;
    review.assert_ok();
    let images = review.all_attr(".review-image .preview img", "src");
    assert_eq!(images.len(), 2, "the selfie and the address side");
    assert_eq!(
        review.all_attr("#on-file img", "src").len(),
        2,
        "the passport on file"
    );
    assert_eq!(review.text("#fact-native-name").unwrap(), "山田 花子");
    assert!(review.text("#fact-address").unwrap().contains("丸の内"));
    let image = agent.fetch(&images[0]).await;
    assert_eq!(image.status(), 200);
    assert_eq!(image.headers()["cache-control"], "private, no-store");
    let kinds = app.audit_kinds(EMAIL).await;
    assert!(kinds.contains(&"twofactor_reset_image_viewed_by_staff".to_owned()));
    assert!(kinds.contains(&"twofactor_reset_case_viewed_by_staff".to_owned()));

    // A hasty agent: no decision without the whole checklist.
    let hasty = agent_decides(&app, &agent, case.id, &[("decision", "approve")]).await;
    assert_eq!(hasty.status.as_u16(), 422, "{}", hasty.body);
    assert!(hasty.text("#review-error").is_some());
    // Nor an approval with an item failed.
    let mut failing: Vec<(&str, &str)> = ALL_PASS.to_vec();
    failing[0] = ("item_not_mirrored", "fail");
    let failed = agent_decides(&app, &agent, case.id, &failing).await;
    assert_eq!(failed.status.as_u16(), 422, "{}", failed.body);
    // Refused with two reasons: the customer's mail names each and what to do.
    let mut refuse: Vec<(&str, &str)> = ALL_PASS[..12].to_vec();
    refuse[0] = ("item_not_mirrored", "fail");
    refuse[2] = ("item_no_glare_over_text", "fail");
    refuse.extend([
        ("decision", "refuse"),
        ("reason", "mirrored"),
        ("reason", "glare"),
    ]);
    agent_decides(&app, &agent, case.id, &refuse)
        .await
        .assert_ok();
    let refused = app
        .mails_to(EMAIL)
        .await
        .into_iter()
        .find(|m| m.subject.contains("could not be accepted"))
        .expect("the refusal mail");
    assert!(
        refused.body_text.contains("mirrored"),
        "{}",
        refused.body_text
    );
    assert!(
        refused.body_text.contains("Light reflects"),
        "{}",
        refused.body_text
    );
    assert!(link_in(&refused).ends_with("/login/2fa/lost"));

    // The next day the customer sends again: the memo asks for that day's date.
    app.clock.advance(DAY);
    let b = at_second_step(&app, EMAIL, "en").await;
    let page = b.get("/login/2fa/lost").await;
    assert_eq!(
        page.attr("#reset", "data-status").as_deref(),
        Some("refused")
    );
    assert_eq!(page.all_text("#refusal-reasons li").len(), 2);
    let tomorrow = page.text("#memo-date").unwrap();
    assert_ne!(tomorrow, today);
    send_selfie(&b).await.assert_ok();
    let case = open_case(&app, EMAIL).await;
    assert_eq!(
        (case.case.attempt, case.case.status.as_str()),
        (2, "in_review")
    );

    // Approved (by the next day's agent): the delay starts, shown to the customer; the
    // owner is told again.
    let agent = app
        .signed_in_staff("agent-next-day@example.com", Role::Agent)
        .await;
    let approved = agent_decides(&app, &agent, case.id, &ALL_PASS).await;
    approved.assert_ok();
    let case = open_case(&app, EMAIL).await;
    assert_eq!(
        case.case.status.as_str(),
        "waiting",
        "{:?} {:?}",
        approved.text("#approvals"),
        approved.text("#review-error")
    );
    assert_eq!(case.case.delay_ends_at, Some(app.now() + DAY));
    let proceeding = app
        .mails_to(EMAIL)
        .await
        .into_iter()
        .find(|m| m.subject.contains("We are resetting"))
        .expect("the approval mail");
    assert!(link_in(&proceeding).contains("/twofactor-reset/stop/"));
    let page = b.get("/login/2fa/lost").await;
    assert!(page.text("#delay-ends").is_some(), "{}", page.body);

    // Not before the delay: the job waits, the factor stays.
    app.clock.advance(DAY - 60);
    app.mails().await;
    assert!(factor_count(&app, EMAIL).await > 0);
    assert_eq!(open_case(&app, EMAIL).await.case.status.as_str(), "waiting");

    // After it: everything removed, every session ended, withdrawals held.
    app.clock.advance(120);
    let mails = app.mails_to(EMAIL).await;
    assert!(mails.iter().any(|m| m
        .subject
        .contains("Two-factor authentication has been reset")));
    assert_eq!(factor_count(&app, EMAIL).await, 0);
    let id = account(&app, EMAIL).await.id;
    assert!(app
        .read()
        .await
        .open_twofactor_reset(id)
        .await
        .unwrap()
        .is_none());
    assert!(
        b.get("/login/2fa").await.url.ends_with("/login"),
        "signed out"
    );
    let holds = active_holds(&app, EMAIL).await;
    assert_eq!(holds.len(), 1);
    assert_eq!(holds[0].hold.scope.as_str(), "withdraw");
    assert_eq!(holds[0].hold.ends_at, Some(app.now() + 2 * DAY));
    assert!(app
        .audit_kinds(EMAIL)
        .await
        .contains(&"twofactor_reset_executed".to_owned()));

    assert_eq!(
        withdrawals(&app, EMAIL).await,
        (false, vec!["held".to_owned()])
    );

    // Nobody lifts the hold before its end, not even an admin.
    let admin = app.signed_in_staff("admin@example.com", Role::Admin).await;
    let lift = admin
        .post(
            &format!("/agent/holds/{}/lift", holds[0].id),
            &[("back", &request.to_string())],
        )
        .await;
    assert_eq!(lift.status.as_u16(), 409, "{}", lift.body);
    assert_eq!(active_holds(&app, EMAIL).await.len(), 1);

    // The next login forces enrollment, with new recovery codes.
    let again = Browser::new(&app.base, "en");
    let page = again.log_in(EMAIL, PASSWORD).await;
    assert!(page.url.ends_with("/2fa/enroll"), "{}", page.url);
    let secret = page.secret();
    let done = again.confirm_enrollment(&app.code(&secret)).await;
    done.assert_ok();
    assert_eq!(done.all_text("#recovery-codes code").len(), 10);

    // The hold ends at its time.
    app.clock.advance(2 * DAY);
    assert!(active_holds(&app, EMAIL).await.is_empty());
    assert!(withdrawals(&app, EMAIL).await.0);
    // The exchange's services heard each step: asked, refused, asked again, approved,
    // carried out.
    let heard = app
        .read()
        .await
        .webhook_deliveries(50)
        .await
        .unwrap()
        .into_iter()
        .filter(|d| d.event == "twofactor_reset.changed")
        .count();
    assert_eq!(heard, 5);
}

/// A stolen password and mailbox: the selfie is not the face on the document on file.
/// The agent refuses it as "not the holder", which no new photo fixes.
async fn not_the_holder_cannot_be_fixed_by_sending_again(backend: Backend) {
    let app = TestApp::spawn(backend).await;
    verified_customer(&app, EMAIL).await;
    let impostor = at_second_step(&app, EMAIL, "en").await;
    send_selfie(&impostor).await.assert_ok();
    let case = open_case(&app, EMAIL).await;
    let agent = app.signed_in_staff("agent@example.com", Role::Agent).await;
    let mut refuse: Vec<(&str, &str)> = ALL_PASS[..12].to_vec();
    refuse[10] = ("item_face_matches_document", "fail");
    refuse.extend([("decision", "refuse"), ("reason", "not_the_holder")]);
    agent_decides(&app, &agent, case.id, &refuse)
        .await
        .assert_ok();
    let page = impostor.get("/login/2fa/lost").await;
    assert!(page.text("#support-hint").is_some(), "{}", page.body);
    assert!(
        page.attr("#selfie-form", "action").is_none(),
        "no form to send again"
    );
    let again = send_selfie(&impostor).await;
    assert_eq!(again.status.as_u16(), 409, "{}", again.body);
    assert_eq!(open_case(&app, EMAIL).await.case.status.as_str(), "refused");
    assert!(factor_count(&app, EMAIL).await > 0);
}

/// A stolen password alone: the owner is told at the request and at the approval, and
/// stops it with the link; the account freezes, and nothing is carried out later.
async fn this_wasnt_me_during_the_delay_freezes_the_account(backend: Backend) {
    let app = TestApp::spawn(backend).await;
    verified_customer(&app, EMAIL).await;
    let attacker = at_second_step(&app, EMAIL, "en").await;
    send_selfie(&attacker).await.assert_ok();
    let case = open_case(&app, EMAIL).await;
    let first_link = link_in(
        app.mails_to(EMAIL)
            .await
            .iter()
            .find(|m| m.subject.contains("two-factor reset was requested"))
            .unwrap(),
    );
    let agent = app.signed_in_staff("agent@example.com", Role::Agent).await;
    agent_decides(&app, &agent, case.id, &ALL_PASS)
        .await
        .assert_ok();
    let second_link = link_in(
        app.mails_to(EMAIL)
            .await
            .iter()
            .find(|m| m.subject.contains("We are resetting"))
            .unwrap(),
    );
    assert_ne!(first_link, second_link);
    // No link is replayable from a dump: only their hashes are stored.
    let dump = app.database_dump().await;
    for link in [&first_link, &second_link] {
        let token = link.rsplit('/').next().unwrap();
        assert!(
            !dump.windows(token.len()).any(|w| w == token.as_bytes()),
            "a stop token in the database"
        );
    }

    // Opening the link changes nothing (mail scanners open links); the button does.
    let owner = Browser::new(&app.base, "en");
    let page = owner.get(&path_of(&second_link)).await;
    page.assert_ok();
    assert_eq!(
        page.attr("#reset-stop", "data-state").as_deref(),
        Some("open")
    );
    assert_eq!(open_case(&app, EMAIL).await.case.status.as_str(), "waiting");
    let stopped = owner.post(&path_of(&second_link), &[]).await;
    stopped.assert_ok();
    assert_eq!(
        stopped.attr("#reset-stop", "data-state").as_deref(),
        Some("stopped")
    );

    let id = account(&app, EMAIL).await.id;
    let case = app
        .read()
        .await
        .twofactor_reset(case.id)
        .await
        .unwrap()
        .unwrap();
    assert_eq!(case.case.status.as_str(), "cancelled");
    let holds = active_holds(&app, EMAIL).await;
    assert!(
        holds
            .iter()
            .any(|h| h.hold.scope.as_str() == "everything" && h.hold.ends_at.is_none()),
        "the account is frozen"
    );
    assert!(
        attacker
            .get("/login/2fa/lost")
            .await
            .url
            .ends_with("/login"),
        "signed out"
    );
    assert!(app
        .mails_to(EMAIL)
        .await
        .iter()
        .any(|m| m.subject.contains("stopped")));
    // The first link is dead now too; the reset is never carried out.
    let late = owner.get(&path_of(&first_link)).await;
    assert_eq!(
        late.attr("#reset-stop", "data-state").as_deref(),
        Some("closed")
    );
    let again = owner.post(&path_of(&first_link), &[]).await;
    assert_eq!(again.status.as_u16(), 409);
    app.clock.advance(2 * DAY);
    app.mails().await;
    assert!(factor_count(&app, EMAIL).await > 0, "nothing was removed");
    assert!(app
        .read()
        .await
        .open_twofactor_reset(id)
        .await
        .unwrap()
        .is_none());
    // The freeze: no agent lifts it; an admin does, once the owner's identity was
    // checked again.
    let freeze = active_holds(&app, EMAIL)
        .await
        .into_iter()
        .find(|h| h.hold.scope.as_str() == "everything")
        .unwrap();
    let request = case.request_id.unwrap().to_string();
    let agent = app.signed_in_staff("agent2@example.com", Role::Agent).await;
    let lift = agent
        .post(
            &format!("/agent/holds/{}/lift", freeze.id),
            &[("back", &request)],
        )
        .await;
    assert_eq!(lift.status.as_u16(), 409, "{}", lift.body);
    let unfreeze = format!("/agent/holds/{}/unfreeze", freeze.id);
    let by_agent = agent.post(&unfreeze, &[("back", &request)]).await;
    assert_eq!(by_agent.status.as_u16(), 403);
    let admin = app.signed_in_staff("admin@example.com", Role::Admin).await;
    let desk = admin.get(&format!("/agent/requests/{request}")).await;
    assert!(desk
        .attr(&format!("#unfreeze-{}", freeze.id), "action")
        .is_some());
    let unchecked = admin.post(&unfreeze, &[("back", &request)]).await;
    assert_eq!(unchecked.status.as_u16(), 422, "{}", unchecked.body);
    admin
        .post(&unfreeze, &[("back", &request), ("identity_checked", "1")])
        .await
        .assert_ok();
    assert!(active_holds(&app, EMAIL).await.is_empty());

    // A forged token is "not found".
    let forged = owner
        .get("/twofactor-reset/stop/AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA")
        .await;
    assert_eq!(forged.status.as_u16(), 404);
}

/// The in-app notice: the signed-in owner (who still has their authenticator) sees the
/// reset someone asked for and stops it from the account page.
async fn the_owner_signed_in_sees_the_notice_and_stops_it(backend: Backend) {
    let app = TestApp::spawn(backend).await;
    let (owner, secret, _) = app.enrolled_customer(EMAIL).await;
    owner.post("/verification/facts", &FACTS).await.assert_ok();
    let attacker = at_second_step(&app, EMAIL, "en").await;
    attacker
        .post(
            "/login/2fa/lost/facts",
            &[
                ("date_of_birth", "1990-04-01"),
                ("address", "東京都千代田区丸の内1-1-1"),
                ("phone", "09012345678"),
                ("occupation", ""),
            ],
        )
        .await
        .assert_ok();
    app.next_step();
    let page = owner.get("/account").await;
    page.assert_ok();
    assert!(page.text("#reset-notice").is_some(), "{}", page.body);
    let stopped = owner.post("/account/twofactor-reset/stop", &[]).await;
    stopped.assert_ok();
    assert_eq!(
        stopped.attr("#reset-stop", "data-state").as_deref(),
        Some("stopped")
    );
    assert!(active_holds(&app, EMAIL)
        .await
        .iter()
        .any(|h| h.hold.scope.as_str() == "everything"));
    let _ = secret;
}

/// J4: an account without a verified document answers three of four facts, normalised;
/// two are refused without saying which; the answers are throttled like a password.
async fn facts_path_three_of_four_normalised_and_two_refused(backend: Backend) {
    let app = TestApp::spawn(backend).await;
    let (b, _, _) = app.enrolled_customer(EMAIL).await;
    b.post("/verification/facts", &FACTS).await.assert_ok();
    // A Japanese customer: pages and mails in their setting's language.
    b.post("/language", &[("lang", "ja"), ("back", "/account")])
        .await
        .assert_ok();
    let b = at_second_step(&app, EMAIL, "ja").await;
    let page = b.get("/login/2fa/lost").await;
    assert_eq!(page.attr("#reset", "data-way").as_deref(), Some("facts"));
    assert!(page.text("h1").unwrap().contains("二段階認証"));

    // Two of four (birth date and occupation right, address and phone wrong).
    let two = b
        .post(
            "/login/2fa/lost/facts",
            &[
                ("date_of_birth", "1990-04-01"),
                ("address", "大阪府大阪市北区1-1"),
                ("phone", "080-0000-0000"),
                ("occupation", "employee"),
            ],
        )
        .await;
    assert_eq!(two.status.as_u16(), 422, "{}", two.body);
    let said = two.text("#notice").unwrap();
    assert!(said.contains("一致しません"), "{said}");
    for field in ["住所", "電話", "生年月日", "職業"] {
        assert!(
            !said.contains(field),
            "which answer was wrong is not said: {said}"
        );
    }
    assert!(app
        .audit_kinds(EMAIL)
        .await
        .contains(&"twofactor_reset_facts_failed".to_owned()));

    // Three, written otherwise: full-width digits, 丁目/番/号, +81, slashes.
    let three = b
        .post(
            "/login/2fa/lost/facts",
            &[
                ("date_of_birth", "1990/04/01"),
                ("address", "東京都千代田区丸の内１丁目１番１号"),
                ("phone", "+81 90 1234 5678"),
                ("occupation", ""),
            ],
        )
        .await;
    three.assert_ok();
    assert!(
        three.text("#notice").unwrap().contains("一致しました"),
        "{}",
        three.body
    );
    let case = open_case(&app, EMAIL).await;
    assert_eq!(
        (case.case.path.as_str(), case.case.status.as_str()),
        ("facts", "in_review")
    );
    let mails = app.mails_to(EMAIL).await;
    let told = mails
        .iter()
        .find(|m| m.subject.contains("二段階認証のリセットが申し込まれました"))
        .expect("the owner is told in Japanese");
    assert!(
        told.body_text.contains("身に覚えがない"),
        "{}",
        told.body_text
    );

    // The agent confirms (no photo checklist on this way); the delay starts.
    let agent = app.signed_in_staff("agent@example.com", Role::Agent).await;
    agent_decides(&app, &agent, case.id, &[("decision", "approve")])
        .await
        .assert_ok();
    let case = open_case(&app, EMAIL).await;
    assert_eq!(case.case.status.as_str(), "waiting");
    assert!(app
        .mails_to(EMAIL)
        .await
        .iter()
        .any(|m| m.subject.contains("リセットを進めています")));
}

async fn facts_answers_are_throttled_like_a_password(backend: Backend) {
    let app = TestApp::spawn(backend).await;
    let (b, _, _) = app.enrolled_customer(EMAIL).await;
    b.post("/verification/facts", &FACTS).await.assert_ok();
    let b = at_second_step(&app, EMAIL, "en").await;
    let wrong = [
        ("date_of_birth", "2000-01-01"),
        ("address", "nowhere"),
        ("phone", "000"),
        ("occupation", "student"),
    ];
    let mut statuses = Vec::new();
    for _ in 0..12 {
        statuses.push(
            b.post("/login/2fa/lost/facts", &wrong)
                .await
                .status
                .as_u16(),
        );
    }
    assert!(statuses.contains(&429), "{statuses:?}");
    // Even the right answers wait while throttled.
    let right = b
        .post(
            "/login/2fa/lost/facts",
            &[
                ("date_of_birth", "1990-04-01"),
                ("address", "東京都千代田区丸の内1-1-1"),
                ("phone", "09012345678"),
                ("occupation", "employee"),
            ],
        )
        .await;
    assert_eq!(right.status.as_u16(), 429, "{}", right.body);
    let id = account(&app, EMAIL).await.id;
    assert!(app
        .read()
        .await
        .open_twofactor_reset(id)
        .await
        .unwrap()
        .is_none());
}

/// Four eyes on, for Enhanced accounts: one agent's approval is not enough, nor the
/// same agent twice; an agent never decides their own account's reset; a staff
/// account's needs an admin.
async fn four_eyes_own_account_and_staff_accounts(backend: Backend) {
    let app = TestApp::spawn_with(backend, |s| {
        s.twofactor_reset.four_eyes_tiers = vec!["enhanced".into()];
    })
    .await;
    verified_customer(&app, EMAIL).await;
    let b = at_second_step(&app, EMAIL, "en").await;
    send_selfie(&b).await.assert_ok();
    let case = open_case(&app, EMAIL).await;
    let first = app.signed_in_staff("first@example.com", Role::Agent).await;
    let second = app.signed_in_staff("second@example.com", Role::Agent).await;
    agent_decides(&app, &first, case.id, &ALL_PASS)
        .await
        .assert_ok();
    assert_eq!(
        open_case(&app, EMAIL).await.case.status.as_str(),
        "in_review"
    );
    let twice = agent_decides(&app, &first, case.id, &ALL_PASS).await;
    assert_eq!(twice.status.as_u16(), 409, "{}", twice.body);
    let by_second = agent_decides(&app, &second, case.id, &ALL_PASS).await;
    assert_eq!(
        by_second.status.as_u16(),
        200,
        "{:?}",
        by_second.text("#review-error")
    );
    assert_eq!(open_case(&app, EMAIL).await.case.status.as_str(), "waiting");

    // Cases of staff accounts, opened as the facts way would.
    use keydesk_domain::twofactor_reset::case::ResetCase;
    let agent_id = account(&app, "first@example.com").await.id;
    let other_agent = account(&app, "second@example.com").await.id;
    let mut ids = Vec::new();
    let mut tx = app.running.state.store.begin().await.unwrap();
    for (owner, hash) in [(agent_id, "own-hash"), (other_agent, "staff-hash")] {
        let case = ResetCase::by_facts(true, app.now(), DAY)
            .start_review()
            .unwrap();
        ids.push(
            tx.insert_twofactor_reset(owner, &case, None, hash, app.now())
                .await
                .unwrap(),
        );
    }
    tx.commit().await.unwrap();
    let own = agent_decides(&app, &first, ids[0], &[("decision", "approve")]).await;
    assert_eq!(own.status.as_u16(), 403, "{}", own.body);
    assert!(own
        .text("#review-error")
        .unwrap()
        .contains("your own account"));
    let staff = agent_decides(&app, &first, ids[1], &[("decision", "approve")]).await;
    assert_eq!(staff.status.as_u16(), 403, "{}", staff.body);
    let admin = app.signed_in_staff("admin@example.com", Role::Admin).await;
    agent_decides(&app, &admin, ids[1], &[("decision", "approve")])
        .await
        .assert_ok();
    let staff_case = app
        .read()
        .await
        .twofactor_reset(ids[1])
        .await
        .unwrap()
        .unwrap();
    assert_eq!(
        staff_case.case.status.as_str(),
        "in_review",
        "a staff account's reset needs two approvals"
    );
}

/// A stolen password and mailbox still meet the document on file (the agent's face
/// check), the delay and the hold; and another customer reaches none of it.
async fn another_customers_case_and_images_are_not_found(backend: Backend) {
    let app = TestApp::spawn(backend).await;
    verified_customer(&app, EMAIL).await;
    let b = at_second_step(&app, EMAIL, "en").await;
    send_selfie(&b).await.assert_ok();
    let case = open_case(&app, EMAIL).await;
    let images = app
        .read()
        .await
        .twofactor_reset_images(case.id)
        .await
        .unwrap();
    assert_eq!(images.len(), 2);
    let (other, _, _) = app.enrolled_customer("other@example.com").await;
    for image in &images {
        let r = other
            .fetch(&format!("/twofactor-reset/images/{}", image.id))
            .await;
        assert_eq!(r.status(), 404);
    }
    let review = other
        .get(&format!("/agent/twofactor-resets/{}", case.id))
        .await;
    assert_eq!(review.status.as_u16(), 403);
    // The other customer's own reset page shows nothing of Hanako's case.
    let other_second = at_second_step(&app, "other@example.com", "en").await;
    let page = other_second.get("/login/2fa/lost").await;
    assert_eq!(page.attr("#reset", "data-status").as_deref(), Some("none"));
    // The images are encrypted at rest: no JPEG marker in the stored files.
    for entry in std::fs::read_dir(app.dir.path().join("resets")).unwrap() {
        let bytes = std::fs::read(entry.unwrap().path()).unwrap();
        assert!(!bytes.starts_with(&[0xff, 0xd8, 0xff]));
    }
}

/// The delayed reset is a durable job: approved before a restart, it is carried out by
/// the instance that runs after it, once.
async fn the_reset_survives_a_restart_and_runs_once(backend: Backend) {
    let app = TestApp::spawn(backend).await;
    verified_customer(&app, EMAIL).await;
    let b = at_second_step(&app, EMAIL, "en").await;
    send_selfie(&b).await.assert_ok();
    let case = open_case(&app, EMAIL).await;
    let agent = app.signed_in_staff("agent@example.com", Role::Agent).await;
    agent_decides(&app, &agent, case.id, &ALL_PASS)
        .await
        .assert_ok();
    app.mails().await;
    let after = app.restarted().await;
    after.clock.advance(DAY + 60);
    after.mails().await;
    assert_eq!(factor_count(&after, EMAIL).await, 0);
    // A second run (the maintenance sweep's backstop, another instance) changes nothing.
    let state = &after.running.state;
    assert_eq!(
        keydesk::features::twofactor_reset::execute::run_due(state)
            .await
            .unwrap(),
        0
    );
    keydesk::features::twofactor_reset::execute::run(
        state,
        keydesk::jobs::ResetDue { reset_id: case.id },
    )
    .await
    .unwrap();
    let holds = active_holds(&after, EMAIL).await;
    assert_eq!(holds.len(), 1, "one withdrawal hold, not two");
    let done = after
        .mails_to(EMAIL)
        .await
        .iter()
        .filter(|m| m.subject.contains("has been reset"))
        .count();
    assert_eq!(done, 1);
}

/// A closed case's images are deleted after the retention; an open one's stay.
async fn retention_deletes_closed_cases_images(backend: Backend) {
    let app = TestApp::spawn(backend).await;
    verified_customer(&app, EMAIL).await;
    let b = at_second_step(&app, EMAIL, "en").await;
    send_selfie(&b).await.assert_ok();
    let case = open_case(&app, EMAIL).await;
    let state = &app.running.state;
    let files = || {
        std::fs::read_dir(app.dir.path().join("resets"))
            .map(|d| d.count())
            .unwrap_or(0)
    };
    assert_eq!(files(), 2);
    app.clock.advance(40 * DAY);
    keydesk::features::twofactor_reset::retention::purge(state)
        .await
        .unwrap();
    assert_eq!(files(), 2, "an open case keeps its images");
    let agent = app.signed_in_staff("agent@example.com", Role::Agent).await;
    agent_decides(&app, &agent, case.id, &ALL_PASS)
        .await
        .assert_ok();
    app.clock.advance(DAY + 1);
    app.mails().await;
    app.clock.advance(29 * DAY);
    keydesk::features::twofactor_reset::retention::purge(state)
        .await
        .unwrap();
    assert_eq!(files(), 2, "not before 30 days after it closed");
    app.clock.advance(DAY + 1);
    keydesk::features::twofactor_reset::retention::purge(state)
        .await
        .unwrap();
    assert_eq!(files(), 0);
    assert!(state
        .store
        .read()
        .await
        .unwrap()
        .twofactor_reset_images(case.id)
        .await
        .unwrap()
        .is_empty());
}

on_both_backends!(
    j3_refused_resubmitted_approved_delayed_then_reset_forces_enrollment,
    this_wasnt_me_during_the_delay_freezes_the_account,
    not_the_holder_cannot_be_fixed_by_sending_again,
    the_owner_signed_in_sees_the_notice_and_stops_it,
    facts_path_three_of_four_normalised_and_two_refused,
    facts_answers_are_throttled_like_a_password,
    four_eyes_own_account_and_staff_accounts,
    another_customers_case_and_images_are_not_found,
    the_reset_survives_a_restart_and_runs_once,
    retention_deletes_closed_cases_images,
);
