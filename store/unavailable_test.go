package store_test

import (
	"errors"
	"fmt"
	"syscall"
	"testing"

	"github.com/jackc/pgx/v5/pgconn"

	"grader/internal/testdb"
	"grader/store"
)

func TestUnavailable(t *testing.T) {
	for _, c := range []struct {
		name string
		err  error
		want bool
	}{
		{"connection refused", fmt.Errorf("search: %w", syscall.ECONNREFUSED), true},
		{"admin shutdown", fmt.Errorf("grade: %w", &pgconn.PgError{Code: "57P01"}), true},
		{"connection exception", &pgconn.PgError{Code: "08006"}, true},
		{"a refused query", &pgconn.PgError{Code: "23505"}, false},
		{"another error", errors.New("bad input"), false},
		{"nil", nil, false},
	} {
		if got := store.Unavailable(c.err); got != c.want {
			t.Errorf("%s: Unavailable(%v) = %v, want %v", c.name, c.err, got, c.want)
		}
	}
	// A real closed pool, as when the service's database goes away.
	db, err := store.Open(t.Context(), testdb.URL(t), nil)
	if err != nil {
		t.Fatal(err)
	}
	db.Close()
	if _, err := db.ListNotes(t.Context(), "any"); !store.Unavailable(err) {
		t.Errorf("a query on a closed pool: %v, not unavailable", err)
	}
}
