//! Asking web addresses whether they answer: a few at a time, each with a
//! time limit, `HEAD` first and `GET` when a server refuses `HEAD`,
//! following redirects one by one (to tell a page that moved for good from
//! one that sends readers on elsewhere for now).

use super::Outcome;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::Mutex;
use std::time::{Duration, Instant};
use ureq::http::Uri;

#[derive(Clone, Debug)]
pub struct FetchOptions {
    /// Addresses asked at once.
    pub concurrency: usize,
    /// The longest one request may take, from looking up the host to the
    /// response's headers; one address, with its redirects and a `GET`
    /// after a refused `HEAD`, gets twice this in all.
    pub timeout: Duration,
    /// Redirects followed before giving up.
    pub max_redirects: u32,
}

impl Default for FetchOptions {
    fn default() -> Self {
        FetchOptions { concurrency: 8, timeout: Duration::from_secs(10), max_redirects: 5 }
    }
}

/// The outcome for each address, in the order given. Each is asked once.
pub fn check_all(urls: &[String], opts: &FetchOptions) -> Vec<Outcome> {
    let agent = agent(opts);
    let next = AtomicUsize::new(0);
    let results: Mutex<Vec<Option<Outcome>>> = Mutex::new(vec![None; urls.len()]);
    std::thread::scope(|s| {
        for _ in 0..opts.concurrency.clamp(1, urls.len().max(1)) {
            s.spawn(|| loop {
                let i = next.fetch_add(1, Ordering::Relaxed);
                let Some(url) = urls.get(i) else { break };
                let outcome = check_one(&agent, url, opts);
                results.lock().unwrap_or_else(|e| e.into_inner())[i] = Some(outcome);
            });
        }
    });
    let results = results.into_inner().unwrap_or_else(|e| e.into_inner());
    results.into_iter().map(|o| o.unwrap_or(Outcome::NoAnswer { why: "not asked".into() })).collect()
}

fn agent(opts: &FetchOptions) -> ureq::Agent {
    let tls = ureq::tls::TlsConfig::builder().root_certs(ureq::tls::RootCerts::PlatformVerifier).build();
    let config = ureq::Agent::config_builder()
        .http_status_as_error(false)
        .max_redirects(0)
        .timeout_global(Some(opts.timeout))
        // A proxy would be asked for every address, and the resolver below,
        // which keeps the metadata services out, would only judge the proxy:
        // none is taken from the environment (`HTTP_PROXY`, `ALL_PROXY`...).
        .proxy(None)
        .user_agent(concat!("trustdocs/", env!("CARGO_PKG_VERSION"), " (link check)"))
        .tls_config(tls)
        .build();
    let connector = ureq::unversioned::transport::DefaultConnector::new();
    ureq::Agent::with_parts(config, connector, super::resolve::WebOnly::default())
}

/// Follows `url` to a page that answers, or to the first failure.
fn check_one(agent: &ureq::Agent, url: &str, opts: &FetchOptions) -> Outcome {
    let Ok(mut at) = request_uri(url) else {
        return Outcome::NoAnswer { why: "not a valid web address".into() };
    };
    // The address the author should use: where the permanent redirects lead.
    let mut moved_to: Option<Uri> = None;
    let mut permanent_so_far = true;
    let deadline = Instant::now() + opts.timeout * 2;
    for _ in 0..=opts.max_redirects {
        let status = match ask(agent, &at, deadline) {
            Ok(r) => r,
            Err(no_answer) => return no_answer,
        };
        match status {
            (code, Some(location)) if (300..400).contains(&code) => {
                let Some(next) = resolve(&at, &location) else {
                    return Outcome::NoAnswer {
                        why: format!("redirects ({code}) to an address that is not a web page"),
                    };
                };
                permanent_so_far &= matches!(code, 301 | 308);
                if permanent_so_far {
                    moved_to = Some(next.clone());
                }
                at = next;
            }
            (code, _) if code >= 400 => return Outcome::Error { status: code },
            (code, _) => {
                return match moved_to {
                    Some(to) => Outcome::Moved { to: to.to_string() },
                    None => Outcome::Ok { status: code },
                }
            }
        }
    }
    Outcome::NoAnswer { why: format!("more than {} redirects", opts.max_redirects) }
}

/// The status and `Location` of one request: `HEAD`, then `GET` when the
/// server refuses `HEAD` or answers it with an error (some answer `HEAD`
/// with 403, 404 or 405 and `GET` with the page). No answer at all is the
/// address's outcome, `Outcome::NoAnswer`, saying why.
fn ask(agent: &ureq::Agent, uri: &Uri, deadline: Instant) -> Result<(u16, Option<String>), Outcome> {
    // Each request ends by the address's deadline, however many came before.
    let left = || Some(deadline.saturating_duration_since(Instant::now()).max(Duration::from_millis(1)));
    let head = agent.head(uri.clone()).config().timeout_global(left()).build().call();
    let refused = match &head {
        Ok(r) => r.status().as_u16() >= 400,
        Err(e) => matches!(e, ureq::Error::Protocol(_) | ureq::Error::Io(_)),
    };
    // The body of a GET is never read: only the status and headers count.
    let response = if refused { agent.get(uri.clone()).config().timeout_global(left()).build().call() } else { head };
    match response {
        Ok(r) => {
            let location = r.headers().get("location").and_then(|l| l.to_str().ok()).map(str::to_string);
            Ok((r.status().as_u16(), location))
        }
        Err(e) => Err(Outcome::NoAnswer { why: why(&e) }),
    }
}

