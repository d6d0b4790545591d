# grader: `make run` starts everything with the sample notes; `make test` runs the whole suite.
SHELL := /bin/bash
DEVDB_PORT ?= 54329
DEVDB_DIR  ?= .devdb
DATABASE_URL ?= postgres://postgres@127.0.0.1:$(DEVDB_PORT)/postgres?sslmode=disable&default_query_exec_mode=exec
ADDR ?= 127.0.0.1:8080
GO ?= go
export DATABASE_URL

.PHONY: run test build devdb devdb-stop deps lint bench clean

build:
	$(GO) build -o bin/grader ./cmd/grader

node_modules/.installed: package.json package-lock.json
	npm ci --no-audit --no-fund --loglevel=error
	@touch $@

deps: node_modules/.installed
	$(GO) mod download

# The development database: PostgreSQL + pgvector compiled to WASM (PGlite),
# served over the wire. Reused when already running.
devdb: node_modules/.installed
	@scripts/devdb.sh start "$(DEVDB_DIR)" "$(DEVDB_PORT)"

devdb-stop:
	@scripts/devdb.sh stop "$(DEVDB_DIR)" "$(DEVDB_PORT)"

run: devdb build
	./bin/grader migrate
	./bin/grader ingest --collection default samples/notes
	@echo "try: ./bin/grader search 'NAT 게이트웨이는 왜 필요한가'"
	./bin/grader serve --addr $(ADDR)

# The native PostgreSQL (no pgvector) serves the tests that need real
# concurrency; scripts/nativepg.sh prints its URL, or nothing when there is none.
# Packages run one at a time (-p 1): they share the one PGlite backend, whose
# transactions are serialised, and a package's big ingest would otherwise stall
# another's browser test. The whole suite takes well under a minute either way.
# A test skipped for something missing on this machine (internal/testenv; under
# CI=true it fails instead) is logged, and the run ends with one line saying
# what was skipped and how to get it.
test: devdb
	$(GO) vet ./...
	@log=$$(mktemp); \
	TESTENV_SKIPLOG=$$log TEST_NATIVE_PG_URL="$$(scripts/nativepg.sh || true)" $(GO) test -p 1 -count=1 -timeout 20m ./...; \
	rc=$$?; $(GO) run ./internal/testenv/skipreport "$$log"; rm -f "$$log"; exit $$rc

bench: devdb
	$(GO) test -run '^$$' -bench . -benchtime 10x ./notes/ ./grader/ ./embeddings/

lint:
	gofmt -l . | grep -v node_modules | (! grep .)
	$(GO) vet ./...

clean: devdb-stop
	rm -rf bin $(DEVDB_DIR)
