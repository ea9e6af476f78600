"""The writers of the mixed load: readers' comments at a steady rate and an editor publishing
an article now and then, against a running Lede, for a number of seconds.

    python3 bench/writers.py --base http://127.0.0.1:18080 --paths paths.txt --seconds 10 \
        --comments-per-second 20 --publish-every 10 --email ed@bench.invalid --password-file pw \
        --section world --author bench-editor --tag elections

A comment is what a browser does: GET the article page, take the form's fresh token, wait
--comment-wait seconds (0 by default; the site's comment_min_seconds must allow it), POST the
form as application/x-www-form-urlencoded and expect 303. Publishing signs in at
/admin/sign-in, takes the CSRF token from /admin/articles/new and posts the editor's form with
the Publish button (action=publish), expecting 303. Prints one line of key=value figures:
comments sent and failed (any answer outside 2xx/3xx, or a socket error), publishes likewise,
and the median and 99th percentile of each write's time in ms; `posts_p50` and `posts_p99` are
the publishes' POST alone (the publish itself, without fetching the editor first).
"""
import argparse
import http.client
import itertools
import random
import re
import statistics
import sys
import threading
import time
import urllib.parse

TOKEN = re.compile(r'name="token" value="([^"]+)"')
CSRF = re.compile(r'name="csrf" value="([^"]+)"')
WORDS = ("council budget library harbour ferry school clinic bridge market river hospital "
         "transport housing election report weather festival museum football station").split()


class Client:
    """One keep-alive connection; reconnects after a socket error."""

    def __init__(self, base):
        url = urllib.parse.urlsplit(base)
        self.host, self.port = url.hostname, url.port or 80
        self.conn = None
        self.cookie = None

    def request(self, method, path, form=None):
        body = urllib.parse.urlencode(form, doseq=True) if form is not None else None
        headers = {"Host": f"{self.host}:{self.port}"}
        if body is not None:
            headers["Content-Type"] = "application/x-www-form-urlencoded"
        if self.cookie:
            headers["Cookie"] = self.cookie
        for attempt in (1, 2):
            try:
                if self.conn is None:
                    self.conn = http.client.HTTPConnection(self.host, self.port, timeout=30)
                self.conn.request(method, path, body=body, headers=headers)
                response = self.conn.getresponse()
                data = response.read()
                for name, value in response.getheaders():
                    if name.lower() == "set-cookie" and value.startswith("lede_session="):
                        self.cookie = value.split(";", 1)[0]
                return response.status, data.decode("utf-8", "replace")
            except (OSError, http.client.HTTPException):
                self.conn.close()
                self.conn = None
                if attempt == 2:
                    raise


def ok(status):
    return 200 <= status < 400


class Tally:
    def __init__(self):
        self.lock = threading.Lock()
        self.sent = self.failed = 0
        self.times = []
        self.problems = {}

    def add(self, good, ms, problem=None):
        with self.lock:
            self.sent += 1
            if good:
                self.times.append(ms)
            else:
                self.failed += 1
                self.problems[problem] = self.problems.get(problem, 0) + 1

    def percentiles(self):
        times = sorted(self.times)
        p50 = statistics.median(times) if times else 0
        p99 = times[min(len(times) - 1, int(len(times) * 0.99))] if times else 0
        return p50, p99

    def figures(self, name):
        p50, p99 = self.percentiles()
        return f"{name}={self.sent} {name}_failed={self.failed} {name}_p50={p50:.1f} {name}_p99={p99:.1f}"


def commenter(args, paths, due, tally, counter, stop_at):
    client = Client(args.base)
    rng = random.Random()
    while True:
        n = next(counter)
        at = due(n)
        if at >= stop_at:
            return
        pause = at - time.monotonic()
        if pause > 0:
            time.sleep(pause)
        path = rng.choice(paths)
        started = time.monotonic()
        try:
            status, page = client.request("GET", path)
            token = TOKEN.search(page)
            if not ok(status) or not token:
                tally.add(False, 0, f"GET {status}{'' if token else ' without token'}")
                continue
            if args.comment_wait:
                time.sleep(args.comment_wait)
            words = " ".join(rng.choice(WORDS) for _ in range(12))
            form = {"name": f"Reader {n}", "email": f"reader{n}@bench.invalid", "website": "",
                    "text": f"Comment {n}: a thoughtful note about the {words}.", "parent": "",
                    "token": token.group(1), "homepage": ""}
            status, _ = client.request("POST", path + "/comments", form)
            tally.add(status == 303, (time.monotonic() - started) * 1000, f"POST {status}")
        except (OSError, http.client.HTTPException) as error:
            tally.add(False, 0, type(error).__name__)


