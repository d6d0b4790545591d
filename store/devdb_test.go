package store_test

import (
	"context"
	"crypto/md5"
	"encoding/hex"
	"errors"
	"fmt"
	"os"
	"os/exec"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/pgconn"
	"github.com/jackc/pgx/v5/pgxpool"

	"grader/internal/testdb"
)

// hammerTableEnv, when set, makes the test binary the second OS process of
// TestDevDBConcurrentClients, working on the table it names.
const hammerTableEnv = "GRADER_DEVDB_HAMMER_TABLE"

// TestDevDBConcurrentClients hammers the one shared PGlite backend from many
// connections at once: goroutines with their own connections, a pool, and a
// second process. Each client's extended-protocol sequences and transactions
// must stay whole, so every result is checked and any error fails.
func TestDevDBConcurrentClients(t *testing.T) {
	url := testdb.URL(t)
	if table := os.Getenv(hammerTableEnv); table != "" {
		hammer(t, url, table, "child")
		return
	}
	ctx, cancel := context.WithTimeout(t.Context(), 3*time.Minute)
	defer cancel()

	// The schema's migration creates the vector extension, under its lock:
	// creating it here too would race another package's migration.
	testdb.Open(t)
	conn, err := pgx.Connect(ctx, url)
	if err != nil {
		t.Fatalf("connect to the dev database %s: %v", url, err)
	}
	table := strings.ReplaceAll(testdb.Name("devdb_hammer"), "-", "_")
	for _, q := range []string{
		`create table ` + table + ` (worker text not null, iter int not null, n int not null, note text not null)`,
	} {
		if _, err := conn.Exec(ctx, q); err != nil {
			t.Fatalf("%s: %v", q, err)
		}
	}
	conn.Close(ctx)
	t.Cleanup(func() {
		ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
		defer cancel()
		conn, err := pgx.Connect(ctx, url)
		if err != nil {
			t.Errorf("drop %s: %v", table, err)
			return
		}
		defer conn.Close(ctx)
		if _, err := conn.Exec(ctx, `drop table if exists `+table); err != nil {
			t.Errorf("drop %s: %v", table, err)
		}
	})

	// The second process: this test binary again, as a separate client program.
	child := exec.CommandContext(ctx, os.Args[0], "-test.run=^TestDevDBConcurrentClients$", "-test.count=1", "-test.v")
	child.Env = append(os.Environ(), hammerTableEnv+"="+table)
	var childOut strings.Builder
	child.Stdout, child.Stderr = &childOut, &childOut
	if err := child.Start(); err != nil {
		t.Fatalf("start the second process: %v", err)
	}
	hammer(t, url, table, "parent")
	if err := child.Wait(); err != nil {
		t.Errorf("second process: %v\n%s", err, childOut.String())
	} else {
		for _, line := range strings.Split(childOut.String(), "\n") {
			if strings.Contains(line, "hammer:") {
				t.Log("second process:", strings.TrimSpace(line))
			}
		}
	}
}

// queryer is what a worker needs from a pgx.Conn or a pgxpool.Pool.
type queryer interface {
	Exec(ctx context.Context, sql string, args ...any) (pgconn.CommandTag, error)
	QueryRow(ctx context.Context, sql string, args ...any) pgx.Row
	Begin(ctx context.Context) (pgx.Tx, error)
	SendBatch(ctx context.Context, b *pgx.Batch) pgx.BatchResults
}

const (
	ownConns     = 6  // goroutines with a connection each
	poolConns    = 8  // the pool's size
	poolWorkers  = 10 // goroutines sharing the pool, more than it has connections
	pipeWorkers  = 2  // goroutines pipelining several Syncs in one write
	iterations   = 24 // per goroutine
	bigParamSize = 300 << 10
)

