# grader: `make run` starts everything with the sample notes; `make test` runs the whole suite.
SHELL := /bin/bash
DEVDB_PORT ?= 54329
DEVDB_DIR  ?= .devdb
TESTPG_PORT ?= 54330
TESTPG_DIR  ?= .testpg
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

# The suite runs twice: all of it on the dev database (PGlite), then the
# packages that use the database (internal/testdb) again on a real PostgreSQL 15
# + pgvector in a private cluster (scripts/testpg.sh: temp data dir, port
# TESTPG_PORT), which also serves the tests that need real concurrency
# (TEST_NATIVE_PG_URL). The cluster is always stopped and removed afterwards.
# Without pgvector installed (testpg exit 3) the native run is skipped, except
# under CI=true, where that fails. On PGlite packages run one at a time (-p 1):
# they share its one backend, whose transactions are serialised.
DB_PKGS := ./notes/... ./grader/... ./web/... ./cmd/... ./internal/...
test: devdb
	$(GO) vet ./...
	@native=$$(scripts/testpg.sh start "$(TESTPG_DIR)" "$(TESTPG_PORT)"); rc=$$?; \
	if [ $$rc -eq 3 ] && [ "$${CI:-}" = true ]; then \
	  echo "test: CI needs the native PostgreSQL + pgvector; run scripts/install-pgvector.sh first" >&2; exit 1; \
	elif [ $$rc -eq 3 ]; then native=; \
	elif [ $$rc -ne 0 ]; then echo "test: the private PostgreSQL cluster did not start (exit $$rc)" >&2; exit 1; fi; \
	[ -z "$$native" ] || trap 'scripts/testpg.sh stop "$(TESTPG_DIR)"' EXIT; trap 'exit 130' INT TERM; \
	echo "=== go test ./... on the dev database: PGlite + pgvector at 127.0.0.1:$(DEVDB_PORT) ==="; \
	SECONDS=0; TEST_NATIVE_PG_URL="$$native" $(GO) test -p 1 -count=1 -timeout 20m ./...; status=$$?; \
	echo "=== PGlite run: $$([ $$status -eq 0 ] && echo ok || echo FAILED) in $${SECONDS}s ==="; \
	if [ -n "$$native" ]; then \
	  echo "=== go test $(DB_PKGS) on native PostgreSQL 15 + pgvector: private cluster at 127.0.0.1:$(TESTPG_PORT) ==="; \
	  SECONDS=0; DATABASE_URL="$$native" TEST_DATABASE_URL="$$native" TEST_NATIVE_PG_URL="$$native" \
	    $(GO) test -p 2 -count=1 -timeout 20m $(DB_PKGS); s=$$?; [ $$status -ne 0 ] || status=$$s; \
	  echo "=== native PostgreSQL run: $$([ $$s -eq 0 ] && echo ok || echo FAILED) in $${SECONDS}s ==="; \
	else \
	  echo "test: no native PostgreSQL run (pgvector is not installed: bash scripts/install-pgvector.sh, as root)"; \
	fi; \
	exit $$status

bench: devdb
	$(GO) test -run '^$$' -bench . -benchtime 10x ./notes/ ./grader/ ./embeddings/

lint:
	gofmt -l . | grep -v node_modules | (! grep .)
	$(GO) vet ./...

clean: devdb-stop
	scripts/testpg.sh stop "$(TESTPG_DIR)"
	rm -rf bin $(DEVDB_DIR) $(TESTPG_DIR)
