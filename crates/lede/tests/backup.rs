//! `lede backup` and `lede restore` as an operator runs them, on the real binary: a backup
//! restored into a new site is the same site (articles, pages, media bytes, accounts), a
//! backup made while a server publishes is whole, and restore refuses what would lose data.

mod support;

use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};
use std::time::{Duration, Instant};
use support::{LEDE, Server, TempDir};

const PASSWORD: &str = "a long enough password";
/// The same public address for every server, so pages and the API match byte for byte.
const BASE_URL: &str = "http://news.example";

/// A server on `data` with the shared public address and `site`'s options.
fn serve(data: &Path, site: &[&str]) -> Server {
    Server::start(data, &[&["--base-url", BASE_URL][..], site].concat())
}

/// What these tests ask of a server as the admin: media bytes, signing in, uploads, publishes.
impl Server {
    /// The response body of a GET, as bytes (media files).
    fn body(&self, path: &str) -> (u16, Vec<u8>) {
        let (status, bytes) =
            self.send("GET", path, "", &[], "").unwrap_or_else(|| panic!("GET {path}"));
        let split = bytes.windows(4).position(|w| w == b"\r\n\r\n").expect("a head") + 4;
        (status, bytes[split..].to_vec())
    }

    /// Signs the admin in; the session cookie (`name=value`).
    fn sign_in(&self) -> String {
        let form = format!("email=admin%40example.com&password={}", PASSWORD.replace(' ', "+"));
        let (status, response) = self.form("/admin/sign-in", "", &form);
        assert_eq!(status, 303, "the admin signs in: {response}");
        response
            .lines()
            .find_map(|l| l.strip_prefix("set-cookie: ").or(l.strip_prefix("Set-Cookie: ")))
            .and_then(|cookie| cookie.split(';').next())
            .expect("a session cookie")
            .to_owned()
    }

    /// Uploads `png` through the media library; the path it is served at.
    fn upload(&self, cookie: &str, png: &[u8]) -> String {
        let (_, library) = self.get_as("/admin/media", cookie);
        let csrf = value(&library, "input[name=csrf]", "value").expect("the library's token");
        let boundary = "lede-backup-test-boundary";
        let mut body = format!(
            "--{boundary}\r\nContent-Disposition: form-data; name=\"csrf\"\r\n\r\n{csrf}\r\n\
             --{boundary}\r\nContent-Disposition: form-data; name=\"file\"; filename=\"map.png\"\r\n\
             Content-Type: image/png\r\n\r\n"
        )
        .into_bytes();
        body.extend_from_slice(png);
        body.extend_from_slice(format!("\r\n--{boundary}--\r\n").as_bytes());
        let headers = [
            ("Content-Type", format!("multipart/form-data; boundary={boundary}")),
            ("Accept", "application/json".to_owned()),
        ];
        let (status, response) =
            self.send("POST", "/admin/media", cookie, &headers, body).expect("upload");
        let response = String::from_utf8_lossy(&response).into_owned();
        assert_eq!(status, 200, "uploaded: {response}");
        let json = response.split_once("\r\n\r\n").expect("a body").1;
        let start = json.find("\"path\":\"").expect("a path") + 8;
        json[start..].split('"').next().expect("the path").to_owned()
    }

    fn get_as(&self, path: &str, cookie: &str) -> (u16, String) {
        let (status, bytes) =
            self.send("GET", path, cookie, &[], "").unwrap_or_else(|| panic!("GET {path}"));
        (status, String::from_utf8_lossy(&bytes).into_owned())
    }

    /// Publishes one article through the editor; whether the server acknowledged it.
    fn publish(&self, cookie: &str, slug: &str) -> bool {
        let Some((_, editor)) = self.send("GET", "/admin/articles/new", cookie, &[], "") else {
            return false;
        };
        let editor = String::from_utf8_lossy(&editor);
        let Some(csrf) = value(&editor, "input[name=csrf]", "value") else { return false };
        let form = format!(
            "csrf={csrf}&action=publish&headline=Backed+up+{slug}&standfirst=Written+while+a+\
             backup+ran.&body=The+story+{slug}.&slug={slug}&section=news&tags=Backups&language=en"
        );
        let headers = [("Content-Type", "application/x-www-form-urlencoded".to_owned())];
        matches!(self.send("POST", "/admin/articles/new", cookie, &headers, form), Some((303, _)))
    }
}

