package fsrs

import (
	"math"
	"testing"
	"time"
)

// Reference values of the FSRS reference implementations (open-spaced-
// repetition's ts-fsrs FSRS-5 tests, default weights).
func TestFirstReview(t *testing.T) {
	s := New()
	t0 := time.Date(2022, 12, 29, 12, 30, 0, 0, time.UTC)
	wantS := []float64{0.40255, 1.18385, 3.173, 15.69105}
	wantD := []float64{7.1949, 6.48830527, 5.28243442, 3.22450159}
	for i, r := range []Rating{Again, Hard, Good, Easy} {
		st := s.Review(State{}, r, t0)
		if !near(st.Stability, wantS[i], 1e-6) || !near(st.Difficulty, wantD[i], 1e-6) {
			t.Errorf("first %d: S=%.8f D=%.8f, want %.8f %.8f", r, st.Stability, st.Difficulty, wantS[i], wantD[i])
		}
	}
}

func TestMemoryState(t *testing.T) {
	s := New()
	t0 := time.Date(2022, 12, 29, 12, 30, 0, 0, time.UTC)
	day := 24 * time.Hour
	st := State{}
	for _, rv := range []struct {
		r   Rating
		day int
	}{{Again, 0}, {Good, 0}, {Good, 0}, {Good, 1}, {Good, 4}, {Good, 12}, {Good, 33}} {
		st = s.Review(st, rv.r, t0.Add(time.Duration(rv.day)*day))
	}
	if !near(st.Stability, 48.717, 1e-3) || !near(st.Difficulty, 7.0866, 1e-4) {
		t.Errorf("S=%.4f D=%.4f, want 48.717 and 7.0866", st.Stability, st.Difficulty)
	}
}

// At the due date recall is the desired retention; a lapse lowers
// stability, success raises it; difficulty stays in 1..10.
func TestScheduleProperties(t *testing.T) {
	s := New()
	t0 := time.Date(2026, 1, 1, 9, 0, 0, 0, time.UTC)
	st := s.Review(State{}, Good, t0)
	st = s.Review(st, Good, s.Due(st))
	due := s.Due(st)
	if r := Retrievability(due.Sub(st.Last).Hours()/24, st.Stability); !near(r, 0.9, 1e-9) {
		t.Errorf("recall at the due date %.4f, want 0.9", r)
	}
	good, again := s.Review(st, Good, due), s.Review(st, Again, due)
	if good.Stability <= st.Stability || again.Stability >= st.Stability || again.Difficulty <= good.Difficulty {
		t.Errorf("S %.2f: good → %.2f, again → %.2f (D %.2f vs %.2f)", st.Stability, good.Stability, again.Stability, good.Difficulty, again.Difficulty)
	}
	for range 20 {
		again = s.Review(again, Again, s.Due(again))
		if again.Difficulty < 1 || again.Difficulty > 10 || again.Stability <= 0 || math.IsNaN(again.Stability) {
			t.Fatalf("state out of range: %+v", again)
		}
	}
}

func near(a, b, eps float64) bool { return math.Abs(a-b) <= eps }
