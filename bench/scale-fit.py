#!/usr/bin/env python3
"""How each stage's time and memory grow with the corpus, and what that projects for larger ones.

Reads the runs of bench/run.sh at several sizes (same BENCH_DIR, STAGES listing the stages so
each ran in its own JVM: "ingest entities cooccur topics"), fits time = a * size^b, the JVM's
peak RSS and Spark's peak executor heap (used heap, the JVM's own metric) = a * size^b per stage
by least squares on log-log (b is the growth exponent: 1 is linear, 0 flat), and
prints the measured values, the exponents and two projections for the --project sizes on the
same machine: the power law, and for times a fixed cost plus a cost per record (c + k*n, least
squares; a power-law exponent under 1 at small sizes is often that fixed cost, not economies of
scale). Memory is what the JVM's collector let the heap grow to under its -Xmx, so it shows
whether a stage needs more heap as the corpus grows, not how much it would take unbounded.
A cluster divides the per-record part by at most its cores over the 2 measured here (its tasks
permitting); --cluster-cores prints that bound. Python standard library only.

  bench/scale-fit.py [--dir /tmp/newslens-bench] [--project 1000000] [--cluster-cores 160] 10000 30000 100000
"""
import argparse
import json
import math
import os

STAGES = ["ingest", "entities", "cooccur", "topics"]


def fit(xs, ys):
    """Least squares of log y = log a + b log x; returns (a, b)."""
    lx = [math.log(x) for x in xs]
    ly = [math.log(y) for y in ys]
    mx, my = sum(lx) / len(lx), sum(ly) / len(ly)
    sxx = sum((x - mx) ** 2 for x in lx)
    b = sum((x - mx) * (y - my) for x, y in zip(lx, ly)) / sxx
    return math.exp(my - b * mx), b


def fit_linear(xs, ys):
    """Least squares of y = c + k x (a fixed cost and a cost per record); returns (c, k)."""
    mx, my = sum(xs) / len(xs), sum(ys) / len(ys)
    k = sum((x - mx) * (y - my) for x, y in zip(xs, ys)) / sum((x - mx) ** 2 for x in xs)
    return my - k * mx, k


def load(directory, size):
    with open(os.path.join(directory, f"warehouse-{size}", f"bench-{size}.json")) as f:
        bench = json.load(f)
    seconds = {j["job"]: j["seconds"] for j in bench["jobs"]}
    heap = {j["job"]: j["peak_executor_heap_mb"] for j in bench["jobs"]}
    rss, wall = {}, {}
    with open(os.path.join(directory, f"time-{size}.txt")) as f:
        for line in f:
            parts = line.split()
            if len(parts) == 3 and parts[0] in STAGES:
                wall[parts[0]] = float(parts[1])
                rss[parts[0]] = int(parts[2]) / 1024
    return seconds, wall, rss, heap


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--dir", default=os.environ.get("BENCH_DIR", "/tmp/newslens-bench"))
    ap.add_argument("--project", type=int, nargs="*", default=[1000000])
    ap.add_argument("--cluster-cores", type=int, default=160)
    ap.add_argument("sizes", type=int, nargs="+")
    args = ap.parse_args()
    runs = {n: load(args.dir, n) for n in args.sizes}
    head = (["stage", "measure"] + [f"{n:,}" for n in args.sizes] + ["exponent"] + [f"{p:,} a*n^b" for p in args.project]
            + [f"{p:,} c+k*n" for p in args.project])
    if args.cluster_cores:
        head.append(f"{args.project[-1]:,} on {args.cluster_cores} cores (c+k*n, bound)")
    rows = [head]
    totals = {n: 0.0 for n in args.sizes}
    for stage in STAGES:
        if not all(stage in runs[n][0] for n in args.sizes):
            continue
        for measure, index, unit in (("job s", 0, "s"), ("JVM s", 1, "s"), ("peak RSS MB", 2, "MB"), ("peak heap MB", 3, "MB")):
            ys = [runs[n][index].get(stage) for n in args.sizes]
            if any(y is None or y <= 0 for y in ys):
                continue
            a, b = fit(args.sizes, ys)
            c, k = fit_linear(args.sizes, ys)
            linear = [c + k * p for p in args.project]
            row = ([stage, measure] + [f"{y:,.0f}" for y in ys] + [f"{b:.2f}"] + [f"{a * p ** b:,.0f}" for p in args.project]
                   + [f"{v:,.0f}" if unit == "s" else "-" for v in linear])
            if args.cluster_cores:
                # the larger of the two projections, its per-record part spread over the cores
                row.append(f"{max(c, 0) + max(k, 0) * args.project[-1] * 2 / args.cluster_cores:,.0f}" if unit == "s" else "-")
            rows.append(row)
            if measure == "JVM s":
                for n, y in zip(args.sizes, ys):
                    totals[n] += y
    widths = [max(len(r[i]) for r in rows) for i in range(len(head))]
    for r in rows:
        print("  ".join(c.rjust(w) if i > 1 else c.ljust(w) for i, (c, w) in enumerate(zip(r, widths))))
    print("end to end (the stages' JVMs): " + ", ".join(f"{n:,}: {t:,.0f} s" for n, t in totals.items()))


if __name__ == "__main__":
    main()
