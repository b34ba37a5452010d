//! Which machines `check --external` may ask. Every address a host name
//! resolves to is judged, for the link and for every redirect, so that
//! neither a name nor an odd way of writing a number (`2852039166`,
//! `0251.0376.0251.0376`) leads the check somewhere it must not go.
//!
//! Private and loopback addresses are asked: an intranet policy library
//! links to intranet sites. Link-local addresses are not (cloud machines
//! find their metadata and credentials there, and no reader's page lives
//! there), nor unspecified, multicast or broadcast ones.

use std::net::IpAddr;
use ureq::http::Uri;
use ureq::unversioned::resolver::{DefaultResolver, ResolvedSocketAddrs, Resolver};
use ureq::unversioned::transport::NextTimeout;

#[derive(Debug, Default)]
pub struct WebOnly {
    inner: DefaultResolver,
}

impl Resolver for WebOnly {
    fn resolve(
        &self,
        uri: &Uri,
        config: &ureq::config::Config,
        timeout: NextTimeout,
    ) -> Result<ResolvedSocketAddrs, ureq::Error> {
        let found = self.inner.resolve(uri, config, timeout)?;
        let mut allowed = self.empty();
        let mut refused = None;
        for &addr in found.iter() {
            match never_asked(addr.ip()) {
                Some(what) => refused = Some((addr.ip(), what)),
                None => allowed.push(addr),
            }
        }
        match refused {
            // One forbidden address is enough to refuse the host: it may be
            // a name set up to point at both.
            Some((ip, what)) => Err(ureq::Error::Io(std::io::Error::new(
                std::io::ErrorKind::PermissionDenied,
                format!("not asked: {} leads to {ip}, {what}", uri.host().unwrap_or("the host")),
            ))),
            None => Ok(allowed),
        }
    }
}

/// What kind of address `ip` is, when it is one never asked.
fn never_asked(ip: IpAddr) -> Option<&'static str> {
    let ip = match ip {
        IpAddr::V6(v6) => v6.to_ipv4_mapped().map_or(ip, IpAddr::V4),
        v4 => v4,
    };
    match ip {
        IpAddr::V4(v4) if v4.is_link_local() => Some("a link-local address"),
        IpAddr::V6(v6) if (v6.segments()[0] & 0xffc0) == 0xfe80 => Some("a link-local address"),
        IpAddr::V4(v4) if v4.is_broadcast() => Some("a broadcast address"),
        ip if ip.is_unspecified() => Some("an unspecified address"),
        ip if ip.is_multicast() => Some("a multicast address"),
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::never_asked;

    #[test]
    fn link_local_unspecified_multicast_and_broadcast_are_never_asked_private_ones_are() {
        let kind = |s: &str| never_asked(s.parse().unwrap());
        for never in
            ["169.254.169.254", "fe80::1", "::ffff:169.254.169.254", "0.0.0.0", "::", "224.0.0.1", "255.255.255.255"]
        {
            assert!(kind(never).is_some(), "{never}");
        }
        for asked in ["10.1.2.3", "192.168.0.10", "172.16.0.1", "127.0.0.1", "::1", "93.184.216.34", "2001:db8::1"] {
            assert_eq!(kind(asked), None, "{asked}");
        }
    }
}
