package embeddings

import (
	"bytes"
	"context"
	"encoding/base64"
	"encoding/binary"
	"encoding/json"
	"errors"
	"fmt"
	"hash/fnv"
	"io"
	"log/slog"
	"math"
	"math/rand/v2"
	"net/http"
	"net/http/httptest"
	"slices"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	openai "github.com/sashabaranov/go-openai"
)

const (
	fakeKey   = "test-key"
	fakeModel = "fake-embed-small"
)

// fakeOpenAI is an in-process server speaking the OpenAI embeddings wire format:
// POST /v1/embeddings with {"model","input","encoding_format"?}, answering
// {"object":"list","data":[{"object":"embedding","index":i,"embedding":[...]}],
// "model","usage"} and errors as {"error":{"message","type","param","code"}}.
type fakeOpenAI struct {
	t   testing.TB
	dim atomic.Int32 // length of the vectors it returns; tests may change it

	// hook, when set, may answer a request itself (return true) before the
	// normal response; n counts requests from 1.
	hook func(w http.ResponseWriter, r *http.Request, n int, in []string) bool
	// shuffle returns data in random order, as the API is allowed to.
	shuffle bool
	// delay holds every successful response, to make requests overlap.
	delay time.Duration

	mu        sync.Mutex
	requests  [][]string // inputs of each request, in arrival order
	formats   []string   // encoding_format of each request
	times     []time.Time
	inFlight  atomic.Int32
	maxFlight atomic.Int32
}

func newFake(t testing.TB, dim int) (*fakeOpenAI, *httptest.Server) {
	f := &fakeOpenAI{t: t}
	f.dim.Store(int32(dim))
	srv := httptest.NewServer(f)
	t.Cleanup(srv.Close)
	return f, srv
}

// fakeVector is the fake model: a deterministic, deliberately not normalised
// vector per text, so that tests can tell inputs apart and see normalisation.
func fakeVector(text string, dim int) []float32 {
	h := fnv.New64a()
	io.WriteString(h, text)
	r := rand.New(rand.NewPCG(h.Sum64(), 1))
	v := make([]float32, dim)
	for i := range v {
		v[i] = float32(r.NormFloat64() * 3)
	}
	return v
}

func wantVector(text string, dim int) []float32 {
	v := fakeVector(text, dim)
	normalize(v)
	return v
}

func apiError(w http.ResponseWriter, status int, typ, msg string) {
	w.Header().Set("Content-Type", "application/json")
	w.WriteHeader(status)
	json.NewEncoder(w).Encode(map[string]any{"error": map[string]any{
		"message": msg, "type": typ, "param": nil, "code": nil,
	}})
}

