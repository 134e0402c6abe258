//! How well the quote stripping holds on mail clients' styles, scored the way the photo
//! pre-check is: styles the rules were written against (TUNED) and styles kept out of
//! that work and only ever scored (HELD_OUT; a style added later goes here first). Each
//! style writes every customer reply below over one quoted history; a case passes when
//! `strip` leaves exactly the customer's own words. The figures are in BENCHMARKS.md;
//! the asserts hold them, so a change that loses ground fails here.
//!
//! Run `cargo test -p keydesk-domain --test quote_styles -- --nocapture` for the report.
use keydesk_domain::helpdesk::mail_in::quotes::strip;

/// What customers write (their own words, as they should come out).
const REPLIES: [&str; 8] = [
    "Thanks, it works now.",
    "I still cannot log in.\nThe code is refused every time.",
    "ありがとうございます。解決しました。",
    "まだログインできません。\n認証コードが毎回拒否されます。",
    "Attached the transfer slip from 1 December.",
    "2026年12月1日に振り込みました。明細を添付します。",
    "OK",
    "Which app should I use?\n\nI have an Android phone.",
];

const QUOTED: &str = "> Your request has been received.\n> Our support staff will reply soon.";
const PLAIN_QUOTED: &str = "Your request has been received.\nOur support staff will reply soon.";

