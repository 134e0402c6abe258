//! The authorisation matrix: every route the router has (its own route table, not a list
//! kept by hand) × {anonymous, the owning customer, another customer, agent, admin} has
//! an expected outcome, and the test checks each one. A route with no entry here fails
//! the test, so every route a later feature adds is placed in the matrix.
//!
//! "Owner" owns the objects a route's `{id}` names (a photo, a session, a mail sent to
//! them); "other" is a second customer reaching for the same ids. Each request gets
//! fresh sessions, so a route that ends a session (log out) cannot disturb the next.
use crate::helpers::*;
use keydesk::usecase::RequestMeta;
use keydesk_domain::identity::role::Role;
use keydesk_domain::photo::kind::PhotoKind;
use keydesk_store::models::{NewPhotoSubmission, SessionKind};
use reqwest::header::{HeaderMap, HeaderValue, CONTENT_TYPE, COOKIE, LOCATION};
use reqwest::{Method, StatusCode};
use std::collections::BTreeMap;

/// What a request met.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Outcome {
    /// Sent to sign in: a redirect to `/login`, or the API's 401.
    Login,
    /// 403.
    Forbidden,
    /// 404: not told whether the object exists.
    Hidden,
    /// Past authorisation: the handler ran (whatever it then answered).
    Reached,
}
use Outcome::*;

const ACTORS: [&str; 5] = ["anonymous", "owner", "other", "agent", "admin"];

/// Everyone, signed in or not.
const PUBLIC: [Outcome; 5] = [Reached, Reached, Reached, Reached, Reached];
/// Any signed-in session; the anonymous are sent to sign in.
const SIGNED_IN: [Outcome; 5] = [Login, Reached, Reached, Reached, Reached];
/// The viewer's own things (no object in the path).
const OWN: [Outcome; 5] = SIGNED_IN;
/// An object of the owner's that staff may see too.
const OWNER_OR_STAFF: [Outcome; 5] = [Login, Reached, Hidden, Reached, Reached];
/// An object only its owner may act on (their own session).
const OWNER_ONLY: [Outcome; 5] = [Login, Reached, Hidden, Hidden, Hidden];
const STAFF: [Outcome; 5] = [Login, Forbidden, Forbidden, Reached, Reached];
const ADMIN: [Outcome; 5] = [Login, Forbidden, Forbidden, Forbidden, Reached];
/// A session whose password is proven and second factor is not (a 2FA reset's way in):
/// a complete session, whoever's, is not one.
const RECOVERING: [Outcome; 5] = [Login, Forbidden, Forbidden, Forbidden, Forbidden];

