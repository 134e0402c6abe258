//! `keydesk demo`: accounts to click through at once. Passwords are printed; the data
//! is for trying keydesk out, never for production.
use crate::clock::SystemClock;
use crate::config::Settings;
use crate::features::accounts::service as accounts;
use crate::features::twofactor::service::fresh_recovery_codes;
use crate::startup;
use keydesk_domain::identity::language::Language;
use keydesk_domain::identity::role::Role;
use keydesk_domain::twofactor::totp::TotpSecret;
use keydesk_store::models::{FactorStatus, NewAccount};
use std::sync::Arc;

const PASSWORD: &str = "demo-keydesk-2026";

pub async fn create(settings: Settings) -> anyhow::Result<()> {
    let state = startup::build_state(settings, Arc::new(SystemClock)).await?;
    let mut created = vec![];
    for (email, role) in [
        ("admin@demo.keydesk.test", Role::Admin),
        ("agent@demo.keydesk.test", Role::Agent),
    ] {
        match accounts::create_by_operator(&state, email, PASSWORD, role).await {
            Ok(_) => created.push(format!("{:<8} {email}", role.as_str())),
            Err(crate::error::AppError::Store(keydesk_store::StoreError::Conflict(_))) => {}
            Err(e) => anyhow::bail!("{e}"),
        }
    }
    let hash = state
        .hasher
        .hash(PASSWORD)
        .map_err(|e| anyhow::anyhow!("{e}"))?;
    let now = state.now();
    // (address, language, an authenticator already, recovery codes printed)
    for (email, lang, with_2fa, with_codes) in [
        ("hanako@demo.keydesk.test", Language::Ja, true, true),
        ("taro@demo.keydesk.test", Language::Ja, false, false),
        ("alice@demo.keydesk.test", Language::En, true, false),
    ] {
        // Hashed before the transaction, as enrollment does.
        let codes = if with_codes {
            Some(fresh_recovery_codes(&state).await?)
        } else {
            None
        };
        let mut tx = state.store.begin().await?;
        if tx.account_by_email(email).await?.is_some() {
            continue;
        }
        let id = tx
            .insert_account(&NewAccount {
                email,
                password_hash: &hash,
                language: lang,
                role: Role::Customer,
                email_verified_at: Some(now),
                now,
            })
            .await?;
        let mut line = format!("customer {email} ({})", lang.code());
        if with_2fa {
            let secret = TotpSecret::generate();
            let sealed = state.secrets.seal(secret.as_bytes(), &format!("totp:{id}"));
            tx.insert_factor(id, &sealed, FactorStatus::Active, now)
                .await?;
            line.push_str(&format!(
                " — TOTP secret {} ({})",
                secret.to_base32(),
                secret.otpauth_uri(&state.settings.issuer, email)
            ));
            if let Some((codes, hashes)) = &codes {
                tx.replace_recovery_codes(id, hashes, now).await?;
                let shown: Vec<String> = codes.iter().map(|c| c.display()).collect();
                line.push_str(&format!("\n      recovery codes: {}", shown.join(" ")));
            }
        } else {
            line.push_str(" — no 2FA yet: enrollment is forced at login");
        }
        tx.commit().await?;
        created.push(line);
    }
    if created.is_empty() {
        println!("the demo data set already exists");
    } else {
        println!("demo accounts (password for all: {PASSWORD}):");
        for line in created {
            println!("  {line}");
        }
        println!("staff accounts set up 2FA at their first login.");
        println!(
            "no phone at hand? a code for a TOTP secret: oathtool --totp -b SECRET \
             (Debian's oathtool)"
        );
    }
    Ok(())
}
