"""Newsletters from the real `lede` binary through a real SMTP server on loopback (aiosmtpd,
from PyPI; see check-newsletters.sh, which runs this in its virtualenv).

A reader subscribes through the form as a browser would, receives the confirmation email and
follows its link; 3,000 confirmed subscribers are imported with `lede newsletter import`;
`lede newsletter send` queues breaking news; while the server sends it, it is killed with
SIGKILL and started again. Checked: nothing reaches an unconfirmed address, no subscriber
receives the issue twice, everyone else receives it once, what the crash cut off is counted as
failed (never resent), the email is multipart with both parts and the RFC 8058 headers, and its
one-click unsubscribe works with a bare POST.

    python check_newsletters.py path/to/lede            the check (about a minute)
    python check_newsletters.py path/to/lede --bench N  a breaking-news alert to N subscribers:
                                                        time, messages a second, memory
"""

import csv
import email
import email.policy
import os
import re
import signal
import socket
import subprocess
import sys
import tempfile
import threading
import time
import urllib.parse
import urllib.request

from aiosmtpd.controller import Controller

LEDE = os.path.abspath(sys.argv[1])
BENCH = int(sys.argv[sys.argv.index("--bench") + 1]) if "--bench" in sys.argv else None


def fail(message):
    sys.exit(f"check-newsletters: {message}")


class Inbox:
    """Every message the SMTP server accepted: (recipients, parsed message)."""

    def __init__(self):
        self.lock = threading.Lock()
        self.messages = []
        # Messages by subject, kept as they arrive: counting must not walk every message
        # (the benchmark counts 50,000 of them five times a second).
        self.subjects = {}

    async def handle_DATA(self, server, session, envelope):
        message = email.message_from_bytes(envelope.content, policy=email.policy.default)
        subject = str(message["subject"])
        with self.lock:
            self.messages.append((list(envelope.rcpt_tos), message))
            self.subjects[subject] = self.subjects.get(subject, 0) + 1
        return "250 OK"

    def count(self, subject_start=""):
        with self.lock:
            return sum(n for s, n in self.subjects.items() if s.startswith(subject_start))

    def find(self, to, subject_start):
        with self.lock:
            return [m for rcpt, m in self.messages
                    if to in rcpt and str(m["subject"]).startswith(subject_start)]


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def lede(data, *args):
    done = subprocess.run([LEDE, *args, "--data", data], capture_output=True, text=True)
    if done.returncode != 0:
        fail(f"lede {' '.join(args)} failed:\n{done.stderr}")
    return done.stdout


def wait_until(predicate, seconds, what):
    deadline = time.time() + seconds
    while time.time() < deadline:
        if predicate():
            return
        time.sleep(0.1)
    fail(f"timed out waiting for {what}")


def start(data, port, log):
    server = subprocess.Popen(
        [LEDE, "serve", "--demo", "--data", data, "--addr", f"127.0.0.1:{port}",
         "--base-url", f"http://127.0.0.1:{port}"],
        stdout=log, stderr=log)
    base = f"http://127.0.0.1:{port}"

    def up():
        try:
            urllib.request.urlopen(f"{base}/healthz", timeout=1)
            return True
        except OSError:
            return False
    wait_until(up, 60, "Lede to start")
    return server


def text_part(message):
    part = message.get_body(preferencelist=("plain",))
    return part.get_content() if part else ""


def rss_kb(pid):
    with open(f"/proc/{pid}/status") as status:
        for line in status:
            if line.startswith("VmRSS:"):
                return int(line.split()[1])
    return 0


def wrk(url, seconds=10):
    """Requests a second wrk gets from `url` (2 threads, 64 connections)."""
    out = subprocess.run(["wrk", "-t2", "-c64", f"-d{seconds}s", url],
                         capture_output=True, text=True, check=True).stdout
    return float(re.search(r"Requests/sec:\s+([\d.]+)", out).group(1))


def subscribe(base, address):
    """The subscribe form, as a browser sends it."""
    page = urllib.request.urlopen(f"{base}/subscribe").read().decode()
    token = re.search(r'name="token" value="([^"]+)"', page).group(1)
    body = urllib.parse.urlencode(
        [("email", address), ("token", token), ("lists", "daily:en"), ("lists", "breaking:en")])
    answer = urllib.request.urlopen(f"{base}/subscribe", data=body.encode()).read().decode()
    if "Check your inbox" not in answer:
        fail(f"the subscribe form did not answer as expected:\n{answer[:2000]}")


