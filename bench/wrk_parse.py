"""Reads wrk --latency output on stdin; prints 'requests/s p50_ms p99_ms non_2xx', or with --kv
'rps=… p50=… p99=… non2xx=… errors=… requests=…' (errors: wrk's socket errors, all kinds added
up; requests: how many finished; no p50/p99 when none did)."""
import re
import sys

text = sys.stdin.read()


def ms(label):
    m = re.search(label + r"\s+([\d.]+)(us|ms|s)\b", text)
    value, unit = float(m.group(1)), m.group(2)
    return value / 1000 if unit == "us" else value * 1000 if unit == "s" else value


rps = float(re.search(r"Requests/sec:\s+([\d.]+)", text).group(1))
errors = re.search(r"Non-2xx or 3xx responses: (\d+)", text)
non2xx = errors.group(1) if errors else 0
if "--kv" in sys.argv:
    socket = re.search(r"Socket errors: connect (\d+), read (\d+), write (\d+), timeout (\d+)", text)
    socket_errors = sum(int(g) for g in socket.groups()) if socket else 0
    requests = int(re.search(r"(\d+) requests in", text).group(1))
    # No latency without a finished request (wrk then prints zeros).
    latency = f"p50={ms(' 50%'):.2f} p99={ms(' 99%'):.2f} " if requests else ""
    print(f"rps={rps:.0f} {latency}non2xx={non2xx} errors={socket_errors} requests={requests}")
else:
    print(f"{rps:.0f} {ms(' 50%'):.2f} {ms(' 99%'):.2f} {non2xx}")
