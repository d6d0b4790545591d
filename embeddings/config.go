package embeddings

import (
	"context"
	"fmt"
	"log/slog"
	"net/http"

	"grader/modelapi"
	"grader/token"
)

// Environment variables of the embedder (modelapi reads them).
const (
	EnvModel   = modelapi.EnvEmbedModel // set: use an OpenAI-compatible endpoint with this model
	EnvDim     = modelapi.EnvEmbedDim   // vector length: expected (OpenAI) or produced (local)
	EnvBatch   = modelapi.EnvEmbedBatch // texts per request (OpenAI)
	EnvBaseURL = modelapi.EnvBaseURL
	EnvAPIKey  = modelapi.EnvAPIKey
)

// FromEnv reads the model configuration through getenv and chooses the
// embedder (see New); the retrying client is the embedder's own.
func FromEnv(getenv func(string) string, g *token.Glossary, logger *slog.Logger) (Embedder, error) {
	cfg, err := modelapi.FromEnv(getenv)
	if err != nil {
		return nil, err
	}
	return New(cfg, nil, g, logger)
}

// New chooses the embedder from the configuration.
//
// With an embedding model configured it returns an OpenAI-compatible
// embedder for that model at the configured endpoint, with EmbedDim as the
// expected dimension (default: learnt from the first response) and EmbedBatch
// texts per request (default 64), sending through hc, the retrying client
// shared with the other model users (nil: one of its own).
//
// Without one, it returns the local hashing embedder, which needs nothing;
// its dimension is EmbedDim or 384. g is used by the local embedder only;
// logger may be nil.
func New(cfg modelapi.Config, hc *http.Client, g *token.Glossary, logger *slog.Logger) (Embedder, error) {
	if logger == nil {
		logger = slog.New(slog.DiscardHandler)
	}
	if cfg.EmbedModel == "" {
		l := NewLocal(cfg.EmbedDim, g)
		logger.Debug("embedder: local hashing", "model", l.Model(), "dim", l.Dim())
		return l, nil
	}
	o, err := NewOpenAI(OpenAIConfig{
		BaseURL:  cfg.Endpoint.BaseURL,
		APIKey:   cfg.Endpoint.APIKey,
		Model:    cfg.EmbedModel,
		Dim:      cfg.EmbedDim,
		MaxBatch: cfg.EmbedBatch,
		Client:   hc,
		Logger:   logger,
	})
	if err != nil {
		return nil, fmt.Errorf("embedder from %s/%s: %w", EnvModel, EnvBaseURL, err)
	}
	logger.Info("embedder: OpenAI-compatible", "model", cfg.EmbedModel, "base_url", cfg.Endpoint.URL(), "dim", cfg.EmbedDim, "batch", o.cfg.MaxBatch)
	return o, nil
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
