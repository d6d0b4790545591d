package speech

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"log/slog"
	"net/http"
	"strings"
	"unicode"

	openai "github.com/sashabaranov/go-openai"

	"grader/modelapi"
)

// Word is one transcribed word with its time in the audio, in seconds.
type Word struct {
	Text  string  `json:"word"`
	Start float64 `json:"start"`
	End   float64 `json:"end"`
}

// Transcript is what the server heard.
type Transcript struct {
	Text      string
	Language  string
	DurationS float64
	Words     []Word // empty when the server gives no word timestamps
}

// Transcriber transcribes audio with an OpenAI-compatible endpoint
// (speaches/faster-whisper-server, LocalAI, vLLM with a Whisper model,
// OpenAI itself). Ollama has none: the transcription endpoint is set apart
// from the chat one (GRADER_TRANSCRIBE_BASE_URL).
type Transcriber struct {
	client *openai.Client
	model  string
	log    *slog.Logger
}

// ErrNotConfigured means no transcription model is configured.
var ErrNotConfigured = errors.New("no transcription model configured (GRADER_TRANSCRIBE_MODEL): type the answer, or use the browser's speech recognition")

// NewTranscriber returns nil when cfg names no transcription model.
func NewTranscriber(cfg modelapi.Config, hc *http.Client, log *slog.Logger) *Transcriber {
	if cfg.TranscribeModel == "" {
		return nil
	}
	if log == nil {
		log = slog.New(slog.DiscardHandler)
	}
	return &Transcriber{client: openai.NewClientWithConfig(modelapi.OpenAIConfig(cfg.TranscribeEndpoint, hc)), model: cfg.TranscribeModel, log: log}
}

// Model names the transcription model.
func (t *Transcriber) Model() string { return t.model }

// Transcribe sends the audio with a language hint ("ko", "en" or "") and a
// prompt (a sample of the notes' own words, so that technical terms come out
// right). It asks for word timestamps (verbose_json) and, when the server
// refuses that format, asks again for plain JSON.
func (t *Transcriber) Transcribe(ctx context.Context, audio []byte, f Format, lang, prompt string) (Transcript, error) {
	req := openai.AudioRequest{
		Model: t.model, FilePath: "answer." + f.Ext, Reader: bytes.NewReader(audio),
		Prompt: prompt, Language: lang, Format: openai.AudioResponseFormatVerboseJSON,
		TimestampGranularities: []openai.TranscriptionTimestampGranularity{openai.TranscriptionTimestampGranularityWord, openai.TranscriptionTimestampGranularitySegment},
	}
	resp, err := t.client.CreateTranscription(ctx, req)
	var apiErr *openai.APIError
	if err != nil && errors.As(err, &apiErr) && apiErr.HTTPStatusCode >= 400 && apiErr.HTTPStatusCode < 500 && apiErr.HTTPStatusCode != http.StatusUnauthorized {
		// a server without verbose_json (or word timestamps): the text alone
		t.log.Info("transcription server refused verbose_json; asking for plain json", "err", err)
		req.Format, req.TimestampGranularities, req.Reader = openai.AudioResponseFormatJSON, nil, bytes.NewReader(audio)
		resp, err = t.client.CreateTranscription(ctx, req)
	}
	if err != nil {
		return Transcript{}, fmt.Errorf("transcribe with %s: %w", t.model, err)
	}
	out := Transcript{Text: strings.TrimSpace(resp.Text), Language: resp.Language, DurationS: resp.Duration}
	for _, w := range resp.Words {
		out.Words = append(out.Words, Word{Text: strings.TrimSpace(w.Word), Start: w.Start, End: w.End})
	}
	if out.DurationS == 0 {
		out.DurationS = f.DurationS
		if n := len(out.Words); n > 0 && out.Words[n-1].End > out.DurationS {
			out.DurationS = out.Words[n-1].End
		}
	}
	return out, nil
}

// LanguageOf is the transcription language hint for a question: Korean when
// it has Hangul, else English.
func LanguageOf(question string) string {
	for _, r := range question {
		if unicode.Is(unicode.Hangul, r) {
			return "ko"
		}
	}
	return "en"
}

// Prompt is a short sample in the notes' own mixed-script style ("NAT
// 게이트웨이, VPC, kubelet 같은 용어를 씁니다."): Whisper-style models take
// a prompt as text that came before, and spell what follows like it.
func Prompt(terms []string, lang string) string {
	var picked []string
	n := 0
	for _, t := range terms {
		t = strings.TrimSpace(t)
		if t == "" || n+len(t) > 180 {
			continue
		}
		picked = append(picked, t)
		n += len(t) + 2
	}
	if len(picked) == 0 {
		return ""
	}
	if lang == "ko" {
		return "면접 답변입니다. " + strings.Join(picked, ", ") + " 같은 용어를 씁니다."
	}
	return "An interview answer using terms such as " + strings.Join(picked, ", ") + "."
}
