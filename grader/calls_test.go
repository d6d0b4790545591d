package grader

import "testing"

func TestWithCalls(t *testing.T) {
	g := Grade{Score: 6, Points: []Point{
		{Status: Incorrect, Weight: 0.5, Coverage: 0.9},
		{Status: Covered, Weight: 0.3, Coverage: 0.95},
		{Status: Missed, Weight: 0.2, Coverage: 0.1},
	}}
	cases := []struct {
		name      string
		calls     map[int]Status
		wantMin   int
		wantMax   int
		incorrect bool
	}{
		{"no calls: the judge's score", nil, 6, 6, true},
		{"the contradiction called covered", map[int]Status{0: Covered}, 80, 100, false},
		{"called partial", map[int]Status{0: Partial}, 55, 80, false},
		{"a covered point called wrong too", map[int]Status{0: Covered, 1: Incorrect}, 6, 25, true},
		{"nothing covered any more", map[int]Status{0: Partial, 1: Partial}, 0, 39, false},
	}
	for _, c := range cases {
		score, inc := WithCalls(g, c.calls)
		if score < c.wantMin || score > c.wantMax || inc != c.incorrect {
			t.Errorf("%s: score %d incorrect %v, want %d..%d and %v", c.name, score, inc, c.wantMin, c.wantMax, c.incorrect)
		}
	}
	if ValidCall("brilliant") || !ValidCall(Partial) {
		t.Error("ValidCall")
	}
}
