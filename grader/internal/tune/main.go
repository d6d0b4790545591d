// Command tune fits the offline judge's calibration and reports how well the
// judge separates correct from incorrect answers on held-out data.
//
//	go run ./grader/internal/tune [-data testdata]
//
// The data is the repository's testdata/ (en/*.csv, ko/qa.jsonl; see
// testdata/README.md), the default of -data.
//
// SemEval-2013 SciEntsBank questions are split by an FNV hash of the question
// id: even hashes are fitted on, odd ones held out. Beetle is never fitted on.
// Korean: each qa.jsonl item's own answer against another item's answer
// (seeded), graded against passages taken from the item's source note.
package main

import (
	"context"
	"encoding/csv"
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"hash/fnv"
	"io"
	"math"
	"math/rand/v2"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"time"

	"grader/grader"
	"grader/internal/testdatadir"
	"grader/notes"
	"grader/token"
)

func main() {
	dataDir := flag.String("data", testdatadir.Path(), "folder with en/*.csv and ko/qa.jsonl")
	l2 := flag.Float64("l2", 0.01, "L2 penalty per row on the weights")
	seed := flag.Uint64("seed", 7, "seed for pairing Korean answers")
	dump := flag.String("dump", "", "write features of -dump-set to this TSV file (for analysis) and exit")
	dumpSet := flag.String("dump-set", "fit", "what -dump writes: fit (the SciEntsBank fit half) or beetle")
	flag.Parse()
	if *dump != "" {
		if err := dumpFeatures(*dataDir, *dumpSet, *dump); err != nil {
			fmt.Fprintln(os.Stderr, "tune:", err)
			os.Exit(1)
		}
		return
	}
	if err := run(*dataDir, *l2, *seed, os.Stdout); err != nil {
		fmt.Fprintln(os.Stderr, "tune:", err)
		os.Exit(1)
	}
}

func run(dataDir string, l2 float64, seed uint64, w io.Writer) error {
	start := time.Now()
	g := token.DefaultGlossary()
	sci, err := loadSemEval(filepath.Join(dataDir, "en", "scientsbank_train.csv"))
	if err != nil {
		return err
	}
	beetle, err := loadSemEval(filepath.Join(dataDir, "en", "beetle_train.csv"))
	if err != nil {
		return err
	}
	probe := grader.NewOffline(g, grader.DefaultCalibration())
	fit, held := splitByQuestion(sci)
	xs, ys, err := measure(probe, fit, g)
	if err != nil {
		return err
	}
	cal := Fit(xs, ys, l2)
	cal.Source = fmt.Sprintf("logistic regression (L2 %g) on %d SciEntsBank answers of even-hash questions, 2-way labels", l2, len(fit))
	cv := crossValidate(xs, ys, fit, l2)

	judge := grader.NewOffline(g, cal)
	fitRes, err := evaluate(judge, fit, g, 50)
	if err != nil {
		return err
	}
	threshold := fitRes.bestThreshold
	fmt.Fprintf(w, "calibration fitted on %d rows (%d questions); 2-fold CV AUC within the fit half: %.3f\n\n", len(fit), countQuestions(fit), cv)
	fmt.Fprintf(w, "%-28s %6s %7s %9s %9s %9s %9s %11s\n", "set", "n", "AUC", "F1@50", fmt.Sprintf("F1@%.0f‡", threshold), "raw AUC†", "tfidf AUC", "tfidf F1*")
	for _, set := range []struct {
		name string
		rows []row
	}{{"SciEntsBank held-out half", held}, {"Beetle (never fitted)", beetle}, {"SciEntsBank fit half", fit}} {
		res, err := evaluate(judge, set.rows, g, threshold)
		if err != nil {
			return err
		}
		fmt.Fprintf(w, "%-28s %6d %7.3f %9.3f %9.3f %9.3f %9.3f %11.3f\n", set.name, len(set.rows), res.auc, res.f1, res.f1At, res.rawAUC, res.tfidfAUC, res.tfidfF1)
	}
	fmt.Fprintln(w, "  (‡ macro-F1 at the score threshold that maximises it on the fit half)")
	fmt.Fprintln(w, "  († the calibrated probability before the product's rules: too-short answers capped at weak, off-topic at 5)")
	fmt.Fprintln(w, "  (* tf-idf macro-F1 at its best threshold on the same rows: an upper bound for it)")
	ko, err := koreanPairs(judge, filepath.Join(dataDir, "ko"), g, seed)
	if err != nil {
		return err
	}
	fmt.Fprintf(w, "\nKorean qa.jsonl: own answer vs another item's answer, %d items: AUC %.3f (own mean %.1f, other mean %.1f)\n",
		ko.n, ko.auc, ko.ownMean, ko.otherMean)
	fmt.Fprintf(w, "\nDefaultCalibration:\n%s\n", goLiteral(cal))
	fmt.Fprintf(w, "took %s\n", time.Since(start).Round(time.Millisecond))
	return nil
}