fn matrix() -> BTreeMap<(&'static str, &'static str), [Outcome; 5]> {
    BTreeMap::from([
        // Assets and the API's own document.
        (("GET", "/static/app.css"), PUBLIC),
        (("GET", "/static/photocheck.js"), PUBLIC),
        (("GET", "/static/copy.js"), PUBLIC),
        (("GET", "/help"), PUBLIC),
        (("GET", "/api/v1/openapi.json"), PUBLIC),
        // Accounts.
        (("GET", "/"), PUBLIC),
        (("GET", "/signup"), PUBLIC),
        (("POST", "/signup"), PUBLIC),
        (("GET", "/email/verify"), PUBLIC),
        (("POST", "/email/verify"), PUBLIC),
        (("GET", "/password/forgot"), PUBLIC),
        (("POST", "/password/forgot"), PUBLIC),
        (("GET", "/password/reset"), PUBLIC),
        (("POST", "/password/reset"), PUBLIC),
        (("POST", "/language"), PUBLIC),
        (("POST", "/account/time-zone"), OWN),
        (("GET", "/account"), OWN),
        (("GET", "/account/events"), OWN),
        (("GET", "/account/password"), OWN),
        (("POST", "/account/password"), OWN),
        (("POST", "/account/verify-email"), OWN),
        (("POST", "/api/v1/accounts"), PUBLIC),
        (("POST", "/api/v1/email/verify"), PUBLIC),
        (("POST", "/api/v1/password/forgot"), PUBLIC),
        (("POST", "/api/v1/password/reset"), PUBLIC),
        (("GET", "/api/v1/me"), SIGNED_IN),
        (("POST", "/api/v1/me/password"), OWN),
        (("GET", "/api/v1/me/security-events"), OWN),
        // Sessions. Logging out without a session goes to the login page all the same.
        (("GET", "/login"), PUBLIC),
        (("POST", "/login"), PUBLIC),
        // Without a session waiting for its second factor, the step sends each home.
        (("GET", "/login/2fa"), SIGNED_IN),
        (("POST", "/login/2fa"), SIGNED_IN),
        (("POST", "/logout"), [Login, Login, Login, Login, Login]),
        (
            ("POST", "/account/logout-everywhere"),
            [Login, Login, Login, Login, Login],
        ),
        (("POST", "/account/sessions/{id}/end"), OWNER_ONLY),
        (("POST", "/api/v1/sessions"), PUBLIC),
        (("GET", "/api/v1/sessions"), OWN),
        (("GET", "/api/v1/sessions/current"), SIGNED_IN),
        (("DELETE", "/api/v1/sessions/current"), SIGNED_IN),
        (
            ("POST", "/api/v1/sessions/current/second-factor"),
            SIGNED_IN,
        ),
        (("DELETE", "/api/v1/sessions/all"), OWN),
        (("DELETE", "/api/v1/sessions/{id}"), OWNER_ONLY),
        // Two-factor authentication.
        (("GET", "/2fa/enroll"), OWN),
        (("POST", "/2fa/enroll"), OWN),
        (("POST", "/2fa/enroll/restart"), OWN),
        (("GET", "/2fa/recovery-codes"), OWN),
        (("POST", "/2fa/recovery-codes"), OWN),
        (("GET", "/2fa/disable"), OWN),
        (("POST", "/2fa/disable"), OWN),
        (("GET", "/api/v1/totp"), OWN),
        (("DELETE", "/api/v1/totp"), OWN),
        (("POST", "/api/v1/totp/enrollment"), OWN),
        (("POST", "/api/v1/totp/enrollment/confirm"), OWN),
        (("POST", "/api/v1/totp/recovery-codes"), OWN),
        // Identity photos.
        (("GET", "/photo-check"), OWN),
        (("POST", "/photo-check"), OWN),
        (("POST", "/photo-check/check"), OWN),
        (("POST", "/photo-check/submit"), OWN),
        (("POST", "/api/v1/photocheck"), OWN),
        (("GET", "/photos/{id}"), OWNER_OR_STAFF),
        (("GET", "/agent/photos"), STAFF),
        (("GET", "/agent/photos/{id}"), STAFF),
        // Operators.
        (("GET", "/admin/outbox"), ADMIN),
        (("GET", "/admin/outbox/{id}"), ADMIN),
        // The help desk: forms for everyone, a request for its owner (staff work it in
        // the console, and open its attachments from there), the console for staff.
        (("GET", "/static/desk-form.js"), PUBLIC),
        (("GET", "/static/verification.js"), PUBLIC),
        (("GET", "/requests/new"), PUBLIC),
        (("GET", "/requests/new/{category}"), PUBLIC),
        (("POST", "/requests/new/{category}"), PUBLIC),
        (("GET", "/requests/confirm"), PUBLIC),
        (("POST", "/requests/confirm"), PUBLIC),
        (("GET", "/requests"), OWN),
        (("GET", "/requests/{number}"), OWNER_ONLY),
        (("POST", "/requests/{number}/reply"), OWNER_ONLY),
        // A rating link is its own authority (a MAC of the request and its solve), so
        // it works signed out from the solved mail; without one every actor gets 404.
        (("GET", "/requests/{number}/rating"), PUBLIC),
        (("POST", "/requests/{number}/rating"), PUBLIC),
        (("GET", "/agent/reports/satisfaction"), STAFF),
        (("GET", "/api/v1/reports/satisfaction"), STAFF),
        (
            ("GET", "/requests/{number}/attachments/{id}"),
            OWNER_OR_STAFF,
        ),
        (("POST", "/api/v1/requests"), PUBLIC),
        (("GET", "/api/v1/requests"), OWN),
        (("GET", "/api/v1/requests/{number}"), OWNER_OR_STAFF),
        (("PATCH", "/api/v1/requests/{number}"), STAFF),
        (("POST", "/api/v1/requests/{number}/replies"), OWNER_ONLY),
        (
            ("GET", "/api/v1/requests/{number}/attachments/{id}"),
            OWNER_OR_STAFF,
        ),
        (("GET", "/agent/requests"), STAFF),
        (("GET", "/agent/requests/{number}"), STAFF),
        (("POST", "/agent/requests/{number}"), STAFF),
        (("GET", "/admin/desk"), ADMIN),
        (("POST", "/admin/desk/reload"), ADMIN),
        (("POST", "/admin/desk/macros"), ADMIN),
        (("POST", "/admin/desk/macros/{id}"), ADMIN),
        (("POST", "/admin/desk/macros/{id}/delete"), ADMIN),
        (("POST", "/admin/desk/webhooks"), ADMIN),
        (("POST", "/admin/desk/webhooks/{id}/active"), ADMIN),
        // Identity verification: the customer's own page; an image for its owner and
        // staff; the review for staff only (a customer is forbidden, not told).
        (("GET", "/verification"), OWN),
        (("POST", "/verification/facts"), OWN),
        (("POST", "/verification/documents"), OWN),
        (("GET", "/verification/images/{id}"), OWNER_OR_STAFF),
        (("GET", "/agent/verification/{id}"), STAFF),
        (("POST", "/agent/verification/{id}/decide"), STAFF),
        (("POST", "/agent/verification/{id}/clear"), STAFF),
        // Holds and service tokens.
        (("POST", "/agent/accounts/{id}/holds"), STAFF),
        (("POST", "/agent/holds/{id}/lift"), STAFF),
        (("POST", "/agent/holds/{id}/unfreeze"), ADMIN),
        (("GET", "/admin/tokens"), ADMIN),
        (("POST", "/admin/tokens"), ADMIN),
        (("POST", "/admin/tokens/{id}/revoke"), ADMIN),
        // The 2FA reset: asked for only between the password and the second factor;
        // a "this wasn't me" link is a bearer token (anything but a live one is not
        // found, whoever asks); the in-app stop needs the owner's own open case (the
        // world's is carried out already); an image for its owner and staff; the
        // review for staff.
        (("GET", "/static/reset.js"), PUBLIC),
        (("GET", "/static/good-selfie.svg"), PUBLIC),
        (("GET", "/login/2fa/lost"), SIGNED_IN),
        (("POST", "/login/2fa/lost/check"), RECOVERING),
        (("POST", "/login/2fa/lost/selfie"), RECOVERING),
        (("POST", "/login/2fa/lost/facts"), RECOVERING),
        (("GET", "/twofactor-reset/stop/{token}"), [Hidden; 5]),
        (("POST", "/twofactor-reset/stop/{token}"), [Hidden; 5]),
        (
            ("POST", "/account/twofactor-reset/stop"),
            [Login, Hidden, Hidden, Hidden, Hidden],
        ),
        (("GET", "/twofactor-reset/images/{id}"), OWNER_OR_STAFF),
        (("GET", "/agent/twofactor-resets"), STAFF),
        (("GET", "/agent/twofactor-resets/{id}"), STAFF),
        (("POST", "/agent/twofactor-resets/{id}/decide"), STAFF),
        // Mail in from a gateway: a service token with mail:ingest only.
        (("POST", "/api/v1/mail/inbound"), [Login; 5]),
        // A service token only: no session of anyone's opens it.
        (("GET", "/api/v1/accounts/{id}/capabilities"), [Login; 5]),
    ])
}

