package grader

import (
	"context"
	"os"
	"strings"
	"testing"

	"grader/internal/testdatadir"
)

func readDevSet(t *testing.T, name string) (items, probes []DevItem) {
	t.Helper()
	f, err := os.Open(testdatadir.Path("devset", name))
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	items, probes, err = ReadDevSet(f)
	if err != nil {
		t.Fatal(err)
	}
	return items, probes
}

func TestReadDevSetRejectsIncompleteItems(t *testing.T) {
	cases := []struct{ line, want string }{
		{`{"id":"a","section":"X","strong":"s","thin":"t","wrong":"w"}`, "no question"},
		{`{"id":"a","question":"q","strong":"s","thin":"t","wrong":"w"}`, "needs section"},
		{`{"id":"a","question":"q","probe":"repeat"}`, "probe without an answer"},
		{`{"id":"a",`, "line 1"},
	}
	for _, c := range cases {
		_, _, err := ReadDevSet(strings.NewReader(c.line))
		if err == nil || !strings.Contains(err.Error(), c.want) {
			t.Errorf("ReadDevSet(%s) = %v, want an error about %q", c.line, err, c.want)
		}
	}
}

// TestDevSet grades the development set (65 interviewer-style questions over
// the seed notes, each answered strong, thin and wrong, and probes) through
// the whole service and checks what a candidate would call right. The floors
// sit just under the levels reached so far (README, "Measured"), with room
// for the two databases ranking ties apart; the targets are higher, and a
// change that falls below a floor is a regression.
func TestDevSet(t *testing.T) {
	// devset.jsonl shaped the rules from the start; fresh.jsonl,
	// fresh3.jsonl, fresh2.jsonl, fresh4.jsonl and fresh5.jsonl were written
	// later by other hands without reading the code, run as held-out, then
	// used to find what the rules missed (README, "Grading on your own
	// notes"), as were fresh6.jsonl to fresh23.jsonl.
	// fresh27.jsonl's, fresh35.jsonl's and fresh37.jsonl's questions are held out: their
	// floors guard against regressions, their failures were not read
	// (fresh26.jsonl's were read in round 23, fresh28.jsonl's in round 25,
	// fresh29.jsonl's in round 26, fresh30.jsonl's in round 27, and so on
	// to fresh34.jsonl's in round 31 and fresh36.jsonl's in round 33).
	// A new blind set is written for each round.
	type floor struct {
		ordered, thinOverWrong, caught, falseAlarms, section, unsupported, margin, strong float64
		// offTopic is the most an off-topic probe may score: 10, the target,
		// unless a held-out set is known to miss it
		offTopic int
		// copied is the least the notes copied as the answer may score
		copied int
		// filler is the least a correct answer full of fillers may score:
		// 50 unless a held-out set is known to miss it
		filler int
	}
	for _, c := range []struct {
		file string
		min  int
		f    floor
	}{
		{"devset.jsonl", 40, floor{0.66, 0.68, 0.64, 0.05, 0.88, 0.5, 45, 75, 10, 80, 50}},
		{"fresh.jsonl", 30, floor{0.45, 0.45, 0.45, 0.05, 0.85, 0.5, 38, 76, 10, 80, 50}},
		{"fresh3.jsonl", 30, floor{0.80, 0.80, 0.77, 0.05, 0.75, 0.5, 60, 78, 10, 80, 50}},
		{"fresh4.jsonl", 30, floor{0.65, 0.70, 0.70, 0.05, 0.80, 0.5, 50, 77, 10, 80, 50}},
		{"fresh2.jsonl", 30, floor{0.20, 0.20, 0.17, 0.10, 0.72, 0.5, 18, 62, 10, 80, 50}},
		{"fresh5.jsonl", 30, floor{0.52, 0.58, 0.52, 0.05, 0.83, 0.5, 40, 78, 10, 80, 50}},
		{"fresh6.jsonl", 30, floor{0.63, 0.65, 0.70, 0.05, 0.77, 0.5, 42, 70, 10, 80, 50}},
		{"fresh7.jsonl", 30, floor{0.65, 0.65, 0.65, 0.05, 0.83, 0.5, 45, 74, 10, 80, 50}},
		{"fresh8.jsonl", 30, floor{0.43, 0.45, 0.52, 0.05, 0.83, 0.5, 33, 70, 10, 80, 50}},
		{"fresh9.jsonl", 30, floor{0.33, 0.37, 0.43, 0.07, 0.80, 0.5, 25, 65, 10, 80, 50}},
		{"fresh10.jsonl", 30, floor{0.63, 0.63, 0.70, 0.05, 0.80, 0.5, 50, 75, 10, 80, 50}},
		// held out after round 10, then it shaped round 12's rules
		{"fresh11.jsonl", 30, floor{0.65, 0.70, 0.75, 0.05, 0.85, 0.5, 55, 75, 10, 80, 50}},
		// held out until the end of round 12 (50 / 50 / 53%), then its
		// failures shaped the round's last rules
		{"fresh12.jsonl", 30, floor{0.57, 0.57, 0.60, 0.05, 0.83, 0.5, 45, 80, 10, 80, 50}},
		// held out until its run in round 12 (40 / 47 / 37%), then its
		// failures shaped the round's last rules
		{"fresh13.jsonl", 30, floor{0.43, 0.47, 0.37, 0.05, 0.67, 0.5, 28, 72, 10, 80, 50}},
		// held out until its run at the end of round 12 (57 / 60 / 67%), then
		// its failures shaped round 13's rules
		{"fresh14.jsonl", 30, floor{0.63, 0.63, 0.67, 0.05, 0.80, 0.5, 45, 80, 10, 80, 50}},
		// written blind in round 13 and run once (67 / 73 / 70%); in round
		// 14 its failures shaped rules (83 / 90 / 87%)
		{"fresh15.jsonl", 30, floor{0.77, 0.83, 0.80, 0.05, 0.83, 0.5, 55, 78, 10, 80, 50}},
		// written blind at the start of round 14 and run once with round
		// 13's rules (80 / 87 / 87%), again with round 14's (the same);
		// in round 15 its failures shaped rules (90 / 93 / 93%). Its
		// off-topic probe (Terraform state to a question on MSA, 31: a
		// stray word reaches a point half; the rule tried for it called
		// three correct answers off topic) is still missed
		{"fresh16.jsonl", 30, floor{0.83, 0.87, 0.87, 0.05, 0.87, 0.5, 62, 82, 31, 80, 50}},
		// written blind at the start of round 15 and held out: run with
		// round 14's rules (47 / 53 / 53%) and round 15's (47 / 50 / 50%);
		// in round 16 its failures shaped rules (70 / 70 / 73%)
		{"fresh17.jsonl", 30, floor{0.67, 0.67, 0.70, 0.05, 0.90, 0.5, 52, 78, 10, 80, 50}},
		// written blind in round 15 over as many sections as it could
		// reach, run with round 14's rules (63 / 67 / 63%), then its
		// failures shaped rules (70 / 73 / 70%; round 16: 73 / 77 / 73%)
		{"fresh18.jsonl", 30, floor{0.70, 0.73, 0.70, 0.05, 0.90, 0.5, 55, 80, 10, 80, 50}},
		// written blind at the start of round 16 and held out: run with
		// round 15's rules (70 / 70 / 73%) and round 16's (the same); in
		// round 17 its failures shaped rules (93 / 93 / 93%)
		{"fresh19.jsonl", 30, floor{0.87, 0.87, 0.87, 0.05, 0.97, 0.5, 70, 88, 10, 80, 50}},
		// written blind at the start of round 17 and held out: run with
		// round 16's rules (73 / 83 / 73%) and round 17's (80 / 87 / 77%);
		// in round 18 its failures shaped rules (87 / 90 / 90%), 97 / 97 /
		// 97% after round 19
		{"fresh20.jsonl", 30, floor{0.90, 0.93, 0.93, 0.05, 0.90, 0.5, 70, 88, 10, 80, 50}},
		// written blind at the start of round 18 and held out through it
		// (63 / 67 / 60% with round 17's rules and round 18's); read in
		// round 19, whose rules reach 73 / 77 / 70%; 77 / 80 / 70% after
		// round 20, 80 / 83 / 73% after round 21; 77 / 80 / 73% after round
		// 22 (a Lambda question now graded against 장점, where its wrong
		// answer is not caught)
		{"fresh21.jsonl", 30, floor{0.73, 0.77, 0.70, 0.05, 0.90, 0.5, 55, 82, 10, 80, 50}},
		// written blind in round 18 after fresh21, run once with round 17's
		// and round 18's rules (77 / 80 / 80% both, false alarms 3%), then
		// its failures shaped the round's last rules (80 / 80 / 80%, 0%)
		{"fresh22.jsonl", 30, floor{0.77, 0.77, 0.77, 0.05, 0.90, 0.5, 60, 88, 10, 80, 50}},
		// written blind at the start of round 19 and held out: run with
		// round 18's rules and round 19's (73 / 80 / 80%, false alarms 3%
		// on strong and on thin answers, both times); read in round 20,
		// whose rules reach 83 / 87 / 83%, false alarms 0% / 0%; 90 / 93 /
		// 93% after round 21
		{"fresh23.jsonl", 30, floor{0.87, 0.90, 0.90, 0.05, 0.97, 0.5, 70, 87, 10, 80, 50}},
		// written blind at the start of round 20 and held out: run with
		// round 19's rules and round 20's (73 / 77 / 73%, false alarms 3%
		// on strong and on thin answers, section 100%, both times); read in
		// round 21, whose rules reach 83 / 83 / 80%, false alarms 0% / 0%
		{"fresh24.jsonl", 30, floor{0.80, 0.80, 0.77, 0.05, 0.97, 0.5, 62, 88, 10, 80, 50}},
		// written blind at the start of round 21 and held out: run with
		// round 20's rules and round 21's (80 / 80 / 80%, false alarms 0% /
		// 0%, section 97%, both times); its off-topic probe scores 24 (not
		// read); its failures were not read
		{"fresh25.jsonl", 30, floor{0.77, 0.77, 0.77, 0.05, 0.93, 0.5, 62, 87, 25, 80, 50}},
		// written blind at the start of round 22 with strong answers in a
		// candidate's own words (paraphrased, not the notes' wording): read,
		// it shaped the round's rules (57 / 77 / 67%, mean strong 75 → 67 /
		// 77 / 73%, mean strong 86)
		{"para1.jsonl", 30, floor{0.63, 0.73, 0.70, 0.05, 0.90, 0.5, 55, 82, 10, 80, 50}},
		// written blind at the start of round 22 like para1 and held out:
		// run with round 21's rules (57 / 67 / 63%, mean strong 70) and
		// round 22's (53 / 67 / 63%, mean strong 71); its failures were read
		// in round 23 and shaped one order rule (57 / 70 / 67%; 63 / 70 / 67% after round 24); its copy probe (the CD section's text to a question that
		// names no section) is graded against GitOps and scores 31: read
		// to say why, left as a known miss
		{"fresh26.jsonl", 30, floor{0.60, 0.63, 0.60, 0.05, 0.87, 0.5, 42, 72, 10, 25, 50}},
		// written blind at the start of round 23 with the same instructions
		// (paraphrased strong answers, a third about one item of a list or a
		// scenario) and held out: run with round 22's rules (67 / 90 / 87%,
		// false alarms 0% / 0%, section 93%, means 75 / 52 / 17); only the
		// summary lines of its runs were read, and in round 24 one question
		// (kube-scheduler) that an intermediate version falsely flagged
		{"fresh27.jsonl", 30, floor{0.63, 0.87, 0.83, 0.05, 0.90, 0.5, 52, 72, 10, 80, 50}},
		// written blind at the start of round 24 like para1 and held out
		// through it (67 / 80 / 73%, section 80%, mean strong 67 with round
		// 23's rules; its filler probe scored 36); read in round 25: its
		// filler probe, section misses and uncaught wrong answers shaped
		// the round's rules (83 / 90 / 87%, section 87%, mean strong 76)
		{"fresh28.jsonl", 30, floor{0.80, 0.87, 0.83, 0.05, 0.83, 0.5, 58, 72, 10, 80, 50}},
		// written blind at the start of round 25 like para1 and held out:
		// run with round 24's rules (77 / 83 / 87%, false alarms 0% / 0%,
		// section 93%, means 80 / 37 / 20) and round 25's (80 / 83 / 87%,
		// mean strong 83); only summary lines were read. Its filler probe
		// scored 34 with both; read in round 26 (MSA's kind, "어떤
		// 아키텍처인지", drew it to the section headed 아키텍쳐 관점): 77
		{"fresh29.jsonl", 30, floor{0.77, 0.80, 0.83, 0.05, 0.90, 0.5, 58, 78, 10, 80, 70}},
		// written blind at the start of round 26 like para1 (30 sections, one
		// question each) and held out: run with round 25's rules (73 / 73 /
		// 77%, false alarms 0% / 0%, section 93%, means 85 / 40 / 25); only
		// summary lines were read, and its keyword probe (85, a list of names
		// with 게이트웨이 read as a subject), which shaped topicOrSubject (37);
		// its failures were read in round 27 (README), none fixed yet
		{"fresh30.jsonl", 30, floor{0.70, 0.70, 0.73, 0.05, 0.90, 0.5, 55, 80, 10, 80, 50}},
		// written blind in round 27 like para1 (30 sections, one question
		// each) and held out: run once with round 27's rules before anything
		// in it was read (77 / 80 / 80%, false alarms 3% / 0%, section
		// 100%, means 93 / 42 / 24); only summary lines were read then.
		// Round 28 read its broken follow-ups and one false alarm and fixed
		// them (asked.go, further.go, contradict.go): no longer held out
		{"fresh31.jsonl", 30, floor{0.77, 0.77, 0.77, 0.05, 0.97, 0.5, 65, 90, 10, 80, 50}},
		// written blind in round 28 the same way and held out: run once with
		// round 28's rules before anything in it was read (70 / 77 / 77%,
		// false alarms 3% / 0%, section 93%, means 86 / 42 / 26). Round 29
		// read its false alarm and its broken follow-ups and fixed them (73 /
		// 77 / 77%, false alarms 0%, section 97%): no longer held out
		{"fresh32.jsonl", 30, floor{0.70, 0.73, 0.73, 0.05, 0.93, 0.5, 55, 85, 10, 80, 50}},
		// written blind in round 29 the same way and held out: run once with
		// round 29's rules before anything in it was read (83 / 83 / 83%,
		// false alarms 0% / 0%, section 100%, means 93 / 47 / 24). Its copy
		// probe scores 39, a known miss (copied floor 35). Round 30 read its
		// uncaught swap and its broken follow-ups and fixed them (87 / 87 /
		// 87%, means 93 / 47 / 21): no longer held out
		{"fresh33.jsonl", 30, floor{0.83, 0.83, 0.83, 0.05, 0.97, 0.5, 65, 88, 10, 35, 50}},
		// written blind in round 30 the same way and held out: run once with
		// round 30's rules before anything in it was read (80 / 80 / 80%,
		// false alarms 0% / 0%, section 97%, means 92 / 48 / 27). Round 31
		// read its follow-ups (one broken, the needs-edit lines) and its
		// uncaught wrong answers; the follow-ups were fixed, the grades are
		// as they were: no longer held out
		{"fresh34.jsonl", 30, floor{0.77, 0.77, 0.77, 0.05, 0.93, 0.5, 58, 88, 10, 80, 50}},
		// written blind in round 31 the same way and held out: run once with
		// round 31's rules before anything in it was read (83 / 83 / 87%,
		// false alarms 0% / 0%, section 97%, means 93 / 37 / 22)
		{"fresh35.jsonl", 30, floor{0.80, 0.80, 0.83, 0.05, 0.93, 0.5, 64, 88, 10, 80, 50}},
		// written blind in round 32 the same way and held out: run once with
		// round 32's rules before anything in it was read (83 / 87 / 87%,
		// false alarms 0% / 0%, section 97%, means 88 / 40 / 21)
		{"fresh36.jsonl", 30, floor{0.80, 0.83, 0.83, 0.05, 0.93, 0.5, 62, 85, 10, 80, 50}},
		// written blind in round 33 the same way and held out: run once with
		// round 33's rules before anything in it was read (80 / 83 / 83%,
		// false alarms 0% / 3%, section 100%, means 92 / 45 / 24). Its
		// filler probe scored 5, off topic, graded against 컨테이너 > 장점
		// for a question on 쿠버네티스; read after that run, the probe alone,
		// and fixed (glossedHeading): 62
		{"fresh37.jsonl", 30, floor{0.77, 0.80, 0.80, 0.05, 0.97, 0.5, 63, 88, 10, 80, 50}},
	} {
		t.Run(c.file, func(t *testing.T) {
			checkDevSet(t, c.file, c.min, c.f.ordered, c.f.thinOverWrong, c.f.caught, c.f.falseAlarms, c.f.section, c.f.unsupported, c.f.margin, c.f.strong, c.f.offTopic, c.f.copied, c.f.filler)
		})
	}
}