fn value(response: &str, selector: &str, attr: &str) -> Option<String> {
    let body = response.split_once("\r\n\r\n").map_or(response, |(_, body)| body);
    let html = scraper::Html::parse_document(body);
    let selector = scraper::Selector::parse(selector).expect("selector");
    html.select(&selector).next()?.value().attr(attr).map(str::to_owned)
}

/// The HTML of every element `selector` picks: what must match between two servers (the
/// comment form's token differs per request, so pages are compared part by part).
fn parts(response: &str, selector: &str) -> Vec<String> {
    let body = response.split_once("\r\n\r\n").map_or(response, |(_, body)| body);
    let html = scraper::Html::parse_document(body);
    let selector = scraper::Selector::parse(selector).expect("selector");
    html.select(&selector).map(|e| e.html()).collect()
}

fn lede(args: &[&str], site: &[&str]) -> Output {
    Command::new(LEDE).args(args).args(site).output().expect("run lede")
}

fn ok(output: &Output) -> String {
    let stdout = String::from_utf8_lossy(&output.stdout).into_owned();
    assert!(
        output.status.success(),
        "lede failed: {stdout}{}",
        String::from_utf8_lossy(&output.stderr)
    );
    stdout
}

fn add_admin(site: &[&str]) {
    let mut add = Command::new(LEDE)
        .args(["user", "add", "--email", "admin@example.com", "--name", "Ad Min"])
        .args(["--role", "admin"])
        .args(site)
        .stdin(Stdio::piped())
        .stdout(Stdio::null())
        .spawn()
        .expect("lede user add");
    let mut stdin = add.stdin.take().expect("stdin");
    stdin.write_all(format!("{PASSWORD}\n").as_bytes()).expect("password");
    drop(stdin);
    assert!(add.wait().expect("lede user add ends").success());
}

/// A small PNG, different on every run.
fn png() -> Vec<u8> {
    let seed = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map(|d| d.subsec_nanos())
        .unwrap_or(7);
    let image = image::RgbImage::from_fn(320, 200, |x, y| {
        image::Rgb([(x * 255 / 320) as u8, (y * 255 / 200) as u8, (seed % 251) as u8])
    });
    let mut bytes = std::io::Cursor::new(Vec::new());
    image.write_to(&mut bytes, image::ImageFormat::Png).expect("encode a PNG");
    bytes.into_inner()
}

/// What a reader and a partner see of a site: the API's article list, the front page's
/// stories, an article with its comments, a page; compared between two servers.
fn site_view(server: &Server) -> Vec<String> {
    let (status, api) = server.get("/api/articles?limit=100");
    assert_eq!(status, 200, "the API answers: {api}");
    let mut view = vec![api.split_once("\r\n\r\n").expect("a body").1.to_owned()];
    let (_, home) = server.get("/");
    view.extend(parts(&home, "main article"));
    let (status, article) = server.get("/articles/council-passes-budget-after-library-concession");
    assert_eq!(status, 200, "a demo article");
    view.extend(parts(&article, "article.h-entry"));
    view.extend(parts(&article, "ol.comment-list"));
    assert!(view.iter().any(|part| part.contains("Margaret Holloway")), "its comments");
    view
}

