# Aurora: `make run` starts the gate on 127.0.0.1:8000; `make test` runs every test. Both install what is missing.
SHELL := /bin/bash
APT_PACKAGES := libyaml-dev libcurl4-openssl-dev pkg-config
SUDO := $(shell [ "$$(id -u)" = 0 ] || echo sudo)
SWIFT ?= swift
CONFIG ?= debug
BIN = $(shell $(SWIFT) build -c $(CONFIG) --show-bin-path)/aurora

.PHONY: all deps tools build release run test check-deps check-rules clean

all: build

deps:
	@missing=""; for p in $(APT_PACKAGES); do \
	  dpkg-query -W -f='$${Status}' $$p 2>/dev/null | grep -q 'install ok installed' || missing="$$missing $$p"; \
	done; \
	if [ -n "$$missing" ]; then \
	  echo "installing:$$missing"; \
	  $(SUDO) apt-get update -qq && DEBIAN_FRONTEND=noninteractive $(SUDO) apt-get install -y -qq $$missing; \
	fi

# promtool (from Debian's prometheus package) for the /metrics exposition test; unpacked into .build/tools only if missing.
PROMTOOL := .build/tools/usr/bin/promtool
tools:
	@if [ ! -x $(PROMTOOL) ]; then \
	  echo "installing promtool into .build/tools"; \
	  mkdir -p .build/tools && cd .build/tools && \
	  { apt-get download prometheus 2>/dev/null || { $(SUDO) apt-get update -qq && apt-get download prometheus; }; } && \
	  dpkg -x prometheus_*.deb . && rm -f prometheus_*.deb || \
	  echo "warning: promtool could not be fetched; the promtool check will be skipped"; \
	fi

build: deps
	$(SWIFT) build -c $(CONFIG)

release:
	$(MAKE) build CONFIG=release

run: deps
	$(SWIFT) build -c release
	$$($(SWIFT) build -c release --show-bin-path)/aurora serve --config configs/aurora.yaml

check-deps:
	./scripts/check-dependencies.sh

check-rules: build
	$(BIN) check --strict rules/default.yaml
	$(BIN) test rules/tests

test: deps check-deps tools
	$(SWIFT) build
	$(SWIFT) test
	$(MAKE) --no-print-directory check-rules

clean:
	rm -rf .build
