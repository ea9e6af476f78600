"""Drives scripts/behind-nginx.sh: starts two Lede servers on one new PostgreSQL database and
one S3 bucket, and nginx in front of them, then checks the site through nginx as readers would
and across the servers as an admin would."""

import http.client
import json
import struct
import zlib
import os
import re
import shutil
import socket
import subprocess
import sys
import tempfile
import time
import urllib.parse

LEDE = os.path.abspath(sys.argv[1])
S3_ENV = sys.argv[2]
PG = "postgres://postgres@127.0.0.1:5432"
ADMIN_EMAIL, ADMIN_PASSWORD = "admin@example.com", "a long enough passphrase"


def s3_settings(prefix):
    """lede.toml's lines for the bucket scripts/s3-server.sh wrote down, under `prefix`."""
    values = {}
    with open(S3_ENV) as env:
        for line in env:
            name, _, value = line.strip().partition("=")
            if name.startswith("LEDE_S3_"):
                values[name[len("LEDE_S3_"):].lower()] = value
    lines = ['media_store = "s3"', f's3_prefix = "{prefix}"']
    for key in ("endpoint", "bucket", "region", "access_key_id", "secret_access_key"):
        lines.append(f's3_{key} = "{values[key]}"')
    return "\n".join(lines) + "\n"


def png(width, height):
    """A real PNG of one colour, for the upload (the library decodes and re-encodes it)."""
    def chunk(kind, data):
        body = kind + data
        return struct.pack(">I", len(data)) + body + struct.pack(">I", zlib.crc32(body))
    rows = b"".join(b"\x00" + bytes([30, 120, 200]) * width for _ in range(height))
    header = struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0)
    return (b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header) + chunk(b"IDAT", zlib.compress(rows))
            + chunk(b"IEND", b""))


def request_bytes(port, method, path, body=None, headers=None):
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
    connection.request(method, path, body=body, headers=headers or {})
    response = connection.getresponse()
    data = response.read()
    connection.close()
    return response.status, {k.lower(): v for k, v in response.getheaders()}, data


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def request(port, method, path, body=None, headers=None):
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=10)
    connection.request(method, path, body=body, headers=headers or {})
    response = connection.getresponse()
    text = response.read().decode("utf-8", "replace")
    connection.close()
    return response.status, dict(response.getheaders()), text


def wait_for(port, path="/healthz", seconds=300):
    deadline = time.time() + seconds
    while time.time() < deadline:
        try:
            if request(port, "GET", path)[0] == 200:
                return
        except OSError:
            pass
        time.sleep(0.2)
    raise SystemExit(f"nothing answered {path} on port {port} within {seconds} s")


def check(condition, message):
    if not condition:
        raise SystemExit(f"FAILED: {message}")
    print(f"ok: {message}")


