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
	npm ci --no-audit --no-fund --loglevel=error --cache "$(CURDIR)/.cache/npm"
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
	./bin/grader ingest --collection default samples/notes testdata/seeds
	@echo "try, in another shell: DATABASE_URL='$(DATABASE_URL)' ./bin/grader search 'NAT 게이트웨이는 왜 필요한가'"
	./bin/grader serve --addr $(ADDR)

# The whole suite on both databases: see scripts/test.sh.
test: devdb
	@scripts/test.sh "$(DEVDB_PORT)" "$(TESTPG_DIR)" "$(TESTPG_PORT)"

bench: devdb
	$(GO) test -run '^$$' -bench . -benchtime 10x ./notes/ ./grader/ ./embeddings/
	$(GO) test -run '^$$' -bench . -benchtime 3x ./batch/

lint:
	gofmt -l . | grep -v node_modules | (! grep .)
	$(GO) vet ./...

clean: devdb-stop
	scripts/testpg.sh stop "$(TESTPG_DIR)"
	rm -rf bin $(DEVDB_DIR) $(TESTPG_DIR)
