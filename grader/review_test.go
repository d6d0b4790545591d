package grader

import (
	"bufio"
	"bytes"
	"encoding/json"
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"grader/internal/testdatadir"
	"grader/notes"
)

// The rated review files are what the README's shares of natural questions
// and follow-ups are counted on: they must be the code's output, line for
// line, or the shares describe code that no longer runs. A change to the
// bank or the follow-ups fails here until the files are written again and
// the changed lines rated (testdata/review/README.md).
//
// The follow-ups are graded as the service grades (search, then the section
// the question and the answer point at), since round 13: what a user reads.
//
// go test ./grader -run TestReviewFilesAreTheCodesOutput -update-review
// writes the files again from the code: a line keeps the rating it had
// wherever the same text was rated for the same question and answer, and a
// new line is written "unrated", which fails the test until a reader who
// did not see the code rates it.
var updateReview = flag.Bool("update-review", false, "write the review files from the code, keeping the ratings of unchanged lines")

func TestReviewFilesAreTheCodesOutput(t *testing.T) {
	svc, coll := seedService(t, "review")
	type review struct {
		file, set string
		bank      bool
		every     int  // the development set's review takes every other question
		strong    bool // the strong answers' follow-ups (else the thin and the wrong ones')
	}
	reviews := []review{
		{"round20-generated.jsonl", "devset.jsonl", true, 2, false},
		{"round20-strong-generated.jsonl", "devset.jsonl", false, 2, true},
	}
	for n := 11; n <= 22; n++ {
		reviews = append(reviews, review{fmt.Sprintf("fresh%d-round20-generated.jsonl", n), fmt.Sprintf("fresh%d.jsonl", n), false, 1, false})
	}
	reviews = append(reviews, review{"fresh23-followups-generated.jsonl", "fresh23.jsonl", false, 1, false})
	for n := 21; n <= 23; n++ {
		reviews = append(reviews, review{fmt.Sprintf("fresh%d-strong-generated.jsonl", n), fmt.Sprintf("fresh%d.jsonl", n), false, 1, true})
	}
	// Blind sets whose follow-ups (the thin and wrong answers', then the
	// strong ones') were rated blind in the round that wrote them, when
	// only the counts were read. fresh25 is still held out, and so is
	// fresh37 (round 33). The broken lines of fresh30 to fresh36 were read
	// and fixed a round later (27 to 33).
	for _, b := range []struct{ set, round int }{{25, 21}, {30, 26}, {31, 27}, {32, 28}, {33, 29}, {34, 30}, {35, 31}, {36, 32}, {37, 33}} {
		set := fmt.Sprintf("fresh%d.jsonl", b.set)
		reviews = append(reviews,
			review{fmt.Sprintf("fresh%d-round%d-generated.jsonl", b.set, b.round), set, false, 1, false},
			review{fmt.Sprintf("fresh%d-strong-generated.jsonl", b.set), set, false, 1, true})
	}
	var ratings map[string]map[string]reviewRating
	if *updateReview {
		ratings = pastRatings(t)
	}
	for _, c := range reviews {
		t.Run(c.file, func(t *testing.T) {
			var want []string
			var lines []reviewLine
			if c.bank {
				var secs []notes.Heading
				for _, p := range seedChunks(t) {
					secs = append(secs, notes.Heading{Note: p.Note, HeadingPath: p.HeadingPath, Text: p.Text})
				}
				for _, q := range GenerateQuestions(secs) {
					want = append(want, "bank|"+strings.Join(q.HeadingPath, " > ")+"|"+q.Question)
					lines = append(lines, reviewLine{Kind: "bank", Section: strings.Join(q.HeadingPath, " > "), Text: q.Question})
				}
			}
			items, _ := readDevSet(t, c.set)
			for i, it := range items {
				if i%c.every != 0 {
					continue
				}
				answers := []string{it.Thin, it.Wrong}
				if c.strong {
					answers = []string{it.Strong}
				}
				for _, a := range answers {
					gr, err := svc.Check(t.Context(), Request{Collection: coll, Question: it.Question, Answer: a})
					if err != nil {
						t.Fatal(err)
					}
					for _, f := range gr.Followups {
						want = append(want, "followup|"+it.Question+"|"+a+"|"+f)
						lines = append(lines, reviewLine{Kind: "followup", Question: it.Question, Answer: a, Score: gr.Score, Text: f})
					}
				}
			}
			if *updateReview {
				writeReview(t, c.file, lines, ratings)
			}
			got := readReview(t, c.file)
			rated := readReview(t, strings.Replace(c.file, "-generated", "-rated", 1))
			if strings.Join(rated, "\n") != strings.Join(got, "\n") {
				t.Fatalf("%s is not %s line for line", strings.Replace(c.file, "-generated", "-rated", 1), c.file)
			}
			for i := 0; i < max(len(got), len(want)); i++ {
				var g, w string
				if i < len(got) {
					g = got[i]
				}
				if i < len(want) {
					w = want[i]
				}
				if g != w {
					t.Fatalf("line %d of %s:\n  file: %q\n  code: %q\n(%d lines in the file, %d from the code)", i+1, c.file, g, w, len(got), len(want))
				}
			}
		})
	}
}