/// Backs up the site `site` names while `server` serves it; restores into a new data
/// directory (and `restore_site`), serves that, and compares. Returns backup/restore seconds.
fn round_trip(data: &TempDir, site: &[&str], restore_site: &[&str]) -> (f64, f64) {
    std::fs::write(data.join("lede.toml"), "comment_min_seconds = 0\n").expect("config");
    let dir = data.0.to_str().expect("utf-8");
    let with_data = |extra: &[&str]| -> Vec<String> {
        ["--data", dir].iter().chain(extra).map(|s| s.to_string()).collect()
    };
    let source_site = with_data(site);
    let source_site: Vec<&str> = source_site.iter().map(String::as_str).collect();
    add_admin(&source_site);
    let server = Arc::new(serve(&data.0, site));
    let cookie = server.sign_in();
    let png = png();
    let uploaded = server.upload(&cookie, &png);
    assert!(uploaded.starts_with("/media/uploads/"), "{uploaded}");
    // The library stores its own encoding (metadata stripped): that is what must come back.
    let served = server.body(&uploaded);
    assert!(served.0 == 200 && served.1.starts_with(b"\x89PNG"), "the upload is served");
    assert!(server.publish(&cookie, "before-the-backup"), "published");

    // A backup while the server publishes: whole, and holding everything acknowledged before.
    let backups = TempDir::new("files");
    let during = backups.join("during.tar");
    let stop = Arc::new(AtomicBool::new(false));
    let writer = {
        let (stop, writer, cookie) = (stop.clone(), server.clone(), cookie.clone());
        std::thread::spawn(move || {
            let mut published = Vec::new();
            let mut n = 0;
            while !stop.load(Ordering::Relaxed) {
                let slug = format!("while-backing-up-{n}");
                if writer.publish(&cookie, &slug) {
                    published.push(slug);
                }
                n += 1;
            }
            published
        })
    };
    std::thread::sleep(Duration::from_millis(700));
    let output = lede(&["backup", "--output", during.to_str().expect("utf-8")], &source_site);
    stop.store(true, Ordering::Relaxed);
    let written = writer.join().expect("the writer");
    ok(&output);
    assert!(!written.is_empty(), "the server published while the backup ran");

    // Refuses to overwrite unless told.
    let again = lede(&["backup", "--output", during.to_str().expect("utf-8")], &source_site);
    assert!(!again.status.success(), "an existing backup is not overwritten");
    assert!(String::from_utf8_lossy(&again.stderr).contains("--force"));

    // The quiet backup: the site as it is now, to compare with its restored copy.
    let file = backups.join("site.tar");
    let started = Instant::now();
    ok(&lede(&["backup", "--output", file.to_str().expect("utf-8")], &source_site));
    let backup_seconds = started.elapsed().as_secs_f64();
    let before = site_view(&server);
    drop(server);

    let new = TempDir::new("restored");
    let new_dir = new.0.to_str().expect("utf-8");
    let new_site: Vec<&str> =
        ["--data", new_dir].into_iter().chain(restore_site.iter().copied()).collect();
    let started = Instant::now();
    let said = ok(&lede(&["restore", file.to_str().expect("utf-8")], &new_site));
    let restore_seconds = started.elapsed().as_secs_f64();
    assert!(said.contains("Restored"), "{said}");

    // Restoring again over the restored site is refused without --force, and works with it.
    let refused = lede(&["restore", file.to_str().expect("utf-8")], &new_site);
    assert!(!refused.status.success(), "restore does not replace a site without --force");
    let message = String::from_utf8_lossy(&refused.stderr);
    assert!(message.contains("--force") && message.contains("already holds"), "{message}");
    let mut forced = new_site.clone();
    forced.push("--force");
    ok(&lede(&["restore", file.to_str().expect("utf-8")], &forced));

    let restored = serve(&new.0, restore_site);
    assert_eq!(site_view(&restored), before, "the restored site is the same site");
    assert!(restored.body(&uploaded) == served, "the upload comes back byte for byte");
    let (status, _) = restored.get("/articles/before-the-backup");
    assert_eq!(status, 200, "the article published before the backup");
    let cookie = restored.sign_in();
    let (status, _) = restored.get_as("/admin/media", &cookie);
    assert_eq!(status, 200, "the admin works on the restored site");
    drop(restored);

    // The backup made during writes restores to a sound site holding every article
    // published before it started.
    if restore_site.is_empty() {
        let during_site = TempDir::new("during");
        let during_dir = during_site.0.to_str().expect("utf-8");
        ok(&lede(&["restore", during.to_str().expect("utf-8"), "--data", during_dir], &[]));
        let server = serve(&during_site.0, &[]);
        let (status, _) = server.get("/articles/before-the-backup");
        assert_eq!(status, 200, "published before the backup began");
        let (status, api) = server.get("/api/articles?limit=100");
        assert_eq!(status, 200, "{api}");
    }
    (backup_seconds, restore_seconds)
}

