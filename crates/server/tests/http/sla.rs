//! SLA clocks (issue 16) with an injected clock: a business-hours policy in Tokyo, a
//! request opened on a Friday evening before a holiday Monday, its first-reply deadline
//! on Tuesday morning; due soon, then breached in the queue, sorted first, counted in
//! `/metrics`; answered late and set pending, which pauses resolution; the customer's
//! reply by mail resuming it and starting the next-reply clock.
use crate::helpers::*;
use keydesk::config::SlaPolicySettings;
use keydesk_domain::identity::role::Role;

const SUPPORT: &str = "support@keydesk.test";

/// Unix seconds of a Tokyo wall-clock time.
fn jst(text: &str) -> i64 {
    let at: jiff::civil::DateTime = text.parse().unwrap();
    at.to_zoned(jiff::tz::TimeZone::get("Asia/Tokyo").unwrap())
        .unwrap()
        .timestamp()
        .as_second()
}

fn go_to(app: &TestApp, at: i64) {
    let now = app.now();
    assert!(at >= now, "the clock only moves forward");
    app.clock.advance(at - now);
}

async fn app(backend: Backend) -> TestApp {
    let app = TestApp::spawn_with(backend, |s| {
        s.support_email = Some(SUPPORT.into());
        s.desk.business_hours.time_zone = "Asia/Tokyo".into();
        // Monday 11 January 2027 is a public holiday (成人の日).
        s.desk.business_hours.holidays = vec!["2027-01-11".into()];
        s.desk.sla = vec![SlaPolicySettings {
            category: None,
            priority: None,
            first_reply_minutes: Some(120),
            next_reply_minutes: Some(240),
            resolution_minutes: Some(480),
            business_hours: true,
        }];
    })
    .await;
    app.clock.freeze();
    app
}

async fn sla_of(app: &TestApp, number: i64) -> (Option<i64>, Option<String>) {
    let r = app
        .read()
        .await
        .desk_request(number)
        .await
        .unwrap()
        .unwrap();
    (r.sla_due_at, r.sla_due_metric)
}

/// The SLA cell of the request's row in the queue sorted by SLA, if it is listed.
async fn queue_cell(app: &TestApp, agent_email: &str, number: i64) -> Option<String> {
    let agent = app.signed_in_staff(agent_email, Role::Agent).await;
    let page = agent.get("/agent/requests?view=open&sort=sla").await;
    page.assert_ok();
    let rows = page.all_text("#agent-requests tbody tr");
    rows.into_iter().find(|r| r.contains(&format!("#{number}")))
}

async fn breaches_counted(app: &TestApp) -> u64 {
    let text = reqwest::get(format!("{}/metrics", app.base))
        .await
        .unwrap()
        .text()
        .await
        .unwrap();
    text.lines()
        .filter(|l| l.starts_with("keydesk_desk_sla_breaches_total{"))
        .filter(|l| l.contains("metric=\"first_reply\""))
        .filter_map(|l| l.rsplit(' ').next()?.parse::<f64>().ok())
        .map(|v| v as u64)
        .sum()
}