// hammer runs every worker of one process to the end and fails t on any
// error or wrong result.
func hammer(t *testing.T, url, table, proc string) {
	ctx, cancel := context.WithTimeout(t.Context(), 2*time.Minute)
	defer cancel()
	start := time.Now()

	cfg, err := pgxpool.ParseConfig(url)
	if err != nil {
		t.Fatal(err)
	}
	cfg.MaxConns = poolConns
	pool, err := pgxpool.NewWithConfig(ctx, cfg)
	if err != nil {
		t.Fatal(err)
	}
	defer pool.Close()

	var ops atomic.Int64
	var wg sync.WaitGroup
	run := func(name string, n int, body func(w *worker) error) {
		wg.Add(1)
		go func() {
			defer wg.Done()
			w := &worker{name: proc + "-" + name, n: n, table: table, ops: &ops}
			if err := body(w); err != nil {
				if ctx.Err() != nil && errors.Is(err, context.Canceled) {
					return // stopped by another worker's failure
				}
				t.Errorf("%s: %v", w.name, err)
				cancel() // the others stop soon after; one failure is enough
			}
		}()
	}
	for i := range ownConns {
		run(fmt.Sprintf("conn%d", i), i, func(w *worker) error {
			conn, err := pgx.Connect(ctx, url)
			if err != nil {
				return fmt.Errorf("connect: %w", err)
			}
			defer conn.Close(context.Background())
			return w.loop(ctx, conn, conn)
		})
	}
	for i := range poolWorkers {
		run(fmt.Sprintf("pool%d", i), ownConns+i, func(w *worker) error {
			return w.loop(ctx, pool, nil)
		})
	}
	for i := range pipeWorkers {
		run(fmt.Sprintf("pipe%d", i), 100+i, func(w *worker) error {
			conn, err := pgx.Connect(ctx, url)
			if err != nil {
				return fmt.Errorf("connect: %w", err)
			}
			defer conn.Close(context.Background())
			for it := range iterations {
				if err := w.pipeline(ctx, conn.PgConn(), it); err != nil {
					return err
				}
			}
			return nil
		})
	}
	wg.Wait()
	t.Logf("hammer: %s: %d checked operations in %v", proc, ops.Load(), time.Since(start).Round(time.Millisecond))
}

type worker struct {
	name      string
	n         int // selects the statement shapes, so parameter counts differ between workers
	table     string
	ops       *atomic.Int64
	committed int
}

// loop runs the worker's iterations; own is its connection when it has one
// (for the large-parameter query), nil on the pool.
func (w *worker) loop(ctx context.Context, q queryer, own *pgx.Conn) error {
	for it := range iterations {
		steps := []struct {
			what string
			f    func() error
		}{
			{"params", func() error { return w.params(ctx, q, it) }},
			{"transaction", func() error { return w.transaction(ctx, q, it) }},
			{"batch", func() error { return w.batch(ctx, q, it) }},
			{"vector", func() error { return w.vector(ctx, q, it) }},
		}
		if own != nil && it%4 == 0 {
			steps = append(steps, struct {
				what string
				f    func() error
			}{"large parameter", func() error { return w.bigParam(ctx, own, it) }})
		}
		for _, s := range steps {
			if err := s.f(); err != nil {
				return fmt.Errorf("iteration %d, %s: %w", it, s.what, err)
			}
			w.ops.Add(1)
		}
	}
	var n int
	if err := q.QueryRow(ctx, `select count(*) from `+w.table+` where worker = $1`, w.name).Scan(&n); err != nil {
		return fmt.Errorf("count committed rows: %w", err)
	}
	if n != w.committed {
		return fmt.Errorf("%d rows of mine in the table, committed %d", n, w.committed)
	}
	return nil
}

