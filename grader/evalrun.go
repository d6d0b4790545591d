package grader

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"slices"
	"time"

	"grader/notes"
)

// Ingester puts in-memory notes into a collection (notes.Index does).
type Ingester interface {
	IngestFiles(ctx context.Context, collection, root string, files []notes.File) (notes.Summary, error)
}

// EvalOptions steer RunEval.
type EvalOptions struct {
	Collection string
	Baseline   string // "" or "tfidf"
	// Given grades each answer against its own reference answer, handed
	// over as the tf-idf baseline is, instead of the section the question
	// finds: the judge compared like for like, without retrieval's misses
	// (Beetle asks "Explain your reasoning." of nine references, which no
	// retrieval can tell apart).
	Given    bool
	Progress func(done, total int)
}

// EvalNotePath is the note a reference answer is ingested as: one per distinct
// (question, reference) pair, headed by its question.
func EvalNotePath(question, reference string) string {
	h := sha256.Sum256([]byte(question + "\x00" + reference))
	return "eval/" + hex.EncodeToString(h[:8]) + ".md"
}

// RunEval ingests every distinct reference answer as a note of its own, grades
// each answer through the normal retrieval path (the reference is found, not
// handed over), and compares the scores with the human labels. With
// opt.Given nothing is ingested: each answer is graded against its own
// reference.
func RunEval(ctx context.Context, ing Ingester, svc *Service, items []LabelledItem, opt EvalOptions) (EvalResult, error) {
	start := time.Now()
	if !opt.Given {
		if err := ingestReferences(ctx, ing, opt.Collection, items); err != nil {
			return EvalResult{}, err
		}
	}
	preds := make([]float64, len(items))
	hits := make([]bool, len(items))
	flagged := make([]bool, len(items))
	refsByQuestion := map[string][]notes.Passage{}
	for i, it := range items {
		if err := ctx.Err(); err != nil {
			return EvalResult{}, err
		}
		key := it.Question + "\x00" + it.ReferenceAnswer
		refs, ok := refsByQuestion[key]
		if !ok && opt.Given {
			refs = []notes.Passage{{Note: EvalNotePath(it.Question, it.ReferenceAnswer), HeadingPath: []string{it.Question}, Text: it.ReferenceAnswer, Score: 1}}
			refsByQuestion[key] = refs
		} else if !ok {
			var err error
			refs, _, _, err = svc.References(ctx, opt.Collection, it.Question, "")
			if errors.Is(err, ErrNotInNotes) {
				refs, err = nil, nil // graded 0 below: nothing to grade against
			}
			if err != nil {
				return EvalResult{}, fmt.Errorf("eval item %d: %w", i+1, err)
			}
			refsByQuestion[key] = refs
		}
		want := EvalNotePath(it.Question, it.ReferenceAnswer)
		for j, p := range refs {
			if j < 5 && p.Note == want {
				hits[i] = true
			}
		}
		if len(refs) > 0 {
			g, err := svc.judgeAgainst(ctx, it.Question, Rubric{Passages: refs}, it.Answer)
			if err != nil {
				return EvalResult{}, fmt.Errorf("eval item %d: %w", i+1, err)
			}
			preds[i] = float64(g.Score)
			flagged[i] = slices.ContainsFunc(g.Points, func(p Point) bool { return p.Status == Incorrect })
		}
		if opt.Progress != nil {
			opt.Progress(i+1, len(items))
		}
	}
	var base []float64
	if opt.Baseline == "tfidf" {
		base = TFIDFBaseline(items)
	}
	if opt.Given {
		hits = nil // nothing retrieved: hit@5 is not measured
	}
	res := Evaluate(items, preds, hits, base)
	res.Contradictions = Contradictions(items, flagged)
	res.Seconds = time.Since(start).Seconds()
	return res, nil
}

// ingestReferences puts every distinct reference answer into the collection
// as a note of its own, headed by its question.
func ingestReferences(ctx context.Context, ing Ingester, collection string, items []LabelledItem) error {
	seen := map[string]bool{}
	var files []notes.File
	for _, it := range items {
		p := EvalNotePath(it.Question, it.ReferenceAnswer)
		if seen[p] {
			continue
		}
		seen[p] = true
		files = append(files, notes.File{Path: p, Content: []byte("# " + it.Question + "\n\n" + it.ReferenceAnswer + "\n")})
	}
	sum, err := ing.IngestFiles(ctx, collection, "eval:", files)
	if err != nil {
		return fmt.Errorf("eval: ingest references: %w", err)
	}
	if len(sum.Skipped) > 0 {
		return fmt.Errorf("eval: %d reference answers could not be ingested, first: %s: %s", len(sum.Skipped), sum.Skipped[0].Path, sum.Skipped[0].Reason)
	}
	return nil
}
