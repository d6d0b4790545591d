package store

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"time"
)

// MaxSessions bounds the table: logins beyond it push out the oldest.
const MaxSessions = 10000

func sessionHash(id string) string {
	h := sha256.Sum256([]byte(id))
	return hex.EncodeToString(h[:])
}

// StartSession stores a new login that lasts until expires, dropping the
// expired ones and, past MaxSessions, the oldest.
func (s *Store) StartSession(ctx context.Context, id string, expires time.Time) error {
	_, err := s.pool.Exec(ctx, `with gone as (
			delete from sessions where expires_at < now()
			or id_hash in (select id_hash from sessions order by expires_at desc offset $3))
		insert into sessions (id_hash, expires_at) values ($1, $2)`, sessionHash(id), expires, MaxSessions-1)
	if err != nil {
		return fmt.Errorf("start a session: %w", err)
	}
	return nil
}

// SessionLive tells whether a login exists and has not expired at now.
func (s *Store) SessionLive(ctx context.Context, id string, now time.Time) (bool, error) {
	var live bool
	err := s.pool.QueryRow(ctx, `select exists (select 1 from sessions where id_hash = $1 and expires_at > $2)`,
		sessionHash(id), now).Scan(&live)
	if err != nil {
		return false, fmt.Errorf("check a session: %w", err)
	}
	return live, nil
}

// EndSession revokes a login.
func (s *Store) EndSession(ctx context.Context, id string) error {
	if _, err := s.pool.Exec(ctx, `delete from sessions where id_hash = $1`, sessionHash(id)); err != nil {
		return fmt.Errorf("end a session: %w", err)
	}
	return nil
}
