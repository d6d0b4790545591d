package grader

import (
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"

	"grader/internal/testdatadir"
)

func writeDataset(t *testing.T, name, content string) string {
	t.Helper()
	p := filepath.Join(t.TempDir(), name)
	if err := os.WriteFile(p, []byte(content), 0o644); err != nil {
		t.Fatal(err)
	}
	return p
}

func f64(v float64) *float64 { return &v }

func TestReadDataset(t *testing.T) {
	tests := []struct {
		name, file, content string
		want                []LabelledItem
	}{
		{
			name: "csv scores with max", file: "d.csv",
			content: "question,reference_answer,answer,score,max_score\n" +
				"What is a VPC?,A private network,\"A network, private\",4,5\n" +
				"What is NAT?,Address translation,\"multi\nline\",2.5,5\n",
			want: []LabelledItem{
				{Question: "What is a VPC?", ReferenceAnswer: "A private network", Answer: "A network, private", Score: f64(4), MaxScore: f64(5)},
				{Question: "What is NAT?", ReferenceAnswer: "Address translation", Answer: "multi\nline", Score: f64(2.5), MaxScore: f64(5)},
			},
		},
		{
			name: "csv labels, BOM, header case and column order", file: "d.CSV",
			content: "\ufeffLabel,Answer,Question,Reference_Answer\n" +
				"Correct,yes,q1,r1\n" +
				"\n" +
				"partially_correct_incomplete,meh,q1,r1\n" +
				"contradictory,no,q1,r1\n",
			want: []LabelledItem{
				{Question: "q1", ReferenceAnswer: "r1", Answer: "yes", Label: LabelCorrect},
				{Question: "q1", ReferenceAnswer: "r1", Answer: "meh", Label: LabelIncorrect},
				{Question: "q1", ReferenceAnswer: "r1", Answer: "no", Label: LabelIncorrect},
			},
		},
		{
			name: "semeval columns", file: "s.csv",
			content: "corpus,question,reference_answer,student_answer_id,student_answer,label_2way,label_3way\n" +
				"sciEntsBank,How?,Evaporate it.,a1,Let it evaporate.,correct,correct\n" +
				"sciEntsBank,How?,Evaporate it.,a2,Shake it.,incorrect,contradictory\n",
			want: []LabelledItem{
				{Question: "How?", ReferenceAnswer: "Evaporate it.", Answer: "Let it evaporate.", Label: LabelCorrect},
				{Question: "How?", ReferenceAnswer: "Evaporate it.", Answer: "Shake it.", Label: LabelIncorrect},
			},
		},
		{
			name: "answer and label win over the semeval aliases", file: "s.csv",
			content: "question,reference_answer,student_answer,answer,label_2way,label\n" +
				"q,r,alias,own,incorrect,correct\n",
			want: []LabelledItem{{Question: "q", ReferenceAnswer: "r", Answer: "own", Label: LabelCorrect}},
		},
		{
			name: "jsonl", file: "d.jsonl",
			content: `{"question":"q1","reference_answer":"r1","answer":"a1","score":3}` + "\n\n" +
				`{"question":"q2","reference_answer":"r2","answer":"a2","score":"1.5","label":null,"extra":[1]}` + "\n",
			want: []LabelledItem{
				{Question: "q1", ReferenceAnswer: "r1", Answer: "a1", Score: f64(3)},
				{Question: "q2", ReferenceAnswer: "r2", Answer: "a2", Score: f64(1.5)},
			},
		},
		{
			name: "json array", file: "d.json",
			content: "[\n {\"question\":\"q\",\"reference_answer\":\"r\",\"answer\":\"a\",\"label\":\"incorrect\"}\n]\n",
			want:    []LabelledItem{{Question: "q", ReferenceAnswer: "r", Answer: "a", Label: LabelIncorrect}},
		},
		{
			name: "json holding lines", file: "d.json",
			content: `{"question":"q","reference_answer":"r","answer":"a","label":"correct"}` + "\n",
			want:    []LabelledItem{{Question: "q", ReferenceAnswer: "r", Answer: "a", Label: LabelCorrect}},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := ReadDataset(writeDataset(t, tt.file, tt.content))
			if err != nil {
				t.Fatal(err)
			}
			if len(got) != len(tt.want) {
				t.Fatalf("items = %d, want %d: %+v", len(got), len(tt.want), got)
			}
			for i := range got {
				if !sameItem(got[i], tt.want[i]) {
					t.Errorf("item %d = %s, want %s", i, itemString(got[i]), itemString(tt.want[i]))
				}
			}
		})
	}
}

func sameItem(a, b LabelledItem) bool {
	eq := func(x, y *float64) bool { return (x == nil) == (y == nil) && (x == nil || *x == *y) }
	return a.Question == b.Question && a.ReferenceAnswer == b.ReferenceAnswer && a.Answer == b.Answer &&
		a.Label == b.Label && eq(a.Score, b.Score) && eq(a.MaxScore, b.MaxScore)
}

func itemString(it LabelledItem) string {
	num := func(p *float64) string {
		if p == nil {
			return "nil"
		}
		return strconv.FormatFloat(*p, 'g', -1, 64)
	}
	return fmt.Sprintf("{%q %q %q score=%s max=%s label=%q}", it.Question, it.ReferenceAnswer, it.Answer, num(it.Score), num(it.MaxScore), it.Label)
}