func (f *fakeOpenAI) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	cur := f.inFlight.Add(1)
	defer f.inFlight.Add(-1)
	for {
		m := f.maxFlight.Load()
		if cur <= m || f.maxFlight.CompareAndSwap(m, cur) {
			break
		}
	}

	if r.Method != http.MethodPost || r.URL.Path != "/v1/embeddings" {
		apiError(w, http.StatusNotFound, "invalid_request_error", fmt.Sprintf("Invalid URL (%s %s)", r.Method, r.URL.Path))
		return
	}
	if r.Header.Get("Authorization") != "Bearer "+fakeKey {
		apiError(w, http.StatusUnauthorized, "invalid_request_error", "Incorrect API key provided")
		return
	}
	var body struct {
		Model          string          `json:"model"`
		Input          json.RawMessage `json:"input"`
		EncodingFormat string          `json:"encoding_format"`
	}
	if err := json.NewDecoder(r.Body).Decode(&body); err != nil {
		apiError(w, http.StatusBadRequest, "invalid_request_error", "We could not parse the JSON body of your request.")
		return
	}
	var in []string
	if err := json.Unmarshal(body.Input, &in); err != nil {
		var one string
		if err := json.Unmarshal(body.Input, &one); err != nil {
			apiError(w, http.StatusBadRequest, "invalid_request_error", "'input' must be a string or an array of strings")
			return
		}
		in = []string{one}
	}
	f.mu.Lock()
	f.requests = append(f.requests, in)
	f.formats = append(f.formats, body.EncodingFormat)
	f.times = append(f.times, time.Now())
	n := len(f.requests)
	f.mu.Unlock()

	if f.hook != nil && f.hook(w, r, n, in) {
		return
	}
	if body.Model == "" {
		apiError(w, http.StatusBadRequest, "invalid_request_error", "you must provide a model parameter")
		return
	}
	if len(in) == 0 || slices.Contains(in, "") {
		apiError(w, http.StatusBadRequest, "invalid_request_error", "'$.input' is invalid.")
		return
	}
	if f.delay > 0 {
		select {
		case <-time.After(f.delay):
		case <-r.Context().Done():
			return
		}
	}

	type item struct {
		Object    string `json:"object"`
		Index     int    `json:"index"`
		Embedding any    `json:"embedding"`
	}
	data := make([]item, len(in))
	tokens := 0
	for i, s := range in {
		v := fakeVector(s, int(f.dim.Load()))
		var emb any = v
		switch body.EncodingFormat {
		case "", "float":
		case "base64": // little-endian float32, as the real API sends
			buf := make([]byte, 4*len(v))
			for k, x := range v {
				binary.LittleEndian.PutUint32(buf[4*k:], math.Float32bits(x))
			}
			emb = base64.StdEncoding.EncodeToString(buf)
		default:
			apiError(w, http.StatusBadRequest, "invalid_request_error", "encoding_format must be float or base64")
			return
		}
		data[i] = item{"embedding", i, emb}
		tokens += len(strings.Fields(s)) + 1
	}
	if f.shuffle {
		rand.Shuffle(len(data), func(i, j int) { data[i], data[j] = data[j], data[i] })
	}
	w.Header().Set("Content-Type", "application/json")
	json.NewEncoder(w).Encode(map[string]any{
		"object": "list",
		"data":   data,
		"model":  body.Model,
		"usage":  map[string]int{"prompt_tokens": tokens, "total_tokens": tokens},
	})
}

func (f *fakeOpenAI) batchSizes() []int {
	f.mu.Lock()
	defer f.mu.Unlock()
	var n []int
	for _, r := range f.requests {
		n = append(n, len(r))
	}
	return n
}

func (f *fakeOpenAI) requestCount() int {
	f.mu.Lock()
	defer f.mu.Unlock()
	return len(f.requests)
}

// requestTimes and encodingFormats copy what the server recorded.
func (f *fakeOpenAI) requestTimes() []time.Time {
	f.mu.Lock()
	defer f.mu.Unlock()
	return slices.Clone(f.times)
}

func (f *fakeOpenAI) encodingFormats() []string {
	f.mu.Lock()
	defer f.mu.Unlock()
	return slices.Clone(f.formats)
}

// testConfig points at srv with fast retries.
func testConfig(srv *httptest.Server) OpenAIConfig {
	return OpenAIConfig{
		BaseURL:    srv.URL + "/v1",
		APIKey:     fakeKey,
		Model:      fakeModel,
		MaxRetries: 3,
		BackoffMin: time.Millisecond,
		BackoffMax: 5 * time.Millisecond,
		Timeout:    5 * time.Second,
		HTTPClient: srv.Client(),
	}
}

func mustOpenAI(t testing.TB, cfg OpenAIConfig) *OpenAI {
	t.Helper()
	o, err := NewOpenAI(cfg)
	if err != nil {
		t.Fatalf("NewOpenAI: %v", err)
	}
	return o
}

func texts(n int, f func(i int) string) []string {
	out := make([]string, n)
	for i := range out {
		out[i] = f(i)
	}
	return out
}

