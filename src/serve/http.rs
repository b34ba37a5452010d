//! A small HTTP/1.1 server for `serve`: static files from memory, and a
//! server-sent events stream that tells open pages to reload.

use std::collections::HashMap;
use std::io::{BufRead, BufReader, Write};
use std::net::{TcpListener, TcpStream};
use std::sync::{Arc, Mutex, RwLock};

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
    /// Sends an event to every open page; pages that have gone are dropped.
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

/// Serves until the process ends. Each connection gets a thread: this is a
/// preview server for one author, not a production web server.
pub fn run(listener: TcpListener, files: SiteFiles, live: Live) {
    for stream in listener.incoming().flatten() {
        let (files, live) = (files.clone(), live.clone());
        std::thread::spawn(move || {
            let _ = handle(stream, &files, &live);
        });
    }
}

fn handle(mut stream: TcpStream, files: &SiteFiles, live: &Live) -> std::io::Result<()> {
    let mut reader = BufReader::new(stream.try_clone()?);
    let mut request_line = String::new();
    reader.read_line(&mut request_line)?;
    // Read and ignore the headers.
    let mut line = String::new();
    while reader.read_line(&mut line)? > 2 {
        line.clear();
    }
    let mut parts = request_line.split_whitespace();
    let (method, target) = (parts.next().unwrap_or(""), parts.next().unwrap_or("/"));
    if method != "GET" && method != "HEAD" {
        return respond(&mut stream, "405 Method Not Allowed", "text/plain", b"only GET", method == "HEAD");
    }
    let path = target.split(['?', '#']).next().unwrap_or("/");
    if path == EVENTS {
        stream.write_all(b"HTTP/1.1 200 OK\r\nContent-Type: text/event-stream\r\nCache-Control: no-store\r\nConnection: keep-alive\r\n\r\n: connected\n\n")?;
        live.clients.lock().unwrap_or_else(|e| e.into_inner()).push(stream);
        return Ok(());
    }
    let key = site_path(path);
    let body = files.read().unwrap_or_else(|e| e.into_inner()).get(&key).cloned();
    match body {
        Some(bytes) if key.ends_with(".html") => {
            let html = inject(&bytes, live.notice.read().unwrap_or_else(|e| e.into_inner()).as_deref());
            respond(&mut stream, "200 OK", "text/html; charset=utf-8", html.as_bytes(), method == "HEAD")
        }
        Some(bytes) => respond(&mut stream, "200 OK", content_type(&key), &bytes, method == "HEAD"),
        None => respond(
            &mut stream,
            "404 Not Found",
            "text/plain; charset=utf-8",
            format!("no page at {path}").as_bytes(),
            method == "HEAD",
        ),
    }
}

/// `/documents/a/` → `documents/a/index.html`, with `%20` and friends decoded.
fn site_path(path: &str) -> String {
    let decoded = percent_decode(path.trim_start_matches('/'));
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

fn percent_decode(s: &str) -> String {
    let bytes = s.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        let hex = |b: u8| (b as char).to_digit(16);
        match (bytes[i], bytes.get(i + 1).and_then(|b| hex(*b)), bytes.get(i + 2).and_then(|b| hex(*b))) {
            (b'%', Some(h), Some(l)) => {
                out.push((h * 16 + l) as u8);
                i += 3;
            }
            (b, _, _) => {
                out.push(b);
                i += 1;
            }
        }
    }
    String::from_utf8_lossy(&out).into_owned()
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
