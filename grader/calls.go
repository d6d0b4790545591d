package grader

import (
	"encoding/json"
	"fmt"
	"math"
)

// The candidate's own calls. A self-assessment is the candidate's: they may
// mark any point themselves ("I did cover this", "I was wrong here"). The
// judge's call stays beside theirs; the score that schedules practice and
// shows progress is recomputed from the points with the candidate's calls,
// on the offline judge's curve.

// callCredit is what a point earns by a status the candidate gave it: the
// middle of that status's band (see pointCredit).
var callCredit = map[Status]float64{Covered: 0.925, Partial: 0.5, Missed: 0, Incorrect: -1}

// ValidCall tells a status the candidate may give a point.
func ValidCall(s Status) bool { _, ok := callCredit[s]; return ok }

// WithCalls is the grade's score and whether a point stands incorrect once
// the candidate's calls (point index → status) replace the judge's.
func WithCalls(g Grade, calls map[int]Status) (int, bool) {
	incorrect := false
	if len(calls) == 0 {
		for _, p := range g.Points {
			incorrect = incorrect || p.Status == Incorrect
		}
		return g.Score, incorrect
	}
	credit, weights, covered := 0.0, 0.0, 0
	for i, p := range g.Points {
		st, c := p.Status, pointCredit(p.Coverage, p.Status == Incorrect)
		if call, ok := calls[i]; ok {
			st, c = call, callCredit[call]
		}
		w := p.Weight
		if w <= 0 {
			w = 1 / float64(len(g.Points))
		}
		credit += w * c
		weights += w
		incorrect = incorrect || st == Incorrect
		if st == Covered {
			covered++
		}
	}
	if weights > 0 {
		credit /= weights
	}
	score := int(math.Round(100 * math.Pow(clampFloat(credit, 0, 1), DefaultCalibration().CreditExponent)))
	switch {
	case incorrect:
		score = max(6, min(score, 25)) // as the judge caps a stated falsehood
	case covered == 0:
		score = weakBand(score)
	}
	return score, incorrect
}

// StoredWithCalls reads a stored grade and applies string calls (as the
// store keeps them).
func StoredWithCalls(grade []byte, calls map[int]string) (int, bool, error) {
	var g Grade
	if err := json.Unmarshal(grade, &g); err != nil {
		return 0, false, fmt.Errorf("read a stored grade: %w", err)
	}
	cs := make(map[int]Status, len(calls))
	for i, s := range calls {
		cs[i] = Status(s)
	}
	score, incorrect := WithCalls(g, cs)
	return score, incorrect, nil
}
