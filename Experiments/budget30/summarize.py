"""Tables of papers/budget30.md from the results folders (no arguments; run from the repository root).

For each scenario: per black-box method the median (IQR) test hypervolume at 30 trainings, the same
method's median in the reference experiment (4-8 trainings), and the median *validation*
hypervolume of its archive after 8 and after 30 trainings (history.csv), which is what the optimizer
itself sees. Writes Markdown to standard output.
"""
import csv
import statistics
from pathlib import Path

ROOT = Path("Experiments/results")


def quantiles(xs):
    xs = sorted(xs)
    q = statistics.quantiles(xs, n=4, method="inclusive") if len(xs) > 1 else [xs[0]] * 3
    return q[1], q[2] - q[0]


def summary(path):
    rows = list(csv.DictReader(open(path)))
    out = {}
    for r in rows:
        out.setdefault(r["method"], []).append(r)
    return out


def validation_hv(run_dir, at):
    """Best validation hypervolume logged at or before `at` trainings; None when nothing was logged
    by then (grid logs once, after its whole budget)."""
    best = None
    for r in csv.DictReader(open(run_dir / "history.csv")):
        if float(r["evaluations"]) <= at:
            best = max(best or 0.0, float(r["hypervolume"]))
    return best


def median_or_dash(values):
    values = [v for v in values if v is not None]
    return f"{statistics.median(values):.4f}" if values else "—"


for scenario in ["ecommerce", "video", "music"]:
    b30 = ROOT / "budget30" / scenario
    if not (b30 / "summary.csv").exists():
        print(f"\n### {scenario}: not run\n")
        continue
    ours = summary(b30 / "summary.csv")
    ref = summary(ROOT / scenario / "summary.csv")
    print(f"\n### {scenario}\n")
    print("| method | test HV @30 median (IQR) | reference run: trainings, test HV median | validation HV @8 | validation HV @30 | seconds / run (median) |")
    print("| --- | --- | --- | --- | --- | --- |")
    for method in sorted(ours):
        hv = [float(r["hypervolume"]) for r in ours[method]]
        med, iqr = quantiles(hv)
        seconds = statistics.median(float(r["seconds"]) for r in ours[method])
        v8 = median_or_dash([validation_hv(b30 / "runs" / method / f"seed-{r['seed']}", 8) for r in ours[method]])
        v30 = median_or_dash([validation_hv(b30 / "runs" / method / f"seed-{r['seed']}", 30) for r in ours[method]])
        if method in ref:
            rh = [float(r["hypervolume"]) for r in ref[method]]
            ev = statistics.median(float(r["evaluations"]) for r in ref[method])
            reference = f"{ev:.0f}, {statistics.median(rh):.4f}"
        else:
            reference = "—"
        print(f"| {method} | {med:.4f} ({iqr:.4f}) | {reference} | {v8} | {v30} | {seconds:.1f} |")
