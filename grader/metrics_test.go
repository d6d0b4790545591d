package grader

import (
	"math"
	"slices"
	"testing"
)

const metricTol = 1e-9

func metricClose(got, want float64) bool {
	if math.IsNaN(want) {
		return math.IsNaN(got)
	}
	return math.Abs(got-want) < metricTol
}

// The running example: x = [1 2 3 4 5], y = [2 4 5 4 5].
// Means 3 and 4; deviations dx = [-2 -1 0 1 2], dy = [-2 0 1 0 1];
// Σdx·dy = 6, Σdx² = 10, Σdy² = 6.
var (
	exX = []float64{1, 2, 3, 4, 5}
	exY = []float64{2, 4, 5, 4, 5}
)

func TestMetricPearson(t *testing.T) {
	tests := []struct {
		name string
		x, y []float64
		want float64
	}{
		{"example: 6/sqrt(10·6)", exX, exY, 6 / math.Sqrt(60)}, // 0.7745966692
		{"perfect", []float64{1, 2, 3}, []float64{10, 20, 30}, 1},
		{"inverse", []float64{1, 2, 3}, []float64{3, 2, 1}, -1},
		{"constant y", []float64{1, 2, 3}, []float64{2, 2, 2}, math.NaN()},
		{"one pair", []float64{1}, []float64{2}, math.NaN()},
		{"empty", nil, nil, math.NaN()},
	}
	for _, tt := range tests {
		if got := Pearson(tt.x, tt.y); !metricClose(got, tt.want) {
			t.Errorf("%s: Pearson = %v, want %v", tt.name, got, tt.want)
		}
	}
}

func TestMetricRanks(t *testing.T) {
	tests := []struct{ in, want []float64 }{
		{[]float64{10, 20, 20, 30}, []float64{1, 2.5, 2.5, 4}},
		{[]float64{3, 1, 2}, []float64{3, 1, 2}},
		{[]float64{5, 5, 5}, []float64{2, 2, 2}},
		{exY, []float64{1, 2.5, 4.5, 2.5, 4.5}},
	}
	for _, tt := range tests {
		if got := metricRanks(tt.in); !slices.Equal(got, tt.want) {
			t.Errorf("ranks(%v) = %v, want %v", tt.in, got, tt.want)
		}
	}
}

func TestMetricSpearman(t *testing.T) {
	// Ties: ranks of y are [1 2.5 4.5 2.5 4.5] (mean 3), of x [1 2 3 4 5].
	// Σdx·dy = 4 + 0.5 + 0 - 0.5 + 3 = 7; Σdx² = 10; Σdy² = 4+.25+2.25+.25+2.25 = 9.
	tests := []struct {
		name string
		x, y []float64
		want float64
	}{
		{"example with ties: 7/sqrt(90)", exX, exY, 7 / math.Sqrt(90)}, // 0.7378647873
		{"monotone, not linear", []float64{1, 2, 3, 4}, []float64{1, 4, 9, 100}, 1},
		{"reversed", []float64{1, 2, 3}, []float64{9, 5, 1}, -1},
		{"constant", []float64{1, 2, 3}, []float64{1, 1, 1}, math.NaN()},
	}
	for _, tt := range tests {
		if got := Spearman(tt.x, tt.y); !metricClose(got, tt.want) {
			t.Errorf("%s: Spearman = %v, want %v", tt.name, got, tt.want)
		}
	}
}

func TestMetricRMSEAfterFit(t *testing.T) {
	// Example: slope 6/10 = 0.6, intercept 4 - 0.6·3 = 2.2; fitted
	// [2.8 3.4 4.0 4.6 5.2]; residuals [-0.8 0.6 1 -0.6 -0.2]; Σr² = 2.4;
	// RMSE = sqrt(2.4/5) = 0.6928203230.
	tests := []struct {
		name             string
		predicted, human []float64
		want             float64
	}{
		{"example", exX, exY, math.Sqrt(0.48)},
		{"exactly linear on another scale", []float64{0, 50, 100}, []float64{0, 2.5, 5}, 0},
		// constant predictions: the line is the mean (3) and the RMSE the
		// population deviation of [1 3 5]: sqrt(8/3)
		{"constant predictions", []float64{70, 70, 70}, []float64{1, 3, 5}, math.Sqrt(8.0 / 3)},
		{"one pair", []float64{1}, []float64{1}, math.NaN()},
	}
	for _, tt := range tests {
		if got := RMSEAfterFit(tt.predicted, tt.human); !metricClose(got, tt.want) {
			t.Errorf("%s: RMSEAfterFit = %v, want %v", tt.name, got, tt.want)
		}
	}
}

