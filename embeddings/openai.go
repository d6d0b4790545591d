package embeddings

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"net/http"
	"net/url"
	"slices"
	"sync/atomic"
	"time"
	"unicode/utf8"

	openai "github.com/sashabaranov/go-openai"
	"golang.org/x/sync/errgroup"

	"grader/modelapi"
)

// Defaults of OpenAIConfig.
const (
	DefaultMaxBatch       = 64
	DefaultMaxBatchTokens = 8000
	DefaultConcurrency    = 4
	DefaultTimeout        = 60 * time.Second
	DefaultMaxRetries     = 4
	DefaultBackoffMin     = 500 * time.Millisecond
	DefaultBackoffMax     = 30 * time.Second
)

// OpenAIConfig configures an embedder for any endpoint that speaks the OpenAI
// embeddings API (OpenAI, Azure-compatible proxies, Ollama, vLLM, LocalAI...).
// Zero values mean the defaults above.
type OpenAIConfig struct {
	// BaseURL is the API root including the version, e.g.
	// "http://localhost:11434/v1"; requests go to BaseURL+"/embeddings".
	// Empty means https://api.openai.com/v1.
	BaseURL string
	APIKey  string
	Model   string // required, e.g. "text-embedding-3-small"

	// Dim is the expected vector length; 0 learns it from the first response.
	// It is only checked, not sent as the API's "dimensions" parameter, because
	// models and servers that do not know that parameter reject the request.
	Dim int

	MaxBatch int // inputs per request
	// MaxBatchTokens bounds the estimated tokens of one request (see
	// estimateTokens). A single text above it is sent alone, not truncated:
	// the server decides whether it fits the model.
	MaxBatchTokens int
	Concurrency    int // requests in flight at once

	// Timeout bounds one HTTP attempt; a timed-out attempt is retried like a
	// connection error. The ctx passed to Embed bounds the whole call.
	Timeout time.Duration
	// MaxRetries is the number of retries after the first attempt of a
	// request; negative disables retrying.
	MaxRetries int
	// BackoffMin and BackoffMax bound the exponential backoff between
	// retries (jittered). A Retry-After from the server takes precedence.
	BackoffMin, BackoffMax time.Duration

	// HTTPClient supplies the transport (proxies, TLS, tests); its Timeout is
	// replaced by Timeout and the client itself is not modified.
	HTTPClient *http.Client
	// Client, when set, is a retrying client shared with the other model
	// users (modelapi.NewHTTPClient); it is used as it is, and Timeout,
	// MaxRetries, the backoff bounds and HTTPClient do not apply.
	Client *http.Client
	Logger *slog.Logger
}

// OpenAI embeds texts through an OpenAI-compatible /embeddings endpoint. It
// splits the texts into batches by count and by estimated tokens, sends up to
// Concurrency batches at once, retries rate limits, server errors and broken
// connections, and returns unit vectors in input order.
//
// It is safe for concurrent use.
type OpenAI struct {
	cfg    OpenAIConfig
	client *openai.Client
	log    *slog.Logger
	dim    atomic.Int64 // 0 until known
}

var _ Embedder = (*OpenAI)(nil)