def main():
    work = tempfile.mkdtemp(prefix="lede-nginx-")
    database = f"lede_nginx_{os.getpid()}"
    subprocess.run(["psql", PG + "/test", "-qc", f"CREATE DATABASE {database}"], check=True)
    url = f"{PG}/{database}"
    servers, processes = [free_port(), free_port()], []
    front = free_port()
    base = f"http://127.0.0.1:{front}"
    try:
        for n, port in enumerate(servers):
            data = os.path.join(work, f"server-{n}")
            os.makedirs(data)
            with open(os.path.join(data, "lede.toml"), "w") as config:
                # A one-second form delay (three by default) keeps the run short.
                config.write(f'base_url = "{base}"\ntrusted_proxies = ["127.0.0.1/32"]\n'
                             'comment_min_seconds = 1\n')
                # One bucket for both, in a folder of this run's own.
                config.write(s3_settings(f"behind-nginx-{os.getpid()}"))
            log = open(os.path.join(work, f"server-{n}.log"), "w")
            command = [LEDE, "serve", "--data", data, "--database-url", url,
                       "--addr", f"127.0.0.1:{port}"]
            # The first loads the demo; the second finds it there.
            processes.append(subprocess.Popen(command + (["--demo"] if n == 0 else []),
                                              stdout=log, stderr=log))
            wait_for(port)
        conf = os.path.join(work, "nginx.conf")
        with open(conf, "w") as f:
            f.write(f"""daemon off;
pid {work}/nginx.pid;
error_log {work}/nginx-error.log;
events {{}}
http {{
  access_log off;
  upstream lede {{ server 127.0.0.1:{servers[0]}; server 127.0.0.1:{servers[1]}; }}
  server {{
    listen 127.0.0.1:{front};
    location / {{ proxy_pass http://lede; }}
  }}
}}
""")
        processes.append(subprocess.Popen(["nginx", "-c", conf, "-p", work]))
        wait_for(front)
        status, _, home = request(front, "GET", "/")
        check(status == 200, "the home page answers through nginx")
        article = re.search(r'href="(/articles/[^"#?]+)"', home).group(1)
        check(all(request(p, "GET", article)[0] == 200 for p in servers), "both servers serve it")

        def comment(reader, n):
            """One reader's comment through nginx: load the form, send it; the answer's status.
            A spent token (the other server's cached page, not yet purged) is tried again."""
            for _ in range(20):
                _, _, page = request(front, "GET", article, headers={"X-Forwarded-For": reader})
                token = re.search(r'name="token" value="([^"]+)"', page).group(1)
                time.sleep(1.1)  # the form's minimum time, as a reader takes it
                body = urllib.parse.urlencode({
                    "token": token, "name": f"Reader {n}", "email": f"r{n}@example.com",
                    "website": "", "text": f"Comment {n} from {reader}", "homepage": "",
                })
                status, _, text = request(front, "POST", article + "/comments", body, {
                    "Content-Type": "application/x-www-form-urlencoded",
                    "Origin": base,
                    "X-Forwarded-For": reader,
                })
                if status == 422 and "already been used" in text:
                    continue
                return status, text
            raise SystemExit("a fresh form never came")

        # Twenty readers, one after another (a cached page's form token is spent by the first
        # comment sent with it, so readers of one cached copy would be asked to send again).
        statuses = [comment(f"203.0.113.{n}", n)[0] for n in range(20)]
        check(statuses == [303] * 20, f"20 readers' comments accepted: {statuses}")
        burst = [comment("198.51.100.7", 100 + n)[0] for n in range(6)]
        check(burst[:5] == [303] * 5 and burst[5] == 429,
              f"a 6th comment in a burst from one reader is refused with 429: {burst}")
        shared_media(servers, work, url, base)
        status, headers, _ = request_bytes(front, "GET", "/media/uploads/2026/11/0123456789abcdef.png")
        check(status == 404 and "immutable" not in headers.get("cache-control", ""),
              f"a missing /media/uploads/... file answers 404 without immutable: {status} "
              f"{headers.get('cache-control')}")
        for process in processes[:2]:
            check(process.poll() is None, "the servers are still up")
    finally:
        for process in reversed(processes):
            process.terminate()
        for process in processes:
            try:
                process.wait(timeout=15)
            except subprocess.TimeoutExpired:
                process.kill()
        for n in range(2):
            log = open(os.path.join(work, f"server-{n}.log")).read() if os.path.exists(
                os.path.join(work, f"server-{n}.log")) else ""
            if "ERROR" in log:
                print(f"server {n} logged errors:\n{log}")
        subprocess.run(["psql", PG + "/test", "-qc", f"DROP DATABASE IF EXISTS {database}"])
        shutil.rmtree(work, ignore_errors=True)


def shared_media(servers, work, url, base):
    """An admin uploads an image through server A; server B serves it, the same bytes."""
    a, b = servers
    subprocess.run([LEDE, "user", "add", "--data", os.path.join(work, "server-0"),
                    "--database-url", url, "--email", ADMIN_EMAIL, "--name", "Ada Admin",
                    "--role", "admin"], input=ADMIN_PASSWORD + "\n", text=True, check=True,
                   stdout=subprocess.DEVNULL)
    origin = {"Origin": base}
    form = urllib.parse.urlencode({"email": ADMIN_EMAIL, "password": ADMIN_PASSWORD})
    status, headers, _ = request_bytes(a, "POST", "/admin/sign-in", form, {
        **origin, "Content-Type": "application/x-www-form-urlencoded"})
    session = re.search(r"(lede_session=[^;]+)", headers.get("set-cookie", ""))
    check(status == 303 and session, f"the admin signs in on server A: {status}")
    cookie = {"Cookie": session.group(1)}
    _, _, page = request_bytes(a, "GET", "/admin/media", headers=cookie)
    csrf = re.search(rb'name="csrf" value="([^"]+)"', page).group(1).decode()
    boundary = "lede-nginx-boundary"
    body = (f'--{boundary}\r\nContent-Disposition: form-data; name="csrf"\r\n\r\n{csrf}\r\n'
            f'--{boundary}\r\nContent-Disposition: form-data; name="file"; '
            'filename="harbour.png"\r\nContent-Type: image/png\r\n\r\n').encode()
    body += png(640, 400) + f"\r\n--{boundary}--\r\n".encode()
    status, _, answer = request_bytes(a, "POST", "/admin/media", body, {
        **origin, **cookie, "Accept": "application/json",
        "Content-Type": f"multipart/form-data; boundary={boundary}"})
    check(status == 200, f"server A takes the upload: {status} {answer[:200]!r}")
    path = json.loads(answer)["path"]
    from_a = request_bytes(a, "GET", path)
    from_b = request_bytes(b, "GET", path)
    check(from_b[0] == 200 and from_b[2] == from_a[2] and from_b[2].startswith(b"\x89PNG"),
          f"server B serves {path}, uploaded through A, with the same bytes "
          f"({len(from_b[2])} bytes)")
    check(from_b[1].get("content-type") == "image/png"
          and from_b[1].get("cache-control") == "public, max-age=31536000, immutable",
          "as a PNG kept forever")
    variant = path.replace(".png", "-480.webp")
    check(request_bytes(b, "GET", variant)[0] == 200, f"and its variant {variant}")


if __name__ == "__main__":
    main()