def publisher(args, tally, stop_at, run_id, posts):
    client = Client(args.base)
    password = open(args.password_file).read().strip()
    try:
        status, _ = client.request("POST", "/admin/sign-in", {"email": args.email, "password": password})
        if status != 303 or not client.cookie:
            tally.add(False, 0, f"sign-in {status}")
            return
    except (OSError, http.client.HTTPException) as error:
        tally.add(False, 0, f"sign-in {type(error).__name__}")
        return
    n = 0
    start = time.monotonic()
    while True:
        at = start + 1 + n * args.publish_every  # the first one second in, so short runs publish too
        if at >= stop_at:
            return
        time.sleep(max(0, at - time.monotonic()))
        n += 1
        started = time.monotonic()
        try:
            status, page = client.request("GET", "/admin/articles/new")
            csrf = CSRF.search(page)
            if status != 200 or not csrf:
                tally.add(False, 0, f"editor {status}")
                continue
            words = " ".join(random.choice(WORDS) for _ in range(60))
            form = {"csrf": csrf.group(1), "action": "publish",
                    "headline": f"Bench bulletin {run_id} number {n}",
                    "standfirst": "A short article published while readers read and comment.",
                    "body": "\n\n".join(f"Paragraph {i}: the {words}." for i in range(6)),
                    "slug": f"bench-bulletin-{run_id}-{n}", "section": args.section,
                    "tags": args.tag, "authors": [args.author], "language": "en",
                    "image_src": "", "image_alt": "", "image_caption": "", "image_credit": "",
                    "publish_at": ""}
            posted = time.monotonic()
            status, page = client.request("POST", "/admin/articles/new", form)
            if status == 303:
                posts.add(True, (time.monotonic() - posted) * 1000)
            problem = f"publish {status}"
            if status != 303:
                m = re.search(r'class="form-errors"[^>]*><p>([^<]+)', page)
                problem += f" {m.group(1)}" if m else ""
            tally.add(status == 303, (time.monotonic() - started) * 1000, problem)
        except (OSError, http.client.HTTPException) as error:
            tally.add(False, 0, type(error).__name__)


def main():
    p = argparse.ArgumentParser()
    p.add_argument("--base", required=True)
    p.add_argument("--paths", required=True, help="article paths, one a line")
    p.add_argument("--seconds", type=float, default=10)
    p.add_argument("--comments-per-second", type=float, default=20)
    p.add_argument("--comment-wait", type=float, default=0)
    p.add_argument("--publish-every", type=float, default=10)
    p.add_argument("--email", required=True)
    p.add_argument("--password-file", required=True)
    p.add_argument("--section", required=True)
    p.add_argument("--author", required=True)
    p.add_argument("--tag", default="")
    p.add_argument("--workers", type=int, default=8)
    args = p.parse_args()
    paths = [line.strip() for line in open(args.paths) if line.strip()]
    start = time.monotonic()
    stop_at = start + args.seconds
    rate = args.comments_per_second
    due = lambda n: start + n / rate  # noqa: E731
    comments, publishes, posts = Tally(), Tally(), Tally()
    counter = itertools.count()
    run_id = f"{int(time.time())}{random.randrange(1000):03d}"
    threads = [threading.Thread(target=commenter, args=(args, paths, due, comments, counter, stop_at))
               for _ in range(args.workers if rate > 0 else 0)]
    if args.publish_every > 0:
        threads.append(threading.Thread(target=publisher, args=(args, publishes, stop_at, run_id, posts)))
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    elapsed = time.monotonic() - start
    for name, tally in (("comments", comments), ("publishes", publishes)):
        for problem, count in tally.problems.items():
            print(f"writers.py: {count} {name} failed: {problem}", file=sys.stderr)
    print(f"{comments.figures('comments')} {publishes.figures('publishes')} "
          f"comments_per_s={(comments.sent - comments.failed) / elapsed:.1f} "
          f"posts_p50={posts.percentiles()[0]:.1f} posts_p99={posts.percentiles()[1]:.1f}")


if __name__ == "__main__":
    main()
