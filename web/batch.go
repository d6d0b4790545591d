package web

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"net/http"
	"path"
	"strings"
	"time"

	"github.com/labstack/echo/v4"

	"grader/batch"
	"grader/grader"
	"grader/store"
	"grader/tabular"
)

// Batches grades self-assessment files (*batch.Runner).
type Batches interface {
	Create(ctx context.Context, collection, source string, items []batch.Item) (string, error)
	Run(ctx context.Context, batchID string, retry bool, progress batch.Progress) error
	Result(ctx context.Context, batchID string) (batch.Result, error)
	List(ctx context.Context, collection string, limit int) ([]batch.Info, error)
	Status(ctx context.Context, batchID string) (batch.Info, error)
	Unfinished(ctx context.Context) ([]string, error)
}

// Batch list and progress limits.
const (
	defaultBatches = 20
	maxBatches     = 200
	// batchPoll is how often a progress stream reads the batch's counts:
	// reading the database, not the worker, shows progress of batches run
	// by another process (the CLI) as well.
	batchPoll = 400 * time.Millisecond
)

// handleBatchUpload checks a self-assessment file, stores it as a batch and
// grades it in the background: 202 with the batch id as soon as it is
// stored; 400 naming every problem (line, column, field) when the file has
// any, nothing stored.
func (s *Server) handleBatchUpload(c echo.Context) error {
	form, coll, err := s.multipartForm(c)
	if err != nil {
		return err
	}
	defer form.RemoveAll()
	req := c.Request()
	fhs := form.File["file"]
	if len(fhs) != 1 {
		return badInput("send one self-assessment file in the multipart field \"file\" (.csv, .jsonl, .json or .md), got %d", len(fhs))
	}
	name := path.Base(strings.ReplaceAll(fhs[0].Filename, `\`, "/"))
	data, err := readPart(fhs[0])
	if err != nil {
		return fmt.Errorf("read uploaded %s: %w", name, err)
	}
	items, err := batch.Parse(name, data)
	if err != nil {
		return batchFileError(err)
	}
	id, err := s.deps.Batches.Create(req.Context(), coll, name, items)
	if err != nil {
		return err
	}
	s.startBatch(id, false)
	return c.JSON(http.StatusAccepted, map[string]any{"batch_id": id, "collection": coll, "items": len(items), "source": name})
}

// batchFileError is a bad self-assessment file as a 400 whose reason and
// parameters let the page list every problem in its language.
func batchFileError(err error) error {
	var pe *batch.ParseError
	var te *tabular.Error
	switch {
	case errors.As(err, &pe):
		problems := make([]map[string]any, len(pe.Problems))
		for i, p := range pe.Problems {
			reason := ""
			var ie *grader.InputError
			if errors.As(p.Err, &ie) {
				reason = ie.Reason
			}
			problems[i] = map[string]any{"line": p.Line, "column": p.Column, "field": p.Field, "reason": reason, "message": p.Err.Error()}
		}
		return badInput("%s", err.Error()).because("batch_problems", map[string]any{"count": len(pe.Problems) + pe.More, "problems": problems})
	case errors.As(err, &te):
		reason := "batch_file"
		switch {
		case strings.Contains(te.Err.Error(), "unsupported file type"):
			reason = "batch_file_type"
		case strings.Contains(te.Err.Error(), "no questions"):
			reason = "batch_empty"
		}
		return badInput("%s", err.Error()).because(reason, map[string]any{"file": te.Path, "line": te.Line})
	}
	return err
}

// startBatch grades a batch in the background, on the server's lifetime:
// Close stops it, and the next start finishes it (resumeBatches).
func (s *Server) startBatch(id string, retry bool) {
	s.jobs.Add(1)
	go func() {
		defer s.jobs.Done()
		if err := s.deps.Batches.Run(s.bg, id, retry, nil); err != nil && s.bg.Err() == nil {
			s.log.Error("batch stopped", "batch", id, "err", err)
			return
		}
		s.log.Info("batch graded", "batch", id)
	}()
}

// resumeBatches finishes the batches a previous run of the server (or a
// killed CLI) left unfinished.
func (s *Server) resumeBatches() {
	ids, err := s.deps.Batches.Unfinished(s.bg)
	if err != nil {
		s.log.Warn("could not look for unfinished batches", "err", err)
		return
	}
	for _, id := range ids {
		s.log.Info("finishing a batch left unfinished", "batch", id)
		s.startBatch(id, true)
	}
}

func (s *Server) handleBatches(c echo.Context) error {
	coll, err := s.collection(c.QueryParam("collection"))
	if err != nil {
		return err
	}
	limit, err := intParam(c, "limit", defaultBatches, 1, maxBatches)
	if err != nil {
		return err
	}
	bs, err := s.deps.Batches.List(c.Request().Context(), coll, limit)
	if err != nil {
		return err
	}
	return c.JSON(http.StatusOK, map[string]any{"collection": coll, "batches": bs})
}

func (s *Server) batchOr404(err error, id string) error {
	if errors.Is(err, store.ErrNoBatch) {
		return apiErrorf(http.StatusNotFound, codeNotFound, "no batch %q", id)
	}
	return err
}

func (s *Server) handleBatch(c echo.Context) error {
	id := c.Param("id")
	res, err := s.deps.Batches.Result(c.Request().Context(), id)
	if err != nil {
		return s.batchOr404(err, id)
	}
	return c.JSON(http.StatusOK, res)
}

// handleBatchReport serves the batch's self-contained HTML report. It has
// inline styles and no script: its own policy allows exactly that.
func (s *Server) handleBatchReport(c echo.Context) error {
	id := c.Param("id")
	res, err := s.deps.Batches.Result(c.Request().Context(), id)
	if err != nil {
		return s.batchOr404(err, id)
	}
	var b strings.Builder
	if err := batch.WriteReport(&b, res); err != nil {
		return err
	}
	c.Response().Header().Set("Content-Security-Policy", "default-src 'none'; style-src 'unsafe-inline'; img-src data:; sandbox")
	return c.HTML(http.StatusOK, b.String())
}

// handleBatchEvents streams a batch's progress as server-sent events:
// "progress" whenever the counts change, then "done" once every item is
// graded or failed.
func (s *Server) handleBatchEvents(c echo.Context) error {
	id := c.Param("id")
	ctx := c.Request().Context()
	info, err := s.deps.Batches.Status(ctx, id)
	if err != nil {
		return s.batchOr404(err, id)
	}
	w := c.Response()
	w.Header().Set(echo.HeaderContentType, "text/event-stream")
	w.Header().Set(echo.HeaderCacheControl, "no-cache")
	w.Header().Set("X-Accel-Buffering", "no") // nginx: do not buffer the stream
	w.WriteHeader(http.StatusOK)
	send := func(event string, v any) error {
		body, err := json.Marshal(v)
		if err != nil {
			return err
		}
		if _, err := fmt.Fprintf(w, "event: %s\ndata: %s\n\n", event, body); err != nil {
			return err
		}
		w.Flush()
		return nil
	}
	last := -1
	tick := time.NewTicker(batchPoll)
	defer tick.Stop()
	for {
		if n := info.Done + info.Failed; n != last {
			last = n
			if err := send("progress", info); err != nil {
				return nil // the client went away
			}
		}
		if info.Done+info.Failed >= info.Items {
			return send("done", info)
		}
		select {
		case <-ctx.Done():
			return nil
		case <-s.bg.Done():
			return nil
		case <-tick.C:
		}
		if info, err = s.deps.Batches.Status(ctx, id); err != nil {
			_ = send("error", map[string]string{"message": "the batch could not be read; reload to try again"})
			return nil
		}
	}
}
