#!/usr/bin/env python3
"""Streaming-loader benchmark: ParetoRec's TaobaoLoader vs pandas.read_csv on the same file, same run.

Builds a large Taobao-UserBehavior-format file by repeating the real sample
(../shared/data/ecommerce/taobao_userbehavior_head84k.csv, truncated last line dropped) with the user
ids shifted per copy, so every line is distinct; then times each loader --repeat times (medians).
Run by hand from the repository root after `swift build -c release --product paretorec-bench`:

    python3 Experiments/bench/loading_bench.py --copies 120 --repeat 3

pandas uses the C engine with explicit dtypes (int64 ids, category for behaviour); it builds the
same columns ParetoRec does. ParetoRec with duplicate removal (its default) is compared with
read_csv + drop_duplicates, without it with read_csv alone. Peak RSS of each side is measured in its
own process. The machine is shared (other builds running), so CPU time is the steadier figure.
"""
import argparse, json, os, resource, statistics, subprocess, sys, tempfile, time

def build(sample, copies, out):
    lines = open(sample, "rb").read().split(b"\n")
    lines = [l for l in lines if l.count(b",") == 4]
    with open(out, "wb") as f:
        for c in range(copies):
            shift = c * 10_000_000
            buf = []
            for l in lines:
                u, rest = l.split(b",", 1)
                buf.append(b"%d,%s\n" % (int(u) + shift, rest))
            f.write(b"".join(buf))
    return len(lines) * copies

PANDAS = r'''
import json, resource, sys, time, pandas as pd
path, repeats, dedup = sys.argv[1], int(sys.argv[2]), sys.argv[3] == "dedup"
for run in range(repeats):
    t = time.perf_counter()
    r0 = resource.getrusage(resource.RUSAGE_SELF)
    df = pd.read_csv(path, header=None, names=["user", "item", "category", "behavior", "timestamp"],
                     dtype={"user": "int64", "item": "int64", "category": "int64", "behavior": "category", "timestamp": "int64"},
                     engine="c")
    if dedup:
        df = df.drop_duplicates()
    s = time.perf_counter() - t
    r1 = resource.getrusage(resource.RUSAGE_SELF)
    cpu = (r1.ru_utime - r0.ru_utime) + (r1.ru_stime - r0.ru_stime)
    print(json.dumps({"run": run, "rows": len(df), "seconds": s, "cpu_seconds": cpu,
                      "peak_rss_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024}))
    del df
'''

def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--copies", type=int, default=120)
    ap.add_argument("--repeat", type=int, default=3)
    ap.add_argument("--data", default=os.environ.get("PARETOREC_DATA", "../shared/data"))
    ap.add_argument("--bench", default=".build/release/paretorec-bench")
    a = ap.parse_args()
    path = os.path.join(tempfile.gettempdir(), "paretorec_taobao_bench.csv")
    rows = build(os.path.join(a.data, "ecommerce/taobao_userbehavior_head84k.csv"), a.copies, path)
    size = os.path.getsize(path) / 1e6
    print(f"file: {path} rows={rows} size={size:.1f} MB")
    try:
        results = {}
        for name, cmd in [
            ("paretorec", [a.bench, "loading", "taobao", path, "--repeat", str(a.repeat)]),
            ("paretorec_keep_duplicates", [a.bench, "loading", "taobao", path, "--repeat", str(a.repeat), "--keep-duplicates"]),
            ("pandas", [sys.executable, "-c", PANDAS, path, str(a.repeat), "keep"]),
            ("pandas_drop_duplicates", [sys.executable, "-c", PANDAS, path, str(a.repeat), "dedup"]),
        ]:
            out = subprocess.run(cmd, check=True, capture_output=True, text=True).stdout
            runs = [json.loads(l) for l in out.splitlines() if l.startswith("{")]
            results[name] = (statistics.median(r["seconds"] for r in runs), max(r["peak_rss_mb"] for r in runs), runs[0]["rows"],
                             statistics.median(r["cpu_seconds"] for r in runs))
            print(name, "wall", [round(r["seconds"], 3) for r in runs], "cpu", [round(r["cpu_seconds"], 3) for r in runs],
                  f"peak RSS {results[name][1]:.0f} MB rows {results[name][2]}")
        for name, peer in (("paretorec", "pandas_drop_duplicates"), ("paretorec_keep_duplicates", "pandas")):
            p, pc = results[peer][0], results[peer][3]
            s, c = results[name][0], results[name][3]
            print(f"{name}: median wall {s:.3f} s ({rows / s / 1e6:.2f} M rows/s, {size / s:.0f} MB/s), cpu {c:.3f} s; "
                  f"vs {peer}: wall {p / s:.2f}x cpu {pc / c:.2f}x (>1 = ParetoRec faster); peak RSS ratio {results[name][1] / results[peer][1]:.2f}")
        for peer in ("pandas", "pandas_drop_duplicates"):
            p, pc = results[peer][0], results[peer][3]
            print(f"{peer}: median wall {p:.3f} s ({rows / p / 1e6:.2f} M rows/s), cpu {pc:.3f} s")
    finally:
        os.remove(path)

if __name__ == "__main__":
    main()
