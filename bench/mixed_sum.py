#!/usr/bin/env python3
"""mixed_sum.py — figures of one bench/mixed.lua run.

    bench/mixed_sum.py LABEL SECONDS PREFIX [CPU_FILE]

Reads the per-thread timing files PREFIX.* ("class ok microseconds" a
line) and prints the run's req/s and p50/p95/p99, then one line per class.
With CPU_FILE (lines "process microseconds", the CPU time each process
group used during the run, from bench/mixed.sh's /proc readings) it also
prints the CPU microseconds per request of each group and their sum, and
what two cores would serve at that cost.  Standard library only.
"""
import glob
import os
import sys


def pct(v, p):
    return v[min(len(v) - 1, int(len(v) * p))] / 1000.0 if v else 0.0


def main():
    label, secs, prefix = sys.argv[1], float(sys.argv[2]), sys.argv[3]
    per = {}
    for path in glob.glob(prefix + ".*"):
        with open(path) as f:
            for line in f:
                parts = line.split()
                if len(parts) == 3:
                    per.setdefault(parts[0], []).append((int(parts[1]), float(parts[2])))
    everything = sorted(us for rows in per.values() for _, us in rows)
    bad = sum(1 for rows in per.values() for ok, _ in rows if not ok)
    n = len(everything)
    print("%s: %.0f req/s, p50 %.2f ms, p95 %.2f ms, p99 %.2f ms (%d requests in %.1f s, %d unexpected answers)"
          % (label, n / secs, pct(everything, 0.5), pct(everything, 0.95), pct(everything, 0.99), n, secs, bad))
    for cls in sorted(per, key=lambda c: -len(per[c])):
        v = sorted(us for _, us in per[cls])
        nb = sum(1 for ok, _ in per[cls] if not ok)
        print("  %-12s %7d %8.1f req/s  p50 %7.2f  p95 %7.2f  p99 %7.2f ms%s"
              % (cls, len(v), len(v) / secs, pct(v, 0.5), pct(v, 0.95), pct(v, 0.99),
                 "  %d unexpected" % nb if nb else ""))
    if len(sys.argv) > 4 and n:
        total = 0.0
        cols = []
        with open(sys.argv[4]) as f:
            for line in f:
                name, us = line.split()
                total += float(us)
                cols.append("%s %.0f" % (name, float(us) / n))
        print("  CPU per request: %s; sum %.0f µs (2 cores: %.0f req/s at this cost)"
              % (", ".join(cols), total / n, 2e6 / (total / n) if total else 0))
    for path in glob.glob(prefix + ".*"):
        os.unlink(path)


if __name__ == "__main__":
    main()