// ---------------------------------------------------------------------------
// SemEval

type row struct {
	corpus, qid, question string
	refs                  []ref
	answer                string
	correct               bool
}

type ref struct {
	ID       string `json:"id"`
	Category string `json:"category"`
	Text     string `json:"text"`
}

func loadSemEval(path string) ([]row, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, fmt.Errorf("open dataset: %w", err)
	}
	defer f.Close()
	recs, err := csv.NewReader(f).ReadAll()
	if err != nil {
		return nil, fmt.Errorf("read %s: %w", path, err)
	}
	if len(recs) < 2 {
		return nil, fmt.Errorf("%s: no rows", path)
	}
	col := map[string]int{}
	for i, h := range recs[0] {
		col[h] = i
	}
	for _, need := range []string{"question_id", "question", "reference_answers_json", "student_answer", "label_2way"} {
		if _, ok := col[need]; !ok {
			return nil, fmt.Errorf("%s: missing column %s", path, need)
		}
	}
	var out []row
	for _, r := range recs[1:] {
		var refs []ref
		if err := json.Unmarshal([]byte(r[col["reference_answers_json"]]), &refs); err != nil {
			return nil, fmt.Errorf("%s: reference answers of %s: %w", path, r[col["question_id"]], err)
		}
		out = append(out, row{
			corpus: r[col["corpus"]], qid: r[col["question_id"]], question: r[col["question"]], refs: refs,
			answer: r[col["student_answer"]], correct: r[col["label_2way"]] == "correct",
		})
	}
	return out, nil
}

func splitByQuestion(rows []row) (fit, held []row) {
	for _, r := range rows {
		h := fnv.New32a()
		h.Write([]byte(r.qid))
		if h.Sum32()%2 == 0 {
			fit = append(fit, r)
		} else {
			held = append(held, r)
		}
	}
	return fit, held
}

func countQuestions(rows []row) int {
	m := map[string]bool{}
	for _, r := range rows {
		m[r.qid] = true
	}
	return len(m)
}

// rubricFor builds the rubric of a question: every reference answer is a
// passage headed by the question, BEST ones ranked first.
func rubricFor(r row, g *token.Glossary) grader.Rubric {
	refs := append([]ref(nil), r.refs...)
	rank := map[string]int{"BEST": 0, "": 0, "GOOD": 1, "MINIMAL": 2}
	sort.SliceStable(refs, func(i, j int) bool { return rank[refs[i].Category] < rank[refs[j].Category] })
	ps := make([]notes.Passage, len(refs))
	for i, rf := range refs {
		ps[i] = notes.Passage{ChunkID: rf.ID, Note: r.qid, HeadingPath: []string{r.question}, Text: rf.Text, Score: 1 / float64(1+i)}
	}
	return grader.BuildRubric(r.question, ps, g)
}

