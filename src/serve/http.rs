//! A small HTTP/1.1 server for `serve`: static files from memory, and a
//! server-sent events stream that tells open pages to reload.

use std::collections::HashMap;
use std::io::{BufRead, BufReader, Read, Write};
use std::net::{TcpListener, TcpStream};
use std::sync::{Arc, Mutex, RwLock};
use std::time::Duration;

/// The built site, path → bytes, swapped whole or page by page as edits land.
pub type SiteFiles = Arc<RwLock<HashMap<String, Arc<Vec<u8>>>>>;

/// What open pages are told: reload, or show a problem with the last edit.
#[derive(Clone, Default)]
pub struct Live {
    clients: Arc<Mutex<Vec<TcpStream>>>,
    /// Diagnostics of a broken edit, shown on every page until it is fixed.
    pub notice: Arc<RwLock<Option<String>>>,
}

pub const EVENTS: &str = "/__trustdocs/events";

impl Live {
    /// Sends an event to every open page. Their connections do not block: a
    /// page that has gone, or reads too slowly to take the event at once,
    /// is dropped (a browser reconnects), so no rebuild ever waits for one.
    pub fn send(&self, event: &str, data: &str) {
        let payload = format!("event: {event}\ndata: {}\n\n", data.replace('\n', "\ndata: "));
        let mut clients = self.clients.lock().unwrap_or_else(|e| e.into_inner());
        clients.retain_mut(|c| c.write_all(payload.as_bytes()).and_then(|()| c.flush()).is_ok());
    }

    pub fn set_notice(&self, notice: Option<String>) {
        *self.notice.write().unwrap_or_else(|e| e.into_inner()) = notice.clone();
        match notice {
            Some(n) => self.send("notice", &n),
            None => self.send("notice", ""),
        }
    }
}

/// The most a request's line and headers may take.
const MAX_HEAD: u64 = 16 * 1024;
/// How long a connection may take to send its request.
const READ_TIMEOUT: Duration = Duration::from_secs(5);
/// How long a response may wait for the other end to read it.
const WRITE_TIMEOUT: Duration = Duration::from_secs(30);

/// Serves until the process ends. Each connection gets a thread: this is a
/// preview server for one author, not a production web server. It answers
/// only requests addressed to it (`Host` 127.0.0.1:PORT or localhost:PORT),
/// so that a web page elsewhere cannot read the preview through a DNS name
/// that it points at 127.0.0.1.
pub fn run(listener: TcpListener, files: SiteFiles, live: Live) {
    let port = listener.local_addr().map_or(0, |a| a.port());
    for stream in listener.incoming().flatten() {
        let (files, live) = (files.clone(), live.clone());
        std::thread::spawn(move || {
            let _ = handle(stream, port, &files, &live);
        });
    }
}

/// A request's line and the `Host` it was sent to.
struct Request {
    method: String,
    target: String,
    host: Option<String>,
}

/// Reads the request line and headers, at most `MAX_HEAD` bytes of them.
/// `Ok(None)`: too large or cut short.
fn read_head(stream: &TcpStream) -> std::io::Result<Option<Request>> {
    let mut reader = BufReader::new(stream.take(MAX_HEAD));
    let mut request_line = String::new();
    reader.read_line(&mut request_line)?;
    let mut host = None;
    loop {
        let mut line = String::new();
        if reader.read_line(&mut line)? == 0 || !line.ends_with('\n') {
            return Ok(None);
        }
        let line = line.trim_end();
        if line.is_empty() {
            break;
        }
        if let Some((name, value)) = line.split_once(':') {
            if name.trim().eq_ignore_ascii_case("host") {
                host = Some(value.trim().to_ascii_lowercase());
            }
        }
    }
    let mut parts = request_line.split_whitespace();
    let (method, target) = (parts.next().unwrap_or("").to_string(), parts.next().unwrap_or("/").to_string());
    Ok(Some(Request { method, target, host }))
}

/// Whether a `Host` names this server. A name without a port is taken
/// too: a browser sends one only for port 80, so a page elsewhere whose name
/// was pointed at 127.0.0.1 still sends its own name, which is refused.
fn addressed_to_us(host: Option<&str>, port: u16) -> bool {
    let Some(host) = host else { return false };
    let name = host.strip_suffix(&format!(":{port}")).unwrap_or(host);
    name == "127.0.0.1" || name == "localhost"
}