func checkDevSet(t *testing.T, file string, minItems int, ordered, thinOverWrong, caught, falseAlarms, section, unsupported, margin, strong float64, offTopic, copied, filler int) {
	items, probes := readDevSet(t, file)
	if len(items) < minItems {
		t.Fatalf("%s has %d questions, want at least %d", file, len(items), minItems)
	}
	svc, coll := seedService(t, "devset")
	rep, err := RunDevSet(t.Context(), func(ctx context.Context, q, a string) (Grade, error) {
		return svc.Check(ctx, Request{Collection: coll, Question: q, Answer: a})
	}, items, probes)
	if err != nil {
		t.Fatal(err)
	}
	t.Logf("ordered %.2f, thin>wrong %.2f, caught %.2f, false alarms %.2f, section %.2f, unsupported %.2f, means %.0f/%.0f/%.0f",
		rep.Ordered, rep.ThinOverWrong, rep.WrongCaught, rep.FalseAlarmsStrong, rep.RightSection, rep.UnsupportedStrong,
		rep.MeanStrong, rep.MeanThin, rep.MeanWrong)
	floors := []struct {
		name      string
		got, want float64
		atMost    bool
	}{
		{"strong > thin > wrong", rep.Ordered, ordered, false},
		{"thin > wrong", rep.ThinOverWrong, thinOverWrong, false},
		{"wrong answers caught", rep.WrongCaught, caught, false},
		{"false alarms on strong answers", rep.FalseAlarmsStrong, falseAlarms, true},
		{"graded from the right section", rep.RightSection, section, false},
		{"unsupported sentences per strong answer", rep.UnsupportedStrong, unsupported, true},
		{"mean strong minus mean wrong", rep.MeanStrong - rep.MeanWrong, margin, false},
		{"mean strong", rep.MeanStrong, strong, false},
		{"repetition gain", float64(rep.RepetitionGain), 3, true},
	}
	for _, f := range floors {
		if f.atMost && f.got > f.want || !f.atMost && f.got < f.want {
			t.Errorf("%s = %.2f, want %s %.2f", f.name, f.got, map[bool]string{true: "at most", false: "at least"}[f.atMost], f.want)
		}
	}
	for _, p := range rep.ProbeOutcomes {
		s, v := p.Grade.Score, p.Grade.Verdict
		switch p.Item.Probe {
		case "keywords":
			if s > 40 || v == VerdictGood || v == VerdictExcellent {
				t.Errorf("a bare keyword list scored %d (%s), want partial at most and 40 or less", s, v)
			}
		case "off_topic":
			if s > offTopic {
				t.Errorf("an off-topic answer scored %d (%s), want %d or less", s, v, offTopic)
			}
		case "one_word":
			// weak, like a bare keyword list (at most 40): a question that
			// asks only for a name ("…하는 컴포넌트가 뭐죠?") gets the name's
			// share of the points (fresh12's held-out run: 38)
			if s > 40 || v != VerdictWeak && v != VerdictNotInNotes {
				t.Errorf("a one-word answer scored %d (%s)", s, v)
			}
		case "injection":
			// the instruction earns nothing: the answer scores what its other
			// sentences do (none, for an answer that is only the instruction)
			var rest []string
			for _, sent := range splitSentences(p.Item.Answer) {
				if !addressesGrader(sent) {
					rest = append(rest, sent)
				}
			}
			want := 0
			if len(rest) > 0 {
				g, err := svc.Check(t.Context(), Request{Collection: coll, Question: p.Item.Question, Answer: strings.Join(rest, " ")})
				if err == nil {
					want = g.Score
				}
			}
			if s > max(want, 10) {
				t.Errorf("an answer telling the grader to give full marks scored %d (%s); without the instruction %d", s, v, want)
			}
		case "copy":
			if s < copied {
				t.Errorf("the notes copied scored %d (%s), want %d or more", s, v, copied)
			}
		case "filler":
			if s < filler || hasIncorrect(p.Grade) {
				t.Errorf("a correct answer full of fillers %q scored %d (%s)%s", p.Item.ID, s, v, pointsSummary(p.Grade))
			}
		case "english":
			if s < 50 {
				t.Errorf("a correct English answer %q scored %d (%s)", p.Item.ID, s, v)
			}
		}
	}
}
