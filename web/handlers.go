package web

import (
	"context"
	"errors"
	"fmt"
	"net/http"
	"path"
	"strconv"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/labstack/echo/v4"
	"github.com/prometheus/client_golang/prometheus/promhttp"

	"grader/grader"
	"grader/notes"
	"grader/store"
)

// Limits of the query-string endpoints.
const (
	defaultSearchK     = 5
	maxQueryRunes      = 1000
	defaultHistory     = 50
	maxHistory         = 500
	passageContextSize = 2 // chunks of the same note shown before and after a passage
)

func (s *Server) handleHealth(c echo.Context) error {
	return c.JSON(http.StatusOK, map[string]string{"status": "ok"})
}

// handleReady answers 200 only while the database does, so a load balancer
// stops sending work the service cannot do.
func (s *Server) handleReady(c echo.Context) error {
	ctx, cancel := context.WithTimeout(c.Request().Context(), 3*time.Second)
	defer cancel()
	if err := s.deps.DB.Ping(ctx); err != nil {
		s.log.Warn("readiness: database does not answer", "err", err)
		return apiErrorf(http.StatusServiceUnavailable, codeNotReady, "the database does not answer")
	}
	return c.JSON(http.StatusOK, map[string]string{"status": "ready"})
}

func (s *Server) handleMetrics(c echo.Context) error {
	// The gzip middleware compresses; promhttp doing it too would compress twice.
	promhttp.HandlerFor(s.metrics.reg, promhttp.HandlerOpts{DisableCompression: true}).ServeHTTP(c.Response(), c.Request())
	return nil
}

// info is what the page needs to know about the server.
type info struct {
	Grader            grader.Info `json:"grader"`
	AuthRequired      bool        `json:"auth_required"`
	DefaultCollection string      `json:"default_collection"`
	MaxAnswerChars    int         `json:"max_answer_chars"`
	MaxQuestionChars  int         `json:"max_question_chars"`
	NotesBodyLimit    int64       `json:"notes_body_limit"`
	// Transcription: a transcription model is configured for spoken answers.
	Transcription bool `json:"transcription"`
}

func (s *Server) handleInfo(c echo.Context) error {
	return c.JSON(http.StatusOK, info{
		Grader: s.deps.Grader.JudgeInfo(), AuthRequired: s.cfg.APIToken != "", DefaultCollection: s.cfg.DefaultCollection,
		MaxAnswerChars: grader.MaxAnswerRunes, MaxQuestionChars: grader.MaxQuestionRunes, NotesBodyLimit: s.cfg.NotesBodyLimit,
		Transcription: s.canTranscribe(),
	})
}

// canTranscribe tells whether spoken answers can be transcribed here.
func (s *Server) canTranscribe() bool {
	c, ok := s.deps.Speech.(interface{ CanTranscribe() bool })
	return ok && c.CanTranscribe()
}

// maxAsked bounds the thread a request may carry.
const maxAsked = 100

// gradeRequest is the body of POST /grade and /followups.
type gradeRequest struct {
	Question   string `json:"question"`
	Answer     string `json:"answer"`
	Collection string `json:"collection"`
	// Asked: the questions already asked in this practice thread (optional);
	// no follow-up repeats one.
	Asked []string `json:"asked"`
	// Speech: a spoken answer's delivery from /transcribe; the answer is then
	// its transcript, corrected by the candidate (optional).
	Speech *grader.Speech `json:"speech"`
}

func (s *Server) readGradeRequest(c echo.Context) (grader.Request, error) {
	var body gradeRequest
	if err := decodeJSON(c, &body); err != nil {
		return grader.Request{}, err
	}
	coll, err := s.collection(body.Collection)
	if err != nil {
		return grader.Request{}, err
	}
	if len(body.Asked) > maxAsked {
		return grader.Request{}, fmt.Errorf("%w: asked lists %d questions, at most %d", grader.ErrBadInput, len(body.Asked), maxAsked)
	}
	req, err := grader.Validate(grader.Request{Collection: coll, Question: body.Question, Answer: body.Answer, Asked: body.Asked, Speech: body.Speech})
	return req, err
}

func (s *Server) handleGrade(c echo.Context) error {
	req, err := s.readGradeRequest(c)
	if err != nil {
		return err
	}
	g, err := s.deps.Grader.Grade(c.Request().Context(), req)
	if err != nil {
		return err
	}
	s.metrics.grades.WithLabelValues(g.Grader.Mode, g.Verdict).Inc()
	return c.JSON(http.StatusOK, g)
}

func (s *Server) handleFollowups(c echo.Context) error {
	req, err := s.readGradeRequest(c)
	if err != nil {
		return err
	}
	fs, err := s.deps.Grader.Followups(c.Request().Context(), req)
	if err != nil {
		return err
	}
	if fs == nil {
		fs = []string{}
	}
	return c.JSON(http.StatusOK, map[string][]string{"followups": fs})
}

