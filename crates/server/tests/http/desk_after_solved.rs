//! After a request is solved (issue 16): the satisfaction rating the solved mail links
//! to, one per solve and changeable while it stays solved, shown on the request and in
//! the per-agent, per-category report; and the retention that deletes a closed
//! request's attachments after the configured time.
use crate::helpers::*;
use keydesk_domain::identity::role::Role;

async fn submit(b: &Browser, files: &[(&str, &str, &str, &[u8])]) -> i64 {
    let page = b.get("/requests/new/other").await;
    let key = page.attr("input[name=idempotency_key]", "value").unwrap();
    let sent = b
        .post_files(
            "/requests/new/other",
            &[
                ("idempotency_key", key.as_str()),
                ("subject", "Fees"),
                ("description", "What does a withdrawal cost?"),
            ],
            files,
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

async fn agent_sets(agent: &Browser, number: i64, fields: &[(&str, &str)]) {
    let page = agent.get(&format!("/agent/requests/{number}")).await;
    let version = page.attr("input[name=version]", "value").unwrap();
    let mut all = vec![("version", version.as_str())];
    all.extend_from_slice(fields);
    agent
        .post_files(&format!("/agent/requests/{number}"), &all, &[])
        .await
        .assert_ok();
}

/// The rating link of the newest "solved" mail to `email`.
async fn rating_link(app: &TestApp, email: &str) -> String {
    let mail = app
        .mails_to(email)
        .await
        .into_iter()
        .find(|m| m.subject.contains("solved") || m.subject.contains("解決済み"))
        .expect("the solved mail");
    mail.body_text
        .split_whitespace()
        .find(|w| w.contains("/rating?"))
        .expect("a rating link")
        .to_owned()
}

async fn one_rating_per_solve_shown_and_reported(backend: Backend) {
    let app = TestApp::spawn(backend).await;
    let (customer, _, _) = app.enrolled_customer("mei@example.com").await;
    let number = submit(&customer, &[]).await;
    let agent = app.signed_in_staff("sato@example.com", Role::Agent).await;
    let sato = app
        .read()
        .await
        .account_by_email("sato@example.com")
        .await
        .unwrap()
        .unwrap()
        .id;
    agent_sets(
        &agent,
        number,
        &[
            ("assignee", &sato.to_string()),
            ("body", "300 yen."),
            ("visibility", "public"),
            ("status", "solved"),
        ],
    )
    .await;
    let link = rating_link(&app, "mei@example.com").await;
    let path = link.split_once("://").unwrap().1;
    let path = &path[path.find('/').unwrap()..];

    // Opened signed out (from the mail): the form, nothing recorded by the visit.
    let visitor = app.browser();
    let page = visitor.get(&format!("{path}&score=good")).await;
    page.assert_ok();
    assert!(page.attr("#score-good", "checked").is_some());
    assert!(app
        .read()
        .await
        .desk_ratings(number)
        .await
        .unwrap()
        .is_empty());
    let solve = page.attr("input[name=solve]", "value").unwrap();
    let token = page.attr("input[name=token]", "value").unwrap();
    let rate = |score: &'static str, comment: &'static str| {
        let (solve, token) = (solve.clone(), token.clone());
        let visitor = &visitor;
        async move {
            visitor
                .post(
                    &format!("/requests/{number}/rating"),
                    &[
                        ("solve", solve.as_str()),
                        ("token", token.as_str()),
                        ("score", score),
                        ("comment", comment),
                    ],
                )
                .await
        }
    };
    let saved = rate("good", "Quick and clear.").await;
    saved.assert_ok();
    assert!(saved.text("#rating-saved").is_some());
    // Changed: still one rating for the solve.
    rate("bad", "On second thought, too short.")
        .await
        .assert_ok();
    let ratings = app.read().await.desk_ratings(number).await.unwrap();
    assert_eq!(ratings.len(), 1);
    assert!(!ratings[0].good);
    assert_eq!(ratings[0].agent_id, Some(sato));
    // No score: the form again with its message; a forged token: not found.
    let none = rate("", "").await;
    assert_eq!(none.status, 422);
    assert!(none.text(".error").is_some(), "{}", none.body);
    let forged = visitor
        .post(
            &format!("/requests/{number}/rating"),
            &[
                ("solve", solve.as_str()),
                ("token", "aaaaaaaaaaaaaaaaaaaaaaaa"),
                ("score", "good"),
            ],
        )
        .await;
    assert_eq!(forged.status, 404);
    let other = visitor
        .get(&format!(
            "/requests/{}/rating?solve={solve}&token={token}",
            number + 1
        ))
        .await;
    assert_eq!(other.status, 404, "a token names one request");

    // Shown on the request, and in the report.
    let view = agent.get(&format!("/agent/requests/{number}")).await;
    let shown = view.text("#ratings").unwrap();
    assert!(
        shown.contains("Bad") && shown.contains("too short"),
        "{shown}"
    );
    let report = agent.get("/agent/reports/satisfaction").await;
    report.assert_ok();
    let rows = report.all_text("#satisfaction tbody tr");
    assert!(
        rows.iter()
            .any(|r| r.contains("sato@example.com") && r.contains("other")),
        "{rows:?}"
    );
    // The same report in the API (another agent's token): the agent's total, then the
    // category.
    let token = app
        .api_token("report-reader@example.com", Role::Agent)
        .await;
    let api = app.api_as(&token);
    let report = api.get("/api/v1/reports/satisfaction?days=7").await;
    report.expect(200);
    let of_sato: Vec<_> = report.body["lines"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|l| l["agent"] == "sato@example.com")
        .map(|l| (l["category"].as_str().unwrap(), l["bad"].as_i64().unwrap()))
        .collect();
    assert_eq!(of_sato, [("", 1), ("other", 1)], "{}", report.body);
    assert_eq!(report.body["days"], 7);
    api.get("/api/v1/reports/satisfaction?days=0")
        .await
        .expect(422);
    let customer_token = app
        .api_token("report-peeker@example.com", Role::Customer)
        .await;
    app.api_as(&customer_token)
        .get("/api/v1/reports/satisfaction")
        .await
        .expect(403);
    // Customers do not read the report.
    assert_eq!(
        customer.get("/agent/reports/satisfaction").await.status,
        403
    );

    // Reopened by the customer: that solve's link is spent; solved again, a new one.
    let page = customer.get(&format!("/requests/{number}")).await;
    assert!(
        page.attr("#rate a", "href").is_some(),
        "the portal links to it too"
    );
    let key = page
        .attr("#reply-form input[name=idempotency_key]", "value")
        .unwrap();
    customer
        .post_files(
            &format!("/requests/{number}/reply"),
            &[
                ("idempotency_key", key.as_str()),
                ("body", "And to a card?"),
            ],
            &[],
        )
        .await
        .assert_ok();
    let spent = rate("good", "").await;
    assert_eq!(spent.status, 409);
    app.clock.advance(60);
    agent_sets(
        &agent,
        number,
        &[
            ("body", "Free."),
            ("visibility", "public"),
            ("status", "solved"),
        ],
    )
    .await;
    let second = rating_link(&app, "mei@example.com").await;
    assert_ne!(second, link);
    let path = second.split_once("://").unwrap().1;
    let page = visitor.get(&path[path.find('/').unwrap()..]).await;
    page.assert_ok();
    let solve = page.attr("input[name=solve]", "value").unwrap();
    let token = page.attr("input[name=token]", "value").unwrap();
    visitor
        .post(
            &format!("/requests/{number}/rating"),
            &[
                ("solve", solve.as_str()),
                ("token", token.as_str()),
                ("score", "good"),
            ],
        )
        .await
        .assert_ok();
    assert_eq!(
        app.read().await.desk_ratings(number).await.unwrap().len(),
        2
    );
}

async fn a_closed_requests_attachments_go_after_the_retention(backend: Backend) {
    let app = TestApp::spawn_with(backend, |s| {
        s.desk.closed_attachments_retention_days = Some(30);
    })
    .await;
    let (customer, _, _) = app.enrolled_customer("ren@example.com").await;
    let png = noise_png(40, 30);
    let number = submit(&customer, &[("attachments", "slip.png", "image/png", &png)]).await;
    let still_open = submit(&customer, &[("attachments", "keep.png", "image/png", &png)]).await;
    let agent = app.signed_in_staff("ito@example.com", Role::Agent).await;
    agent_sets(&agent, number, &[("status", "solved")]).await;
    let files = app.read().await.desk_attachments(number).await.unwrap();
    assert_eq!(files.len(), 1);
    let count_files = || walk(app.dir.path());
    let before = count_files();
    // Closed four days after solved; thirty days later its files go.
    app.clock.advance(4 * 86_400 + 60);
    app.mails().await;
    let closed = app
        .read()
        .await
        .desk_request(number)
        .await
        .unwrap()
        .unwrap();
    assert_eq!(closed.status.as_str(), "closed");
    app.clock.advance(29 * 86_400);
    keydesk::features::maintenance(app.running.state.clone())
        .await
        .unwrap();
    assert_eq!(
        app.read()
            .await
            .desk_attachments(number)
            .await
            .unwrap()
            .len(),
        1,
        "not yet"
    );
    app.clock.advance(2 * 86_400);
    keydesk::features::maintenance(app.running.state.clone())
        .await
        .unwrap();
    assert!(app
        .read()
        .await
        .desk_attachments(number)
        .await
        .unwrap()
        .is_empty());
    assert_eq!(
        app.read()
            .await
            .desk_attachments(still_open)
            .await
            .unwrap()
            .len(),
        1,
        "an open request keeps its files"
    );
    assert_eq!(count_files(), before - 1, "the file went with its row");
}

/// How many files are under `dir`, at any depth (the stored attachments among them).
fn walk(dir: &std::path::Path) -> usize {
    std::fs::read_dir(dir)
        .map(|d| {
            d.filter_map(Result::ok)
                .map(|e| {
                    let p = e.path();
                    if p.is_dir() {
                        walk(&p)
                    } else {
                        1
                    }
                })
                .sum()
        })
        .unwrap_or(0)
}

on_both_backends!(
    one_rating_per_solve_shown_and_reported,
    a_closed_requests_attachments_go_after_the_retention,
);
