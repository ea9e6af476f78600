//! The `lede` binary as an operator runs it: start-up, demo content, clean shutdown, clear
//! start-up errors, and comments that survive the process being killed.

mod support;

use std::io::Write;
use std::path::Path;
use std::process::{Command, Output, Stdio};
use std::time::{Duration, Instant};
use support::{LEDE, Server, TempDir, free_port, request};

/// What only these tests ask of a server: a form without a session, a signal, its exit.
impl Server {
    fn post_form(&self, path: &str, body: &str) -> (u16, String) {
        self.form(path, "", body)
    }

    fn signal(&self, signal: &str) {
        let status = Command::new("kill")
            .args([signal, &self.child.id().to_string()])
            .status()
            .expect("kill");
        assert!(status.success());
    }

    fn wait(mut self) -> std::process::ExitStatus {
        let deadline = Instant::now() + Duration::from_secs(30);
        loop {
            if let Some(status) = self.child.try_wait().expect("wait") {
                return status;
            }
            assert!(Instant::now() < deadline, "lede did not stop within 30 s");
            std::thread::sleep(Duration::from_millis(50));
        }
    }
}

fn lede(args: &[&str]) -> Output {
    Command::new(LEDE).args(args).output().expect("run lede")
}

fn serves_the_demo_and_stops_cleanly_on_sigterm(data: &Path, extra: &[&str]) {
    let server = Server::start(data, extra);
    let (status, home) = server.get("/");
    assert_eq!(status, 200);
    assert!(home.contains("Northbridge Courier"), "the demo site's name");
    let (_, list) = server.get("/articles");
    assert!(list.contains("Page 1 of 5"), "60 demo articles, 12 a page");
    let (status, article) = server.get("/articles/council-passes-budget-after-library-concession");
    assert_eq!(status, 200);
    assert!(article.contains("Margaret Holloway"), "a demo article with approved comments");
    let image = "/media/demo/council-passes-budget-after-library-concession.svg";
    assert!(article.contains(image), "the demo article shows its illustration");
    let (status, svg) = server.get(image);
    assert!(
        status == 200 && svg.contains("image/svg+xml"),
        "media are served from the data directory"
    );
    assert_ne!(server.get("/media/../lede.db").0, 200, "and nothing outside it");
    assert!(article.contains("width=\"1600\" height=\"900\""), "sized from the library");
    let (_, defence) = server.get("/articles/saltmarsh-flood-defence-scheme-wins-funding");
    assert!(
        defence.contains("<figcaption>Rescuers reached residents by boat")
            && defence.contains("<span class=\"credit\">Illustration: Northbridge Courier</span>"),
        "a body image with its caption and credit"
    );
    let (_, quiet) = server.get("/articles/tidelines-exhibition-river-aln-history");
    assert!(quiet.contains("There are no comments"), "most demo articles have none");
    let (_, urdu) = server.get("/ur/");
    assert!(
        urdu.contains("<a href=\"/ur/section/news\">خبریں</a>"),
        "the Urdu edition's menu names sections in Urdu"
    );
    assert!(
        home.contains("<a href=\"/section/news\">News</a>"),
        "the English edition's in English"
    );
    let (_, ayesha) = server.get("/ur/author/ayesha-siddiqui");
    assert!(ayesha.contains("عائشہ صدیقی") && ayesha.contains("کمیونٹی رپورٹر"), "her Urdu byline");
    server.signal("-TERM");
    assert!(server.wait().success(), "SIGTERM ends lede with success");
}

#[test]
fn serves_the_demo_on_sqlite() {
    let data = TempDir::new("sqlite");
    serves_the_demo_and_stops_cleanly_on_sigterm(&data.0, &[]);
    assert!(data.0.join("lede.db").is_file(), "the SQLite database lives in the data directory");
}

#[tokio::test(flavor = "multi_thread")]
async fn serves_the_demo_on_postgres() {
    let Some(db) = lede_store::test_support::TestDb::postgres().await else {
        return;
    };
    db.store.close().await;
    let data = TempDir::new("postgres");
    let url = db.url.clone();
    tokio::task::spawn_blocking(move || {
        serves_the_demo_and_stops_cleanly_on_sigterm(&data.0, &["--database-url", &url])
    })
    .await
    .expect("the test ran");
}