func checkVectors(t testing.TB, in []string, got [][]float32, dim int) {
	t.Helper()
	if len(got) != len(in) {
		t.Fatalf("got %d vectors for %d texts", len(got), len(in))
	}
	for i, s := range in {
		want := wantVector(s, dim)
		if len(got[i]) != dim {
			t.Fatalf("vector %d has length %d, want %d", i, len(got[i]), dim)
		}
		for k := range want {
			if math.Abs(float64(got[i][k]-want[k])) > 1e-6 {
				t.Fatalf("vector %d (%q) is not the normalised embedding of its text: [%d] = %v, want %v", i, s, k, got[i][k], want[k])
			}
		}
	}
}

func TestOpenAIBatching(t *testing.T) {
	t.Parallel()
	ascii := func(n int) string { return strings.Repeat("a", n) }
	cases := []struct {
		name      string
		texts     []string
		maxBatch  int
		maxTokens int
		want      []int // texts per request, in order
	}{
		{"by count", texts(10, func(i int) string { return fmt.Sprint("text ", i) }), 4, 0, []int{4, 4, 2}},
		{"default count", texts(130, func(i int) string { return fmt.Sprint("t", i) }), 0, 0, []int{64, 64, 2}},
		// each ascii(29) is (29+2)/3+1 = 11 tokens: three fit in 35, four do not
		{"by tokens", texts(7, func(i int) string { return ascii(28) + fmt.Sprint(i) }), 100, 35, []int{3, 3, 1}},
		// Hangul counts a token a syllable: 29 syllables + a digit + separator = 31
		{"hangul tokens", texts(4, func(i int) string { return strings.Repeat("가", 29) + fmt.Sprint(i) }), 100, 70, []int{2, 2}},
		{"oversized text alone", []string{"a", ascii(300), "b", "c"}, 100, 50, []int{1, 1, 2}},
		{"oversized first and last", []string{ascii(300), "b", ascii(300)}, 100, 50, []int{1, 1, 1}},
		{"single", []string{"only"}, 0, 0, []int{1}},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			t.Parallel()
			f, srv := newFake(t, 8)
			cfg := testConfig(srv)
			cfg.MaxBatch, cfg.MaxBatchTokens, cfg.Concurrency = c.maxBatch, c.maxTokens, 1 // one at a time: requests arrive in order
			got, err := mustOpenAI(t, cfg).Embed(context.Background(), c.texts)
			if err != nil {
				t.Fatal(err)
			}
			checkVectors(t, c.texts, got, 8)
			if sizes := f.batchSizes(); !slices.Equal(sizes, c.want) {
				t.Errorf("request sizes = %v, want %v", sizes, c.want)
			}
		})
	}
}

func TestEstimateTokens(t *testing.T) {
	cases := []struct {
		in   string
		want int
	}{
		{"", 1},
		{"abc", 2},
		{"abcd", 3},
		{"서브넷", 4},
		{"VPC의 서브넷", 2 + 4 + 1}, // 4 ASCII bytes ("VPC", " "), 4 syllables, separator
	}
	for _, c := range cases {
		if got := estimateTokens(c.in); got != c.want {
			t.Errorf("estimateTokens(%q) = %d, want %d", c.in, got, c.want)
		}
	}
}

func TestOpenAIMapsByIndex(t *testing.T) {
	t.Parallel()
	f, srv := newFake(t, 16)
	f.shuffle = true
	cfg := testConfig(srv)
	cfg.MaxBatch = 50
	in := texts(200, func(i int) string { return fmt.Sprintf("문장 %d: 서브넷은 VPC를 쪼갠다", i) })
	got, err := mustOpenAI(t, cfg).Embed(context.Background(), in)
	if err != nil {
		t.Fatal(err)
	}
	checkVectors(t, in, got, 16)
}

func TestOpenAIDefaultWireFormat(t *testing.T) {
	t.Parallel()
	f, srv := newFake(t, 4)
	if _, err := mustOpenAI(t, testConfig(srv)).Embed(context.Background(), []string{"x"}); err != nil {
		t.Fatal(err)
	}
	// go-openai v1.43.0 omits encoding_format, so the API answers with floats.
	if got := f.encodingFormats(); !slices.Equal(got, []string{""}) {
		t.Errorf("encoding_format = %q, want it omitted", got)
	}
}

