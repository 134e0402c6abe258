use crate::i18n::I18n;
use askama::Template;
use fluent_bundle::FluentValue;
use keydesk_domain::identity::language::Language;

/// Every mail keydesk sends. Its Fluent ids are `mail-<id>-subject`, `mail-<id>-body`
/// and, for mails with a link, `mail-<id>-action`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum MailKind {
    VerifyEmail,
    SignUpExisting,
    PasswordReset,
    PasswordChanged,
    FactorAdded,
    FactorMoved,
    FactorRemoved,
    RecoveryCodeUsed,
    RecoveryCodesRegenerated,
    Locked,
    /// Locked after wrong codes: the password was right, which is worse.
    LockedSecondFactor,
    /// The desk's automatic reply: the request is received (`number`, `url`).
    DeskReceived,
    /// A signed-out visitor's request waits for their address to be confirmed: the link,
    /// and nothing the visitor typed (the desk relays no text for spammers).
    DeskConfirm,
    /// An agent's public reply (`reply`).
    DeskReply,
    DeskSolved,
    /// The request waits on the customer (`nth` reminder).
    DeskReminder,
    /// A verification attempt was refused: each reason and what to do (`reasons`).
    VerificationRefused,
    VerificationApproved,
    /// An agent cleared the case: its images are deleted, the customer may start again.
    VerificationCleared,
    /// A 2FA reset was asked for: when, from where, and "this wasn't me" (`url`).
    TwofactorResetRequested,
    /// Refused: each reason and what to do (`reasons`, `next`).
    TwofactorResetRefused,
    /// Approved: carried out at `ends` unless stopped (`url`).
    TwofactorResetApproved,
    /// Carried out: set up again at the next login; withdrawals held `until`.
    TwofactorResetDone,
    /// Stopped by "this wasn't me": the account is frozen.
    TwofactorResetStopped,
}

impl MailKind {
    fn id(self) -> &'static str {
        match self {
            MailKind::VerifyEmail => "verify",
            MailKind::SignUpExisting => "signup-existing",
            MailKind::PasswordReset => "password-reset",
            MailKind::PasswordChanged => "password-changed",
            MailKind::FactorAdded => "factor-added",
            MailKind::FactorMoved => "factor-moved",
            MailKind::FactorRemoved => "factor-removed",
            MailKind::RecoveryCodeUsed => "recovery-used",
            MailKind::RecoveryCodesRegenerated => "recovery-regenerated",
            MailKind::Locked => "locked",
            MailKind::LockedSecondFactor => "locked-second-factor",
            MailKind::DeskReceived => "desk-received",
            MailKind::DeskConfirm => "desk-confirm",
            MailKind::DeskReply => "desk-reply",
            MailKind::DeskSolved => "desk-solved",
            MailKind::DeskReminder => "desk-reminder",
            MailKind::VerificationRefused => "verification-refused",
            MailKind::VerificationApproved => "verification-approved",
            MailKind::VerificationCleared => "verification-cleared",
            MailKind::TwofactorResetRequested => "reset-requested",
            MailKind::TwofactorResetRefused => "reset-refused",
            MailKind::TwofactorResetApproved => "reset-approved",
            MailKind::TwofactorResetDone => "reset-done",
            MailKind::TwofactorResetStopped => "reset-stopped",
        }
    }

    /// A notice of a change to the account's security: it says when, from which device
    /// and address (the `when`, `device` and `ip` arguments), so an owner can tell their
    /// own change from someone else's. The lock mails say so in their own words.
    pub fn is_security_notice(self) -> bool {
        matches!(
            self,
            MailKind::PasswordChanged
                | MailKind::FactorAdded
                | MailKind::FactorMoved
                | MailKind::FactorRemoved
                | MailKind::RecoveryCodeUsed
                | MailKind::RecoveryCodesRegenerated
                | MailKind::TwofactorResetRequested
        )
    }

    fn has_action(self) -> bool {
        matches!(
            self,
            MailKind::VerifyEmail
                | MailKind::PasswordReset
                | MailKind::SignUpExisting
                | MailKind::DeskReceived
                | MailKind::DeskConfirm
                | MailKind::DeskReply
                | MailKind::DeskSolved
                | MailKind::DeskReminder
                | MailKind::VerificationRefused
                | MailKind::VerificationApproved
                | MailKind::VerificationCleared
                | MailKind::TwofactorResetRequested
                | MailKind::TwofactorResetRefused
                | MailKind::TwofactorResetApproved
                | MailKind::TwofactorResetDone
                | MailKind::TwofactorResetStopped
        )
    }

    /// Written by no person: such a mail says so (`Auto-Submitted`), and no
    /// auto-responder should answer it.
    pub fn is_automatic(self) -> bool {
        !matches!(self, MailKind::DeskReply)
    }

    pub const ALL: [MailKind; 24] = [
        MailKind::VerifyEmail,
        MailKind::SignUpExisting,
        MailKind::PasswordReset,
        MailKind::PasswordChanged,
        MailKind::FactorAdded,
        MailKind::FactorMoved,
        MailKind::FactorRemoved,
        MailKind::RecoveryCodeUsed,
        MailKind::RecoveryCodesRegenerated,
        MailKind::Locked,
        MailKind::LockedSecondFactor,
        MailKind::DeskReceived,
        MailKind::DeskConfirm,
        MailKind::DeskReply,
        MailKind::DeskSolved,
        MailKind::DeskReminder,
        MailKind::VerificationRefused,
        MailKind::VerificationApproved,
        MailKind::VerificationCleared,
        MailKind::TwofactorResetRequested,
        MailKind::TwofactorResetRefused,
        MailKind::TwofactorResetApproved,
        MailKind::TwofactorResetDone,
        MailKind::TwofactorResetStopped,
    ];
}

