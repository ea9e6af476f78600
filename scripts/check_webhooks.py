"""Receives a webhook from the real `lede` binary and verifies it with the `standardwebhooks`
package (see check-webhooks.sh, which runs it in the package's virtualenv)."""

import json
import os
import re
import socket
import subprocess
import sys
import tempfile
import threading
import time
import urllib.request
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

from standardwebhooks import Webhook
from standardwebhooks.webhooks import WebhookVerificationError

LEDE = os.path.abspath(sys.argv[1])
received = []
arrived = threading.Event()


class Receiver(BaseHTTPRequestHandler):
    def do_POST(self):
        body = self.rfile.read(int(self.headers.get("content-length", "0")))
        received.append(({k.lower(): v for k, v in self.headers.items()}, body))
        self.send_response(204)
        self.end_headers()
        arrived.set()

    def log_message(self, *args):
        pass


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def lede(data, *args):
    done = subprocess.run([LEDE, *args, "--data", data], capture_output=True, text=True)
    if done.returncode != 0:
        sys.exit(f"check-webhooks: lede {' '.join(args)} failed:\n{done.stderr}")
    return done.stdout


def fail(message):
    sys.exit(f"check-webhooks: {message}")


def main():
    receiver = ThreadingHTTPServer(("127.0.0.1", 0), Receiver)
    threading.Thread(target=receiver.serve_forever, daemon=True).start()
    hook_url = f"http://127.0.0.1:{receiver.server_address[1]}/hook"

    with tempfile.TemporaryDirectory() as work:
        data = os.path.join(work, "data")
        os.makedirs(data)
        with open(os.path.join(data, "lede.toml"), "w") as config:
            config.write("webhooks_allow_private = true\n")
        port = free_port()
        base = f"http://127.0.0.1:{port}"
        log = open(os.path.join(work, "lede.log"), "w")
        server = subprocess.Popen(
            [LEDE, "serve", "--demo", "--data", data, "--addr", f"127.0.0.1:{port}",
             "--base-url", base],
            stdout=log, stderr=log)
        try:
            for _ in range(300):
                try:
                    urllib.request.urlopen(f"{base}/healthz", timeout=1)
                    break
                except OSError:
                    time.sleep(0.2)
            else:
                fail("Lede did not start")

            added = lede(data, "webhook", "add", "--url", hook_url, "--event", "comment.approved")
            secret = re.search(r"whsec_[A-Za-z0-9+/=]+", added)
            if not secret:
                fail(f"no secret was printed:\n{added}")
            secret = secret.group(0)

            # A demo comment taken down and approved again: `comment.approved`, queued by the
            # command in its transaction, sent by the server's worker.
            listed = lede(data, "comments", "list", "--status", "approved")
            comment = re.search(r"^#(\d+) ", listed, re.MULTILINE)
            if not comment:
                fail(f"the demo has no approved comment:\n{listed}")
            lede(data, "comments", "spam", comment.group(1))
            lede(data, "comments", "approve", comment.group(1))

            if not arrived.wait(60):
                fail("no webhook arrived within a minute")
        finally:
            server.terminate()
            server.wait(timeout=30)

    headers, body = received[0]
    for name in ("webhook-id", "webhook-timestamp", "webhook-signature"):
        if name not in headers:
            fail(f"the delivery lacks the {name} header")
    try:
        payload = Webhook(secret).verify(body, headers)
    except WebhookVerificationError as error:
        fail(f"standardwebhooks refused the signature: {error}")
    if payload.get("type") != "comment.approved":
        fail(f"unexpected payload type: {payload.get('type')}")
    article = payload["data"]["article"]
    if not article or not article.get("slug") or not payload["data"].get("comment"):
        fail(f"the payload lacks the article or the comment: {json.dumps(payload)[:500]}")
    # The library must refuse what Lede did not sign.
    try:
        Webhook(secret).verify(body.replace(b"comment", b"c0mment", 1), headers)
        fail("a changed body still verified")
    except WebhookVerificationError:
        pass
    print(f"check-webhooks: {payload['type']} for \"{article['headline']}\" verified by "
          f"standardwebhooks ({headers['webhook-id']})")


if __name__ == "__main__":
    main()
