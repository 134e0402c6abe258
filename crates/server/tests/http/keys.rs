//! The key that seals TOTP secrets at rest: rotated and re-sealed while serving or
//! across a restart, from the command line, and shared by several instances.
use crate::helpers::*;
use keydesk_domain::twofactor::totp::TotpSecret;

/// Signs in with the password and a code of `secret`; true if it reached the account.
async fn signs_in_with_code(app: &TestApp, email: &str, secret: &TotpSecret) -> bool {
    let b = app.browser();
    let page = b.log_in(email, PASSWORD).await;
    assert_eq!(page.url, "/login/2fa");
    b.second_factor(&app.code(secret)).await.url == "/account"
}

async fn the_encryption_key_rotates_without_anyone_enrolling_again(backend: Backend) {
    use keydesk::keys;
    use std::os::unix::fs::PermissionsExt;
    let first = TestApp::spawn(backend).await;
    let email = "rotate@example.com";
    let (b, secret, _) = first.enrolled_customer(email).await;
    // A mail kept in the outbox and one still queued, both sealed under the old key.
    let kept_before = first.mails().await.len() as u64;
    b.post("/password/forgot", &[("email", email)])
        .await
        .assert_ok();
    first.running.stop();
    let dir = first.dir.path().to_path_buf();
    let key_before = std::fs::read_to_string(dir.join("secret.key")).unwrap();

    // A configured key is rotated in the configuration, not here.
    let configured = keydesk::config::Settings {
        data_dir: dir.clone(),
        security: keydesk::config::SecuritySettings {
            encryption_key: Some(keys::generate_hex().as_str().to_owned().into()),
            ..Default::default()
        },
        ..Default::default()
    };
    let err = keys::rotate_key_file(&configured)
        .err()
        .unwrap()
        .to_string();
    assert!(err.contains("security.encryption_key"), "{err}");

    let settings = keydesk::config::Settings {
        data_dir: dir.clone(),
        ..Default::default()
    };
    let rotated = keys::rotate_key_file(&settings).unwrap();
    assert_ne!(rotated.old, rotated.new);
    let key_after = std::fs::read_to_string(dir.join("secret.key")).unwrap();
    assert_ne!(key_after, key_before);
    let retired = std::fs::read_to_string(dir.join("secret.key.retired")).unwrap();
    assert_eq!(retired.trim(), key_before.trim());
    for file in ["secret.key", "secret.key.retired"] {
        let mode = std::fs::metadata(dir.join(file))
            .unwrap()
            .permissions()
            .mode();
        assert_eq!(mode & 0o777, 0o600, "{file}");
    }

    // Restarted on the new key: the secret sealed under the old one still opens.
    let second = first.restarted().await;
    assert_eq!(second.running.state.secrets.primary_key_id(), rotated.new);
    second.clock.advance(30);
    assert!(signs_in_with_code(&second, email, &secret).await);
    let report = keydesk::features::twofactor::service::reseal_secrets(&second.running.state)
        .await
        .unwrap();
    assert_eq!((report.resealed, report.current), (1, 0), "{report:?}");
    assert!(report.unreadable.is_empty());
    let again = keydesk::features::twofactor::service::reseal_secrets(&second.running.state)
        .await
        .unwrap();
    assert_eq!((again.resealed, again.current), (0, 1), "{again:?}");
    let state = &second.running.state;
    let jobs = keydesk::jobs::reseal_payloads(state).await.unwrap();
    assert_eq!((jobs.resealed, jobs.current), (1, 0), "{jobs:?}");
    let kept = keydesk::mail::outbox::reseal(state.store.as_ref(), &state.secrets)
        .await
        .unwrap();
    assert_eq!((kept.resealed, kept.current), (kept_before, 0), "{kept:?}");
    second.running.stop();

    // Without the old key at all, the re-sealed secret opens.
    std::fs::remove_file(dir.join("secret.key.retired")).unwrap();
    let third = first.restarted().await;
    assert!(third.running.state.secrets.retired_key_ids().is_empty());
    third.clock.advance(60);
    assert!(signs_in_with_code(&third, email, &secret).await);
    // The queued mail goes out and both kept mails open without the old key.
    let mails = third.mails().await;
    assert_eq!(
        mails.len() as u64,
        kept_before + 1,
        "the reset mail was delivered after the re-seal"
    );
    assert!(mails
        .iter()
        .any(|m| m.body_text.contains("/password/reset")));
}