#[test]
fn a_sqlite_site_backed_up_and_restored_is_the_same_site() {
    let data = TempDir::new("sqlite");
    let (backup, restore) = round_trip(&data, &[], &[]);
    eprintln!("SQLite demo: backup {backup:.2} s, restore {restore:.2} s");
}

#[tokio::test(flavor = "multi_thread")]
async fn a_postgres_site_backed_up_and_restored_is_the_same_site() {
    let have_tools = ["pg_dump", "pg_restore"]
        .iter()
        .all(|tool| Command::new(tool).arg("--version").output().is_ok_and(|o| o.status.success()));
    if !have_tools {
        eprintln!("pg_dump or pg_restore is missing: skipping the PostgreSQL round trip");
        return;
    }
    let Some(source) = lede_store::test_support::TestDb::postgres().await else { return };
    let Some(target) = lede_store::test_support::TestDb::postgres().await else { return };
    source.store.close().await;
    target.store.close().await;
    let data = TempDir::new("postgres");
    let (source_url, target_url) = (source.url.clone(), target.url.clone());
    tokio::task::spawn_blocking(move || {
        let (backup, restore) =
            round_trip(&data, &["--database-url", &source_url], &["--database-url", &target_url]);
        eprintln!("PostgreSQL demo: backup {backup:.2} s, restore {restore:.2} s");
    })
    .await
    .expect("the round trip");
}

#[test]
fn restore_refuses_newer_schemas_other_databases_and_other_files() {
    let dir = TempDir::new("refusals");
    let write_backup = |name: &str, backend: &str, schema: i64| -> PathBuf {
        let path = dir.join(name);
        let mut tar = tar::Builder::new(std::fs::File::create(&path).expect("create"));
        let manifest = format!(
            "{{\"format\":1,\"lede_version\":\"9.9.9\",\"backend\":\"{backend}\",\
             \"schema_version\":{schema},\"created_at\":\"2030-01-01T00:00:00Z\",\
             \"database_file\":\"lede.db\",\"database_bytes\":0,\"media_files\":0,\"media_bytes\":0}}"
        );
        let mut header = tar::Header::new_gnu();
        header.set_size(manifest.len() as u64);
        header.set_mode(0o644);
        header.set_cksum();
        tar.append_data(&mut header, "manifest.json", manifest.as_bytes()).expect("append");
        tar.finish().expect("finish");
        path
    };
    let target = dir.join("site");
    let target = target.to_str().expect("utf-8");
    let refusal = |file: &Path| -> String {
        let output = lede(&["restore", file.to_str().expect("utf-8"), "--data", target], &[]);
        assert!(!output.status.success(), "refused");
        String::from_utf8_lossy(&output.stderr).into_owned()
    };
    let message = refusal(&write_backup("newer.tar", "sqlite", 99_990_000_000_000));
    assert!(message.contains("newer") && message.contains("9.9.9"), "{message}");
    let message = refusal(&write_backup("postgres.tar", "postgres", 1));
    assert!(message.contains("not supported") && message.contains("postgres"), "{message}");
    std::fs::write(dir.join("notes.txt"), "not a backup").expect("write");
    let message = refusal(&dir.join("notes.txt"));
    assert!(message.contains("not a Lede backup"), "{message}");
    assert!(!Path::new(target).join("lede.db").exists(), "nothing was written");
}
