//! The repository implementations, written once in portable SQL and stamped out for
//! each backend's transaction type. `$row_lock` / `$skip_locked` carry the only
//! differences (PostgreSQL's row locks; SQLite has a single writer and needs none).
/// A session by its id, with its account and its count of active factors,
/// in one statement ([`crate::Store::session_view`] runs it without a transaction).
pub(crate) const SESSION_VIEW_SQL: &str = "SELECT \
     s.id AS s_id, s.token_hash AS s_token_hash, s.account_id AS s_account_id, s.kind AS s_kind, \
     s.created_at AS s_created_at, s.last_seen_at AS s_last_seen_at, s.expires_at AS s_expires_at, \
     s.mfa_verified_at AS s_mfa_verified_at, s.ip AS s_ip, s.user_agent AS s_user_agent, \
     a.id AS a_id, a.email AS a_email, a.password_hash AS a_password_hash, \
     a.email_verified_at AS a_email_verified_at, a.language AS a_language, a.role AS a_role, \
     a.created_at AS a_created_at, a.password_changed_at AS a_password_changed_at, \
     (SELECT COUNT(*) FROM totp_factors f WHERE f.account_id = a.id AND f.status = 'active') AS active_factors \
     FROM sessions s JOIN accounts a ON a.id = s.account_id WHERE s.id = $1";

