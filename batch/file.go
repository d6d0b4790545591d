// Package batch owns self-assessments: a file of questions and answers
// graded as one batch (CONTRACT.md, `grader batch`).
package batch

import (
	"bytes"
	"errors"
	"fmt"
	"path/filepath"
	"strings"
	"unicode/utf8"

	"github.com/yuin/goldmark"
	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/text"

	"grader/grader"
	"grader/tabular"
)

// Item is one question of a self-assessment with the candidate's answer.
type Item struct {
	Line     int    `json:"line"` // where the item starts in the file
	Question string `json:"question"`
	Answer   string `json:"answer"`
	Topic    string `json:"topic,omitempty"`
}

// Limits of one file: a week's practice is dozens of questions; thousands
// are allowed, more is a mistake (a wrong file).
const (
	MaxItems    = 5000
	MaxFileSize = 16 << 20
	maxProblems = 20 // listed in one error; the rest are counted
)

var schema = tabular.Schema{Known: []string{"question", "answer", "topic"}}

// ParseError lists every problem found in a file, each with its line and
// field, so that one round of fixes is enough. Nothing is graded or stored
// from a file with problems.
type ParseError struct {
	Path     string
	Problems []*tabular.Error
	More     int // problems found beyond those listed
}

func (e *ParseError) Error() string {
	var b strings.Builder
	fmt.Fprintf(&b, "%s: %d problem", e.Path, len(e.Problems)+e.More)
	if len(e.Problems)+e.More != 1 {
		b.WriteString("s")
	}
	b.WriteString(", nothing graded:")
	for _, p := range e.Problems {
		b.WriteString("\n  " + p.Error())
	}
	if e.More > 0 {
		fmt.Fprintf(&b, "\n  … and %d more", e.More)
	}
	return b.String()
}

func (e *ParseError) add(p *tabular.Error) {
	if len(e.Problems) < maxProblems {
		e.Problems = append(e.Problems, p)
		return
	}
	e.More++
}

// Parse reads a self-assessment file by its extension: CSV (with a header),
// JSON Lines or a JSON array with the fields question, answer and an
// optional topic; or Markdown (.md, .markdown), where each `## ` heading is a
// question and the text under it, up to the next heading of that level or
// above, is the answer. Every item is checked before any is returned.
func Parse(path string, data []byte) ([]Item, error) {
	if len(data) > MaxFileSize {
		return nil, &tabular.Error{Path: path, Err: fmt.Errorf("the file is %d MB, at most %d MB", len(data)>>20, MaxFileSize>>20)}
	}
	if i := bytes.IndexByte(data, 0); i >= 0 {
		return nil, &tabular.Error{Path: path, Line: tabular.LineAt(data, int64(i)), Err: errors.New("a NUL byte: this is not a text file")}
	}
	if !utf8.Valid(data) {
		return nil, &tabular.Error{Path: path, Err: errors.New("not UTF-8 text")}
	}
	var items []Item
	var cols []map[string]tabular.Field // CSV: where each item's fields are
	switch strings.ToLower(filepath.Ext(path)) {
	case ".md", ".markdown":
		items = markdownItems(data)
	default:
		table, err := tabular.Read(path, data, schema)
		if err != nil {
			return nil, err
		}
		if table.Header != nil {
			for _, need := range []string{"question", "answer"} {
				if !containsStr(table.Columns, need) {
					return nil, &tabular.Error{Path: path, Line: 1, Err: fmt.Errorf("missing column %q (columns: %s)", need, strings.Join(table.Header, ", "))}
				}
			}
		}
		for _, r := range table.Rows {
			items = append(items, Item{Line: r.Line, Question: r.Fields["question"].Text, Answer: r.Fields["answer"].Text, Topic: strings.TrimSpace(r.Fields["topic"].Text)})
			cols = append(cols, r.Fields)
		}
	}
	if len(items) == 0 {
		return nil, &tabular.Error{Path: path, Err: errors.New("no questions (CSV/JSONL rows with question and answer, or Markdown `## ` headings with the answer under each)")}
	}
	if len(items) > MaxItems {
		return nil, &tabular.Error{Path: path, Err: fmt.Errorf("%d questions, at most %d in one batch", len(items), MaxItems)}
	}
	perr := &ParseError{Path: path}
	for i, it := range items {
		for _, f := range []struct{ name, value string }{{"question", it.Question}, {"answer", it.Answer}} {
			req := grader.Request{Question: "q", Answer: "a"}
			if f.name == "question" {
				req.Question = f.value
			} else {
				req.Answer = f.value
			}
			if _, err := grader.Validate(req); err != nil {
				col := 0
				if cols != nil {
					col = cols[i][f.name].Column
				}
				perr.add(&tabular.Error{Path: path, Line: it.Line, Column: col, Field: f.name, Err: problem{err}})
			}
		}
		items[i].Question, items[i].Answer = strings.TrimSpace(it.Question), strings.TrimSpace(it.Answer)
	}
	if len(perr.Problems) > 0 {
		return nil, perr
	}
	return items, nil
}

