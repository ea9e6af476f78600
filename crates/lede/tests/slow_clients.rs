//! Slow and greedy clients against the real `lede serve` on a loopback port, with the
//! open-file limit low as on many servers: one address holding hundreds of half-sent requests
//! must not keep others from being served, slow requests are closed after the header timeout,
//! SIGTERM ends the process within its grace period whatever clients do, and the open-file
//! limit is raised at start. Other clients come from other loopback addresses (127.0.0.2…),
//! since the cap counts connections by address. No timing is asserted beyond generous
//! deadlines that tell "answers" from "hangs".

use socket2::{Domain, Socket, Type};
use std::io::{ErrorKind, Read, Write};
use std::net::{SocketAddr, TcpListener, TcpStream};
use std::path::PathBuf;
use std::process::{Child, Command, Stdio};
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};
use std::time::{Duration, Instant};

const LEDE: &str = env!("CARGO_BIN_EXE_lede");

/// A fresh data directory, removed at the end.
struct DataDir(PathBuf);

impl DataDir {
    fn new(name: &str, config: &str) -> Self {
        let nanos = std::time::SystemTime::now()
            .duration_since(std::time::UNIX_EPOCH)
            .map_or(0, |d| d.subsec_nanos());
        let dir =
            std::env::temp_dir().join(format!("lede-slow-{name}-{}-{nanos:x}", std::process::id()));
        std::fs::create_dir_all(&dir).expect("data dir");
        std::fs::write(dir.join("lede.toml"), config).expect("lede.toml");
        Self(dir)
    }
}

impl Drop for DataDir {
    fn drop(&mut self) {
        let _ = std::fs::remove_dir_all(&self.0);
    }
}

struct Server {
    child: Child,
    addr: SocketAddr,
    _data: DataDir,
}

impl Server {
    /// `lede serve` with `ulimit` options applied first (`-n 256`: soft and hard limits;
    /// `-S -n 200`: the soft one only).
    fn start(name: &str, config: &str, ulimit: &str) -> Self {
        let data = DataDir::new(name, config);
        // A port free a moment ago (the probe closes when dropped at the end of the line).
        let addr = TcpListener::bind("127.0.0.1:0").expect("bind").local_addr().expect("addr");
        let child = Command::new("sh")
            .arg("-c")
            .arg(format!("ulimit {ulimit} && exec \"$0\" \"$@\""))
            .arg(LEDE)
            .args(["serve", "--addr", &addr.to_string(), "--data"])
            .arg(&data.0)
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .expect("start lede");
        let server = Self { child, addr, _data: data };
        let deadline = Instant::now() + Duration::from_secs(120);
        while Instant::now() < deadline {
            if server.get_from("127.0.0.9", "/healthz").is_some_and(|status| status == 200) {
                return server;
            }
            std::thread::sleep(Duration::from_millis(100));
        }
        panic!("lede did not answer /healthz within two minutes");
    }

    /// A connection from `source` (a loopback address), or `None` if refused.
    fn connect_from(&self, source: &str) -> Option<TcpStream> {
        let socket = Socket::new(Domain::IPV4, Type::STREAM, None).ok()?;
        let from: SocketAddr = format!("{source}:0").parse().expect("a source address");
        socket.bind(&from.into()).ok()?;
        socket.connect(&self.addr.into()).ok()?;
        Some(socket.into())
    }

    /// The status of a GET from `source`, waiting at most 10 s: `None` if no answer came.
    fn get_from(&self, source: &str, path: &str) -> Option<u16> {
        let mut stream = self.connect_from(source)?;
        stream.set_read_timeout(Some(Duration::from_secs(10))).ok()?;
        let request = format!("GET {path} HTTP/1.1\r\nHost: lede\r\nConnection: close\r\n\r\n");
        stream.write_all(request.as_bytes()).ok()?;
        let mut response = Vec::new();
        stream.read_to_end(&mut response).ok()?;
        String::from_utf8_lossy(&response).split_whitespace().nth(1)?.parse().ok()
    }

