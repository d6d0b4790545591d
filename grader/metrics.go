package grader

import (
	"cmp"
	"fmt"
	"math"
	"slices"
)

// Agreement metrics between the grader and human graders. All are pure
// functions of equally long slices (a length mismatch is a programming error
// and panics) and return NaN where the metric is undefined: fewer than two
// pairs, a constant series, or a class with no members. Callers turn NaN
// into "no value" (JSON null) rather than a number.

func metricSameLen(name string, a, b int) {
	if a != b {
		panic(fmt.Sprintf("grader.%s: slices of different lengths (%d and %d)", name, a, b))
	}
}

func metricMean(x []float64) float64 {
	s := 0.0
	for _, v := range x {
		s += v
	}
	return s / float64(len(x))
}

// Pearson is the Pearson product-moment correlation of x and y.
func Pearson(x, y []float64) float64 {
	metricSameLen("Pearson", len(x), len(y))
	if len(x) < 2 {
		return math.NaN()
	}
	mx, my := metricMean(x), metricMean(y)
	var sxy, sxx, syy float64
	for i := range x {
		dx, dy := x[i]-mx, y[i]-my
		sxy += dx * dy
		sxx += dx * dx
		syy += dy * dy
	}
	if sxx == 0 || syy == 0 {
		return math.NaN()
	}
	return sxy / math.Sqrt(sxx*syy)
}

// Spearman is the Spearman rank correlation: Pearson's r of the ranks, tied
// values sharing the average of the ranks they span (so it stays exact with
// ties, where the 1 - 6Σd²/n(n²-1) shortcut does not).
func Spearman(x, y []float64) float64 {
	metricSameLen("Spearman", len(x), len(y))
	return Pearson(metricRanks(x), metricRanks(y))
}

// metricRanks returns 1-based ranks of x, ties averaged: [10, 20, 20, 30] -> [1, 2.5, 2.5, 4].
func metricRanks(x []float64) []float64 {
	idx := make([]int, len(x))
	for i := range idx {
		idx[i] = i
	}
	slices.SortStableFunc(idx, func(a, b int) int { return cmp.Compare(x[a], x[b]) })
	ranks := make([]float64, len(x))
	for i := 0; i < len(idx); {
		j := i
		for j+1 < len(idx) && x[idx[j+1]] == x[idx[i]] {
			j++
		}
		avg := float64(i+j)/2 + 1 // ranks i+1 .. j+1
		for k := i; k <= j; k++ {
			ranks[idx[k]] = avg
		}
		i = j + 1
	}
	return ranks
}

// metricFit is the ordinary least-squares line y ≈ a + b·x. With constant x
// the slope is 0 and the line is the mean of y.
func metricFit(x, y []float64) (a, b float64) {
	mx, my := metricMean(x), metricMean(y)
	var sxy, sxx float64
	for i := range x {
		sxy += (x[i] - mx) * (y[i] - my)
		sxx += (x[i] - mx) * (x[i] - mx)
	}
	if sxx > 0 {
		b = sxy / sxx
	}
	return my - b*mx, b
}

// RMSEAfterFit is the root mean squared error of the human scores against
// the predictions mapped onto the human scale by a least-squares line fitted
// on the same data (predicted → human). The grader scores 0-100 and people
// score 0-5 or 0-1, so a raw RMSE would measure the scales, not the grader;
// the fit is in-sample, so the figure is slightly optimistic (two fitted
// parameters). The mean is over n, not n-2.
func RMSEAfterFit(predicted, human []float64) float64 {
	metricSameLen("RMSEAfterFit", len(predicted), len(human))
	if len(predicted) < 2 {
		return math.NaN()
	}
	a, b := metricFit(predicted, human)
	var sse float64
	for i := range predicted {
		r := human[i] - (a + b*predicted[i])
		sse += r * r
	}
	return math.Sqrt(sse / float64(len(predicted)))
}

// QuadraticWeightedKappa is Cohen's kappa with quadratic weights between two
// integer ratings of the same items, over the categories from the smallest
// to the largest rating either gives: 1 - Σ w·O / Σ w·E, with
// w(i,j) = (i-j)²/(k-1)², O the observed and E the chance (outer product of
// the marginals) agreement matrices. It is NaN when fewer than two
// categories occur.
func QuadraticWeightedKappa(a, b []int) float64 {
	metricSameLen("QuadraticWeightedKappa", len(a), len(b))
	if len(a) == 0 {
		return math.NaN()
	}
	lo := min(slices.Min(a), slices.Min(b))
	hi := max(slices.Max(a), slices.Max(b))
	k := hi - lo + 1
	if k < 2 {
		return math.NaN()
	}
	obs := make([][]float64, k)
	for i := range obs {
		obs[i] = make([]float64, k)
	}
	ha, hb := make([]float64, k), make([]float64, k)
	for i := range a {
		obs[a[i]-lo][b[i]-lo]++
		ha[a[i]-lo]++
		hb[b[i]-lo]++
	}
	n := float64(len(a))
	var num, den float64
	for i := range k {
		for j := range k {
			w := float64((i-j)*(i-j)) / float64((k-1)*(k-1))
			num += w * obs[i][j]
			den += w * ha[i] * hb[j] / n
		}
	}
	if den == 0 {
		return math.NaN()
	}
	return 1 - num/den
}

// Accuracy is the share of items whose predicted class is the true one.
func Accuracy(truth, predicted []bool) float64 {
	metricSameLen("Accuracy", len(truth), len(predicted))
	if len(truth) == 0 {
		return math.NaN()
	}
	right := 0
	for i := range truth {
		if truth[i] == predicted[i] {
			right++
		}
	}
	return float64(right) / float64(len(truth))
}

// MacroF1 is the unweighted mean of the F1 of the positive and the negative
// class. As in scikit-learn, only classes that occur in truth or predictions
// are averaged, and a class with no correct prediction scores 0.
func MacroF1(truth, predicted []bool) float64 {
	metricSameLen("MacroF1", len(truth), len(predicted))
	if len(truth) == 0 {
		return math.NaN()
	}
	var sum float64
	classes := 0
	for _, class := range []bool{true, false} {
		var tp, fp, fn int
		for i := range truth {
			switch {
			case predicted[i] == class && truth[i] == class:
				tp++
			case predicted[i] == class:
				fp++
			case truth[i] == class:
				fn++
			}
		}
		if tp+fp+fn == 0 {
			continue // the class never occurs
		}
		classes++
		sum += 2 * float64(tp) / float64(2*tp+fp+fn) // F1 = 2PR/(P+R)
	}
	return sum / float64(classes)
}

// ROCAUC is the area under the ROC curve of scores for the positive class,
// computed as the Mann-Whitney U statistic: the probability that a random
// positive item scores above a random negative one, ties counting one half.
func ROCAUC(truth []bool, scores []float64) float64 {
	metricSameLen("ROCAUC", len(truth), len(scores))
	ranks := metricRanks(scores)
	var pos, neg int
	var rankSum float64
	for i, t := range truth {
		if t {
			pos++
			rankSum += ranks[i]
		} else {
			neg++
		}
	}
	if pos == 0 || neg == 0 {
		return math.NaN()
	}
	u := rankSum - float64(pos)*float64(pos+1)/2
	return u / (float64(pos) * float64(neg))
}
