// Package whispertest is for tests of spoken answers: real audio spoken by
// espeak-ng, and an in-process server speaking the OpenAI transcription wire
// format (multipart in, verbose_json or json out) that records what it was sent.
package whispertest

import (
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"sync"
	"testing"

	"grader/internal/testenv"
)

// Spoken speaks text with espeak-ng (voice lang: "ko", "en") into a WAV file.
func Spoken(t testing.TB, lang, text string) []byte {
	t.Helper()
	if _, err := exec.LookPath("espeak-ng"); err != nil {
		testenv.Require(t, "espeak-ng", "apt-get install espeak-ng")
	}
	path := filepath.Join(t.TempDir(), "answer.wav")
	if out, err := exec.Command("espeak-ng", "-v", lang, "-w", path, text).CombinedOutput(); err != nil {
		t.Fatalf("espeak-ng: %v\n%s", err, out)
	}
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	return b
}

// Word is a transcribed word with its times, as the wire format has it.
type Word struct {
	Word  string  `json:"word"`
	Start float64 `json:"start"`
	End   float64 `json:"end"`
}

// Server answers POST /v1/audio/transcriptions with Text (and, when Verbose,
// Words and Duration in verbose_json; otherwise it refuses verbose_json with
// a 400 and answers json).
type Server struct {
	Text     string
	Words    []Word
	Duration float64
	Verbose  bool

	mu       sync.Mutex
	requests []map[string]string
	file     []byte
	srv      *httptest.Server
}

// Start serves s until the test ends and returns its base URL (…/v1).
func (s *Server) Start(t testing.TB) string {
	s.srv = httptest.NewServer(s)
	t.Cleanup(s.srv.Close)
	return s.srv.URL + "/v1"
}

// Requests are the form fields of each request (with "filename").
func (s *Server) Requests() []map[string]string {
	s.mu.Lock()
	defer s.mu.Unlock()
	return append([]map[string]string(nil), s.requests...)
}

// File is the last audio file received.
func (s *Server) File() []byte {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.file
}

func (s *Server) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	if r.URL.Path != "/v1/audio/transcriptions" {
		http.NotFound(w, r)
		return
	}
	if err := r.ParseMultipartForm(32 << 20); err != nil {
		http.Error(w, err.Error(), http.StatusBadRequest)
		return
	}
	got := map[string]string{}
	for k, v := range r.MultipartForm.Value {
		got[k] = strings.Join(v, ",")
	}
	if fh := r.MultipartForm.File["file"]; len(fh) == 1 {
		got["filename"] = fh[0].Filename
		rd, err := fh[0].Open()
		if err == nil {
			b, _ := io.ReadAll(rd)
			s.mu.Lock()
			s.file = b
			s.mu.Unlock()
		}
	}
	s.mu.Lock()
	s.requests = append(s.requests, got)
	s.mu.Unlock()
	w.Header().Set("Content-Type", "application/json")
	if got["response_format"] == "verbose_json" {
		if !s.Verbose {
			w.WriteHeader(http.StatusBadRequest)
			fmt.Fprint(w, `{"error":{"message":"response_format verbose_json is not supported","type":"invalid_request_error"}}`)
			return
		}
		_ = json.NewEncoder(w).Encode(map[string]any{"task": "transcribe", "language": got["language"], "duration": s.Duration, "text": s.Text, "words": s.Words})
		return
	}
	_ = json.NewEncoder(w).Encode(map[string]any{"text": s.Text})
}
