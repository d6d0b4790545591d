package tabular

import (
	"errors"
	"strings"
	"testing"
)

var testSchema = Schema{Known: []string{"question", "score"}, Aliases: map[string]string{"prompt": "question"}, Numeric: []string{"score"}}

func TestRead(t *testing.T) {
	cases := []struct {
		name, path, data string
		wantQ            []string
		wantLines        []int
		wantErr          string
	}{
		{"csv, alias and case", "a.csv", "Prompt,SCORE,other\nq1,3,x\n\nq2,4,y\n", []string{"q1", "q2"}, []int{2, 4}, ""},
		{"the canonical name wins over an alias", "a.csv", "prompt,question\nno,yes\n", []string{"yes"}, []int{2}, ""},
		{"jsonl with a number", "a.jsonl", `{"question":"q1","score":3}` + "\n" + `{"prompt":"q2","score":null}`, []string{"q1", "q2"}, []int{1, 2}, ""},
		{"json array", "a.json", "[\n{\"question\":\"q1\"},\n{\"question\":\"q1\"}\n]", []string{"q1", "q1"}, []int{2, 3}, ""},
		{"a number where text is wanted", "a.jsonl", `{"question":7}`, nil, nil, `a.jsonl:1: "question": must be a string, got 7`},
		{"text where a number may be", "a.jsonl", `{"question":"q","score":true}`, nil, nil, `"score": not a number: true`},
		{"csv quote error", "a.csv", "question\n\"q\n", nil, nil, "a.csv:2"},
		{"empty csv", "a.csv", "", nil, nil, "empty file"},
		{"unknown type", "a.xlsx", "", nil, nil, `unsupported file type ".xlsx"`},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			tb, err := Read(c.path, []byte(c.data), testSchema)
			if c.wantErr != "" {
				var te *Error
				if !errors.As(err, &te) || !strings.Contains(err.Error(), c.wantErr) {
					t.Fatalf("err %v, want an *Error saying %q", err, c.wantErr)
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			if len(tb.Rows) != len(c.wantQ) {
				t.Fatalf("%d rows, want %d", len(tb.Rows), len(c.wantQ))
			}
			for i, r := range tb.Rows {
				if r.Fields["question"].Text != c.wantQ[i] || r.Line != c.wantLines[i] {
					t.Errorf("row %d: %q at line %d, want %q at %d", i, r.Fields["question"].Text, r.Line, c.wantQ[i], c.wantLines[i])
				}
			}
		})
	}
}