// TestFakeServerBase64 keeps the fake honest: with encoding_format=base64 it
// answers as the real API does, which go-openai decodes to the same floats.
func TestFakeServerBase64(t *testing.T) {
	t.Parallel()
	_, srv := newFake(t, 6)
	cfg := openai.DefaultConfig(fakeKey)
	cfg.BaseURL = srv.URL + "/v1"
	c := openai.NewClientWithConfig(cfg)
	for _, format := range []openai.EmbeddingEncodingFormat{openai.EmbeddingEncodingFormatFloat, openai.EmbeddingEncodingFormatBase64} {
		resp, err := c.CreateEmbeddings(context.Background(), openai.EmbeddingRequest{
			Input: []string{"a", "b"}, Model: fakeModel, EncodingFormat: format,
		})
		if err != nil {
			t.Fatalf("%s: %v", format, err)
		}
		for _, d := range resp.Data {
			if want := fakeVector([]string{"a", "b"}[d.Index], 6); !slices.Equal(d.Embedding, want) {
				t.Errorf("%s: embedding %d = %v, want %v", format, d.Index, d.Embedding, want)
			}
		}
	}
}

func TestOpenAIRetries(t *testing.T) {
	t.Parallel()
	failFirst := func(n int, status int, header map[string]string) func(http.ResponseWriter, *http.Request, int, []string) bool {
		return func(w http.ResponseWriter, _ *http.Request, i int, _ []string) bool {
			if i > n {
				return false
			}
			for k, v := range header {
				w.Header().Set(k, v)
			}
			apiError(w, status, "server_error", fmt.Sprintf("failure %d", i))
			return true
		}
	}
	hangFirst := func(w http.ResponseWriter, r *http.Request, i int, _ []string) bool {
		if i > 1 {
			return false
		}
		<-r.Context().Done() // longer than the client's Timeout
		return true
	}
	dropFirst := func(w http.ResponseWriter, r *http.Request, i int, _ []string) bool {
		if i > 1 {
			return false
		}
		conn, _, err := w.(http.Hijacker).Hijack()
		if err == nil {
			conn.Close() // connection reset without a response
		}
		return true
	}
	cases := []struct {
		name         string
		hook         func(http.ResponseWriter, *http.Request, int, []string) bool
		maxRetries   int
		wantRequests int
		wantErr      []string // substrings; nil means success
		wantStatus   int      // of the *openai.APIError, when wantErr
	}{
		{"500 then ok", failFirst(2, 500, nil), 3, 3, nil, 0},
		{"503 then ok", failFirst(1, 503, nil), 3, 2, nil, 0},
		{"429 then ok", failFirst(1, 429, nil), 3, 2, nil, 0},
		{"timeout then ok", hangFirst, 3, 2, nil, 0},
		{"connection dropped then ok", dropFirst, 3, 2, nil, 0},
		{"500 until retries run out", failFirst(100, 500, nil), 2, 3,
			[]string{"embed batch 1/1", fakeModel, "after 3 attempts", "status code: 500", "failure 3"}, 500},
		{"no retries", failFirst(100, 500, nil), -1, 1, []string{"status code: 500", "failure 1"}, 500},
		{"400 is not retried", failFirst(100, 400, nil), 3, 1, []string{fakeModel, "status code: 400", "failure 1"}, 400},
		{"401 is not retried", failFirst(100, 401, nil), 3, 1, []string{"status code: 401"}, 401},
		{"501 is not retried", failFirst(100, 501, nil), 3, 1, []string{"status code: 501"}, 501},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			t.Parallel()
			f, srv := newFake(t, 4)
			f.hook = c.hook
			cfg := testConfig(srv)
			cfg.MaxRetries = c.maxRetries
			cfg.Timeout = 200 * time.Millisecond
			in := []string{"a", "b"}
			got, err := mustOpenAI(t, cfg).Embed(context.Background(), in)
			if n := f.requestCount(); n != c.wantRequests {
				t.Errorf("server saw %d requests, want %d", n, c.wantRequests)
			}
			if c.wantErr == nil {
				if err != nil {
					t.Fatalf("Embed: %v", err)
				}
				checkVectors(t, in, got, 4)
				return
			}
			if err == nil {
				t.Fatal("Embed succeeded, want an error")
			}
			for _, s := range c.wantErr {
				if !strings.Contains(err.Error(), s) {
					t.Errorf("error %q does not mention %q", err, s)
				}
			}
			var apiErr *openai.APIError
			if !errors.As(err, &apiErr) || apiErr.HTTPStatusCode != c.wantStatus {
				t.Errorf("error %v: want an *openai.APIError with status %d", err, c.wantStatus)
			}
		})
	}
}

