package main

import (
	"fmt"
	"io"
	"strings"

	"grader/grader"
)

var statusMark = map[grader.Status]string{
	grader.Covered:   "✓",
	grader.Partial:   "△",
	grader.Missed:    "✗",
	grader.Incorrect: "✗!",
}

// printGrade writes a Grade as a report for a terminal.
func printGrade(w io.Writer, g grader.Grade) {
	fmt.Fprintf(w, "Score %d/100 — %s   (judge: %s %s)\n", g.Score, g.Verdict, g.Grader.Mode, g.Grader.Model)
	fmt.Fprintf(w, "%s\n\n", g.Summary)
	if sp := g.Speech; sp != nil {
		fmt.Fprintf(w, "Spoken: %.0f s, %.0f words/min, %.1f fillers/min %v", sp.DurationS, sp.WordsPerMinute, sp.FillersPerMinute, sp.Fillers)
		if sp.Timestamps {
			fmt.Fprintf(w, ", %d pauses over 2.5 s", sp.LongPauses)
		}
		fmt.Fprintf(w, "\nTranscript: %s\n\n", sp.Transcript)
	}
	for _, warn := range g.Warnings {
		fmt.Fprintf(w, "warning: %s\n", warn)
	}
	if len(g.Points) > 0 {
		fmt.Fprintln(w, "Key points:")
	}
	for _, p := range g.Points {
		fmt.Fprintf(w, "  %-2s %-9s %s\n", statusMark[p.Status], p.Status, snippet(p.Text, 110))
		if p.Reason != "" {
			fmt.Fprintf(w, "              why: %s\n", p.Reason)
		}
		if p.Evidence != "" {
			fmt.Fprintf(w, "              you said: %q\n", snippet(p.Evidence, 100))
		}
		fmt.Fprintf(w, "              from: %s:%d-%d  %s\n", p.Citation.Note, p.Citation.LineStart, p.Citation.LineEnd, strings.Join(p.Citation.HeadingPath, " > "))
	}
	if len(g.Unsupported) > 0 {
		fmt.Fprintln(w, "\nNot backed by your notes:")
		for _, u := range g.Unsupported {
			fmt.Fprintf(w, "  ? %s\n", snippet(u, 120))
		}
	}
	if len(g.Followups) > 0 {
		fmt.Fprintln(w, "\nFollow-up questions:")
		for i, f := range g.Followups {
			fmt.Fprintf(w, "  %d. %s\n", i+1, f)
		}
	}
	if g.ModelAnswer != "" {
		fmt.Fprintf(w, "\nModel answer from your notes:\n  %s\n", strings.ReplaceAll(g.ModelAnswer, "\n", "\n  "))
	}
}
