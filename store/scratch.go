package store

import (
	"context"
	"fmt"
	"net/url"

	"github.com/jackc/pgx/v5"
)

// ScratchDatabase creates an empty database on the server at adminURL and
// returns its URL and a function that drops it. Tests that need a schema of
// their own (concurrent migrations from nothing) use it on a real server.
func ScratchDatabase(ctx context.Context, adminURL, name string) (string, func(), error) {
	admin, err := pgx.Connect(ctx, adminURL)
	if err != nil {
		return "", nil, fmt.Errorf("%w: connect to create database %s: %v", ErrUnavailable, name, err)
	}
	if _, err := admin.Exec(ctx, "create database "+pgx.Identifier{name}.Sanitize()); err != nil {
		admin.Close(ctx)
		return "", nil, fmt.Errorf("create database %s: %w", name, err)
	}
	drop := func() {
		ctx := context.Background()
		_, _ = admin.Exec(ctx, "drop database if exists "+pgx.Identifier{name}.Sanitize()+" with (force)")
		admin.Close(ctx)
	}
	u, err := url.Parse(adminURL)
	if err != nil {
		drop()
		return "", nil, fmt.Errorf("database URL: %w", err)
	}
	u.Path = "/" + name
	return u.String(), drop, nil
}