struct Actor {
    account_id: i64,
}

struct World {
    app: TestApp,
    actors: Vec<Option<Actor>>,
    /// The owner's photo, a second session of the owner's, a mail to the owner.
    photo: i64,
    mail: i64,
    /// The owner's desk request, its attachment; a macro; a webhook.
    request: i64,
    attachment: i64,
    desk_macro: i64,
    webhook: i64,
    /// The owner's verification case, one image of it; a hold on the owner; a token.
    case: i64,
    kyc_image: i64,
    hold: i64,
    service_token: i64,
    owner: i64,
    /// The owner's 2FA reset case (carried out) and one image of it.
    reset: i64,
    reset_image: i64,
}

async fn account(app: &TestApp, email: &str, role: Role) -> i64 {
    keydesk::features::accounts::service::create_by_operator(
        &app.running.state,
        email,
        PASSWORD,
        role,
    )
    .await
    .unwrap()
}

async fn world(backend: Backend) -> World {
    let app = TestApp::spawn(backend).await;
    let mut actors = vec![None];
    for (email, role) in [
        ("owner@example.com", Role::Customer),
        ("other@example.com", Role::Customer),
        ("agent@example.com", Role::Agent),
        ("admin@example.com", Role::Admin),
    ] {
        let account_id = account(&app, email, role).await;
        // A factor, so that complete sessions are what they would be after a login.
        let state = &app.running.state;
        let secret = keydesk_domain::twofactor::totp::TotpSecret::generate();
        let sealed = state
            .secrets
            .seal(secret.as_bytes(), &format!("totp:{account_id}"));
        let mut tx = state.store.begin().await.unwrap();
        tx.insert_factor(
            account_id,
            &sealed,
            keydesk_store::models::FactorStatus::Active,
            app.now(),
        )
        .await
        .unwrap();
        tx.commit().await.unwrap();
        actors.push(Some(Actor { account_id }));
    }
    let owner = actors[1].as_ref().unwrap().account_id;
    let state = &app.running.state;
    // The owner's photo: its file first, then its row (as the app writes them).
    let file_name = "matrixphoto.jpg";
    state
        .files
        .put(
            &keydesk::files::FileKey::new("photos", file_name).unwrap(),
            vec![0xff, 0xd8, 0xff, 0xd9].into(),
        )
        .await
        .unwrap();
    let findings = serde_json::json!({
        "kind": "id-selfie", "width": 100, "height": 100, "format": "jpeg",
        "skipped": [], "findings": []
    })
    .to_string();
    let mut tx = state.store.begin().await.unwrap();
    let photo = tx
        .insert_photo_submission(&NewPhotoSubmission {
            account_id: owner,
            kind: PhotoKind::IdSelfie,
            file_name,
            sha256: "0",
            findings: &findings,
            blocking: false,
            now: app.now(),
        })
        .await
        .unwrap();
    tx.commit().await.unwrap();
    // A mail to the owner (the sign-up of an address they hold).
    app.browser()
        .post(
            "/signup",
            &[("email", "owner@example.com"), ("password", PASSWORD)],
        )
        .await;
    let mail = app.mails_to("owner@example.com").await[0].id;
    // The owner's request with a PDF attached, as the form sends one.
    let owner_account = state
        .store
        .read()
        .await
        .unwrap()
        .account_by_id(owner)
        .await
        .unwrap()
        .unwrap();
    let received = keydesk::features::desk::intake::submit(
        state,
        &RequestMeta::for_operator(),
        keydesk::features::desk::intake::Requester::Customer(&owner_account),
        keydesk::features::desk::intake::NewRequest {
            category: "other".into(),
            submission: keydesk_domain::helpdesk::answers::Submission {
                subject: "matrix".into(),
                description: "matrix".into(),
                ..Default::default()
            },
            uploads: vec![keydesk::features::desk::attachments::Upload {
                field: None,
                name: "a.pdf".into(),
                bytes: b"%PDF-1.4\n%%EOF\n".to_vec(),
            }],
            idempotency_key: "matrix-request".into(),
            lang: keydesk_domain::identity::language::Language::En,
            strict: true,
            follow_up_of: None,
        },
    )
    .await
    .unwrap();
    let mut tx = state.store.read().await.unwrap();
    let attachment = tx.desk_attachments(received.number).await.unwrap()[0].id;
    let desk_macro = tx.desk_macros().await.unwrap()[0].id;
    drop(tx);
    let mut tx = state.store.begin().await.unwrap();
    let webhook = tx
        .insert_webhook(
            "https://hooks.example/x",
            "sealed",
            "request.created",
            app.now(),
        )
        .await
        .unwrap();
    tx.commit().await.unwrap();
    let (case, kyc_image, hold) = verification_objects(&app, owner).await;
    let (reset, reset_image) = reset_objects(&app, owner).await;
    let service_token = keydesk::features::capabilities::tokens::create(
        state,
        &RequestMeta::for_operator(),
        None,
        "matrix",
        &["capabilities:read"],
    )
    .await
    .unwrap()
    .id;
    World {
        app,
        actors,
        photo,
        mail,
        request: received.number,
        attachment,
        desk_macro,
        webhook,
        case,
        kyc_image,
        hold,
        service_token,
        owner,
        reset,
        reset_image,
    }
}