func TestOpenAIHonoursRetryAfter(t *testing.T) {
	t.Parallel()
	cases := []struct {
		name   string
		header string
		value  string
		want   time.Duration
	}{
		{"seconds", "Retry-After", "1", time.Second},
		{"milliseconds", "retry-after-ms", "300", 300 * time.Millisecond},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			t.Parallel()
			f, srv := newFake(t, 4)
			f.hook = func(w http.ResponseWriter, _ *http.Request, n int, _ []string) bool {
				if n > 1 {
					return false
				}
				w.Header().Set(c.header, c.value)
				apiError(w, http.StatusTooManyRequests, "requests", "Rate limit reached")
				return true
			}
			cfg := testConfig(srv) // backoff of a few ms: only the header can make it wait longer
			if _, err := mustOpenAI(t, cfg).Embed(context.Background(), []string{"a"}); err != nil {
				t.Fatal(err)
			}
			times := f.requestTimes()
			if len(times) != 2 {
				t.Fatalf("server saw %d requests, want 2", len(times))
			}
			if gap := times[1].Sub(times[0]); gap < c.want || gap > c.want+400*time.Millisecond {
				t.Errorf("retried after %v, want about %v", gap, c.want)
			}
		})
	}
}

func TestOpenAIDimension(t *testing.T) {
	t.Parallel()
	t.Run("learned from first response", func(t *testing.T) {
		t.Parallel()
		_, srv := newFake(t, 12)
		o := mustOpenAI(t, testConfig(srv))
		if o.Dim() != 0 {
			t.Fatalf("Dim() before any request = %d, want 0", o.Dim())
		}
		if _, err := o.Embed(context.Background(), []string{"a"}); err != nil {
			t.Fatal(err)
		}
		if o.Dim() != 12 {
			t.Errorf("Dim() = %d, want 12", o.Dim())
		}
	})
	t.Run("configured and mismatched", func(t *testing.T) {
		t.Parallel()
		f, srv := newFake(t, 12)
		cfg := testConfig(srv)
		cfg.Dim = 1536
		o := mustOpenAI(t, cfg)
		_, err := o.Embed(context.Background(), []string{"a", "b"})
		if err == nil || !strings.Contains(err.Error(), fmt.Sprintf("model %q returned a 12-dimensional vector, want 1536", fakeModel)) {
			t.Errorf("err = %v, want a dimension mismatch naming the model", err)
		}
		if f.requestCount() != 1 {
			t.Errorf("a dimension mismatch was retried: %d requests", f.requestCount())
		}
	})
	t.Run("changes between batches", func(t *testing.T) {
		t.Parallel()
		f, srv := newFake(t, 12)
		f.hook = func(_ http.ResponseWriter, _ *http.Request, n int, _ []string) bool {
			if n > 1 {
				f.dim.Store(13) // as if the deployment behind the URL changed
			}
			return false
		}
		cfg := testConfig(srv)
		cfg.MaxBatch, cfg.Concurrency = 1, 1
		_, err := mustOpenAI(t, cfg).Embed(context.Background(), []string{"a", "b"})
		if err == nil || !strings.Contains(err.Error(), "embed batch 2/2") || !strings.Contains(err.Error(), "13-dimensional vector, want 12") {
			t.Errorf("err = %v, want batch 2 to fail on its dimension", err)
		}
	})
}

