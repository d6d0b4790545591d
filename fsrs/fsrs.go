// Package fsrs schedules reviews with FSRS-5 (the Free Spaced Repetition
// Scheduler, open-spaced-repetition): a memory of a question has a
// stability S (days until recall falls to 90%) and a difficulty D (1–10);
// each review's rating updates both, and the next review is due when the
// predicted recall falls to the desired retention. The formulas and the
// default weights are the published ones; the module proxy refuses go-fsrs,
// so this is a small implementation of them.
package fsrs

import (
	"math"
	"time"
)

// Rating is how a review went.
type Rating int

// Ratings, as FSRS numbers them.
const (
	Again Rating = 1 // forgotten, or wrong
	Hard  Rating = 2
	Good  Rating = 3
	Easy  Rating = 4
)

// DefaultWeights are FSRS-5's default parameters w0..w18.
var DefaultWeights = [19]float64{
	0.40255, 1.18385, 3.173, 15.69105, 7.1949, 0.5345, 1.4604, 0.0046, 1.54575,
	0.1192, 1.01925, 1.9395, 0.11, 0.29605, 2.2698, 0.2315, 2.9898, 0.51655, 0.6621,
}

// The forgetting curve R(t, S) = (1 + factor·t/S)^decay, with factor chosen
// so that R(S, S) = 0.9.
const (
	decay  = -0.5
	factor = 19.0 / 81.0
)

// DefaultRetention is the recall probability at which a review falls due.
const DefaultRetention = 0.9

// State is the memory of one question after its reviews.
type State struct {
	Stability  float64   // days
	Difficulty float64   // 1..10
	Last       time.Time // the last review
	Reviews    int
}

// Scheduler applies FSRS with a set of weights.
type Scheduler struct {
	W         [19]float64
	Retention float64
}

// New is a scheduler with the default weights and retention.
func New() Scheduler { return Scheduler{W: DefaultWeights, Retention: DefaultRetention} }

// Retrievability is the predicted probability of recall after elapsed days.
func Retrievability(elapsedDays, stability float64) float64 {
	if stability <= 0 {
		return 0
	}
	return math.Pow(1+factor*math.Max(elapsedDays, 0)/stability, decay)
}

// Interval is the number of days after which recall falls to retention.
func (s Scheduler) Interval(stability float64) float64 {
	return stability / factor * (math.Pow(s.Retention, 1/decay) - 1)
}

// Review is the state after a review rated r at time at.
func (s Scheduler) Review(st State, r Rating, at time.Time) State {
	w := s.W
	r = min(max(r, Again), Easy)
	g := float64(r)
	next := State{Last: at, Reviews: st.Reviews + 1}
	if st.Reviews == 0 {
		next.Stability = w[r-1]
		next.Difficulty = clampD(s.initialDifficulty(g))
		return next
	}
	days := at.Sub(st.Last).Hours() / 24
	if days < 1 {
		// a review the same day: FSRS-5's short-term stability
		next.Stability = st.Stability * math.Exp(w[17]*(g-3+w[18]))
	} else {
		R := Retrievability(days, st.Stability)
		if r == Again {
			sf := w[11] * math.Pow(st.Difficulty, -w[12]) * (math.Pow(st.Stability+1, w[13]) - 1) * math.Exp(w[14]*(1-R))
			next.Stability = math.Min(sf, st.Stability/math.Exp(w[17]*w[18]))
		} else {
			bonus := 1.0
			if r == Hard {
				bonus = w[15]
			} else if r == Easy {
				bonus = w[16]
			}
			next.Stability = st.Stability * (math.Exp(w[8])*(11-st.Difficulty)*math.Pow(st.Stability, -w[9])*(math.Exp(w[10]*(1-R))-1)*bonus + 1)
		}
	}
	// difficulty: linear damping towards 10, then mean reversion to D0(Easy)
	dd := -w[6] * (g - 3)
	d := st.Difficulty + dd*(10-st.Difficulty)/9
	next.Difficulty = clampD(w[7]*s.initialDifficulty(4) + (1-w[7])*d)
	next.Stability = math.Max(next.Stability, 0.01)
	return next
}

// Due is when the next review falls due.
func (s Scheduler) Due(st State) time.Time {
	return st.Last.Add(time.Duration(s.Interval(st.Stability) * 24 * float64(time.Hour)))
}

func (s Scheduler) initialDifficulty(g float64) float64 {
	return s.W[4] - math.Exp(s.W[5]*(g-1)) + 1
}

func clampD(d float64) float64 { return math.Min(math.Max(d, 1), 10) }
