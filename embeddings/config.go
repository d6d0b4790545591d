package embeddings

import (
	"context"
	"fmt"
	"log/slog"
	"strconv"
	"strings"

	"grader/token"
)

// Environment variables read by FromEnv.
const (
	EnvModel   = "GRADER_EMBED_MODEL" // set: use an OpenAI-compatible endpoint with this model
	EnvDim     = "GRADER_EMBED_DIM"   // vector length: expected (OpenAI) or produced (local)
	EnvBatch   = "GRADER_EMBED_BATCH" // texts per request (OpenAI)
	EnvBaseURL = "OPENAI_BASE_URL"    // API root with version, e.g. http://localhost:11434/v1
	EnvAPIKey  = "OPENAI_API_KEY"
)

// FromEnv chooses the embedder from the environment, read through getenv (so
// that tests and callers can pass os.Getenv or a map).
//
// With GRADER_EMBED_MODEL set it returns an OpenAI-compatible embedder for that
// model at OPENAI_BASE_URL (default api.openai.com, which then needs
// OPENAI_API_KEY; local servers usually take any key or none), with
// GRADER_EMBED_DIM as the expected dimension (default: learnt from the first
// response) and GRADER_EMBED_BATCH texts per request (default 64).
//
// Without it, it returns the local hashing embedder, which needs nothing; its
// dimension is GRADER_EMBED_DIM or 384.
//
// A malformed or negative number is an error naming the variable; 0 means the
// default. g is used by the local
// embedder only; logger may be nil.
func FromEnv(getenv func(string) string, g *token.Glossary, logger *slog.Logger) (Embedder, error) {
	if logger == nil {
		logger = slog.New(slog.DiscardHandler)
	}
	// Numbers are checked even where unused, so that a typo surfaces now and
	// not when someone switches embedders.
	dim, err := intEnv(getenv, EnvDim)
	if err != nil {
		return nil, err
	}
	batch, err := intEnv(getenv, EnvBatch)
	if err != nil {
		return nil, err
	}
	model := strings.TrimSpace(getenv(EnvModel))
	if model == "" {
		l := NewLocal(dim, g)
		logger.Debug("embedder: local hashing", "model", l.Model(), "dim", l.Dim())
		return l, nil
	}

	baseURL := strings.TrimSpace(getenv(EnvBaseURL))
	key := strings.TrimSpace(getenv(EnvAPIKey))
	if baseURL == "" && key == "" {
		return nil, fmt.Errorf("%s=%s uses api.openai.com, which needs %s (or set %s to a local server)",
			EnvModel, model, EnvAPIKey, EnvBaseURL)
	}
	o, err := NewOpenAI(OpenAIConfig{
		BaseURL:  baseURL,
		APIKey:   key,
		Model:    model,
		Dim:      dim,
		MaxBatch: batch,
		Logger:   logger,
	})
	if err != nil {
		return nil, fmt.Errorf("embedder from %s/%s: %w", EnvModel, EnvBaseURL, err)
	}
	if baseURL == "" {
		baseURL = "https://api.openai.com/v1"
	}
	logger.Info("embedder: OpenAI-compatible", "model", model, "base_url", baseURL, "dim", dim, "batch", o.cfg.MaxBatch)
	return o, nil
}

// intEnv reads an optional count; unset, blank and 0 all mean the default.
func intEnv(getenv func(string) string, name string) (int, error) {
	v := strings.TrimSpace(getenv(name))
	if v == "" {
		return 0, nil
	}
	n, err := strconv.Atoi(v)
	if err != nil || n < 0 {
		return 0, fmt.Errorf("%s=%q: want a positive integer (or 0 for the default)", name, v)
	}
	return n, nil
}

// ProbeDim returns e.Dim(), first embedding a one-word probe when the
// dimension is not known yet: an OpenAI embedder configured without a
// dimension only learns it from its first response. Call it before creating a
// vector column or index for e.Model().
func ProbeDim(ctx context.Context, e Embedder) (int, error) {
	if d := e.Dim(); d > 0 {
		return d, nil
	}
	vs, err := e.Embed(ctx, []string{"dimension probe"})
	if err != nil {
		return 0, fmt.Errorf("probe the dimension of %q: %w", e.Model(), err)
	}
	if len(vs) != 1 || len(vs[0]) == 0 {
		return 0, fmt.Errorf("probe the dimension of %q: got %d vectors", e.Model(), len(vs))
	}
	if d := e.Dim(); d > 0 {
		return d, nil
	}
	return len(vs[0]), nil
}
