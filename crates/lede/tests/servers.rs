//! Several `lede serve` processes on one PostgreSQL database, each with its own data
//! directory as separate machines would have: what one server changes, the others show within
//! the contract's two seconds; servers started at once on an empty database all come up, load
//! the demo once and share one secret.

use std::io::{Read, Write};
use std::net::{TcpListener, TcpStream};
use std::path::PathBuf;
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

use lede_store::test_support::TestDb;

const LEDE: &str = env!("CARGO_BIN_EXE_lede");
/// The contract: a change made through one server shows on the others within this.
const VISIBLE_WITHIN: Duration = Duration::from_secs(2);
const PASSWORD: &str = "a long enough password";

struct Server {
    child: Child,
    addr: String,
    data: PathBuf,
}

impl Server {
    /// Starts `lede serve` on `url` with a data directory of its own; waits for nothing.
    fn spawn(url: &str, name: &str, demo: bool) -> Self {
        let data = std::env::temp_dir().join(format!(
            "lede-servers-{name}-{}-{:x}",
            std::process::id(),
            Instant::now().elapsed().subsec_nanos() ^ rand_u32()
        ));
        std::fs::create_dir_all(&data).expect("data dir");
        std::fs::write(data.join("lede.toml"), "comment_min_seconds = 0\n").expect("config");
        let log = std::fs::File::create(data.join("log.txt")).expect("log file");
        let addr = format!(
            "127.0.0.1:{}",
            TcpListener::bind("127.0.0.1:0").expect("bind").local_addr().expect("addr").port()
        );
        let mut command = Command::new(LEDE);
        command.args(["serve", "--addr", &addr, "--database-url", url, "--data"]).arg(&data);
        if demo {
            command.arg("--demo");
        }
        let child = command
            .env("NO_COLOR", "1")
            .stdout(Stdio::null())
            .stderr(Stdio::from(log))
            .spawn()
            .expect("start lede");
        Self { child, addr, data }
    }

    fn wait_until_up(&mut self) {
        let deadline = Instant::now() + Duration::from_secs(180);
        while Instant::now() < deadline {
            if let Some(status) = self.child.try_wait().expect("wait") {
                panic!("lede at {} exited ({status}): {}", self.addr, self.log());
            }
            if self.get("/healthz").is_some_and(|r| r.status == 200) {
                return;
            }
            std::thread::sleep(Duration::from_millis(100));
        }
        panic!("lede at {} did not answer /healthz: {}", self.addr, self.log());
    }

    fn start(url: &str, name: &str, demo: bool) -> Self {
        let mut server = Self::spawn(url, name, demo);
        server.wait_until_up();
        server
    }

    fn log(&self) -> String {
        std::fs::read_to_string(self.data.join("log.txt")).unwrap_or_default()
    }

    fn get(&self, path: &str) -> Option<Response> {
        self.send("GET", path, None, "")
    }

    fn page(&self, path: &str, cookie: Option<&str>) -> Response {
        self.send("GET", path, cookie, "").unwrap_or_else(|| panic!("GET {path} failed"))
    }

    fn post(&self, path: &str, cookie: Option<&str>, form: &[(String, String)]) -> Response {
        let body = serde_urlencoded::to_string(form).expect("a form");
        self.send("POST", path, cookie, &body).unwrap_or_else(|| panic!("POST {path} failed"))
    }

    fn send(&self, method: &str, path: &str, cookie: Option<&str>, body: &str) -> Option<Response> {
        let cookie = cookie.map(|c| format!("Cookie: {c}\r\n")).unwrap_or_default();
        let form = if method == "POST" {
            format!(
                "Content-Type: application/x-www-form-urlencoded\r\nContent-Length: {}\r\n",
                body.len()
            )
        } else {
            String::new()
        };
        let raw = format!(
            "{method} {path} HTTP/1.1\r\nHost: {}\r\n{cookie}{form}Connection: close\r\n\r\n{body}",
            self.addr
        );
        let mut stream = TcpStream::connect(&self.addr).ok()?;
        stream.set_read_timeout(Some(Duration::from_secs(30))).ok()?;
        stream.write_all(raw.as_bytes()).ok()?;
        let mut response = String::new();
        stream.read_to_string(&mut response).ok()?;
        let (head, body) = response.split_once("\r\n\r\n")?;
        let status = head.split_whitespace().nth(1)?.parse().ok()?;
        Some(Response { status, head: head.to_owned(), body: body.to_owned() })
    }

