//! The client's address, for throttling and the audit trail. Behind a reverse proxy
//! the TCP peer is the proxy: every customer would share one address bucket, and one
//! guesser would lock them all out. So the peer is replaced by what trusted proxies
//! say in `X-Forwarded-For` — read from the right, because each proxy appends the
//! address it saw, while everything to the left of the first trusted hop is whatever
//! the client chose to send.
use axum::http::HeaderMap;
use ipnet::IpNet;
use std::net::{IpAddr, SocketAddr};

pub fn client_ip(peer: IpAddr, headers: &HeaderMap, trusted: &[IpNet]) -> IpAddr {
    let peer = peer.to_canonical();
    let is_trusted = |ip: &IpAddr| trusted.iter().any(|net| net.contains(ip));
    if !is_trusted(&peer) {
        return peer;
    }
    let mut client = peer;
    // Several headers are one list, in order (RFC 9110 §5.3).
    for value in headers.get_all("x-forwarded-for").iter().rev() {
        let Ok(list) = value.to_str() else {
            return client;
        };
        for hop in list.rsplit(',') {
            // Garbage ends the chain at the last hop a trusted proxy vouched for.
            let Some(ip) = parse_hop(hop.trim()) else {
                return client;
            };
            client = ip;
            if !is_trusted(&ip) {
                return ip;
            }
        }
    }
    client
}

/// An address as proxies write it: bare, or with a port (`192.0.2.1:4711`,
/// `[2001:db8::1]:4711`).
fn parse_hop(hop: &str) -> Option<IpAddr> {
    hop.parse::<IpAddr>()
        .or_else(|_| hop.parse::<SocketAddr>().map(|s| s.ip()))
        .ok()
        .map(|ip| ip.to_canonical())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn nets(list: &[&str]) -> Vec<IpNet> {
        list.iter().map(|s| s.parse().unwrap()).collect()
    }

    fn headers(values: &[&str]) -> HeaderMap {
        let mut h = HeaderMap::new();
        for v in values {
            h.append("x-forwarded-for", v.parse().unwrap());
        }
        h
    }

    fn ip(s: &str) -> IpAddr {
        s.parse().unwrap()
    }

    #[test]
    fn an_untrusted_peer_is_the_client_whatever_it_claims() {
        let h = headers(&["198.51.100.7"]);
        assert_eq!(client_ip(ip("203.0.113.9"), &h, &[]), ip("203.0.113.9"));
        assert_eq!(
            client_ip(ip("203.0.113.9"), &h, &nets(&["10.0.0.0/8"])),
            ip("203.0.113.9")
        );
    }

    #[test]
    fn a_trusted_proxy_names_the_client() {
        let trusted = nets(&["10.0.0.0/8"]);
        let h = headers(&["198.51.100.7"]);
        assert_eq!(client_ip(ip("10.1.2.3"), &h, &trusted), ip("198.51.100.7"));
        // No header: the proxy itself is all there is.
        assert_eq!(
            client_ip(ip("10.1.2.3"), &HeaderMap::new(), &trusted),
            ip("10.1.2.3")
        );
    }

    #[test]
    fn the_left_part_is_the_clients_own_claim_and_is_not_believed() {
        let trusted = nets(&["10.0.0.0/8", "127.0.0.1/32"]);
        // Client sent "1.1.1.1"; the edge proxy appended the real peer 198.51.100.7,
        // an inner proxy appended the edge's address 10.0.0.5.
        let h = headers(&["1.1.1.1, 198.51.100.7, 10.0.0.5"]);
        assert_eq!(client_ip(ip("127.0.0.1"), &h, &trusted), ip("198.51.100.7"));
        // The same list split over several headers.
        let h = headers(&["1.1.1.1", "198.51.100.7", "10.0.0.5"]);
        assert_eq!(client_ip(ip("127.0.0.1"), &h, &trusted), ip("198.51.100.7"));
    }

    #[test]
    fn garbage_stops_at_the_last_vouched_hop() {
        let trusted = nets(&["10.0.0.0/8"]);
        let h = headers(&["unknown, 10.0.0.9"]);
        assert_eq!(client_ip(ip("10.0.0.1"), &h, &trusted), ip("10.0.0.9"));
        let h = headers(&["<script>"]);
        assert_eq!(client_ip(ip("10.0.0.1"), &h, &trusted), ip("10.0.0.1"));
    }

    #[test]
    fn ports_brackets_and_mapped_addresses() {
        let trusted = nets(&["::1/128", "10.0.0.0/8"]);
        let h = headers(&["[2001:db8::7]:4711"]);
        assert_eq!(client_ip(ip("::1"), &h, &trusted), ip("2001:db8::7"));
        let h = headers(&["192.0.2.4:80"]);
        assert_eq!(
            client_ip(ip("::ffff:10.0.0.1"), &h, &trusted),
            ip("192.0.2.4")
        );
    }
}
