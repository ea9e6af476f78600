"""Summarises bench/run.sh's raw results: lines 'case/server/page/connections key=value …', one per
measurement and round. Prints, per case, a table of medians over the rounds, then the ratios
(Lede against nginx for the same bytes, reads under writes against reads alone, renders per
core). Usage: python3 bench/report.py RESULTS_FILE"""
import statistics
import sys
from collections import defaultdict

TITLES = {
    "c1": "Case 1: one hot article page (page cache on), Lede vs nginx serving the same bytes",
    "c2": "Case 2: 200 article pages picked at random per request, Lede vs nginx",
    "c3": "Case 3: home, section, feed and sitemaps, Lede vs nginx serving the same bytes",
    "c4": "Case 4: the article with the page cache off (--page-cache-mb 0): every request renders",
    "c5": "Case 5: case 2's reads while comments are posted (20/s) and articles published (every 10 s)",
    "c6": "Case 6: scale (page cache off for the latencies; memory with the cache on, after 200 pages)",
}
INTEGER = {"rps", "non2xx", "errors", "requests", "comments", "comments_failed", "publishes", "publishes_failed",
           "articles"}

rows = defaultdict(lambda: defaultdict(list))
order = []
for line in open(sys.argv[1]):
    parts = line.split()
    if not parts or "=" in parts[0] or parts[0].startswith("#"):
        continue
    name = parts[0]
    if name not in rows:
        order.append(name)
    for kv in parts[1:]:
        key, _, value = kv.partition("=")
        try:
            rows[name][key].append(float(value))
        except ValueError:
            pass


def med(name, key):
    values = rows.get(name, {}).get(key)
    return statistics.median(values) if values else None


def fmt(key, value):
    if value is None:
        return "–"
    if key in INTEGER or key.endswith("_per_s") and value >= 100:
        return f"{value:,.0f}"
    return f"{value:,.2f}"


def table(names):
    keys = []
    for name in names:
        for key in rows[name]:
            if key not in keys:
                keys.append(key)
    rounds = max(len(v) for name in names for v in rows[name].values())
    print(f"| measurement (median of {rounds}) | " + " | ".join(keys) + " |")
    print("|---" * (len(keys) + 1) + "|")
    for name in names:
        print(f"| {name} | " + " | ".join(fmt(k, med(name, k)) for k in keys) + " |")


cases = defaultdict(list)
for name in order:
    cases[name.split("/")[0]].append(name)



def scale_table(names):
    """Case 6 turned around: one column per site size, one row per figure."""
    sizes, what = [], []
    for name in names:
        _, size, *rest = name.split("/")
        if size not in sizes:
            sizes.append(size)
        for key in rows[name]:
            if key in ("requests", "non2xx", "errors", "sequential"):
                continue
            if (tuple(rest), key) not in what:
                what.append((tuple(rest), key))
    rounds = max((len(v) for name in names if name.endswith("/1") for v in rows[name].values()), default=1)
    print(f"| medians (3 starts, {rounds} rounds) | " + " | ".join(f"{int(s):,} articles" for s in sizes) + " |")
    print("|---" * (len(sizes) + 1) + "|")
    for rest, key in what:
        label = " ".join(rest) + " " + {"s": "(s)", "mb": "(MiB)", "p50": "p50 ms", "p99": "p99 ms",
                                          "rps": "req/s"}.get(key, key)
        cells = [fmt(key, med("/".join(["c6", size, *rest]), key)) for size in sizes]
        print(f"| {label} | " + " | ".join(cells) + " |")
    print()
    for name in names:
        bad = sum(rows[name].get("non2xx", [])) + sum(rows[name].get("errors", []))
        if bad:
            print(f"- {name}: {bad:.0f} answers outside 2xx/3xx or socket errors")
        if rows[name].get("sequential"):
            print(f"- {name}: too slow for wrk in the time given; {sum(rows[name]['requests']):.0f} requests timed one by one")
        if rows[name].get("skipped"):
            print(f"- {name}: not loaded (one request already takes over SLOW_MS on one connection)")


for case, names in cases.items():
    print(f"\n### {TITLES.get(case, case)}\n")
    if case == "c6":
        scale_table(names)
    else:
        table(names)
    notes = []
    for name in names:
        parts = name.split("/")
        if len(parts) < 3 or not parts[1].startswith("lede"):
            continue
        # The reference: nginx on the same page and connections (pinned likewise, if pinned).
        reference = "/".join([parts[0], "nginx-cpu1" if parts[1].endswith("cpu1") else "nginx"] + parts[2:])
        a, b = med(name, "rps"), med(reference, "rps")
        if a and b:
            notes.append(f"{name} / {reference} requests/s: {a / b:.3f}")
    if case == "c4":
        for name in names:
            if "cpu1" in name and name.split("/")[1].startswith("lede") and name.endswith(f"/{name.split('/')[-1]}") \
                    and name.split("/")[-1] != "1":
                notes.append(f"renders per second on one core ({name}): {fmt('rps', med(name, 'rps'))}")
            if name.endswith("/1") and name.split("/")[1].startswith("lede") and med(name, "p50"):
                notes.append(f"one render end to end, one connection ({name}): p50 {med(name, 'p50'):.2f} ms")
    if case == "c5":
        mixed = [n for n in names if "mixed" in n]
        for n in mixed:
            base = n.replace("mixed", "reads-alone")
            c2 = "c2/lede/articles200/64"
            for ref in (base, c2):
                if med(n, "rps") and med(ref, "rps"):
                    notes.append(f"reads under writes ({n}) as % of {ref}: {100 * med(n, 'rps') / med(ref, 'rps'):.1f} %")
            total = lambda key: sum(sum(rows[x].get(key, [])) for x in mixed)  # noqa: E731
            notes.append(
                f"errors over all rounds: readers {total('non2xx'):.0f} non-2xx/3xx + {total('errors'):.0f} socket; "
                f"writers {total('comments_failed'):.0f} of {total('comments'):.0f} comments and "
                f"{total('publishes_failed'):.0f} of {total('publishes'):.0f} publishes failed")
    if notes:
        print()
        for note in notes:
            print(f"- {note}")