/// The owner's reset case, carried out, with one encrypted image (file first, then rows).
async fn reset_objects(app: &TestApp, owner: i64) -> (i64, i64) {
    use keydesk_domain::twofactor_reset::case::ResetCase;
    use keydesk_domain::twofactor_reset::image::ResetImageKind;
    let state = &app.running.state;
    let name = "matrixreset.bin";
    let sealed = keydesk::envelope::seal(&state.secrets, &[0xff, 0xd8, 0xff, 0xd9], name).unwrap();
    state
        .files
        .put(
            &keydesk::files::FileKey::new("resets", name).unwrap(),
            sealed.bytes.into(),
        )
        .await
        .unwrap();
    let case = ResetCase::by_selfie().start_review().unwrap();
    let mut tx = state.store.begin().await.unwrap();
    let id = tx
        .insert_twofactor_reset(owner, &case, None, "matrix-link-hash", app.now())
        .await
        .unwrap();
    let image = tx
        .insert_twofactor_reset_image(&keydesk_store::models::NewResetImage {
            reset_id: id,
            account_id: owner,
            attempt: 1,
            kind: ResetImageKind::Selfie,
            file_name: name,
            sealed_key: &sealed.sealed_key,
            sha256: "0",
            findings: r#"{"kind":"id-selfie","width":10,"height":10,"format":"jpeg","skipped":[],"findings":[]}"#,
            blocking: false,
            now: app.now(),
        })
        .await
        .unwrap();
    let done = case
        .approve(1, 1, app.now() - 10, 0)
        .unwrap()
        .execute(app.now())
        .unwrap();
    assert!(tx
        .update_twofactor_reset(id, 1, &done, None, app.now())
        .await
        .unwrap());
    tx.commit().await.unwrap();
    (id, image)
}