func measure(j *grader.Offline, rows []row, g *token.Glossary) ([][]float64, []bool, error) {
	cache := map[string]grader.Rubric{}
	var xs [][]float64
	var ys []bool
	for _, r := range rows {
		rb, ok := cache[r.qid]
		if !ok {
			rb = rubricFor(r, g)
			cache[r.qid] = rb
		}
		f, err := j.Measure(rb, r.answer)
		if errors.Is(err, grader.ErrEmptyAnswer) {
			f = grader.Features{}
		} else if err != nil {
			return nil, nil, err
		}
		xs = append(xs, f.Vector())
		ys = append(ys, r.correct)
	}
	return xs, ys, nil
}

type result struct{ auc, f1, f1At, bestThreshold, rawAUC, tfidfAUC, tfidfF1 float64 }

func evaluate(j *grader.Offline, rows []row, g *token.Glossary, threshold float64) (result, error) {
	cache := map[string]grader.Rubric{}
	scores := make([]float64, len(rows))
	raw := make([]float64, len(rows))
	labels := make([]bool, len(rows))
	for i, r := range rows {
		rb, ok := cache[r.qid]
		if !ok {
			rb = rubricFor(r, g)
			cache[r.qid] = rb
		}
		labels[i] = r.correct
		gr, err := j.Judge(context.Background(), rb, r.answer)
		if errors.Is(err, grader.ErrEmptyAnswer) {
			continue
		}
		if err != nil {
			return result{}, err
		}
		scores[i] = float64(gr.Score)
		f, err := j.Measure(rb, r.answer)
		if err != nil {
			return result{}, err
		}
		raw[i] = j.Calibration().Prob(f)
	}
	tf := tfidfScores(rows)
	return result{
		auc: AUC(scores, labels), f1: MacroF1(scores, labels, 50), f1At: MacroF1(scores, labels, threshold),
		bestThreshold: bestThreshold(scores, labels), rawAUC: AUC(raw, labels),
		tfidfAUC: AUC(tf, labels), tfidfF1: bestMacroF1(tf, labels),
	}, nil
}

// tfidfScores is the plain baseline: cosine between the answer and its best
// reference answer, tf-idf over every answer and reference of the rows.
func tfidfScores(rows []row) []float64 {
	df := map[string]int{}
	n := 0
	addDoc := func(text string) {
		n++
		seen := map[string]bool{}
		for _, t := range token.Terms(text, nil) {
			if !seen[t] {
				seen[t] = true
				df[t]++
			}
		}
	}
	for _, r := range rows {
		addDoc(r.answer)
	}
	seenRef := map[string]bool{}
	for _, r := range rows {
		for _, rf := range r.refs {
			if !seenRef[rf.ID] {
				seenRef[rf.ID] = true
				addDoc(rf.Text)
			}
		}
	}
	vec := func(text string) map[string]float64 {
		v := map[string]float64{}
		for _, t := range token.Terms(text, nil) {
			v[t]++
		}
		for t := range v {
			v[t] *= math.Log(float64(n+1) / float64(df[t]+1))
		}
		return v
	}
	out := make([]float64, len(rows))
	for i, r := range rows {
		a := vec(r.answer)
		for _, rf := range r.refs {
			out[i] = math.Max(out[i], cosine(a, vec(rf.Text)))
		}
	}
	return out
}

func cosine(a, b map[string]float64) float64 {
	dot, na, nb := 0.0, 0.0, 0.0
	for _, k := range sortedKeys(a) { // sorted: float sums must not depend on map order
		x := a[k]
		dot += x * b[k]
		na += x * x
	}
	for _, k := range sortedKeys(b) {
		nb += b[k] * b[k]
	}
	if na == 0 || nb == 0 {
		return 0
	}
	return dot / math.Sqrt(na*nb)
}

func sortedKeys(m map[string]float64) []string {
	ks := make([]string, 0, len(m))
	for k := range m {
		ks = append(ks, k)
	}
	sort.Strings(ks)
	return ks
}