// NewOpenAI validates cfg, fills in defaults and returns the embedder. It does
// not contact the server.
func NewOpenAI(cfg OpenAIConfig) (*OpenAI, error) {
	if cfg.Model == "" {
		return nil, errors.New("openai embedder: no model given")
	}
	if cfg.BaseURL != "" {
		u, err := url.Parse(cfg.BaseURL)
		if err != nil || (u.Scheme != "http" && u.Scheme != "https") || u.Host == "" {
			return nil, fmt.Errorf("openai embedder: base URL %q is not an http(s) URL", cfg.BaseURL)
		}
	}
	for _, f := range []struct {
		name string
		v    int64
	}{
		{"Dim", int64(cfg.Dim)},
		{"MaxBatch", int64(cfg.MaxBatch)},
		{"MaxBatchTokens", int64(cfg.MaxBatchTokens)},
		{"Concurrency", int64(cfg.Concurrency)},
		{"Timeout", int64(cfg.Timeout)},
		{"BackoffMin", int64(cfg.BackoffMin)},
		{"BackoffMax", int64(cfg.BackoffMax)},
	} {
		if f.v < 0 {
			return nil, fmt.Errorf("openai embedder: %s must not be negative, got %d", f.name, f.v)
		}
	}
	setDefault(&cfg.MaxBatch, DefaultMaxBatch)
	setDefault(&cfg.MaxBatchTokens, DefaultMaxBatchTokens)
	setDefault(&cfg.Concurrency, DefaultConcurrency)
	setDefault(&cfg.Timeout, DefaultTimeout)
	setDefault(&cfg.BackoffMin, DefaultBackoffMin)
	setDefault(&cfg.BackoffMax, DefaultBackoffMax)
	switch {
	case cfg.MaxRetries == 0:
		cfg.MaxRetries = DefaultMaxRetries
	case cfg.MaxRetries < 0:
		cfg.MaxRetries = 0
	}
	if cfg.BackoffMax < cfg.BackoffMin {
		return nil, fmt.Errorf("openai embedder: BackoffMax %v is below BackoffMin %v", cfg.BackoffMax, cfg.BackoffMin)
	}
	if cfg.Logger == nil {
		cfg.Logger = slog.New(slog.DiscardHandler)
	}

	o := &OpenAI{cfg: cfg, log: cfg.Logger.With("embed_model", cfg.Model)}
	o.dim.Store(int64(cfg.Dim))
	o.client = openai.NewClientWithConfig(modelapi.OpenAIConfig(modelapi.Endpoint{BaseURL: cfg.BaseURL, APIKey: cfg.APIKey}, o.retryingClient()))
	return o, nil
}

func setDefault[T int | time.Duration](p *T, def T) {
	if *p == 0 {
		*p = def
	}
}

// Model returns the configured model name.
func (o *OpenAI) Model() string { return o.cfg.Model }

// Dim returns the vector length: OpenAIConfig.Dim, or when that was 0, the
// length the server returned first; 0 until then.
func (o *OpenAI) Dim() int { return int(o.dim.Load()) }

// Embed returns one unit vector per text, in the order given. On error no
// vectors are returned; batches still in flight are cancelled.
func (o *OpenAI) Embed(ctx context.Context, texts []string) ([][]float32, error) {
	if len(texts) == 0 {
		return [][]float32{}, nil
	}
	// The API rejects a whole request for one empty input with a vague
	// "'$.input' is invalid"; say which text it was before sending anything.
	if i := slices.Index(texts, ""); i >= 0 {
		return nil, fmt.Errorf("embed with model %q: text %d of %d is empty", o.cfg.Model, i, len(texts))
	}
	batches := planBatches(texts, o.cfg.MaxBatch, o.cfg.MaxBatchTokens)
	out := make([][]float32, len(texts))
	g, gctx := errgroup.WithContext(ctx)
	g.SetLimit(o.cfg.Concurrency)
	started := 0
	for i, b := range batches {
		if gctx.Err() != nil {
			break // a batch failed or ctx is done: start no more
		}
		started++
		g.Go(func() error {
			vecs, err := o.embedBatch(gctx, texts[b.start:b.end])
			if err != nil {
				return fmt.Errorf("embed batch %d/%d (%d texts) with model %q: %w",
					i+1, len(batches), b.end-b.start, o.cfg.Model, err)
			}
			copy(out[b.start:b.end], vecs)
			return nil
		})
	}
	if err := g.Wait(); err != nil {
		return nil, err
	}
	if started < len(batches) {
		// No batch failed, so ctx itself ended before all were started.
		return nil, fmt.Errorf("embed %d texts with model %q: %w", len(texts), o.cfg.Model, ctx.Err())
	}
	return out, nil
}