async fn business_hours_pending_and_a_weekend(backend: Backend) {
    let app = app(backend).await;
    // Friday 8 January 2027, 17:00 in Tokyo.
    go_to(&app, jst("2027-01-08T17:00"));
    let (customer, _, _) = app.enrolled_customer("yuki@example.com").await;
    let page = customer.get("/requests/new/other").await;
    let key = page.attr("input[name=idempotency_key]", "value").unwrap();
    let sent = customer
        .post_files(
            "/requests/new/other",
            &[
                ("idempotency_key", key.as_str()),
                ("subject", "Deposit not credited"),
                ("description", "My yen deposit from yesterday is not shown."),
            ],
            &[],
        )
        .await;
    sent.assert_ok();
    let number: i64 = sent.url.rsplit('/').next().unwrap().parse().unwrap();
    // One working hour on Friday; the weekend and the holiday count nothing; the
    // second hour is Tuesday 09:00–10:00.
    assert_eq!(
        sla_of(&app, number).await,
        (
            Some(jst("2027-01-12T10:00")),
            Some("first_reply".to_owned())
        )
    );
    let cell = queue_cell(&app, "a1@example.com", number).await.unwrap();
    assert!(
        cell.contains("First reply") && cell.contains("Due"),
        "{cell}"
    );
    assert!(!cell.contains("Due soon"), "{cell}");

    // Tuesday 09:30: due within the warning hour.
    go_to(&app, jst("2027-01-12T09:30"));
    let cell = queue_cell(&app, "a2@example.com", number).await.unwrap();
    assert!(cell.contains("Due soon"), "{cell}");
    assert_eq!(breaches_counted(&app).await, 0);

    // 10:30: breached, and counted once by the sweep however often it runs.
    go_to(&app, jst("2027-01-12T10:30"));
    let cell = queue_cell(&app, "a3@example.com", number).await.unwrap();
    assert!(cell.contains("Breached"), "{cell}");
    keydesk::features::maintenance(app.running.state.clone())
        .await
        .unwrap();
    keydesk::features::maintenance(app.running.state.clone())
        .await
        .unwrap();
    assert_eq!(breaches_counted(&app).await, 1);

    // Answered (late) and set pending: resolution pauses; nothing is due, so the
    // request leaves the SLA-sorted queue.
    let agent = app.signed_in_staff("a4@example.com", Role::Agent).await;
    let view = agent.get(&format!("/agent/requests/{number}")).await;
    let version = view.attr("input[name=version]", "value").unwrap();
    agent
        .post_files(
            &format!("/agent/requests/{number}"),
            &[
                ("version", version.as_str()),
                ("body", "Could you send the transfer slip?"),
                ("visibility", "public"),
                ("status", "pending"),
            ],
            &[],
        )
        .await
        .assert_ok();
    assert_eq!(sla_of(&app, number).await, (None, None));
    assert!(queue_cell(&app, "a5@example.com", number).await.is_none());
    let view = agent.get(&format!("/agent/requests/{number}")).await;
    let clocks = view.all_text("#sla li");
    assert!(
        clocks
            .iter()
            .any(|c| c.contains("First reply") && c.contains("Met late")),
        "{clocks:?}"
    );
    // Fri 17–18 and Tue 09:00–10:30 counted: 5.5 of 8 hours left.
    assert!(
        clocks
            .iter()
            .any(|c| c.contains("Resolution") && c.contains("Paused") && c.contains("330 min")),
        "{clocks:?}"
    );

    // Wednesday 09:00, after a night waiting on the customer: their reply by mail
    // reopens it; resolution resumes with its 5.5 hours, next reply starts with 4.
    go_to(&app, jst("2027-01-13T09:00"));
    let answer = app
        .mails_to("yuki@example.com")
        .await
        .into_iter()
        .find(|m| m.body_text.contains("transfer slip"))
        .unwrap();
    let headers: Vec<(String, String)> = serde_json::from_str(&answer.headers).unwrap();
    let root = &headers.iter().find(|(n, _)| n == "Message-ID").unwrap().1;
    let reply = format!(
        "From: yuki@example.com\r\nTo: {SUPPORT}\r\nSubject: Re: slip\r\nIn-Reply-To: {root}\r\n\
         Message-ID: <slip@example.com>\r\nContent-Type: text/plain; charset=utf-8\r\n\r\nAttached the slip.\r\n"
    );
    keydesk::features::mail_in::ingest::ingest(&app.running.state, reply.as_bytes())
        .await
        .unwrap();
    assert_eq!(
        sla_of(&app, number).await,
        (Some(jst("2027-01-13T13:00")), Some("next_reply".to_owned()))
    );
    // (The agent reads times in their own zone, UTC: 14:30 in Tokyo.)
    let agent = app.signed_in_staff("a6@example.com", Role::Agent).await;
    let view = agent.get(&format!("/agent/requests/{number}")).await;
    let clocks = view.all_text("#sla li");
    assert!(
        clocks
            .iter()
            .any(|c| c.contains("Resolution") && c.contains("2027-01-13 05:30 UTC")),
        "{clocks:?}"
    );
}

#[test]
fn a_bad_policy_is_refused_when_the_settings_load() {
    let load = |toml: &str| {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("keydesk.toml");
        std::fs::write(&path, toml).unwrap();
        keydesk::config::Settings::load_from(Some(&path), std::iter::empty())
            .map(|_| ())
            .map_err(|e| e.to_string())
    };
    assert!(load("[[desk.sla]]\nfirst_reply_minutes = 60\n").is_ok());
    let err = load("[[desk.sla]]\npriority = \"asap\"\nfirst_reply_minutes = 60\n").unwrap_err();
    assert!(err.contains("desk.sla[0].priority"), "{err}");
    let err = load("[[desk.sla]]\nfirst_reply_minutes = 0\n").unwrap_err();
    assert!(err.contains("first_reply_minutes"), "{err}");
    let err = load(
        "[desk.business_hours]\ntime_zone = \"Mars/Olympus\"\n[[desk.sla]]\nbusiness_hours = true\nresolution_minutes = 60\n",
    )
    .unwrap_err();
    assert!(err.contains("time_zone"), "{err}");
    let err = load(
        "[desk.business_hours]\nweek = { mon = \"9-18\" }\n[[desk.sla]]\nbusiness_hours = true\nresolution_minutes = 60\n",
    )
    .unwrap_err();
    assert!(err.contains("09:00-18:00"), "{err}");
}

on_both_backends!(business_hours_pending_and_a_weekend);
