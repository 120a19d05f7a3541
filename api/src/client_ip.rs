//! The address a request comes from, for the per-IP rate limits: the socket's peer, or, when that
//! peer is one of `OFICINA_TRUSTED_PROXIES`, the right-most address of `X-Forwarded-For` that is
//! not a trusted proxy (the one the first trusted proxy saw; whatever the client wrote to the left
//! of it is not believed).

use std::convert::Infallible;
use std::fmt;
use std::net::{IpAddr, SocketAddr};

use axum::extract::{ConnectInfo, FromRequestParts};
use axum::http::HeaderMap;
use axum::http::request::Parts;
use ipnet::IpNet;

use crate::state::AppState;

/// `OFICINA_TRUSTED_PROXIES`: the reverse proxies (addresses or CIDR blocks) whose
/// `X-Forwarded-For` is believed. Empty by default: the socket's peer is the client.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct TrustedProxies(Vec<IpNet>);

impl TrustedProxies {
    /// Parses a comma-separated list of addresses (`10.0.0.1`, `::1`) and CIDR blocks (`10.0.0.0/8`).
    pub fn parse(text: &str) -> Result<Self, String> {
        let nets = text.split(',').map(str::trim).filter(|item| !item.is_empty()).map(|item| {
            item.parse::<IpNet>().or_else(|_| item.parse::<IpAddr>().map(IpNet::from)).map_err(|_| {
                format!("expected IP addresses or CIDR blocks separated by commas, got {item:?}")
            })
        });
        Ok(Self(nets.collect::<Result<_, _>>()?))
    }

    fn contains(&self, ip: IpAddr) -> bool {
        self.0.iter().any(|net| net.contains(&ip))
    }

    /// The client behind a request whose socket peer is `peer`. From a trusted proxy, this walks
    /// `X-Forwarded-For` from the right past the trusted proxies; an entry that is not an address
    /// stops the walk at the last address that is known.
    pub fn client(&self, peer: IpAddr, headers: &HeaderMap) -> IpAddr {
        let mut client = peer.to_canonical();
        if !self.contains(client) {
            return client;
        }
        let forwarded = headers.get_all("x-forwarded-for").iter().filter_map(|v| v.to_str().ok());
        let hops: Vec<&str> = forwarded.flat_map(|v| v.split(',')).map(str::trim).collect();
        for hop in hops.iter().rev() {
            let Ok(hop) = hop.parse::<IpAddr>() else { break };
            client = hop.to_canonical();
            if !self.contains(client) {
                break;
            }
        }
        client
    }
}

/// The client's address; `None` for a request that came without a socket (in-process tests).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ClientIp(pub Option<IpAddr>);

/// The rate-limit key: the address, an IPv6 one by its /64 (what one host usually gets), or
/// `unknown` without a socket.
impl fmt::Display for ClientIp {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self.0 {
            Some(IpAddr::V4(ip)) => write!(f, "{ip}"),
            Some(IpAddr::V6(ip)) => {
                let [a, b, c, d, ..] = ip.segments();
                write!(f, "{a:x}:{b:x}:{c:x}:{d:x}::/64")
            }
            None => f.write_str("unknown"),
        }
    }
}

impl FromRequestParts<AppState> for ClientIp {
    type Rejection = Infallible;

    async fn from_request_parts(parts: &mut Parts, state: &AppState) -> Result<Self, Infallible> {
        let peer = parts.extensions.get::<ConnectInfo<SocketAddr>>().map(|ConnectInfo(addr)| addr.ip());
        Ok(Self(peer.map(|peer| state.trusted_proxies.client(peer, &parts.headers))))
    }
}

#[cfg(test)]
mod tests {
    use axum::http::HeaderValue;

    use super::*;

    fn ip(text: &str) -> IpAddr {
        text.parse().unwrap()
    }

    fn forwarded(values: &[&str]) -> HeaderMap {
        let mut headers = HeaderMap::new();
        for value in values {
            headers.append("x-forwarded-for", HeaderValue::from_str(value).unwrap());
        }
        headers
    }

    #[test]
    fn parses_addresses_and_blocks() {
        let proxies = TrustedProxies::parse(" 10.0.0.0/8, 192.168.1.1 ,::1,").unwrap();
        assert!(proxies.contains(ip("10.20.30.40")));
        assert!(proxies.contains(ip("192.168.1.1")));
        assert!(!proxies.contains(ip("192.168.1.2")));
        assert!(proxies.contains(ip("::1")));
        assert_eq!(TrustedProxies::parse("").unwrap(), TrustedProxies::default());
        for bad in ["10.0.0", "10.0.0.0/33", "proxy.local"] {
            assert!(TrustedProxies::parse(bad).unwrap_err().contains(bad), "{bad}");
        }
    }

    #[test]
    fn forwarded_for_counts_only_behind_a_trusted_proxy() {
        let proxies = TrustedProxies::parse("10.0.0.0/8").unwrap();
        let headers = forwarded(&["1.1.1.1, 203.0.113.9", "10.0.0.2"]);
        // The right-most address that is not a proxy; the spoofable left part is ignored.
        assert_eq!(proxies.client(ip("10.0.0.1"), &headers), ip("203.0.113.9"));
        // From anywhere else the header is the client's own word: the peer counts.
        assert_eq!(proxies.client(ip("198.51.100.7"), &headers), ip("198.51.100.7"));
        assert_eq!(TrustedProxies::default().client(ip("10.0.0.1"), &headers), ip("10.0.0.1"));
        // Without the header, or with garbage, the last known address.
        assert_eq!(proxies.client(ip("10.0.0.1"), &HeaderMap::new()), ip("10.0.0.1"));
        assert_eq!(proxies.client(ip("10.0.0.1"), &forwarded(&["1.1.1.1, junk, 10.0.0.3"])), ip("10.0.0.3"));
        // An IPv4 peer on an IPv6 socket is the IPv4 address.
        assert_eq!(proxies.client(ip("::ffff:10.0.0.1"), &forwarded(&["2.2.2.2"])), ip("2.2.2.2"));
    }

    #[test]
    fn ipv6_clients_are_keyed_by_their_64_block() {
        assert_eq!(ClientIp(Some(ip("2001:db8:1:2:3:4:5:6"))).to_string(), "2001:db8:1:2::/64");
        assert_eq!(ClientIp(Some(ip("203.0.113.9"))).to_string(), "203.0.113.9");
        assert_eq!(ClientIp(None).to_string(), "unknown");
    }
}
