package grader

import (
	"context"
	"encoding/csv"
	"encoding/json"
	"errors"
	"hash/fnv"
	"os"
	"testing"

	"grader/internal/testdatadir"
	"grader/notes"
	"grader/token"
)

// TestSemEvalHeldOutAUC grades the SciEntsBank questions the default
// calibration was not fitted on (odd FNV hash of the question id, as in
// grader/internal/tune) and checks the judge separates correct from incorrect
// answers better than the lexical floors in KNOWN.md (tf-idf 0.699).
func TestSemEvalHeldOutAUC(t *testing.T) {
	if testing.Short() {
		t.Skip("grades 2,500 answers")
	}
	f, err := os.Open(testdatadir.Path("en", "scientsbank_train.csv"))
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	recs, err := csv.NewReader(f).ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	col := map[string]int{}
	for i, h := range recs[0] {
		col[h] = i
	}
	g := token.DefaultGlossary()
	j := NewOffline(g, DefaultCalibration())
	rubrics := map[string]Rubric{}
	var scores []float64
	var labels []bool
	for _, r := range recs[1:] {
		qid := r[col["question_id"]]
		h := fnv.New32a()
		h.Write([]byte(qid))
		if h.Sum32()%2 == 0 {
			continue // the fit half
		}
		rb, ok := rubrics[qid]
		if !ok {
			rb = semEvalRubric(t, r[col["question"]], qid, r[col["reference_answers_json"]], g)
			rubrics[qid] = rb
		}
		gr, err := j.Judge(context.Background(), rb, r[col["student_answer"]])
		if errors.Is(err, ErrEmptyAnswer) {
			gr.Score = 0
		} else if err != nil {
			t.Fatal(err)
		}
		scores = append(scores, float64(gr.Score))
		labels = append(labels, r[col["label_2way"]] == "correct")
	}
	auc := ROCAUC(labels, scores)
	t.Logf("held-out SciEntsBank: %d answers, %d questions, AUC %.3f", len(scores), len(rubrics), auc)
	if len(scores) < 2000 || auc <= 0.72 {
		t.Fatalf("held-out AUC %.3f on %d answers, want > 0.72", auc, len(scores))
	}
}

func semEvalRubric(t *testing.T, question, qid, refsJSON string, g *token.Glossary) Rubric {
	var refs []struct{ ID, Category, Text string }
	if err := json.Unmarshal([]byte(refsJSON), &refs); err != nil {
		t.Fatalf("references of %s: %v", qid, err)
	}
	ps := make([]notes.Passage, len(refs))
	for i, rf := range refs {
		ps[i] = notes.Passage{ChunkID: rf.ID, Note: qid, HeadingPath: []string{question}, Text: rf.Text, Score: 1 / float64(1+i)}
	}
	return BuildRubric(question, ps, g)
}

func TestCalibrationProb(t *testing.T) {
	c := DefaultCalibration()
	cases := []struct {
		name     string
		lo, hi   Features
		wantLess bool
	}{
		{"coverage raises", Features{Coverage: 0.2, BestPassage: 0.2, Precision: 0.8}, Features{Coverage: 0.8, BestPassage: 0.8, Precision: 0.8}, true},
		{"precision raises", Features{Coverage: 0.5, BestPassage: 0.5, Precision: 0.1}, Features{Coverage: 0.5, BestPassage: 0.5, Precision: 0.9}, true},
		{"incorrect lowers", Features{Coverage: -0.4, BestPassage: -0.4, Precision: 0.8}, Features{Coverage: 0.3, BestPassage: 0.3, Precision: 0.8}, true},
	}
	for _, tc := range cases {
		lo, hi := c.Prob(tc.lo), c.Prob(tc.hi)
		if (lo < hi) != tc.wantLess || lo < 0 || hi > 1 {
			t.Errorf("%s: Prob %v → %v", tc.name, lo, hi)
		}
	}
	if len(c.Weights) != len(FeatureNames) || len(Features{}.Vector()) != len(FeatureNames) {
		t.Fatalf("%d weights, %d names, %d features", len(c.Weights), len(FeatureNames), len(Features{}.Vector()))
	}
}