// crossValidate fits on one half of the fit questions and scores the other,
// both ways: model selection never looks at the held-out half.
func crossValidate(xs [][]float64, ys []bool, rows []row, l2 float64) float64 {
	var aucs []float64
	for fold := uint32(0); fold < 2; fold++ {
		var tx, vx [][]float64
		var ty, vy []bool
		for i, r := range rows {
			h := fnv.New32a()
			h.Write([]byte(r.qid))
			if (h.Sum32()>>16)%2 == fold { // the low bit is the fit/held-out split: use another

				vx, vy = append(vx, xs[i]), append(vy, ys[i])
			} else {
				tx, ty = append(tx, xs[i]), append(ty, ys[i])
			}
		}
		c := Fit(tx, ty, l2)
		s := make([]float64, len(vx))
		for i, x := range vx {
			s[i] = c.Intercept + dot(c.Weights, x)
		}
		aucs = append(aucs, AUC(s, vy))
	}
	return (aucs[0] + aucs[1]) / 2
}

// ---------------------------------------------------------------------------
// Korean

type qaItem struct {
	ID         string `json:"id"`
	Question   string `json:"question"`
	Answer     string `json:"answer"`
	SourceFile string `json:"source_file"`
}

type koResult struct {
	n                       int
	auc, ownMean, otherMean float64
}

func koreanPairs(j *grader.Offline, dir string, g *token.Glossary, seed uint64) (koResult, error) {
	b, err := os.ReadFile(filepath.Join(dir, "qa.jsonl"))
	if err != nil {
		return koResult{}, fmt.Errorf("read qa.jsonl: %w", err)
	}
	var items []qaItem
	for _, line := range strings.Split(strings.TrimSpace(string(b)), "\n") {
		var it qaItem
		if err := json.Unmarshal([]byte(line), &it); err != nil {
			return koResult{}, fmt.Errorf("qa.jsonl: %w", err)
		}
		items = append(items, it)
	}
	rng := rand.New(rand.NewPCG(seed, seed^0x9e3779b97f4a7c15))
	var scores []float64
	var labels []bool
	var own, other float64
	for i, it := range items {
		src, err := os.ReadFile(filepath.Join(dir, "notes", it.SourceFile))
		if err != nil {
			return koResult{}, fmt.Errorf("note of %s: %w", it.ID, err)
		}
		ps := retrieve(it.Question, paragraphs(it.SourceFile, string(src)), 5)
		rb := grader.BuildRubric(it.Question, ps, g)
		k := rng.IntN(len(items) - 1)
		if k >= i {
			k++
		}
		for _, c := range []struct {
			text string
			own  bool
		}{{it.Answer, true}, {items[k].Answer, false}} {
			gr, err := j.Judge(context.Background(), rb, c.text)
			if err != nil {
				return koResult{}, fmt.Errorf("grade %s: %w", it.ID, err)
			}
			scores = append(scores, float64(gr.Score))
			labels = append(labels, c.own)
			if c.own {
				own += float64(gr.Score)
			} else {
				other += float64(gr.Score)
			}
		}
	}
	n := float64(len(items))
	return koResult{n: len(items), auc: AUC(scores, labels), ownMean: own / n, otherMean: other / n}, nil
}

// paragraphs splits a Markdown note at blank lines, each paragraph headed by
// the headings above it.
func paragraphs(name, src string) []notes.Passage {
	var out []notes.Passage
	var heads []string
	var cur []string
	flush := func() {
		t := strings.TrimSpace(strings.Join(cur, "\n"))
		cur = nil
		if t != "" {
			out = append(out, notes.Passage{ChunkID: fmt.Sprintf("%s#%d", name, len(out)), Note: name, HeadingPath: append([]string(nil), heads...), Text: t})
		}
	}
	for _, l := range strings.Split(src, "\n") {
		trim := strings.TrimSpace(l)
		if strings.HasPrefix(trim, "#") {
			flush()
			level := len(trim) - len(strings.TrimLeft(trim, "#"))
			if level > len(heads)+1 {
				level = len(heads) + 1
			}
			heads = append(heads[:level-1], strings.TrimSpace(strings.TrimLeft(trim, "#")))
			continue
		}
		if trim == "" {
			flush()
			continue
		}
		cur = append(cur, l)
	}
	flush()
	return out
}

