package grader

import (
	"bytes"
	"encoding/json"
	"fmt"
	"math"

	"grader/token"
)

// Kinds of evaluation, after the kind of human grade in the dataset.
const (
	EvalNumeric = "numeric" // items carry scores
	EvalLabels  = "labels"  // items carry correct/incorrect labels
)

// EvalPassScore is where a 0-100 score is cut into correct (>=) and incorrect
// for accuracy and macro-F1 on labelled data: the grader's own midpoint, not a
// threshold tuned on the labels (AUC, which needs no threshold, uses the raw score).
const EvalPassScore = 50

// EvalResult is the output of `grader eval` (CONTRACT.md). A numeric
// evaluation has pearson, spearman, rmse and qwk; a labelled one has
// accuracy, macro_f1 and auc; both have n, retrieval_hit_at_5 and seconds,
// plus "kind" and, when requested, "baseline": the same metrics for the
// tf-idf baseline scorer. A metric that is undefined on the data (e.g. a
// correlation of constant scores) is null.
type EvalResult struct {
	Kind     string   `json:"kind"`
	N        int      `json:"n"`
	Pearson  *float64 `json:"pearson,omitempty"`
	Spearman *float64 `json:"spearman,omitempty"`
	RMSE     *float64 `json:"rmse,omitempty"`
	QWK      *float64 `json:"qwk,omitempty"`
	Accuracy *float64 `json:"accuracy,omitempty"`
	MacroF1  *float64 `json:"macro_f1,omitempty"`
	AUC      *float64 `json:"auc,omitempty"`
	// RetrievalHitAt5 is the share of items whose reference was among the
	// first five passages retrieved for the question; nil when not measured
	// (the baseline is handed the reference, so it never is).
	RetrievalHitAt5 *float64 `json:"retrieval_hit_at_5,omitempty"`
	Seconds         float64  `json:"seconds"`
	// Baseline holds the tf-idf baseline's metrics (Kind, N and the metrics of
	// the kind; no retrieval, no seconds).
	Baseline *EvalResult `json:"baseline,omitempty"`
	// Contradictions reports, on data with a "contradictory" class, how
	// well grades with an incorrect point find it.
	Contradictions *ContradictionStats `json:"contradictions,omitempty"`
}

// ContradictionStats is how "incorrect" points line up with answers labelled
// contradictory: precision over the answers with an incorrect point, recall
// over the contradictory ones.
type ContradictionStats struct {
	Contradictory int      `json:"contradictory"`
	Flagged       int      `json:"flagged"`
	Precision     *float64 `json:"precision"`
	Recall        *float64 `json:"recall"`
}

// Contradictions counts flagged (a grade with an incorrect point) against
// items labelled contradictory; nil when no item has a 3-way label.
func Contradictions(items []LabelledItem, flagged []bool) *ContradictionStats {
	metricSameLen("Contradictions", len(items), len(flagged))
	st := &ContradictionStats{}
	has3, both := false, 0
	for i, it := range items {
		has3 = has3 || it.Label3 != ""
		c := it.Label3 == "contradictory"
		if c {
			st.Contradictory++
		}
		if flagged[i] {
			st.Flagged++
			if c {
				both++
			}
		}
	}
	if !has3 {
		return nil
	}
	if st.Flagged > 0 {
		p := float64(both) / float64(st.Flagged)
		st.Precision = &p
	}
	if st.Contradictory > 0 {
		r := float64(both) / float64(st.Contradictory)
		st.Recall = &r
	}
	return st
}

// MarshalJSON writes the fields of the result's kind only, in a fixed order,
// with null for an undefined metric (a missing key would read as a
// different output shape).
func (r EvalResult) MarshalJSON() ([]byte, error) { return r.marshal(false) }

