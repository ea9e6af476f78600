#!/usr/bin/env python3
"""The slow client of bench/slow-connections.sh: opens N connections to HOST:PORT from one
address, then sends a request line on each one byte a second for SECONDS, as the audit's
client did. Prints "opened N" once all are open (the script waits for that line), and at
the end how many the server closed, and when."""

import resource
import socket
import sys
import time


def main() -> None:
    host, port, count, seconds = sys.argv[1], int(sys.argv[2]), int(sys.argv[3]), float(sys.argv[4])
    _, hard = resource.getrlimit(resource.RLIMIT_NOFILE)
    resource.setrlimit(resource.RLIMIT_NOFILE, (hard, hard))
    started = time.monotonic()
    sockets = []
    for _ in range(count):
        s = socket.socket()
        try:
            s.connect((host, port))
        except OSError as error:
            print(f"connect failed: {error}", flush=True)
            s.close()
            continue
        s.setblocking(False)
        sockets.append(s)
    opened = time.monotonic()
    print(f"opened {len(sockets)} in {opened - started:.1f} s", flush=True)
    line = b"GET / HTTP/1.1\r\nHost: lede\r\nX-Slow: " + b"a" * 200
    closed_at: dict[int, float] = {}
    position = 0
    while time.monotonic() - opened < seconds and len(closed_at) < len(sockets):
        byte = line[position % len(line):][:1]
        position += 1
        for i, s in enumerate(sockets):
            if i in closed_at:
                continue
            try:
                if s.recv(1024) == b"":
                    closed_at[i] = time.monotonic() - opened
                    continue
            except BlockingIOError:
                pass
            except OSError:
                closed_at[i] = time.monotonic() - opened
                continue
            try:
                s.send(byte)
            except OSError:
                closed_at[i] = time.monotonic() - opened
        time.sleep(1)
    at_once = sum(1 for t in closed_at.values() if t < 2)
    last = max(closed_at.values(), default=0.0)
    print(
        f"closed by the server: {len(closed_at)} of {len(sockets)} "
        f"({at_once} within 2 s of the last opening, the last after {last:.1f} s)",
        flush=True,
    )


if __name__ == "__main__":
    main()
