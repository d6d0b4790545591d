package grader

import (
	"bytes"
	"encoding/csv"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"math"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
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
type DatasetError struct {
	Path   string
	Line   int
	Column int
	Field  string
	Err    error
}

func (e *DatasetError) Error() string {
	var b strings.Builder
	b.WriteString(e.Path)
	if e.Line > 0 {
		fmt.Fprintf(&b, ":%d", e.Line)
		if e.Column > 0 {
			fmt.Fprintf(&b, ":%d", e.Column)
		}
	}
	b.WriteString(": ")
	if e.Field != "" {
		fmt.Fprintf(&b, "%q: ", e.Field)
	}
	b.WriteString(e.Err.Error())
	return b.String()
}

func (e *DatasetError) Unwrap() error { return e.Err }

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
	data = bytes.TrimPrefix(data, []byte("\xef\xbb\xbf")) // spreadsheets write a BOM
	var rows []datasetRow
	switch ext := strings.ToLower(filepath.Ext(path)); ext {
	case ".csv":
		rows, err = datasetCSVRows(path, data)
	case ".jsonl", ".ndjson":
		rows, err = datasetJSONLRows(path, data)
	case ".json":
		if t := bytes.TrimLeft(data, " \t\r\n"); len(t) > 0 && t[0] == '[' {
			rows, err = datasetJSONArrayRows(path, data)
		} else {
			rows, err = datasetJSONLRows(path, data)
		}
	default:
		return nil, &DatasetError{Path: path, Err: fmt.Errorf("unsupported file type %q (want .csv, .jsonl or .json)", ext)}
	}
	if err != nil {
		return nil, err
	}
	if len(rows) == 0 {
		return nil, &DatasetError{Path: path, Err: errors.New("no rows")}
	}

	items := make([]LabelledItem, 0, len(rows))
	var first datasetRow // the first row, whose kind the others must share
	for i, row := range rows {
		it, err := row.item()
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
				return nil, row.errorf("", "has %s but line %d has %s: a dataset is all scores or all labels", kind(it), first.line, kind(prev))
			}
			if (it.MaxScore != nil) != (prev.MaxScore != nil) {
				return nil, row.errorf("max_score", "given on some rows only (line %d differs): give it on every row or on none", first.line)
			}
		}
		items = append(items, it)
	}
	return items, nil
}

// datasetField is one value of a row with where it was found.
type datasetField struct {
	text   string
	column int // CSV byte column of the field, 0 when unknown
}

// datasetRow is one row of any format, keyed by canonical field name.
type datasetRow struct {
	path   string
	line   int
	fields map[string]datasetField
}

func (r datasetRow) errorf(field, format string, args ...any) error {
	return &DatasetError{Path: r.path, Line: r.line, Column: r.fields[field].column, Field: field, Err: fmt.Errorf(format, args...)}
}

// item validates a row and builds its item.
func (r datasetRow) item() (LabelledItem, error) {
	var it LabelledItem
	for _, f := range []struct {
		name string
		dst  *string
	}{{"question", &it.Question}, {"reference_answer", &it.ReferenceAnswer}, {"answer", &it.Answer}} {
		v, ok := r.fields[f.name]
		if !ok {
			return it, r.errorf("", "missing field %q", f.name)
		}
		if *f.dst = strings.TrimSpace(v.text); *f.dst == "" {
			return it, r.errorf(f.name, "empty")
		}
	}

	score, hasScore := r.nonEmpty("score")
	label, hasLabel := r.nonEmpty("label")
	switch {
	case hasScore && hasLabel:
		return it, r.errorf("label", "the row has both a score and a label; give one")
	case !hasScore && !hasLabel:
		return it, r.errorf("", "the row has neither a score nor a label")
	case hasLabel:
		l, err := NormalizeLabel(label)
		if err != nil {
			return it, r.errorf("label", "%v", err)
		}
		it.Label = l
		if l3, ok := r.nonEmpty("label_3way"); ok {
			it.Label3 = strings.ToLower(l3)
		}
		if _, ok := r.nonEmpty("max_score"); ok {
			return it, r.errorf("max_score", "a labelled row takes no max_score")
		}
		return it, nil
	}

	s, err := datasetNumber(score)
	if err != nil {
		return it, r.errorf("score", "%v", err)
	}
	it.Score = &s
	if ms, ok := r.nonEmpty("max_score"); ok {
		m, err := datasetNumber(ms)
		if err != nil {
			return it, r.errorf("max_score", "%v", err)
		}
		if m <= 0 {
			return it, r.errorf("max_score", "must be positive, got %v", m)
		}
		if s < 0 || s > m {
			return it, r.errorf("score", "%v is outside [0, max_score %v]", s, m)
		}
		it.MaxScore = &m
	}
	return it, nil
}

func (r datasetRow) nonEmpty(name string) (string, bool) {
	v, ok := r.fields[name]
	if !ok || strings.TrimSpace(v.text) == "" {
		return "", false
	}
	return strings.TrimSpace(v.text), true
}

func datasetNumber(s string) (float64, error) {
	v, err := strconv.ParseFloat(strings.TrimSpace(s), 64)
	if err != nil || math.IsNaN(v) || math.IsInf(v, 0) {
		return 0, fmt.Errorf("not a number: %q", s)
	}
	return v, nil
}

// datasetAliases maps the SemEval-2013 column names onto ours; an alias is
// used only when the file lacks the canonical name.
var datasetAliases = map[string]string{"student_answer": "answer", "label_2way": "label"}

var datasetKnown = []string{"question", "reference_answer", "answer", "score", "max_score", "label", "label_3way"}