func (o *OpenAI) embedBatch(ctx context.Context, inputs []string) ([][]float32, error) {
	if err := ctx.Err(); err != nil {
		return nil, err // another batch failed while this one waited for a slot
	}
	ctx, attempts := modelapi.CountAttempts(ctx)
	// EmbeddingRequest rather than EmbeddingRequestStrings: the latter always
	// sends "user":"", which some compatible servers reject. go-openai sends no
	// encoding_format, so the server answers with plain float arrays.
	resp, err := o.client.CreateEmbeddings(ctx, openai.EmbeddingRequest{
		Input: inputs,
		Model: openai.EmbeddingModel(o.cfg.Model),
	})
	if err != nil {
		if n := attempts.Load(); n > 1 {
			return nil, fmt.Errorf("after %d attempts: %w", n, err)
		}
		return nil, err
	}
	o.log.Debug("embedded batch", "texts", len(inputs), "prompt_tokens", resp.Usage.PromptTokens, "attempts", attempts.Load())

	if len(resp.Data) != len(inputs) {
		return nil, fmt.Errorf("server returned %d embeddings for %d inputs", len(resp.Data), len(inputs))
	}
	// Map by index, not by position: the API does not promise response order.
	out := make([][]float32, len(inputs))
	for _, d := range resp.Data {
		if d.Index < 0 || d.Index >= len(inputs) {
			return nil, fmt.Errorf("server returned embedding index %d for %d inputs", d.Index, len(inputs))
		}
		if out[d.Index] != nil {
			return nil, fmt.Errorf("server returned embedding index %d twice", d.Index)
		}
		if err := o.checkDim(len(d.Embedding)); err != nil {
			return nil, fmt.Errorf("input %d: %w", d.Index, err)
		}
		if !normalize(d.Embedding) {
			return nil, fmt.Errorf("input %d: server returned a zero or non-finite vector", d.Index)
		}
		out[d.Index] = d.Embedding
	}
	return out, nil
}

// checkDim learns the dimension from the first vector seen (when not
// configured) and holds every later vector to it: vectors of two lengths
// cannot share a pgvector column.
func (o *OpenAI) checkDim(n int) error {
	if n == 0 {
		return errors.New("server returned an empty vector")
	}
	if o.dim.CompareAndSwap(0, int64(n)) {
		o.log.Info("learned embedding dimension", "dim", n)
		return nil
	}
	if want := o.dim.Load(); int64(n) != want {
		return fmt.Errorf("model %q returned a %d-dimensional vector, want %d", o.cfg.Model, n, want)
	}
	return nil
}

// span is a batch: texts[start:end].
type span struct{ start, end int }

// planBatches cuts texts into consecutive batches of at most maxCount texts and
// maxTokens estimated tokens. A text estimated above maxTokens forms a batch
// of its own.
func planBatches(texts []string, maxCount, maxTokens int) []span {
	var out []span
	cur, tokens := span{}, 0
	for i, t := range texts {
		n := estimateTokens(t)
		if cur.end > cur.start && (cur.end-cur.start >= maxCount || tokens+n > maxTokens) {
			out = append(out, cur)
			cur, tokens = span{start: i, end: i}, 0
		}
		cur.end = i + 1
		tokens += n
	}
	return append(out, cur)
}

// estimateTokens guesses, on the high side, how many tokens a BPE tokenizer
// (cl100k, o200k and their kin) makes of s, without shipping a tokenizer:
//
//   - ASCII counts a third of a token per byte. English prose averages about
//     four characters a token; code, numbers and punctuation run shorter.
//   - Every other rune counts as a whole token. cl100k spends about one token
//     per Hangul syllable (o200k less), and rare syllables or symbols fall
//     back to byte tokens, which is what makes this only an estimate.
//
// Over-estimating merely makes batches smaller; under-estimating would get
// requests rejected. One token is added per input for the separator.
func estimateTokens(s string) int {
	ascii, other := 0, 0
	for i := 0; i < len(s); {
		if s[i] < utf8.RuneSelf {
			ascii++
			i++
			continue
		}
		_, size := utf8.DecodeRuneInString(s[i:])
		other++
		i += size
	}
	return (ascii+2)/3 + other + 1
}

// retryingClient is cfg.Client when the caller shares one, else a client of
// its own with the configured retries (the same implementation).
func (o *OpenAI) retryingClient() *http.Client {
	if o.cfg.Client != nil {
		return o.cfg.Client
	}
	return modelapi.NewHTTPClient(modelapi.RetryPolicy{
		MaxRetries: o.cfg.MaxRetries, BackoffMin: o.cfg.BackoffMin, BackoffMax: o.cfg.BackoffMax, AttemptTimeout: o.cfg.Timeout,
	}, o.cfg.HTTPClient, o.log)
}