func TestReadDatasetErrors(t *testing.T) {
	const hdr = "question,reference_answer,answer,score,max_score,label\n"
	tests := []struct {
		name, file, content string
		want                string // the whole message after the temp dir
	}{
		{"missing column", "d.csv", "question,answer,score\nq,a,1\n",
			`d.csv:1: missing column "reference_answer" (columns: question, answer, score)`},
		{"no score or label column", "d.csv", "question,reference_answer,answer\nq,r,a\n",
			`d.csv:1: needs a "score" or a "label" column (columns: question, reference_answer, answer)`},
		{"non-numeric score", "d.csv", hdr + "q,r,a,1,5,\nq,r,a,abc,5,\n",
			`d.csv:3:7: "score": not a number: "abc"`},
		{"empty answer", "d.csv", hdr + "q,r,  ,1,5,\n",
			`d.csv:2:5: "answer": empty`},
		{"score above max", "d.csv", hdr + "q,r,a,6,5,\n",
			`d.csv:2:7: "score": 6 is outside [0, max_score 5]`},
		{"max not positive", "d.csv", hdr + "q,r,a,0,0,\n",
			`d.csv:2:9: "max_score": must be positive, got 0`},
		{"both score and label", "d.csv", hdr + "q,r,a,1,,correct\n",
			`d.csv:2:10: "label": the row has both a score and a label; give one`},
		{"neither", "d.csv", hdr + "q,r,a,,,\n",
			`d.csv:2: the row has neither a score nor a label`},
		{"mixed rows", "d.csv", hdr + "q,r,a,1,,\nq,r,b,,,correct\n",
			`d.csv:3: has a label but line 2 has a score: a dataset is all scores or all labels`},
		{"max on some rows only", "d.csv", hdr + "q,r,a,1,5,\nq,r,b,1,,\n",
			`d.csv:3:9: "max_score": given on some rows only (line 2 differs): give it on every row or on none`},
		{"unknown label", "d.csv", "question,reference_answer,answer,label\nq,r,a,maybe\n",
			`d.csv:2:7: "label": unknown label "maybe" (want correct, incorrect, contradictory, partially_correct_incomplete, irrelevant or non_domain)`},
		{"ragged csv", "d.csv", hdr + "q,r,a,1\n",
			`d.csv:2:1: wrong number of fields`},
		{"jsonl missing key", "d.jsonl", `{"question":"q","answer":"a","score":1}` + "\n",
			`d.jsonl:1: missing field "reference_answer"`},
		{"jsonl bad json", "d.jsonl", `{"question":"q","reference_answer":"r","answer":"a","score":1}` + "\n{oops\n",
			`d.jsonl:2: not a JSON object: invalid character 'o' looking for beginning of object key string`},
		{"jsonl score not a number", "d.jsonl", `{"question":"q","reference_answer":"r","answer":"a","score":true}`,
			`d.jsonl:1: "score": not a number: true`},
		{"jsonl answer not a string", "d.jsonl", `{"question":"q","reference_answer":"r","answer":7,"score":1}`,
			`d.jsonl:1: "answer": must be a string, got 7`},
		{"json array line", "d.json", "[\n{\"question\":\"q\",\"reference_answer\":\"r\",\"answer\":\"a\",\"score\":1},\n{\"question\":\"q\",\"reference_answer\":\"r\",\"answer\":\"\",\"score\":1}\n]",
			`d.json:3: "answer": empty`},
		{"empty file", "d.csv", "", `d.csv: empty file`},
		{"header only", "d.csv", hdr, `d.csv: no rows`},
		{"unknown extension", "d.txt", "x", `d.txt: unsupported file type ".txt" (want .csv, .jsonl or .json)`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			path := writeDataset(t, tt.file, tt.content)
			_, err := ReadDataset(path)
			if err == nil {
				t.Fatal("no error")
			}
			var de *DatasetError
			if !errors.As(err, &de) {
				t.Fatalf("err %T %v is not a *DatasetError", err, err)
			}
			got := strings.TrimPrefix(err.Error(), filepath.Dir(path)+string(filepath.Separator))
			if got != tt.want {
				t.Errorf("err =\n  %s\nwant\n  %s", got, tt.want)
			}
		})
	}
}

func TestReadDatasetMissingFile(t *testing.T) {
	_, err := ReadDataset(filepath.Join(t.TempDir(), "nope.csv"))
	if !errors.Is(err, os.ErrNotExist) {
		t.Errorf("err = %v, want a wrapped ErrNotExist", err)
	}
}

func TestDatasetNormalizeLabel(t *testing.T) {
	tests := []struct{ in, want string }{
		{"correct", LabelCorrect},
		{" CORRECT ", LabelCorrect},
		{"incorrect", LabelIncorrect},
		{"contradictory", LabelIncorrect},
		{"partially correct incomplete", LabelIncorrect},
		{"partially-correct", LabelIncorrect},
		{"irrelevant", LabelIncorrect},
		{"non_domain", LabelIncorrect},
	}
	for _, tt := range tests {
		if got, err := NormalizeLabel(tt.in); err != nil || got != tt.want {
			t.Errorf("NormalizeLabel(%q) = %q, %v; want %q", tt.in, got, err, tt.want)
		}
	}
	if _, err := NormalizeLabel("yes"); err == nil {
		t.Error(`NormalizeLabel("yes") did not fail`)
	}
}

func TestReadDatasetSemEval(t *testing.T) {
	for _, name := range []string{"scientsbank_train.csv", "beetle_train.csv"} {
		path := testdatadir.Path("en", name)
		items, err := ReadDataset(path)
		if err != nil {
			t.Fatal(err)
		}
		correct := 0
		for _, it := range items {
			if it.Label == LabelCorrect {
				correct++
			}
			if it.Answer == "" || it.ReferenceAnswer == "" || it.Score != nil {
				t.Fatalf("%s: bad item %+v", name, it)
			}
		}
		if len(items) < 1000 || correct == 0 || correct == len(items) {
			t.Errorf("%s: %d items, %d correct", name, len(items), correct)
		}
		t.Logf("%s: %d items, %d correct", name, len(items), correct)
	}
}
