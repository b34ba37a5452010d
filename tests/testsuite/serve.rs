//! `trustdocs serve` end to end: start, edit a file, see the change, break
//! the front matter, still see the last good page with a notice, fix it,
//! see it again. Pages are fetched over HTTP as a browser would.

use crate::common::*;
use std::io::{BufRead, BufReader, Read, Write};
use std::net::TcpStream;
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

struct Server {
    child: Child,
    port: u16,
}

impl Drop for Server {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

fn start(f: &Fixture) -> Server {
    start_with(f, &[])
}

fn start_with(f: &Fixture, extra: &[&str]) -> Server {
    let mut child = Command::new(env!("CARGO_BIN_EXE_trustdocs"))
        .args(["serve", "content", "--port", "0", "--today", "2026-11-23"])
        .args(extra)
        .current_dir(f.tmp.path())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let mut lines = BufReader::new(child.stderr.take().unwrap()).lines();
    let port = loop {
        let line = lines.next().expect("serve printed its address").unwrap();
        if let Some(rest) = line.split("http://127.0.0.1:").nth(1) {
            break rest.split('/').next().unwrap().parse().unwrap();
        }
    };
    // Keep reading stderr so the server never blocks on a full pipe.
    std::thread::spawn(move || for _ in lines {});
    Server { child, port }
}

fn get(port: u16, path: &str) -> String {
    let mut s = TcpStream::connect(("127.0.0.1", port)).unwrap();
    write!(s, "GET {path} HTTP/1.1\r\nHost: 127.0.0.1:{port}\r\n\r\n").unwrap();
    let mut body = String::new();
    s.read_to_string(&mut body).unwrap();
    body
}

/// Fetches `path` until `ok` holds, for up to ten seconds.
fn wait_for(port: u16, path: &str, what: &str, ok: impl Fn(&str) -> bool) -> String {
    let until = Instant::now() + Duration::from_secs(10);
    loop {
        let page = get(port, path);
        if ok(&page) {
            return page;
        }
        assert!(Instant::now() < until, "timed out waiting for {what}; last page:\n{page}");
        std::thread::sleep(Duration::from_millis(50));
    }
}

#[test]
fn edit_break_and_fix_a_document_while_serving() {
    let original = clean("POL/001/001", "", "## Scope\n\nFirst text.\n");
    let f = Fixture::new(&[("a.md", &original), ("b.md", &clean("POL/001/002", "", "## Scope\n\nSee POL/001/001.\n"))]);
    let server = start(&f);
    let page = "/documents/pol-001-001/";
    assert!(get(server.port, page).contains("First text."));
    assert!(get(server.port, "/").contains("Policies and procedures"));

    f.write("content/documents/a.md", original.replace("First text.", "Second text."));
    wait_for(server.port, page, "the edit", |p| p.contains("Second text."));

    f.write("content/documents/a.md", original.replace("id: POL/001/001", "id: [broken"));
    let broken = wait_for(server.port, page, "the notice", |p| p.contains("id=\"td-live-notice\""));
    assert!(broken.contains("Second text."), "the last good page stays on show");
    assert!(broken.contains("S001"), "the notice shows the diagnostic");
    assert!(get(server.port, "/documents/pol-001-002/").contains("td-live-notice"), "every page shows the notice");

    f.write("content/documents/a.md", original.replace("First text.", "Third text."));
    let fixed = wait_for(server.port, page, "the fix", |p| p.contains("Third text."));
    assert!(!fixed.contains("id=\"td-live-notice\""));
    assert!(get(server.port, "/nowhere").starts_with("HTTP/1.1 404"));
}

#[test]
fn open_pages_are_told_to_reload() {
    let f = Fixture::new(&[("a.md", &clean("POL/001/001", "", "## Scope\n\nText.\n"))]);
    let server = start(&f);
    let mut events = TcpStream::connect(("127.0.0.1", server.port)).unwrap();
    write!(events, "GET /__trustdocs/events HTTP/1.1\r\nHost: localhost:{}\r\n\r\n", server.port).unwrap();
    events.set_read_timeout(Some(Duration::from_secs(10))).unwrap();
    let mut reader = BufReader::new(events);
    let mut line = String::new();
    reader.read_line(&mut line).unwrap();
    assert!(line.starts_with("HTTP/1.1 200"));
    // Wait until the stream is registered before editing.
    while !line.starts_with(": connected") {
        line.clear();
        reader.read_line(&mut line).unwrap();
    }
    f.write("content/documents/a.md", clean("POL/001/001", "", "## Scope\n\nNew.\n"));
    loop {
        line.clear();
        reader.read_line(&mut line).expect("an event within ten seconds");
        if line.trim() == "event: reload" {
            break;
        }
    }
}

#[test]
fn listings_search_and_citing_pages_follow_an_edit() {
    let a = clean("POL/001/001", "", "## Scope\n\nText.\n");
    let f =
        Fixture::new(&[("a.md", &a), ("b.md", &clean("POL/001/002", "related: [POL/001/001]\n", "## Scope\n\nB.\n"))]);
    let server = start(&f);
    assert!(!get(server.port, "/documents/").contains("Renamed"));

    f.write(
        "content/documents/a.md",
        a.replace("title: Test Document POL/001/001", "title: Renamed Lone Working Policy"),
    );
    wait_for(server.port, "/documents/pol-001-002/", "the citing page", |p| p.contains("Renamed Lone Working Policy"));
    // The listings and the search index are rebuilt after the pages, in the background.
    wait_for(server.port, "/documents/", "the A to Z", |p| p.contains("Renamed Lone Working Policy"));
    wait_for(server.port, "/catalogue.json", "the catalogue", |p| p.contains("Renamed Lone Working Policy"));
    // The browser index: the shard of words starting "ren" holds the new title's stem.
    wait_for(server.port, "/search/w/ren.json", "the search index", |p| p.contains("\"renam"));
}

#[test]
fn serve_public_serves_only_what_the_public_copy_holds() {
    let public = clean(
        "POL/001/001",
        "public: true\n",
        "## Scope\n\nThe [public form](../assets/public.txt).\n\n### Duties {role=lsms}\n\nPublic.\n",
    );
    let private = clean(
        "POL/001/002",
        "",
        "## Scope\n\nThe [private form](../assets/private.txt).\n\n### Keys {role=vault}\n\nHere.\n",
    );
    let old_public = doc("POL/001/002", "0.5", "superseded", "public: true\n", "## Scope\n\nOld.\n");
    let f = Fixture::new(&[("a.md", &public), ("b.md", &private), ("b-old.md", &old_public)]);
    f.write("content/roles.yaml", format!("{ROLES}- id: vault\n  title: Vault Keeper\n"));
    for name in ["public.txt", "private.txt", "unused.txt"] {
        f.write(&format!("content/assets/{name}"), name);
    }
    let server = start_with(&f, &["--public"]);
    assert!(get(server.port, "/assets/public.txt").ends_with("public.txt"));
    for hidden in ["/assets/private.txt", "/assets/unused.txt", "/roles/vault/", "/documents/pol-001-002/v0.5/"] {
        assert!(get(server.port, hidden).starts_with("HTTP/1.1 404"), "{hidden} is served");
    }
    assert!(get(server.port, "/roles/lsms/").starts_with("HTTP/1.1 200"));
}

/// Sends `request` as it is and reads the answer (until the server closes, or ten seconds).
fn raw(port: u16, request: &[u8]) -> String {
    let mut s = TcpStream::connect(("127.0.0.1", port)).unwrap();
    s.set_read_timeout(Some(Duration::from_secs(10))).unwrap();
    let _ = s.write_all(request);
    let mut body = Vec::new();
    let _ = s.read_to_end(&mut body);
    String::from_utf8_lossy(&body).to_string()
}

#[test]
fn only_requests_addressed_to_the_preview_are_answered() {
    let f = Fixture::new(&[("a.md", &clean("POL/001/001", "", "## Scope\n\nText.\n"))]);
    let server = start(&f);
    let port = server.port;
    for host in
        [format!("127.0.0.1:{port}"), format!("localhost:{port}"), format!("LocalHost:{port}"), "localhost".into()]
    {
        let answer = raw(port, format!("GET / HTTP/1.1\r\nHost: {host}\r\n\r\n").as_bytes());
        assert!(answer.starts_with("HTTP/1.1 200"), "{host}: {answer}");
    }
    // DNS rebinding: a name the attacker controls, pointed at 127.0.0.1.
    for head in [
        format!("Host: evil.example:{port}\r\n"),
        "Host: localhost.evil.example\r\n".to_string(),
        format!("Host: 127.0.0.1:{}\r\n", port.wrapping_add(1)),
        String::new(),
    ] {
        for path in ["/", "/__trustdocs/events", "/catalogue.json"] {
            let answer = raw(port, format!("GET {path} HTTP/1.1\r\n{head}\r\n").as_bytes());
            assert!(answer.starts_with("HTTP/1.1 421"), "{head:?} {path}: {answer}");
            assert!(!answer.contains("POL/001/001"));
        }
    }
}

#[test]
fn oversized_and_silent_requests_are_cut_off() {
    let f = Fixture::new(&[("a.md", &clean("POL/001/001", "", "## Scope\n\nText.\n"))]);
    let server = start(&f);
    let port = server.port;
    let huge = format!("GET / HTTP/1.1\r\nHost: 127.0.0.1:{port}\r\nX-Padding: {}\r\n\r\n", "a".repeat(200_000));
    let answer = raw(port, huge.as_bytes());
    assert!(answer.is_empty() || answer.starts_with("HTTP/1.1 431"), "{}", &answer[..answer.len().min(200)]);
    // A connection that sends nothing is closed after a few seconds.
    let mut silent = TcpStream::connect(("127.0.0.1", port)).unwrap();
    silent.set_read_timeout(Some(Duration::from_secs(20))).unwrap();
    let started = Instant::now();
    let mut buf = Vec::new();
    let closed = silent.read_to_end(&mut buf);
    assert!(closed.is_ok() && started.elapsed() < Duration::from_secs(15), "{closed:?} after {:?}", started.elapsed());
    assert!(get(port, "/").starts_with("HTTP/1.1 200"), "still serving");
}

#[cfg(unix)]
#[test]
fn a_live_reload_client_that_never_reads_does_not_stall_rebuilds() {
    let text = clean("POL/001/001", "", "## Scope\n\nFirst text.\n");
    let f = Fixture::new(&[("a.md", &text)]);
    let server = start(&f);
    // An events client with a tiny receive buffer that never reads.
    let stalled = TcpStream::connect(("127.0.0.1", server.port)).unwrap();
    {
        use std::os::unix::io::AsRawFd;
        let size: libc::c_int = 1024;
        // SAFETY: a valid socket and a pointer to an int of the given size.
        unsafe {
            libc::setsockopt(
                stalled.as_raw_fd(),
                libc::SOL_SOCKET,
                libc::SO_RCVBUF,
                &size as *const libc::c_int as *const libc::c_void,
                std::mem::size_of::<libc::c_int>() as libc::socklen_t,
            );
        }
    }
    write!(&stalled, "GET /__trustdocs/events HTTP/1.1\r\nHost: 127.0.0.1:{}\r\n\r\n", server.port).unwrap();
    std::thread::sleep(Duration::from_millis(300));
    // Broken edits whose notices (each with a 3 MB id in its message) fill
    // any socket buffer (at most 4 MB each way here) within a few edits.
    for n in 0..8 {
        let broken = text.replace("id: POL/001/001", &format!("id: X{n}{}", "Y".repeat(3_000_000)));
        f.write("content/documents/a.md", broken);
        std::thread::sleep(Duration::from_millis(400));
    }
    f.write("content/documents/a.md", text.replace("First text.", "Fixed text."));
    wait_for(server.port, "/documents/pol-001-001/", "the fix, despite the stalled client", |p| {
        p.contains("Fixed text.")
    });
    drop(stalled);
}