// params runs one of four statement shapes with 1 to 4 parameters.
func (w *worker) params(ctx context.Context, q queryer, it int) error {
	v := w.n*100000 + it
	s := fmt.Sprintf("%s/%d", w.name, it)
	switch w.n % 4 {
	case 0:
		var a int
		var b string
		if err := q.QueryRow(ctx, `select $1::int * 2, $2::text || 'x'`, v, s).Scan(&a, &b); err != nil {
			return err
		}
		return want(a == v*2 && b == s+"x", "got %d %q for %d %q", a, b, v, s)
	case 1:
		var a int
		var b string
		if err := q.QueryRow(ctx, `select $1::int + $2::int, upper($3::text)`, v, it, s).Scan(&a, &b); err != nil {
			return err
		}
		return want(a == v+it && b == strings.ToUpper(s), "got %d %q", a, b)
	case 2:
		var b string
		if err := q.QueryRow(ctx, `select $1::text || '!'`, s).Scan(&b); err != nil {
			return err
		}
		return want(b == s+"!", "got %q for %q", b, s)
	default:
		var a int
		var b, c string
		if err := q.QueryRow(ctx, `select $1::int * $2::int, $3::text, $4::text`, v, 3, s, w.name).Scan(&a, &b, &c); err != nil {
			return err
		}
		return want(a == v*3 && b == s && c == w.name, "got %d %q %q", a, b, c)
	}
}

// transaction inserts rows and reads them back before it ends; every other
// one rolls back, and its rows must then be gone.
func (w *worker) transaction(ctx context.Context, q queryer, it int) error {
	tx, err := q.Begin(ctx)
	if err != nil {
		return err
	}
	defer tx.Rollback(context.Background())
	rows := 1 + it%3
	sum, notes := 0, []string{}
	for i := range rows {
		n := w.n*1000 + it*10 + i
		note := fmt.Sprintf("%s:%d:%d", w.name, it, i)
		if _, err := tx.Exec(ctx, `insert into `+w.table+` (worker, iter, n, note) values ($1, $2, $3, $4)`, w.name, it, n, note); err != nil {
			return fmt.Errorf("insert: %w", err)
		}
		sum += n
		notes = append(notes, note)
	}
	var count, gotSum int
	var gotNotes string
	if err := tx.QueryRow(ctx, `select count(*), coalesce(sum(n), 0), coalesce(string_agg(note, ',' order by n), '')
		from `+w.table+` where worker = $1 and iter = $2`, w.name, it).Scan(&count, &gotSum, &gotNotes); err != nil {
		return fmt.Errorf("read back: %w", err)
	}
	if err := want(count == rows && gotSum == sum && gotNotes == strings.Join(notes, ","),
		"read back %d rows, sum %d, %q; want %d, %d, %q", count, gotSum, gotNotes, rows, sum, strings.Join(notes, ",")); err != nil {
		return err
	}
	if it%2 == 1 {
		if err := tx.Rollback(ctx); err != nil {
			return fmt.Errorf("rollback: %w", err)
		}
		if err := q.QueryRow(ctx, `select count(*) from `+w.table+` where worker = $1 and iter = $2`, w.name, it).Scan(&count); err != nil {
			return fmt.Errorf("count after rollback: %w", err)
		}
		return want(count == 0, "%d rows left after rollback", count)
	}
	if err := tx.Commit(ctx); err != nil {
		return fmt.Errorf("commit: %w", err)
	}
	w.committed += rows
	return nil
}

// batch sends queries with different parameter counts in one pgx batch.
func (w *worker) batch(ctx context.Context, q queryer, it int) error {
	v := w.n*100000 + it
	s := fmt.Sprintf("%s#%d", w.name, it)
	b := &pgx.Batch{}
	b.Queue(`select $1::int + 1`, v)
	b.Queue(`select $1::text || $2::text`, s, w.name)
	b.Queue(`select $1::int + $2::int + $3::int`, v, it, w.n)
	b.Queue(`select $1::int / ($1::int - $1::int)`, v)
	br := q.SendBatch(ctx, b)
	defer br.Close()
	var a, c, zero int
	var str string
	if err := br.QueryRow().Scan(&a); err != nil {
		return err
	}
	if err := br.QueryRow().Scan(&str); err != nil {
		return err
	}
	if err := br.QueryRow().Scan(&c); err != nil {
		return err
	}
	// An error ends this batch (and only this one) in the middle of a turn.
	if err := br.QueryRow().Scan(&zero); err == nil || !strings.Contains(err.Error(), "division by zero") {
		return fmt.Errorf("want division by zero, got %v", err)
	}
	if err := br.Close(); err == nil || !strings.Contains(err.Error(), "division by zero") {
		return fmt.Errorf("want division by zero again on close, got %v", err)
	}
	return want(a == v+1 && str == s+w.name && c == v+it+w.n, "got %d %q %d", a, str, c)
}