func TestMetricQuadraticWeightedKappa(t *testing.T) {
	tests := []struct {
		name string
		a, b []int
		want float64
	}{
		// Worked example, categories 0..2, w(i,j) = (i-j)²/4.
		// Pairs (0,0) (1,2) (2,2) (2,1): Σw·O = 0 + 1/4 + 0 + 1/4 = 0.5.
		// Marginals a = b = [1 1 2], n = 4, E(i,j) = a_i·b_j/4:
		// Σw·E = [ (0,1) .25·1 + (0,2) 1·2 + (1,0) .25·1 + (1,2) .25·2
		//        + (2,0) 1·2 + (2,1) .25·2 ] / 4 = 5.5/4 = 1.375.
		// κ = 1 - 0.5/1.375 = 7/11.
		{"worked example", []int{0, 1, 2, 2}, []int{0, 2, 2, 1}, 7.0 / 11},
		{"perfect", []int{1, 2, 3, 4}, []int{1, 2, 3, 4}, 1},
		// Reversed [0 1 2] vs [2 1 0]: Σw·O = 1 + 0 + 1 = 2; marginals all 1,
		// Σw·E = (4·0.25 + 2·1)/3 = 1; κ = 1 - 2 = -1.
		{"reversed", []int{0, 1, 2}, []int{2, 1, 0}, -1},
		{"offset scale", []int{3, 4, 5, 5}, []int{3, 5, 5, 4}, 7.0 / 11},
		{"one category", []int{2, 2}, []int{2, 2}, math.NaN()},
		{"empty", nil, nil, math.NaN()},
	}
	for _, tt := range tests {
		if got := QuadraticWeightedKappa(tt.a, tt.b); !metricClose(got, tt.want) {
			t.Errorf("%s: QWK = %v, want %v", tt.name, got, tt.want)
		}
	}
}

func TestMetricAccuracyAndMacroF1(t *testing.T) {
	T, F := true, false
	tests := []struct {
		name          string
		truth, pred   []bool
		accuracy, mf1 float64
	}{
		// positive: tp 1 fp 1 fn 1 -> F1 .5; negative likewise -> macro .5
		{"half", []bool{T, T, F, F}, []bool{T, F, F, T}, 0.5, 0.5},
		// positive: tp 2 fp 0 fn 1 -> F1 4/5; negative: tp 1 fp 1 fn 0 -> 2/3
		{"skewed", []bool{T, T, T, F}, []bool{T, T, F, F}, 0.75, (0.8 + 2.0/3) / 2},
		// the negative class never occurs: only the positive is averaged
		{"one class, all right", []bool{T, T}, []bool{T, T}, 1, 1},
		// all predicted positive: negative class F1 0, positive 2·2/(4+2) = 2/3
		{"all positive", []bool{T, T, F, F}, []bool{T, T, T, T}, 0.5, (2.0 / 3) / 2},
		{"empty", nil, nil, math.NaN(), math.NaN()},
	}
	for _, tt := range tests {
		if got := Accuracy(tt.truth, tt.pred); !metricClose(got, tt.accuracy) {
			t.Errorf("%s: Accuracy = %v, want %v", tt.name, got, tt.accuracy)
		}
		if got := MacroF1(tt.truth, tt.pred); !metricClose(got, tt.mf1) {
			t.Errorf("%s: MacroF1 = %v, want %v", tt.name, got, tt.mf1)
		}
	}
}

func TestMetricROCAUC(t *testing.T) {
	T, F := true, false
	tests := []struct {
		name   string
		truth  []bool
		scores []float64
		want   float64
	}{
		{"separated", []bool{F, F, T, T}, []float64{1, 2, 3, 4}, 1},
		{"inverted", []bool{T, T, F, F}, []float64{1, 2, 3, 4}, 0},
		{"all tied", []bool{T, F, T, F}, []float64{5, 5, 5, 5}, 0.5},
		// positives 0.9 0.4 0.5, negatives 0.5 0.1 0.5; over the 9 pairs
		// 0.9 wins 3; 0.4 wins 1 (vs 0.1); 0.5 wins 1 and ties 2 (= 1):
		// (3 + 1 + 2)/9 = 2/3
		{"ties count half", []bool{T, T, F, F, T, F}, []float64{0.9, 0.4, 0.5, 0.1, 0.5, 0.5}, 2.0 / 3},
		{"no negatives", []bool{T, T}, []float64{1, 2}, math.NaN()},
	}
	for _, tt := range tests {
		if got := ROCAUC(tt.truth, tt.scores); !metricClose(got, tt.want) {
			t.Errorf("%s: ROCAUC = %v, want %v", tt.name, got, tt.want)
		}
	}
}

func TestMetricsPanicOnLengthMismatch(t *testing.T) {
	defer func() {
		if recover() == nil {
			t.Error("no panic on slices of different lengths")
		}
	}()
	Pearson([]float64{1, 2}, []float64{1})
}