#[test]
fn an_acknowledged_comment_survives_a_kill() {
    let data = TempDir::new("durable");
    std::fs::write(data.0.join("lede.toml"), "comment_min_seconds = 0\n").expect("config");
    let server = Server::start(&data.0, &[]);
    let (_, page) = server.get("/articles/saltmarsh-community-sports-hall-opens");
    let html =
        scraper::Html::parse_document(page.split_once("\r\n\r\n").map_or("", |(_, body)| body));
    let token = html
        .select(&scraper::Selector::parse("input[name=token]").expect("selector"))
        .next()
        .and_then(|input| input.value().attr("value"))
        .expect("a form token")
        .to_owned();
    let body = format!(
        "token={token}&name=Durable+Reader&email=d%40example.com&website=&text=Kept+after+a+crash&homepage="
    );
    let (status, _) =
        server.post_form("/articles/saltmarsh-community-sports-hall-opens/comments", &body);
    assert_eq!(status, 303, "acknowledged");
    server.signal("-KILL");
    server.wait();
    let listed = lede(&["comments", "list", "--data", data.0.to_str().expect("utf-8 path")]);
    let stdout = String::from_utf8_lossy(&listed.stdout);
    assert!(
        listed.status.success()
            && stdout.contains("Durable Reader")
            && stdout.contains("Kept after a crash"),
        "{stdout}"
    );

    // Approve it from the command line; a restarted server shows it.
    let id = stdout
        .trim_start()
        .trim_start_matches('#')
        .split_whitespace()
        .next()
        .expect("an id")
        .to_owned();
    let approved =
        lede(&["comments", "approve", &id, "--data", data.0.to_str().expect("utf-8 path")]);
    assert!(approved.status.success(), "{}", String::from_utf8_lossy(&approved.stderr));
    // A form token names the second its form was shown and is spent once used: let this
    // page show a new one.
    std::thread::sleep(std::time::Duration::from_millis(1100));
    let server = Server::start(&data.0, &[]);
    let (_, page) = server.get("/articles/saltmarsh-community-sports-hall-opens");
    assert!(page.contains("Kept after a crash"));

    // Approved from the command line while the server runs (and holds the page in its cache):
    // the server notices within seconds and shows it.
    let token = scraper::Html::parse_document(page.split_once("\r\n\r\n").map_or("", |(_, b)| b))
        .select(&scraper::Selector::parse("input[name=token]").expect("selector"))
        .next()
        .and_then(|input| input.value().attr("value"))
        .expect("a form token")
        .to_owned();
    let body = format!(
        "token={token}&name=Second+Reader&email=s%40example.com&website=&text=Approved+while+running&homepage="
    );
    let (status, _) =
        server.post_form("/articles/saltmarsh-community-sports-hall-opens/comments", &body);
    assert_eq!(status, 303);
    let dir = data.0.to_str().expect("utf-8 path");
    let listed = lede(&["comments", "list", "--data", dir]);
    let stdout = String::from_utf8_lossy(&listed.stdout).into_owned();
    let id = stdout
        .lines()
        .find(|line| line.contains("Second Reader"))
        .and_then(|line| line.trim_start().trim_start_matches('#').split_whitespace().next())
        .expect("the pending comment's id")
        .to_owned();
    assert!(lede(&["comments", "approve", &id, "--data", dir]).status.success());
    let shown = (0..50).any(|_| {
        std::thread::sleep(std::time::Duration::from_millis(200));
        server
            .get("/articles/saltmarsh-community-sports-hall-opens")
            .1
            .contains("Approved while running")
    });
    assert!(shown, "the running server shows a comment approved from the command line");
}