async fn a_running_server_follows_a_rotated_key_file(backend: Backend) {
    use keydesk::keys;
    let app = TestApp::spawn(backend).await;
    let email = "follow@example.com";
    let (_, secret, _) = app.enrolled_customer(email).await;
    let old = app.running.state.secrets.primary_key_id();

    // The operator rotates and re-seals from the command line while the server runs.
    let settings = app.cli_settings();
    let rotated = keys::rotate_key_file(&settings).unwrap();
    assert_ne!(rotated.new, old);

    // A customer who enrolls right after the rotation gets a secret under the new key:
    // the server noticed the new key file before sealing.
    let (_, later, _) = app.enrolled_customer("later@example.com").await;
    assert_eq!(app.running.state.secrets.primary_key_id(), rotated.new);
    let cli = keydesk::startup::build_state(settings, app.clock.clone())
        .await
        .unwrap();
    let mut tx = cli.store.read().await.unwrap();
    let account = tx
        .account_by_email("later@example.com")
        .await
        .unwrap()
        .unwrap();
    let factor = tx
        .factor(account.id, keydesk_store::models::FactorStatus::Active)
        .await
        .unwrap()
        .unwrap();
    assert!(cli.secrets.is_current(&factor.secret_enc));
    drop(tx);

    // The operator re-seals from the command line while the server runs; the server
    // opens the re-sealed secret and signs the customer in.
    let report = keydesk::features::twofactor::service::reseal_secrets(&cli)
        .await
        .unwrap();
    assert_eq!((report.resealed, report.current), (1, 1), "{report:?}");
    app.next_step();
    assert!(signs_in_with_code(&app, email, &secret).await);

    // Rotated and re-sealed again with nothing sealed in between: the server first
    // meets the newest key in a secret it must open, and reads the key files then.
    let again = keys::rotate_key_file(&cli.settings).unwrap();
    let cli = keydesk::startup::build_state((*cli.settings).clone(), app.clock.clone())
        .await
        .unwrap();
    let report = keydesk::features::twofactor::service::reseal_secrets(&cli)
        .await
        .unwrap();
    assert_eq!(report.resealed, 2, "{report:?}");
    assert_eq!(app.running.state.secrets.primary_key_id(), rotated.new);
    app.next_step();
    assert!(signs_in_with_code(&app, email, &secret).await);
    assert_eq!(app.running.state.secrets.primary_key_id(), again.new);

    // So the old keys can go, and a restart finds everything it needs.
    std::fs::remove_file(app.dir.path().join("secret.key.retired")).unwrap();
    app.running.stop();
    let restarted = app.restarted().await;
    restarted.clock.advance(150);
    assert!(signs_in_with_code(&restarted, email, &secret).await);
    assert!(signs_in_with_code(&restarted, "later@example.com", &later).await);
}

/// Several instances share one key file (a mounted secret): it must exist (no instance
/// may make up a key of its own), and when it is rotated, an instance that has not
/// noticed yet opens what the others sealed under the new key.
async fn instances_sharing_a_key_file_follow_its_rotation(backend: Backend) {
    use keydesk::keys;
    use std::os::unix::fs::PermissionsExt;
    let secrets_dir = tempfile::tempdir().unwrap();
    let key_file = secrets_dir.path().join("keydesk.key");
    let data_dir = tempfile::tempdir().unwrap();
    let settings = keydesk::config::Settings {
        data_dir: data_dir.path().to_path_buf(),
        security: keydesk::config::SecuritySettings {
            encryption_key_file: Some(key_file.clone()),
            ..Default::default()
        },
        ..Default::default()
    };
    let clock = std::sync::Arc::new(keydesk::clock::OffsetClock::default());
    let missing = keydesk::startup::build_state(settings.clone(), clock.clone())
        .await
        .err()
        .expect("a missing key file stops start-up");
    assert!(
        format!("{missing:#}").contains("security.encryption_key_file"),
        "{missing:#}"
    );
    assert!(!key_file.exists() && !data_dir.path().join("secret.key").exists());

    // The error names the command that makes the file; it never overwrites a key.
    assert!(format!("{missing:#}").contains("keys generate --out"));
    let generate = || {
        std::process::Command::new(env!("CARGO_BIN_EXE_keydesk"))
            .args(["keys", "generate", "--out"])
            .arg(&key_file)
            .output()
            .unwrap()
    };
    let made = generate();
    assert!(made.status.success(), "{made:?}");
    let mode = std::fs::metadata(&key_file).unwrap().permissions().mode();
    assert_eq!(mode & 0o777, 0o600);
    let before = std::fs::read(&key_file).unwrap();
    assert!(!generate().status.success());
    assert_eq!(std::fs::read(&key_file).unwrap(), before);
    let configured = settings.clone();
    let app = TestApp::spawn_with(backend, move |s| {
        s.data_dir = configured.data_dir;
        s.security = configured.security;
    })
    .await;
    // The other instance, on the same database.
    let settings = keydesk::config::Settings {
        security: settings.security,
        ..app.cli_settings()
    };
    let other = keydesk::startup::build_state(settings.clone(), app.clock.clone())
        .await
        .unwrap();
    let (_, secret, _) = app.enrolled_customer("first@example.com").await;
    let old = app.running.state.secrets.primary_key_id();
    assert_eq!(other.secrets.primary_key_id(), old);
    assert!(!data_dir.path().join("secret.key").exists());

    let rotated = keys::rotate_key_file(&settings).unwrap();
    assert_eq!(rotated.key_file, key_file);
    assert_eq!(
        rotated.retired_file,
        secrets_dir.path().join("keydesk.key.retired")
    );
    let (_, later, _) = app.enrolled_customer("later@example.com").await;
    assert_eq!(app.running.state.secrets.primary_key_id(), rotated.new);

    // The other instance still holds the old key only; re-sealing makes it open the
    // secret sealed under the new one.
    assert_eq!(other.secrets.primary_key_id(), old);
    let report = keydesk::features::twofactor::service::reseal_secrets(&other)
        .await
        .unwrap();
    assert_eq!((report.resealed, report.current), (1, 1), "{report:?}");
    assert_eq!(other.secrets.primary_key_id(), rotated.new);
    app.next_step();
    assert!(signs_in_with_code(&app, "first@example.com", &secret).await);
    assert!(signs_in_with_code(&app, "later@example.com", &later).await);
}

