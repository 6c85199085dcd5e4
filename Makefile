# ParetoRec — the two set-up commands of the README.
#   make run   installs the system libraries if missing, builds in release, runs the main job
#   make test  same set-up, then the test suite
SHELL := /bin/bash
SUDO := $(shell [ "$$(id -u)" = 0 ] || echo sudo)
APT_PACKAGES := libopenblas-dev liblapacke-dev libgsl-dev pkg-config

.PHONY: deps build run test bench clean

deps:
	@if ! pkg-config --exists openblas gsl lapacke 2>/dev/null || [ ! -f /usr/include/lapacke.h ]; then \
		echo "installing $(APT_PACKAGES) with apt"; \
		$(SUDO) apt-get update -qq && DEBIAN_FRONTEND=noninteractive $(SUDO) apt-get install -y -qq $(APT_PACKAGES); \
	fi

build: deps
	swift build -c release --product paretorec

run: build
	.build/release/paretorec demo

test: deps
	swift test

bench: deps
	swift build -c release --product paretorec-bench

clean:
	rm -rf .build
