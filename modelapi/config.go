// Package modelapi holds what every user of an OpenAI-compatible model
// server shares: the settings (read once, from the environment) and the one
// retrying HTTP client that the embedder, the LLM judge and transcription
// send their requests through.
package modelapi

import (
	"fmt"
	"net/url"
	"strconv"
	"strings"
	"time"
)

// Environment variables read by FromEnv (documented in the README).
const (
	EnvBaseURL            = "OPENAI_BASE_URL" // API root with version, e.g. http://localhost:11434/v1
	EnvAPIKey             = "OPENAI_API_KEY"
	EnvChatModel          = "GRADER_CHAT_MODEL"
	EnvLLMSamples         = "GRADER_LLM_SAMPLES"
	EnvEmbedModel         = "GRADER_EMBED_MODEL"
	EnvEmbedDim           = "GRADER_EMBED_DIM"
	EnvEmbedBatch         = "GRADER_EMBED_BATCH"
	EnvTranscribeModel    = "GRADER_TRANSCRIBE_MODEL"
	EnvTranscribeBaseURL  = "GRADER_TRANSCRIBE_BASE_URL" // default OPENAI_BASE_URL: some servers that chat cannot transcribe
	EnvTranscribeAPIKey   = "GRADER_TRANSCRIBE_API_KEY"  // default OPENAI_API_KEY
	EnvTimeout            = "GRADER_MODEL_TIMEOUT"       // one HTTP attempt, e.g. 120s
	EnvMaxRetries         = "GRADER_MODEL_RETRIES"       // retries after the first attempt
	DefaultTimeout        = 120 * time.Second            // local models on a CPU are slow
	DefaultMaxRetries     = 3
	maxLLMSamples         = 9
	defaultOpenAIEndpoint = "https://api.openai.com/v1"
)

// Endpoint is where a model is served.
type Endpoint struct {
	BaseURL string // empty: api.openai.com
	APIKey  string
}

// URL is the base URL requests go to.
func (e Endpoint) URL() string {
	if e.BaseURL == "" {
		return defaultOpenAIEndpoint
	}
	return e.BaseURL
}

// Config is every model setting of the service. A model left empty is not
// used: the offline judge grades, the local embedder embeds, and spoken
// answers need the browser's own speech recognition.
type Config struct {
	Endpoint Endpoint

	ChatModel  string
	LLMSamples int // 0: one sample

	EmbedModel string
	EmbedDim   int // 0: the local embedder's default, or learnt from a remote model
	EmbedBatch int // 0: the embedder's default

	TranscribeModel    string
	TranscribeEndpoint Endpoint // defaults to Endpoint, field by field

	Timeout    time.Duration // one HTTP attempt
	MaxRetries int           // after the first attempt; -1 never retries
}

// FromEnv reads the configuration through getenv (os.Getenv, or a map in
// tests). A malformed number or URL, or a model on api.openai.com without a
// key, is an error naming the variable; nothing is contacted.
func FromEnv(getenv func(string) string) (Config, error) {
	get := func(k string) string { return strings.TrimSpace(getenv(k)) }
	c := Config{
		Endpoint:        Endpoint{BaseURL: strings.TrimRight(get(EnvBaseURL), "/"), APIKey: get(EnvAPIKey)},
		ChatModel:       get(EnvChatModel),
		EmbedModel:      get(EnvEmbedModel),
		TranscribeModel: get(EnvTranscribeModel),
		Timeout:         DefaultTimeout,
		MaxRetries:      DefaultMaxRetries,
	}
	c.TranscribeEndpoint = Endpoint{BaseURL: strings.TrimRight(get(EnvTranscribeBaseURL), "/"), APIKey: get(EnvTranscribeAPIKey)}
	if c.TranscribeEndpoint.BaseURL == "" {
		c.TranscribeEndpoint.BaseURL = c.Endpoint.BaseURL
	}
	if c.TranscribeEndpoint.APIKey == "" {
		c.TranscribeEndpoint.APIKey = c.Endpoint.APIKey
	}
	var err error
	// Numbers are checked even where unused, so that a typo surfaces now and
	// not when someone switches models.
	if c.EmbedDim, err = count(get, EnvEmbedDim); err != nil {
		return c, err
	}
	if c.EmbedBatch, err = count(get, EnvEmbedBatch); err != nil {
		return c, err
	}
	if c.LLMSamples, err = count(get, EnvLLMSamples); err != nil {
		return c, err
	}
	if c.LLMSamples > maxLLMSamples {
		return c, fmt.Errorf("%s=%d: at most %d samples", EnvLLMSamples, c.LLMSamples, maxLLMSamples)
	}
	if v := get(EnvTimeout); v != "" {
		d, err := time.ParseDuration(v)
		if err != nil || d <= 0 {
			return c, fmt.Errorf("%s=%q: want a duration such as 90s or 2m", EnvTimeout, v)
		}
		c.Timeout = d
	}
	if v := get(EnvMaxRetries); v != "" {
		n, err := strconv.Atoi(v)
		if err != nil || n < 0 || n > 10 {
			return c, fmt.Errorf("%s=%q: want a number of retries from 0 to 10", EnvMaxRetries, v)
		}
		c.MaxRetries = n
		if n == 0 {
			c.MaxRetries = -1
		}
	}
	for _, u := range []struct{ env, v string }{{EnvBaseURL, c.Endpoint.BaseURL}, {EnvTranscribeBaseURL, get(EnvTranscribeBaseURL)}} {
		if u.v == "" {
			continue
		}
		p, err := url.Parse(u.v)
		if err != nil || (p.Scheme != "http" && p.Scheme != "https") || p.Host == "" {
			return c, fmt.Errorf("%s=%q is not an http(s) URL", u.env, u.v)
		}
	}
	for _, m := range []struct {
		env, model string
		e          Endpoint
		baseEnv    string
	}{
		{EnvChatModel, c.ChatModel, c.Endpoint, EnvBaseURL},
		{EnvEmbedModel, c.EmbedModel, c.Endpoint, EnvBaseURL},
		{EnvTranscribeModel, c.TranscribeModel, c.TranscribeEndpoint, EnvTranscribeBaseURL},
	} {
		if m.model != "" && m.e.BaseURL == "" && m.e.APIKey == "" {
			return c, fmt.Errorf("%s=%s uses api.openai.com, which needs %s (or set %s to a local server)", m.env, m.model, EnvAPIKey, m.baseEnv)
		}
	}
	return c, nil
}

// count reads an optional count; unset, blank and 0 all mean the default.
func count(get func(string) string, name string) (int, error) {
	v := get(name)
	if v == "" {
		return 0, nil
	}
	n, err := strconv.Atoi(v)
	if err != nil || n < 0 {
		return 0, fmt.Errorf("%s=%q: want a positive integer (or 0 for the default)", name, v)
	}
	return n, nil
}