    /// Polls `path` until `shows` holds, for at most the contract's deadline. Prints how long
    /// it took (for the record, not asserted: the deadline is the contract).
    fn shows_within_deadline(&self, path: &str, shows: impl Fn(&Response) -> bool) -> bool {
        let started = Instant::now();
        let deadline = started + VISIBLE_WITHIN;
        loop {
            if self.get(path).is_some_and(|r| shows(&r)) {
                eprintln!("{path} showed the change after {:?}", started.elapsed());
                return true;
            }
            if Instant::now() >= deadline {
                return false;
            }
            std::thread::sleep(Duration::from_millis(50));
        }
    }
}

impl Drop for Server {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
        let _ = std::fs::remove_dir_all(&self.data);
    }
}

struct Response {
    status: u16,
    head: String,
    body: String,
}

impl Response {
    fn cookie(&self, name: &str) -> Option<String> {
        self.head.lines().find_map(|line| {
            let value = line.strip_prefix("set-cookie: ").or(line.strip_prefix("Set-Cookie: "))?;
            let pair = value.split(';').next()?;
            pair.starts_with(&format!("{name}=")).then(|| pair.to_owned())
        })
    }

    fn html(&self) -> scraper::Html {
        scraper::Html::parse_document(&self.body)
    }
}

fn rand_u32() -> u32 {
    std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map(|d| d.subsec_nanos())
        .unwrap_or(0)
        ^ std::process::id()
}

fn selector(css: &str) -> scraper::Selector {
    scraper::Selector::parse(css).expect("selector")
}

/// The fields a browser would send from the form holding a field named `field`, as the page
/// fills them (buttons left out: the caller names the action).
fn form_fields(html: &scraper::Html, field: &str) -> Vec<(String, String)> {
    let form = html
        .select(&selector("form"))
        .find(|form| form.select(&selector(&format!("[name={field}]"))).next().is_some())
        .unwrap_or_else(|| panic!("a form with a field {field}"));
    let mut fields = Vec::new();
    for element in form.select(&selector("input[name], textarea[name], select[name]")) {
        let value = element.value();
        let name = value.attr("name").unwrap_or_default().to_owned();
        match value.name() {
            "input" => {
                let kind = value.attr("type").unwrap_or("text");
                if (kind == "checkbox" || kind == "radio") && value.attr("checked").is_none() {
                    continue;
                }
                fields.push((name, value.attr("value").unwrap_or_default().to_owned()));
            }
            "textarea" => fields.push((name, element.text().collect())),
            _ => {
                for option in element.select(&selector("option[selected]")) {
                    let text: String = option.text().collect();
                    let chosen = option.value().attr("value").map_or(text, str::to_owned);
                    fields.push((name.clone(), chosen));
                }
            }
        }
    }
    fields
}

fn set(fields: &mut Vec<(String, String)>, name: &str, value: &str) {
    fields.retain(|(n, _)| n != name);
    fields.push((name.to_owned(), value.to_owned()));
}

fn field(fields: &[(String, String)], name: &str) -> String {
    fields.iter().find(|(n, _)| n == name).map(|(_, v)| v.clone()).unwrap_or_default()
}

/// Makes an admin from the command line and signs in on `server`; returns the session cookie.
fn sign_in_as_admin(server: &Server, url: &str) -> String {
    let mut add = Command::new(LEDE)
        .args(["user", "add", "--email", "admin@example.com", "--name", "Ada Admin"])
        .args(["--role", "admin", "--database-url", url, "--data"])
        .arg(&server.data)
        .stdin(Stdio::piped())
        .stdout(Stdio::null())
        .stderr(Stdio::piped())
        .spawn()
        .expect("lede user add");
    add.stdin.take().expect("stdin").write_all(format!("{PASSWORD}\n").as_bytes()).expect("write");
    let added = add.wait_with_output().expect("lede user add ends");
    assert!(added.status.success(), "{}", String::from_utf8_lossy(&added.stderr));
    let form = [
        ("email".to_owned(), "admin@example.com".to_owned()),
        ("password".to_owned(), PASSWORD.to_owned()),
    ];
    let signed_in = server.post("/admin/sign-in", None, &form);
    assert_eq!(signed_in.status, 303, "signed in: {}", signed_in.body);
    signed_in.cookie("lede_session").expect("a session cookie")
}

/// A published demo article: its editor's address and its public address.
fn a_published_article(server: &Server, cookie: &str) -> (String, String) {
    let desk = server.page("/admin/articles", Some(cookie)).html();
    for link in desk.select(&selector("a[href^='/admin/articles/']")) {
        let href = link.value().attr("href").unwrap_or_default();
        if !href["/admin/articles/".len()..].chars().all(|c| c.is_ascii_digit()) {
            continue;
        }
        let editor = server.page(href, Some(cookie)).html();
        if editor.select(&selector("button[value=unpublish]")).next().is_some() {
            let slug = field(&form_fields(&editor, "headline"), "slug");
            // On the wire an address is ASCII: letters of other scripts are percent-encoded.
            let slug: String = slug
                .bytes()
                .map(|b| if b.is_ascii() { char::from(b).to_string() } else { format!("%{b:02X}") })
                .collect();
            return (href.to_owned(), format!("/articles/{slug}"));
        }
    }
    panic!("the demo has published articles on the desk");
}

