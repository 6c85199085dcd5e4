#!/usr/bin/env bash
# Generates a tiny synthetic experiment with the built `paretorec` binary and executes its notebook
# with Jupyter, failing if any cell fails. CI calls it after the build.
#
# Usage: Experiments/check_notebook.sh [PATH_TO_PARETOREC]
#   default binary: .build/release/paretorec, else .build/debug/paretorec (relative to the repo root)
# Needs: a python (PYTHON, default python3; `make test` passes .venv/bin/python) with jupyter
# nbconvert, nbformat, ipykernel, pandas, matplotlib.
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
python="${PYTHON:-python3}"
case "$python" in /*) ;; */*) python="$root/$python" ;; esac
bin="${1:-}"
if [ -z "$bin" ]; then
  if [ -x "$root/.build/release/paretorec" ]; then bin="$root/.build/release/paretorec"
  elif [ -x "$root/.build/debug/paretorec" ]; then bin="$root/.build/debug/paretorec"
  else echo "check_notebook.sh: no built paretorec found; pass its path" >&2; exit 2; fi
fi
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
cat > "$work/tiny.yaml" <<'YAML'
name: notebook-check
scenario: ecommerce
data: {source: synthetic, rows: 1500, conflict: 0.6}
seeds: [1, 2]
model: {hidden: 8, embedding: 4, epochs: 1, batch-size: 256}
methods:
  - name: nsga2
    evaluations: 4
    population: 2
  - name: mgda-ub
    preferences: 2
  - name: pareto-mtl
    preferences: 2
YAML
"$bin" experiment "$work/tiny.yaml" --output-dir "$work/results" > "$work/experiment.log" 2>&1 || {
  cat "$work/experiment.log" >&2; echo "check_notebook.sh: the experiment failed" >&2; exit 1; }
cd "$work/results"
"$python" -m jupyter nbconvert --to notebook --execute --ExecutePreprocessor.timeout=300 \
  --output executed.ipynb notebook.ipynb
# every code cell ran and none produced an error output
"$python" - <<'PY'
import json, sys
nb = json.load(open("executed.ipynb"))
code = [c for c in nb["cells"] if c["cell_type"] == "code"]
errors = [o for c in code for o in c.get("outputs", []) if o.get("output_type") == "error"]
unrun = [c for c in code if c.get("execution_count") is None]
images = sum(1 for c in code for o in c.get("outputs", []) if "image/png" in o.get("data", {}))
if errors or unrun or images < 2:
    sys.exit(f"notebook check failed: {len(errors)} error outputs, {len(unrun)} unexecuted cells, {images} figures")
print(f"notebook OK: {len(code)} code cells executed, {images} figures")
PY