func (s *Server) handleSearch(c echo.Context) error {
	q := strings.TrimSpace(c.QueryParam("q"))
	switch {
	case q == "":
		return badInput("q is required: the text to search for")
	case !utf8.ValidString(q) || utf8.RuneCountInString(q) > maxQueryRunes:
		return badInput("q must be UTF-8 text of at most %d characters", maxQueryRunes)
	}
	k, err := intParam(c, "k", defaultSearchK, 1, notes.MaxK)
	if err != nil {
		return err
	}
	coll, err := s.collection(c.QueryParam("collection"))
	if err != nil {
		return err
	}
	ps, err := s.deps.Notes.Search(c.Request().Context(), coll, q, k)
	if err != nil {
		return err
	}
	return c.JSON(http.StatusOK, map[string]any{"passages": ps})
}

// topicCount is one topic of the question bank.
type topicCount struct {
	Topic string `json:"topic"`
	Count int    `json:"count"`
}

// handleQuestions lists the bank, generating it first when the collection has none yet.
func (s *Server) handleQuestions(c echo.Context) error {
	coll, err := s.collection(c.QueryParam("collection"))
	if err != nil {
		return err
	}
	topic := strings.TrimSpace(c.QueryParam("topic"))
	ctx := c.Request().Context()
	all, refreshing, err := s.currentBank(ctx, coll)
	if err != nil {
		return err
	}
	topics := []topicCount{}
	qs := []grader.Question{}
	for _, q := range all {
		if n := len(topics); n == 0 || topics[n-1].Topic != q.Topic {
			topics = append(topics, topicCount{Topic: q.Topic})
		}
		topics[len(topics)-1].Count++
		if topic == "" || q.Topic == topic {
			qs = append(qs, q)
		}
	}
	return c.JSON(http.StatusOK, map[string]any{"collection": coll, "questions": qs, "topics": topics, "refreshing": refreshing})
}

// currentBank is the collection's question bank once the regeneration in
// progress (after an upload) is done, or the last version with refreshing
// set when that takes longer than Config.BankWait. An empty bank is generated
// first: by the background worker, so that requests never run two at once.
func (s *Server) currentBank(ctx context.Context, coll string) ([]grader.Question, bool, error) {
	wctx, cancel := context.WithTimeout(ctx, s.cfg.BankWait)
	defer cancel()
	if !s.bank.Pending(coll) {
		all, err := s.deps.Questions.List(ctx, coll, "")
		if err != nil || len(all) > 0 {
			return all, false, err
		}
		s.bank.Mark(coll)
	}
	waitErr := s.bank.Wait(wctx, coll)
	if waitErr != nil && ctx.Err() != nil {
		return nil, false, ctx.Err()
	}
	all, err := s.deps.Questions.List(ctx, coll, "")
	return all, waitErr != nil, err
}

// handleQuestionsRefresh regenerates the bank now: by the background worker,
// waiting for it (up to Config.BankWait, then the count so far with refreshing set).
func (s *Server) handleQuestionsRefresh(c echo.Context) error {
	coll, err := s.collection(c.QueryParam("collection"))
	if err != nil {
		return err
	}
	s.bank.Mark(coll)
	all, refreshing, err := s.currentBank(c.Request().Context(), coll)
	if err != nil {
		return err
	}
	return c.JSON(http.StatusOK, map[string]any{"collection": coll, "questions": len(all), "refreshing": refreshing})
}

