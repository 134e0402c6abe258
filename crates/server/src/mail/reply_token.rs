//! A desk request's reply token: a MAC of its number under the server's key, carried in
//! the request's mails' `Message-ID`s and `Reply-To` (see
//! `keydesk_domain::helpdesk::mail_in::address`), so a reply names its request in a way
//! that cannot be made up from the number.
use crate::keys::Keyring;

const PURPOSE: &str = "desk-reply-token";

/// The token for request `number`.
pub fn reply_token(keys: &Keyring, number: i64) -> String {
    let mac = keys.current().mac(PURPOSE, &[&number.to_be_bytes()]);
    data_encoding::BASE32_NOPAD
        .encode(&mac[..10])
        .to_ascii_lowercase()
}

pub fn token_matches(keys: &Keyring, number: i64, token: &str) -> bool {
    let Ok(sent) = data_encoding::BASE32_NOPAD.decode(token.to_ascii_uppercase().as_bytes()) else {
        return false;
    };
    // Compared in constant time against the MAC's first ten bytes.
    let mac = keys.current().mac(PURPOSE, &[&number.to_be_bytes()]);
    sent.len() == 10 && subtle::ConstantTimeEq::ct_eq(&mac[..10], &sent[..]).into()
}
