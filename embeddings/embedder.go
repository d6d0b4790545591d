// Package embeddings turns texts into vectors: a deterministic local hashing
// embedder (the default, no network) or any OpenAI-compatible endpoint.
package embeddings

import "context"

// Embedder embeds texts. Implementations are safe for concurrent use.
type Embedder interface {
	// Model names the model; vectors of different models are never compared.
	Model() string
	// Dim is the length of every vector Embed returns.
	Dim() int
	// Embed returns one unit-length vector per text, in the order given.
	Embed(ctx context.Context, texts []string) ([][]float32, error)
}