type Style = (&'static str, fn(&str) -> String);

/// The styles the rules were written for.
const TUNED: [Style; 14] = [
    ("gmail-en", |r| {
        format!("{r}\n\nOn Tue, Dec 1, 2026 at 10:00 AM keydesk <support@keydesk.example> wrote:\n{QUOTED}\n")
    }),
    ("gmail-ja", |r| {
        format!("{r}\n\n2026年12月1日(火) 10:00 keydesk <support@keydesk.example>:\n{QUOTED}\n")
    }),
    ("gmail-en-wrapped", |r| {
        format!("{r}\n\nOn Tue, Dec 1, 2026 at 10:00 AM keydesk <support@keydesk.example>\nwrote:\n{QUOTED}")
    }),
    ("outlook-original-message", |r| {
        format!("{r}\n\n-----Original Message-----\nFrom: keydesk <support@keydesk.example>\nSent: Tuesday, December 1, 2026 10:00 AM\n\n{PLAIN_QUOTED}")
    }),
    ("outlook-ja-rule", |r| {
        format!("{r}\n\n________________________________\n差出人: keydesk <support@keydesk.example>\n送信日時: 2026年12月1日 10:00\n\n{PLAIN_QUOTED}")
    }),
    ("outlook-headers", |r| {
        format!("{r}\r\n\r\nFrom: keydesk <support@keydesk.example>\r\nSent: Tuesday, December 1, 2026 10:00 AM\r\nTo: me\r\n\r\n{PLAIN_QUOTED}")
    }),
    ("apple-mail-en", |r| {
        format!(
            "{r}\n\nOn 1 Dec 2026, at 10:00, keydesk <support@keydesk.example> wrote:\n\n{QUOTED}"
        )
    }),
    ("apple-mail-ja", |r| {
        format!("{r}\n\n2026/12/01 10:00、keydesk <support@keydesk.example>のメール:\n\n{QUOTED}")
    }),
    ("thunderbird-ja", |r| {
        format!("{r}\n\nkeydesk さんは書きました:\n{QUOTED}")
    }),
    ("signature", |r| {
        format!("{r}\n-- \nHanako Yamada\n090-1234-5678")
    }),
    // Held out when the split was first made (67 % held-out then); the rules for
    // phones' "sent from" lines, short dash separators and ruled signature boxes were
    // written from their failures, so they count as tuned since.
    ("ios-mail-en", |r| {
        format!("{r}\n\nSent from my iPhone\n\n> On Dec 1, 2026, at 10:00, keydesk <support@keydesk.example> wrote:\n>\n{QUOTED}")
    }),
    ("ios-mail-ja", |r| {
        format!("{r}\n\niPhoneから送信\n\n> 2026/12/01 10:00、keydesk <support@keydesk.example>のメール:\n>\n{QUOTED}")
    }),
    ("carrier-mail", |r| {
        format!("{r}\n\n--- Original Message ---\nFrom: support@keydesk.example\nDate: 2026/12/01 10:00\n\n{PLAIN_QUOTED}")
    }),
    ("jp-business-signature", |r| {
        format!("{r}\n\n━━━━━━━━━━━━━━━━\n山田 花子\nTEL: 090-1234-5678\n━━━━━━━━━━━━━━━━")
    }),
];

/// Styles never looked at while writing the rules: scored only.
const HELD_OUT: [Style; 17] = [
    ("yahoo-japan", |r| {
        format!("{r}\n\n----- Original Message -----\nFrom: keydesk <support@keydesk.example>\nTo: hanako@example.jp\nDate: 2026/12/1, Tue 10:00\nSubject: [#1042]\n\n{PLAIN_QUOTED}")
    }),
    ("outlook-mac", |r| {
        format!("{r}\n\nFrom: keydesk <support@keydesk.example>\nDate: Tuesday, 1 December 2026 at 10:00\nTo: Hanako <hanako@example.com>\nSubject: [#1042]\n\n{PLAIN_QUOTED}")
    }),
    ("thunderbird-en", |r| {
        format!("{r}\n\nOn 12/1/2026 10:00 AM, keydesk wrote:\n{QUOTED}")
    }),
    ("spark", |r| {
        format!("{r}\n\nOn 1 Dec 2026 at 10:00 +0900, keydesk <support@keydesk.example>, wrote:\n{QUOTED}")
    }),
    ("becky", |r| {
        format!("{r}\n\nOn Tue, 01 Dec 2026 10:00:00 +0900\nkeydesk <support@keydesk.example> wrote:\n{QUOTED}")
    }),
    ("gmail-ja-fullwidth-colon", |r| {
        format!("{r}\n\n2026年12月1日(火) 10:00 keydesk <support@keydesk.example>：\n{QUOTED}")
    }),
    ("outlook-web-ja", |r| {
        format!("{r}\n\n________________________________\n差出人: keydesk <support@keydesk.example>\n送信日時: 2026年12月1日 10:00\n宛先: hanako@example.jp\n件名: [#1042]\n\n{PLAIN_QUOTED}")
    }),
    ("fastmail", |r| {
        format!("{r}\n\nOn Tue, 1 Dec 2026, at 10:00, keydesk wrote:\n{QUOTED}")
    }),
    // Added after the first split, to be held out in its place.
    ("outlook-android", |r| {
        format!("{r}\n\nGet Outlook for Android\n________________________________\nFrom: keydesk <support@keydesk.example>\nSent: Tuesday, December 1, 2026 10:00:00 AM\nTo: hanako@example.com\nSubject: [#1042]\n\n{PLAIN_QUOTED}")
    }),
    ("outlook-ios-ja", |r| {
        format!("{r}\n\niOS 版 Outlook を入手\n________________________________\n差出人: keydesk <support@keydesk.example>\n送信日時: Tuesday, December 1, 2026 10:00:00 AM\n\n{PLAIN_QUOTED}")
    }),
    ("gmail-en-gb", |r| {
        format!("{r}\n\nOn Tue, 1 Dec 2026 at 10:00, keydesk <support@keydesk.example> wrote:\n{QUOTED}")
    }),
    ("signature-equals", |r| {
        format!("{r}\n\n==========\nHanako Yamada\nhanako@example.com")
    }),
    ("thunderbird-ja-dated", |r| {
        format!("{r}\n\n2026/12/01 10:00 に keydesk さんは書きました:\n{QUOTED}")
    }),
    ("yahoo-us-indented", |r| {
        format!("{r}\n\n    On Tuesday, December 1, 2026, 10:00:00 AM GMT+9, keydesk <support@keydesk.example> wrote:\n\n    Your request has been received.")
    }),
    ("au-mail", |r| {
        format!("{r}\n\n-------- 元のメッセージ --------\n差出人: keydesk\n日時: 2026/12/01 10:00\n\n{PLAIN_QUOTED}")
    }),
    ("android-gmail-ja", |r| {
        format!("{r}\n\n2026年12月1日(火) 10:00 keydesk <support@keydesk.example>:\n\n{QUOTED}")
    }),
    ("mobile-signature-en", |r| {
        format!("{r}\n\nSent from my Galaxy")
    }),
];

/// (cases passed, cases) of a style, and the first failure seen.
fn score(style: fn(&str) -> String) -> (usize, usize, Option<String>) {
    let mut passed = 0;
    let mut failure = None;
    for reply in REPLIES {
        let got = strip(&style(reply)).reply;
        if got == reply {
            passed += 1;
        } else if failure.is_none() {
            failure = Some(got);
        }
    }
    (passed, REPLIES.len(), failure)
}

fn report(name: &str, styles: &[Style]) -> f64 {
    let (mut passed, mut all) = (0, 0);
    println!("{name}:");
    for (style, write) in styles {
        let (p, n, failure) = score(*write);
        passed += p;
        all += n;
        match failure {
            None => println!("  {style:28} {p}/{n}"),
            Some(got) => println!("  {style:28} {p}/{n}  e.g. kept {got:?}"),
        }
    }
    let share = passed as f64 / all as f64;
    println!("  {:28} {passed}/{all} = {:.0} %", "all", share * 100.0);
    share
}

#[test]
fn quote_stripping_on_tuned_and_held_out_styles() {
    let tuned = report("tuned styles", &TUNED);
    let held_out = report("held-out styles", &HELD_OUT);
    assert_eq!(tuned, 1.0, "every tuned style is stripped exactly");
    // Held out: 67 % at the first split, 100 % on the second (BENCHMARKS.md); a change
    // that drops it below 90 % fails here.
    assert!(
        held_out >= 0.9,
        "held-out styles: {:.0} %",
        held_out * 100.0
    );
}
