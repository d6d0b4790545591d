// Package tabular reads the row files people hand the grader (an eval
// dataset, a self-assessment batch): CSV with a header, JSON Lines, or a JSON
// array of objects, each row keyed by canonical field name and located by
// line (and, in CSV, column) so that every error can say where it is.
package tabular

import (
	"bytes"
	"encoding/csv"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"path/filepath"
	"slices"
	"strings"
)

// Error locates a bad row: file, line, and where known the column (1-based,
// in bytes, CSV only) and the field's name.
type Error struct {
	Path   string
	Line   int
	Column int
	Field  string
	Err    error
}

func (e *Error) Error() string {
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

func (e *Error) Unwrap() error { return e.Err }

// Schema names the fields a file may hold.
type Schema struct {
	Known   []string          // canonical field names, lower-case
	Aliases map[string]string // other names, used only when the file lacks the canonical one
	Numeric []string          // fields that may be JSON numbers as well as strings
}

// Field is one value of a row with where it was found.
type Field struct {
	Text   string
	Column int // CSV byte column of the field, 0 when unknown
}

// Row is one row of any format, keyed by canonical field name.
type Row struct {
	Path   string
	Line   int
	Fields map[string]Field
}

// Errorf is an error located at the row (and the field's column).
func (r Row) Errorf(field, format string, args ...any) error {
	return &Error{Path: r.Path, Line: r.Line, Column: r.Fields[field].Column, Field: field, Err: fmt.Errorf(format, args...)}
}

// NonEmpty is a field's text, trimmed, when it has any.
func (r Row) NonEmpty(name string) (string, bool) {
	v, ok := r.Fields[name]
	if !ok || strings.TrimSpace(v.Text) == "" {
		return "", false
	}
	return strings.TrimSpace(v.Text), true
}

// Table is what a file holds: its rows, and for CSV the canonical fields its
// header has (nil for JSON, whose rows each say what they have).
type Table struct {
	Rows    []Row
	Columns []string
	Header  []string // the CSV header as written
}

// Read reads data as the format its name's extension says: .csv, .jsonl or
// .ndjson, or .json holding JSON Lines or one array of objects. A byte
// order mark is dropped. Blank lines are skipped.
func Read(path string, data []byte, s Schema) (Table, error) {
	data = bytes.TrimPrefix(data, []byte("\xef\xbb\xbf")) // spreadsheets write a BOM
	switch ext := strings.ToLower(filepath.Ext(path)); ext {
	case ".csv":
		return csvRows(path, data, s)
	case ".jsonl", ".ndjson":
		rows, err := jsonlRows(path, data, s)
		return Table{Rows: rows}, err
	case ".json":
		if t := bytes.TrimLeft(data, " \t\r\n"); len(t) > 0 && t[0] == '[' {
			rows, err := jsonArrayRows(path, data, s)
			return Table{Rows: rows}, err
		}
		rows, err := jsonlRows(path, data, s)
		return Table{Rows: rows}, err
	default:
		return Table{}, &Error{Path: path, Err: fmt.Errorf("unsupported file type %q (want .csv, .jsonl or .json)", ext)}
	}
}

// canonical maps the names of a header (or JSON object) onto canonical
// field names: exact names first, then aliases for names still missing.
func (s Schema) canonical(names []string) map[string]string {
	out := map[string]string{}
	have := map[string]bool{}
	for _, n := range names {
		k := strings.ToLower(strings.TrimSpace(n))
		if slices.Contains(s.Known, k) {
			out[n] = k
			have[k] = true
		}
	}
	for _, n := range names {
		k := strings.ToLower(strings.TrimSpace(n))
		if canon, ok := s.Aliases[k]; ok && !have[canon] {
			out[n] = canon
			have[canon] = true
		}
	}
	return out
}

func csvRows(path string, data []byte, s Schema) (Table, error) {
	cr := csv.NewReader(bytes.NewReader(data))
	header, err := cr.Read()
	if errors.Is(err, io.EOF) {
		return Table{}, &Error{Path: path, Err: errors.New("empty file")}
	}
	if err != nil {
		return Table{}, csvError(path, err)
	}
	canon := s.canonical(header)
	cols := map[string]int{}
	t := Table{Header: header}
	for i, h := range header {
		if c, ok := canon[h]; ok {
			cols[c] = i
			t.Columns = append(t.Columns, c)
		}
	}
	for {
		rec, err := cr.Read()
		if errors.Is(err, io.EOF) {
			break
		}
		if err != nil {
			return t, csvError(path, err)
		}
		if len(rec) == 1 && strings.TrimSpace(rec[0]) == "" {
			continue // a blank line
		}
		line, _ := cr.FieldPos(0)
		row := Row{Path: path, Line: line, Fields: map[string]Field{}}
		for name, i := range cols {
			_, col := cr.FieldPos(i)
			row.Fields[name] = Field{Text: rec[i], Column: col}
		}
		t.Rows = append(t.Rows, row)
	}
	return t, nil
}

func csvError(path string, err error) error {
	var pe *csv.ParseError
	if errors.As(err, &pe) {
		return &Error{Path: path, Line: pe.Line, Column: pe.Column, Err: pe.Err}
	}
	return &Error{Path: path, Err: err}
}

func jsonlRows(path string, data []byte, s Schema) ([]Row, error) {
	var rows []Row
	for i, line := range bytes.Split(data, []byte("\n")) {
		if len(bytes.TrimSpace(line)) == 0 {
			continue
		}
		row, err := jsonRow(path, i+1, line, s)
		if err != nil {
			return nil, err
		}
		rows = append(rows, row)
	}
	return rows, nil
}

func jsonArrayRows(path string, data []byte, s Schema) ([]Row, error) {
	var elems []json.RawMessage
	dec := json.NewDecoder(bytes.NewReader(data))
	if err := dec.Decode(&elems); err != nil {
		return nil, &Error{Path: path, Line: LineAt(data, dec.InputOffset()), Err: fmt.Errorf("not a JSON array of objects: %w", err)}
	}
	// Lines are found by locating each element in the file: elements are
	// searched in order, so equal elements map to successive places.
	var rows []Row
	from := 0
	for _, e := range elems {
		at := from
		if k := bytes.Index(data[from:], e); k >= 0 {
			at = from + k
			from = at + len(e)
		}
		row, err := jsonRow(path, LineAt(data, int64(at)), e, s)
		if err != nil {
			return nil, err
		}
		rows = append(rows, row)
	}
	return rows, nil
}

// LineAt is the 1-based line of a byte offset.
func LineAt(data []byte, off int64) int {
	off = min(max(off, 0), int64(len(data)))
	return 1 + bytes.Count(data[:off], []byte("\n"))
}

// jsonRow reads one object. Fields must be strings, the schema's numeric
// ones may also be numbers; null counts as absent.
func jsonRow(path string, line int, raw []byte, s Schema) (Row, error) {
	row := Row{Path: path, Line: line, Fields: map[string]Field{}}
	var obj map[string]json.RawMessage
	if err := json.Unmarshal(raw, &obj); err != nil {
		return row, &Error{Path: path, Line: line, Err: fmt.Errorf("not a JSON object: %w", err)}
	}
	names := make([]string, 0, len(obj))
	for k := range obj {
		names = append(names, k)
	}
	for name, canon := range s.canonical(names) {
		v := bytes.TrimSpace(obj[name])
		numeric := slices.Contains(s.Numeric, canon)
		var text string
		switch {
		case string(v) == "null":
			continue
		case len(v) > 0 && v[0] == '"':
			if err := json.Unmarshal(v, &text); err != nil {
				return row, &Error{Path: path, Line: line, Field: canon, Err: err}
			}
		case numeric && len(v) > 0 && (v[0] == '-' || (v[0] >= '0' && v[0] <= '9')):
			text = string(v)
		case numeric:
			return row, &Error{Path: path, Line: line, Field: canon, Err: fmt.Errorf("not a number: %s", v)}
		default:
			return row, &Error{Path: path, Line: line, Field: canon, Err: fmt.Errorf("must be a string, got %s", v)}
		}
		row.Fields[canon] = Field{Text: text}
	}
	return row, nil
}