// problem is a grader's refusal of an item, said without the "bad input"
// prefix; it still unwraps to the grader's error (and its reason).
type problem struct{ err error }

func (p problem) Error() string {
	return strings.TrimPrefix(p.err.Error(), grader.ErrBadInput.Error()+": ")
}
func (p problem) Unwrap() error { return p.err }

func containsStr(ss []string, s string) bool {
	for _, x := range ss {
		if x == s {
			return true
		}
	}
	return false
}

// markdownItems reads `## ` headings (ATX or setext) as questions and the
// source lines under each as its answer. A `# ` title and anything before
// the first question are not items.
func markdownItems(data []byte) []Item {
	doc := goldmark.New().Parser().Parse(text.NewReader(data))
	type heading struct {
		level      int
		start, end int // byte range of the heading's own lines
		title      string
	}
	var hs []heading
	for n := doc.FirstChild(); n != nil; n = n.NextSibling() {
		h, ok := n.(*ast.Heading)
		if !ok {
			continue
		}
		start, end := blockRange(h, data)
		hs = append(hs, heading{level: h.Level, start: start, end: end, title: plainText(h, data)})
	}
	var out []Item
	for i, h := range hs {
		if h.level != 2 {
			continue
		}
		end := len(data)
		for _, next := range hs[i+1:] {
			if next.level <= 2 {
				end = next.start
				break
			}
		}
		answer := ""
		if h.end < end {
			answer = strings.TrimSpace(string(data[h.end:end]))
		}
		out = append(out, Item{Line: tabular.LineAt(data, int64(h.start)), Question: h.title, Answer: answer})
	}
	return out
}

// blockRange is the byte range of a heading's lines: from the start of its
// first line to the end of its last (setext headings have an underline).
func blockRange(h *ast.Heading, data []byte) (int, int) {
	lines := h.Lines()
	if lines.Len() == 0 {
		return 0, 0
	}
	first, last := lines.At(0), lines.At(lines.Len()-1)
	start := bytes.LastIndexByte(data[:first.Start], '\n') + 1
	end := lineEnd(data, last.Stop)
	if setext := !strings.HasPrefix(strings.TrimLeft(string(data[start:first.Start]), " "), "#"); setext {
		end = lineEnd(data, end) // the underline belongs to it
	}
	return start, end
}

// lineEnd is the offset just past the newline that ends the line holding off.
func lineEnd(data []byte, off int) int {
	if off >= len(data) {
		return len(data)
	}
	if nl := bytes.IndexByte(data[off:], '\n'); nl >= 0 {
		return off + nl + 1
	}
	return len(data)
}

// plainText is a heading's text without its markup.
func plainText(n ast.Node, src []byte) string {
	var b strings.Builder
	_ = ast.Walk(n, func(c ast.Node, entering bool) (ast.WalkStatus, error) {
		if !entering {
			return ast.WalkContinue, nil
		}
		switch t := c.(type) {
		case *ast.Text:
			b.Write(t.Segment.Value(src))
			if t.SoftLineBreak() || t.HardLineBreak() {
				b.WriteByte(' ')
			}
		case *ast.String:
			b.Write(t.Value)
		case *ast.CodeSpan:
			for ch := t.FirstChild(); ch != nil; ch = ch.NextSibling() {
				if tx, ok := ch.(*ast.Text); ok {
					b.Write(tx.Segment.Value(src))
				}
			}
			return ast.WalkSkipChildren, nil
		}
		return ast.WalkContinue, nil
	})
	return strings.TrimSpace(b.String())
}