func TestOpenAIMalformedResponses(t *testing.T) {
	t.Parallel()
	respond := func(data string) func(http.ResponseWriter, *http.Request, int, []string) bool {
		return func(w http.ResponseWriter, _ *http.Request, _ int, _ []string) bool {
			w.Header().Set("Content-Type", "application/json")
			fmt.Fprintf(w, `{"object":"list","data":%s,"model":%q,"usage":{"prompt_tokens":1,"total_tokens":1}}`, data, fakeModel)
			return true
		}
	}
	cases := []struct {
		name, data, wantErr string
	}{
		{"too few", `[{"object":"embedding","index":0,"embedding":[1,0]}]`, "1 embeddings for 2 inputs"},
		{"index out of range", `[{"object":"embedding","index":0,"embedding":[1,0]},{"object":"embedding","index":2,"embedding":[1,0]}]`, "index 2 for 2 inputs"},
		{"duplicate index", `[{"object":"embedding","index":1,"embedding":[1,0]},{"object":"embedding","index":1,"embedding":[1,0]}]`, "index 1 twice"},
		{"zero vector", `[{"object":"embedding","index":0,"embedding":[0,0]},{"object":"embedding","index":1,"embedding":[1,0]}]`, "zero or non-finite"},
		{"empty vector", `[{"object":"embedding","index":0,"embedding":[]},{"object":"embedding","index":1,"embedding":[]}]`, "empty vector"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			t.Parallel()
			f, srv := newFake(t, 2)
			f.hook = respond(c.data)
			_, err := mustOpenAI(t, testConfig(srv)).Embed(context.Background(), []string{"a", "b"})
			if err == nil || !strings.Contains(err.Error(), c.wantErr) || !strings.Contains(err.Error(), fakeModel) {
				t.Errorf("err = %v, want it to name the model and say %q", err, c.wantErr)
			}
		})
	}
}

func TestOpenAIContextCancellation(t *testing.T) {
	t.Parallel()
	cases := []struct {
		name string
		hook func(http.ResponseWriter, *http.Request, int, []string) bool
		cfg  func(*OpenAIConfig)
	}{
		{
			"during a request",
			func(w http.ResponseWriter, r *http.Request, _ int, _ []string) bool {
				<-r.Context().Done()
				return true
			},
			nil,
		},
		{
			"during backoff",
			func(w http.ResponseWriter, _ *http.Request, _ int, _ []string) bool {
				apiError(w, 500, "server_error", "down")
				return true
			},
			func(c *OpenAIConfig) { c.BackoffMin, c.BackoffMax, c.MaxRetries = 10*time.Second, 10*time.Second, 10 },
		},
		{
			"during retry-after",
			func(w http.ResponseWriter, _ *http.Request, _ int, _ []string) bool {
				w.Header().Set("Retry-After", "30")
				apiError(w, 429, "requests", "slow down")
				return true
			},
			nil,
		},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			t.Parallel()
			f, srv := newFake(t, 4)
			f.hook = c.hook
			cfg := testConfig(srv)
			cfg.MaxBatch = 2
			if c.cfg != nil {
				c.cfg(&cfg)
			}
			ctx, cancel := context.WithTimeout(context.Background(), 100*time.Millisecond)
			defer cancel()
			start := time.Now()
			_, err := mustOpenAI(t, cfg).Embed(ctx, texts(20, func(i int) string { return fmt.Sprint(i) }))
			if !errors.Is(err, context.DeadlineExceeded) {
				t.Errorf("err = %v, want context.DeadlineExceeded", err)
			}
			if d := time.Since(start); d > time.Second {
				t.Errorf("Embed returned %v after the deadline", d)
			}
			seen := f.requestCount()
			time.Sleep(50 * time.Millisecond)
			if n := f.requestCount(); n != seen {
				t.Errorf("requests continued after cancellation: %d then %d", seen, n)
			}
			if seen > DefaultConcurrency {
				t.Errorf("%d requests started, want at most one round of %d", seen, DefaultConcurrency)
			}
		})
	}
	t.Run("already cancelled", func(t *testing.T) {
		t.Parallel()
		f, srv := newFake(t, 4)
		ctx, cancel := context.WithCancel(context.Background())
		cancel()
		if _, err := mustOpenAI(t, testConfig(srv)).Embed(ctx, []string{"a"}); !errors.Is(err, context.Canceled) {
			t.Errorf("err = %v, want context.Canceled", err)
		}
		if f.requestCount() != 0 {
			t.Errorf("%d requests sent with a cancelled context", f.requestCount())
		}
	})
}

