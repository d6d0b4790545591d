package web

import (
	"log/slog"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"

	"grader/embeddings"
	"grader/grader"
	"grader/internal/testdb"
	"grader/notes"
	"grader/store"
	"grader/token"
)

// With the database gone, every route that needs it answers 503
// `unavailable` with Retry-After, not a 500: the pool reconnects by itself
// when the database is back.
func TestDatabaseDown(t *testing.T) {
	db, err := store.Open(t.Context(), testdb.URL(t), nil)
	if err != nil {
		t.Fatal(err)
	}
	g := token.DefaultGlossary()
	ix := notes.NewIndex(db, embeddings.NewLocal(384, g), g, notes.DefaultChunkOptions(), nil)
	hist := grader.NewHistory(db)
	deps := Deps{Grader: grader.NewService(ix, grader.NewOffline(g, grader.DefaultCalibration()), hist, g), Notes: ix,
		History: hist, Questions: grader.NewQuestions(db, ix), DB: db}
	coll := testdb.Collection(t, "down")
	if _, err := ix.IngestPaths(t.Context(), coll, []string{"../samples/notes"}, nil); err != nil {
		t.Fatal(err)
	}
	srv := New(deps, Config{DefaultCollection: coll, RateLimit: 1000, RateBurst: 1000}, slog.New(slog.DiscardHandler))
	ts := httptest.NewServer(srv.Handler())
	t.Cleanup(ts.Close)
	db.Close() // the database goes away

	for _, c := range []struct{ method, path, body string }{
		{http.MethodPost, "/api/v1/grade", `{"question":"NAT 게이트웨이는 왜 필요한가요?","answer":"프라이빗 서브넷이 외부로 나가게 해 줍니다."}`},
		{http.MethodGet, "/api/v1/search?q=NAT", ""},
		{http.MethodGet, "/api/v1/notes", ""},
		{http.MethodGet, "/api/v1/history", ""},
		{http.MethodGet, "/api/v1/questions", ""},
	} {
		req, _ := http.NewRequestWithContext(t.Context(), c.method, ts.URL+c.path, strings.NewReader(c.body))
		if c.body != "" {
			req.Header.Set("Content-Type", "application/json")
		}
		res, err := http.DefaultClient.Do(req)
		if err != nil {
			t.Fatal(err)
		}
		var body strings.Builder
		buf := make([]byte, 4096)
		n, _ := res.Body.Read(buf)
		body.Write(buf[:n])
		res.Body.Close()
		if res.StatusCode != http.StatusServiceUnavailable || res.Header.Get("Retry-After") == "" || !strings.Contains(body.String(), `"unavailable"`) {
			t.Errorf("%s %s with the database down: %d, Retry-After %q, %s; want 503 unavailable with Retry-After",
				c.method, c.path, res.StatusCode, res.Header.Get("Retry-After"), body.String())
		}
	}
}
