//! Help: reachable from every page and every mail, in the reader's language, with the
//! way out of each dead end.
use crate::helpers::*;

async fn help_is_one_click_away_everywhere(backend: Backend) {
    let app = TestApp::spawn_with(backend, |s| {
        s.support_email = Some("support@example.com".into());
    })
    .await;
    for (lang, heading) in [
        ("en", "I lost my phone"),
        ("ja", "スマートフォン（認証アプリ）を紛失した"),
    ] {
        let b = Browser::new(&app.base, lang);
        let login = b.get("/login").await;
        assert_eq!(login.attr("#nav-help", "href").as_deref(), Some("/help"));
        let help = b.get("/help").await;
        help.assert_ok();
        assert!(
            help.text("#lost-phone").unwrap().contains(heading),
            "{lang}"
        );
        assert_eq!(
            help.attr("#help a[href^=mailto]", "href").as_deref(),
            Some("mailto:support@example.com")
        );
    }
    // Every mail points to it instead of a support team it does not name.
    let (b, _, _) = app.enrolled_customer("help@example.com").await;
    assert!(b.get("/account").await.attr("#nav-help", "href").is_some());
    for mail in app.mails().await {
        assert!(mail.body_text.contains("/help"), "{}", mail.body_text);
        assert!(
            !mail.body_text.contains("contact our support team"),
            "{}",
            mail.body_text
        );
    }
}

on_both_backends!(help_is_one_click_away_everywhere);
