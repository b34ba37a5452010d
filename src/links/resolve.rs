//! Which machines `check --external` may ask. Every address a host name
//! resolves to is judged, for the link and for every redirect, so that
//! neither a name nor an odd way of writing a number (`2852039166`,
//! `0251.0376.0251.0376`) leads the check somewhere it must not go.
//!
//! Private and loopback addresses are asked: an intranet policy library
//! links to intranet sites. Link-local addresses are not (cloud machines
//! find their metadata and credentials there, and no reader's page lives
//! there), nor the cloud metadata services that live elsewhere, nor
//! unspecified, multicast or broadcast ones; nor an IPv6 address that
//! carries one of these as an IPv4 address inside it.

use std::net::{IpAddr, Ipv4Addr, Ipv6Addr};
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

/// Cloud providers' metadata services that are not at a link-local
/// address: Alibaba Cloud's, Oracle Cloud's, Azure's platform address
/// (WireServer), and AWS's and Google Cloud's over IPv6.
const METADATA: [IpAddr; 5] = [
    IpAddr::V4(Ipv4Addr::new(100, 100, 100, 200)),
    IpAddr::V4(Ipv4Addr::new(192, 0, 0, 192)),
    IpAddr::V4(Ipv4Addr::new(168, 63, 129, 16)),
    IpAddr::V6(Ipv6Addr::new(0xfd00, 0xec2, 0, 0, 0, 0, 0, 0x254)),
    IpAddr::V6(Ipv6Addr::new(0xfd20, 0xce, 0, 0, 0, 0, 0, 0x254)),
];

/// What kind of address `ip` is, when it is one never asked.
fn never_asked(ip: IpAddr) -> Option<&'static str> {
    let ip = match ip {
        IpAddr::V6(v6) => carried_v4(v6).map_or(ip, IpAddr::V4),
        v4 => v4,
    };
    match ip {
        ip if METADATA.contains(&ip) => Some("a cloud metadata address"),
        IpAddr::V4(v4) if v4.is_link_local() => Some("a link-local address"),
        IpAddr::V6(v6) if (v6.segments()[0] & 0xffc0) == 0xfe80 => Some("a link-local address"),
        IpAddr::V4(v4) if v4.is_broadcast() => Some("a broadcast address"),
        ip if ip.is_unspecified() => Some("an unspecified address"),
        ip if ip.is_multicast() => Some("a multicast address"),
        _ => None,
    }
}

/// The IPv4 address inside an IPv6 one that a system may reach in its
/// place: mapped (`::ffff:a.b.c.d`), compatible (`::a.b.c.d`, deprecated
/// but still read so) or behind NAT64's well-known prefix
/// (`64:ff9b::a.b.c.d`). `::` and `::1` are themselves, not 0.0.0.0 and
/// 0.0.0.1.
fn carried_v4(v6: Ipv6Addr) -> Option<Ipv4Addr> {
    if let Some(v4) = v6.to_ipv4_mapped() {
        return Some(v4);
    }
    let s = v6.segments();
    let compatible = s[..6] == [0; 6] && !v6.is_unspecified() && !v6.is_loopback();
    let nat64 = s[..6] == [0x64, 0xff9b, 0, 0, 0, 0];
    let [.., a, b, c, d] = v6.octets();
    (compatible || nat64).then_some(Ipv4Addr::new(a, b, c, d))
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

    #[test]
    fn cloud_metadata_services_are_never_asked_however_the_address_is_written() {
        let kind = |s: &str| never_asked(s.parse().unwrap());
        for metadata in [
            "100.100.100.200",
            "::ffff:100.100.100.200",
            "192.0.0.192",
            "168.63.129.16",
            "fd00:ec2::254",
            "fd00:ec2:0:0:0:0:0:254",
            "fd20:ce::254",
        ] {
            assert_eq!(kind(metadata), Some("a cloud metadata address"), "{metadata}");
        }
        for carried in [
            "::169.254.169.254",
            "::a9fe:a9fe",
            "::ffff:169.254.169.254",
            "::ffff:a9fe:a9fe",
            "64:ff9b::169.254.169.254",
            "::169.254.0.1",
        ] {
            assert_eq!(kind(carried), Some("a link-local address"), "{carried}");
        }
        assert_eq!(kind("::100.100.100.200"), Some("a cloud metadata address"));
        assert_eq!(kind("::255.255.255.255"), Some("a broadcast address"));
        assert_eq!(kind("::224.0.0.1"), Some("a multicast address"));
        for asked in ["::10.1.2.3", "::ffff:127.0.0.1", "64:ff9b::93.184.216.34", "100.100.100.201", "fd00:ec2::253"] {
            assert_eq!(kind(asked), None, "{asked}");
        }
    }
}