fn handle(mut stream: TcpStream, port: u16, files: &SiteFiles, live: &Live) -> std::io::Result<()> {
    stream.set_read_timeout(Some(READ_TIMEOUT))?;
    stream.set_write_timeout(Some(WRITE_TIMEOUT))?;
    let Some(Request { method, target, host }) = read_head(&stream)? else {
        return respond(&mut stream, "431 Request Header Fields Too Large", "text/plain", b"request too large", false);
    };
    let head = method == "HEAD";
    if !addressed_to_us(host.as_deref(), port) {
        let body = format!("this preview answers only http://127.0.0.1:{port}/ and http://localhost:{port}/");
        return respond(&mut stream, "421 Misdirected Request", "text/plain; charset=utf-8", body.as_bytes(), head);
    }
    if method != "GET" && !head {
        return respond(&mut stream, "405 Method Not Allowed", "text/plain", b"only GET", head);
    }
    let path = target.split(['?', '#']).next().unwrap_or("/");
    if path == EVENTS {
        stream.write_all(b"HTTP/1.1 200 OK\r\nContent-Type: text/event-stream\r\nCache-Control: no-store\r\nConnection: keep-alive\r\n\r\n: connected\n\n")?;
        stream.set_nonblocking(true)?;
        live.clients.lock().unwrap_or_else(|e| e.into_inner()).push(stream);
        return Ok(());
    }
    let key = site_path(path);
    let body = files.read().unwrap_or_else(|e| e.into_inner()).get(&key).cloned();
    match body {
        Some(bytes) if key.ends_with(".html") => {
            let html = inject(&bytes, live.notice.read().unwrap_or_else(|e| e.into_inner()).as_deref());
            respond(&mut stream, "200 OK", "text/html; charset=utf-8", html.as_bytes(), head)
        }
        Some(bytes) => respond(&mut stream, "200 OK", content_type(&key), &bytes, head),
        None => respond(
            &mut stream,
            "404 Not Found",
            "text/plain; charset=utf-8",
            format!("no page at {path}").as_bytes(),
            head,
        ),
    }
}

/// `/documents/a/` → `documents/a/index.html`, with `%20` and friends decoded.
fn site_path(path: &str) -> String {
    let decoded = crate::model::url::percent_decode_lossy(path.trim_start_matches('/'));
    let clean: Vec<&str> = decoded.split('/').filter(|s| !s.is_empty() && *s != "." && *s != "..").collect();
    let mut key = clean.join("/");
    if path.ends_with('/') || key.is_empty() {
        if !key.is_empty() {
            key.push('/');
        }
        key.push_str("index.html");
    }
    key
}

fn content_type(path: &str) -> &'static str {
    match path.rsplit('.').next().unwrap_or("") {
        "css" => "text/css; charset=utf-8",
        "js" | "mjs" => "text/javascript; charset=utf-8",
        "json" => "application/json",
        "xml" => "application/xml",
        "atom" => "application/atom+xml",
        "ics" => "text/calendar; charset=utf-8",
        "csv" => "text/csv; charset=utf-8",
        "pdf" => "application/pdf",
        "png" => "image/png",
        "jpg" | "jpeg" => "image/jpeg",
        "svg" => "image/svg+xml",
        "gif" => "image/gif",
        "ttf" => "font/ttf",
        _ => "application/octet-stream",
    }
}

fn respond(stream: &mut TcpStream, status: &str, kind: &str, body: &[u8], head: bool) -> std::io::Result<()> {
    write!(stream, "HTTP/1.1 {status}\r\nContent-Type: {kind}\r\nContent-Length: {}\r\nCache-Control: no-store\r\nConnection: close\r\n\r\n", body.len())?;
    if !head {
        stream.write_all(body)?;
    }
    stream.flush()
}

/// The live-reload script and, after a broken edit, its notice. Only the
/// preview server adds these; built sites never carry them.
fn inject(html: &[u8], notice: Option<&str>) -> String {
    let html = String::from_utf8_lossy(html);
    let mut extra = String::from(LIVE_SCRIPT);
    if let Some(n) = notice {
        extra.push_str("<div id=\"td-live-notice\" role=\"alert\" class=\"td-live-notice\"><strong>The last edit has problems; this is the last good version.</strong><pre>");
        crate::text::escape_html(n, &mut extra);
        extra.push_str("</pre></div>");
    }
    match html.rfind("</body>") {
        Some(i) => format!("{}{extra}{}", &html[..i], &html[i..]),
        None => format!("{html}{extra}"),
    }
}

const LIVE_SCRIPT: &str = r#"<script>
(function () {
  var events = new EventSource("/__trustdocs/events");
  events.addEventListener("reload", function () { location.reload(); });
  events.addEventListener("listings", function () {
    if (location.pathname.indexOf("/documents/") < 0) location.reload();
  });
  events.addEventListener("notice", function (e) {
    var old = document.getElementById("td-live-notice");
    if (old) old.remove();
    if (!e.data) return;
    var box = document.createElement("div");
    box.id = "td-live-notice"; box.setAttribute("role", "alert"); box.className = "td-live-notice";
    var title = document.createElement("strong");
    title.textContent = "The last edit has problems; this is the last good version.";
    var pre = document.createElement("pre"); pre.textContent = e.data;
    box.appendChild(title); box.appendChild(pre); document.body.appendChild(box);
  });
})();
</script>
<style>.td-live-notice{position:fixed;left:0;right:0;bottom:0;max-height:40vh;overflow:auto;background:#fff9c4;color:#212b32;border-top:4px solid #d5281b;padding:12px 16px;z-index:100;font-size:16px}.td-live-notice pre{white-space:pre-wrap;margin:8px 0 0}</style>
"#;

#[cfg(test)]
mod tests {
    use super::site_path;

    #[test]
    fn addresses_map_to_files_and_never_climb_out() {
        assert_eq!(site_path("/"), "index.html");
        assert_eq!(site_path("/documents/a/"), "documents/a/index.html");
        assert_eq!(site_path("/static/style.css"), "static/style.css");
        assert_eq!(site_path("/../../etc/passwd"), "etc/passwd");
        assert_eq!(site_path("/assets/site%20map.png"), "assets/site map.png");
    }
}
