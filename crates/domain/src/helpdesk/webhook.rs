//! Webhook signatures: HMAC-SHA256 over `"{timestamp}.{body}"`, sent as
//! `Keydesk-Signature: t={timestamp},v1={hex}`. The receiver recomputes it and refuses a
//! timestamp outside its window, so a captured delivery cannot be replayed later.
use crate::UnixTime;
use hmac::{Hmac, Mac};
use sha2::Sha256;

/// How far a delivery's timestamp may be from the receiver's clock.
pub const REPLAY_WINDOW_SECONDS: i64 = 300;

/// The events a webhook may subscribe to. The names are stored and sent.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Event {
    RequestCreated,
    RequestUpdated,
    RequestSolved,
    /// A verification attempt was approved, refused or cleared.
    VerificationDecided,
    HoldAdded,
    /// Lifted by its agent, or run out (told by a timer at its end).
    HoldEnded,
    /// A 2FA reset was asked for, approved (its delay started), carried out or stopped:
    /// a push or SMS to the owner can carry the "this wasn't me" link it holds.
    TwofactorReset,
}

crate::stored::stored_names!(Event {
    RequestCreated => "request.created",
    RequestUpdated => "request.updated",
    RequestSolved => "request.solved",
    VerificationDecided => "verification.decided",
    HoldAdded => "hold.added",
    HoldEnded => "hold.ended",
    TwofactorReset => "twofactor_reset.changed",
});

fn mac(secret: &[u8], timestamp: UnixTime, body: &[u8]) -> Hmac<Sha256> {
    // HMAC takes a key of any length.
    let mut mac = <Hmac<Sha256> as Mac>::new_from_slice(secret)
        .unwrap_or_else(|_| unreachable!("HMAC accepts any key length"));
    mac.update(timestamp.to_string().as_bytes());
    mac.update(b".");
    mac.update(body);
    mac
}

/// The `Keydesk-Signature` header's value.
pub fn sign(secret: &[u8], timestamp: UnixTime, body: &[u8]) -> String {
    let tag = mac(secret, timestamp, body).finalize().into_bytes();
    format!("t={timestamp},v1={}", data_encoding::HEXLOWER.encode(&tag))
}

/// Whether a received header is this body's signature, made within the window.
pub fn verify(secret: &[u8], header: &str, body: &[u8], now: UnixTime) -> bool {
    let mut timestamp = None;
    let mut tag = None;
    for part in header.split(',') {
        match part.trim().split_once('=') {
            Some(("t", t)) => timestamp = t.parse::<i64>().ok(),
            Some(("v1", v)) => tag = data_encoding::HEXLOWER.decode(v.as_bytes()).ok(),
            _ => {}
        }
    }
    let (Some(timestamp), Some(tag)) = (timestamp, tag) else {
        return false;
    };
    (now - timestamp).abs() <= REPLAY_WINDOW_SECONDS
        && mac(secret, timestamp, body).verify_slice(&tag).is_ok()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_signature_verifies_only_for_its_body_secret_and_window() {
        let header = sign(b"s3cret", 1_000, b"{\"a\":1}");
        assert!(header.starts_with("t=1000,v1="));
        assert!(verify(b"s3cret", &header, b"{\"a\":1}", 1_100));
        assert!(!verify(b"s3cret", &header, b"{\"a\":2}", 1_100));
        assert!(!verify(b"other", &header, b"{\"a\":1}", 1_100));
        assert!(!verify(b"s3cret", &header, b"{\"a\":1}", 1_000 + 301));
        assert!(!verify(b"s3cret", "t=1000", b"{\"a\":1}", 1_000));
    }
}