/// The operator's commands, run as the binary on the serving deployment: `keys rotate`
/// replaces the key file, `keys reseal` re-seals every secret under the new key, and
/// then the retired key can go.
async fn keys_rotate_and_reseal_through_the_binary(backend: Backend) {
    let app = TestApp::spawn(backend).await;
    let email = "operator@example.com";
    let (_, secret, _) = app.enrolled_customer(email).await;
    let old = app.running.state.secrets.primary_key_id();
    let run = |args: &[&str]| {
        let out = app.command().args(args).output().unwrap();
        assert!(out.status.success(), "keydesk {args:?}: {out:?}");
        String::from_utf8(out.stdout).unwrap()
    };
    let rotated = run(&["keys", "rotate"]);
    assert!(rotated.contains("new key"), "{rotated}");
    assert!(app.dir.path().join("secret.key.retired").exists());
    let resealed = run(&["keys", "reseal"]);
    assert!(resealed.contains("1 secrets re-sealed"), "{resealed}");
    app.next_step();
    assert!(signs_in_with_code(&app, email, &secret).await);
    assert_ne!(app.running.state.secrets.primary_key_id(), old);

    std::fs::remove_file(app.dir.path().join("secret.key.retired")).unwrap();
    let again = run(&["keys", "reseal"]);
    assert!(
        again.contains("0 secrets re-sealed, 1 already under it"),
        "{again}"
    );
    app.running.stop();
    let restarted = app.restarted().await;
    restarted.clock.advance(60);
    assert!(signs_in_with_code(&restarted, email, &secret).await);
}

/// The data directory (database, key file, photos) and the SQLite files in it are the
/// owner's alone: they hold password hashes and sealed secrets (they were 0644).
async fn the_data_directory_and_database_are_private(backend: Backend) {
    use std::os::unix::fs::PermissionsExt;
    let app = TestApp::spawn(backend).await;
    app.enrolled_customer("private@example.com").await;
    let mode = |path: std::path::PathBuf| {
        std::fs::metadata(&path)
            .unwrap_or_else(|e| panic!("{}: {e}", path.display()))
            .permissions()
            .mode()
            & 0o777
    };
    let dir = app.dir.path();
    assert_eq!(mode(dir.to_path_buf()), 0o700);
    assert_eq!(mode(dir.join("secret.key")), 0o600);
    if backend == Backend::Sqlite {
        for file in ["keydesk.sqlite", "keydesk.sqlite-wal", "keydesk.sqlite-shm"] {
            assert_eq!(mode(dir.join(file)), 0o600, "{file}");
        }
    }
}

on_both_backends!(
    the_encryption_key_rotates_without_anyone_enrolling_again,
    a_running_server_follows_a_rotated_key_file,
    instances_sharing_a_key_file_follow_its_rotation,
    keys_rotate_and_reseal_through_the_binary,
    the_data_directory_and_database_are_private,
);
