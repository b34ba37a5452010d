//! `check --external` against a small HTTP server on 127.0.0.1, never the
//! internet: which links are broken (X010), each address asked once, the
//! cache in the output folder, and what the references page shows.

use crate::common::*;
use std::io::{BufRead, BufReader, Write};
use std::net::{TcpListener, TcpStream};
use std::sync::{Arc, Mutex};
use trustdocs::links::fetch::{check_all, FetchOptions};
use trustdocs::links::Outcome;

/// A server that answers by path: `/ok` 200, `/gone` 404, `/moved` 301 to
/// `/ok`, `/for-now` 302 to `/ok`, `/no-head` 405 to `HEAD` and 200 to
/// `GET`, `/loop` redirects to itself, `/never` never answers. It keeps
/// every request it is sent, as "METHOD /path", and every `Authorization`
/// header as it came.
struct Server {
    port: u16,
    requests: Arc<Mutex<Vec<String>>>,
}

impl Server {
    fn start() -> Server {
        let listener = TcpListener::bind("127.0.0.1:0").unwrap();
        let port = listener.local_addr().unwrap().port();
        let requests = Arc::new(Mutex::new(Vec::new()));
        let seen = requests.clone();
        std::thread::spawn(move || {
            for stream in listener.incoming().flatten() {
                let seen = seen.clone();
                std::thread::spawn(move || answer(stream, &seen));
            }
        });
        Server { port, requests }
    }

    fn url(&self, path: &str) -> String {
        format!("http://127.0.0.1:{}{path}", self.port)
    }

    fn requests(&self) -> Vec<String> {
        let mut r = self.requests.lock().unwrap().clone();
        r.sort();
        r
    }

    fn forget(&self) {
        self.requests.lock().unwrap().clear();
    }
}

fn answer(mut stream: TcpStream, seen: &Mutex<Vec<String>>) {
    let mut reader = BufReader::new(stream.try_clone().unwrap());
    loop {
        let mut line = String::new();
        if reader.read_line(&mut line).unwrap_or(0) == 0 {
            return;
        }
        let mut parts = line.split_whitespace();
        let (method, path) = (parts.next().unwrap_or("").to_string(), parts.next().unwrap_or("").to_string());
        let mut header = String::new();
        while reader.read_line(&mut header).is_ok_and(|n| n > 2) {
            if header.to_ascii_lowercase().starts_with("authorization:") {
                seen.lock().unwrap().push(header.trim_end().to_string());
            }
            header.clear();
        }
        seen.lock().unwrap().push(format!("{method} {path}"));
        let (status, location) = match (method.as_str(), path.as_str()) {
            (_, "/ok") => ("200 OK", None),
            (_, "/gone") => ("404 Not Found", None),
            (_, "/login") => ("401 Unauthorized", None),
            (_, "/moved") => ("301 Moved Permanently", Some("/ok")),
            (_, "/for-now") => ("302 Found", Some("/ok")),
            ("HEAD", "/no-head") => ("405 Method Not Allowed", None),
            (_, "/no-head") => ("200 OK", None),
            (_, "/loop") => ("301 Moved Permanently", Some("/loop")),
            (_, "/never") => {
                std::thread::sleep(std::time::Duration::from_secs(30));
                return;
            }
            ("HEAD", "/endless") => ("405 Method Not Allowed", None),
            (_, "/endless") => return endless(&mut stream, b"HTTP/1.1 200 OK\r\n\r\n", b"page ", seen),
            (_, "/endless-headers") => return endless(&mut stream, b"HTTP/1.1 200 OK\r\n", b"X-More: yes\r\n", seen),
            (_, "/drip") => return drip(&mut stream),
            (_, "/slow-loop") => {
                std::thread::sleep(std::time::Duration::from_millis(700));
                ("301 Moved Permanently", Some("/slow-loop"))
            }
            (_, "/to-metadata") => ("301 Moved Permanently", Some("http://169.254.169.254/latest/meta-data/")),
            (_, "/to-a-number") => ("302 Found", Some("http://2852039166/latest/meta-data/")),
            _ => ("500 Internal Server Error", None),
        };
        let location = location.map(|l| format!("Location: {l}\r\n")).unwrap_or_default();
        let body = if method == "HEAD" { "" } else { "page" };
        let head = format!("HTTP/1.1 {status}\r\n{location}Content-Length: 4\r\n\r\n");
        if stream.write_all(head.as_bytes()).and_then(|()| stream.write_all(body.as_bytes())).is_err() {
            return;
        }
    }
}

