package grader

import (
	"errors"
	"fmt"
	"math"
	"os"
	"slices"
	"strconv"
	"strings"

	"grader/tabular"
)

// Binary labels of a labelled dataset, after normalisation.
const (
	LabelCorrect   = "correct"
	LabelIncorrect = "incorrect"
)

// LabelledItem is one human-graded answer of an evaluation dataset
// (CONTRACT.md, `grader eval`). Exactly one of Score and Label is set, and
// every item of a dataset has the same one.
type LabelledItem struct {
	Question        string   `json:"question"`
	ReferenceAnswer string   `json:"reference_answer"`
	Answer          string   `json:"answer"`
	Score           *float64 `json:"score,omitempty"`
	MaxScore        *float64 `json:"max_score,omitempty"`
	// Label is LabelCorrect or LabelIncorrect (see NormalizeLabel).
	Label string `json:"label,omitempty"`
	// Label3 is a finer label when the data has one (SemEval's label_3way:
	// correct, contradictory, incorrect), lower-cased; it only informs the
	// report of how well "incorrect" points find contradictions.
	Label3 string `json:"label_3way,omitempty"`
}

// DatasetError locates a bad row: file, line, and where known the column
// (1-based, in bytes, CSV only) and the field's name.
type DatasetError = tabular.Error

// NormalizeLabel maps a dataset label onto the two classes the evaluation
// scores: "correct" stays correct, and every SemEval-2013 grade short of
// correct (incorrect, contradictory, partially_correct_incomplete,
// irrelevant, non_domain) is incorrect, as in the task's 2-way setting.
// Case, spaces and hyphens do not matter.
func NormalizeLabel(s string) (string, error) {
	k := strings.NewReplacer(" ", "_", "-", "_").Replace(strings.ToLower(strings.TrimSpace(s)))
	switch k {
	case "correct":
		return LabelCorrect, nil
	case "incorrect", "contradictory", "partially_correct_incomplete", "partially_correct", "irrelevant", "non_domain":
		return LabelIncorrect, nil
	}
	return "", fmt.Errorf("unknown label %q (want correct, incorrect, contradictory, partially_correct_incomplete, irrelevant or non_domain)", s)
}

// ReadDataset reads a labelled dataset: CSV with a header (.csv), JSON Lines
// (.jsonl, .ndjson), or .json holding either JSON Lines or one array of
// objects. Fields: question, reference_answer, answer, and either score (with
// an optional max_score) or label.
//
// SemEval-2013 files (data/en/*.csv) read as they are: where a file has no
// answer column its student_answer column is the answer, and where it has no
// label column its label_2way column is the label. Other columns are ignored.
//
// Every row is checked; the first bad one is reported as a *DatasetError
// naming file, line and column: a missing column, an empty question,
// reference or answer, a score that is not a number or lies outside
// [0, max_score], an unknown label, a row with both or neither of score and
// label, a dataset mixing scored and labelled rows, or max_score on some rows only.
func ReadDataset(path string) ([]LabelledItem, error) {
	data, err := os.ReadFile(path)
	if err != nil {
		return nil, fmt.Errorf("read dataset: %w", err)
	}
	table, err := tabular.Read(path, data, datasetSchema)
	if err != nil {
		return nil, err
	}
	if table.Header != nil {
		for _, need := range []string{"question", "reference_answer", "answer"} {
			if !slices.Contains(table.Columns, need) {
				return nil, &DatasetError{Path: path, Line: 1, Err: fmt.Errorf("missing column %q (columns: %s)", need, strings.Join(table.Header, ", "))}
			}
		}
		if !slices.Contains(table.Columns, "score") && !slices.Contains(table.Columns, "label") {
			return nil, &DatasetError{Path: path, Line: 1, Err: fmt.Errorf("needs a \"score\" or a \"label\" column (columns: %s)", strings.Join(table.Header, ", "))}
		}
	}
	rows := table.Rows
	if len(rows) == 0 {
		return nil, &DatasetError{Path: path, Err: errors.New("no rows")}
	}

	items := make([]LabelledItem, 0, len(rows))
	var first tabular.Row // the first row, whose kind the others must share
	for i, row := range rows {
		it, err := datasetItem(row)
		if err != nil {
			return nil, err
		}
		if i == 0 {
			first = row
		} else {
			prev := items[0]
			if (it.Label != "") != (prev.Label != "") {
				kind := func(it LabelledItem) string {
					if it.Label != "" {
						return "a label"
					}
					return "a score"
				}
				return nil, row.Errorf("", "has %s but line %d has %s: a dataset is all scores or all labels", kind(it), first.Line, kind(prev))
			}
			if (it.MaxScore != nil) != (prev.MaxScore != nil) {
				return nil, row.Errorf("max_score", "given on some rows only (line %d differs): give it on every row or on none", first.Line)
			}
		}
		items = append(items, it)
	}
	return items, nil
}

// datasetItem validates a row and builds its item.
func datasetItem(r tabular.Row) (LabelledItem, error) {
	var it LabelledItem
	for _, f := range []struct {
		name string
		dst  *string
	}{{"question", &it.Question}, {"reference_answer", &it.ReferenceAnswer}, {"answer", &it.Answer}} {
		v, ok := r.Fields[f.name]
		if !ok {
			return it, r.Errorf("", "missing field %q", f.name)
		}
		if *f.dst = strings.TrimSpace(v.Text); *f.dst == "" {
			return it, r.Errorf(f.name, "empty")
		}
	}

	score, hasScore := r.NonEmpty("score")
	label, hasLabel := r.NonEmpty("label")
	switch {
	case hasScore && hasLabel:
		return it, r.Errorf("label", "the row has both a score and a label; give one")
	case !hasScore && !hasLabel:
		return it, r.Errorf("", "the row has neither a score nor a label")
	case hasLabel:
		l, err := NormalizeLabel(label)
		if err != nil {
			return it, r.Errorf("label", "%v", err)
		}
		it.Label = l
		if l3, ok := r.NonEmpty("label_3way"); ok {
			it.Label3 = strings.ToLower(l3)
		}
		if _, ok := r.NonEmpty("max_score"); ok {
			return it, r.Errorf("max_score", "a labelled row takes no max_score")
		}
		return it, nil
	}

	s, err := datasetNumber(score)
	if err != nil {
		return it, r.Errorf("score", "%v", err)
	}
	it.Score = &s
	if ms, ok := r.NonEmpty("max_score"); ok {
		m, err := datasetNumber(ms)
		if err != nil {
			return it, r.Errorf("max_score", "%v", err)
		}
		if m <= 0 {
			return it, r.Errorf("max_score", "must be positive, got %v", m)
		}
		if s < 0 || s > m {
			return it, r.Errorf("score", "%v is outside [0, max_score %v]", s, m)
		}
		it.MaxScore = &m
	}
	return it, nil
}

func datasetNumber(s string) (float64, error) {
	v, err := strconv.ParseFloat(strings.TrimSpace(s), 64)
	if err != nil || math.IsNaN(v) || math.IsInf(v, 0) {
		return 0, fmt.Errorf("not a number: %q", s)
	}
	return v, nil
}

// datasetSchema: SemEval-2013's column names read as ours (an alias is
// used only when the file lacks the canonical name).
var datasetSchema = tabular.Schema{
	Known:   []string{"question", "reference_answer", "answer", "score", "max_score", "label", "label_3way"},
	Aliases: map[string]string{"student_answer": "answer", "label_2way": "label"},
	Numeric: []string{"score", "max_score"},
}
