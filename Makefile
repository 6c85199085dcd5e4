# ParetoRec — the two set-up commands of the README.
#   make run   installs the system libraries if missing, builds in release, runs the quickstart experiment
#   make test  same set-up (plus a virtual environment .venv/ with the Python packages the notebook
#              check needs: Debian 12's python3 refuses a global pip install, PEP 668), then the test
#              suite (which replays the fuzz corpora and crash reproducers) and the notebook check
#   make fuzz  coverage-guided fuzzing of the parsers (FUZZ_SECONDS per target, default 300); not
#              part of `make test`: its sanitized release build alone takes 10–25 min on 2 cores
SHELL := /bin/bash
SUDO := $(shell [ "$$(id -u)" = 0 ] || echo sudo)
APT_PACKAGES := libopenblas-dev liblapacke-dev libgsl-dev pkg-config python3-venv openmpi-bin libopenmpi-dev
PY_PACKAGES := nbconvert nbformat ipykernel pandas matplotlib tensorboard
OUTPUT ?= out/quickstart

.PHONY: deps python-deps build run test notebook-check bench fuzz fuzz-short clean

deps:
	@if ! pkg-config --exists openblas gsl lapacke 2>/dev/null || [ ! -f /usr/include/lapacke.h ] || ! python3 -c "import ensurepip" 2>/dev/null || ! command -v mpirun >/dev/null; then \
		echo "installing $(APT_PACKAGES) with apt"; \
		$(SUDO) apt-get update -qq && DEBIAN_FRONTEND=noninteractive $(SUDO) apt-get install -y -qq $(APT_PACKAGES); \
	fi

# A virtual environment that can also see Debian's own Python packages (so nothing is downloaded
# when they are already installed); pip installs only into .venv/, never into the system.
VENV := .venv
PYTHON := $(VENV)/bin/python
python-deps:
	@if [ ! -x $(PYTHON) ]; then \
		python3 -m venv --system-site-packages $(VENV) || { echo "make: python3 -m venv failed (on Debian: apt-get install python3-venv)" >&2; exit 1; }; \
	fi
	@if ! $(PYTHON) -c "import nbconvert, nbformat, ipykernel, pandas, matplotlib" 2>/dev/null; then \
		echo "installing $(PY_PACKAGES) into $(VENV) (for the notebook check)"; \
		$(PYTHON) -m pip install -q $(PY_PACKAGES); \
	fi

# The release binary links the Swift runtime and Foundation statically: each `paretorec` process then
# skips loading and relocating a dozen shared libraries (≈ 8 ms of CPU per process on these machines,
# about a fifth of the NSGA-II speed case; Experiments/BENCHMARKS.md, "NSGA-II runs"). A plain
# `swift build -c release` builds the same program linked dynamically; switching between the two
# recompiles the Swift modules (they are compiled against the static runtime's interfaces).
build: deps
	swift build -c release --product paretorec --static-swift-stdlib

run: build
	.build/release/paretorec experiment Experiments/quickstart.yaml --output-dir $(OUTPUT)

# The tests find Python (TensorBoard's reader) on PATH: the virtual environment comes first.
test: deps python-deps
	PATH="$(CURDIR)/$(VENV)/bin:$$PATH" swift test
	$(MAKE) --no-print-directory notebook-check

notebook-check:
	PYTHON=$(PYTHON) bash Experiments/check_notebook.sh

# Coverage-guided fuzzing (libFuzzer) of the front-CSV parser, the delimited-record reader, the
# YAML experiment config reader and the checkpoint decoder; see Fuzz/README.md.
FUZZ_SECONDS ?= 300
fuzz: deps
	FUZZ_SECONDS=$(FUZZ_SECONDS) bash Fuzz/run.sh

# A short bounded pass (20 s per target, plus the sanitized build).
fuzz-short: deps
	FUZZ_SECONDS=20 bash Fuzz/run.sh

bench: deps
	swift build -c release --product paretorec-bench

clean:
	rm -rf .build out $(VENV)
