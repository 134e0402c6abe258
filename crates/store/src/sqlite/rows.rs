//! Rows decoded by column name, the way `sqlx::FromRow` decodes them on PostgreSQL.
//! A field added to a model and not here fails to compile.
use super::lite::FromRow;
use crate::models::*;
use rusqlite::types::FromSql;

/// The column called `name`, looked for first at `position`: queries select a model's
/// columns in its field order, and finding each name by scanning all the columns was
/// ~4 % of a TOTP step (the session view has 19).
fn column<T: FromSql>(row: &rusqlite::Row<'_>, position: usize, name: &str) -> rusqlite::Result<T> {
    if row.as_ref().column_name(position).is_ok_and(|n| n == name) {
        row.get(position)
    } else {
        row.get(name)
    }
}

macro_rules! from_row {
    ($($model:ident { $($field:ident),* $(,)? }),* $(,)?) => {
        $(
            impl FromRow for $model {
                #[allow(unused_assignments)]
                fn from_row(row: &rusqlite::Row<'_>) -> rusqlite::Result<Self> {
                    let mut position = 0;
                    Ok($model { $($field: {
                        let value = column(row, position, stringify!($field))?;
                        position += 1;
                        value
                    }),* })
                }
            }
        )*
    };
}

from_row!(
    Account {
        id,
        email,
        password_hash,
        email_verified_at,
        language,
        role,
        created_at,
        password_changed_at
    },
    TotpFactor {
        id,
        account_id,
        secret_enc,
        status,
        last_step,
        created_at,
        activated_at
    },
    RecoveryCodeRow {
        id,
        account_id,
        code_hash,
        created_at,
        used_at
    },
    Session {
        id,
        token_hash,
        account_id,
        kind,
        created_at,
        last_seen_at,
        expires_at,
        mfa_verified_at,
        ip,
        user_agent
    },
    SessionViewRow {
        s_id,
        s_token_hash,
        s_account_id,
        s_kind,
        s_created_at,
        s_last_seen_at,
        s_expires_at,
        s_mfa_verified_at,
        s_ip,
        s_user_agent,
        a_id,
        a_email,
        a_password_hash,
        a_email_verified_at,
        a_language,
        a_role,
        a_created_at,
        a_password_changed_at,
        active_factors,
    },
    EmailToken {
        token_hash,
        account_id,
        purpose,
        created_at,
        expires_at,
        used_at
    },
    ThrottleRow {
        key,
        failures,
        locks,
        next_allowed_at,
        locked_until,
        last_failure_at
    },
    AuditEvent {
        id,
        account_id,
        actor_id,
        kind,
        ip,
        user_agent,
        detail,
        created_at
    },
    Job {
        id,
        kind,
        payload,
        run_at,
        attempts,
        last_error
    },
    OutboxMail {
        id,
        to_addr,
        subject,
        body_text,
        body_html,
        created_at
    },
    PhotoSubmission {
        id,
        account_id,
        kind,
        file_name,
        sha256,
        findings,
        blocking,
        created_at
    },
);

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn columns_are_found_by_name_in_any_order() {
        let conn = rusqlite::Connection::open_in_memory().unwrap();
        let decode = |sql: &str| conn.query_row(sql, [], RecoveryCodeRow::from_row).unwrap();
        let in_order = decode(
            "SELECT 1 AS id, 2 AS account_id, 'h' AS code_hash, 3 AS created_at, NULL AS used_at",
        );
        let shuffled = decode(
            "SELECT NULL AS used_at, 'h' AS code_hash, 3 AS created_at, 2 AS account_id, 1 AS id",
        );
        for r in [in_order, shuffled] {
            assert_eq!(
                (
                    r.id,
                    r.account_id,
                    r.code_hash.as_str(),
                    r.created_at,
                    r.used_at
                ),
                (1, 2, "h", 3, None)
            );
        }
    }
}
