package store

import (
	"errors"
	"fmt"
	"strings"
	"testing"

	"github.com/jackc/pgx/v5/pgconn"
)

// TestSharedBackendHint: the prepared-statement errors of a shared backend
// (PGlite without exec mode) name the fix; other errors get no hint.
func TestSharedBackendHint(t *testing.T) {
	cases := []struct {
		err  error
		want bool
	}{
		{&pgconn.PgError{Code: "42P05", Message: `prepared statement "stmtcache_1" already exists`}, true},
		{fmt.Errorf("prepare version table: %w", &pgconn.PgError{Code: "26000"}), true},
		{&pgconn.PgError{Code: "42P01"}, false},
		{errors.New("connection refused"), false},
	}
	for _, c := range cases {
		if got := strings.Contains(sharedBackendHint(c.err), "default_query_exec_mode=exec"); got != c.want {
			t.Errorf("sharedBackendHint(%v) names the fix: %v, want %v", c.err, got, c.want)
		}
	}
}
