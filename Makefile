# ParetoRec — the two set-up commands of the README.
#   make run   installs the system libraries if missing, builds in release, runs the quickstart experiment
#   make test  same set-up (plus the Python packages the notebook check needs), then the test suite
SHELL := /bin/bash
SUDO := $(shell [ "$$(id -u)" = 0 ] || echo sudo)
APT_PACKAGES := libopenblas-dev liblapacke-dev libgsl-dev pkg-config openmpi-bin libopenmpi-dev
PY_PACKAGES := nbconvert nbformat ipykernel pandas matplotlib
OUTPUT ?= out/quickstart

.PHONY: deps python-deps build run test notebook-check bench clean

deps:
	@if ! pkg-config --exists openblas gsl lapacke 2>/dev/null || [ ! -f /usr/include/lapacke.h ]; then \
		echo "installing $(APT_PACKAGES) with apt"; \
		$(SUDO) apt-get update -qq && DEBIAN_FRONTEND=noninteractive $(SUDO) apt-get install -y -qq $(APT_PACKAGES); \
	fi

python-deps:
	@if ! python3 -c "import nbconvert, nbformat, ipykernel, pandas, matplotlib" 2>/dev/null; then \
		echo "installing $(PY_PACKAGES) with pip (for the notebook check)"; \
		python3 -m pip install -q $(PY_PACKAGES); \
	fi

build: deps
	swift build -c release --product paretorec

run: build
	.build/release/paretorec experiment Experiments/quickstart.yaml --output-dir $(OUTPUT)

test: deps python-deps
	swift test
	$(MAKE) --no-print-directory notebook-check

notebook-check:
	bash Experiments/check_notebook.sh

bench: deps
	swift build -c release --product paretorec-bench

clean:
	rm -rf .build out
