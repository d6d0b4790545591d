package grader

import (
	"context"
	"errors"
	"fmt"
	"strings"
	"unicode"

	"grader/speech"
)

// Transcriber turns audio into a transcript (*speech.Transcriber).
type Transcriber interface {
	Transcribe(ctx context.Context, audio []byte, f speech.Format, lang, prompt string) (speech.Transcript, error)
}

// ErrNoTranscriber means no transcription model is configured.
var ErrNoTranscriber = speech.ErrNotConfigured

// ErrTranscription means the transcription server failed (after its
// retries, or with its circuit open): the answer can still be typed.
var ErrTranscription = errors.New("the transcription server failed; try again, or type the answer")

// WithTranscriber lets the service take spoken answers.
func (s *Service) WithTranscriber(t Transcriber) *Service {
	s.tr = t
	return s
}

// CanTranscribe tells whether spoken answers can be transcribed here.
func (s *Service) CanTranscribe() bool { return s.tr != nil }

// Transcribe checks an audio answer (sniffed from its bytes, at most 25 MB
// and ten minutes), transcribes it with a language hint from the question and
// a prompt of the notes' own terms for it, and measures its delivery.
func (s *Service) Transcribe(ctx context.Context, collection, question string, audio []byte) (Speech, error) {
	if s.tr == nil {
		return Speech{}, ErrNoTranscriber
	}
	if len(audio) > speech.MaxAudioBytes {
		return Speech{}, badInput("audio_too_large", "the audio is larger than %d MB", "limit_mb", speech.MaxAudioBytes>>20)
	}
	f, err := speech.Sniff(audio)
	if err != nil {
		return Speech{}, badInput("not_audio", "%s", "detail", err.Error())
	}
	if f.DurationS > speech.MaxDurationSecs {
		return Speech{}, badInput("audio_too_long", "the audio is longer than %d minutes", "limit_min", speech.MaxDurationSecs/60)
	}
	lang := speech.LanguageOf(question)
	t, err := s.tr.Transcribe(ctx, audio, f, lang, speech.Prompt(s.promptTerms(ctx, collection, question), lang))
	if err != nil {
		if ctx.Err() != nil {
			return Speech{}, ctx.Err()
		}
		return Speech{}, fmt.Errorf("%w: %v", ErrTranscription, err)
	}
	if strings.TrimSpace(t.Text) == "" {
		return Speech{}, badInput("no_speech", "no speech was heard in the audio")
	}
	if t.DurationS > speech.MaxDurationSecs {
		return Speech{}, badInput("audio_too_long", "the audio is longer than %d minutes", "limit_min", speech.MaxDurationSecs/60)
	}
	return speech.Measure(t, lang), nil
}

// GradeSpoken transcribes an audio answer and grades what was said, with
// the delivery beside the grade (never deducted from it).
func (s *Service) GradeSpoken(ctx context.Context, req Request, audio []byte) (Grade, error) {
	if strings.TrimSpace(req.Question) == "" {
		return Grade{}, badInput("question_empty", "question is empty")
	}
	sp, err := s.Transcribe(ctx, req.Collection, req.Question, audio)
	if err != nil {
		return Grade{}, err
	}
	req.Answer, req.Speech = sp.Transcript, &sp
	return s.Grade(ctx, req)
}

// promptTerms are the names of the section a question is about and the
// Latin-script terms of its text: the words a transcription most often gets
// wrong in a Korean answer (kubelet, ALB, NAT 게이트웨이).
func (s *Service) promptTerms(ctx context.Context, collection, question string) []string {
	secs, err := s.Sections(ctx, collection, question, "")
	if err != nil || len(secs) == 0 {
		return nil
	}
	seen := map[string]bool{}
	var out []string
	add := func(t string) {
		t = strings.TrimSpace(strings.Trim(t, "*_`#:-()[],."))
		if t != "" && !seen[strings.ToLower(t)] && len(out) < 12 {
			seen[strings.ToLower(t)] = true
			out = append(out, t)
		}
	}
	for _, h := range secs[0].Path {
		add(subjectHead(h))
	}
	for _, p := range secs[0].Passages {
		for _, w := range strings.Fields(p.Text) {
			w = strings.TrimFunc(w, func(r rune) bool { return !unicode.IsLetter(r) && !unicode.IsDigit(r) && r != '-' })
			if len(w) >= 2 && strings.IndexFunc(w, func(r rune) bool { return r > unicode.MaxASCII }) < 0 && strings.IndexFunc(w, unicode.IsLetter) >= 0 {
				add(w)
			}
		}
	}
	return out
}
