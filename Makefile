# The two commands a newcomer needs (both set up what is missing first):
#   make serve   build the release app and serve it on http://127.0.0.1:8080
#   make test    every test layer: fmt, clippy, native, browser, end-to-end
# and:
#   make dist    the release build in dist/, for any static host
#   make size    gzipped sizes of what dist/ serves, and the download ratchet
#   make bench   the real app at 33 and 1,000 cases in headless Chromium, with sizes
#   make bench-domain   the domain at 33 and 1,000 cases (figures, not a test)
#   make fuzz    the import path under cargo fuzz, FUZZ_RUNS executions (10 million)

SHELL := bash
.SHELLFLAGS := -euo pipefail -c
.DEFAULT_GOAL := help

# wasm-opt comes from npm (binaryen); cargo-installed tools from ~/.cargo/bin.
export PATH := $(CURDIR)/node_modules/.bin:$(or $(CARGO_HOME),$(HOME)/.cargo)/bin:$(PATH)
export CHROMEDRIVER ?= /usr/bin/chromedriver
export CHROMIUM ?= /usr/bin/chromium

# Where the app will be hosted. The default, relative, works at the root of a
# host and under any sub-path; an absolute path such as /apps/cpsa/ pins it.
PUBLIC_URL ?= ./

# The release build runs with a pinned nightly toolchain, the standard library
# built with the app (scripts/release.sh says why); everything else is stable.
RELEASE := scripts/release.sh

.PHONY: help setup-build setup-test serve dist size bench where-bytes bench-domain fuzz test fmt lint test-native test-browser test-e2e

help:
	@echo "make serve   build the release app and serve it on http://127.0.0.1:8080"
	@echo "make test    run every test layer (installs what is missing first)"
	@echo "make dist    write the release build to dist/ for any static host"
	@echo "             (PUBLIC_URL=/apps/cpsa/ for one path only; the default works anywhere)"
	@echo "make size    print the gzipped size of each file in dist/"
	@echo "make bench   measure the release app at 33 and 1,000 cases against the budgets"
	@echo "make where-bytes   after make dist: each page load's bytes by module of the code or crate"
	@echo "make bench-domain   time a change, results, export and import at 33 and 1,000 cases"
	@echo "make fuzz    run the import path under cargo fuzz (FUZZ_RUNS=10000000)"

setup-build:
	@scripts/setup.sh build

setup-test:
	@scripts/setup.sh test

serve: setup-build
	$(RELEASE) trunk serve --release --public-url $(PUBLIC_URL)

dist: setup-build
	$(RELEASE) trunk build --release --public-url $(PUBLIC_URL)
	@scripts/size.sh dist

size:
	@scripts/size.sh dist
	@node scripts/size-check.mjs dist

bench: setup-test
	$(RELEASE) trunk build --release
	cargo build --release --bin cpsa
	node benches/app.mjs

where-bytes:
	@scripts/setup.sh analyse
	node scripts/where-bytes.mjs dist

bench-domain:
	cargo bench --bench domain

# Seeded from the bad-import corpus and the fixtures; what it learns is kept
# in fuzz/corpus/ (not committed). About 25 minutes for 10 million on one core.
FUZZ_RUNS ?= 10000000
fuzz:
	@scripts/setup.sh fuzz
	mkdir -p fuzz/corpus/import
	cargo +$$(scripts/release.sh --toolchain) fuzz run import fuzz/corpus/import tests/bad-imports tests/fixtures -- -runs=$(FUZZ_RUNS)

fmt:
	cargo fmt --all -- --check

lint:
	cargo clippy --all-targets -- -D warnings
	cargo clippy --target wasm32-unknown-unknown --all-targets -- -D warnings
	cargo clippy --target wasm32-unknown-unknown --features split --bin cpsa-web -- -D warnings

test-native:
	cargo test

# The browser layers write their temporary files (chromedriver leaves a 70 MB
# browser profile behind on every run, the e2e tests their exports and builds)
# to a folder under target/ that is emptied before and after, pass or fail.
RUN_TMP := $(CURDIR)/target/tmp
define in_run_tmp
rm -rf $(RUN_TMP) && mkdir -p $(RUN_TMP); status=0; TMPDIR=$(RUN_TMP) $(1) || status=$$?; rm -rf $(RUN_TMP); exit $$status
endef

test-browser:
	$(call in_run_tmp,cargo test --target wasm32-unknown-unknown --test browser --test browser_storage)

# The build scripts' own tests first (tests/scripts/). Then two builds: the
# default, and one for a fixed sub-path (the offline tests
# host each under /apps/cpsa/). The default build's download is checked
# against the ratchet in benches/size-ratchet.json first: sizes, unlike
# timings, are the same in every run.
test-e2e:
	npm run --silent test-scripts
	$(RELEASE) trunk build --release
	node scripts/size-check.mjs dist
	$(RELEASE) trunk build --release --public-url /apps/cpsa/ --dist target/e2e/apps-cpsa
	$(call in_run_tmp,npm run --silent e2e)

test: setup-test fmt lint test-native test-browser test-e2e
