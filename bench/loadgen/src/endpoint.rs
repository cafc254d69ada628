//! The endpoint under load: an `http://` URL whose host is on loopback.
//!
//! The generator only ever loads a server on this machine, so an address
//! elsewhere is refused before any connection is made.

use std::net::{IpAddr, SocketAddr, ToSocketAddrs};

/// Where the connections go, and what the requests name as their host.
#[derive(Clone, Debug)]
pub struct Endpoint {
    /// The loopback address connected to.
    pub addr: SocketAddr,
    /// The `Host` header (signed), e.g. `127.0.0.1:7474`.
    pub authority: String,
    /// The request URI every call is signed for, e.g. `http://127.0.0.1:7474/`.
    pub uri: String,
}

impl Endpoint {
    /// Parses `url` and resolves its host, refusing anything but a loopback
    /// address (every address a name resolves to must be on loopback).
    pub fn resolve(url: &str) -> Result<Endpoint, String> {
        let (host, port) = split(url)?;
        let addrs: Vec<SocketAddr> = match host.parse::<IpAddr>() {
            Ok(ip) => vec![SocketAddr::new(ip, port)],
            Err(_) => (host.as_str(), port)
                .to_socket_addrs()
                .map_err(|e| format!("{url}: cannot resolve {host}: {e}"))?
                .collect(),
        };
        let addr = only_loopback(url, &addrs)?;
        let authority = if host.contains(':') {
            format!("[{host}]:{port}")
        } else {
            format!("{host}:{port}")
        };
        Ok(Endpoint {
            addr,
            uri: format!("http://{authority}/"),
            authority,
        })
    }
}

/// The host (without brackets) and port of an `http://host[:port][/]` URL.
fn split(url: &str) -> Result<(String, u16), String> {
    let rest = url.strip_prefix("http://").ok_or_else(|| {
        format!("{url}: expected an http:// URL (the load generator speaks plain HTTP/1.1)")
    })?;
    let authority = rest.strip_suffix('/').unwrap_or(rest);
    if authority.is_empty() || authority.contains(['/', '?', '#', '@']) {
        return Err(format!(
            "{url}: expected http://HOST:PORT with no path, query or user"
        ));
    }
    let (host, port) = if let Some(v6) = authority.strip_prefix('[') {
        let (host, after) = v6
            .split_once(']')
            .ok_or_else(|| format!("{url}: unclosed [ in the host"))?;
        (host, after.strip_prefix(':'))
    } else {
        match authority.rsplit_once(':') {
            Some((host, port)) => (host, Some(port)),
            None => (authority, None),
        }
    };
    let port = match port {
        None => 80,
        Some(p) => p
            .parse::<u16>()
            .map_err(|_| format!("{url}: {p:?} is not a port number"))?,
    };
    if host.is_empty() {
        return Err(format!("{url}: no host"));
    }
    Ok((host.to_owned(), port))
}

/// The first of `addrs`, if every one is a loopback address.
fn only_loopback(url: &str, addrs: &[SocketAddr]) -> Result<SocketAddr, String> {
    if let Some(far) = addrs.iter().find(|a| !a.ip().is_loopback()) {
        return Err(format!(
            "{url}: {} is not a loopback address; the load generator only loads a server on this machine (127.0.0.0/8 or ::1)",
            far.ip()
        ));
    }
    addrs
        .first()
        .copied()
        .ok_or_else(|| format!("{url}: the host resolves to no address"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn loopback_addresses_are_accepted() {
        let e = Endpoint::resolve("http://127.0.0.1:7474").expect("v4 loopback");
        assert_eq!(e.addr, "127.0.0.1:7474".parse().expect("addr"));
        assert_eq!(e.authority, "127.0.0.1:7474");
        assert_eq!(e.uri, "http://127.0.0.1:7474/");
        let e = Endpoint::resolve("http://127.3.2.1/").expect("all of 127/8");
        assert_eq!(e.addr.port(), 80);
        let e = Endpoint::resolve("http://[::1]:9000/").expect("v6 loopback");
        assert_eq!(e.authority, "[::1]:9000");
        assert!(e.addr.ip().is_loopback());
    }

    #[test]
    fn other_addresses_are_refused() {
        for url in [
            "http://10.0.0.1:80",
            "http://192.168.1.1:7474/",
            "http://0.0.0.0:7474",
            "http://[::]:7474",
            "http://[2001:db8::1]:7474",
        ] {
            let err = Endpoint::resolve(url).expect_err(url);
            assert!(err.contains("not a loopback address"), "{url}: {err}");
        }
    }

    #[test]
    fn malformed_urls_are_refused() {
        for (url, why) in [
            ("https://127.0.0.1:7474", "http:// URL"),
            ("127.0.0.1:7474", "http:// URL"),
            ("http://127.0.0.1:7474/path", "no path"),
            ("http://user@127.0.0.1:7474", "no path"),
            ("http://127.0.0.1:port", "not a port number"),
            ("http://127.0.0.1:70000", "not a port number"),
            ("http://[::1:7474", "unclosed"),
            ("http://:7474", "no host"),
        ] {
            let err = Endpoint::resolve(url).expect_err(url);
            assert!(err.contains(why), "{url}: {err}");
        }
    }

    #[test]
    fn a_name_must_resolve_to_loopback_only() {
        let mixed: Vec<SocketAddr> = vec![
            "127.0.0.1:1".parse().expect("addr"),
            "10.1.2.3:1".parse().expect("addr"),
        ];
        assert!(only_loopback("x", &mixed).is_err());
        assert!(only_loopback("x", &[]).is_err());
        let e = Endpoint::resolve("http://localhost:7474").expect("localhost");
        assert!(e.addr.ip().is_loopback());
        assert_eq!(e.authority, "localhost:7474");
    }
}
