//! One contract, two backends: every test runs against a fresh SQLite file and a fresh
//! PostgreSQL database on the server named by KEYDESK_TEST_POSTGRES_URL (default
//! postgres://postgres@127.0.0.1:5432/test). A missing PostgreSQL fails the run; set
//! KEYDESK_SKIP_POSTGRES=1 to run SQLite only on a machine without one.
#![allow(clippy::unwrap_used, clippy::expect_used)]
use keydesk_domain::audit::AuditKind;
use keydesk_domain::identity::language::Language;
use keydesk_domain::identity::role::Role;
use keydesk_domain::jobs::JobKind;
use keydesk_domain::photo::kind::PhotoKind;
use keydesk_domain::throttle::{ThrottlePolicy, ThrottleState};
use keydesk_store::models::*;
use keydesk_store::{Backend, ReadTx, StepOutcome, Store, StoreError, StoreResult};
use std::sync::Arc;

mod support;
use support::Fixture;

/// Each test takes the store (`Arc<dyn Store>`), or the whole `&Fixture` when it needs
/// to reach the database around the store.
macro_rules! contract_tests {
    ($($name:ident),* $(,)?) => {
        mod sqlite_backend { $( #[tokio::test] async fn $name() { let f = super::support::sqlite().await; super::$name((&f).into()).await } )* }
        mod postgres_backend { $( #[tokio::test] async fn $name() { if let Some(f) = super::support::postgres().await { super::$name((&f).into()).await } } )* }
    };
}

contract_tests!(
    accounts_are_unique_by_email,
    concurrent_transactions_keep_their_own_outcome,
    failed_transaction_leaves_nothing,
    factor_lifecycle_and_replay_guard,
    factors_are_resealed_page_by_page,
    recovery_codes_are_single_use,
    sessions,
    session_view_joins_account_and_factor,
    email_tokens_single_use,
    throttle_state_round_trips,
    throttle_bucket_stays_locked_until_commit,
    throttles_saved_together,
    a_check_locks_the_holders_bucket_and_only_reads_the_others,
    a_step_signs_in_at_once_only_while_nothing_changed,
    audit_is_append_only,
    jobs_are_claimed_once,
    a_job_of_an_unknown_kind_waits_and_the_rest_run,
    photo_submissions_and_checks,
    unknown_stored_values_are_errors,
    read_transactions_are_snapshots_that_never_wait_for_the_writer,
    a_write_transaction_reads_as_a_read_transaction,
    desk_requests_number_page_and_refuse_stale_changes,
    tiers_and_holds,
    twofactor_resets_one_open_per_account_versioned_and_due,
    twofactor_reset_links_images_and_their_retention,
    desk_search_finds_japanese_substrings_within_what_the_reader_may_see,
    desk_search_with_a_filter_finds_an_old_match_behind_many_new_ones,
    desk_search_filters_follow_changes_and_reach_past_the_newest_texts,
);

/// A customer's row as sign-up writes it, at time 1.
fn customer(email: &str) -> NewAccount<'_> {
    NewAccount {
        email,
        password_hash: "h",
        language: Language::En,
        role: Role::Customer,
        email_verified_at: None,
        now: 1,
    }
}

async fn new_account(store: &Arc<dyn Store>, email: &str) -> i64 {
    let mut tx = store.begin().await.unwrap();
    let id = tx
        .insert_account(&NewAccount {
            email,
            password_hash: "$argon2id$x",
            language: Language::Ja,
            role: Role::Customer,
            email_verified_at: None,
            now: 100,
        })
        .await
        .unwrap();
    tx.commit().await.unwrap();
    id
}

async fn accounts_are_unique_by_email(store: Arc<dyn Store>) {
    let id = new_account(&store, "a@example.com").await;
    let mut tx = store.begin().await.unwrap();
    let dup = tx.insert_account(&customer("a@example.com")).await;
    assert!(matches!(dup, Err(StoreError::Conflict("email"))), "{dup:?}");
    drop(tx);
    let mut tx = store.read().await.unwrap();
    let a = tx.account_by_email("a@example.com").await.unwrap().unwrap();
    assert_eq!(
        (a.id, a.language, a.role, a.email_verified_at),
        (id, Language::Ja, Role::Customer, None)
    );
    assert!(tx.account_by_id(id + 1000).await.unwrap().is_none());
    drop(tx);
    let mut tx = store.begin().await.unwrap();
    tx.set_email_verified(id, 200).await.unwrap();
    tx.set_password_hash(id, "h2", 300).await.unwrap();
    tx.set_language(id, Language::En).await.unwrap();
    tx.set_role(id, Role::Agent).await.unwrap();
    tx.commit().await.unwrap();
    let a = store
        .read()
        .await
        .unwrap()
        .account_by_id(id)
        .await
        .unwrap()
        .unwrap();
    assert_eq!(
        (
            a.email_verified_at,
            a.password_hash.as_str(),
            a.password_changed_at,
            a.language,
            a.role
        ),
        (Some(200), "h2", 300, Language::En, Role::Agent)
    );
}

/// Many writers at once (on SQLite they share group commits): each transaction's
/// outcome is its own — committed, dropped, or failed on a conflict halfway — and every
/// commit that returned is there for a reader afterwards.
async fn concurrent_transactions_keep_their_own_outcome(store: Arc<dyn Store>) {
    new_account(&store, "taken@example.com").await;
    let mut tasks = Vec::new();
    for i in 0..60 {
        let store = store.clone();
        tasks.push(tokio::spawn(async move {
            let mut tx = store.begin().await.unwrap();
            let email = format!("w{i}@example.com");
            let id = tx.insert_account(&customer(&email)).await.unwrap();
            tx.insert_audit(&NewAuditEvent {
                account_id: Some(id),
                ..NewAuditEvent::new(AuditKind::SignUp, 1)
            })
            .await
            .unwrap();
            tokio::task::yield_now().await;
            match i % 3 {
                0 => tx.commit().await.unwrap(),
                1 => drop(tx),
                _ => {
                    let clash = tx.insert_account(&customer("taken@example.com")).await;
                    assert!(matches!(clash, Err(StoreError::Conflict("email"))));
                    drop(tx);
                }
            }
        }));
    }
    for t in tasks {
        t.await.unwrap();
    }
    let mut tx = store.read().await.unwrap();
    for i in 0..60 {
        let found = tx
            .account_by_email(&format!("w{i}@example.com"))
            .await
            .unwrap();
        assert_eq!(found.is_some(), i % 3 == 0, "account {i}");
        if let Some(a) = found {
            assert_eq!(tx.audit_of_account(a.id, 10).await.unwrap().len(), 1);
        }
    }
    assert!(tx
        .account_by_email("taken@example.com")
        .await
        .unwrap()
        .is_some());
}

async fn failed_transaction_leaves_nothing(store: Arc<dyn Store>) {
    let mut tx = store.begin().await.unwrap();
    let id = tx.insert_account(&customer("b@example.com")).await.unwrap();
    tx.insert_audit(&NewAuditEvent {
        account_id: Some(id),
        ..NewAuditEvent::new(AuditKind::SignUp, 1)
    })
    .await
    .unwrap();
    tx.enqueue_job(JobKind::Mail, "{}", 1, 1).await.unwrap();
    drop(tx); // rolled back
    let mut tx = store.read().await.unwrap();
    assert!(tx
        .account_by_email("b@example.com")
        .await
        .unwrap()
        .is_none());
    assert!(tx.audit_of_account(id, 10).await.unwrap().is_empty());
    assert_eq!(tx.pending_job_count().await.unwrap(), 0);
}

async fn factor_lifecycle_and_replay_guard(store: Arc<dyn Store>) {
    let id = new_account(&store, "c@example.com").await;
    let mut tx = store.begin().await.unwrap();
    let pending = tx
        .insert_factor(id, b"sealed", FactorStatus::Pending, 10)
        .await
        .unwrap();
    tx.commit().await.unwrap();
    // A failed statement ends the transaction (PostgreSQL aborts it): try in its own.
    let mut tx = store.begin().await.unwrap();
    assert!(matches!(
        tx.insert_factor(id, b"again", FactorStatus::Pending, 10)
            .await,
        Err(StoreError::Conflict(_))
    ));
    drop(tx);
    let mut tx = store.begin().await.unwrap();
    assert!(tx.factor(id, FactorStatus::Active).await.unwrap().is_none());
    tx.activate_factor(pending, 500, 20).await.unwrap();
    let f = tx.factor(id, FactorStatus::Active).await.unwrap().unwrap();
    assert_eq!(
        (f.secret_enc.as_slice(), f.last_step, f.activated_at),
        (&b"sealed"[..], Some(500), Some(20))
    );
    // RFC 6238 §5.2 at the storage level: a step is taken once, never an older one.
    assert!(!tx.advance_factor_step(f.id, 500).await.unwrap());
    assert!(!tx.advance_factor_step(f.id, 499).await.unwrap());
    assert!(tx.advance_factor_step(f.id, 501).await.unwrap());
    tx.delete_factor(id, FactorStatus::Active).await.unwrap();
    assert!(tx.factor(id, FactorStatus::Active).await.unwrap().is_none());
    tx.commit().await.unwrap();
}

async fn factors_are_resealed_page_by_page(store: Arc<dyn Store>) {
    let a = new_account(&store, "reseal-a@example.com").await;
    let b = new_account(&store, "reseal-b@example.com").await;
    let mut tx = store.begin().await.unwrap();
    let fa = tx
        .insert_factor(a, b"old-a", FactorStatus::Active, 10)
        .await
        .unwrap();
    let fb = tx
        .insert_factor(b, b"old-b", FactorStatus::Pending, 10)
        .await
        .unwrap();
    tx.commit().await.unwrap();
    let mut tx = store.begin().await.unwrap();
    let first = tx.factors_after(0, 1).await.unwrap();
    assert_eq!(first.len(), 1);
    let rest = tx.factors_after(first[0].id, 100).await.unwrap();
    let mine: Vec<(i64, Vec<u8>)> = first
        .iter()
        .chain(&rest)
        .filter(|f| f.id == fa || f.id == fb)
        .map(|f| (f.id, f.secret_enc.clone()))
        .collect();
    assert_eq!(
        mine,
        vec![(fa, b"old-a".to_vec()), (fb, b"old-b".to_vec())],
        "every status, in id order"
    );
    assert!(tx.reseal_factor(fa, b"old-a", b"new-a").await.unwrap());
    assert!(
        !tx.reseal_factor(fb, b"not what is stored", b"new-b")
            .await
            .unwrap(),
        "a secret changed meanwhile is left alone"
    );
    let f = tx.factor(a, FactorStatus::Active).await.unwrap().unwrap();
    assert_eq!(f.secret_enc, b"new-a");
    assert_eq!(
        (f.status, f.activated_at),
        (FactorStatus::Active, Some(10)),
        "a factor stored active is active from its creation"
    );
    let f = tx.factor(b, FactorStatus::Pending).await.unwrap().unwrap();
    assert_eq!(f.secret_enc, b"old-b");
    assert_eq!((f.status, f.activated_at), (FactorStatus::Pending, None));
    tx.commit().await.unwrap();
}

async fn recovery_codes_are_single_use(store: Arc<dyn Store>) {
    let id = new_account(&store, "d@example.com").await;
    let mut tx = store.begin().await.unwrap();
    let hashes: Vec<String> = (0..10).map(|i| format!("hash{i}")).collect();
    tx.replace_recovery_codes(id, &hashes, 5).await.unwrap();
    let codes = tx.unused_recovery_codes(id).await.unwrap();
    assert_eq!(codes.len(), 10);
    assert!(tx.mark_recovery_code_used(codes[0].id, 6).await.unwrap());
    assert!(!tx.mark_recovery_code_used(codes[0].id, 7).await.unwrap());
    assert_eq!(tx.unused_recovery_codes(id).await.unwrap().len(), 9);
    tx.replace_recovery_codes(id, &hashes[..3], 8)
        .await
        .unwrap();
    assert_eq!(tx.unused_recovery_codes(id).await.unwrap().len(), 3);
    tx.commit().await.unwrap();
}

async fn sessions(store: Arc<dyn Store>) {
    let id = new_account(&store, "e@example.com").await;
    let other = new_account(&store, "f@example.com").await;
    let mut tx = store.begin().await.unwrap();
    let mk = |hash: &'static str, account_id| NewSession {
        token_hash: hash,
        account_id,
        kind: SessionKind::Web,
        now: 10,
        expires_at: 1000,
        mfa_verified_at: None,
        ip: Some("127.0.0.1"),
        user_agent: Some("test"),
    };
    let (s1, s2, s3) = (7_301, 900_000_000_000_000_001, 12);
    assert!(tx.insert_session(s1, &mk("h1", id)).await.unwrap());
    assert!(tx.insert_session(s2, &mk("h2", id)).await.unwrap());
    assert!(tx.insert_session(s3, &mk("h3", other)).await.unwrap());
    assert!(
        !tx.insert_session(s1, &mk("h4", other)).await.unwrap(),
        "a taken id is refused"
    );
    let s = tx.session(s1).await.unwrap().unwrap();
    assert_eq!(
        (
            s.id,
            s.token_hash.as_str(),
            s.account_id,
            s.kind.as_str(),
            s.ip.as_deref()
        ),
        (s1, "h1", id, "web", Some("127.0.0.1"))
    );
    tx.touch_session(s1, 50, 2000).await.unwrap();
    assert_eq!(tx.session(s1).await.unwrap().unwrap().expires_at, 2000);
    assert_eq!(
        tx.delete_sessions_of_account(id, Some(s1)).await.unwrap(),
        1
    );
    assert_eq!(tx.sessions_of_account(id).await.unwrap().len(), 1);
    assert_eq!(
        tx.sessions_of_account(other).await.unwrap().len(),
        1,
        "another account's sessions are untouched"
    );
    assert!(
        !tx.delete_session_of_account(id, s3).await.unwrap(),
        "another account's session is not this account's to end"
    );
    assert!(tx.session(s3).await.unwrap().is_some());
    assert_eq!(tx.delete_expired_sessions(1500).await.unwrap(), 1);
    assert!(tx.session(s3).await.unwrap().is_none());
    // Rotation: same row, new token and privileges; the old token is dead.
    let rotated = NewSession {
        now: 60,
        expires_at: 3000,
        mfa_verified_at: Some(60),
        kind: SessionKind::Api,
        ..mk("h1-rotated", id)
    };
    assert!(tx.rotate_session_token(s1, &rotated).await.unwrap());
    let s = tx.session(s1).await.unwrap().unwrap();
    assert_eq!(
        (
            s.token_hash.as_str(),
            s.kind.as_str(),
            s.created_at,
            s.expires_at,
            s.mfa_verified_at
        ),
        ("h1-rotated", "api", 60, 3000, Some(60))
    );
    assert!(
        !tx.rotate_session_token(s1, &mk("h1-stolen", other))
            .await
            .unwrap(),
        "a session cannot be rotated into another account"
    );
    assert_eq!(
        tx.session(s1).await.unwrap().unwrap().token_hash,
        "h1-rotated",
        "a refused rotation changes nothing"
    );
    tx.delete_session(s1).await.unwrap();
    assert!(tx.session(s1).await.unwrap().is_none());
    assert!(
        !tx.rotate_session_token(s1, &rotated).await.unwrap(),
        "an ended session stays ended"
    );
    tx.commit().await.unwrap();
}

async fn session_view_joins_account_and_factor(store: Arc<dyn Store>) {
    let id = new_account(&store, "v@example.com").await;
    let other = new_account(&store, "w@example.com").await;
    let mut tx = store.begin().await.unwrap();
    let (s1, s2) = (424_242, 77);
    tx.insert_session(
        s1,
        &NewSession {
            token_hash: "vh1",
            account_id: id,
            kind: SessionKind::Api,
            now: 10,
            expires_at: 1000,
            mfa_verified_at: Some(12),
            ip: Some("192.0.2.1"),
            user_agent: Some("test"),
        },
    )
    .await
    .unwrap();
    tx.insert_session(
        s2,
        &NewSession {
            token_hash: "vh2",
            account_id: other,
            kind: SessionKind::Web,
            now: 20,
            expires_at: 2000,
            mfa_verified_at: None,
            ip: None,
            user_agent: None,
        },
    )
    .await
    .unwrap();
    // Only the other account's pending factor: it does not count.
    tx.insert_factor(other, b"sealed", FactorStatus::Pending, 20)
        .await
        .unwrap();
    tx.commit().await.unwrap();

    // Outside a transaction, on a reading connection.
    let v = store.session_view(s1).await.unwrap().unwrap();
    let direct = {
        let mut tx = store.read().await.unwrap();
        tx.session(s1).await.unwrap().unwrap()
    };
    assert_eq!(
        (v.session.id, v.session.account_id, v.session.kind.as_str()),
        (s1, id, "api")
    );
    assert_eq!(
        (
            v.session.created_at,
            v.session.last_seen_at,
            v.session.expires_at,
            v.session.mfa_verified_at,
            v.session.ip.as_deref(),
            v.session.user_agent.as_deref(),
            v.session.token_hash.as_str(),
        ),
        (
            direct.created_at,
            direct.last_seen_at,
            direct.expires_at,
            direct.mfa_verified_at,
            direct.ip.as_deref(),
            direct.user_agent.as_deref(),
            "vh1",
        )
    );
    assert_eq!(
        (
            v.account.id,
            v.account.email.as_str(),
            v.account.language,
            v.account.role
        ),
        (id, "v@example.com", Language::Ja, Role::Customer)
    );
    assert!(!v.has_factor);

    let w = store.session_view(s2).await.unwrap().unwrap();
    assert_eq!((w.account.id, w.session.mfa_verified_at), (other, None));
    assert!(!w.has_factor, "a pending factor is not an active one");
    assert!(store.session_view(s2 + 1000).await.unwrap().is_none());

    let mut tx = store.begin().await.unwrap();
    tx.insert_factor(id, b"sealed", FactorStatus::Active, 30)
        .await
        .unwrap();
    // The same query inside a transaction sees the transaction's own writes.
    assert!(tx.session_view(s1).await.unwrap().unwrap().has_factor);
    tx.commit().await.unwrap();
    assert!(store.session_view(s1).await.unwrap().unwrap().has_factor);
    assert!(!store.session_view(s2).await.unwrap().unwrap().has_factor);

    let mut tx = store.begin().await.unwrap();
    tx.delete_session(s1).await.unwrap();
    tx.commit().await.unwrap();
    assert!(store.session_view(s1).await.unwrap().is_none());
}

async fn email_tokens_single_use(store: Arc<dyn Store>) {
    let id = new_account(&store, "g@example.com").await;
    let mut tx = store.begin().await.unwrap();
    tx.insert_email_token("t1", id, TokenPurpose::VerifyEmail, 1, 100)
        .await
        .unwrap();
    tx.insert_email_token("t2", id, TokenPurpose::ResetPassword, 1, 100)
        .await
        .unwrap();
    let t = tx.email_token("t1").await.unwrap().unwrap();
    assert_eq!(
        (t.account_id, t.purpose.as_str(), t.expires_at, t.used_at),
        (id, "verify_email", 100, None)
    );
    assert!(tx.mark_email_token_used("t1", 5).await.unwrap());
    assert!(!tx.mark_email_token_used("t1", 6).await.unwrap());
    tx.revoke_email_tokens(id, TokenPurpose::ResetPassword, 7)
        .await
        .unwrap();
    assert_eq!(
        tx.email_token("t2").await.unwrap().unwrap().used_at,
        Some(7)
    );
    assert!(tx.email_token("nope").await.unwrap().is_none());
    tx.commit().await.unwrap();
}

/// `throttle_for_update` holds the bucket until the transaction ends: a concurrent
/// attempt waits and then sees the failure the first one counted (PostgreSQL's row
/// lock; SQLite's single writer), for a new bucket and for an existing one.
async fn throttle_bucket_stays_locked_until_commit(store: Arc<dyn Store>) {
    let mut failed = ThrottleState::default();
    failed.record_failure(&ThrottlePolicy::ACCOUNT, 5);
    for (key, exists) in [("acct:9:totp", false), ("acct:9:totp", true)] {
        let mut tx1 = store.begin().await.unwrap();
        let before = tx1.throttle_for_update(key, 5).await.unwrap();
        let mut counted = before;
        counted.record_failure(&ThrottlePolicy::ACCOUNT, 5);
        tx1.save_throttle(key, &counted, 5).await.unwrap();
        if exists {
            assert_eq!(before, failed);
        }
        let other = store.clone();
        let waiter = tokio::spawn(async move {
            let mut tx2 = other.begin().await.unwrap();
            let seen = tx2.throttle_for_update(key, 6).await.unwrap();
            tx2.commit().await.unwrap();
            seen
        });
        tokio::task::spawn_blocking(|| std::thread::sleep(std::time::Duration::from_millis(300)))
            .await
            .unwrap();
        assert!(!waiter.is_finished(), "the bucket must stay locked");
        tx1.commit().await.unwrap();
        assert_eq!(waiter.await.unwrap(), counted);
        if !exists {
            assert_eq!(counted, failed);
        }
    }
}

async fn a_check_locks_the_holders_bucket_and_only_reads_the_others(store: Arc<dyn Store>) {
    let mut a = ThrottleState::default();
    a.record_failure(&ThrottlePolicy::ADDRESS, 7);
    let mut tx = store.begin().await.unwrap();
    tx.save_throttle("address:198.51.100.8", &a, 7)
        .await
        .unwrap();
    tx.commit().await.unwrap();

    let holder = "account:4:second_factor";
    let mut tx1 = store.begin().await.unwrap();
    let read = tx1
        .throttles_locking(&[holder], &["address:198.51.100.8", "address:192.0.2.1"], 8)
        .await
        .unwrap();
    assert_eq!(
        read,
        [ThrottleState::default(), a, ThrottleState::default()]
    );
    if store.backend() == Backend::Sqlite {
        // One writer: nobody else reads a bucket for update meanwhile anyway.
        tx1.commit().await.unwrap();
        return;
    }
    // The peeked bucket can be locked by another transaction meanwhile...
    let other = store.clone();
    let peeked = tokio::spawn(async move {
        let mut tx2 = other.begin().await.unwrap();
        let seen = tx2
            .throttle_for_update("address:198.51.100.8", 9)
            .await
            .unwrap();
        tx2.commit().await.unwrap();
        seen
    });
    let seen = tokio::time::timeout(std::time::Duration::from_secs(10), peeked)
        .await
        .expect("the peeked bucket must not be locked")
        .unwrap();
    assert_eq!(seen, a);
    // ...the holder's stays locked until the check's transaction ends.
    let other = store.clone();
    let waiter = tokio::spawn(async move {
        let mut tx3 = other.begin().await.unwrap();
        tx3.throttle_for_update(holder, 9).await.unwrap();
        tx3.commit().await.unwrap();
    });
    tokio::task::spawn_blocking(|| std::thread::sleep(std::time::Duration::from_millis(300)))
        .await
        .unwrap();
    assert!(
        !waiter.is_finished(),
        "the holder's bucket must stay locked"
    );
    tx1.commit().await.unwrap();
    waiter.await.unwrap();
}

async fn a_step_signs_in_at_once_only_while_nothing_changed(store: Arc<dyn Store>) {
    let id = new_account(&store, "step@example.com").await;
    let (holder, address) = ("account:step:second_factor", "address:192.0.2.9");
    let session_id = 515_151;
    let mut tx = store.begin().await.unwrap();
    let factor = tx
        .insert_factor(id, b"sealed", FactorStatus::Pending, 10)
        .await
        .unwrap();
    tx.activate_factor(factor, 500, 10).await.unwrap();
    let mut seen = ThrottleState::default();
    seen.record_failure(&ThrottlePolicy::ADDRESS, 7);
    tx.save_throttle(address, &seen, 7).await.unwrap();
    let partial = NewSession {
        token_hash: "before",
        account_id: id,
        kind: SessionKind::Web,
        now: 10,
        expires_at: 1000,
        mfa_verified_at: None,
        ip: None,
        user_agent: None,
    };
    tx.insert_session(session_id, &partial).await.unwrap();
    tx.commit().await.unwrap();

    let check = store
        .step_check(id, holder, address)
        .await
        .unwrap()
        .unwrap();
    assert_eq!(
        (
            check.factor.id,
            check.factor.last_step,
            check.holder,
            check.address
        ),
        (factor, Some(500), None, seen)
    );
    assert!(store
        .step_check(id + 1, holder, address)
        .await
        .unwrap()
        .is_none());

    let full = NewSession {
        token_hash: "after",
        mfa_verified_at: Some(20),
        now: 20,
        ..partial
    };
    let audit = NewAuditEvent {
        account_id: Some(id),
        ..NewAuditEvent::new(AuditKind::LoginSecondFactor, 20)
    };
    let write = |holder_read, step, session_id| keydesk_store::StepSignIn {
        holder_key: holder,
        holder_read,
        factor_id: factor,
        step,
        session_id,
        session: &full,
        audit: &audit,
    };
    let logins = |store: Arc<dyn Store>| async move {
        let mut tx = store.read().await.unwrap();
        let events = tx.recent_audit(100).await.unwrap();
        events
            .iter()
            .filter(|e| e.kind == AuditKind::LoginSecondFactor)
            .count()
    };
    let last_step = |store: Arc<dyn Store>| async move {
        let mut tx = store.read().await.unwrap();
        let f = tx.factor(id, FactorStatus::Active).await.unwrap().unwrap();
        f.last_step
    };

    // The account's bucket was written after the check: nothing is.
    let mut counted = ThrottleState::default();
    counted.record_failure(&ThrottlePolicy::ACCOUNT, 15);
    let mut tx = store.begin().await.unwrap();
    tx.save_throttle(holder, &counted, 15).await.unwrap();
    tx.commit().await.unwrap();
    assert_eq!(
        store
            .sign_in_with_step(&write(None, 501, session_id))
            .await
            .unwrap(),
        StepOutcome::BucketChanged
    );
    assert_eq!(last_step(store.clone()).await, Some(500));
    // As read, it goes through: step, session and audit together.
    assert_eq!(
        store
            .sign_in_with_step(&write(Some(counted), 501, session_id))
            .await
            .unwrap(),
        StepOutcome::SignedIn
    );
    assert_eq!(last_step(store.clone()).await, Some(501));
    let rotated = {
        let mut tx = store.read().await.unwrap();
        tx.session(session_id).await.unwrap().unwrap()
    };
    assert_eq!(
        (rotated.token_hash.as_str(), rotated.mfa_verified_at),
        ("after", Some(20))
    );
    assert_eq!(logins(store.clone()).await, 1);
    // The same step again, or an older one: used.
    for step in [501, 499] {
        assert_eq!(
            store
                .sign_in_with_step(&write(Some(counted), step, session_id))
                .await
                .unwrap(),
            StepOutcome::StepUsed
        );
    }
    // A session that ended: no login audited.
    assert_eq!(
        store
            .sign_in_with_step(&write(Some(counted), 502, session_id + 1))
            .await
            .unwrap(),
        StepOutcome::SessionEnded
    );
    assert_eq!(logins(store.clone()).await, 1);
}

async fn throttles_saved_together(store: Arc<dyn Store>) {
    let mut a = ThrottleState::default();
    a.record_failure(&ThrottlePolicy::ADDRESS, 7);
    let mut b = ThrottleState::default();
    for t in 0..10 {
        b.record_failure(&ThrottlePolicy::ACCOUNT, t);
    }
    let mut tx = store.begin().await.unwrap();
    tx.save_throttles(&[], 7).await.unwrap();
    // One bucket new, one existing.
    tx.save_throttle("account:3:password", &a, 5).await.unwrap();
    tx.save_throttles(&[("address:198.51.100.7", a), ("account:3:password", b)], 8)
        .await
        .unwrap();
    tx.commit().await.unwrap();
    let mut tx = store.begin().await.unwrap();
    // Several at once, in the order asked; a bucket never written is fresh.
    assert_eq!(
        tx.throttles_for_update(
            &[
                "account:3:password",
                "address:192.0.2.99",
                "address:198.51.100.7"
            ],
            9
        )
        .await
        .unwrap(),
        [b, ThrottleState::default(), a]
    );
    assert_eq!(
        tx.throttle_for_update("address:198.51.100.7", 9)
            .await
            .unwrap(),
        a
    );
    assert_eq!(
        tx.throttle_for_update("account:3:password", 9)
            .await
            .unwrap(),
        b
    );
    tx.save_throttles(&[("account:3:password", ThrottleState::default())], 10)
        .await
        .unwrap();
    assert_eq!(
        tx.throttle_for_update("account:3:password", 11)
            .await
            .unwrap(),
        ThrottleState::default()
    );
    tx.commit().await.unwrap();
}

async fn throttle_state_round_trips(store: Arc<dyn Store>) {
    let mut tx = store.begin().await.unwrap();
    assert_eq!(
        tx.throttle_for_update("acct:1:totp", 1).await.unwrap(),
        ThrottleState::default()
    );
    let mut s = ThrottleState::default();
    for t in 0..10 {
        s.record_failure(&ThrottlePolicy::ACCOUNT, t);
    }
    tx.save_throttle("acct:1:totp", &s, 10).await.unwrap();
    tx.commit().await.unwrap();
    let mut tx = store.begin().await.unwrap();
    assert_eq!(tx.throttle_for_update("acct:1:totp", 11).await.unwrap(), s);
    assert_eq!(
        tx.throttle_for_update("ip:127.0.0.1", 11).await.unwrap(),
        ThrottleState::default()
    );
    tx.commit().await.unwrap();
}

async fn audit_is_append_only(store: Arc<dyn Store>) {
    let id = new_account(&store, "h@example.com").await;
    let mut tx = store.begin().await.unwrap();
    for kind in [AuditKind::SignUp, AuditKind::LoginPassword] {
        tx.insert_audit(&NewAuditEvent {
            account_id: Some(id),
            kind,
            ip: Some("::1"),
            user_agent: Some("ua"),
            detail: "{}".into(),
            now: 3,
            actor_id: None,
        })
        .await
        .unwrap();
    }
    tx.commit().await.unwrap();
    let events = store
        .read()
        .await
        .unwrap()
        .audit_of_account(id, 10)
        .await
        .unwrap();
    assert_eq!(
        events.iter().map(|e| e.kind.as_str()).collect::<Vec<_>>(),
        ["login_password", "sign_up"]
    );
    assert_eq!(
        store
            .read()
            .await
            .unwrap()
            .recent_audit(1)
            .await
            .unwrap()
            .len(),
        1
    );
}

/// Neither backend lets anyone rewrite history, whatever the SQL.
#[tokio::test]
async fn audit_rows_cannot_be_changed_or_deleted() {
    use sqlx::Connection;
    let f = support::sqlite().await;
    new_audit_row(&f.store).await;
    let mut conn = sqlx::SqliteConnection::connect(&f.url).await.unwrap();
    for sql in [
        "UPDATE audit_events SET kind = 'x'",
        "DELETE FROM audit_events",
    ] {
        let err = sqlx::query(sql).execute(&mut conn).await.unwrap_err();
        assert!(err.to_string().contains("append-only"), "{err}");
    }
    if let Some(f) = support::postgres().await {
        new_audit_row(&f.store).await;
        let mut conn = sqlx::PgConnection::connect(&f.url).await.unwrap();
        for sql in [
            "UPDATE audit_events SET kind = 'x'",
            "DELETE FROM audit_events",
        ] {
            let err = sqlx::query(sql).execute(&mut conn).await.unwrap_err();
            assert!(err.to_string().contains("append-only"), "{err}");
        }
    }
}

async fn new_audit_row(store: &Arc<dyn Store>) {
    let mut tx = store.begin().await.unwrap();
    tx.insert_audit(&NewAuditEvent {
        ..NewAuditEvent::new(AuditKind::SignUp, 1)
    })
    .await
    .unwrap();
    tx.commit().await.unwrap();
}

async fn jobs_are_claimed_once(store: Arc<dyn Store>) {
    let mut tx = store.begin().await.unwrap();
    let a = tx
        .enqueue_job(JobKind::Mail, "{\"n\":1}", 10, 1)
        .await
        .unwrap();
    let b = tx
        .enqueue_job(JobKind::Mail, "{\"n\":2}", 20, 1)
        .await
        .unwrap();
    tx.enqueue_job(JobKind::Mail, "{\"n\":3}", 999, 1)
        .await
        .unwrap();
    tx.commit().await.unwrap();

    let mut tx = store.begin().await.unwrap();
    let claimed = tx.claim_jobs(30, 60, 10).await.unwrap();
    tx.commit().await.unwrap();
    assert_eq!(claimed.iter().map(|j| j.id).collect::<Vec<_>>(), [a, b]);
    assert_eq!(claimed[0].attempts, 1);
    // Leased: nobody else gets them until the lease ends.
    let mut tx = store.begin().await.unwrap();
    assert!(tx.claim_jobs(31, 60, 10).await.unwrap().is_empty());
    tx.complete_job(a, 32).await.unwrap();
    tx.fail_job(b, "smtp down", Some(100), 32).await.unwrap();
    tx.commit().await.unwrap();
    let mut tx = store.begin().await.unwrap();
    assert!(tx.claim_jobs(99, 60, 10).await.unwrap().is_empty());
    let again = tx.claim_jobs(100, 60, 10).await.unwrap();
    assert_eq!(
        (
            again[0].id,
            again[0].attempts,
            again[0].last_error.as_deref()
        ),
        (b, 2, Some("smtp down"))
    );
    tx.fail_job(b, "gave up", None, 101).await.unwrap();
    assert_eq!(tx.pending_job_count().await.unwrap(), 1);
    let m = tx
        .insert_outbox_mail(&NewOutboxMail {
            to_addr: "a@example.com",
            subject: "件名",
            body_text: "t",
            body_html: "<p>h</p>",
            headers: "[]",
            now: 5,
        })
        .await
        .unwrap();
    assert_eq!(tx.outbox_mail(m).await.unwrap().unwrap().subject, "件名");
    assert_eq!(tx.outbox_mails(10).await.unwrap().len(), 1);
    tx.commit().await.unwrap();
}

async fn photo_submissions_and_checks(store: Arc<dyn Store>) {
    let id = new_account(&store, "photo@example.com").await;
    let other = new_account(&store, "other@example.com").await;
    let mut tx = store.begin().await.unwrap();
    tx.record_photo_check(id, PhotoKind::IdSelfie, true, 10)
        .await
        .unwrap();
    tx.record_photo_check(id, PhotoKind::IdSelfie, true, 20)
        .await
        .unwrap();
    tx.record_photo_check(id, PhotoKind::IdSelfie, false, 30)
        .await
        .unwrap();
    tx.record_photo_check(id, PhotoKind::DocumentFront, true, 30)
        .await
        .unwrap();
    assert_eq!(
        tx.blocked_photo_checks(id, PhotoKind::IdSelfie, 0)
            .await
            .unwrap(),
        2
    );
    assert_eq!(
        tx.blocked_photo_checks(id, PhotoKind::IdSelfie, 15)
            .await
            .unwrap(),
        1
    );
    assert_eq!(
        tx.blocked_photo_checks(other, PhotoKind::IdSelfie, 0)
            .await
            .unwrap(),
        0
    );
    let new = NewPhotoSubmission {
        account_id: id,
        kind: PhotoKind::IdSelfie,
        file_name: "a.jpg",
        sha256: "ab",
        findings: "{}",
        blocking: false,
        now: 40,
    };
    let p = tx.insert_photo_submission(&new).await.unwrap();
    let row = tx.photo_submission(p).await.unwrap().unwrap();
    assert_eq!(
        (row.account_id, row.kind, row.blocking),
        (id, PhotoKind::IdSelfie, 0)
    );
    assert!(tx.photo_file_known("a.jpg").await.unwrap());
    assert!(!tx.photo_file_known("b.jpg").await.unwrap());
    assert_eq!(tx.photo_submissions_of_account(id).await.unwrap().len(), 1);
    assert!(tx
        .photo_submissions_of_account(other)
        .await
        .unwrap()
        .is_empty());
    tx.commit().await.unwrap();
}

fn assert_decode_error<T: std::fmt::Debug>(got: StoreResult<T>, column: &str, value: &str) {
    match got {
        Err(StoreError::Decode {
            column: c,
            value: v,
        }) if c == column && v == value => {}
        other => panic!("expected a decode error for {value:?} in {column}, got {other:?}"),
    }
}

/// A stored role, status or kind that the domain does not know (written by a newer
/// version, or by hand) is an error where the row is read, never a guess.
/// A job queued by a newer version (a kind this one does not know) is put back for an
/// hour with the reason, and the jobs beside it in the batch are claimed as usual.
async fn a_job_of_an_unknown_kind_waits_and_the_rest_run(f: &Fixture) {
    let store = &f.store;
    f.unchecked(
        "INSERT INTO jobs (kind, payload, run_at, created_at) VALUES ('from_the_future', '', 0, 0)",
    )
    .await;
    let mut tx = store.begin().await.unwrap();
    let mail = tx.enqueue_job(JobKind::Mail, "sealed", 0, 0).await.unwrap();
    tx.commit().await.unwrap();
    let mut tx = store.begin().await.unwrap();
    let claimed = tx.claim_jobs(10, 60, 20).await.unwrap();
    assert_eq!(claimed.iter().map(|j| j.id).collect::<Vec<_>>(), [mail]);
    tx.complete_job(mail, 11).await.unwrap();
    tx.commit().await.unwrap();
    // Not claimed again until its hour has passed; still pending, not given up.
    let mut tx = store.begin().await.unwrap();
    assert!(tx.claim_jobs(100, 60, 20).await.unwrap().is_empty());
    assert_eq!(tx.pending_job_count().await.unwrap(), 1);
    let later = tx.claim_jobs(10 + 3600, 60, 20).await;
    drop(tx);
    assert!(
        later.unwrap().is_empty(),
        "parked again, not failing the batch"
    );
}

async fn unknown_stored_values_are_errors(f: &Fixture) {
    let store = &f.store;
    let id = new_account(store, "odd@example.com").await;
    let session = 5_150;
    let mut tx = store.begin().await.unwrap();
    tx.insert_session(
        session,
        &NewSession {
            token_hash: "oh",
            account_id: id,
            kind: SessionKind::Web,
            now: 1,
            expires_at: 1000,
            mfa_verified_at: None,
            ip: None,
            user_agent: None,
        },
    )
    .await
    .unwrap();
    let factor = tx
        .insert_factor(id, b"sealed", FactorStatus::Pending, 1)
        .await
        .unwrap();
    tx.insert_email_token("odd-token", id, TokenPurpose::VerifyEmail, 1, 100)
        .await
        .unwrap();
    tx.commit().await.unwrap();
    // Read back as written, first.
    assert!(store.session_view(session).await.unwrap().is_some());

    f.unchecked(&format!(
        "UPDATE accounts SET role = 'superuser' WHERE id = {id}"
    ))
    .await;
    let mut tx = store.read().await.unwrap();
    assert_decode_error(tx.account_by_id(id).await, "role", "superuser");
    assert_decode_error(tx.list_accounts(10).await, "role", "superuser");
    drop(tx);
    assert_decode_error(store.session_view(session).await, "role", "superuser");
    f.unchecked(&format!(
        "UPDATE accounts SET role = 'customer', language = 'fr' WHERE id = {id}"
    ))
    .await;
    let mut tx = store.read().await.unwrap();
    assert_decode_error(
        tx.account_by_email("odd@example.com").await,
        "language",
        "fr",
    );
    drop(tx);
    f.unchecked(&format!(
        "UPDATE accounts SET language = 'en' WHERE id = {id}; \
         UPDATE sessions SET kind = 'cli' WHERE id = {session}; \
         UPDATE totp_factors SET status = 'disabled' WHERE id = {factor}; \
         UPDATE email_tokens SET purpose = 'login' WHERE token_hash = 'odd-token'; \
         INSERT INTO audit_events (account_id, kind, detail, created_at) \
         VALUES ({id}, 'teleported', '{{}}', 1); \
         INSERT INTO jobs (kind, payload, run_at, created_at) VALUES ('teleport', '{{}}', 1, 1); \
         INSERT INTO photo_submissions \
         (account_id, kind, file_name, sha256, findings, blocking, created_at) \
         VALUES ({id}, 'passport', 'odd.jpg', 'ab', '{{}}', 0, 1)"
    ))
    .await;
    let mut tx = store.read().await.unwrap();
    assert!(tx.account_by_id(id).await.unwrap().is_some());
    assert_decode_error(tx.session(session).await, "kind", "cli");
    assert_decode_error(tx.sessions_of_account(id).await, "kind", "cli");
    assert_decode_error(tx.factors_after(0, 10).await, "status", "disabled");
    assert_decode_error(tx.email_token("odd-token").await, "purpose", "login");
    assert_decode_error(tx.audit_of_account(id, 10).await, "kind", "teleported");
    assert_decode_error(tx.recent_photo_submissions(10).await, "kind", "passport");
    drop(tx);
    assert_decode_error(store.session_view(session).await, "kind", "cli");
    // A job's kind is the one column read as stored: a newer version's job is parked by
    // the worker's claim (see the test of unknown job kinds) and re-sealed by `keys
    // reseal` like any other.
    let mut tx = store.read().await.unwrap();
    let stored = tx.jobs_with_payload_after(0, 10).await.unwrap();
    assert!(stored.iter().any(|j| j.kind == "teleport"));
    drop(tx);
    let mut tx = store.begin().await.unwrap();
    assert!(tx.claim_jobs(10, 60, 10).await.unwrap().is_empty());
}

/// A read transaction reads one snapshot: it does not wait for a writer that holds
/// the rows (or, on SQLite, the database), sees nothing of what that writer has not
/// committed, and keeps its snapshot after the writer commits.
async fn read_transactions_are_snapshots_that_never_wait_for_the_writer(store: Arc<dyn Store>) {
    let id = new_account(&store, "snap@example.com").await;
    let mut writer = store.begin().await.unwrap();
    writer.set_email_verified(id, 200).await.unwrap();
    writer.set_password_hash(id, "h2", 200).await.unwrap();

    let wait = std::time::Duration::from_secs(5);
    let mut reader = tokio::time::timeout(wait, store.read())
        .await
        .expect("a read transaction must not wait for the writer")
        .unwrap();
    let seen = tokio::time::timeout(wait, reader.account_by_id(id))
        .await
        .expect("a read must not wait for the writer")
        .unwrap()
        .unwrap();
    assert_eq!(seen.email_verified_at, None, "not committed yet");
    let view = tokio::time::timeout(wait, store.session_view(1))
        .await
        .expect("the session view must not wait for the writer")
        .unwrap();
    assert!(view.is_none());

    writer.commit().await.unwrap();
    let again = reader.account_by_id(id).await.unwrap().unwrap();
    assert_eq!(
        (again.email_verified_at, again.password_hash.as_str()),
        (None, "$argon2id$x"),
        "the same snapshot to the end"
    );
    drop(reader);
    let after = store.read().await.unwrap().account_by_id(id).await.unwrap();
    assert_eq!(after.unwrap().email_verified_at, Some(200));
}

async fn email_verified_at(tx: &mut dyn ReadTx, id: i64) -> Option<i64> {
    tx.account_by_id(id)
        .await
        .unwrap()
        .unwrap()
        .email_verified_at
}

/// Code that only reads takes a `&mut dyn ReadTx`, and a write transaction can be
/// handed to it: it then sees that transaction's own writes.
async fn a_write_transaction_reads_as_a_read_transaction(store: Arc<dyn Store>) {
    let id = new_account(&store, "both@example.com").await;
    let mut tx = store.begin().await.unwrap();
    tx.set_email_verified(id, 300).await.unwrap();
    assert_eq!(email_verified_at(&mut *tx, id).await, Some(300));
    drop(tx);
    let mut read = store.read().await.unwrap();
    assert_eq!(email_verified_at(&mut *read, id).await, None);
}

fn desk_request<'a>(email: &'a str, key: &'a str, now: i64) -> NewDeskRequest<'a> {
    NewDeskRequest {
        account_id: None,
        email,
        lang: Language::Ja,
        category: "two-factor",
        subcategory: Some("lost-device"),
        subject: "s",
        answers: "{}",
        answers_text: "",
        confirmed: true,
        confirm_token_hash: None,
        idempotency: key,
        follow_up_of: None,
        now,
    }
}

async fn desk_requests_number_page_and_refuse_stale_changes(store: Arc<dyn Store>) {
    let mut tx = store.begin().await.unwrap();
    let first = tx
        .insert_desk_request(&desk_request("a@example.com", "k1", 10))
        .await
        .unwrap()
        .unwrap();
    assert_eq!(first, 1001, "numbers start at #1001");
    // The same idempotency key makes nothing new.
    assert_eq!(
        tx.insert_desk_request(&desk_request("a@example.com", "k1", 11))
            .await
            .unwrap(),
        None
    );
    let mut unconfirmed = desk_request("b@example.com", "k2", 12);
    unconfirmed.confirmed = false;
    unconfirmed.confirm_token_hash = Some("hash");
    let second = tx.insert_desk_request(&unconfirmed).await.unwrap().unwrap();
    // A key already used may still take a number (a sequence does not roll back):
    // numbers rise, with a gap now and then.
    assert!(second > first);
    let mut more = Vec::new();
    for i in 0..5 {
        let key = format!("more{i}");
        more.push(
            tx.insert_desk_request(&desk_request("c@example.com", &key, 20 + i))
                .await
                .unwrap()
                .unwrap(),
        );
    }
    tx.commit().await.unwrap();

    let unsolved = DeskFilter {
        queue: Some(DeskQueue::Unsolved),
        status: None,
        assignee: AssigneeFilter::Nobody,
        category: Some("two-factor"),
    };
    let mut tx = store.read().await.unwrap();
    assert_eq!(
        tx.desk_view_count(&unsolved, 100).await.unwrap(),
        6,
        "the unconfirmed one is not queued"
    );
    assert_eq!(tx.desk_view_count(&unsolved, 4).await.unwrap(), 4, "capped");
    let page1 = tx
        .desk_view(&unsolved, DeskSort::UpdatedNewest, None, 4)
        .await
        .unwrap();
    let last = page1.last().unwrap();
    let page2 = tx
        .desk_view(
            &unsolved,
            DeskSort::UpdatedNewest,
            Some(DeskCursor {
                key: last.updated_at,
                id: last.id,
            }),
            4,
        )
        .await
        .unwrap();
    let ids: Vec<i64> = page1.iter().chain(&page2).map(|r| r.id).collect();
    let mut expected: Vec<i64> = more.iter().rev().copied().collect();
    expected.push(first);
    assert_eq!(ids, expected);
    let oldest = tx
        .desk_view(
            &unsolved,
            DeskSort::CreatedOldest,
            Some(DeskCursor { key: 0, id: first }),
            2,
        )
        .await
        .unwrap();
    assert_eq!(
        oldest.iter().map(|r| r.id).collect::<Vec<_>>(),
        more[..2].to_vec()
    );
    let found = tx
        .desk_request_by_confirm_token("hash")
        .await
        .unwrap()
        .unwrap();
    assert_eq!((found.id, found.confirmed), (second, false));
    drop(tx);

    let mut tx = store.begin().await.unwrap();
    assert!(tx.confirm_desk_request(second, None, 30).await.unwrap());
    assert!(
        !tx.confirm_desk_request(second, None, 31).await.unwrap(),
        "once"
    );
    let locked = tx.lock_desk_request(first).await.unwrap().unwrap();
    let change = DeskRequestUpdate {
        id: first,
        seen_version: locked.version,
        status: Status::Solved,
        status_since: 40,
        priority: Priority::High,
        assignee_id: None,
        category: "two-factor",
        now: 40,
    };
    assert!(tx.update_desk_request(&change).await.unwrap());
    assert!(
        !tx.update_desk_request(&change).await.unwrap(),
        "made from a stale version"
    );
    let message = tx
        .insert_desk_message(&NewDeskMessage {
            request_id: first,
            author_id: None,
            author: Author::Customer,
            public: true,
            body: "本文",
            now: 41,
        })
        .await
        .unwrap();
    tx.insert_desk_attachment(&NewDeskAttachment {
        request_id: first,
        message_id: Some(message),
        field: None,
        file_name: "f.jpg",
        original_name: "写真.jpg",
        content_type: "image/jpeg",
        size: 3,
        sha256: "x",
        now: 41,
    })
    .await
    .unwrap();
    tx.insert_desk_event(&NewDeskEvent {
        request_id: first,
        actor_id: None,
        version: 2,
        field: "status",
        old_value: Some("new"),
        new_value: Some("solved"),
        now: 40,
    })
    .await
    .unwrap();
    tx.commit().await.unwrap();

    let mut tx = store.read().await.unwrap();
    let solved = tx.desk_request(first).await.unwrap().unwrap();
    assert_eq!(
        (solved.status, solved.priority, solved.version),
        (Status::Solved, Priority::High, 2)
    );
    assert_eq!(tx.desk_messages(first).await.unwrap()[0].body, "本文");
    assert!(tx.desk_attachment_file_known("f.jpg").await.unwrap());
    assert_eq!(tx.desk_events(first, 1).await.unwrap().len(), 1);
    assert!(tx.desk_events(first, 2).await.unwrap().is_empty());
    let solved_view = DeskFilter {
        queue: Some(DeskQueue::Solved),
        status: None,
        assignee: AssigneeFilter::Any,
        category: None,
    };
    assert_eq!(tx.desk_view_count(&solved_view, 100).await.unwrap(), 1);
}

async fn tiers_and_holds(store: Arc<dyn Store>) {
    use keydesk_domain::capability::hold::{Hold, HoldOrigin, HoldScope};
    use keydesk_domain::capability::tier::Tier;
    let customer = new_account(&store, "held@example.com").await;
    let agent = new_account(&store, "agent@example.com").await;
    let mut tx = store.begin().await.unwrap();
    assert_eq!(
        tx.account_by_id(customer).await.unwrap().unwrap().tier,
        Tier::Unverified
    );
    tx.set_tier(customer, Tier::Basic).await.unwrap();
    let system = tx
        .insert_hold(
            customer,
            &Hold {
                scope: HoldScope::Withdraw,
                reason: "twofactor_reset".into(),
                origin: HoldOrigin::System,
                starts_at: 100,
                ends_at: Some(100 + 72 * 3600),
            },
            100,
        )
        .await
        .unwrap();
    let manual = tx
        .insert_hold(
            customer,
            &Hold {
                scope: HoldScope::Everything,
                reason: "frozen".into(),
                origin: HoldOrigin::Manual { by: agent },
                starts_at: 100,
                ends_at: None,
            },
            100,
        )
        .await
        .unwrap();
    tx.commit().await.unwrap();
    let mut tx = store.begin().await.unwrap();
    assert_eq!(
        tx.account_by_id(customer).await.unwrap().unwrap().tier,
        Tier::Basic
    );
    assert!(
        !tx.lift_hold(system, agent, 200).await.unwrap(),
        "a system hold is never lifted"
    );
    assert!(tx.lift_hold(manual, agent, 200).await.unwrap());
    assert!(!tx.lift_hold(manual, agent, 201).await.unwrap(), "once");
    tx.commit().await.unwrap();
    let mut tx = store.read().await.unwrap();
    let holds = tx.holds_of_account(customer).await.unwrap();
    assert_eq!(holds.len(), 2);
    let lifted = &holds[0];
    assert_eq!(
        (lifted.id, lifted.lifted_by, lifted.hold.ends_at),
        (manual, Some(agent), Some(200))
    );
    assert!(!lifted.hold.is_active(200));
    assert_eq!(holds[1].hold.origin, HoldOrigin::System);
    assert!(holds[1].hold.is_active(200));
}

async fn twofactor_resets_one_open_per_account_versioned_and_due(store: Arc<dyn Store>) {
    use keydesk_domain::twofactor_reset::case::{RefusalReason, ResetCase, ResetStatus};
    let customer = new_account(&store, "lost@example.com").await;
    let mut tx = store.begin().await.unwrap();
    let case = ResetCase::by_selfie();
    let id = tx
        .insert_twofactor_reset(customer, &case, None, "hash-1", 100)
        .await
        .unwrap();
    tx.commit().await.unwrap();

    // One open case per account: a second is a conflict and leaves nothing.
    let mut tx = store.begin().await.unwrap();
    let again = tx
        .insert_twofactor_reset(customer, &case, None, "hash-2", 101)
        .await;
    assert!(matches!(again, Err(StoreError::Conflict(_))), "{again:?}");
    drop(tx);

    let mut tx = store.begin().await.unwrap();
    let stored = tx.open_twofactor_reset(customer).await.unwrap().unwrap();
    assert_eq!(
        (stored.id, stored.version, stored.case.clone()),
        (id, 1, case.clone())
    );
    let refused = case
        .start_review()
        .unwrap()
        .refuse(&[RefusalReason::Mirrored, RefusalReason::Glare])
        .unwrap();
    assert!(tx
        .update_twofactor_reset(id, 1, &refused, None, 200)
        .await
        .unwrap());
    assert!(
        !tx.update_twofactor_reset(id, 1, &refused, None, 201)
            .await
            .unwrap(),
        "a stale version writes nothing"
    );
    let waiting = refused
        .resubmit()
        .unwrap()
        .start_review()
        .unwrap()
        .approve(7, 2, 300, 0)
        .unwrap()
        .approve(8, 2, 300, 86_400)
        .unwrap();
    assert!(tx
        .update_twofactor_reset(id, 2, &waiting, None, 300)
        .await
        .unwrap());
    tx.commit().await.unwrap();

    let mut tx = store.read().await.unwrap();
    let stored = tx.twofactor_reset(id).await.unwrap().unwrap();
    assert_eq!(stored.case, waiting);
    assert_eq!(stored.case.approvals, vec![7, 8]);
    assert_eq!(stored.case.attempt, 2);
    let by_link = tx.twofactor_reset_by_cancel_hash("hash-1").await.unwrap();
    assert_eq!(by_link.map(|r| r.id), Some(id));
    assert!(tx
        .twofactor_reset_by_cancel_hash("hash-2")
        .await
        .unwrap()
        .is_none());
    assert!(tx
        .twofactor_resets_due(300 + 86_399, 10)
        .await
        .unwrap()
        .is_empty());
    let due = tx.twofactor_resets_due(300 + 86_400, 10).await.unwrap();
    assert_eq!(due.iter().map(|r| r.id).collect::<Vec<_>>(), [id]);
    drop(tx);

    // Once closed, the account may open a new case.
    let mut tx = store.begin().await.unwrap();
    let done = waiting.execute(300 + 86_400).unwrap();
    assert!(tx
        .update_twofactor_reset(id, 3, &done, None, 90_000)
        .await
        .unwrap());
    assert_eq!(done.status, ResetStatus::Executed);
    assert!(tx.open_twofactor_reset(customer).await.unwrap().is_none());
    tx.insert_twofactor_reset(customer, &ResetCase::by_selfie(), None, "hash-3", 90_001)
        .await
        .unwrap();
    tx.commit().await.unwrap();
}

async fn twofactor_reset_links_images_and_their_retention(store: Arc<dyn Store>) {
    use keydesk_domain::twofactor_reset::case::ResetCase;
    use keydesk_domain::twofactor_reset::image::ResetImageKind;
    let customer = new_account(&store, "selfie@example.com").await;
    let mut tx = store.begin().await.unwrap();
    let case = ResetCase::by_selfie();
    let id = tx
        .insert_twofactor_reset(customer, &case, None, "first-link", 100)
        .await
        .unwrap();
    tx.insert_twofactor_reset_link(id, "second-link", 150)
        .await
        .unwrap();
    for (kind, name) in [
        (ResetImageKind::Selfie, "a.bin"),
        (ResetImageKind::AddressSide, "b.bin"),
    ] {
        tx.insert_twofactor_reset_image(&NewResetImage {
            reset_id: id,
            account_id: customer,
            attempt: 1,
            kind,
            file_name: name,
            sealed_key: "k",
            sha256: "s",
            findings: "{}",
            blocking: kind == ResetImageKind::AddressSide,
            now: 100,
        })
        .await
        .unwrap();
    }
    tx.commit().await.unwrap();

    let mut tx = store.read().await.unwrap();
    for link in ["first-link", "second-link"] {
        let found = tx.twofactor_reset_by_cancel_hash(link).await.unwrap();
        assert_eq!(found.map(|r| r.id), Some(id), "{link}");
    }
    let images = tx.twofactor_reset_images(id).await.unwrap();
    assert_eq!(
        images
            .iter()
            .map(|i| (i.kind, i.blocking))
            .collect::<Vec<_>>(),
        [
            (ResetImageKind::Selfie, false),
            (ResetImageKind::AddressSide, true)
        ]
    );
    let one = tx
        .twofactor_reset_image(images[0].id)
        .await
        .unwrap()
        .unwrap();
    assert_eq!((one.file_name.as_str(), one.reset_id), ("a.bin", id));
    assert!(tx.twofactor_reset_image_known("b.bin").await.unwrap());
    assert!(!tx.twofactor_reset_image_known("c.bin").await.unwrap());
    let open = tx.open_twofactor_resets(10).await.unwrap();
    assert_eq!(open.iter().map(|r| r.id).collect::<Vec<_>>(), [id]);
    assert!(
        tx.twofactor_resets_to_purge(1_000_000, 10)
            .await
            .unwrap()
            .is_empty(),
        "an open case keeps its images"
    );
    drop(tx);

    let mut tx = store.begin().await.unwrap();
    let cancelled = case.cancel().unwrap();
    assert!(tx
        .update_twofactor_reset(id, 1, &cancelled, None, 200)
        .await
        .unwrap());
    tx.commit().await.unwrap();
    let mut tx = store.read().await.unwrap();
    assert!(tx.open_twofactor_resets(10).await.unwrap().is_empty());
    assert!(tx
        .twofactor_resets_to_purge(200, 10)
        .await
        .unwrap()
        .is_empty());
    assert_eq!(tx.twofactor_resets_to_purge(201, 10).await.unwrap(), [id]);
    drop(tx);
    let mut tx = store.begin().await.unwrap();
    let mut files = tx.delete_twofactor_reset_images(id).await.unwrap();
    files.sort();
    assert_eq!(files, ["a.bin", "b.bin"]);
    tx.commit().await.unwrap();
    let mut tx = store.read().await.unwrap();
    assert!(tx.twofactor_reset_images(id).await.unwrap().is_empty());
    assert!(tx
        .twofactor_resets_to_purge(201, 10)
        .await
        .unwrap()
        .is_empty());
}

async fn desk_search_with_a_filter_finds_an_old_match_behind_many_new_ones(store: Arc<dyn Store>) {
    use keydesk_store::DeskSearch;
    // More new hits than a staff search ranks (the newest 2,000 of each kind on SQLite,
    // 1,000 of both on PostgreSQL).
    const NEWER: i64 = 4_100;
    let mut tx = store.begin().await.unwrap();
    let mut old = desk_request("old@example.com", "old", 10);
    old.subject = "二段階認証の解除 (2024)";
    old.category = "verification";
    let old = tx.insert_desk_request(&old).await.unwrap().unwrap();
    let keys: Vec<String> = (0..NEWER).map(|i| format!("new-{i}")).collect();
    for (i, key) in keys.iter().enumerate() {
        let mut new = desk_request("new@example.com", key, 100 + i as i64);
        new.subject = "二段階認証の解除";
        tx.insert_desk_request(&new).await.unwrap().unwrap();
    }
    tx.commit().await.unwrap();
    let mut tx = store.read().await.unwrap();
    let search = |text, category| DeskSearch {
        text,
        owner: None,
        status: None,
        category,
        assignee: AssigneeFilter::Any,
        created_from: None,
        created_to: None,
        limit: 50,
    };
    for text in ["二段階認証", "解除"] {
        let everything = tx.search_desk_requests(&search(text, None)).await.unwrap();
        assert_eq!(everything.len(), 50, "{text}");
        assert!(
            everything.iter().all(|r| r.id != old),
            "{text}: newest first"
        );
        let filtered = tx
            .search_desk_requests(&search(text, Some("verification")))
            .await
            .unwrap();
        assert_eq!(
            filtered.iter().map(|r| r.id).collect::<Vec<_>>(),
            [old],
            "{text}"
        );
    }
}

async fn desk_search_filters_follow_changes_and_reach_past_the_newest_texts(f: &Fixture) {
    use keydesk_domain::helpdesk::status::Status;
    use keydesk_store::DeskSearch;
    let agent = new_account(&f.store, "agent@example.com").await;
    let mut tx = f.store.begin().await.unwrap();
    let mut old = desk_request("old@example.com", "old", 10);
    old.subject = "二段階認証の解除";
    let old = tx.insert_desk_request(&old).await.unwrap().unwrap();
    tx.commit().await.unwrap();
    let mut tx = f.store.begin().await.unwrap();
    let keys: Vec<String> = (0..20).map(|i| format!("new-{i}")).collect();
    for (i, key) in keys.iter().enumerate() {
        let mut new = desk_request("new@example.com", key, 100 + i as i64);
        new.subject = "二段階認証の解除";
        tx.insert_desk_request(&new).await.unwrap().unwrap();
    }
    // The old request changes status, category and assignee after its text was indexed,
    // and gets a message after that.
    assert!(tx
        .update_desk_request(&DeskRequestUpdate {
            id: old,
            seen_version: 1,
            status: Status::Open,
            status_since: 200,
            priority: Priority::Normal,
            assignee_id: Some(agent),
            category: "verification",
            now: 200,
        })
        .await
        .unwrap());
    tx.insert_desk_message(&NewDeskMessage {
        request_id: old,
        author_id: None,
        author: Author::Customer,
        public: true,
        body: "機種変更で認証アプリが消えました",
        now: 300,
    })
    .await
    .unwrap();
    tx.commit().await.unwrap();
    if f.store.backend() == Backend::Postgres {
        // More texts, newer than those, than a filtered search walks (30,000) before it
        // asks the index for the older hits.
        f.unchecked(
            "INSERT INTO desk_search (request_id, public, body) \
             SELECT (SELECT max(id) FROM desk_requests), 1, 'filler' \
             FROM generate_series(1, 30001)",
        )
        .await;
    }

    let search = |text| DeskSearch {
        text,
        owner: None,
        status: None,
        category: None,
        assignee: AssigneeFilter::Any,
        created_from: None,
        created_to: None,
        limit: 50,
    };
    let mut tx = f.store.read().await.unwrap();
    let mut ids = async |q: DeskSearch<'_>| {
        let mut found: Vec<i64> = tx
            .search_desk_requests(&q)
            .await
            .unwrap()
            .iter()
            .map(|r| r.id)
            .collect();
        found.sort_unstable();
        found
    };
    for text in ["二段階認証", "解除"] {
        let category = |category| DeskSearch {
            category: Some(category),
            ..search(text)
        };
        assert_eq!(ids(category("verification")).await, [old], "{text}");
        let others = ids(category("two-factor")).await;
        assert_eq!(others.len(), 20, "{text}");
        assert!(!others.contains(&old), "{text}");
        let status = |status| DeskSearch {
            status: Some(status),
            ..search(text)
        };
        assert_eq!(ids(status(Status::Open)).await, [old], "{text}");
        assert_eq!(ids(status(Status::New)).await, others, "{text}");
        let assignee = |assignee| DeskSearch {
            assignee,
            ..search(text)
        };
        assert_eq!(
            ids(assignee(AssigneeFilter::Agent(agent))).await,
            [old],
            "{text}"
        );
        assert_eq!(
            ids(assignee(AssigneeFilter::Nobody)).await,
            others,
            "{text}"
        );
        // A date filter as well.
        let dated = DeskSearch {
            created_to: Some(50),
            ..category("verification")
        };
        assert_eq!(ids(dated).await, [old], "{text}");
    }
    // The message written after the change carries it too.
    let message = DeskSearch {
        category: Some("verification"),
        status: Some(Status::Open),
        ..search("認証アプリ")
    };
    assert_eq!(ids(message).await, [old]);
}

async fn desk_search_finds_japanese_substrings_within_what_the_reader_may_see(
    store: Arc<dyn Store>,
) {
    use keydesk_store::DeskSearch;
    let owner = new_account(&store, "searcher@example.com").await;
    let mut tx = store.begin().await.unwrap();
    let mut mine = desk_request("searcher@example.com", "s1", 10);
    mine.account_id = Some(owner);
    mine.subject = "二段階認証の解除をお願いします";
    let mine = tx.insert_desk_request(&mine).await.unwrap().unwrap();
    let mut other = desk_request("other@example.com", "s2", 11);
    other.subject = "Deposit missing";
    other.category = "deposits-withdrawals";
    let other = tx.insert_desk_request(&other).await.unwrap().unwrap();
    let mut unconfirmed = desk_request("visitor@example.com", "s3", 12);
    unconfirmed.subject = "二段階認証が使えません";
    unconfirmed.confirmed = false;
    unconfirmed.confirm_token_hash = Some("h");
    tx.insert_desk_request(&unconfirmed).await.unwrap().unwrap();
    for (request, public, body) in [
        (other, true, "My 2FA code says 二段階認証 failed, 100% sure"),
        (
            mine,
            false,
            "internal: customer verified by phone (secret-note)",
        ),
        (mine, true, "We reset it."),
        (mine, true, "GRÜSSE AUS MÜNCHEN, Straße 1"),
        (other, true, "取引ＩＤ：ＴＸ１２"),
        (other, true, "電車でスマホを紛失"),
    ] {
        tx.insert_desk_message(&NewDeskMessage {
            request_id: request,
            author_id: None,
            author: Author::System,
            public,
            body,
            now: 20,
        })
        .await
        .unwrap();
    }
    tx.commit().await.unwrap();

    let search = |text| DeskSearch {
        text,
        owner: None,
        status: None,
        category: None,
        assignee: AssigneeFilter::Any,
        created_from: None,
        created_to: None,
        limit: 10,
    };
    let ids = |found: Vec<DeskRequest>| found.iter().map(|r| r.id).collect::<Vec<_>>();
    let mut tx = store.read().await.unwrap();
    // A substring of Japanese without spaces; the unconfirmed visitor's is not queued.
    let found = ids(tx
        .search_desk_requests(&search("二段階認証"))
        .await
        .unwrap());
    assert_eq!(found.len(), 2, "{found:?}");
    assert!(found.contains(&mine) && found.contains(&other));
    // Latin letters in any case; wildcards as typed.
    assert_eq!(
        ids(tx
            .search_desk_requests(&search("deposit MISSING"))
            .await
            .unwrap()),
        [other]
    );
    assert_eq!(
        ids(tx.search_desk_requests(&search("100%")).await.unwrap()),
        [other]
    );
    assert!(tx
        .search_desk_requests(&search("10_%"))
        .await
        .unwrap()
        .is_empty());
    // Two characters still find (without the index's help).
    assert_eq!(
        ids(tx.search_desk_requests(&search("解除")).await.unwrap()),
        [mine]
    );
    // ...in a message too ("We reset it."), as in a subject ("Deposit").
    let mut found = ids(tx.search_desk_requests(&search("It")).await.unwrap());
    found.sort_unstable();
    assert_eq!(found, [mine, other]);
    // Two characters at the very end of a text; two with a symbol in them.
    assert_eq!(
        ids(tx.search_desk_requests(&search("紛失")).await.unwrap()),
        [other]
    );
    assert_eq!(
        ids(tx.search_desk_requests(&search("t.")).await.unwrap()),
        [mine]
    );
    assert!(tx
        .search_desk_requests(&search("失し"))
        .await
        .unwrap()
        .is_empty());
    // Every letter in any case, through an index or not, for staff and customer alike.
    for text in ["münchen", "ü", "ẞ"] {
        assert_eq!(
            ids(tx.search_desk_requests(&search(text)).await.unwrap()),
            [mine],
            "{text}"
        );
    }
    // Full-width Latin letters, as a Japanese keyboard types them, in either case.
    for text in ["取引ｉｄ", "ｉｄ", "ｔ"] {
        assert_eq!(
            ids(tx.search_desk_requests(&search(text)).await.unwrap()),
            [other],
            "{text}"
        );
    }
    // Staff find internal notes; a customer finds only their own public texts.
    assert_eq!(
        ids(tx
            .search_desk_requests(&search("secret-note"))
            .await
            .unwrap()),
        [mine]
    );
    let as_owner = |text| DeskSearch {
        owner: Some(owner),
        ..search(text)
    };
    assert!(tx
        .search_desk_requests(&as_owner("secret-note"))
        .await
        .unwrap()
        .is_empty());
    assert_eq!(
        ids(tx
            .search_desk_requests(&as_owner("二段階認証"))
            .await
            .unwrap()),
        [mine]
    );
    assert_eq!(
        ids(tx.search_desk_requests(&as_owner("münchen")).await.unwrap()),
        [mine]
    );
    // ...by two characters and one too, never in another's request.
    assert_eq!(
        ids(tx.search_desk_requests(&as_owner("解除")).await.unwrap()),
        [mine]
    );
    assert_eq!(
        ids(tx.search_desk_requests(&as_owner("It")).await.unwrap()),
        [mine]
    );
    assert!(tx
        .search_desk_requests(&as_owner("紛失"))
        .await
        .unwrap()
        .is_empty());
    assert_eq!(
        ids(tx.search_desk_requests(&as_owner("解")).await.unwrap()),
        [mine]
    );
    // Filters.
    let in_category = DeskSearch {
        category: Some("deposits-withdrawals"),
        ..search("二段階認証")
    };
    assert_eq!(
        ids(tx.search_desk_requests(&in_category).await.unwrap()),
        [other]
    );
    let later = DeskSearch {
        created_from: Some(11),
        ..search("二段階認証")
    };
    assert_eq!(ids(tx.search_desk_requests(&later).await.unwrap()), [other]);
    let earlier = DeskSearch {
        created_to: Some(11),
        status: Some(keydesk_domain::helpdesk::status::Status::New),
        assignee: AssigneeFilter::Nobody,
        ..search("二段階認証")
    };
    assert_eq!(
        ids(tx.search_desk_requests(&earlier).await.unwrap()),
        [mine]
    );
    let assigned = DeskSearch {
        assignee: AssigneeFilter::Agent(owner),
        ..search("二段階認証")
    };
    assert!(tx.search_desk_requests(&assigned).await.unwrap().is_empty());
    drop(tx);
    // A deleted request's texts go with it.
    let mut tx = store.begin().await.unwrap();
    tx.delete_unconfirmed_desk_requests(1000).await.unwrap();
    tx.commit().await.unwrap();
}