func TestOpenAIConcurrencyBound(t *testing.T) {
	t.Parallel()
	for _, limit := range []int{1, 3} {
		t.Run(fmt.Sprint(limit), func(t *testing.T) {
			t.Parallel()
			f, srv := newFake(t, 4)
			f.delay = 20 * time.Millisecond
			cfg := testConfig(srv)
			cfg.MaxBatch, cfg.Concurrency = 1, limit
			in := texts(12, func(i int) string { return fmt.Sprint("t", i) })
			got, err := mustOpenAI(t, cfg).Embed(context.Background(), in)
			if err != nil {
				t.Fatal(err)
			}
			checkVectors(t, in, got, 4)
			if m := int(f.maxFlight.Load()); m != limit {
				t.Errorf("max requests in flight = %d, want exactly %d", m, limit)
			}
		})
	}
}

func TestOpenAIFailingBatchCancelsTheRest(t *testing.T) {
	t.Parallel()
	f, srv := newFake(t, 4)
	f.delay = 50 * time.Millisecond
	f.hook = func(w http.ResponseWriter, _ *http.Request, _ int, in []string) bool {
		if in[0] == "bad" {
			apiError(w, 400, "invalid_request_error", "bad input")
			return true
		}
		return false
	}
	cfg := testConfig(srv)
	cfg.MaxBatch, cfg.Concurrency = 1, 2
	in := append([]string{"bad"}, texts(20, func(i int) string { return fmt.Sprint(i) })...)
	_, err := mustOpenAI(t, cfg).Embed(context.Background(), in)
	if err == nil || !strings.Contains(err.Error(), "embed batch 1/21") {
		t.Fatalf("err = %v, want batch 1/21 to fail", err)
	}
	if n := f.requestCount(); n > 3 {
		t.Errorf("%d requests sent after the first batch failed", n)
	}
}

func TestOpenAIEmptyInput(t *testing.T) {
	t.Parallel()
	f, srv := newFake(t, 4)
	o := mustOpenAI(t, testConfig(srv))
	got, err := o.Embed(context.Background(), nil)
	if err != nil || len(got) != 0 || f.requestCount() != 0 {
		t.Errorf("Embed(nil) = %v, %v after %d requests; want nothing, no request", got, err, f.requestCount())
	}
	_, err = o.Embed(context.Background(), []string{"a", "", "b"})
	if err == nil || !strings.Contains(err.Error(), "text 1 of 3 is empty") || f.requestCount() != 0 {
		t.Errorf("Embed with an empty text: %v after %d requests; want an error naming text 1, no request", err, f.requestCount())
	}
}

