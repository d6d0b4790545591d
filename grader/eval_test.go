package grader

import (
	"encoding/json"
	"math"
	"testing"

	"grader/internal/testdatadir"
)

func scored(scores []float64, max float64) []LabelledItem {
	items := make([]LabelledItem, len(scores))
	for i, s := range scores {
		items[i] = LabelledItem{Question: "q", ReferenceAnswer: "r", Answer: "a", Score: f64(s)}
		if max > 0 {
			items[i].MaxScore = f64(max)
		}
	}
	return items
}

func labelled(truth []bool) []LabelledItem {
	items := make([]LabelledItem, len(truth))
	for i, t := range truth {
		items[i] = LabelledItem{Question: "q", ReferenceAnswer: "r", Answer: "a", Label: LabelIncorrect}
		if t {
			items[i].Label = LabelCorrect
		}
	}
	return items
}

func checkMetric(t *testing.T, name string, got *float64, want float64) {
	t.Helper()
	switch {
	case math.IsNaN(want):
		if got != nil {
			t.Errorf("%s = %v, want nil", name, *got)
		}
	case got == nil:
		t.Errorf("%s = nil, want %v", name, want)
	case math.Abs(*got-want) > 1e-9:
		t.Errorf("%s = %v, want %v", name, *got, want)
	}
}

func TestMetricsEvaluateNumeric(t *testing.T) {
	// Human scores y = [2 4 5 4 5] out of 5, predictions 20·x = [20 .. 100]:
	// the metrics of the metrics_test example (scale does not change them).
	// QWK: the fitted line maps predictions to [2.8 3.4 4.0 4.6 5.2], rounded
	// [3 3 4 5 5]. Over categories 2..5 (w = d²/9) the pairs (human, pred)
	// (2,3) (4,3) (5,4) (4,5) (5,5) give Σw·O = (1+1+1+1+0)/9 = 4/9. Marginals
	// human [1 0 2 2], pred [0 2 1 2] (for 2,3,4,5), n = 5: Σ d²·h_i·p_j =
	// 24 (human 2) + 8 (human 4) + 18 (human 5) = 50, so Σw·E = 50/45 = 10/9,
	// and κ = 1 - (4/9)/(10/9) = 0.6.
	items := scored(exY, 5)
	pred := []float64{20, 40, 60, 80, 100}
	hits := []bool{true, true, false, true, true}
	res := Evaluate(items, pred, hits, []float64{50, 50, 50, 50, 50})

	if res.Kind != EvalNumeric || res.N != 5 {
		t.Fatalf("kind/n = %s/%d", res.Kind, res.N)
	}
	checkMetric(t, "pearson", res.Pearson, 6/math.Sqrt(60))
	checkMetric(t, "spearman", res.Spearman, 7/math.Sqrt(90))
	checkMetric(t, "rmse", res.RMSE, math.Sqrt(0.48))
	checkMetric(t, "qwk", res.QWK, 0.6)
	checkMetric(t, "retrieval_hit_at_5", res.RetrievalHitAt5, 0.8)
	checkMetric(t, "accuracy", res.Accuracy, math.NaN())

	// a constant baseline: no correlation, the RMSE of the mean
	b := res.Baseline
	if b == nil || b.Kind != EvalNumeric || b.N != 5 {
		t.Fatalf("baseline = %+v", b)
	}
	checkMetric(t, "baseline pearson", b.Pearson, math.NaN())
	checkMetric(t, "baseline rmse", b.RMSE, math.Sqrt(6.0/5)) // Σdy² = 6
	checkMetric(t, "baseline hit", b.RetrievalHitAt5, math.NaN())
}

func TestMetricsEvaluateVaryingMaxScores(t *testing.T) {
	// 2/5 and 4/10 are the same grade: on the 0-1 scale the human scores are
	// [0.4 0.4 1], so a prediction ordering them so correlates perfectly; QWK
	// is undefined off the items' own integer scale.
	items := scored([]float64{2, 4, 5}, 0)
	items[0].MaxScore, items[1].MaxScore, items[2].MaxScore = f64(5), f64(10), f64(5)
	res := Evaluate(items, []float64{40, 40, 100}, nil, nil)
	checkMetric(t, "pearson", res.Pearson, 1)
	checkMetric(t, "rmse", res.RMSE, 0)
	checkMetric(t, "qwk", res.QWK, math.NaN())
	checkMetric(t, "hit", res.RetrievalHitAt5, math.NaN())
	if res.Baseline != nil {
		t.Errorf("baseline = %+v, want none", res.Baseline)
	}
}

func TestMetricsEvaluateLabels(t *testing.T) {
	// truth [T T F F T F], scores [90 40 50 10 50 50] -> passes at >= 50:
	// [T F T F T T]. Accuracy 3/6. Positive class: tp 2, fp 2, fn 1 -> F1
	// 4/7; negative: tp 1, fp 1, fn 2 -> 2/5; macro (4/7 + 2/5)/2 = 17/35.
	// AUC 2/3 (worked in TestMetricROCAUC).
	items := labelled([]bool{true, true, false, false, true, false})
	res := Evaluate(items, []float64{90, 40, 50, 10, 50, 50}, []bool{true, true, true, false, true, true}, nil)
	if res.Kind != EvalLabels || res.N != 6 {
		t.Fatalf("kind/n = %s/%d", res.Kind, res.N)
	}
	checkMetric(t, "accuracy", res.Accuracy, 0.5)
	checkMetric(t, "macro_f1", res.MacroF1, 17.0/35)
	checkMetric(t, "auc", res.AUC, 2.0/3)
	checkMetric(t, "retrieval_hit_at_5", res.RetrievalHitAt5, 5.0/6)
	checkMetric(t, "pearson", res.Pearson, math.NaN())
}

