//! What the binary's tests share: throwaway directories, free ports, and a `lede serve`
//! process spoken to over raw HTTP/1.1, as an operator's tools would.
// Each test binary uses its own part of this module.
#![allow(dead_code)]

use std::io::{Read, Write};
use std::net::{TcpListener, TcpStream};
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

pub const LEDE: &str = env!("CARGO_BIN_EXE_lede");

/// A directory under the system's temporary one, removed when dropped.
pub struct TempDir(pub PathBuf);

impl TempDir {
    pub fn new(name: &str) -> Self {
        let nanos = std::time::SystemTime::now()
            .duration_since(std::time::UNIX_EPOCH)
            .map(|d| d.subsec_nanos())
            .unwrap_or(0);
        let dir = std::env::temp_dir().join(format!(
            "lede-test-{name}-{}-{:x}",
            std::process::id(),
            nanos ^ std::process::id()
        ));
        std::fs::create_dir_all(&dir).expect("temp dir");
        Self(dir)
    }

    pub fn join(&self, name: &str) -> PathBuf {
        self.0.join(name)
    }
}

impl Drop for TempDir {
    fn drop(&mut self) {
        let _ = std::fs::remove_dir_all(&self.0);
    }
}

/// A port nobody listens on now.
pub fn free_port() -> u16 {
    TcpListener::bind("127.0.0.1:0").expect("bind").local_addr().expect("addr").port()
}

/// One HTTP/1.1 exchange of `raw` bytes with `addr`: the status and the whole response.
pub fn exchange(addr: &str, raw: &[u8]) -> Option<(u16, Vec<u8>)> {
    let mut stream = TcpStream::connect(addr).ok()?;
    stream.set_read_timeout(Some(Duration::from_secs(30))).ok()?;
    stream.write_all(raw).ok()?;
    let mut response = Vec::new();
    stream.read_to_end(&mut response).ok()?;
    let text = String::from_utf8_lossy(&response[..response.len().min(64)]).into_owned();
    let status = text.split_whitespace().nth(1)?.parse().ok()?;
    Some((status, response))
}

/// [`exchange`] with a request and response as text.
pub fn request(addr: &str, raw: &str) -> Option<(u16, String)> {
    exchange(addr, raw.as_bytes())
        .map(|(status, bytes)| (status, String::from_utf8_lossy(&bytes).into_owned()))
}

/// `lede serve --demo` on a free port, killed when dropped.
pub struct Server {
    pub child: Child,
    pub addr: String,
}

impl Server {
    /// Starts a server on `data` with `args` added, and waits (two minutes at most) until it
    /// answers `/healthz`.
    pub fn start(data: &Path, args: &[&str]) -> Self {
        let addr = format!("127.0.0.1:{}", free_port());
        let child = Command::new(LEDE)
            .args(["serve", "--demo", "--addr", &addr, "--data"])
            .arg(data)
            .args(args)
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .expect("start lede");
        let server = Self { child, addr };
        let deadline = Instant::now() + Duration::from_secs(120);
        while Instant::now() < deadline {
            if server.try_get("/healthz").is_some_and(|(status, _)| status == 200) {
                return server;
            }
            std::thread::sleep(Duration::from_millis(100));
        }
        panic!("lede did not answer /healthz within two minutes");
    }

    /// One request with a cookie (none when empty), extra headers and a body.
    pub fn send(
        &self,
        method: &str,
        path: &str,
        cookie: &str,
        headers: &[(&str, String)],
        body: impl AsRef<[u8]>,
    ) -> Option<(u16, Vec<u8>)> {
        let body = body.as_ref();
        let mut raw = format!(
            "{method} {path} HTTP/1.1\r\nHost: {}\r\nConnection: close\r\nContent-Length: {}\r\n",
            self.addr,
            body.len()
        );
        if !cookie.is_empty() {
            raw.push_str(&format!("Cookie: {cookie}\r\n"));
        }
        for (name, value) in headers {
            raw.push_str(&format!("{name}: {value}\r\n"));
        }
        raw.push_str("\r\n");
        let mut raw = raw.into_bytes();
        raw.extend_from_slice(body);
        exchange(&self.addr, &raw)
    }

    pub fn try_get(&self, path: &str) -> Option<(u16, String)> {
        self.send("GET", path, "", &[], "")
            .map(|(status, bytes)| (status, String::from_utf8_lossy(&bytes).into_owned()))
    }

    pub fn get(&self, path: &str) -> (u16, String) {
        self.try_get(path).unwrap_or_else(|| panic!("GET {path} failed"))
    }

    /// A form posted with the session `cookie` (none when empty).
    pub fn form(&self, path: &str, cookie: &str, form: &str) -> (u16, String) {
        let headers = [("Content-Type", "application/x-www-form-urlencoded".to_owned())];
        let (status, bytes) = self
            .send("POST", path, cookie, &headers, form)
            .unwrap_or_else(|| panic!("POST {path} failed"));
        (status, String::from_utf8_lossy(&bytes).into_owned())
    }
}

impl Drop for Server {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}
