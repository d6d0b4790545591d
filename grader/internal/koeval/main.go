// Command koeval writes a labelled dataset for `grader eval` from the
// Korean qa.jsonl (by default the repository's testdata/ko/qa.jsonl): for every question, its own answer (labelled correct) and
// the answer of another question from a different note (labelled incorrect).
// Answers are cut to their first sentences, as a candidate would say them;
// they are the notes' own words, so this measures whether the grader tells an
// on-topic answer from an off-topic one, not paraphrase understanding.
//
//	go run ./grader/internal/koeval [qa.jsonl] > /tmp/ko_eval.jsonl
package main

import (
	"bufio"
	"encoding/json"
	"fmt"
	"os"
	"strings"

	"grader/internal/testdatadir"
)

type qa struct {
	Question   string `json:"question"`
	Answer     string `json:"answer"`
	SourceFile string `json:"source_file"`
}

type row struct {
	Question        string `json:"question"`
	ReferenceAnswer string `json:"reference_answer"`
	Answer          string `json:"answer"`
	Label           string `json:"label"`
}

// answerRunes is about what a candidate says in half a minute.
const answerRunes = 400

func main() {
	path := testdatadir.Path("ko", "qa.jsonl")
	switch len(os.Args) {
	case 1:
	case 2:
		path = os.Args[1]
	default:
		fmt.Fprintln(os.Stderr, "usage: koeval [qa.jsonl] > dataset.jsonl")
		os.Exit(2)
	}
	items, err := read(path)
	if err != nil {
		fmt.Fprintln(os.Stderr, "koeval:", err)
		os.Exit(1)
	}
	enc := json.NewEncoder(os.Stdout)
	enc.SetEscapeHTML(false)
	for i, it := range items {
		// The other answer: the next item (cyclically, a fixed stride) from another note.
		j := (i + 37) % len(items)
		for items[j].SourceFile == it.SourceFile {
			j = (j + 1) % len(items)
		}
		_ = enc.Encode(row{it.Question, it.Answer, cut(it.Answer), "correct"})
		_ = enc.Encode(row{it.Question, it.Answer, cut(items[j].Answer), "incorrect"})
	}
}

func cut(s string) string {
	s = strings.Join(strings.Fields(s), " ")
	r := []rune(s)
	if len(r) <= answerRunes {
		return s
	}
	// End at the last sentence end inside the budget, when there is one.
	for k := answerRunes - 1; k > answerRunes/2; k-- {
		if r[k] == '.' || r[k] == '다' {
			return string(r[:k+1])
		}
	}
	return string(r[:answerRunes])
}

func read(path string) ([]qa, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	var out []qa
	sc := bufio.NewScanner(f)
	sc.Buffer(make([]byte, 1<<20), 1<<24)
	for sc.Scan() {
		var q qa
		if err := json.Unmarshal(sc.Bytes(), &q); err != nil {
			return nil, fmt.Errorf("%s: %w", path, err)
		}
		out = append(out, q)
	}
	return out, sc.Err()
}