// retrieve is a stand-in for the product's retrieval: top k paragraphs by
// idf-weighted term overlap with the question (heading included).
func retrieve(q string, ps []notes.Passage, k int) []notes.Passage {
	df := map[string]int{}
	docs := make([]map[string]bool, len(ps))
	for i, p := range ps {
		docs[i] = map[string]bool{}
		for _, t := range token.Terms(strings.Join(p.HeadingPath, " ")+" "+p.Text, nil) {
			docs[i][t] = true
		}
		for t := range docs[i] {
			df[t]++
		}
	}
	type scored struct {
		i int
		s float64
	}
	var ss []scored
	var qt []string // in order: float sums must not depend on map order
	seen := map[string]bool{}
	for _, t := range token.Terms(q, nil) {
		if !seen[t] {
			seen[t] = true
			qt = append(qt, t)
		}
	}
	for i := range ps {
		s := 0.0
		for _, t := range qt {
			if docs[i][t] {
				s += math.Log(float64(len(ps)+1) / float64(df[t]+1))
			}
		}
		ss = append(ss, scored{i, s})
	}
	sort.SliceStable(ss, func(a, b int) bool { return ss[a].s > ss[b].s })
	var out []notes.Passage
	for n, s := range ss {
		if n == k {
			break
		}
		p := ps[s.i]
		p.Score = s.s
		out = append(out, p)
	}
	return out
}

// ---------------------------------------------------------------------------
// Metrics and fitting

// AUC is the ROC area (ties count half), from the product's metrics.
func AUC(scores []float64, labels []bool) float64 { return grader.ROCAUC(labels, scores) }

// MacroF1 averages the F1 of both classes at a score threshold.
func MacroF1(scores []float64, labels []bool, threshold float64) float64 {
	var tp, fp, fn, tn float64
	for i, s := range scores {
		pred := s >= threshold
		switch {
		case pred && labels[i]:
			tp++
		case pred:
			fp++
		case labels[i]:
			fn++
		default:
			tn++
		}
	}
	f := func(tp, fp, fn float64) float64 {
		if tp == 0 {
			return 0
		}
		return 2 * tp / (2*tp + fp + fn)
	}
	return (f(tp, fp, fn) + f(tn, fn, fp)) / 2
}

// bestThreshold is the integer score threshold with the best macro-F1.
func bestThreshold(scores []float64, labels []bool) float64 {
	best, at := -1.0, 50.0
	for t := 1.0; t < 100; t++ {
		if f := MacroF1(scores, labels, t); f > best {
			best, at = f, t
		}
	}
	return at
}

func bestMacroF1(scores []float64, labels []bool) float64 {
	best := 0.0
	for t := 0.0; t <= 1.0; t += 0.01 {
		best = math.Max(best, MacroF1(scores, labels, t))
	}
	return best
}

// Fit is L2-regularised logistic regression by Newton's method.
func Fit(xs [][]float64, ys []bool, l2 float64) grader.Calibration {
	if len(xs) == 0 {
		return grader.Calibration{}
	}
	d := len(xs[0]) + 1
	w := make([]float64, d)
	lam := l2 * float64(len(xs))
	for range 50 {
		grad := make([]float64, d)
		hess := make([][]float64, d)
		for i := range hess {
			hess[i] = make([]float64, d)
		}
		for i, x := range xs {
			z := w[0] + dot(w[1:], x)
			p := 1 / (1 + math.Exp(-z))
			y := 0.0
			if ys[i] {
				y = 1
			}
			xi := append([]float64{1}, x...)
			for a := range d {
				grad[a] += (p - y) * xi[a]
				for b := range d {
					hess[a][b] += p * (1 - p) * xi[a] * xi[b]
				}
			}
		}
		for a := 1; a < d; a++ {
			grad[a] += lam * w[a]
			hess[a][a] += lam
		}
		step := solve(hess, grad)
		change := 0.0
		for a := range d {
			w[a] -= step[a]
			change += math.Abs(step[a])
		}
		if change < 1e-9 {
			break
		}
	}
	return grader.Calibration{Intercept: w[0], Weights: w[1:]}
}

