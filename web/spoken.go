package web

import (
	"context"
	"errors"
	"net/http"
	"strings"

	"github.com/labstack/echo/v4"

	"grader/grader"
	"grader/speech"
)

// Speech transcribes and grades spoken answers (*grader.Service).
type Speech interface {
	Transcribe(ctx context.Context, collection, question string, audio []byte) (grader.Speech, error)
	GradeSpoken(ctx context.Context, req grader.Request, audio []byte) (grader.Grade, error)
}

// audioBodyLimit bounds a spoken answer's upload: the audio and its form.
const audioBodyLimit = speech.MaxAudioBytes + 1<<20

// readAudio reads the multipart field "audio" (one file), with the
// collection and the question sent beside it.
func (s *Server) readAudio(c echo.Context) (coll, question string, audio []byte, err error) {
	form, coll, err := s.multipartForm(c)
	if err != nil {
		return "", "", nil, err
	}
	defer form.RemoveAll()
	fhs := form.File["audio"]
	if len(fhs) != 1 {
		return "", "", nil, badInput("send one recording in the multipart field \"audio\" (wav, mp3, m4a, webm, ogg), got %d", len(fhs)).because("no_audio", nil)
	}
	if fhs[0].Size > speech.MaxAudioBytes {
		return "", "", nil, badInput("the audio is larger than %d MB", speech.MaxAudioBytes>>20).because("audio_too_large", map[string]any{"limit_mb": speech.MaxAudioBytes >> 20})
	}
	if audio, err = readPart(fhs[0]); err != nil {
		return "", "", nil, err
	}
	if vs := form.Value["question"]; len(vs) > 0 {
		question = strings.TrimSpace(vs[0])
	}
	return coll, question, audio, nil
}

// spokenError maps a missing transcription model onto 501 and a failing
// transcription server onto 503, said so: never a bare 500.
func spokenError(err error) error {
	switch {
	case errors.Is(err, grader.ErrNoTranscriber):
		return apiErrorf(http.StatusNotImplemented, codeNotConfigured, "%s", err.Error()).because("transcription_not_configured", nil)
	case errors.Is(err, grader.ErrTranscription):
		return apiErrorf(http.StatusServiceUnavailable, codeUnavailable, "%s", err.Error()).because("transcription_failed", nil)
	}
	return err
}

// handleTranscribe transcribes a recording and measures its delivery; the
// page shows the transcript for the candidate to correct before grading.
func (s *Server) handleTranscribe(c echo.Context) error {
	coll, question, audio, err := s.readAudio(c)
	if err != nil {
		return err
	}
	sp, err := s.deps.Speech.Transcribe(c.Request().Context(), coll, question, audio)
	if err != nil {
		return spokenError(err)
	}
	return c.JSON(http.StatusOK, sp)
}

// handleGradeSpoken transcribes a recording and grades what was said.
func (s *Server) handleGradeSpoken(c echo.Context) error {
	coll, question, audio, err := s.readAudio(c)
	if err != nil {
		return err
	}
	g, err := s.deps.Speech.GradeSpoken(c.Request().Context(), grader.Request{Collection: coll, Question: question}, audio)
	if err != nil {
		return spokenError(err)
	}
	s.metrics.grades.WithLabelValues(g.Grader.Mode, g.Verdict).Inc()
	return c.JSON(http.StatusOK, g)
}
