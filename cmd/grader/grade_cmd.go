package main

import (
	"context"
	"errors"
	"fmt"
	"os"
	"strings"

	"github.com/spf13/cobra"

	"grader/grader"
	"grader/modelapi"
	"grader/notes"
	"grader/speech"
	"grader/token"
)

// judge builds the offline judge, or the LLM judge (falling back to the
// offline one) when GRADER_CHAT_MODEL is set.
func (a *app) judge() (grader.Judge, error) {
	if a.chosenJudge != nil {
		return a.chosenJudge, nil
	}
	g, err := a.glossary()
	if err != nil {
		return nil, err
	}
	j, err := a.newJudge(g)
	if err != nil {
		return nil, err
	}
	a.chosenJudge = j
	return j, nil
}

func (a *app) newJudge(g *token.Glossary) (grader.Judge, error) {
	offline := grader.NewOffline(g, grader.DefaultCalibration())
	cfg, hc, err := a.models()
	if err != nil {
		return nil, err
	}
	if cfg.ChatModel == "" {
		return offline, nil
	}
	llm, err := grader.NewLLM(grader.LLMConfig{
		BaseURL: cfg.Endpoint.BaseURL, APIKey: cfg.Endpoint.APIKey, Model: cfg.ChatModel,
		Samples: max(cfg.LLMSamples, 1), Timeout: cfg.Timeout, Client: hc, Logger: a.log, Glossary: g,
	}, offline)
	if err != nil {
		return nil, usageError{fmt.Errorf("%s: %w", modelapi.EnvChatModel, err)}
	}
	return llm, nil
}

// openGrading opens the index and builds the grading service over it.
func (a *app) openGrading(ctx context.Context, record bool) (*grader.Service, *notes.Index, func(), error) {
	ix, closeFn, err := a.openIndex(ctx)
	if err != nil {
		return nil, nil, nil, err
	}
	g, err := a.glossary()
	if err != nil {
		closeFn()
		return nil, nil, nil, err
	}
	j, err := a.judge()
	if err != nil {
		closeFn()
		return nil, nil, nil, err
	}
	var rec grader.Recorder
	if record {
		rec = grader.NewHistory(a.db)
	}
	svc := grader.NewService(ix, j, rec, g)
	if cfg, hc, err := a.models(); err == nil {
		if tr := speech.NewTranscriber(cfg, hc, a.log); tr != nil {
			svc.WithTranscriber(tr)
		}
	}
	return svc, ix, closeFn, nil
}

// gradeError maps the pipeline's errors onto exit codes.
func gradeError(err error) error {
	if errors.Is(err, grader.ErrBadInput) || errors.Is(err, grader.ErrNoNotes) {
		return usageError{err}
	}
	return err
}

func (a *app) gradeCommand() *cobra.Command {
	var asJSON bool
	var collection, question, answer, answerFile, audio string
	cmd := &cobra.Command{
		Use:   "grade [--collection C] --question Q (--answer TEXT | --answer-file F | --audio F)",
		Short: "Grade one answer against the notes",
		Args:  cobra.NoArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			given := 0
			for _, s := range []string{answer, answerFile, audio} {
				if s != "" {
					given++
				}
			}
			switch {
			case strings.TrimSpace(question) == "":
				return usagef("grade: --question is required and must not be empty")
			case given == 0:
				return usagef("grade: give the answer with --answer TEXT, --answer-file F or --audio F")
			case given > 1:
				return usagef("grade: give only one of --answer, --answer-file, --audio")
			}
			if audio != "" {
				return a.gradeAudio(cmd.Context(), asJSON, collection, question, audio)
			}
			if answerFile != "" {
				b, err := readAnswerFile(answerFile)
				if err != nil {
					return err
				}
				answer = b
			}
			if strings.TrimSpace(answer) == "" {
				return usagef("grade: the answer is empty")
			}
			if err := validCollection(collection); err != nil {
				return err
			}
			svc, _, closeFn, err := a.openGrading(cmd.Context(), true)
			if err != nil {
				return err
			}
			defer closeFn()
			g, err := svc.Grade(cmd.Context(), grader.Request{Collection: collection, Question: question, Answer: answer})
			if err != nil {
				return gradeError(err)
			}
			if asJSON {
				return a.printJSON(g)
			}
			printGrade(a.stdout, g)
			return nil
		},
	}
	cmd.Flags().BoolVar(&asJSON, "json", false, "print one JSON document (a Grade)")
	cmd.Flags().StringVar(&question, "question", "", "the interview question")
	cmd.Flags().StringVar(&answer, "answer", "", "the answer text")
	cmd.Flags().StringVar(&answerFile, "answer-file", "", "read the answer from this file (- for stdin)")
	cmd.Flags().StringVar(&audio, "audio", "", "a spoken answer (wav, mp3, m4a, webm, ogg), transcribed with GRADER_TRANSCRIBE_MODEL")
	collectionFlag(cmd, &collection)
	return cmd
}

// gradeAudio transcribes a recorded answer and grades what was said.
func (a *app) gradeAudio(ctx context.Context, asJSON bool, collection, question, path string) error {
	if err := validCollection(collection); err != nil {
		return err
	}
	data, err := readRegularFile(path, speech.MaxAudioBytes)
	if err != nil {
		return usagef("grade: read --audio %s: %v", path, err)
	}
	svc, _, closeFn, err := a.openGrading(ctx, true)
	if err != nil {
		return err
	}
	defer closeFn()
	g, err := svc.GradeSpoken(ctx, grader.Request{Collection: collection, Question: question}, data)
	if errors.Is(err, grader.ErrNoTranscriber) {
		return usageError{err}
	}
	if err != nil {
		return gradeError(err)
	}
	if asJSON {
		return a.printJSON(g)
	}
	printGrade(a.stdout, g)
	return nil
}

func readAnswerFile(path string) (string, error) {
	var b []byte
	var err error
	if path == "-" {
		b, err = readAllLimited(os.Stdin, 1<<20)
	} else {
		b, err = readRegularFile(path, 1<<20)
	}
	if err != nil {
		return "", usagef("grade: read --answer-file %s: %v", path, err)
	}
	return string(b), nil
}

// readRegularFile reads a regular file of at most limit bytes: a FIFO or
// /dev/zero would block or never end, a huge file would take all memory.
func readRegularFile(path string, limit int64) ([]byte, error) {
	info, err := os.Stat(path)
	switch {
	case err != nil:
		return nil, err
	case !info.Mode().IsRegular():
		return nil, fmt.Errorf("not a regular file")
	case info.Size() > limit:
		return nil, fmt.Errorf("larger than %d MB", limit>>20)
	}
	f, err := os.Open(path)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	return readAllLimited(f, limit)
}

// questionBank builds the question bank over an index; with a chat model
// configured, the model rewrites the template questions on each refresh.
func (a *app) questionBank(ix *notes.Index) (*grader.Questions, error) {
	g, err := a.glossary()
	if err != nil {
		return nil, err
	}
	bank := grader.NewQuestions(a.db, ix).WithGlossary(g)
	if cfg, _, err := a.models(); err != nil || cfg.ChatModel == "" {
		return bank, nil
	}
	j, err := a.judge()
	if err != nil {
		return nil, err
	}
	if w, ok := j.(grader.QuestionWriter); ok {
		bank = bank.WithWriter(w, a.log)
	}
	return bank, nil
}