func dot(a, b []float64) float64 {
	s := 0.0
	for i := range a {
		s += a[i] * b[i]
	}
	return s
}

// solve solves A x = b by Gaussian elimination with partial pivoting.
func solve(a [][]float64, b []float64) []float64 {
	n := len(b)
	m := make([][]float64, n)
	for i := range a {
		m[i] = append(append([]float64(nil), a[i]...), b[i])
	}
	for c := range n {
		p := c
		for r := c + 1; r < n; r++ {
			if math.Abs(m[r][c]) > math.Abs(m[p][c]) {
				p = r
			}
		}
		m[c], m[p] = m[p], m[c]
		if math.Abs(m[c][c]) < 1e-12 {
			continue
		}
		for r := c + 1; r < n; r++ {
			f := m[r][c] / m[c][c]
			for k := c; k <= n; k++ {
				m[r][k] -= f * m[c][k]
			}
		}
	}
	x := make([]float64, n)
	for r := n - 1; r >= 0; r-- {
		if math.Abs(m[r][r]) < 1e-12 {
			continue
		}
		s := m[r][n]
		for k := r + 1; k < n; k++ {
			s -= m[r][k] * x[k]
		}
		x[r] = s / m[r][r]
	}
	return x
}

func goLiteral(c grader.Calibration) string {
	var ws []string
	for i, w := range c.Weights {
		ws = append(ws, fmt.Sprintf("%.4f, // %s", w, grader.FeatureNames[i]))
	}
	return fmt.Sprintf("Calibration{\n\tIntercept: %.4f,\n\tWeights: []float64{\n\t\t%s\n\t},\n\tSource: %q,\n}", c.Intercept, strings.Join(ws, "\n\t\t"), c.Source)
}

// dumpFeatures writes a set's features, labels and texts as TSV.
func dumpFeatures(dataDir, set, path string) error {
	g := token.DefaultGlossary()
	sci, err := loadSemEval(filepath.Join(dataDir, "en", "scientsbank_train.csv"))
	if err != nil {
		return err
	}
	fit, _ := splitByQuestion(sci)
	if set == "beetle" {
		if fit, err = loadSemEval(filepath.Join(dataDir, "en", "beetle_train.csv")); err != nil {
			return err
		}
	}
	j := grader.NewOffline(g, grader.DefaultCalibration())
	xs, ys, err := measure(j, fit, g)
	if err != nil {
		return err
	}
	tf := tfidfScores(fit)
	for i, r := range fit {
		f, _ := j.Measure(rubricFor(r, g), r.answer)
		xs[i] = append(xs[i], f.Incorrect, f.MaxPoint, float64(f.ContentWords))
	}
	var b strings.Builder
	b.WriteString("qid\tlabel\ttfidf\t" + strings.Join(grader.FeatureNames, "\t") + "\tincorrect\tmaxpoint\tcontent\tanswer\tref\n")
	for i, r := range fit {
		fmt.Fprintf(&b, "%s\t%v\t%.4f", r.qid, ys[i], tf[i])
		for _, x := range xs[i] {
			fmt.Fprintf(&b, "\t%.4f", x)
		}
		fmt.Fprintf(&b, "\t%s\t%s\n", strings.ReplaceAll(r.answer, "\t", " "), strings.ReplaceAll(r.refs[0].Text, "\t", " "))
	}
	return os.WriteFile(path, []byte(b.String()), 0o644)
}