pub struct ComposedMail {
    pub subject: String,
    pub text: String,
    pub html: String,
}

#[derive(Template)]
#[template(path = "mail/mail.txt")]
struct MailText<'a> {
    greeting: &'a str,
    paragraphs: &'a [String],
    action: Option<(&'a str, &'a str)>,
    footer: &'a str,
}

#[derive(Template)]
#[template(path = "mail/mail.html")]
struct MailHtml<'a> {
    lang: &'a str,
    subject: &'a str,
    /// The same parts as the text alternative.
    m: &'a MailText<'a>,
}

/// Who sends the mails: the name in them, and the help page every mail points to.
pub struct Sender<'a> {
    pub issuer: &'a str,
    pub help_url: &'a str,
}

/// `args` fill the Fluent placeables; an `url` argument becomes the mail's button.
pub fn compose(
    i18n: &I18n,
    lang: Language,
    kind: MailKind,
    args: &[(&str, String)],
    sender: &Sender<'_>,
) -> ComposedMail {
    let mut fargs: Vec<(&str, FluentValue<'_>)> = args
        .iter()
        .map(|(k, v)| (*k, FluentValue::from(v.as_str())))
        .collect();
    fargs.push(("issuer", FluentValue::from(sender.issuer)));
    fargs.push(("help_url", FluentValue::from(sender.help_url)));
    let id = kind.id();
    let subject = i18n.t_args(lang, &format!("mail-{id}-subject"), &fargs);
    let body = i18n.t_args(lang, &format!("mail-{id}-body"), &fargs);
    let mut paragraphs: Vec<String> = body
        .split("\n\n")
        .map(|p| p.trim().to_owned())
        .filter(|p| !p.is_empty())
        .collect();
    if kind.is_security_notice() {
        paragraphs.push(i18n.t_args(lang, "mail-when-where", &fargs));
    }
    let action_label = kind
        .has_action()
        .then(|| i18n.t_args(lang, &format!("mail-{id}-action"), &fargs));
    let url = args
        .iter()
        .find(|(k, _)| *k == "url")
        .map(|(_, v)| v.as_str());
    let action = action_label.as_deref().zip(url);
    let greeting = i18n.t(lang, "mail-greeting");
    let footer = i18n.t_args(lang, "mail-footer", &fargs);
    let parts = MailText {
        greeting: &greeting,
        paragraphs: &paragraphs,
        action,
        footer: &footer,
    };
    let text = parts.render().unwrap_or_default();
    let html = MailHtml {
        lang: lang.code(),
        subject: &subject,
        m: &parts,
    }
    .render()
    .unwrap_or_default();
    ComposedMail {
        subject,
        text,
        html,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_mail_exists_in_both_languages() {
        let i18n = I18n::load().unwrap();
        for kind in MailKind::ALL {
            for lang in Language::ALL {
                let id = kind.id();
                for part in ["subject", "body"] {
                    assert!(
                        i18n.has(lang, &format!("mail-{id}-{part}")),
                        "{lang:?} mail-{id}-{part}"
                    );
                }
                if kind.has_action() {
                    assert!(
                        i18n.has(lang, &format!("mail-{id}-action")),
                        "{lang:?} mail-{id}-action"
                    );
                }
            }
        }
    }

    /// Every mail reads whole in both languages: every placeable filled, a greeting, the
    /// help link in the footer, and a security notice's when and where.
    #[test]
    fn every_mail_reads_whole_in_both_languages() {
        let i18n = I18n::load().unwrap();
        let args: Vec<(&str, String)> = [
            ("url", "https://k.test/link?token=t"),
            ("remaining", "9"),
            ("minutes", "15"),
            ("until", "2026-12-02 10:15 UTC"),
            ("ip", "203.0.113.9"),
            ("device", "Safari on iPhone"),
            ("when", "2026-12-02 10:00 UTC"),
            ("number", "1042"),
            ("reply", "Thank you."),
            ("days", "4"),
            (
                "rating",
                "https://k.test/requests/1042/rating?solve=1&token=t",
            ),
            ("reasons", "- The document has expired."),
            ("next", "Send new photos."),
            ("ends", "2026-12-03 10:00 UTC"),
        ]
        .iter()
        .map(|(k, v)| (*k, (*v).to_owned()))
        .collect();
        let sender = Sender {
            issuer: "keydesk",
            help_url: "https://k.test/help",
        };
        for kind in MailKind::ALL {
            for lang in Language::ALL {
                let m = compose(&i18n, lang, kind, &args, &sender);
                for text in [&m.subject, &m.text] {
                    assert!(
                        !text.contains('{') && !text.contains("???"),
                        "{lang:?} {kind:?}: {text}"
                    );
                }
                assert!(m.text.contains("https://k.test/help"), "{lang:?} {kind:?}");
                if kind.is_security_notice() {
                    assert!(
                        m.text.contains("203.0.113.9") && m.text.contains("Safari on iPhone"),
                        "{lang:?} {kind:?}: {}",
                        m.text
                    );
                }
                if lang == Language::Ja {
                    assert!(m.subject.starts_with('【'), "{kind:?}: {}", m.subject);
                }
            }
        }
    }

    #[test]
    fn html_is_escaped_and_link_present() {
        let i18n = I18n::load().unwrap();
        let m = compose(
            &i18n,
            Language::Ja,
            MailKind::VerifyEmail,
            &[("url", "https://x.test/verify?t=<a>".into())],
            &Sender {
                issuer: "keydesk",
                help_url: "https://x.test/help",
            },
        );
        assert!(
            m.text.contains("https://x.test/help"),
            "every mail points to help"
        );
        assert!(
            m.html.contains("https://x.test/verify?t=&#60;a&#62;") || m.html.contains("&lt;a&gt;"),
            "{}",
            m.html
        );
        assert!(m.text.contains("https://x.test/verify?t=<a>"));
        assert!(!m.subject.is_empty());
    }
}