/// Start-up problems print one clear line on standard error and exit non-zero.
#[test]
fn startup_problems_are_one_clear_line() {
    let data = TempDir::new("errors");
    let dir = data.0.to_str().expect("utf-8 path");
    let bad_config = TempDir::new("bad-config");
    std::fs::write(bad_config.0.join("lede.toml"), "adress = \"127.0.0.1:1\"\n").expect("config");
    let file = data.0.join("a-file");
    std::fs::write(&file, "").expect("file");
    let under_file = format!("{}/data", file.display());
    let cases: [(Vec<&str>, &str); 4] = [
        (
            vec!["serve", "--data", bad_config.0.to_str().expect("utf-8"), "--addr", "127.0.0.1:0"],
            "lede.toml:1",
        ),
        (
            vec![
                "serve",
                "--data",
                dir,
                "--addr",
                "127.0.0.1:0",
                "--database-url",
                "postgres://postgres@127.0.0.1:1/none",
            ],
            "cannot open the database",
        ),
        (
            vec![
                "serve",
                "--data",
                dir,
                "--addr",
                "127.0.0.1:0",
                "--database-url",
                "mysql://localhost/x",
            ],
            "unsupported database URL",
        ),
        (
            vec!["serve", "--data", &under_file, "--addr", "127.0.0.1:0"],
            "cannot create the data directory",
        ),
    ];
    for (args, expected) in cases {
        let output = lede(&args);
        let stderr = String::from_utf8_lossy(&output.stderr);
        let lines: Vec<_> = stderr.lines().filter(|l| l.starts_with("lede:")).collect();
        assert!(!output.status.success(), "{args:?} should fail");
        assert_eq!(lines.len(), 1, "{args:?}: {stderr}");
        assert!(lines[0].contains(expected), "{args:?}: {stderr}");
    }
}

/// `lede api-key`: a key made on the command line opens the running site's API to
/// partner-only content at once, and revoking it closes it at once. The key is printed once
/// and never listed.
#[test]
fn api_keys_from_the_command_line_open_and_close_the_api() {
    let data = TempDir::new("api-keys");
    let dir = data.0.to_str().expect("utf-8 path");
    let server = Server::start(&data.0, &[]);
    let added = lede(&["api-key", "add", "--partner", "Coast Radio", "--data", dir]);
    let stdout = String::from_utf8_lossy(&added.stdout);
    assert!(added.status.success(), "{}", String::from_utf8_lossy(&added.stderr));
    let key = stdout
        .split_whitespace()
        .find(|word| word.starts_with("lede_"))
        .unwrap_or_else(|| panic!("no key printed: {stdout}"))
        .to_owned();
    let api_get = |key: &str| {
        request(
            &server.addr,
            &format!(
                "GET /api/articles?limit=1 HTTP/1.1\r\nHost: {}\r\nAuthorization: Bearer {key}\r\nConnection: close\r\n\r\n",
                server.addr
            ),
        )
        .expect("the API answers")
        .0
    };
    assert_eq!(api_get(&key), 200, "the new key works at once");
    let listed = lede(&["api-key", "list", "--data", dir]);
    let list = String::from_utf8_lossy(&listed.stdout);
    assert!(
        list.contains("#1 Coast Radio") && list.contains(&key[..13]) && list.contains("active"),
        "{list}"
    );
    assert!(!list.contains(&key), "the key itself is never shown again");
    let revoked = lede(&["api-key", "revoke", "1", "--data", dir]);
    assert!(revoked.status.success(), "{}", String::from_utf8_lossy(&revoked.stderr));
    assert_eq!(api_get(&key), 401, "a revoked key is refused at once");
    let listed = lede(&["api-key", "list", "--data", dir]);
    assert!(String::from_utf8_lossy(&listed.stdout).contains("revoked"));
    for (args, expected) in [
        (vec!["api-key", "revoke", "99", "--data", dir], "API key #99"),
        (vec!["api-key", "add", "--partner", " ", "--data", dir], "partner"),
    ] {
        let output = lede(&args);
        let stderr = String::from_utf8_lossy(&output.stderr);
        let lines: Vec<_> = stderr.lines().filter(|l| l.starts_with("lede:")).collect();
        assert!(!output.status.success(), "{args:?} should fail");
        assert!(lines.len() == 1 && lines[0].contains(expected), "{args:?}: {stderr}");
    }
}

