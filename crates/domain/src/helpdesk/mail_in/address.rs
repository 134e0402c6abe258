//! How a reply names its request. Every desk mail's `Reply-To` is the support address
//! with the request's number and a reply token in its local part
//! (`support+1042.k3j9…@example.com`); the token is a MAC of the number under the
//! server's key (the caller computes it), so it cannot be guessed from the number. A
//! reply to that address, or one whose `In-Reply-To`/`References` carry the same token,
//! threads onto the request; the number alone in a subject does not.

/// The reply address for `number` with `token`, from the support address.
pub fn reply_to(support: &str, number: i64, token: &str) -> Option<String> {
    let (local, domain) = support.rsplit_once('@')?;
    let local = local.split('+').next().unwrap_or(local);
    Some(format!("{local}+{number}.{token}@{domain}"))
}

/// The number and token an address of ours carries, if it is one for `support`.
pub fn parse_reply_to(address: &str, support: &str) -> Option<(i64, String)> {
    let (local, domain) = address.trim().rsplit_once('@')?;
    let (s_local, s_domain) = support.rsplit_once('@')?;
    if !domain.eq_ignore_ascii_case(s_domain) {
        return None;
    }
    let (base, tag) = local.split_once('+')?;
    if !base.eq_ignore_ascii_case(s_local.split('+').next().unwrap_or(s_local)) {
        return None;
    }
    let (number, token) = tag.split_once('.')?;
    Some((number.parse().ok()?, token.to_owned()))
}

/// The message id of a request's mails: the request, the token, and one unique part.
pub fn message_id(number: i64, token: &str, unique: &str, host: &str) -> String {
    format!("<request-{number}.{token}.{unique}@{host}>")
}

/// The number and token a message id of ours carries.
pub fn parse_message_id(id: &str) -> Option<(i64, String)> {
    let inner = id.trim().trim_start_matches('<').trim_end_matches('>');
    let (local, _) = inner.split_once('@')?;
    let rest = local.strip_prefix("request-")?;
    let mut parts = rest.split('.');
    let number = parts.next()?.parse().ok()?;
    let token = parts.next()?.to_owned();
    Some((number, token))
}

/// The `#1042` / `[#1042]` / `【#1042】` a subject carries.
pub fn number_in_subject(subject: &str) -> Option<i64> {
    let at = subject.find('#')?;
    let digits: String = subject[at + 1..]
        .chars()
        .take_while(char::is_ascii_digit)
        .collect();
    digits.parse().ok()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_reply_address_carries_the_number_and_token_and_reads_back() {
        let a = reply_to("support@keydesk.example", 1042, "k3j9").unwrap();
        assert_eq!(a, "support+1042.k3j9@keydesk.example");
        assert_eq!(
            parse_reply_to(&a, "support@keydesk.example"),
            Some((1042, "k3j9".into()))
        );
        assert_eq!(
            parse_reply_to(
                "Support+1042.k3j9@KEYDESK.example",
                "support@keydesk.example"
            ),
            Some((1042, "k3j9".into()))
        );
        assert_eq!(
            parse_reply_to("support@keydesk.example", "support@keydesk.example"),
            None
        );
        assert_eq!(
            parse_reply_to("other+1042.k3j9@keydesk.example", "support@keydesk.example"),
            None
        );
        assert_eq!(
            parse_reply_to("support+1042.k3j9@evil.example", "support@keydesk.example"),
            None
        );
    }

    #[test]
    fn message_ids_and_subjects_name_their_request() {
        let id = message_id(1042, "k3j9", "u1", "keydesk.example");
        assert_eq!(parse_message_id(&id), Some((1042, "k3j9".into())));
        assert_eq!(parse_message_id("<abc@gmail.com>"), None);
        assert_eq!(number_in_subject("Re: [#1042] Lost phone"), Some(1042));
        assert_eq!(number_in_subject("Re: 【#1042】スマートフォン"), Some(1042));
        assert_eq!(number_in_subject("Hello"), None);
    }
}