/// The owner's case in review with one encrypted image (file first, then rows, as the
/// app writes them), and a system hold on the owner.
async fn verification_objects(app: &TestApp, owner: i64) -> (i64, i64, i64) {
    use keydesk_domain::verification::case::{AttemptOutcome, Case};
    use keydesk_domain::verification::documents::{DocumentType, Side};
    let state = &app.running.state;
    let name = "matrixkyc.bin";
    let sealed = keydesk::envelope::seal(&state.secrets, &[0xff, 0xd8, 0xff, 0xd9], name).unwrap();
    state
        .files
        .put(
            &keydesk::files::FileKey::new("kyc", name).unwrap(),
            sealed.bytes.into(),
        )
        .await
        .unwrap();
    let case = Case::new().submit().unwrap().start_review().unwrap();
    let mut tx = state.store.begin().await.unwrap();
    let case_id = tx
        .insert_verification_case(owner, &case, None, app.now())
        .await
        .unwrap();
    let attempt = tx
        .insert_verification_attempt(&keydesk_store::models::NewVerificationAttempt {
            case_id,
            number: 1,
            document: DocumentType::Passport,
            country: "JP",
            expires_on: None,
            outcome: AttemptOutcome::InReview,
            reasons: &[],
            flags: &[],
            mrz_sealed: None,
            now: app.now(),
        })
        .await
        .unwrap();
    let image = tx
        .insert_verification_image(&keydesk_store::models::NewVerificationImage {
            attempt_id: attempt,
            account_id: owner,
            side: Side::PhotoPage,
            file_name: name,
            sealed_key: &sealed.sealed_key,
            sha256: "0",
            findings: r#"{"kind":"document-front","width":10,"height":10,"format":"jpeg","skipped":[],"findings":[]}"#,
            blocking: false,
            now: app.now(),
        })
        .await
        .unwrap();
    let hold = keydesk_domain::capability::hold::Hold {
        scope: keydesk_domain::capability::hold::HoldScope::Withdraw,
        reason: "security_review".into(),
        origin: keydesk_domain::capability::hold::HoldOrigin::System,
        starts_at: app.now(),
        ends_at: Some(app.now() + 86_400),
    };
    let hold = tx.insert_hold(owner, &hold, app.now()).await.unwrap();
    tx.commit().await.unwrap();
    (case_id, image, hold)
}