/// Sends `head`, then `more` until the client hangs up; records how much.
fn endless(stream: &mut TcpStream, head: &[u8], more: &[u8], seen: &Mutex<Vec<String>>) {
    let chunk = more.repeat(64 * 1024 / more.len());
    let mut sent = head.len();
    if stream.write_all(head).is_ok() {
        while stream.write_all(&chunk).is_ok() {
            sent += chunk.len();
        }
    }
    seen.lock().unwrap().push(format!("hung up after {} KiB", sent / 1024));
}

/// A status line, then a header one byte every tenth of a second, for ever.
fn drip(stream: &mut TcpStream) {
    let _ = stream.write_all(b"HTTP/1.1 200 OK\r\n");
    while stream.write_all(b"X").and_then(|()| stream.flush()).is_ok() {
        std::thread::sleep(std::time::Duration::from_millis(100));
    }
}

/// A port nothing listens on: connections to it are refused.
fn closed_port() -> u16 {
    TcpListener::bind("127.0.0.1:0").unwrap().local_addr().unwrap().port()
}

#[test]
fn the_fetcher_tells_live_moved_broken_and_silent_addresses_apart() {
    let s = Server::start();
    let urls: Vec<String> = ["/ok", "/gone", "/moved", "/for-now", "/no-head", "/loop", "/never", "/login"]
        .iter()
        .map(|p| s.url(p))
        .chain([format!("http://127.0.0.1:{}/", closed_port()), "https://exa mple.org/".into()])
        .collect();
    let opts = FetchOptions { concurrency: 4, timeout: std::time::Duration::from_secs(1), max_redirects: 3 };
    let started = std::time::Instant::now();
    let outcomes = check_all(&urls, &opts);
    assert!(started.elapsed() < std::time::Duration::from_secs(5), "the time limit holds: {:?}", started.elapsed());
    let no_answer = |why: &str| Outcome::NoAnswer { why: why.into() };
    assert_eq!(
        outcomes,
        vec![
            Outcome::Ok { status: 200 },
            Outcome::Error { status: 404 },
            Outcome::Moved { to: s.url("/ok") },
            Outcome::Ok { status: 200 },
            Outcome::Ok { status: 200 },
            no_answer("more than 3 redirects"),
            no_answer("no answer within the time limit"),
            Outcome::Error { status: 401 },
            no_answer("connection refused"),
            no_answer("not a valid web address"),
        ]
    );
    let asked = s.requests();
    assert!(asked.contains(&"HEAD /no-head".into()) && asked.contains(&"GET /no-head".into()), "{asked:?}");
    assert!(!asked.contains(&"GET /ok".into()), "HEAD is enough when it answers: {asked:?}");
}

/// A document citing the server's pages: `/ok` twice, in the body and in
/// its references.
fn library(s: &Server, refused: u16) -> Fixture {
    let body = format!(
        "## Links\n\nSee [the guide]({ok}) and [the guide again]({ok}).\n\nThe [old standards]({gone}).\n\n## More\n\nThe [intranet page](http://127.0.0.1:{refused}/policies).\n",
        ok = s.url("/ok"),
        gone = s.url("/gone"),
    );
    let references = format!(
        "references:\n  - {{ title: Moved guidance, publisher: NHS Employers, url: \"{}\" }}\n  - {{ title: Picky server, url: \"{}\" }}\n  - {{ title: Same guide, url: \"{}\" }}\n",
        s.url("/moved"),
        s.url("/no-head"),
        s.url("/ok")
    );
    Fixture::new(&[
        ("a.md", &clean("POL/001/001", &references, &body)),
        ("b.md", &clean("POL/001/002", "", "## S\n\nT.\n")),
    ])
}