/// `lede import wordpress` and `lede export` as an operator runs them: a report on standard
/// output, nothing new the second time, a clear line for a missing file, and an export file
/// that appears only when complete.
#[test]
fn imports_wordpress_and_exports_the_site() {
    let data = TempDir::new("import");
    let theme = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../../../shared/wordpress/themeunittestdata.wordpress.xml");
    let theme = theme.to_str().expect("a UTF-8 path");
    let data_dir = data.0.to_str().expect("a UTF-8 path");
    let first = lede(&["import", "wordpress", theme, "--data", data_dir]);
    let report = String::from_utf8_lossy(&first.stdout);
    assert!(first.status.success(), "{}", String::from_utf8_lossy(&first.stderr));
    assert!(report.contains("Imported:         58 articles, 21 pages"), "{report}");
    assert!(report.contains("password-protected"), "{report}");
    let second = lede(&["import", "wordpress", theme, "--data", data_dir]);
    let again = String::from_utf8_lossy(&second.stdout);
    assert!(again.contains("Imported:         0 articles, 0 pages, 0 comments"), "{again}");

    let missing = lede(&["import", "wordpress", "/nonexistent/export.xml", "--data", data_dir]);
    let error = String::from_utf8_lossy(&missing.stderr);
    assert!(!missing.status.success());
    assert!(error.contains("cannot read /nonexistent/export.xml"), "{error}");

    let output = data.0.join("site.xml");
    let export = lede(&[
        "export",
        "--format",
        "wxr",
        "--output",
        output.to_str().expect("path"),
        "--data",
        data_dir,
    ]);
    assert!(export.status.success(), "{}", String::from_utf8_lossy(&export.stderr));
    let wxr = std::fs::read_to_string(&output).expect("the export file");
    assert!(wxr.contains("<wp:wxr_version>1.2</wp:wxr_version>") && wxr.ends_with("</rss>\n"));
    assert_eq!(wxr.matches("<wp:post_type>post</wp:post_type>").count(), 58);
    assert!(!data.0.join("site.partial").exists());
    let json = lede(&["export", "--format", "json", "--data", data_dir]);
    let json = String::from_utf8_lossy(&json.stdout);
    assert!(json.starts_with("{\"format\":\"lede-export\""), "{}", &json[..80.min(json.len())]);
}

/// A new site's first admin is whoever reads the server's log: `lede serve` prints a one-time
/// setup code there, and the setup page takes nothing else.
#[test]
fn a_new_site_is_set_up_with_the_code_from_the_log() {
    let data = TempDir::new("setup");
    let addr = format!("127.0.0.1:{}", free_port());
    let mut child = Command::new(LEDE)
        .args(["serve", "--addr", &addr, "--data"])
        .arg(&data.0)
        .stdout(Stdio::null())
        .stderr(Stdio::piped())
        .spawn()
        .expect("start lede");
    let stderr = child.stderr.take().expect("standard error");
    let server = Server { child, addr };
    let (lines, log) = std::sync::mpsc::channel();
    std::thread::spawn(move || {
        use std::io::BufRead;
        for line in std::io::BufReader::new(stderr).lines().map_while(Result::ok) {
            if lines.send(line).is_err() {
                break;
            }
        }
    });
    let marker = "give the setup code ";
    let code = loop {
        let line = log.recv_timeout(Duration::from_secs(120)).expect("a setup code in the log");
        if let Some((_, rest)) = line.split_once(marker) {
            let code: String =
                rest.chars().take_while(|c| c.is_ascii_alphanumeric() || *c == '-').collect();
            break code;
        }
    };
    assert_eq!(code.len(), 23, "{code}");
    let deadline = Instant::now() + Duration::from_secs(120);
    while server.try_get("/healthz").is_none_or(|(status, _)| status != 200) {
        assert!(Instant::now() < deadline, "lede did not answer /healthz");
        std::thread::sleep(Duration::from_millis(100));
    }
    let form = |code: &str| {
        format!(
            "setup_code={code}&name=Ada&email=ada%40example.com&password=a+long+enough+password"
        )
    };
    assert_eq!(server.post_form("/admin/setup", &form("WRONG-CODE")).0, 403, "a stranger");
    assert_eq!(server.post_form("/admin/setup", &form(&code)).0, 303, "the operator");
    assert_eq!(server.get("/admin/setup").0, 404, "set up once");
    server.signal("-TERM");
    assert!(server.wait().success());
}