func TestNewOpenAIConfig(t *testing.T) {
	base := OpenAIConfig{Model: "m"}
	cases := []struct {
		name    string
		mod     func(*OpenAIConfig)
		wantErr string
	}{
		{"defaults", func(*OpenAIConfig) {}, ""},
		{"no model", func(c *OpenAIConfig) { c.Model = "" }, "no model"},
		{"bad url", func(c *OpenAIConfig) { c.BaseURL = "localhost:11434/v1" }, "base URL"},
		{"url without host", func(c *OpenAIConfig) { c.BaseURL = "http:///v1" }, "base URL"},
		{"negative dim", func(c *OpenAIConfig) { c.Dim = -1 }, "Dim"},
		{"negative batch", func(c *OpenAIConfig) { c.MaxBatch = -1 }, "MaxBatch"},
		{"negative concurrency", func(c *OpenAIConfig) { c.Concurrency = -2 }, "Concurrency"},
		{"backoff inverted", func(c *OpenAIConfig) { c.BackoffMin, c.BackoffMax = time.Second, time.Millisecond }, "BackoffMax"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			cfg := base
			c.mod(&cfg)
			o, err := NewOpenAI(cfg)
			if c.wantErr != "" {
				if err == nil || !strings.Contains(err.Error(), c.wantErr) {
					t.Errorf("err = %v, want it to mention %q", err, c.wantErr)
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			want := OpenAIConfig{
				Model: "m", MaxBatch: DefaultMaxBatch, MaxBatchTokens: DefaultMaxBatchTokens,
				Concurrency: DefaultConcurrency, Timeout: DefaultTimeout, MaxRetries: DefaultMaxRetries,
				BackoffMin: DefaultBackoffMin, BackoffMax: DefaultBackoffMax,
			}
			got := o.cfg
			got.Logger = nil
			if got != want {
				t.Errorf("config = %+v, want %+v", got, want)
			}
			if o.Model() != "m" || o.Dim() != 0 {
				t.Errorf("Model, Dim = %q, %d", o.Model(), o.Dim())
			}
		})
	}
}

func TestOpenAIDoesNotModifyCallersClient(t *testing.T) {
	hc := &http.Client{Timeout: time.Hour}
	if _, err := NewOpenAI(OpenAIConfig{Model: "m", HTTPClient: hc, Timeout: time.Second}); err != nil {
		t.Fatal(err)
	}
	if hc.Timeout != time.Hour || hc.Transport != nil {
		t.Errorf("caller's client changed: %+v", hc)
	}
}

func TestOpenAILogsRetries(t *testing.T) {
	t.Parallel()
	f, srv := newFake(t, 4)
	f.hook = func(w http.ResponseWriter, _ *http.Request, n int, _ []string) bool {
		if n > 1 {
			return false
		}
		apiError(w, 502, "server_error", "bad gateway")
		return true
	}
	var buf syncBuffer
	cfg := testConfig(srv)
	cfg.Logger = slog.New(slog.NewTextHandler(&buf, nil))
	if _, err := mustOpenAI(t, cfg).Embed(context.Background(), []string{"a"}); err != nil {
		t.Fatal(err)
	}
	if s := buf.String(); !strings.Contains(s, "retrying") || !strings.Contains(s, "status=502") || !strings.Contains(s, fakeModel) {
		t.Errorf("log = %q, want a retry warning with the status and model", s)
	}
}

type syncBuffer struct {
	mu sync.Mutex
	b  bytes.Buffer
}

func (s *syncBuffer) Write(p []byte) (int, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.Write(p)
}

func (s *syncBuffer) String() string {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.String()
}

func TestProbeDim(t *testing.T) {
	t.Parallel()
	f, srv := newFake(t, 24)
	o := mustOpenAI(t, testConfig(srv))
	for range 2 { // the second call must not ask the server again
		d, err := ProbeDim(context.Background(), o)
		if err != nil || d != 24 {
			t.Fatalf("ProbeDim = %d, %v; want 24", d, err)
		}
	}
	if n := f.requestCount(); n != 1 {
		t.Errorf("server saw %d requests, want 1", n)
	}
	if d, err := ProbeDim(context.Background(), NewLocal(0, nil)); err != nil || d != DefaultLocalDim {
		t.Errorf("ProbeDim(local) = %d, %v", d, err)
	}

	f.hook = func(w http.ResponseWriter, _ *http.Request, _ int, _ []string) bool {
		apiError(w, 401, "invalid_request_error", "Incorrect API key provided")
		return true
	}
	if _, err := ProbeDim(context.Background(), mustOpenAI(t, testConfig(srv))); err == nil || !strings.Contains(err.Error(), "probe the dimension of \""+fakeModel) {
		t.Errorf("err = %v, want a probe error naming the model", err)
	}
}