func (s *Server) handleListNotes(c echo.Context) error {
	coll, err := s.collection(c.QueryParam("collection"))
	if err != nil {
		return err
	}
	ns, err := s.deps.Notes.ListNotes(c.Request().Context(), coll)
	for i := range ns {
		// the folder a note was ingested from is the server's business: name
		// it, do not disclose its path
		if r := ns[i].Root; r != UploadRoot && strings.ContainsAny(r, `/\`) {
			ns[i].Root = path.Base(strings.ReplaceAll(strings.TrimRight(r, `/\`), `\`, "/"))
		}
	}
	if err != nil {
		return err
	}
	chunks := 0
	for _, n := range ns {
		chunks += n.Chunks
	}
	return c.JSON(http.StatusOK, map[string]any{"collection": coll, "notes": ns, "chunks": chunks})
}

func (s *Server) handleDeleteNote(c echo.Context) error {
	coll, err := s.collection(c.QueryParam("collection"))
	if err != nil {
		return err
	}
	id := c.Param("id")
	ctx := c.Request().Context()
	ok, err := s.deps.Notes.DeleteNote(ctx, coll, id)
	if err != nil {
		return err
	}
	if !ok {
		return apiErrorf(http.StatusNotFound, codeNotFound, "collection %q has no note %q", coll, id)
	}
	// Questions about the deleted note would grade against nothing.
	s.bank.Mark(coll)
	return c.JSON(http.StatusOK, map[string]string{"deleted": id, "collection": coll})
}

// handleReindex embeds every chunk of the collection that lacks a vector from
// the current embedding model (after switching models) and regenerates the
// question bank. Uploaded notes have no files on the server to re-read; to
// change a note, upload it again (same path replaces it).
func (s *Server) handleReindex(c echo.Context) error {
	coll, err := s.collection(c.QueryParam("collection"))
	if err != nil {
		return err
	}
	ctx := c.Request().Context()
	n, err := s.deps.Notes.EmbedMissing(ctx, coll)
	if err != nil {
		return err
	}
	s.metrics.ingest.WithLabelValues("embedded").Add(float64(n))
	s.bank.Mark(coll)
	return c.JSON(http.StatusOK, map[string]any{"collection": coll, "chunks_embedded": n, "questions_refreshing": true})
}

// passageInContext is a passage with the chunks around it in its note.
type passageInContext struct {
	Passage notes.Passage   `json:"passage"`
	Before  []notes.Heading `json:"before"`
	After   []notes.Heading `json:"after"`
}

func (s *Server) handlePassage(c echo.Context) error {
	coll, err := s.collection(c.QueryParam("collection"))
	if err != nil {
		return err
	}
	id := c.Param("id")
	ctx := c.Request().Context()
	p, ok, err := s.deps.Notes.Passage(ctx, coll, id)
	if err != nil {
		return err
	}
	if !ok {
		return apiErrorf(http.StatusNotFound, codeNotFound, "collection %q has no passage %q", coll, id)
	}
	before, after, err := s.deps.Notes.Neighbours(ctx, p.ChunkID, passageContextSize)
	if err != nil {
		return err
	}
	out := passageInContext{Passage: p, Before: before, After: after}
	return c.JSON(http.StatusOK, out)
}

func (s *Server) handleHistory(c echo.Context) error {
	coll, err := s.collection(c.QueryParam("collection"))
	if err != nil {
		return err
	}
	limit, err := intParam(c, "limit", defaultHistory, 1, maxHistory)
	if err != nil {
		return err
	}
	as, err := s.deps.History.List(c.Request().Context(), coll, limit)
	if err != nil {
		return err
	}
	return c.JSON(http.StatusOK, map[string]any{"collection": coll, "attempts": as})
}

func (s *Server) handleTopics(c echo.Context) error {
	coll, err := s.collection(c.QueryParam("collection"))
	if err != nil {
		return err
	}
	ts, err := s.deps.History.Topics(c.Request().Context(), coll)
	if err != nil {
		return err
	}
	if ts == nil {
		ts = []grader.TopicStat{}
	}
	return c.JSON(http.StatusOK, map[string]any{"collection": coll, "topics": ts})
}

// maxNext bounds GET /next?n=.
const maxNext = 200

// handleNext lists the questions to practise next: due first, weakest first.
func (s *Server) handleNext(c echo.Context) error {
	coll, err := s.collection(c.QueryParam("collection"))
	if err != nil {
		return err
	}
	n, err := intParam(c, "n", 10, 1, maxNext)
	if err != nil {
		return err
	}
	// the bank's unanswered questions are part of the order: make sure there is one
	if _, _, err := s.currentBank(c.Request().Context(), coll); err != nil {
		return err
	}
	qs, err := s.deps.Practice.Next(c.Request().Context(), coll, n, time.Now())
	if err != nil {
		return err
	}
	if qs == nil {
		qs = []grader.NextQuestion{}
	}
	return c.JSON(http.StatusOK, map[string]any{"collection": coll, "questions": qs})
}

// handleSetCall records the candidate's own call on a point of an attempt:
// {"status": "covered" | "partial" | "missed" | "incorrect"}, or "" to take
// it back. The judge's call stays beside it.
func (s *Server) handleSetCall(c echo.Context) error {
	coll, err := s.collection(c.QueryParam("collection"))
	if err != nil {
		return err
	}
	point, err := strconv.Atoi(c.Param("point"))
	if err != nil || point < 0 {
		return badInput("point must be the point's index (0, 1, …), got %q", c.Param("point"))
	}
	var body struct {
		Status string `json:"status"`
	}
	if err := decodeJSON(c, &body); err != nil {
		return err
	}
	call, err := s.deps.History.SetCall(c.Request().Context(), coll, c.Param("id"), point, grader.Status(body.Status))
	if errors.Is(err, grader.ErrNoPoint) {
		return apiErrorf(http.StatusNotFound, codeNotFound, "collection %q has no attempt %q with a point %d", coll, c.Param("id"), point)
	}
	if err != nil {
		return err
	}
	return c.JSON(http.StatusOK, call)
}

// handleCallStats says how often the candidate overruled the judge, per status.
func (s *Server) handleCallStats(c echo.Context) error {
	coll, err := s.collection(c.QueryParam("collection"))
	if err != nil {
		return err
	}
	st, err := s.deps.History.CallStats(c.Request().Context(), coll)
	if err != nil {
		return err
	}
	if st == nil {
		st = []store.CallStat{}
	}
	return c.JSON(http.StatusOK, map[string]any{"collection": coll, "calls": st})
}

// handleQuestionStats lists each question's record: attempts, best, last.
func (s *Server) handleQuestionStats(c echo.Context) error {
	coll, err := s.collection(c.QueryParam("collection"))
	if err != nil {
		return err
	}
	qs, err := s.deps.History.Questions(c.Request().Context(), coll)
	if err != nil {
		return err
	}
	if qs == nil {
		qs = []grader.QuestionStat{}
	}
	return c.JSON(http.StatusOK, map[string]any{"collection": coll, "questions": qs})
}
