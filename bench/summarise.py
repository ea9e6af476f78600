"""Summarises rounds of results (lines 'case requests/s p50 p99 non2xx') as medians and ratios."""
import statistics
import sys
from collections import defaultdict

rows = defaultdict(list)
for line in open(sys.argv[1]):
    name, *values = line.split()
    rows[name].append([float(v) for v in values])


def median(name, i):
    return statistics.median(r[i] for r in rows[name])


print("| case | requests/s (median) | p50 ms | p99 ms | non-2xx |")
print("|---|---|---|---|---|")
for name in rows:
    print(f"| {name} | {median(name, 0):.0f} | {median(name, 1):.2f} | {median(name, 2):.2f} | {median(name, 3):.0f} |")
rounds = len(rows["lede-article"])
ratio = median("lede-article", 0) / median("nginx-article", 0)
print(f"\nLede / nginx requests/s, same article, median of {rounds} rounds: {ratio:.3f}")
print(f"Article page, one connection (render + HTTP on loopback), median p50: {median('lede-article-1conn', 1):.2f} ms")