/// What the writer thread of [`acknowledged_writes_survive_kill_9`] sent and was answered.
#[derive(Default)]
struct WriteLog {
    /// Every article a publish was sent for, answered or not.
    attempted: Vec<String>,
    /// Acknowledged publishes (a 303 to the editor): slug and the word only it contains.
    published: Vec<(String, String)>,
    /// The text of every acknowledged comment.
    comments: Vec<String>,
    /// Answers other than a 303 (a 500 from a deadlock, say).
    unexpected: Vec<String>,
}

/// The attribute `attr` of the first element matching `selector` in a response's body.
fn form_value(response: &str, selector: &str, attr: &str) -> Option<String> {
    let body = response.split_once("\r\n\r\n").map_or("", |(_, body)| body);
    let html = scraper::Html::parse_document(body);
    let selector = scraper::Selector::parse(selector).expect("selector");
    html.select(&selector).next()?.value().attr(attr).map(str::to_owned)
}

/// One request with a session cookie (and a form body for a POST).
fn send(addr: &str, method: &str, path: &str, cookie: &str, form: &str) -> Option<(u16, String)> {
    request(
        addr,
        &format!(
            "{method} {path} HTTP/1.1\r\nHost: {addr}\r\nCookie: {cookie}\r\nContent-Type: application/x-www-form-urlencoded\r\nContent-Length: {}\r\nConnection: close\r\n\r\n{form}",
            form.len()
        ),
    )
}

/// Publishes articles through the editor and comments on each, until the server stops
/// answering.
fn write_until_killed(addr: &str, cookie: &str, round: usize, log: &std::sync::Mutex<WriteLog>) {
    for n in 0..500 {
        let (slug, word) =
            (format!("crash-round{round}-story{n}"), format!("crashword{round}x{n}"));
        let Some((_, editor)) = send(addr, "GET", "/admin/articles/new", cookie, "") else {
            return;
        };
        let csrf = form_value(&editor, "input[name=csrf]", "value").expect("the editor's token");
        let form = format!(
            "csrf={csrf}&action=publish&headline=Story+{n}+of+round+{round}&standfirst=Written+under+load.\
             &body=Only+this+story+says+{word}.&slug={slug}&section=news&tags=Load+test&language=en"
        );
        log.lock().expect("log").attempted.push(slug.clone());
        match send(addr, "POST", "/admin/articles/new", cookie, &form) {
            None => return,
            Some((303, _)) => log.lock().expect("log").published.push((slug.clone(), word)),
            Some((status, _)) => {
                log.lock().expect("log").unexpected.push(format!("publish {slug}: {status}"));
                continue;
            }
        }
        let path = format!("/articles/{slug}");
        let Some((_, page)) = send(addr, "GET", &path, "", "") else { return };
        let token = form_value(&page, "input[name=token]", "value").expect("a comment token");
        let text = format!("Crash+note+{round}+{n}");
        let form = format!(
            "token={token}&name=Load+Reader&email=l%40example.com&website=&text={text}&homepage="
        );
        match send(addr, "POST", &format!("{path}/comments"), "", &form) {
            None => return,
            Some((303, _)) => log.lock().expect("log").comments.push(text.replace('+', " ")),
            Some((status, _)) => {
                log.lock().expect("log").unexpected.push(format!("comment {slug}: {status}"))
            }
        }
    }
}

/// Signs the load test's editor in; returns the session cookie (`name=value`).
fn sign_in(server: &Server) -> String {
    let (status, response) = server
        .post_form("/admin/sign-in", "email=ed%40example.com&password=a+long+enough+password");
    assert_eq!(status, 303, "signed in: {response}");
    response
        .lines()
        .find_map(|line| line.strip_prefix("set-cookie: ").or(line.strip_prefix("Set-Cookie: ")))
        .and_then(|cookie| cookie.split(';').next())
        .expect("a session cookie")
        .to_owned()
}

