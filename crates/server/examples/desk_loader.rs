//! Fills a database with N help-desk requests (Japanese and English, with messages and
//! form answers, a realistic status mix) and then measures, in process, the agents'
//! queue page and the search, as percentiles over repeated runs.
//!
//! ```text
//! cargo run --release -p keydesk --example desk_loader -- --data-dir /tmp/kd-desk --requests 1000000
//! cargo run --release -p keydesk --example desk_loader -- --database-url postgres://postgres@127.0.0.1/kd_desk --requests 1000000
//! cargo run --release -p keydesk --example desk_loader -- --data-dir /tmp/kd-desk --measure-only
//! ```
//!
//! Benchmark data only: the texts are drawn from small fixed vocabularies.
#![allow(clippy::unwrap_used, clippy::expect_used)]

use clap::Parser;
use keydesk::clock::SystemClock;
use keydesk::config::Settings;
use keydesk::features::desk::console::{View, COUNT_CAP};
use keydesk::startup::build_state;
use keydesk_domain::helpdesk::answers_text::answers_text;
use keydesk_domain::helpdesk::status::Status;
use keydesk_domain::identity::language::Language;
use keydesk_domain::identity::role::Role;
use keydesk_store::models::{
    AssigneeFilter, Author, DeskFilter, DeskRequestUpdate, DeskSort, NewAccount, NewDeskMessage,
    NewDeskRequest, Priority,
};
use keydesk_store::DeskSearch;
use std::path::PathBuf;
use std::sync::Arc;
use std::time::Instant;

/// Requests per transaction.
const BATCH: usize = 5_000;

#[derive(Parser)]
struct Args {
    #[arg(long)]
    data_dir: Option<PathBuf>,
    #[arg(long)]
    database_url: Option<String>,
    #[arg(long, default_value_t = 100_000)]
    requests: usize,
    /// Skip loading: measure what is there.
    #[arg(long)]
    measure_only: bool,
    /// Runs per measured query.
    #[arg(long, default_value_t = 50)]
    runs: usize,
    /// Then ingest this many customer replies by mail (threaded by their token, the
    /// quoted history stripped, each request reopened), one after another.
    #[arg(long, default_value_t = 0)]
    mails: usize,
}

const JA_SUBJECTS: [&str; 8] = [
    "二段階認証の解除をお願いします",
    "出金が反映されません",
    "本人確認書類の再提出について",
    "ログインできません",
    "入金の確認をお願いします",
    "取引報告書の発行について",
    "スマートフォンを紛失しました",
    "手数料について教えてください",
];
const EN_SUBJECTS: [&str; 8] = [
    "Please reset my two-factor authentication",
    "Withdrawal not received",
    "Resubmitting my identity documents",
    "Cannot log in",
    "Deposit missing",
    "Annual trade report",
    "Lost my phone",
    "Question about fees",
];
const JA_BODIES: [&str; 6] = [
    "電車でスマートフォンを落としてしまい、認証アプリが使えません。",
    "昨日送金しましたが、まだ残高に反映されていません。取引IDを添付します。",
    "運転免許証の住所が変わったため、裏面も撮影して送ります。",
    "パスワードを何度か間違えてロックされました。解除をお願いします。",
    "年間取引報告書を確定申告に使いたいのですが、どこから取得できますか。",
    "出金手数料はいくらですか。",
];
const EN_BODIES: [&str; 6] = [
    "I dropped my phone on the train and the authenticator app is gone.",
    "I sent the funds yesterday but my balance has not changed. TXID attached.",
    "My address changed, so I am sending the back of my license too.",
    "I entered the wrong password a few times and got locked out.",
    "Where can I download the annual report for my tax return?",
    "How much does a withdrawal cost?",
];
const AGENT_REPLIES: [&str; 4] = [
    "Thank you for contacting us. We are looking into it.",
    "ご連絡ありがとうございます。確認いたします。",
    "Could you send us the transaction ID?",
    "取引IDをお知らせいただけますでしょうか。",
];

/// A status mix like a busy desk's: most requests long closed.
fn status_for(i: usize) -> Status {
    match i % 100 {
        0..=59 => Status::Closed,
        60..=79 => Status::Solved,
        80..=87 => Status::Open,
        88..=93 => Status::Pending,
        94..=96 => Status::New,
        _ => Status::OnHold,
    }
}

fn percentiles(mut ms: Vec<f64>) -> (f64, f64, f64) {
    ms.sort_by(|a, b| a.partial_cmp(b).unwrap());
    let at = |p: f64| ms[((ms.len() as f64 * p) as usize).min(ms.len() - 1)];
    (at(0.5), at(0.95), at(0.99))
}

