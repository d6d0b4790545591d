package store_test

import (
	"testing"
	"time"

	"grader/internal/testdb"
)

// TestSessions: a login lasts until it expires or ends, is known to every
// store on the database, and is never stored as the cookie's value.
func TestSessions(t *testing.T) {
	ctx := t.Context()
	a, b := testdb.Open(t), testdb.Open(t)
	id := testdb.Name("session-id-secret")
	now := time.Now()
	if err := a.StartSession(ctx, id, now.Add(time.Hour)); err != nil {
		t.Fatal(err)
	}
	for _, c := range []struct {
		name string
		id   string
		at   time.Time
		want bool
	}{
		{"before it expires, on the other store", id, now.Add(59 * time.Minute), true},
		{"after it expires", id, now.Add(61 * time.Minute), false},
		{"an unknown id", id + "x", now, false},
	} {
		got, err := b.SessionLive(ctx, c.id, c.at)
		if err != nil {
			t.Fatal(err)
		}
		if got != c.want {
			t.Errorf("%s: live = %v, want %v", c.name, got, c.want)
		}
	}
	if n, err := a.CountRows(ctx, `select count(*) from sessions where id_hash = $1`, id); err != nil || n != 0 {
		t.Errorf("the session id is stored as is (%d rows, %v)", n, err)
	}
	if err := b.EndSession(ctx, id); err != nil {
		t.Fatal(err)
	}
	if live, err := a.SessionLive(ctx, id, now); err != nil || live {
		t.Errorf("a session ended on one store is still live on the other: %v %v", live, err)
	}
}