macro_rules! impl_repos {
    ($tx:ident, row_lock = $row_lock:literal, skip_locked = $skip_locked:literal, lock_buckets = $lock_buckets:literal) => {
    mod repo_impls {
        use super::$tx;
        use crate::models::*;
        use crate::{AccountRepo, AuditRepo, EmailTokenRepo, FactorRepo, JobRepo, PhotoRepo, SessionRepo, StoreResult, ThrottleRepo};
        use super::db;
        use async_trait::async_trait;
        use keydesk_domain::throttle::ThrottleState;

        const ACCOUNT_COLUMNS: &str =
            "id, email, password_hash, email_verified_at, language, role, created_at, password_changed_at";
        const SESSION_COLUMNS: &str =
            "id, token_hash, account_id, kind, created_at, last_seen_at, expires_at, mfa_verified_at, ip, user_agent";
        const AUDIT_COLUMNS: &str = "id, account_id, actor_id, kind, ip, user_agent, detail, created_at";

        #[async_trait]
        impl AccountRepo for $tx {
            async fn insert_account(&mut self, new: &NewAccount<'_>) -> StoreResult<i64> {
                let id = db::query_scalar(
                    "INSERT INTO accounts (email, password_hash, email_verified_at, language, role, created_at, password_changed_at) \
                     VALUES ($1, $2, $3, $4, $5, $6, $6) RETURNING id",
                )
                .bind(new.email)
                .bind(new.password_hash)
                .bind(new.email_verified_at)
                .bind(new.language)
                .bind(new.role)
                .bind(new.now)
                .fetch_one(&mut *self.tx)
                .await?;
                Ok(id)
            }

            async fn account_by_id(&mut self, id: i64) -> StoreResult<Option<Account>> {
                Ok(db::query_as(&format!("SELECT {ACCOUNT_COLUMNS} FROM accounts WHERE id = $1"))
                    .bind(id)
                    .fetch_optional(&mut *self.tx)
                    .await?)
            }

            async fn account_by_email(&mut self, email: &str) -> StoreResult<Option<Account>> {
                Ok(db::query_as(&format!("SELECT {ACCOUNT_COLUMNS} FROM accounts WHERE email = $1"))
                    .bind(email)
                    .fetch_optional(&mut *self.tx)
                    .await?)
            }

            async fn set_email_verified(&mut self, id: i64, now: i64) -> StoreResult<()> {
                db::query("UPDATE accounts SET email_verified_at = $2 WHERE id = $1 AND email_verified_at IS NULL")
                    .bind(id)
                    .bind(now)
                    .execute(&mut *self.tx)
                    .await?;
                Ok(())
            }

            async fn set_password_hash(&mut self, id: i64, hash: &str, now: i64) -> StoreResult<()> {
                db::query("UPDATE accounts SET password_hash = $2, password_changed_at = $3 WHERE id = $1")
                    .bind(id)
                    .bind(hash)
                    .bind(now)
                    .execute(&mut *self.tx)
                    .await?;
                Ok(())
            }

            async fn set_language(&mut self, id: i64, language: &str) -> StoreResult<()> {
                db::query("UPDATE accounts SET language = $2 WHERE id = $1")
                    .bind(id)
                    .bind(language)
                    .execute(&mut *self.tx)
                    .await?;
                Ok(())
            }

            async fn set_role(&mut self, id: i64, role: &str) -> StoreResult<()> {
                db::query("UPDATE accounts SET role = $2 WHERE id = $1")
                    .bind(id)
                    .bind(role)
                    .execute(&mut *self.tx)
                    .await?;
                Ok(())
            }

            async fn list_accounts(&mut self, limit: i64) -> StoreResult<Vec<Account>> {
                Ok(db::query_as(&format!("SELECT {ACCOUNT_COLUMNS} FROM accounts ORDER BY id LIMIT $1"))
                    .bind(limit)
                    .fetch_all(&mut *self.tx)
                    .await?)
            }
        }

        #[async_trait]
        impl FactorRepo for $tx {
            async fn insert_factor(&mut self, account_id: i64, secret_enc: &[u8], status: FactorStatus, now: i64) -> StoreResult<i64> {
                Ok(db::query_scalar(
                    "INSERT INTO totp_factors (account_id, secret_enc, status, created_at, activated_at) \
                     VALUES ($1, $2, $3, $4, CASE WHEN $3 = 'active' THEN $4 END) RETURNING id",
                )
                .bind(account_id)
                .bind(secret_enc)
                .bind(status.as_str())
                .bind(now)
                .fetch_one(&mut *self.tx)
                .await?)
            }

            async fn factor(&mut self, account_id: i64, status: FactorStatus) -> StoreResult<Option<TotpFactor>> {
                // The status is part of the SQL text, not a parameter: a bound value that
                // the planner peeks at to pick a partial index makes SQLite prepare the
                // statement again each time it is bound (measured: 8 % of a login step).
                let sql = match status {
                    FactorStatus::Active => "SELECT id, account_id, secret_enc, status, last_step, created_at, activated_at \
                         FROM totp_factors WHERE account_id = $1 AND status = 'active'",
                    FactorStatus::Pending => "SELECT id, account_id, secret_enc, status, last_step, created_at, activated_at \
                         FROM totp_factors WHERE account_id = $1 AND status = 'pending'",
                };
                Ok(db::query_as(sql)
                    .bind(account_id)
                    .fetch_optional(&mut *self.tx)
                    .await?)
            }

            async fn delete_factor(&mut self, account_id: i64, status: FactorStatus) -> StoreResult<()> {
                let sql = match status {
                    FactorStatus::Active => "DELETE FROM totp_factors WHERE account_id = $1 AND status = 'active'",
                    FactorStatus::Pending => "DELETE FROM totp_factors WHERE account_id = $1 AND status = 'pending'",
                };
                db::query(sql)
                    .bind(account_id)
                    .execute(&mut *self.tx)
                    .await?;
                Ok(())
            }

            async fn activate_factor(&mut self, factor_id: i64, last_step: i64, now: i64) -> StoreResult<()> {
                db::query(
                    "UPDATE totp_factors SET status = 'active', last_step = $2, activated_at = $3 \
                     WHERE id = $1 AND status = 'pending'",
                )
                .bind(factor_id)
                .bind(last_step)
                .bind(now)
                .execute(&mut *self.tx)
                .await?;
                Ok(())
            }

            async fn advance_factor_step(&mut self, factor_id: i64, step: i64) -> StoreResult<bool> {
                let done = db::query(
                    "UPDATE totp_factors SET last_step = $2 WHERE id = $1 AND (last_step IS NULL OR last_step < $2)",
                )
                .bind(factor_id)
                .bind(step)
                .execute(&mut *self.tx)
                .await?;
                Ok(done.rows_affected() == 1)
            }

            async fn factors_after(&mut self, after_id: i64, limit: i64) -> StoreResult<Vec<TotpFactor>> {
                Ok(db::query_as(
                    "SELECT id, account_id, secret_enc, status, last_step, created_at, activated_at \
                     FROM totp_factors WHERE id > $1 ORDER BY id LIMIT $2",
                )
                .bind(after_id)
                .bind(limit)
                .fetch_all(&mut *self.tx)
                .await?)
            }

            async fn reseal_factor(&mut self, factor_id: i64, old: &[u8], new: &[u8]) -> StoreResult<bool> {
                let done = db::query("UPDATE totp_factors SET secret_enc = $3 WHERE id = $1 AND secret_enc = $2")
                    .bind(factor_id)
                    .bind(old)
                    .bind(new)
                    .execute(&mut *self.tx)
                    .await?;
                Ok(done.rows_affected() == 1)
            }

            async fn replace_recovery_codes(&mut self, account_id: i64, hashes: &[String], now: i64) -> StoreResult<()> {
                self.delete_recovery_codes(account_id).await?;
                for hash in hashes {
                    db::query("INSERT INTO recovery_codes (account_id, code_hash, created_at) VALUES ($1, $2, $3)")
                        .bind(account_id)
                        .bind(hash)
                        .bind(now)
                        .execute(&mut *self.tx)
                        .await?;
                }
                Ok(())
            }

            async fn unused_recovery_codes(&mut self, account_id: i64) -> StoreResult<Vec<RecoveryCodeRow>> {
                Ok(db::query_as(
                    "SELECT id, account_id, code_hash, created_at, used_at FROM recovery_codes \
                     WHERE account_id = $1 AND used_at IS NULL ORDER BY id",
                )
                .bind(account_id)
                .fetch_all(&mut *self.tx)
                .await?)
            }

            async fn mark_recovery_code_used(&mut self, id: i64, now: i64) -> StoreResult<bool> {
                let done = db::query("UPDATE recovery_codes SET used_at = $2 WHERE id = $1 AND used_at IS NULL")
                    .bind(id)
                    .bind(now)
                    .execute(&mut *self.tx)
                    .await?;
                Ok(done.rows_affected() == 1)
            }

            async fn delete_recovery_codes(&mut self, account_id: i64) -> StoreResult<()> {
                db::query("DELETE FROM recovery_codes WHERE account_id = $1")
                    .bind(account_id)
                    .execute(&mut *self.tx)
                    .await?;
                Ok(())
            }
        }

        #[async_trait]
        impl SessionRepo for $tx {
            async fn insert_session(&mut self, id: i64, new: &NewSession<'_>) -> StoreResult<bool> {
                let done = db::query(
                    "INSERT INTO sessions (id, token_hash, account_id, kind, created_at, last_seen_at, expires_at, mfa_verified_at, ip, user_agent) \
                     VALUES ($1, $2, $3, $4, $5, $5, $6, $7, $8, $9) ON CONFLICT (id) DO NOTHING",
                )
                .bind(id)
                .bind(new.token_hash)
                .bind(new.account_id)
                .bind(new.kind.as_str())
                .bind(new.now)
                .bind(new.expires_at)
                .bind(new.mfa_verified_at)
                .bind(new.ip)
                .bind(new.user_agent)
                .execute(&mut *self.tx)
                .await?;
                Ok(done.rows_affected() == 1)
            }

            async fn session(&mut self, id: i64) -> StoreResult<Option<Session>> {
                Ok(db::query_as(&format!("SELECT {SESSION_COLUMNS} FROM sessions WHERE id = $1"))
                    .bind(id)
                    .fetch_optional(&mut *self.tx)
                    .await?)
            }

            async fn session_view(&mut self, id: i64) -> StoreResult<Option<SessionView>> {
                let row: Option<SessionViewRow> = db::query_as(crate::repos::SESSION_VIEW_SQL)
                    .bind(id)
                    .fetch_optional(&mut *self.tx)
                    .await?;
                Ok(row.map(SessionView::from))
            }

            async fn touch_session(&mut self, id: i64, now: i64, expires_at: i64) -> StoreResult<()> {
                db::query("UPDATE sessions SET last_seen_at = $2, expires_at = $3 WHERE id = $1")
                    .bind(id)
                    .bind(now)
                    .bind(expires_at)
                    .execute(&mut *self.tx)
                    .await?;
                Ok(())
            }

            async fn rotate_session_token(&mut self, id: i64, new: &NewSession<'_>) -> StoreResult<bool> {
                let done = db::query(
                    "UPDATE sessions SET token_hash = $2, kind = $3, created_at = $4, last_seen_at = $4, \
                     expires_at = $5, mfa_verified_at = $6, ip = $7, user_agent = $8 \
                     WHERE id = $1 AND account_id = $9",
                )
                .bind(id)
                .bind(new.token_hash)
                .bind(new.kind.as_str())
                .bind(new.now)
                .bind(new.expires_at)
                .bind(new.mfa_verified_at)
                .bind(new.ip)
                .bind(new.user_agent)
                .bind(new.account_id)
                .execute(&mut *self.tx)
                .await?;
                Ok(done.rows_affected() == 1)
            }

            async fn delete_session(&mut self, id: i64) -> StoreResult<()> {
                db::query("DELETE FROM sessions WHERE id = $1").bind(id).execute(&mut *self.tx).await?;
                Ok(())
            }

            async fn delete_session_of_account(&mut self, account_id: i64, id: i64) -> StoreResult<bool> {
                let done = db::query("DELETE FROM sessions WHERE id = $1 AND account_id = $2")
                    .bind(id)
                    .bind(account_id)
                    .execute(&mut *self.tx)
                    .await?;
                Ok(done.rows_affected() == 1)
            }

            async fn delete_sessions_of_account(&mut self, account_id: i64, keep: Option<i64>) -> StoreResult<u64> {
                let done = db::query("DELETE FROM sessions WHERE account_id = $1 AND id <> $2")
                    .bind(account_id)
                    .bind(keep.unwrap_or(-1))
                    .execute(&mut *self.tx)
                    .await?;
                Ok(done.rows_affected())
            }

            async fn sessions_of_account(&mut self, account_id: i64) -> StoreResult<Vec<Session>> {
                Ok(db::query_as(&format!(
                    "SELECT {SESSION_COLUMNS} FROM sessions WHERE account_id = $1 ORDER BY last_seen_at DESC"
                ))
                .bind(account_id)
                .fetch_all(&mut *self.tx)
                .await?)
            }

            async fn delete_expired_sessions(&mut self, now: i64) -> StoreResult<u64> {
                let done = db::query("DELETE FROM sessions WHERE expires_at <= $1").bind(now).execute(&mut *self.tx).await?;
                Ok(done.rows_affected())
            }
        }

        #[async_trait]
        impl EmailTokenRepo for $tx {
            async fn insert_email_token(&mut self, token_hash: &str, account_id: i64, purpose: TokenPurpose, now: i64, expires_at: i64) -> StoreResult<()> {
                db::query(
                    "INSERT INTO email_tokens (token_hash, account_id, purpose, created_at, expires_at) VALUES ($1, $2, $3, $4, $5)",
                )
                .bind(token_hash)
                .bind(account_id)
                .bind(purpose.as_str())
                .bind(now)
                .bind(expires_at)
                .execute(&mut *self.tx)
                .await?;
                Ok(())
            }

            async fn email_token(&mut self, token_hash: &str) -> StoreResult<Option<EmailToken>> {
                Ok(db::query_as(
                    "SELECT token_hash, account_id, purpose, created_at, expires_at, used_at FROM email_tokens WHERE token_hash = $1",
                )
                .bind(token_hash)
                .fetch_optional(&mut *self.tx)
                .await?)
            }

            async fn mark_email_token_used(&mut self, token_hash: &str, now: i64) -> StoreResult<bool> {
                let done = db::query("UPDATE email_tokens SET used_at = $2 WHERE token_hash = $1 AND used_at IS NULL")
                    .bind(token_hash)
                    .bind(now)
                    .execute(&mut *self.tx)
                    .await?;
                Ok(done.rows_affected() == 1)
            }

            async fn revoke_email_tokens(&mut self, account_id: i64, purpose: TokenPurpose, now: i64) -> StoreResult<()> {
                db::query("UPDATE email_tokens SET used_at = $3 WHERE account_id = $1 AND purpose = $2 AND used_at IS NULL")
                    .bind(account_id)
                    .bind(purpose.as_str())
                    .bind(now)
                    .execute(&mut *self.tx)
                    .await?;
                Ok(())
            }
        }

        #[async_trait]
        impl ThrottleRepo for $tx {
            async fn throttles_for_update(&mut self, keys: &[&str], now: i64) -> StoreResult<Vec<ThrottleState>> {
                if keys.is_empty() {
                    return Ok(Vec::new());
                }
                let sql = if $lock_buckets {
                    // Creates missing buckets and returns them all. The no-op DO UPDATE
                    // (DO NOTHING returns no row for an existing bucket) takes the row
                    // locks until the transaction ends, also on rows that did not exist.
                    let values = (0..keys.len()).map(|i| format!("(${}, $1)", i + 2)).collect::<Vec<_>>().join(", ");
                    format!(
                        "INSERT INTO throttles (key, updated_at) VALUES {values} \
                         ON CONFLICT (key) DO UPDATE SET key = excluded.key \
                         RETURNING key, failures, locks, next_allowed_at, locked_until, last_failure_at"
                    )
                } else {
                    // A single writer: reading is as good as locking, and a clean
                    // bucket costs no write.
                    let list = (0..keys.len()).map(|i| format!("${}", i + 1)).collect::<Vec<_>>().join(", ");
                    format!(
                        "SELECT key, failures, locks, next_allowed_at, locked_until, last_failure_at \
                         FROM throttles WHERE key IN ({list})"
                    )
                };
                let mut query = db::query_as(&sql);
                if $lock_buckets {
                    query = query.bind(now);
                }
                for key in keys {
                    query = query.bind(*key);
                }
                let rows: Vec<ThrottleRow> = query.fetch_all(&mut *self.tx).await?;
                Ok(keys
                    .iter()
                    .map(|key| {
                        rows.iter()
                            .find(|r| r.key == *key)
                            .map(|r| ThrottleState::from(r.clone()))
                            .unwrap_or_default()
                    })
                    .collect())
            }

            async fn save_throttles(&mut self, buckets: &[(&str, ThrottleState)], now: i64) -> StoreResult<()> {
                if buckets.is_empty() {
                    return Ok(());
                }
                let mut sql = String::from(
                    "INSERT INTO throttles (key, failures, locks, next_allowed_at, locked_until, last_failure_at, updated_at) VALUES ",
                );
                for i in 0..buckets.len() {
                    let b = i * 6;
                    if i > 0 {
                        sql.push_str(", ");
                    }
                    sql.push_str(&format!(
                        "(${}, ${}, ${}, ${}, ${}, ${}, $1)",
                        b + 2, b + 3, b + 4, b + 5, b + 6, b + 7
                    ));
                }
                sql.push_str(
                    " ON CONFLICT (key) DO UPDATE SET \
                     failures = excluded.failures, locks = excluded.locks, next_allowed_at = excluded.next_allowed_at, \
                     locked_until = excluded.locked_until, last_failure_at = excluded.last_failure_at, \
                     updated_at = excluded.updated_at",
                );
                let mut query = db::query(&sql).bind(now);
                for (key, state) in buckets {
                    query = query
                        .bind(*key)
                        .bind(state.failures as i64)
                        .bind(state.locks as i64)
                        .bind(state.next_allowed_at)
                        .bind(state.locked_until)
                        .bind(state.last_failure_at);
                }
                query.execute(&mut *self.tx).await?;
                Ok(())
            }

            async fn save_throttle(&mut self, key: &str, state: &ThrottleState, now: i64) -> StoreResult<()> {
                db::query(
                    "INSERT INTO throttles (key, failures, locks, next_allowed_at, locked_until, last_failure_at, updated_at) \
                     VALUES ($1, $2, $3, $4, $5, $6, $7) ON CONFLICT (key) DO UPDATE SET \
                     failures = excluded.failures, locks = excluded.locks, next_allowed_at = excluded.next_allowed_at, \
                     locked_until = excluded.locked_until, last_failure_at = excluded.last_failure_at, \
                     updated_at = excluded.updated_at",
                )
                .bind(key)
                .bind(state.failures as i64)
                .bind(state.locks as i64)
                .bind(state.next_allowed_at)
                .bind(state.locked_until)
                .bind(state.last_failure_at)
                .bind(now)
                .execute(&mut *self.tx)
                .await?;
                Ok(())
            }
        }

        #[async_trait]
        impl AuditRepo for $tx {
            async fn insert_audit(&mut self, e: &NewAuditEvent<'_>) -> StoreResult<()> {
                // No RETURNING: nobody needs the id, and on SQLite it cost ~3 µs an event.
                db::query(
                    "INSERT INTO audit_events (account_id, actor_id, kind, ip, user_agent, detail, created_at) \
                     VALUES ($1, $2, $3, $4, $5, $6, $7)",
                )
                .bind(e.account_id)
                .bind(e.actor_id)
                .bind(e.kind)
                .bind(e.ip)
                .bind(e.user_agent)
                .bind(&e.detail)
                .bind(e.now)
                .execute(&mut *self.tx)
                .await?;
                Ok(())
            }

            async fn audit_of_account(&mut self, account_id: i64, limit: i64) -> StoreResult<Vec<AuditEvent>> {
                Ok(db::query_as(&format!(
                    "SELECT {AUDIT_COLUMNS} FROM audit_events WHERE account_id = $1 ORDER BY id DESC LIMIT $2"
                ))
                .bind(account_id)
                .bind(limit)
                .fetch_all(&mut *self.tx)
                .await?)
            }

            async fn recent_audit(&mut self, limit: i64) -> StoreResult<Vec<AuditEvent>> {
                Ok(db::query_as(&format!("SELECT {AUDIT_COLUMNS} FROM audit_events ORDER BY id DESC LIMIT $1"))
                    .bind(limit)
                    .fetch_all(&mut *self.tx)
                    .await?)
            }
        }

        const PHOTO_COLUMNS: &str = "id, account_id, kind, file_name, sha256, findings, blocking, created_at";

        #[async_trait]
        impl PhotoRepo for $tx {
            async fn record_photo_check(&mut self, account_id: i64, kind: &str, blocking: bool, now: i64) -> StoreResult<()> {
                db::query("INSERT INTO photo_checks (account_id, kind, blocking, created_at) VALUES ($1, $2, $3, $4)")
                    .bind(account_id)
                    .bind(kind)
                    .bind(blocking as i64)
                    .bind(now)
                    .execute(&mut *self.tx)
                    .await?;
                Ok(())
            }

            async fn blocked_photo_checks(&mut self, account_id: i64, kind: &str, since: i64) -> StoreResult<i64> {
                Ok(db::query_scalar(
                    "SELECT COUNT(*) FROM photo_checks WHERE account_id = $1 AND kind = $2 AND blocking = 1 AND created_at >= $3",
                )
                .bind(account_id)
                .bind(kind)
                .bind(since)
                .fetch_one(&mut *self.tx)
                .await?)
            }

            async fn insert_photo_submission(&mut self, n: &NewPhotoSubmission<'_>) -> StoreResult<i64> {
                Ok(db::query_scalar(
                    "INSERT INTO photo_submissions (account_id, kind, file_name, sha256, findings, blocking, created_at) \
                     VALUES ($1, $2, $3, $4, $5, $6, $7) RETURNING id",
                )
                .bind(n.account_id)
                .bind(n.kind)
                .bind(n.file_name)
                .bind(n.sha256)
                .bind(n.findings)
                .bind(n.blocking as i64)
                .bind(n.now)
                .fetch_one(&mut *self.tx)
                .await?)
            }

            async fn photo_submission(&mut self, id: i64) -> StoreResult<Option<PhotoSubmission>> {
                Ok(db::query_as(&format!("SELECT {PHOTO_COLUMNS} FROM photo_submissions WHERE id = $1"))
                    .bind(id)
                    .fetch_optional(&mut *self.tx)
                    .await?)
            }

            async fn photo_submissions_of_account(&mut self, account_id: i64) -> StoreResult<Vec<PhotoSubmission>> {
                Ok(db::query_as(&format!(
                    "SELECT {PHOTO_COLUMNS} FROM photo_submissions WHERE account_id = $1 ORDER BY id DESC"
                ))
                .bind(account_id)
                .fetch_all(&mut *self.tx)
                .await?)
            }

            async fn recent_photo_submissions(&mut self, limit: i64) -> StoreResult<Vec<PhotoSubmission>> {
                Ok(db::query_as(&format!("SELECT {PHOTO_COLUMNS} FROM photo_submissions ORDER BY id DESC LIMIT $1"))
                    .bind(limit)
                    .fetch_all(&mut *self.tx)
                    .await?)
            }

            async fn photo_file_known(&mut self, file_name: &str) -> StoreResult<bool> {
                let n: i64 = db::query_scalar("SELECT COUNT(*) FROM photo_submissions WHERE file_name = $1")
                    .bind(file_name)
                    .fetch_one(&mut *self.tx)
                    .await?;
                Ok(n > 0)
            }
        }

        #[async_trait]
        impl JobRepo for $tx {
            async fn enqueue_job(&mut self, kind: &str, payload: &str, run_at: i64, now: i64) -> StoreResult<i64> {
                Ok(db::query_scalar("INSERT INTO jobs (kind, payload, run_at, created_at) VALUES ($1, $2, $3, $4) RETURNING id")
                    .bind(kind)
                    .bind(payload)
                    .bind(run_at)
                    .bind(now)
                    .fetch_one(&mut *self.tx)
                    .await?)
            }

            async fn claim_jobs(&mut self, now: i64, lease: i64, limit: i64) -> StoreResult<Vec<Job>> {
                Ok(db::query_as(concat!(
                    "UPDATE jobs SET locked_until = $2, attempts = attempts + 1 WHERE id IN (",
                    "SELECT id FROM jobs WHERE done_at IS NULL AND dead_at IS NULL AND run_at <= $1 ",
                    "AND (locked_until IS NULL OR locked_until <= $1) ORDER BY run_at, id LIMIT $3 ",
                    $skip_locked,
                    ") RETURNING id, kind, payload, run_at, attempts, last_error"
                ))
                .bind(now)
                .bind(now + lease)
                .bind(limit)
                .fetch_all(&mut *self.tx)
                .await?)
            }

            async fn complete_job(&mut self, id: i64, now: i64) -> StoreResult<()> {
                db::query("UPDATE jobs SET done_at = $2, locked_until = NULL WHERE id = $1")
                    .bind(id)
                    .bind(now)
                    .execute(&mut *self.tx)
                    .await?;
                Ok(())
            }

            async fn fail_job(&mut self, id: i64, error: &str, retry_at: Option<i64>, now: i64) -> StoreResult<()> {
                db::query(
                    "UPDATE jobs SET last_error = $2, locked_until = NULL, run_at = COALESCE($3, run_at), \
                     dead_at = CASE WHEN $3 IS NULL THEN $4 END WHERE id = $1",
                )
                .bind(id)
                .bind(error)
                .bind(retry_at)
                .bind(now)
                .execute(&mut *self.tx)
                .await?;
                Ok(())
            }

            async fn pending_job_count(&mut self) -> StoreResult<i64> {
                Ok(db::query_scalar("SELECT COUNT(*) FROM jobs WHERE done_at IS NULL AND dead_at IS NULL")
                    .fetch_one(&mut *self.tx)
                    .await?)
            }

            async fn insert_outbox_mail(&mut self, m: &NewOutboxMail<'_>) -> StoreResult<i64> {
                Ok(db::query_scalar(
                    "INSERT INTO outbox_mails (to_addr, subject, body_text, body_html, created_at) VALUES ($1, $2, $3, $4, $5) RETURNING id",
                )
                .bind(m.to_addr)
                .bind(m.subject)
                .bind(m.body_text)
                .bind(m.body_html)
                .bind(m.now)
                .fetch_one(&mut *self.tx)
                .await?)
            }

            async fn outbox_mails(&mut self, limit: i64) -> StoreResult<Vec<OutboxMail>> {
                Ok(db::query_as(
                    "SELECT id, to_addr, subject, body_text, body_html, created_at FROM outbox_mails ORDER BY id DESC LIMIT $1",
                )
                .bind(limit)
                .fetch_all(&mut *self.tx)
                .await?)
            }

            async fn outbox_mail(&mut self, id: i64) -> StoreResult<Option<OutboxMail>> {
                Ok(db::query_as(
                    "SELECT id, to_addr, subject, body_text, body_html, created_at FROM outbox_mails WHERE id = $1",
                )
                .bind(id)
                .fetch_optional(&mut *self.tx)
                .await?)
            }
        }
    }
    };
}

pub(crate) use impl_repos;