#[tokio::main]
async fn main() -> anyhow::Result<()> {
    let args = Args::parse();
    let mut settings = Settings::default();
    if let Some(dir) = &args.data_dir {
        settings.data_dir = dir.clone();
    }
    settings.database_url = args.database_url.clone();
    std::fs::create_dir_all(&settings.data_dir)?;
    let state = build_state(settings, Arc::new(SystemClock)).await?;
    let store = state.store.clone();

    // One heavy customer owns every 500th request, for the customer's own search.
    let customer = customer_account(&state).await?;
    if !args.measure_only {
        let catalog = state.categories.current();
        let started = Instant::now();
        let base = state.now() - 400 * 86_400;
        let mut done = 0;
        while done < args.requests {
            let mut tx = store.begin().await?;
            let end = (done + BATCH).min(args.requests);
            for i in done..end {
                let ja = i % 5 < 3;
                let (subject, body) = if ja {
                    (JA_SUBJECTS[i % 8], JA_BODIES[i % 6])
                } else {
                    (EN_SUBJECTS[i % 8], EN_BODIES[i % 6])
                };
                let now = base + (i as i64) * 30;
                let email = format!("customer{}@example.com", i % 50_000);
                let key = format!("load-{i}");
                let category = [
                    "two-factor",
                    "deposits-withdrawals",
                    "verification",
                    "account-login",
                    "other",
                ][i % 5];
                let answers = format!(r#"{{"topic":"other","ref":"R{i:07}"}}"#);
                let answers_text = answers_text(
                    catalog.category(category),
                    None,
                    &serde_json::from_str(&answers)?,
                );
                let id = tx
                    .insert_desk_request(&NewDeskRequest {
                        account_id: (i % 500 == 0).then_some(customer),
                        email: &email,
                        lang: if ja { Language::Ja } else { Language::En },
                        category,
                        subcategory: None,
                        subject,
                        answers: &answers,
                        answers_text: &answers_text,
                        confirmed: true,
                        confirm_token_hash: None,
                        idempotency: &key,
                        follow_up_of: None,
                        now,
                    })
                    .await?
                    .expect("a fresh key");
                for (n, (author, text)) in [
                    (Author::Customer, body),
                    (Author::Agent, AGENT_REPLIES[i % 4]),
                ]
                .into_iter()
                .enumerate()
                {
                    tx.insert_desk_message(&NewDeskMessage {
                        request_id: id,
                        author_id: None,
                        author,
                        public: true,
                        body: text,
                        now: now + n as i64 * 600,
                    })
                    .await?;
                }
                let status = status_for(i);
                if status != Status::New {
                    tx.update_desk_request(&DeskRequestUpdate {
                        id,
                        seen_version: 1,
                        status,
                        status_since: now + 1200,
                        priority: Priority::Normal,
                        assignee_id: None,
                        category,
                        now: now + 1200,
                    })
                    .await?;
                }
            }
            tx.commit().await?;
            done = end;
            if done % 100_000 == 0 || done == args.requests {
                eprintln!(
                    "{done} requests in {:.0} s",
                    started.elapsed().as_secs_f64()
                );
            }
        }
    }

    let mut tx = store.read().await?;
    // What the console's list does: the first page of the unsolved queue, and the count
    // of each fixed view beside it.
    let queue = View::Open.filter(customer);
    let mut page_ms = Vec::new();
    for _ in 0..args.runs {
        let t = Instant::now();
        let rows = tx
            .desk_view(&queue, DeskSort::UpdatedNewest, None, 51)
            .await?;
        for v in View::FIXED {
            tx.desk_view_count(&v.filter(customer), COUNT_CAP + 1)
                .await?;
        }
        page_ms.push(t.elapsed().as_secs_f64() * 1000.0);
        assert!(!rows.is_empty());
    }
    let (p50, p95, p99) = percentiles(page_ms);
    println!(
        "queue page (50 + the five views' counts): p50 {p50:.1} ms, p95 {p95:.1} ms, p99 {p99:.1} ms"
    );
    for (text, owner, status, category) in [
        ("二段階認証", None, None, None),
        ("R0123456", None, None, None),
        ("取引ID", None, None, None),
        ("withdrawal cost", None, None, None),
        ("紛失", None, None, None),
        ("ID", None, None, None),
        ("二段階認証", None, Some(Status::Open), None),
        ("紛失", None, None, Some("verification")),
        // A common status; a phrase that no request of the category holds.
        ("二段階認証", None, Some(Status::Closed), None),
        ("withdrawal cost", None, None, Some("verification")),
        ("二段階認証", Some(customer), None, None),
        ("紛失", Some(customer), None, None),
    ] {
        let mut ms = Vec::new();
        let mut found = 0;
        for _ in 0..args.runs {
            let t = Instant::now();
            found = tx
                .search_desk_requests(&DeskSearch {
                    text,
                    owner,
                    status,
                    category,
                    assignee: AssigneeFilter::Any,
                    created_from: None,
                    created_to: None,
                    limit: 50,
                })
                .await?
                .len();
            ms.push(t.elapsed().as_secs_f64() * 1000.0);
        }
        let (p50, p95, p99) = percentiles(ms);
        let who = match (owner, status, category) {
            (Some(_), _, _) => ", one customer's".to_owned(),
            (None, Some(status), _) => format!(", status {}", status.as_str()),
            (None, None, Some(category)) => format!(", category {category}"),
            (None, None, None) => String::new(),
        };
        println!(
            "search {text:?}{who} ({found} shown): p50 {p50:.1} ms, p95 {p95:.1} ms, p99 {p99:.1} ms"
        );
    }
    drop(tx);
    if args.mails > 0 {
        ingest_mails(&state, args.mails).await?;
    }
    let size = database_size(&state).await;
    if let Some(bytes) = size {
        let n = store
            .read()
            .await?
            .desk_view_count(
                &DeskFilter {
                    queue: None,
                    status: None,
                    assignee: AssigneeFilter::Any,
                    category: None,
                },
                i64::MAX,
            )
            .await?;
        println!(
            "database: {:.0} MB for {n} requests, {:.2} MB per 1,000",
            bytes as f64 / 1e6,
            bytes as f64 / 1e6 / (n.max(1) as f64 / 1000.0)
        );
    }
    Ok(())
}

/// The customer who owns every 500th request (made on the first run, found after).
async fn customer_account(state: &keydesk::state::AppState) -> anyhow::Result<i64> {
    const EMAIL: &str = "heavy-customer@example.com";
    let mut tx = state.store.begin().await?;
    if let Some(account) = tx.account_by_email(EMAIL).await? {
        return Ok(account.id);
    }
    let id = tx
        .insert_account(&NewAccount {
            email: EMAIL,
            password_hash: "$argon2id$bench",
            language: Language::Ja,
            role: Role::Customer,
            email_verified_at: None,
            now: state.now(),
        })
        .await?;
    tx.commit().await?;
    Ok(id)
}

/// Customer replies to the newest requests, as mail clients write them.
async fn ingest_mails(state: &keydesk::state::AppState, n: usize) -> anyhow::Result<()> {
    let requests = state
        .store
        .read()
        .await?
        .desk_view(
            &DeskFilter {
                queue: None,
                status: None,
                assignee: AssigneeFilter::Any,
                category: None,
            },
            DeskSort::UpdatedNewest,
            None,
            n as i64,
        )
        .await?;
    let mut ms = Vec::new();
    let started = Instant::now();
    for (i, r) in requests.iter().cycle().take(n).enumerate() {
        let token = keydesk::mail::reply_token::reply_token(&state.secrets, r.id);
        let raw = format!(
            "From: {}\r\nTo: support@example.com\r\nSubject: Re: [#{}] {}\r\n\
             Message-ID: <bench-{i}@client.example>\r\nIn-Reply-To: <request-{}.{token}@keydesk.localhost>\r\n\
             MIME-Version: 1.0\r\nContent-Type: text/plain; charset=utf-8\r\n\r\n\
             ありがとうございます。追加の情報です。\r\n\r\n2026年12月1日(火) 10:00 keydesk <support@example.com>:\r\n> ご連絡ありがとうございます。\r\n",
            r.email, r.id, r.subject, r.id
        );
        let t = Instant::now();
        keydesk::features::mail_in::ingest::ingest(state, raw.as_bytes())
            .await
            .map_err(|e| anyhow::anyhow!("{e}"))?;
        ms.push(t.elapsed().as_secs_f64() * 1000.0);
    }
    let seconds = started.elapsed().as_secs_f64();
    let (p50, p95, p99) = percentiles(ms);
    println!(
        "mail ingest: {n} replies in {seconds:.1} s = {:.0}/s, one after another; p50 {p50:.1} ms, p95 {p95:.1} ms, p99 {p99:.1} ms",
        n as f64 / seconds
    );
    Ok(())
}

/// The SQLite file with its WAL, or PostgreSQL's database size.
async fn database_size(state: &keydesk::state::AppState) -> Option<u64> {
    match &state.settings.database_url {
        None => {
            let dir = &state.settings.data_dir;
            let files = ["keydesk.sqlite", "keydesk.sqlite-wal"];
            Some(
                files
                    .iter()
                    .filter_map(|f| std::fs::metadata(dir.join(f)).ok())
                    .map(|m| m.len())
                    .sum(),
            )
        }
        Some(_) => None,
    }
}