fn check_external(f: &Fixture, today: &str, out: &str, extra: &[&str]) -> (serde_json::Value, std::process::Output) {
    let mut args = vec!["check", "content", "--external", "--out", out, "--format", "json", "--today", today];
    args.extend_from_slice(extra);
    let out = f.run(&args);
    let report = serde_json::from_slice(&out.stdout).unwrap_or(serde_json::Value::Null);
    (report, out)
}

#[test]
fn x010_for_each_place_of_a_broken_link_each_address_asked_once_and_cached_for_a_week() {
    let s = Server::start();
    let refused = closed_port();
    let f = library(&s, refused);
    let (r, out) = check_external(&f, "2026-11-23", "out", &[]);
    assert_eq!(out.status.code(), Some(0), "warnings only: {}", stderr(&out));
    assert!(
        stderr(&out).contains("asking 5 external links whether they answer (0 known from the last week)"),
        "{}",
        stderr(&out)
    );
    let x010: Vec<_> = with_code(&r, "X010").iter().map(|d| (d["line"].clone(), d["message"].clone())).collect();
    assert_eq!(
        x010,
        vec![
            (
                serde_json::json!(27),
                serde_json::json!(format!("the external link {} answers 404 (Not Found)", s.url("/gone")))
            ),
            (
                serde_json::json!(31),
                serde_json::json!(format!(
                    "the external link http://127.0.0.1:{refused}/policies does not answer (connection refused)"
                ))
            ),
        ]
    );
    assert_eq!(
        s.requests(),
        vec!["GET /gone", "GET /no-head", "HEAD /gone", "HEAD /moved", "HEAD /no-head", "HEAD /ok", "HEAD /ok"],
        "each address once, cited twice or not (a HEAD answered with an error is asked again with GET; /ok also as where /moved leads)"
    );
    assert!(f.path("out/.trustdocs/links.json").is_file());
    assert!(f.path("out/.trustdocs/output").is_file(), "the output folder is marked as trustdocs' own");

    // Within the week: only the broken links are asked again.
    s.forget();
    let (r, out) = check_external(&f, "2026-11-29", "out", &[]);
    assert!(
        stderr(&out).contains("asking 2 external links whether they answer (3 known from the last week)"),
        "{}",
        stderr(&out)
    );
    assert_eq!(with_code(&r, "X010").len(), 2);
    assert_eq!(s.requests(), vec!["GET /gone", "HEAD /gone"]);
    // A week later, everything again.
    s.forget();
    check_external(&f, "2026-12-07", "out", &[]);
    assert!(s.requests().contains(&"HEAD /ok".to_string()));
    // Without --external, nothing is asked.
    s.forget();
    let plain = f.check_json();
    assert!(with_code(&plain, "X010").is_empty() && s.requests().is_empty());
}