fn why(e: &ureq::Error) -> String {
    match e {
        ureq::Error::Timeout(_) => "no answer within the time limit".into(),
        ureq::Error::HostNotFound => "no such host".into(),
        ureq::Error::Io(io) if io.kind() == std::io::ErrorKind::ConnectionRefused => "connection refused".into(),
        ureq::Error::Io(io) if io.kind() == std::io::ErrorKind::TimedOut => "no answer within the time limit".into(),
        ureq::Error::Io(io) if io.kind() == std::io::ErrorKind::PermissionDenied => io.to_string(),
        // The standard library reports a failed name lookup as a plain I/O error.
        ureq::Error::Io(io) if io.to_string().contains("failed to lookup address") => "no such host".into(),
        ureq::Error::Tls(_) | ureq::Error::Rustls(_) => format!("a secure connection failed: {e}"),
        other => other.to_string(),
    }
}

/// The address as a request names it: without its `#fragment`, with
/// spaces and other characters a request line cannot carry percent-encoded,
/// and without a user name and password (`https://user:password@host/`),
/// which the client would otherwise send to the site as a login.
pub(crate) fn request_uri(url: &str) -> Result<Uri, ()> {
    let mut uri = encoded(url)?;
    if let Some((_, host)) = uri.authority().and_then(|a| a.as_str().rsplit_once('@')) {
        let host = host.parse().map_err(|_| ())?;
        let mut parts = uri.into_parts();
        parts.authority = Some(host);
        uri = Uri::from_parts(parts).map_err(|_| ())?;
    }
    let web = matches!(uri.scheme_str(), Some("http" | "https")) && uri.host().is_some_and(|h| !h.is_empty());
    if web {
        Ok(uri)
    } else {
        Err(())
    }
}

/// The web address `url` as it is asked, when a user name or password is
/// written in it (and left out of the request).
pub fn without_credentials(url: &str) -> Option<String> {
    let written = encoded(url).ok()?;
    if !written.authority()?.as_str().contains('@') {
        return None;
    }
    request_uri(url).ok().map(|u| u.to_string())
}

fn encoded(url: &str) -> Result<Uri, ()> {
    let without_fragment = url.split('#').next().unwrap_or(url);
    let mut encoded = String::with_capacity(without_fragment.len());
    for b in without_fragment.bytes() {
        if b.is_ascii_graphic() && !matches!(b, b'"' | b'<' | b'>' | b'\\' | b'^' | b'`' | b'{' | b'|' | b'}') {
            encoded.push(b as char);
        } else {
            encoded.push_str(&format!("%{b:02X}"));
        }
    }
    encoded.parse().map_err(|_| ())
}

/// Where a `Location` header leads from `base`: an absolute address, one
/// from the root of the same site, or one relative to the current folder.
/// `None` when it leads to anything but a web page.
fn resolve(base: &Uri, location: &str) -> Option<Uri> {
    let location = location.trim();
    let scheme = base.scheme_str()?;
    let authority = base.authority()?.as_str();
    let has_scheme = location.find([':', '/', '?', '#']).is_some_and(|i| location[i..].starts_with(':'));
    let absolute = if has_scheme {
        location.to_string()
    } else if let Some(rest) = location.strip_prefix("//") {
        format!("{scheme}://{rest}")
    } else if location.starts_with('/') {
        format!("{scheme}://{authority}{location}")
    } else {
        let folder = base.path().rsplit_once('/').map_or("", |(f, _)| f);
        format!("{scheme}://{authority}{folder}/{location}")
    };
    request_uri(&absolute).ok()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn redirects_resolve_against_the_page_that_sent_them() {
        let base: Uri = "https://example.org/a/b?x=1".parse().unwrap();
        let r = |l: &str| resolve(&base, l).map(|u| u.to_string());
        assert_eq!(r("https://other.org/c").as_deref(), Some("https://other.org/c"));
        assert_eq!(r("//other.org/c").as_deref(), Some("https://other.org/c"));
        assert_eq!(r("/c").as_deref(), Some("https://example.org/c"));
        assert_eq!(r("c?d").as_deref(), Some("https://example.org/a/c?d"));
        assert_eq!(r("ftp://example.org/c"), None);
        assert_eq!(r("javascript:alert(1)"), None);
    }

    #[test]
    fn request_addresses_lose_the_fragment_and_encode_what_a_request_line_cannot_carry() {
        let u = |s: &str| request_uri(s).map(|u| u.to_string());
        assert_eq!(u("https://example.org/a b#part").as_deref(), Ok("https://example.org/a%20b"));
        assert_eq!(u("https://example.org/é").as_deref(), Ok("https://example.org/%C3%A9"));
        assert!(u("mailto:a@example.org").is_err());
        assert!(u("https://").is_err());
    }

    #[test]
    fn a_user_name_and_password_in_an_address_are_never_part_of_the_request() {
        let u = |s: &str| request_uri(s).map(|u| u.to_string());
        assert_eq!(u("http://user:pass@example.org/a").as_deref(), Ok("http://example.org/a"));
        assert_eq!(u("https://user@example.org:8443/a?b").as_deref(), Ok("https://example.org:8443/a?b"));
        assert_eq!(u("http://a@b:c@example.org/").as_deref(), Ok("http://example.org/"));
        assert!(u("http://user:pass@/a").is_err());
        let base: Uri = "https://example.org/a".parse().unwrap();
        assert_eq!(
            resolve(&base, "https://u:p@other.org/b").map(|u| u.to_string()).as_deref(),
            Some("https://other.org/b")
        );
        assert_eq!(without_credentials("http://user:pass@example.org/a#x").as_deref(), Some("http://example.org/a"));
        assert_eq!(without_credentials("http://example.org/a?mail=a@b.org"), None);
        assert_eq!(without_credentials("mailto:a@example.org"), None);
    }
}