func TestMetricsEvalResultJSON(t *testing.T) {
	tests := []struct {
		name string
		res  EvalResult
		want string
	}{
		{
			name: "numeric with baseline",
			res: EvalResult{Kind: EvalNumeric, N: 3, Pearson: f64(0.5), Spearman: f64(0.25), RMSE: f64(1), QWK: nil,
				RetrievalHitAt5: f64(1), Seconds: 2.5,
				Baseline: &EvalResult{Kind: EvalNumeric, N: 3, Pearson: f64(0.1), Spearman: f64(0.2), RMSE: f64(2), QWK: f64(0)}},
			want: `{"kind":"numeric","n":3,"pearson":0.5,"spearman":0.25,"rmse":1,"qwk":null,"retrieval_hit_at_5":1,"seconds":2.5,` +
				`"baseline":{"kind":"numeric","n":3,"pearson":0.1,"spearman":0.2,"rmse":2,"qwk":0}}`,
		},
		{
			name: "labels",
			res:  EvalResult{Kind: EvalLabels, N: 2, Accuracy: f64(1), MacroF1: f64(1), AUC: nil, Pearson: f64(9), Seconds: 0.1},
			want: `{"kind":"labels","n":2,"accuracy":1,"macro_f1":1,"auc":null,"retrieval_hit_at_5":null,"seconds":0.1}`,
		},
	}
	for _, tt := range tests {
		got, err := json.Marshal(tt.res)
		if err != nil {
			t.Fatal(err)
		}
		if string(got) != tt.want {
			t.Errorf("%s:\n got %s\nwant %s", tt.name, got, tt.want)
		}
		// and it reads back
		var back EvalResult
		if err := json.Unmarshal(got, &back); err != nil || back.Kind != tt.res.Kind || back.N != tt.res.N {
			t.Errorf("%s: round trip = %+v, %v", tt.name, back, err)
		}
	}
}

func TestMetricsFitIDFAndTFIDFScore(t *testing.T) {
	// df: salt 2, water 1, heat 1 of N = 3: idf = ln(4/(1+df)) + 1
	idf := FitIDF([]string{"salt water", "the salt", "heat"})
	want := map[string]float64{"salt": math.Log(4.0/3) + 1, "water": math.Log(2) + 1, "heat": math.Log(2) + 1}
	if len(idf) != len(want) {
		t.Errorf("idf = %v, want %v", idf, want)
	}
	for k, v := range want {
		if math.Abs(idf[k]-v) > 1e-12 {
			t.Errorf("idf[%s] = %v, want %v", k, idf[k], v)
		}
	}

	// with idf salt 1, water 2, heat 3: answer (salt 1, water 2), reference
	// (water 2, heat 3, salt 1); dot 5, norms sqrt 5 and sqrt 14:
	// 100·5/sqrt(70) = 59.7614...
	fixed := map[string]float64{"salt": 1, "water": 2, "heat": 3}
	tests := []struct {
		answer, reference string
		want              float64
	}{
		{"salt water", "water heat salt", 100 * 5 / math.Sqrt(70)},
		{"Salt, water!", "salt water", 100},
		{"heat", "salt water", 0},
		{"", "salt", 0},
		{"unknown words only", "salt", 0},
		{"water water", "water", 100}, // counts, then cosine: direction only
	}
	for _, tt := range tests {
		if got := TFIDFScore(tt.answer, tt.reference, fixed); math.Abs(got-tt.want) > 1e-9 {
			t.Errorf("TFIDFScore(%q, %q) = %v, want %v", tt.answer, tt.reference, got, tt.want)
		}
	}
}

func TestMetricsTFIDFBaselineOrders(t *testing.T) {
	items := []LabelledItem{
		{Question: "q", ReferenceAnswer: "The water evaporated, leaving the salt.", Answer: "Evaporate the water and the salt stays."},
		{Question: "q", ReferenceAnswer: "The water evaporated, leaving the salt.", Answer: "Shake the jar."},
	}
	got := TFIDFBaseline(items)
	if len(got) != 2 || !(got[0] > got[1]) || got[1] != 0 || got[0] > 100 {
		t.Errorf("baseline = %v, want the paraphrase above the miss (0)", got)
	}
}

// The KNOWN.md floor: tf-idf cosine reaches ROC AUC ~0.70 on sciEntsBank.
func TestMetricsTFIDFBaselineSemEval(t *testing.T) {
	items, err := ReadDataset(testdatadir.Path("en", "scientsbank_train.csv"))
	if err != nil {
		t.Fatal(err)
	}
	base := TFIDFBaseline(items)
	res := Evaluate(items, base, nil, nil)
	if res.AUC == nil || *res.AUC < 0.65 || *res.AUC > 0.75 {
		t.Errorf("tf-idf AUC = %v, want about 0.70", res.AUC)
	}
	t.Logf("sciEntsBank tf-idf baseline: n=%d auc=%.3f accuracy=%.3f macro_f1=%.3f", res.N, *res.AUC, *res.Accuracy, *res.MacroF1)
}

func TestContradictions(t *testing.T) {
	items := []LabelledItem{{Label3: "contradictory"}, {Label3: "contradictory"}, {Label3: "correct"}, {Label3: "incorrect"}}
	st := Contradictions(items, []bool{true, false, true, false})
	if st == nil || st.Contradictory != 2 || st.Flagged != 2 || *st.Precision != 0.5 || *st.Recall != 0.5 {
		t.Fatalf("stats = %+v", st)
	}
	if Contradictions([]LabelledItem{{Label: LabelCorrect}}, []bool{true}) != nil {
		t.Error("stats without 3-way labels")
	}
}