// vector asks pgvector for a distance that is a whole number.
func (w *worker) vector(ctx context.Context, q queryer, it int) error {
	d := (w.n*7 + it) % 50
	var got float64
	if err := q.QueryRow(ctx, `select '[1,2,3]'::vector <-> $1::vector`, fmt.Sprintf("[1,2,%d]", 3+d)).Scan(&got); err != nil {
		return err
	}
	return want(got == float64(d), "distance %v, want %d", got, d)
}

// bigParam sends a parameter larger than a TCP read, so its message arrives in pieces.
func (w *worker) bigParam(ctx context.Context, conn *pgx.Conn, it int) error {
	s := strings.Repeat(fmt.Sprintf("%s.%d;", w.name, it), bigParamSize/len(w.name))
	sum := md5.Sum([]byte(s))
	var n int
	var h string
	if err := conn.QueryRow(ctx, `select length($1::text), md5($1::text)`, s).Scan(&n, &h); err != nil {
		return err
	}
	return want(n == len(s) && h == hex.EncodeToString(sum[:]), "got length %d md5 %s for %d bytes", n, h, len(s))
}

// pipeline writes several queries, each with its own Sync, at once: several
// turns reach the server in one packet.
func (w *worker) pipeline(ctx context.Context, pc *pgconn.PgConn, it int) error {
	const k = 5
	p := pc.StartPipeline(ctx)
	for j := range k {
		v := strconv.Itoa(w.n*100000 + it*10 + j)
		if j%2 == 0 {
			p.SendQueryParams(`select $1::int * 2, $2::text`, [][]byte{[]byte(v), []byte(w.name)}, nil, nil, nil)
		} else {
			p.SendQueryParams(`select $1::int + 1`, [][]byte{[]byte(v)}, nil, nil, nil)
		}
		p.SendPipelineSync()
	}
	if err := p.Flush(); err != nil {
		return err
	}
	for j := range k {
		v := w.n*100000 + it*10 + j
		res, err := p.GetResults()
		if err != nil {
			return fmt.Errorf("pipeline query %d: %w", j, err)
		}
		rr, ok := res.(*pgconn.ResultReader)
		if !ok {
			return fmt.Errorf("pipeline query %d: got %T", j, res)
		}
		r := rr.Read()
		if r.Err != nil {
			return fmt.Errorf("pipeline query %d: %w", j, r.Err)
		}
		want1 := []string{strconv.Itoa(v * 2), w.name}
		if j%2 == 1 {
			want1 = []string{strconv.Itoa(v + 1)}
		}
		if len(r.Rows) != 1 || len(r.Rows[0]) != len(want1) {
			return fmt.Errorf("pipeline query %d: got %q", j, r.Rows)
		}
		for c := range want1 {
			if string(r.Rows[0][c]) != want1[c] {
				return fmt.Errorf("pipeline query %d: got %q, want %q", j, r.Rows[0], want1)
			}
		}
		if res, err = p.GetResults(); err != nil {
			return fmt.Errorf("pipeline sync %d: %w", j, err)
		}
		if _, ok := res.(*pgconn.PipelineSync); !ok {
			return fmt.Errorf("pipeline sync %d: got %T", j, res)
		}
	}
	w.ops.Add(k)
	return p.Close()
}

func want(ok bool, format string, args ...any) error {
	if ok {
		return nil
	}
	return fmt.Errorf(format, args...)
}