func (r EvalResult) marshal(nested bool) ([]byte, error) {
	type kv struct {
		k string
		v any
	}
	fields := []kv{{"kind", r.Kind}, {"n", r.N}}
	if r.Kind == EvalLabels {
		fields = append(fields, kv{"accuracy", r.Accuracy}, kv{"macro_f1", r.MacroF1}, kv{"auc", r.AUC})
	} else {
		fields = append(fields, kv{"pearson", r.Pearson}, kv{"spearman", r.Spearman}, kv{"rmse", r.RMSE}, kv{"qwk", r.QWK})
	}
	if !nested || r.RetrievalHitAt5 != nil {
		fields = append(fields, kv{"retrieval_hit_at_5", r.RetrievalHitAt5})
	}
	if !nested || r.Seconds != 0 {
		fields = append(fields, kv{"seconds", r.Seconds})
	}
	if r.Contradictions != nil {
		fields = append(fields, kv{"contradictions", r.Contradictions})
	}
	if r.Baseline != nil {
		b, err := r.Baseline.marshal(true)
		if err != nil {
			return nil, err
		}
		fields = append(fields, kv{"baseline", json.RawMessage(b)})
	}
	var buf bytes.Buffer
	buf.WriteByte('{')
	for i, f := range fields {
		if i > 0 {
			buf.WriteByte(',')
		}
		v, err := json.Marshal(f.v)
		if err != nil {
			return nil, fmt.Errorf("eval result %s: %w", f.k, err)
		}
		fmt.Fprintf(&buf, "%q:%s", f.k, v)
	}
	buf.WriteByte('}')
	return buf.Bytes(), nil
}

// DatasetKind tells whether items carry scores (EvalNumeric) or labels
// (EvalLabels). ReadDataset guarantees a dataset is all one kind.
func DatasetKind(items []LabelledItem) string {
	if len(items) > 0 && items[0].Label != "" {
		return EvalLabels
	}
	return EvalNumeric
}

// Evaluate compares predicted 0-100 scores with the human grades of items.
// hits[i] says whether item i's reference was retrieved in the top five (nil:
// not measured); baseline, when not nil, holds the baseline's scores for the
// same items and fills Result.Baseline. Seconds is left for the caller.
// predictions, and hits and baseline when given, must be as long as items.
//
// Numeric datasets: the human score is Score, or Score/MaxScore when the
// items' MaxScores differ (Pearson, Spearman and RMSE then read on a 0-1
// scale, and QWK is undefined). QWK rounds human scores to integers and maps
// predictions onto them through the same least-squares line as RMSE, rounded
// and clamped to the human range.
//
// Labelled datasets: accuracy and macro-F1 count a score >= EvalPassScore as
// "correct"; AUC ranks the raw scores.
func Evaluate(items []LabelledItem, predictions []float64, hits []bool, baseline []float64) EvalResult {
	metricSameLen("Evaluate", len(items), len(predictions))
	res := evalMetrics(items, predictions)
	if hits != nil {
		metricSameLen("Evaluate", len(items), len(hits))
		n := 0
		for _, h := range hits {
			if h {
				n++
			}
		}
		if len(hits) > 0 {
			res.RetrievalHitAt5 = evalValue(float64(n) / float64(len(hits)))
		}
	}
	if baseline != nil {
		metricSameLen("Evaluate", len(items), len(baseline))
		b := evalMetrics(items, baseline)
		res.Baseline = &b
	}
	return res
}

func evalMetrics(items []LabelledItem, pred []float64) EvalResult {
	res := EvalResult{Kind: DatasetKind(items), N: len(items)}
	if len(items) == 0 {
		return res
	}
	if res.Kind == EvalLabels {
		truth := make([]bool, len(items))
		pass := make([]bool, len(items))
		for i, it := range items {
			truth[i] = it.Label == LabelCorrect
			pass[i] = pred[i] >= EvalPassScore
		}
		res.Accuracy = evalValue(Accuracy(truth, pass))
		res.MacroF1 = evalValue(MacroF1(truth, pass))
		res.AUC = evalValue(ROCAUC(truth, pred))
		return res
	}

	human, integral := evalHumanScores(items)
	res.Pearson = evalValue(Pearson(pred, human))
	res.Spearman = evalValue(Spearman(pred, human))
	res.RMSE = evalValue(RMSEAfterFit(pred, human))
	if integral && len(items) >= 2 {
		a, b := metricFit(pred, human)
		hi := make([]int, len(items))
		pi := make([]int, len(items))
		for i := range human {
			hi[i] = int(math.Round(human[i]))
		}
		lo, up := hi[0], hi[0]
		for _, v := range hi {
			lo, up = min(lo, v), max(up, v)
		}
		for i := range pred {
			pi[i] = min(max(int(math.Round(a+b*pred[i])), lo), up)
		}
		res.QWK = evalValue(QuadraticWeightedKappa(hi, pi))
	}
	return res
}