/// The audit's crash test: the server is killed (`kill -9`) while an editor publishes and
/// readers comment; after a restart every acknowledged publish is live and found by search,
/// every acknowledged comment is there, no publish was left half-done as a draft, and
/// SQLite's database file is sound. Three rounds on one site.
fn acknowledged_writes_survive_kill_9(data: &Path, database_url: &str, site: &[&str]) {
    let config = "comment_min_seconds = 0\ncomments_per_client_burst = 10000\n";
    std::fs::write(data.join("lede.toml"), config).expect("config");
    let dir = data.to_str().expect("utf-8 path");
    let with_site = |args: &[&str]| -> Vec<String> {
        args.iter().chain(&["--data", dir]).chain(site).map(|arg| arg.to_string()).collect()
    };
    let mut add = Command::new(LEDE)
        .args(with_site(&["user", "add", "--email", "ed@example.com", "--name", "Ed Itor"]))
        .args(["--role", "editor"])
        .stdin(Stdio::piped())
        .spawn()
        .expect("lede user add");
    add.stdin.take().expect("stdin").write_all(b"a long enough password\n").expect("password");
    assert!(add.wait().expect("lede user add ends").success());
    let runtime = tokio::runtime::Builder::new_current_thread().enable_all().build().expect("rt");
    let store = runtime.block_on(lede_store::SqlStore::open(database_url)).expect("the database");
    let mut log = WriteLog::default();
    for round in 0..=3 {
        let server = Server::start(data, site);
        // What was acknowledged before every earlier kill is there after the restart.
        for (slug, word) in &log.published {
            let (_, found) = server.get(&format!("/search?q={word}"));
            assert!(found.contains(&format!("href=\"/articles/{slug}\"")), "{slug} is searchable");
        }
        for slug in &log.attempted {
            let state = runtime.block_on(store.article_state(slug)).expect("query");
            let acknowledged = log.published.iter().any(|(s, _)| s == slug);
            match state {
                Some((_, lede_core::content::ArticleStatus::Published)) => {}
                None if !acknowledged => {}
                other => panic!("{slug}: {other:?} (acknowledged: {acknowledged})"),
            }
        }
        let listed =
            Command::new(LEDE).args(with_site(&["comments", "list"])).output().expect("lede");
        let listed = String::from_utf8_lossy(&listed.stdout);
        for text in &log.comments {
            assert!(listed.contains(text.as_str()), "{text} in {listed}");
        }
        if round == 3 {
            break;
        }
        let cookie = sign_in(&server);
        let shared = std::sync::Arc::new(std::sync::Mutex::new(WriteLog::default()));
        let writer = {
            let (addr, shared) = (server.addr.clone(), shared.clone());
            std::thread::spawn(move || write_until_killed(&addr, &cookie, round, &shared))
        };
        let deadline = Instant::now() + Duration::from_secs(60);
        while shared.lock().expect("log").published.len() < 4 + 4 * round {
            assert!(
                Instant::now() < deadline && !writer.is_finished(),
                "no publishes went through"
            );
            std::thread::sleep(Duration::from_millis(10));
        }
        server.signal("-KILL");
        server.wait();
        writer.join().expect("the writer ends once the server is gone");
        let mut written = std::mem::take(&mut *shared.lock().expect("log"));
        assert!(written.unexpected.is_empty(), "{:?}", written.unexpected);
        log.attempted.append(&mut written.attempted);
        log.published.append(&mut written.published);
        log.comments.append(&mut written.comments);
    }
    if let Some(path) = database_url.strip_prefix("sqlite://") {
        use sqlx::Connection;
        let path = path.split('?').next().unwrap_or(path);
        let check = runtime.block_on(async {
            let mut db = sqlx::SqliteConnection::connect(&format!("sqlite://{path}")).await?;
            sqlx::query_scalar::<_, String>("PRAGMA integrity_check").fetch_one(&mut db).await
        });
        assert_eq!(check.expect("integrity check"), "ok");
    }
}

#[test]
fn acknowledged_writes_survive_kill_9_on_sqlite() {
    let data = TempDir::new("kill-9");
    let url = format!("sqlite://{}/lede.db?mode=rwc", data.0.display());
    acknowledged_writes_survive_kill_9(&data.0, &url, &[]);
}

#[tokio::test(flavor = "multi_thread")]
async fn acknowledged_writes_survive_kill_9_on_postgres() {
    let Some(db) = lede_store::test_support::TestDb::postgres().await else {
        return;
    };
    db.store.close().await;
    let data = TempDir::new("kill-9-postgres");
    let url = db.url.clone();
    tokio::task::spawn_blocking(move || {
        acknowledged_writes_survive_kill_9(&data.0, &url, &["--database-url", &url])
    })
    .await
    .expect("the test ran");
}