#[test]
fn only_the_chosen_documents_links_are_asked() {
    let s = Server::start();
    let f = library(&s, closed_port());
    let (r, out) = check_external(&f, "2026-11-23", "out", &["POL/001/002"]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    assert!(with_code(&r, "X010").is_empty());
    assert!(s.requests().is_empty(), "{:?}", s.requests());
}

#[test]
fn the_cache_goes_only_into_an_output_folder_of_trustdocs_own() {
    let s = Server::start();
    let f = library(&s, closed_port());
    f.write("mine/notes.txt", "my notes");
    for out in ["content", "content/x", "mine", "."] {
        let (_, o) = check_external(&f, "2026-11-23", out, &[]);
        assert_eq!(o.status.code(), Some(2), "--out {out}: {}", stderr(&o));
        assert!(stderr(&o).contains("refusing"), "{}", stderr(&o));
    }
    assert_eq!(f.read("mine/notes.txt"), "my notes");
    assert!(!f.path("mine/.trustdocs").exists() && !f.path("content/.trustdocs").exists());
    assert!(s.requests().is_empty(), "nothing is asked before the folder is judged");
}

#[test]
fn the_references_page_and_csv_show_each_links_state_after_a_build() {
    let s = Server::start();
    let refused = closed_port();
    let f = library(&s, refused);
    check_external(&f, "2026-11-23", "out", &[]);
    assert!(f.build(&[]).status.success());
    assert!(f.path("out/.trustdocs/links.json").is_file(), "the build keeps the cache");
    let html = f.read("out/references/index.html");
    let rows = select_texts(&html, "tbody tr");
    let row = |needle: &str| rows.iter().find(|r| r.contains(needle)).unwrap_or_else(|| panic!("{needle}: {rows:?}"));
    assert!(row("the guide again").contains("ok 2026-11-23"), "{rows:?}");
    assert!(row("old standards").contains("error 404"), "{rows:?}");
    assert!(row("intranet page").contains("2 More line 31 does not answer (connection refused)"), "{rows:?}");
    assert!(row("Moved guidance").contains(&format!("moved now at {}", s.url("/ok"))), "{rows:?}");
    let problems = select_texts(&f.read("out/references/problems/index.html"), "tbody tr");
    assert_eq!(problems.len(), 3, "404, no answer, moved: {problems:?}");
    let csv = f.read("out/references/references.csv");
    assert!(csv.lines().next().unwrap().ends_with(",section,line,last_checked,link_status"));
    assert!(csv.contains(&format!(",,,{},,,no,1 Links,27,2026-11-23,error 404\n", s.url("/gone"))), "{csv}");
}

#[test]
fn a_hostile_server_gets_bounded_time_and_bytes_and_no_way_to_the_metadata_service() {
    let s = Server::start();
    let paths = ["/endless", "/endless-headers", "/drip", "/slow-loop", "/to-metadata", "/to-a-number"];
    let urls: Vec<String> = paths
        .iter()
        .map(|p| s.url(p))
        .chain(["http://169.254.169.254/latest/meta-data/".into(), "http://[::ffff:169.254.169.254]/".into()])
        .collect();
    let opts = FetchOptions { concurrency: 8, timeout: std::time::Duration::from_secs(1), max_redirects: 3 };
    let started = std::time::Instant::now();
    let outcomes = check_all(&urls, &opts);
    assert!(started.elapsed() < std::time::Duration::from_secs(4), "the time limit holds: {:?}", started.elapsed());
    assert_eq!(outcomes[0], Outcome::Ok { status: 200 }, "a GET's endless body is never read");
    assert!(matches!(&outcomes[1], Outcome::NoAnswer { .. }), "endless headers: {:?}", outcomes[1]);
    assert_eq!(outcomes[2], Outcome::NoAnswer { why: "no answer within the time limit".into() });
    // Redirects that each come just within the limit still end by the address's own deadline.
    assert_eq!(outcomes[3], Outcome::NoAnswer { why: "no answer within the time limit".into() });
    let refused = |o: &Outcome| matches!(o, Outcome::NoAnswer { why } if why.starts_with("not asked: ") && why.contains("169.254.169.254, a link-local address"));
    for (url, o) in urls.iter().zip(&outcomes).skip(4) {
        assert!(refused(o), "{url}: {o:?}");
    }
    // Each endless answer (the headers twice: HEAD, then GET) ends when the checker hangs up;
    // what was sent by then is what the kernel's socket buffers took, a few MiB at most.
    std::thread::sleep(std::time::Duration::from_millis(300));
    let hung_up: Vec<_> = s.requests().into_iter().filter(|r| r.starts_with("hung up")).collect();
    let kib = |r: &String| r.split_whitespace().nth(3).and_then(|n| n.parse::<usize>().ok()).unwrap_or(usize::MAX);
    assert!(hung_up.iter().all(|r| kib(r) < 16 * 1024), "{hung_up:?}");
    assert_eq!(hung_up.len(), 3, "{:?}", s.requests());
}

#[test]
fn cloud_metadata_services_are_never_asked_however_their_address_is_written() {
    let urls = [
        "http://100.100.100.200/latest/meta-data/",
        "http://192.0.0.192/latest/meta-data/",
        "http://[fd00:ec2::254]/latest/meta-data/",
        "http://[::ffff:100.100.100.200]/",
        "http://[::169.254.169.254]/latest/meta-data/",
        "http://[::ffff:a9fe:a9fe]/latest/meta-data/",
        "http://[64:ff9b::169.254.169.254]/latest/meta-data/",
    ]
    .map(String::from);
    let opts = FetchOptions { concurrency: 8, timeout: std::time::Duration::from_secs(1), max_redirects: 3 };
    for (url, o) in urls.iter().zip(check_all(&urls, &opts)) {
        let refused = matches!(&o, Outcome::NoAnswer { why } if why.starts_with("not asked: ")
            && (why.ends_with(", a cloud metadata address") || why.ends_with(", a link-local address")));
        assert!(refused, "{url}: {o:?}");
    }
}

#[test]
fn no_proxy_is_taken_from_the_environment() {
    let s = Server::start();
    let proxy = TcpListener::bind("127.0.0.1:0").unwrap();
    proxy.set_nonblocking(true).unwrap();
    let proxy_url = format!("http://{}", proxy.local_addr().unwrap());
    let body = format!(
        "## Links\n\nThe [guide]({}).\n\nThe [metadata](http://169.254.169.254/latest/meta-data/).\n",
        s.url("/ok")
    );
    let f = Fixture::new(&[("a.md", &clean("POL/001/001", "", &body))]);
    let proxies = ["ALL_PROXY", "all_proxy", "HTTPS_PROXY", "https_proxy", "HTTP_PROXY", "http_proxy"];
    let mut env: Vec<(&str, &str)> = proxies.iter().map(|k| (*k, proxy_url.as_str())).collect();
    env.extend([("NO_PROXY", ""), ("no_proxy", "")]);
    let args = ["check", "content", "--external", "--out", "out", "--format", "json", "--today", "2026-11-23"];
    let out = f.run_with_env(&args, &env);
    // A connection the proxy was sent waits in its queue, accepted or not.
    assert!(proxy.accept().is_err(), "the proxy was asked");
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    assert_eq!(s.requests(), vec!["HEAD /ok"], "asked directly");
    let r: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    let x010: Vec<_> = with_code(&r, "X010").iter().map(|d| d["message"].as_str().unwrap().to_string()).collect();
    assert_eq!(x010, ["the external link http://169.254.169.254/latest/meta-data/ does not answer (not asked: 169.254.169.254 leads to 169.254.169.254, a link-local address)"]);
}

#[test]
fn a_user_name_and_password_in_a_link_are_never_sent_and_x011_says_so() {
    let s = Server::start();
    let body = format!(
        "## Links\n\nThe [dashboard](http://lsms:Winter2026@127.0.0.1:{}/ok).\n\nThe [guide]({}).\n",
        s.port,
        s.url("/ok")
    );
    let text = clean("POL/001/001", "", &body);
    let f = Fixture::new(&[("a.md", &text)]);
    let (r, out) = check_external(&f, "2026-11-23", "out", &[]);
    assert_eq!(out.status.code(), Some(0), "warnings only: {}", stderr(&out));
    assert_eq!(s.requests(), vec!["HEAD /ok", "HEAD /ok"], "no Authorization header");
    let x011 = with_code(&r, "X011");
    assert_eq!(x011.len(), 1, "{:#}", r["diagnostics"]);
    assert_eq!(
        x011[0]["message"],
        format!(
            "the external link {} has a user name or password written in it, which everyone who can read the document can read (`check --external` asks it without them)",
            s.url("/ok")
        )
    );
    assert_eq!(x011[0]["line"], line_of(&text, "[dashboard]"));
    assert_eq!(x011[0]["severity"], "warning");
    assert!(x011[0]["help"].as_str().unwrap().starts_with("remove the user name and password from the address"));
    assert!(with_code(&r, "X010").is_empty(), "the page answered without the login");
    // A plain check says so too: the page publishes the login whether or not links are asked.
    assert_eq!(with_code(&f.check_json(), "X011").len(), 1);
}