// evalHumanScores returns the human scores on one scale, and whether that
// scale is the items' own (so that rounding to integers is meaningful for QWK).
func evalHumanScores(items []LabelledItem) ([]float64, bool) {
	same := true
	for _, it := range items {
		if (it.MaxScore == nil) != (items[0].MaxScore == nil) ||
			it.MaxScore != nil && *it.MaxScore != *items[0].MaxScore {
			same = false
			break
		}
	}
	out := make([]float64, len(items))
	for i, it := range items {
		if it.Score == nil {
			out[i] = math.NaN()
			continue
		}
		out[i] = *it.Score
		if !same && it.MaxScore != nil {
			out[i] /= *it.MaxScore
		}
	}
	return out, same
}

// evalValue turns an undefined (NaN) metric into nil.
func evalValue(v float64) *float64 {
	if math.IsNaN(v) || math.IsInf(v, 0) {
		return nil
	}
	return &v
}

// ---- the tf-idf baseline ----

// FitIDF returns the smoothed inverse document frequency of every term of
// docs: ln((1+N)/(1+df)) + 1, as scikit-learn's TfidfVectorizer computes it.
// Terms are token.Terms without a glossary: the baseline is plain lexical
// matching, the floor the grader must clear.
func FitIDF(docs []string) map[string]float64 {
	df := map[string]int{}
	for _, d := range docs {
		seen := map[string]bool{}
		for _, t := range token.Terms(d, nil) {
			if !seen[t] {
				seen[t] = true
				df[t]++
			}
		}
	}
	idf := make(map[string]float64, len(df))
	n := float64(len(docs))
	for t, c := range df {
		idf[t] = math.Log((1+n)/(1+float64(c))) + 1
	}
	return idf
}

// TFIDFScore is the cosine similarity, times 100, of the tf-idf vectors
// (raw term counts times idf) of answer and reference. Terms missing from
// idf are ignored: fit idf over every text you score.
func TFIDFScore(answer, reference string, idf map[string]float64) float64 {
	vec := func(s string) map[string]float64 {
		v := map[string]float64{}
		for _, t := range token.Terms(s, nil) {
			if w, ok := idf[t]; ok {
				v[t] += w
			}
		}
		return v
	}
	a, r := vec(answer), vec(reference)
	var dot, na, nr float64
	for t, x := range a {
		dot += x * r[t]
		na += x * x
	}
	for _, y := range r {
		nr += y * y
	}
	if na == 0 || nr == 0 {
		return 0
	}
	return 100 * dot / math.Sqrt(na*nr)
}

// TFIDFBaseline scores every answer against its own reference answer (handed
// over, not retrieved) with TFIDFScore, idf fitted over the distinct
// references and all answers of the dataset. It is the lexical floor of
// KNOWN.md: on SemEval sciEntsBank it reaches a ROC AUC near 0.70.
func TFIDFBaseline(items []LabelledItem) []float64 {
	var docs []string
	seen := map[string]bool{}
	for _, it := range items {
		if !seen[it.ReferenceAnswer] {
			seen[it.ReferenceAnswer] = true
			docs = append(docs, it.ReferenceAnswer)
		}
		docs = append(docs, it.Answer)
	}
	idf := FitIDF(docs)
	out := make([]float64, len(items))
	for i, it := range items {
		out[i] = TFIDFScore(it.Answer, it.ReferenceAnswer, idf)
	}
	return out
}