/// A WordPress export of `posts` published posts in one category, each with a word of its own
/// and one it shares with the three others of its group of four (so that each post's related
/// list is those three), the rest of its words on hundreds of posts.
fn large_export(posts: usize) -> String {
    let mut wxr = String::from(
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<rss version=\"2.0\" \
         xmlns:excerpt=\"http://wordpress.org/export/1.2/excerpt/\" \
         xmlns:content=\"http://purl.org/rss/1.0/modules/content/\" \
         xmlns:dc=\"http://purl.org/dc/elements/1.1/\" \
         xmlns:wp=\"http://wordpress.org/export/1.2/\">\n<channel>\n<title>Big</title>\n\
         <link>https://big.example</link>\n<language>en</language>\n\
         <wp:wxr_version>1.2</wp:wxr_version>\n\
         <wp:base_site_url>https://big.example</wp:base_site_url>\n\
         <wp:base_blog_url>https://big.example</wp:base_blog_url>\n\
         <wp:author><wp:author_id>1</wp:author_id><wp:author_login>ann</wp:author_login>\
         <wp:author_email>ann@big.example</wp:author_email>\
         <wp:author_display_name>Ann</wp:author_display_name></wp:author>\n\
         <wp:category><wp:term_id>1</wp:term_id><wp:category_nicename>news</wp:category_nicename>\
         <wp:category_parent></wp:category_parent><wp:cat_name>News</wp:cat_name></wp:category>\n",
    );
    let subjects = ["river flood barrier", "council budget vote", "music festival quay"];
    for n in 0..posts {
        let subject = subjects[n % subjects.len()];
        let day = 1 + n % 28;
        let group = n / 4;
        wxr.push_str(&format!(
            "<item><title>Story {n} about the {subject}</title>\
             <dc:creator>ann</dc:creator><content:encoded><![CDATA[<p>The {subject} story \
             number {n}, with its own word storyword{n} and its group's groupword{group}.</p>\
             <p>{subject} {subject}.</p>]]>\
             </content:encoded><excerpt:encoded></excerpt:encoded>\
             <wp:post_id>{id}</wp:post_id><wp:post_date>2024-03-{day:02} 10:00:00</wp:post_date>\
             <wp:post_date_gmt>2024-03-{day:02} 10:00:00</wp:post_date_gmt>\
             <wp:post_modified_gmt>2024-03-{day:02} 10:00:00</wp:post_modified_gmt>\
             <wp:post_name>story-{n}</wp:post_name><wp:status>publish</wp:status>\
             <wp:post_parent>0</wp:post_parent><wp:post_type>post</wp:post_type>\
             <category domain=\"category\" nicename=\"news\">News</category></item>\n",
            id = 1000 + n,
        ));
    }
    wxr.push_str("</channel>\n</rss>\n");
    wxr
}

/// How many rows `sql` counts in the site's database, or `None` while it cannot be read (not
/// created yet). A SQLite database is opened read-only, so that polling never creates it.
fn count_in(runtime: &tokio::runtime::Runtime, database_url: &str, sql: &str) -> Option<i64> {
    use sqlx::Connection;
    sqlx::any::install_default_drivers();
    runtime.block_on(async {
        let url = match database_url.strip_prefix("sqlite://") {
            Some(path) => format!("sqlite://{}?mode=ro", path.split('?').next().unwrap_or(path)),
            None => database_url.to_owned(),
        };
        let mut db = sqlx::AnyConnection::connect(&url).await.ok()?;
        let n = sqlx::query_scalar::<_, i64>(sql).fetch_one(&mut db).await.ok();
        let _ = db.close().await;
        n
    })
}