func readReview(t *testing.T, name string) []string {
	t.Helper()
	f, err := os.Open(testdatadir.Path("review", name))
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	var out []string
	sc := bufio.NewScanner(f)
	sc.Buffer(nil, 1<<20)
	for sc.Scan() {
		var r struct{ Kind, Section, Question, Answer, Text, Rating string }
		if err := json.Unmarshal(sc.Bytes(), &r); err != nil {
			t.Fatalf("%s: %v", name, err)
		}
		if strings.Contains(name, "-rated") && r.Rating != "natural" && r.Rating != "needs_edit" && r.Rating != "broken" {
			t.Fatalf("%s: line %d rated %q", name, len(out)+1, r.Rating)
		}
		if r.Kind == "bank" {
			out = append(out, "bank|"+r.Section+"|"+r.Text)
		} else {
			out = append(out, "followup|"+r.Question+"|"+r.Answer+"|"+r.Text)
		}
	}
	if err := sc.Err(); err != nil {
		t.Fatal(err)
	}
	return out
}

// reviewLine is one line of a review file.
type reviewLine struct {
	Kind, Section, Question, Answer, Text string
	Score                                 int
}

func (l reviewLine) key() string {
	if l.Kind == "bank" {
		return "bank|" + l.Section + "|" + l.Text
	}
	return "followup|" + l.Question + "|" + l.Answer + "|" + l.Text
}

type reviewRating struct{ Rating, Why string }

// pastRatings are the ratings each rated file gives its lines, by file
// and line, and under "" those of every file.
func pastRatings(t *testing.T) map[string]map[string]reviewRating {
	t.Helper()
	files, err := filepath.Glob(testdatadir.Path("review", "*-rated.jsonl"))
	if err != nil {
		t.Fatal(err)
	}
	out := map[string]map[string]reviewRating{"": {}}
	for _, f := range files {
		own := map[string]reviewRating{}
		out[strings.Replace(filepath.Base(f), "-rated", "-generated", 1)] = own
		b, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		for _, raw := range bytes.Split(bytes.TrimSpace(b), []byte("\n")) {
			var r struct {
				reviewLine
				Rating, Why string
			}
			if err := json.Unmarshal(raw, &r); err != nil {
				t.Fatalf("%s: %v", f, err)
			}
			if r.Rating == "natural" || r.Rating == "needs_edit" || r.Rating == "broken" {
				own[r.key()] = reviewRating{r.Rating, r.Why}
				out[""][r.key()] = reviewRating{r.Rating, r.Why}
			}
		}
	}
	return out
}

// writeReview writes a generated file (compact JSON, keys sorted) and its
// rated twin (the same keys, then rating and why, spaced as the readers'
// tools write them).
func writeReview(t *testing.T, name string, lines []reviewLine, ratings map[string]map[string]reviewRating) {
	t.Helper()
	var gen, rated bytes.Buffer
	unrated := 0
	for _, l := range lines {
		var kv [][2]any
		if l.Kind == "bank" {
			kv = [][2]any{{"kind", l.Kind}, {"section", l.Section}, {"text", l.Text}}
		} else {
			kv = [][2]any{{"answer", l.Answer}, {"kind", l.Kind}, {"question", l.Question}, {"score", l.Score}, {"text", l.Text}}
		}
		r, ok := ratings[name][l.key()]
		if !ok {
			r, ok = ratings[""][l.key()]
		}
		if !ok {
			r, unrated = reviewRating{"unrated", ""}, unrated+1
			t.Logf("%s: new line to rate: %s", name, l.Text)
		}
		gen.WriteString(jsonObject(t, kv, ",", ":", true))
		rated.WriteString(jsonObject(t, append(kv, [2]any{"rating", r.Rating}, [2]any{"why", r.Why}), ", ", ": ", false))
	}
	for file, b := range map[string][]byte{name: gen.Bytes(), strings.Replace(name, "-generated", "-rated", 1): rated.Bytes()} {
		if err := os.WriteFile(testdatadir.Path("review", file), b, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	if unrated > 0 {
		t.Logf("%s: %d lines written unrated", name, unrated)
	}
}

// jsonObject writes one object on one line, its keys in the order given.
func jsonObject(t *testing.T, kv [][2]any, comma, colon string, escapeHTML bool) string {
	t.Helper()
	parts := make([]string, len(kv))
	for i, p := range kv {
		var b bytes.Buffer
		enc := json.NewEncoder(&b)
		enc.SetEscapeHTML(escapeHTML)
		if err := enc.Encode(p[1]); err != nil {
			t.Fatal(err)
		}
		parts[i] = fmt.Sprintf("%q%s%s", p[0], colon, strings.TrimSuffix(b.String(), "\n"))
	}
	return "{" + strings.Join(parts, comma) + "}\n"
}