def main():
    inbox = Inbox()
    smtp = Controller(inbox, hostname="127.0.0.1", port=free_port())
    smtp.start()
    count = BENCH or 3000
    with tempfile.TemporaryDirectory() as work:
        data = os.path.join(work, "data")
        os.makedirs(data)
        with open(os.path.join(data, "lede.toml"), "w") as config:
            config.write(
                f'smtp_host = "127.0.0.1"\nsmtp_port = {smtp.port}\nsmtp_security = "none"\n'
                'mail_from = "Lede Demo <news@lede.example>"\nmail_per_minute = 600000\n'
                "comment_min_seconds = 0\n")
        port = free_port()
        base = f"http://127.0.0.1:{port}"
        log = open(os.path.join(work, "lede.log"), "w")
        server = start(data, port, log)
        try:
            if BENCH is None:
                subscribe(base, "reader@example.org")
                wait_until(lambda: inbox.find("reader@example.org", "Confirm"), 20,
                           "the confirmation email")
                confirmation = inbox.find("reader@example.org", "Confirm")[0]
                link = re.search(r"(http://\S+/subscribe/confirm\?\S+)", text_part(confirmation))
                confirmed = urllib.request.urlopen(link.group(1)).read().decode()
                if "You are subscribed" not in confirmed:
                    fail("the confirmation link did not confirm")
                # An address that never confirms receives nothing else.
                subscribe(base, "unconfirmed@example.org")
                wait_until(lambda: inbox.find("unconfirmed@example.org", "Confirm"), 20,
                           "the second confirmation email")

            subscribers = os.path.join(work, "subscribers.csv")
            with open(subscribers, "w", newline="") as f:
                writer = csv.writer(f)
                writer.writerow(["email", "language", "lists", "consent"])
                for i in range(count):
                    writer.writerow([f"s{i}@example.org", "en", "breaking:en", "yes"])
            lede(data, "newsletter", "import", subscribers)
            slug = re.search(r'href="/articles/([^"/]+)"',
                             urllib.request.urlopen(base + "/").read().decode()).group(1)
            baseline = wrk(f"{base}/articles/{slug}") if BENCH is not None else 0
            began = time.time()
            peak = rss_kb(server.pid)
            lede(data, "newsletter", "send", "--article", slug, "--list", "breaking:en")
            expected = count + (0 if BENCH else 1)

            if BENCH is not None:
                # Readers during the send: wrk on the article for 10 s, against 10 s before.
                during = {}

                def readers():
                    during["rps"] = wrk(f"{base}/articles/{slug}")
                sampler = threading.Thread(target=readers)
                sampler.start()
                while inbox.count("Breaking") < expected and time.time() - began < 1800:
                    peak = max(peak, rss_kb(server.pid))
                    time.sleep(0.2)
                took = time.time() - began
                sampler.join()
                sent = inbox.count("Breaking")
                print(f"bench: {sent} of {expected} messages in {took:.1f} s ({sent / took:.0f}/s); "
                      f"server's peak RSS {peak / 1024:.1f} MB; readers {during['rps']:.0f} req/s "
                      f"during the send vs {baseline:.0f} before ({during['rps'] / baseline:.2f})")
                return

            # Kill the server mid-send, then start it again.
            wait_until(lambda: inbox.count("Breaking") >= 300, 120, "the send to begin")
            server.send_signal(signal.SIGKILL)
            server.wait()
            at_kill = inbox.count("Breaking")
            server = start(data, port, log)
            # Done when nothing more arrives for a while.
            last, still = -1, 0
            while still < 30:
                now = inbox.count("Breaking")
                still = still + 1 if now == last else 0
                last = now
                time.sleep(0.2)

            seen = {}
            for rcpt, message in inbox.messages:
                if str(message["subject"]).startswith("Breaking"):
                    for r in rcpt:
                        seen[r] = seen.get(r, 0) + 1
            twice = [r for r, n in seen.items() if n > 1]
            if twice:
                fail(f"{len(twice)} subscribers received the issue twice, e.g. {twice[:3]}")
            if "unconfirmed@example.org" in seen:
                fail("an unconfirmed address received the issue")
            missing = expected - len(seen)
            # What the crash cut off is the messages claimed then: a batch (64) at most.
            if missing < 0 or missing > 64:
                fail(f"{missing} of {expected} subscribers never received the issue")
            print(f"check-newsletters: {len(seen)} of {expected} delivered once each "
                  f"(killed at {at_kill}; {missing} cut off by the crash, never resent)")

            reader = inbox.find("reader@example.org", "Breaking")
            if len(reader) != 1:
                fail("the confirmed reader did not receive the issue once")
            message = reader[0]
            if message.get_content_type() != "multipart/alternative":
                fail(f"the issue is {message.get_content_type()}, not multipart/alternative")
            kinds = sorted(part.get_content_type() for part in message.iter_parts())
            if kinds != ["text/html", "text/plain"]:
                fail(f"the issue's parts are {kinds}")
            if message["List-Unsubscribe-Post"] != "List-Unsubscribe=One-Click":
                fail("no List-Unsubscribe-Post header")
            unsubscribe = str(message["List-Unsubscribe"]).strip("<>")
            request = urllib.request.Request(
                unsubscribe, data=b"List-Unsubscribe=One-Click", method="POST",
                headers={"Content-Type": "application/x-www-form-urlencoded"})
            answer = urllib.request.urlopen(request).read().decode()
            if "no longer receive" not in answer:
                fail(f"the one-click unsubscribe did not work:\n{answer[:2000]}")
            print("check-newsletters: multipart issue with RFC 8058 headers; one-click "
                  "unsubscribe works")
        finally:
            server.terminate()
            server.wait()
            smtp.stop()


main()