/// `lede import wordpress` killed (`kill -9`) once its first batches are in: every article
/// in the database is whole (recorded as imported, with its first revision and its search
/// entry), and the same command run again imports the rest, reports what it found already
/// there, and leaves every post published, searchable and with its full related list (the
/// lists of the posts written before the kill take in those written after it).
fn an_import_killed_midway_is_finished_by_running_it_again(
    data: &Path,
    database_url: &str,
    site_args: &[&str],
) {
    const POSTS: i64 = 2500;
    let file = data.join("large.wxr");
    std::fs::write(&file, large_export(POSTS as usize)).expect("the export");
    let site = data.join("site");
    let args = |file: &Path| -> Vec<String> {
        let (file, site) = (file.to_str().expect("utf-8"), site.to_str().expect("utf-8"));
        ["import", "wordpress", file, "--data", site]
            .iter()
            .chain(site_args)
            .map(|arg| arg.to_string())
            .collect()
    };
    let runtime = tokio::runtime::Builder::new_current_thread().enable_all().build().expect("rt");
    let mut import = Command::new(LEDE)
        .args(args(&file))
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .expect("lede import");
    let articles = "SELECT COUNT(*) FROM articles";
    loop {
        if count_in(&runtime, database_url, articles).is_some_and(|n| n > 0) {
            import.kill().expect("kill -9");
            break;
        }
        assert!(import.try_wait().expect("wait").is_none(), "the import ended before its kill");
        std::thread::sleep(Duration::from_millis(5));
    }
    let status = import.wait().expect("the import ends");
    assert!(!status.success(), "killed before it finished (make the export larger if not)");

    let count = |sql: &str| count_in(&runtime, database_url, sql).expect(sql);
    let written = count(articles);
    assert!(written > 0 && written < POSTS, "{written}");
    assert_eq!(count("SELECT COUNT(*) FROM import_refs WHERE kind = 'article'"), written);
    assert_eq!(count("SELECT COUNT(*) FROM revisions"), written);
    assert_eq!(count("SELECT COUNT(*) FROM article_search"), written);

    let again = lede(&args(&file).iter().map(String::as_str).collect::<Vec<_>>());
    let report = String::from_utf8_lossy(&again.stdout);
    assert!(again.status.success(), "{}", String::from_utf8_lossy(&again.stderr));
    let imported = format!("Imported:         {} articles", POSTS - written);
    assert!(report.contains(&imported), "{imported} in {report}");
    assert!(report.contains(&format!("Already imported: {written} articles")), "{report}");
    assert_eq!(count("SELECT COUNT(*) FROM articles WHERE status = 'published'"), POSTS);
    assert_eq!(count("SELECT COUNT(*) FROM article_search"), POSTS);
    assert_eq!(count("SELECT COUNT(*) FROM revisions"), POSTS);
    // Each post has a full list across the kill too: the posts of its subject nearest in
    // time (subject words are common, and weigh more than the group's one shared word).
    assert_eq!(count("SELECT COUNT(DISTINCT article_id) FROM related_articles"), POSTS);
    let full = i64::try_from(lede_core::related::MAX_RELATED).expect("small");
    assert_eq!(count("SELECT COUNT(*) FROM related_articles"), full * POSTS);
    let own = "SELECT COUNT(*) FROM related_articles WHERE article_id = related_id";
    assert_eq!(count(own), 0, "no post is related to itself");

    let store = runtime.block_on(lede_store::SqlStore::open(database_url)).expect("the database");
    for word in ["storyword0", "storyword2499"] {
        let query = lede_store::SearchQuery { text: word.into(), ..Default::default() };
        let found = runtime
            .block_on(store.search(&query, lede_store::PageRequest::first(10)))
            .expect("search")
            .hits;
        assert_eq!(found.items.len(), 1, "{word} finds its post");
    }
    runtime.block_on(store.close());
}

#[test]
fn an_import_killed_midway_is_finished_by_running_it_again_on_sqlite() {
    let data = TempDir::new("import-kill");
    let url = format!("sqlite://{}/site/lede.db?mode=rwc", data.0.display());
    an_import_killed_midway_is_finished_by_running_it_again(&data.0, &url, &[]);
}

#[tokio::test(flavor = "multi_thread")]
async fn an_import_killed_midway_is_finished_by_running_it_again_on_postgres() {
    let Some(db) = lede_store::test_support::TestDb::postgres().await else {
        return;
    };
    db.store.close().await;
    let data = TempDir::new("import-kill-postgres");
    let url = db.url.clone();
    tokio::task::spawn_blocking(move || {
        an_import_killed_midway_is_finished_by_running_it_again(
            &data.0,
            &url,
            &["--database-url", &url],
        )
    })
    .await
    .expect("the test ran");
}
