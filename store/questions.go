package store

import (
	"context"
	"fmt"
	"strconv"

	"github.com/jackc/pgx/v5"
)

// Question is one entry of a collection's question bank.
type Question struct {
	ID          string
	Topic       string
	Question    string
	Note        string
	HeadingPath []string
	Source      string
}

// ReplaceQuestions makes qs the question bank of a collection in one
// transaction: questions already there keep their ids, the others are
// added, and questions not in qs are removed.
func (s *Store) ReplaceQuestions(ctx context.Context, collection string, qs []Question) error {
	texts := make([]string, len(qs))
	err := pgx.BeginFunc(ctx, s.pool, func(tx pgx.Tx) error {
		batch := &pgx.Batch{}
		for i, q := range qs {
			texts[i] = q.Question
			batch.Queue(`insert into questions (collection, topic, question, note, heading_path, source)
				values ($1, $2, $3, $4, $5, $6)
				on conflict (collection, question) do update set topic = excluded.topic, note = excluded.note,
					heading_path = excluded.heading_path, source = excluded.source`,
				collection, q.Topic, q.Question, q.Note, nonNil(q.HeadingPath), q.Source)
		}
		batch.Queue(`delete from questions where collection = $1 and not (question = any($2))`, collection, texts)
		return tx.SendBatch(ctx, batch).Close()
	})
	if err != nil {
		return fmt.Errorf("replace question bank of %s: %w", collection, err)
	}
	return nil
}

// Questions returns the bank of a collection, optionally one topic, by topic.
func (s *Store) Questions(ctx context.Context, collection, topic string) ([]Question, error) {
	rows, err := s.pool.Query(ctx, `select id, topic, question, note, heading_path, source from questions
		where collection = $1 and ($2 = '' or topic = $2) order by topic, id`, collection, topic)
	if err != nil {
		return nil, fmt.Errorf("list questions: %w", err)
	}
	defer rows.Close()
	out := []Question{}
	for rows.Next() {
		var q Question
		var id int64
		if err := rows.Scan(&id, &q.Topic, &q.Question, &q.Note, &q.HeadingPath, &q.Source); err != nil {
			return nil, fmt.Errorf("list questions: %w", err)
		}
		q.ID = strconv.FormatInt(id, 10)
		out = append(out, q)
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("list questions: %w", err)
	}
	return out, nil
}
