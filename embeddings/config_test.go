package embeddings

import (
	"strings"
	"testing"

	"grader/token"
)

func TestFromEnv(t *testing.T) {
	cases := []struct {
		name      string
		env       map[string]string
		wantLocal bool
		wantModel string // prefix
		wantDim   int
		wantBatch int
		wantErr   []string
	}{
		{name: "nothing set", env: nil, wantLocal: true, wantModel: "local-hash-v1-384-g", wantDim: 384},
		{name: "local with dim", env: map[string]string{EnvDim: "1024"}, wantLocal: true, wantModel: "local-hash-v1-1024-g", wantDim: 1024},
		{name: "local checks batch too", env: map[string]string{EnvBatch: "oops"}, wantErr: []string{EnvBatch, "oops"}},
		{name: "zero means default", env: map[string]string{EnvDim: "0", EnvBatch: "0"}, wantLocal: true, wantModel: "local-hash-v1-384", wantDim: 384},
		{name: "blank model is local", env: map[string]string{EnvModel: "  "}, wantLocal: true, wantModel: "local-hash-v1-384", wantDim: 384},
		{
			name:      "openai defaults",
			env:       map[string]string{EnvModel: "text-embedding-3-small", EnvAPIKey: "sk-x"},
			wantModel: "text-embedding-3-small", wantDim: 0, wantBatch: DefaultMaxBatch,
		},
		{
			name: "local server, no key, dim and batch",
			env: map[string]string{
				EnvModel: "bge-m3", EnvBaseURL: "http://localhost:11434/v1", EnvDim: " 1024 ", EnvBatch: "16",
			},
			wantModel: "bge-m3", wantDim: 1024, wantBatch: 16,
		},
		{name: "bad dim", env: map[string]string{EnvDim: "384d"}, wantErr: []string{EnvDim, "384d"}},
		{name: "negative dim", env: map[string]string{EnvModel: "m", EnvAPIKey: "k", EnvDim: "-1"}, wantErr: []string{EnvDim}},
		{name: "float dim", env: map[string]string{EnvDim: "1.5"}, wantErr: []string{EnvDim}},
		{name: "negative batch", env: map[string]string{EnvModel: "m", EnvAPIKey: "k", EnvBatch: "-4"}, wantErr: []string{EnvBatch, "-4"}},
		{name: "bad batch", env: map[string]string{EnvModel: "m", EnvAPIKey: "k", EnvBatch: "lots"}, wantErr: []string{EnvBatch}},
		{name: "openai.com without key", env: map[string]string{EnvModel: "m"}, wantErr: []string{EnvAPIKey}},
		{name: "bad base url", env: map[string]string{EnvModel: "m", EnvBaseURL: "localhost:8080"}, wantErr: []string{EnvBaseURL, "localhost:8080"}},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			getenv := func(k string) string { return c.env[k] }
			e, err := FromEnv(getenv, token.DefaultGlossary(), nil)
			if c.wantErr != nil {
				if err == nil {
					t.Fatalf("FromEnv = %s, want an error", e.Model())
				}
				for _, s := range c.wantErr {
					if !strings.Contains(err.Error(), s) {
						t.Errorf("error %q does not mention %q", err, s)
					}
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			if !strings.HasPrefix(e.Model(), c.wantModel) || e.Dim() != c.wantDim {
				t.Errorf("Model, Dim = %q, %d; want %q…, %d", e.Model(), e.Dim(), c.wantModel, c.wantDim)
			}
			switch e := e.(type) {
			case *Local:
				if !c.wantLocal {
					t.Error("got the local embedder")
				}
			case *OpenAI:
				if c.wantLocal {
					t.Error("got the OpenAI embedder")
				}
				if e.cfg.MaxBatch != c.wantBatch || e.cfg.APIKey != c.env[EnvAPIKey] || e.cfg.BaseURL != c.env[EnvBaseURL] {
					t.Errorf("config = %+v", e.cfg)
				}
			default:
				t.Errorf("unexpected embedder %T", e)
			}
		})
	}
}
