package grader

import (
	"bufio"
	"encoding/json"
	"fmt"
	"os"
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
	// fresh25 is held out: its follow-ups were rated blind in round 21 and
	// only the counts were read
	reviews = append(reviews,
		review{"fresh25-round21-generated.jsonl", "fresh25.jsonl", false, 1, false},
		review{"fresh25-strong-generated.jsonl", "fresh25.jsonl", false, 1, true})
	for _, c := range reviews {
		t.Run(c.file, func(t *testing.T) {
			var want []string
			if c.bank {
				var secs []notes.Heading
				for _, p := range seedChunks(t) {
					secs = append(secs, notes.Heading{Note: p.Note, HeadingPath: p.HeadingPath, Text: p.Text})
				}
				for _, q := range GenerateQuestions(secs) {
					want = append(want, "bank|"+strings.Join(q.HeadingPath, " > ")+"|"+q.Question)
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
					}
				}
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