// datasetCanonical maps the names of a header (or JSON object) onto canonical
// field names: exact names first, then aliases for names still missing.
func datasetCanonical(names []string) map[string]string {
	out := map[string]string{}
	have := map[string]bool{}
	for _, n := range names {
		k := strings.ToLower(strings.TrimSpace(n))
		if slices.Contains(datasetKnown, k) {
			out[n] = k
			have[k] = true
		}
	}
	for _, n := range names {
		k := strings.ToLower(strings.TrimSpace(n))
		if canon, ok := datasetAliases[k]; ok && !have[canon] {
			out[n] = canon
			have[canon] = true
		}
	}
	return out
}

func datasetCSVRows(path string, data []byte) ([]datasetRow, error) {
	cr := csv.NewReader(bytes.NewReader(data))
	header, err := cr.Read()
	if errors.Is(err, io.EOF) {
		return nil, &DatasetError{Path: path, Err: errors.New("empty file")}
	}
	if err != nil {
		return nil, datasetCSVError(path, err)
	}
	canon := datasetCanonical(header)
	cols := map[string]int{}
	for i, h := range header {
		if c, ok := canon[h]; ok {
			cols[c] = i
		}
	}
	for _, need := range []string{"question", "reference_answer", "answer"} {
		if _, ok := cols[need]; !ok {
			return nil, &DatasetError{Path: path, Line: 1, Err: fmt.Errorf("missing column %q (columns: %s)", need, strings.Join(header, ", "))}
		}
	}
	_, hasScore := cols["score"]
	_, hasLabel := cols["label"]
	if !hasScore && !hasLabel {
		return nil, &DatasetError{Path: path, Line: 1, Err: fmt.Errorf("needs a \"score\" or a \"label\" column (columns: %s)", strings.Join(header, ", "))}
	}

	var rows []datasetRow
	for {
		rec, err := cr.Read()
		if errors.Is(err, io.EOF) {
			break
		}
		if err != nil {
			return nil, datasetCSVError(path, err)
		}
		if len(rec) == 1 && strings.TrimSpace(rec[0]) == "" {
			continue // a blank line
		}
		line, _ := cr.FieldPos(0)
		row := datasetRow{path: path, line: line, fields: map[string]datasetField{}}
		for name, i := range cols {
			_, col := cr.FieldPos(i)
			row.fields[name] = datasetField{text: rec[i], column: col}
		}
		rows = append(rows, row)
	}
	return rows, nil
}

func datasetCSVError(path string, err error) error {
	var pe *csv.ParseError
	if errors.As(err, &pe) {
		return &DatasetError{Path: path, Line: pe.Line, Column: pe.Column, Err: pe.Err}
	}
	return &DatasetError{Path: path, Err: err}
}

func datasetJSONLRows(path string, data []byte) ([]datasetRow, error) {
	var rows []datasetRow
	for i, line := range bytes.Split(data, []byte("\n")) {
		if len(bytes.TrimSpace(line)) == 0 {
			continue
		}
		row, err := datasetJSONRow(path, i+1, line)
		if err != nil {
			return nil, err
		}
		rows = append(rows, row)
	}
	return rows, nil
}

func datasetJSONArrayRows(path string, data []byte) ([]datasetRow, error) {
	var elems []json.RawMessage
	dec := json.NewDecoder(bytes.NewReader(data))
	if err := dec.Decode(&elems); err != nil {
		return nil, &DatasetError{Path: path, Line: datasetLineAt(data, dec.InputOffset()), Err: fmt.Errorf("not a JSON array of objects: %w", err)}
	}
	// Lines are found by locating each element in the file: elements are
	// searched in order, so equal elements map to successive places.
	var rows []datasetRow
	from := 0
	for _, e := range elems {
		at := from
		if k := bytes.Index(data[from:], e); k >= 0 {
			at = from + k
			from = at + len(e)
		}
		row, err := datasetJSONRow(path, datasetLineAt(data, int64(at)), e)
		if err != nil {
			return nil, err
		}
		rows = append(rows, row)
	}
	return rows, nil
}

func datasetLineAt(data []byte, off int64) int {
	off = min(max(off, 0), int64(len(data)))
	return 1 + bytes.Count(data[:off], []byte("\n"))
}

// datasetJSONRow reads one object. Text fields must be strings; score and
// max_score may be numbers or numeric strings; null counts as absent.
func datasetJSONRow(path string, line int, raw []byte) (datasetRow, error) {
	row := datasetRow{path: path, line: line, fields: map[string]datasetField{}}
	var obj map[string]json.RawMessage
	if err := json.Unmarshal(raw, &obj); err != nil {
		return row, &DatasetError{Path: path, Line: line, Err: fmt.Errorf("not a JSON object: %w", err)}
	}
	names := make([]string, 0, len(obj))
	for k := range obj {
		names = append(names, k)
	}
	for name, canon := range datasetCanonical(names) {
		v := bytes.TrimSpace(obj[name])
		var text string
		switch {
		case string(v) == "null":
			continue
		case len(v) > 0 && v[0] == '"':
			if err := json.Unmarshal(v, &text); err != nil {
				return row, &DatasetError{Path: path, Line: line, Field: canon, Err: err}
			}
		case (canon == "score" || canon == "max_score") && len(v) > 0 && (v[0] == '-' || (v[0] >= '0' && v[0] <= '9')):
			text = string(v)
		case canon == "score" || canon == "max_score":
			return row, &DatasetError{Path: path, Line: line, Field: canon, Err: fmt.Errorf("not a number: %s", v)}
		default:
			return row, &DatasetError{Path: path, Line: line, Field: canon, Err: fmt.Errorf("must be a string, got %s", v)}
		}
		row.fields[canon] = datasetField{text: text}
	}
	return row, nil
}