    fn terminate(&self) {
        let status = Command::new("kill")
            .args(["-TERM", &self.child.id().to_string()])
            .status()
            .expect("kill");
        assert!(status.success());
    }

    /// The exit status, or `None` if the process is still running after `limit`.
    fn wait_at_most(&mut self, limit: Duration) -> Option<std::process::ExitStatus> {
        let deadline = Instant::now() + limit;
        while Instant::now() < deadline {
            if let Some(status) = self.child.try_wait().expect("wait") {
                return Some(status);
            }
            std::thread::sleep(Duration::from_millis(50));
        }
        None
    }
}

impl Drop for Server {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

/// Whether the server closed this connection: end of stream or an error, without waiting.
fn closed(stream: &mut TcpStream) -> bool {
    stream.set_nonblocking(true).expect("nonblocking");
    let mut byte = [0u8; 64];
    match stream.read(&mut byte) {
        Ok(0) => true,
        Ok(_) => false,
        Err(error) => error.kind() != ErrorKind::WouldBlock,
    }
}

/// Sends `head` one byte every 200 ms on a thread of its own until the server closes the
/// connection or `stop` is set; the thread returns whether the server closed it.
fn trickle(
    mut stream: TcpStream,
    head: String,
    stop: Arc<AtomicBool>,
) -> std::thread::JoinHandle<bool> {
    std::thread::spawn(move || {
        for byte in head.bytes().cycle() {
            if stop.load(Ordering::Relaxed) {
                return false;
            }
            if stream.write_all(&[byte]).is_err() || closed(&mut stream) {
                return true;
            }
            stream.set_nonblocking(false).expect("blocking");
            std::thread::sleep(Duration::from_millis(200));
        }
        false
    })
}

#[test]
fn one_greedy_slow_client_cannot_starve_the_others() {
    let config = "header_timeout_seconds = 3\nconnections_per_client = 16\n";
    let server = Server::start("greedy", config, "-n 256");
    // More half-sent requests from 127.0.0.1 than the process has files.
    let mut greedy: Vec<TcpStream> = (0..300)
        .filter_map(|_| {
            let mut stream = server.connect_from("127.0.0.1")?;
            stream.write_all(b"GET / HTTP/1.1\r\nHost: le").ok()?;
            Some(stream)
        })
        .collect();
    assert!(greedy.len() > 256, "the slow client opened {} connections", greedy.len());

    assert_eq!(server.get_from("127.0.0.2", "/"), Some(200), "another reader gets the home page");

    // A request trickled byte by byte is closed after the header timeout, not served forever.
    let stop = Arc::new(AtomicBool::new(false));
    let slow = server.connect_from("127.0.0.3").expect("connect");
    let trickled =
        trickle(slow, "GET / HTTP/1.1\r\nX-Slow: ".to_owned() + &"a".repeat(500), stop.clone());
    let deadline = Instant::now() + Duration::from_secs(30);
    while !trickled.is_finished() && Instant::now() < deadline {
        std::thread::sleep(Duration::from_millis(100));
    }
    stop.store(true, Ordering::Relaxed);
    assert!(trickled.join().expect("the trickle ran"), "the trickled request was closed");

    // And every one of the greedy client's connections is closed: those over its cap at
    // once, the others at their header timeout.
    let deadline = Instant::now() + Duration::from_secs(30);
    while Instant::now() < deadline {
        greedy.retain_mut(|stream| !closed(stream));
        if greedy.is_empty() {
            break;
        }
        std::thread::sleep(Duration::from_millis(200));
    }
    assert!(greedy.is_empty(), "{} of the slow client's connections are still open", greedy.len());
    assert_eq!(server.get_from("127.0.0.1", "/healthz"), Some(200), "the client may come back");
}

/// Sends a whole GET of /healthz on an open connection; whether it was answered with 200.
fn answered(mut stream: TcpStream) -> bool {
    stream.set_read_timeout(Some(Duration::from_secs(10))).expect("timeout");
    let request = b"GET /healthz HTTP/1.1\r\nHost: lede\r\nConnection: close\r\n\r\n";
    let mut response = Vec::new();
    stream.write_all(request).is_ok()
        && stream.read_to_end(&mut response).is_ok()
        && response.starts_with(b"HTTP/1.1 200")
}

#[test]
fn a_trusted_proxy_is_many_readers_not_one_client() {
    let config = "header_timeout_seconds = 60\nconnections_per_client = 4\n\
                  trusted_proxies = [\"127.0.0.5\"]\n";
    let server = Server::start("proxy-cap", config, "-n 256");
    let open = |source| -> Vec<TcpStream> {
        (0..10).map(|_| server.connect_from(source).expect("connect")).collect()
    };
    // Both hold ten connections at once before sending anything on them.
    let (proxy, reader) = (open("127.0.0.5"), open("127.0.0.6"));
    let proxy = proxy.into_iter().map(answered).filter(|ok| *ok).count();
    let reader = reader.into_iter().map(answered).filter(|ok| *ok).count();
    assert_eq!(proxy, 10, "the proxy's connections are all served");
    assert_eq!(reader, 4, "a reader's beyond its cap of 4 are closed");
}

#[test]
fn sigterm_ends_lede_within_its_grace_period_whatever_clients_do() {
    // Headers may take a minute, so only the grace period can end these connections.
    let config = "header_timeout_seconds = 60\nshutdown_grace_seconds = 2\n";
    let mut server = Server::start("sigterm", config, "-n 256");
    let stop = Arc::new(AtomicBool::new(false));
    // A sign-in whose body comes one byte at a time, in flight when the signal comes.
    let mut posting = server.connect_from("127.0.0.2").expect("connect");
    posting
        .write_all(
            b"POST /admin/sign-in HTTP/1.1\r\nHost: lede\r\n\
              Content-Type: application/x-www-form-urlencoded\r\nContent-Length: 50000\r\n\r\n",
        )
        .expect("headers");
    let body = trickle(posting, "email=slow%40example.com&".to_owned(), stop.clone());
    // And half-sent requests.
    let mut waiting: Vec<TcpStream> = (0..20)
        .filter_map(|_| {
            let mut stream = server.connect_from("127.0.0.3")?;
            stream.write_all(b"GET / HT").ok()?;
            Some(stream)
        })
        .collect();
    std::thread::sleep(Duration::from_millis(500));
    server.terminate();
    let status = server.wait_at_most(Duration::from_secs(20));
    stop.store(true, Ordering::Relaxed);
    let status = status.expect("lede stopped within 20 s of SIGTERM (grace: 2 s)");
    assert!(status.success(), "and with success: {status}");
    let _ = body.join();
    waiting.retain_mut(|stream| !closed(stream));
    assert!(waiting.is_empty(), "every connection was closed");
}

#[cfg(target_os = "linux")]
#[test]
fn the_open_file_limit_is_raised_to_the_hard_limit() {
    let limits = std::fs::read_to_string("/proc/self/limits").expect("limits");
    let hard: u64 = open_files(&limits).1.parse().unwrap_or(u64::MAX);
    if hard <= 256 {
        eprintln!("the hard open-file limit here is {hard}: nothing to raise to");
        return;
    }
    let server = Server::start("nofile", "", "-S -n 200");
    let limits =
        std::fs::read_to_string(format!("/proc/{}/limits", server.child.id())).expect("limits");
    let (soft, hard) = open_files(&limits);
    assert_ne!(soft, "200", "the soft limit was raised");
    assert_eq!(soft, hard, "up to the hard limit");
}

/// The soft and hard values of the "Max open files" line of /proc/PID/limits.
#[cfg(target_os = "linux")]
fn open_files(limits: &str) -> (String, String) {
    let line = limits.lines().find(|l| l.starts_with("Max open files")).expect("the line");
    let mut values = line["Max open files".len()..].split_whitespace();
    let soft = values.next().expect("soft").to_owned();
    (soft, values.next().expect("hard").to_owned())
}