/// A complete session for the actor, as a login through both steps leaves it.
async fn session(world: &World, actor: usize, kind: SessionKind) -> Option<(i64, String)> {
    let actor = world.actors[actor].as_ref()?;
    let state = &world.app.running.state;
    let mut tx = state.store.begin().await.unwrap();
    let token = keydesk::auth::create_session(
        state,
        &mut *tx,
        &RequestMeta::for_operator(),
        actor.account_id,
        kind,
        Some(world.app.now()),
    )
    .await
    .unwrap();
    tx.commit().await.unwrap();
    let id = token.split('.').next().unwrap().parse().unwrap();
    Some((id, token))
}

const CSRF: &str = "matrixmatrixmatrixmatrixmatrixmatrixmatrix0";

async fn outcome(world: &World, method: &str, path: &str, actor: usize) -> (Outcome, String) {
    let api = path.starts_with("/api/");
    let kind = if api {
        SessionKind::Api
    } else {
        SessionKind::Web
    };
    let mine = session(world, actor, kind).await;
    // The owner's second session: the one `{id}` names for the session routes.
    let owners_other = session(world, 1, kind).await.unwrap();
    let id = if path.starts_with("/photos/") || path.starts_with("/agent/photos/") {
        world.photo
    } else if path.starts_with("/admin/outbox/") {
        world.mail
    } else if path.contains("/attachments/") {
        world.attachment
    } else if path.starts_with("/admin/desk/macros/") {
        world.desk_macro
    } else if path.starts_with("/admin/desk/webhooks/") {
        world.webhook
    } else if path.starts_with("/verification/images/") {
        world.kyc_image
    } else if path.starts_with("/agent/verification/") {
        world.case
    } else if path.starts_with("/twofactor-reset/images/") {
        world.reset_image
    } else if path.starts_with("/agent/twofactor-resets/") {
        world.reset
    } else if path.starts_with("/agent/holds/") {
        world.hold
    } else if path.starts_with("/admin/tokens/") {
        world.service_token
    } else if path.starts_with("/agent/accounts/") || path.starts_with("/api/v1/accounts/") {
        world.owner
    } else {
        owners_other.0
    };
    let url = format!(
        "{}{}",
        world.app.base,
        path.replace("{id}", &id.to_string())
            .replace("{number}", &world.request.to_string())
            .replace("{category}", "two-factor")
    );
    let mut headers = HeaderMap::new();
    let mut cookies = format!("kd_csrf={CSRF}");
    match (&mine, api) {
        (Some((_, token)), true) => {
            headers.insert(
                "authorization",
                HeaderValue::from_str(&format!("Bearer {token}")).unwrap(),
            );
        }
        (Some((_, token)), false) => cookies.push_str(&format!("; kd_session={token}")),
        (None, _) => {}
    }
    headers.insert(COOKIE, HeaderValue::from_str(&cookies).unwrap());
    let session_cookie = match (&mine, api) {
        (Some((_, token)), false) => Some(token.as_str()),
        _ => None,
    };
    let keys = &world.app.running.state.secrets;
    let token = keydesk::web::CsrfBinding::new(keys, CSRF, session_cookie).token();
    headers.insert("x-csrf-token", HeaderValue::from_str(&token).unwrap());
    let client = reqwest::Client::builder()
        .redirect(reqwest::redirect::Policy::none())
        .build()
        .unwrap();
    let mut request = client
        .request(Method::from_bytes(method.as_bytes()).unwrap(), &url)
        .headers(headers);
    if method != "GET" {
        request = if api {
            request.header(CONTENT_TYPE, "application/json").body("{}")
        } else {
            request
                .header(CONTENT_TYPE, "application/x-www-form-urlencoded")
                .body("")
        };
    }
    let response = request.send().await.unwrap();
    let status = response.status();
    let location = response
        .headers()
        .get(LOCATION)
        .and_then(|v| v.to_str().ok())
        .unwrap_or("")
        .to_owned();
    let seen = match status {
        StatusCode::UNAUTHORIZED if api => {
            let body = response.text().await.unwrap();
            if body.contains("\"unauthenticated\"") {
                Login
            } else {
                Reached
            }
        }
        StatusCode::FORBIDDEN => Forbidden,
        StatusCode::NOT_FOUND => Hidden,
        s if s.is_redirection() && location == "/login" => Login,
        _ => Reached,
    };
    (seen, format!("{status} {location}"))
}