/// Sends the editor's form for `editor` with `changes` and the button `action`.
fn edit(server: &Server, cookie: &str, editor: &str, changes: &[(&str, &str)], action: &str) {
    let mut fields = form_fields(&server.page(editor, Some(cookie)).html(), "headline");
    for (name, value) in changes {
        set(&mut fields, name, value);
    }
    set(&mut fields, "action", action);
    let saved = server.post(editor, Some(cookie), &fields);
    assert_eq!(saved.status, 303, "{action} through A: {}", saved.body);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn what_one_server_changes_the_other_shows_within_two_seconds() {
    let Some(db) = TestDb::postgres().await else { return };
    let url = db.url.clone();
    tokio::task::spawn_blocking(move || {
        let a = Server::start(&url, "a", true);
        let b = Server::start(&url, "b", false);
        let cookie = sign_in_as_admin(&a, &url);
        let (editor, public) = a_published_article(&a, &cookie);
        // B holds the pages in its cache before A changes them.
        for _ in 0..2 {
            assert_eq!(b.page(&public, None).status, 200);
            assert_eq!(b.page("/", None).status, 200);
        }

        edit(&a, &cookie, &editor, &[("headline", "Harbour wall rebuilt overnight")], "update");
        assert!(
            b.shows_within_deadline(&public, |r| r.body.contains("Harbour wall rebuilt overnight")),
            "an edit through A shows on B"
        );
        edit(&a, &cookie, &editor, &[], "unpublish");
        assert!(b.shows_within_deadline(&public, |r| r.status == 404), "unpublished on B too");
        assert!(
            b.shows_within_deadline("/", |r| !r.body.contains("Harbour wall rebuilt overnight")),
            "and off B's home page"
        );
        edit(&a, &cookie, &editor, &[], "publish");
        assert!(
            b.shows_within_deadline(&public, |r| r.status == 200
                && r.body.contains("Harbour wall rebuilt overnight")),
            "published again, on B too"
        );

        let mut settings = form_fields(&a.page("/admin/settings", Some(&cookie)).html(), "name");
        set(&mut settings, "name", "Saltmarsh Evening Post");
        let saved = a.post("/admin/settings", Some(&cookie), &settings);
        assert_eq!(saved.status, 303, "the settings saved: {}", saved.body);
        assert!(
            b.shows_within_deadline("/", |r| r.body.contains("Saltmarsh Evening Post")),
            "the site's new name on B"
        );
        assert!(
            b.shows_within_deadline(&public, |r| r.body.contains("Saltmarsh Evening Post")),
            "on B's article pages too"
        );
        for server in [&a, &b] {
            assert!(!server.log().contains("ERROR"), "{}", server.log());
        }
    })
    .await
    .expect("the test's thread");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn three_servers_started_at_once_load_the_demo_once_and_share_one_secret() {
    let Some(db) = TestDb::postgres().await else { return };
    let url = db.url.clone();
    tokio::task::spawn_blocking(move || {
        let mut servers: Vec<Server> =
            ["one", "two", "three"].iter().map(|name| Server::spawn(&url, name, true)).collect();
        for server in &mut servers {
            server.wait_until_up();
        }
        let loaded = servers.iter().filter(|s| s.log().contains("demo content loaded")).count();
        assert_eq!(loaded, 1, "exactly one server loads the demo");
        for server in &servers {
            let list = server.page("/articles", None);
            assert!(
                list.body.contains("Page 1 of 5"),
                "the 60 demo articles, once, on every server"
            );
            assert!(!server.log().contains("ERROR"), "{}", server.log());
        }
        // A comment form shown by one server is accepted by the others: one secret signs them.
        let path = "/articles/saltmarsh-community-sports-hall-opens";
        for (shown_by, sent_to) in [(0, 1), (1, 2), (2, 0)] {
            // A form token names the second its form was shown and is spent once used, on
            // every server (with one secret, the servers make the same token in one second).
            std::thread::sleep(Duration::from_millis(1100));
            let page = servers[shown_by].page(path, None).html();
            let mut form = form_fields(&page, "token");
            set(&mut form, "name", "Travelling Reader");
            set(&mut form, "email", "reader@example.com");
            set(&mut form, "text", &format!("Shown by {shown_by}, sent to {sent_to}."));
            let sent = servers[sent_to].post(&format!("{path}/comments"), None, &form);
            assert_eq!(sent.status, 303, "accepted by another server: {}", sent.body);
        }
    })
    .await
    .expect("the test's thread");
}
