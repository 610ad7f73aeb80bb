# stagematch — two commands: `make run` and `make test`.
# Both install what is missing (Debian packages, the tests' npm packages), build, and go.

LISTEN ?= 127.0.0.1:8080
DATA   ?= data
BUILD  ?= build
ASAN   ?= build-asan
BIN    := $(BUILD)/stagematch

PREFIX  ?= /usr/local
DESTDIR ?=

FUZZ_SECONDS ?= 30
VALGRIND_TESTS ?= *.test.mjs

.PHONY: all run test unit e2e deps build build-asan clean install fuzz fuzz-replay bench valgrind

all: build

deps:
	@scripts/deps.sh

$(BUILD)/build.ninja:
	meson setup $(BUILD) --buildtype=release

$(ASAN)/build.ninja:
	meson setup $(ASAN) --buildtype=debug -Doptimization=1 -Db_sanitize=address,undefined -Db_lundef=false

build: deps $(BUILD)/build.ninja
	ninja -C $(BUILD)

build-asan: deps $(ASAN)/build.ninja
	ninja -C $(ASAN)

run: build
	@scripts/run-demo.sh $(BIN) $(DATA) $(LISTEN)

unit: build build-asan
	meson test -C $(BUILD) --print-errorlogs
	ASAN_OPTIONS=detect_leaks=1 meson test -C $(ASAN) --print-errorlogs

e2e: build build-asan
	@scripts/deps.sh --e2e
	cd tests/e2e && STAGEMATCH_BIN=$(CURDIR)/$(BIN) node --test --test-concurrency=1 *.test.mjs
	cd tests/e2e && STAGEMATCH_BIN=$(CURDIR)/$(ASAN)/stagematch STAGEMATCH_SANITIZED=1 \
	  node --test --test-concurrency=1 *.test.mjs

fuzz-replay: build
	@scripts/deps.sh --fuzz
	@scripts/fuzz.sh replay

# Fuzz every parser for FUZZ_SECONDS each (CI: 60).
fuzz: build
	@scripts/deps.sh --fuzz
	scripts/fuzz.sh $(FUZZ_SECONDS)

test: unit fuzz-replay e2e

# The end-to-end suite against the release build running under valgrind's memcheck: any
# invalid read or write, or a definite leak, makes the server exit with 99 and its test fail.
# Each server's report is in build/valgrind/<pid>.log (not on its stderr, which tests read).
VALGRIND_LOGS = $(CURDIR)/$(BUILD)/valgrind
VALGRIND := valgrind --leak-check=full --errors-for-leak-kinds=definite --error-exitcode=99 \
  --num-callers=30 --log-file=$(VALGRIND_LOGS)/%p.log
valgrind: build
	@scripts/deps.sh --e2e --valgrind
	rm -rf $(VALGRIND_LOGS) && mkdir -p $(VALGRIND_LOGS)
	cd tests/e2e && STAGEMATCH_BIN=$(CURDIR)/$(BIN) STAGEMATCH_WRAPPER="$(VALGRIND)" \
	  node --test --test-concurrency=1 $(VALGRIND_TESTS)
	@! grep -l -E 'ERROR SUMMARY: [1-9]|definitely lost: [1-9]' $(VALGRIND_LOGS)/*.log

# Throughput and latency against the release build, with wrk and nginx as a reference
# (not part of test: it takes a few minutes and wants a quiet machine). SCALE=100000 for more pupils.
bench: build
	@scripts/deps.sh --bench
	scripts/bench.sh $(BIN)

clean:
	rm -rf $(BUILD) $(ASAN) build-fuzz

# Installs the binary, the man page and the example configuration, service unit and nginx site.
install: build
	install -D -m 0755 $(BIN) $(DESTDIR)$(PREFIX)/bin/stagematch
	install -D -m 0644 docs/stagematch.1 $(DESTDIR)$(PREFIX)/share/man/man1/stagematch.1
	install -D -m 0644 deploy/stagematch.conf $(DESTDIR)$(PREFIX)/share/doc/stagematch/stagematch.conf
	install -D -m 0644 deploy/stagematch.service $(DESTDIR)$(PREFIX)/share/doc/stagematch/stagematch.service
	install -D -m 0644 deploy/nginx.conf $(DESTDIR)$(PREFIX)/share/doc/stagematch/nginx.conf