async fn every_route_has_an_expected_outcome_for_every_actor(backend: Backend) {
    let world = world(backend).await;
    let matrix = matrix();
    let table = keydesk::features::route_table();
    let routed: Vec<(String, String)> = table
        .iter()
        .map(|r| (r.method.as_str().to_owned(), r.path.clone()))
        .collect();
    let missing: Vec<_> = routed
        .iter()
        .filter(|(m, p)| !matrix.contains_key(&(m.as_str(), p.as_str())))
        .collect();
    assert!(
        missing.is_empty(),
        "routes with no entry in the authorisation matrix: {missing:?}"
    );
    let stale: Vec<_> = matrix
        .keys()
        .filter(|(m, p)| !routed.iter().any(|(rm, rp)| rm == m && rp == p))
        .collect();
    assert!(stale.is_empty(), "matrix entries for no route: {stale:?}");

    let mut wrong = Vec::new();
    for ((method, path), expected) in &matrix {
        for (actor, want) in expected.iter().enumerate() {
            let (seen, detail) = outcome(&world, method, path, actor).await;
            if seen != *want {
                wrong.push(format!(
                    "{method} {path} as {}: expected {want:?}, got {seen:?} ({detail})",
                    ACTORS[actor]
                ));
            }
        }
    }
    assert!(wrong.is_empty(), "{}", wrong.join("\n"));
}

on_both_backends!(every_route_has_an_expected_outcome_for_every_actor);
