//! Mail that no person wrote to us: auto-replies and out-of-office notices (RFC 3834's
//! `Auto-Submitted`, and the headers common responders set instead), bulk and list mail,
//! and delivery status notifications (bounces). Such mail is recorded but never
//! answered and never reopens a request: answering it is how mail loops start.

/// What kind of mail no person wrote.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Automatic {
    /// An auto-reply or out-of-office notice.
    AutoReply,
    /// Bulk, junk or list mail.
    Bulk,
    /// A delivery status notification: the address we wrote to is failing.
    Bounce,
}

/// How a mail was sent, by its headers (`name`, `value`; names in any case) and its
/// sender address.
pub fn classify<'a>(
    headers: impl IntoIterator<Item = (&'a str, &'a str)>,
    from: &str,
) -> Option<Automatic> {
    let mut found = None;
    for (name, value) in headers {
        let value = value.trim().to_ascii_lowercase();
        match name.to_ascii_lowercase().as_str() {
            "content-type"
                if value.starts_with("multipart/report") && value.contains("delivery-status") =>
            {
                return Some(Automatic::Bounce)
            }
            "auto-submitted" if value != "no" => found = Some(Automatic::AutoReply),
            "x-autoreply" | "x-autorespond" | "x-auto-response-suppress" | "x-autoreply-from" => {
                found = Some(Automatic::AutoReply)
            }
            "precedence" if matches!(value.as_str(), "bulk" | "junk" | "list" | "auto_reply") => {
                found = found.or(Some(if value == "auto_reply" {
                    Automatic::AutoReply
                } else {
                    Automatic::Bulk
                }))
            }
            "list-id" | "list-unsubscribe" => found = found.or(Some(Automatic::Bulk)),
            _ => {}
        }
    }
    let local = from.split('@').next().unwrap_or("").to_ascii_lowercase();
    if found.is_none() && matches!(local.as_str(), "mailer-daemon" | "postmaster") {
        return Some(Automatic::Bounce);
    }
    found
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn responders_lists_and_bounces_are_told_from_people() {
        let person = [
            ("Subject", "Re: [#1042] lost phone"),
            ("Auto-Submitted", "no"),
        ];
        assert_eq!(classify(person, "hanako@example.com"), None);
        assert_eq!(
            classify([("Auto-Submitted", "auto-replied")], "a@example.com"),
            Some(Automatic::AutoReply)
        );
        // Exchange's out-of-office sets this instead of Auto-Submitted.
        assert_eq!(
            classify([("X-Auto-Response-Suppress", "All")], "a@example.com"),
            Some(Automatic::AutoReply)
        );
        assert_eq!(
            classify([("X-Autoreply", "yes")], "a@example.com"),
            Some(Automatic::AutoReply)
        );
        assert_eq!(
            classify([("Precedence", "bulk")], "news@example.com"),
            Some(Automatic::Bulk)
        );
        assert_eq!(
            classify([("List-Id", "<x.example.com>")], "list@example.com"),
            Some(Automatic::Bulk)
        );
        assert_eq!(
            classify(
                [(
                    "Content-Type",
                    "multipart/report; report-type=delivery-status; boundary=x"
                )],
                "postmaster@example.com"
            ),
            Some(Automatic::Bounce)
        );
        assert_eq!(
            classify([], "MAILER-DAEMON@mx.example.com"),
            Some(Automatic::Bounce)
        );
    }
}
