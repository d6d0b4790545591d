// Command devset grades a development set (testdata/devset/devset.jsonl by
// default) against the seed notes with the offline judge and prints the
// report the README quotes; -v lists every question that is out of order,
// missed its wrong fact, raised a false alarm or was graded from another section.
//
//	go run ./grader/internal/devset [-v] [-json] [-table] [-grades] [-sections] [-show id] [file.jsonl]
package main

import (
	"context"
	"encoding/json"
	"flag"
	"fmt"
	"os"
	"sort"
	"strings"

	"grader/embeddings"
	"grader/grader"
	"grader/internal/testdatadir"
	"grader/internal/testdb"
	"grader/notes"
	"grader/store"
	"grader/token"
)

func main() {
	verbose := flag.Bool("v", false, "list the failing questions")
	sections := flag.Bool("sections", false, "show the best sections for each question")
	asJSON := flag.Bool("json", false, "print the report as JSON")
	table := flag.Bool("table", false, "print every question's scores (strong, thin, wrong) and whether the wrong fact was caught")
	grades := flag.Bool("grades", false, "print every question's three grades as JSON lines")
	show := flag.String("show", "", "print the grades of the items whose id contains this: points, evidence, follow-ups")
	flag.Parse()
	path := testdatadir.Path("devset", "devset.jsonl")
	if flag.NArg() > 0 {
		path = flag.Arg(0)
	}
	if err := run(path, *verbose, *asJSON, *sections, *table, *grades, *show); err != nil {
		fmt.Fprintln(os.Stderr, "devset:", err)
		os.Exit(1)
	}
}

func run(path string, verbose, asJSON, sections, table, grades bool, show string) error {
	ctx := context.Background()
	f, err := os.Open(path)
	if err != nil {
		return err
	}
	items, probes, err := grader.ReadDevSet(f)
	f.Close()
	if err != nil {
		return fmt.Errorf("%s: %w", path, err)
	}
	url := os.Getenv("DATABASE_URL")
	if url == "" {
		url = testdb.DefaultURL
	}
	db, err := store.Open(ctx, url, nil)
	if err != nil {
		return err
	}
	defer db.Close()
	if _, err := db.Migrate(ctx); err != nil {
		return err
	}
	g := token.DefaultGlossary()
	ix := notes.NewIndex(db, embeddings.NewLocal(384, g), g, notes.DefaultChunkOptions(), nil)
	coll := testdb.Name("devset")
	defer db.Purge(context.Background(), coll)
	if _, err := ix.IngestPaths(ctx, coll, []string{testdatadir.Path("seeds")}, nil); err != nil {
		return err
	}
	svc := grader.NewService(ix, grader.NewOffline(g, grader.DefaultCalibration()), nil, g)
	if sections {
		right, near := 0, 0
		for _, it := range append(items, probes...) {
			secs, err := svc.RankSections(ctx, coll, it.Question, 4)
			if err != nil {
				return err
			}
			mark := " "
			if len(secs) > 0 && secs[0].Title() == it.Section {
				mark = "*"
				right++
			} else if len(secs) > 0 && (strings.HasPrefix(it.Section, secs[0].Title()+" > ") && strings.Count(it.Section, " > ")-strings.Count(secs[0].Title(), " > ") == 1 || strings.HasPrefix(secs[0].Title(), it.Section+" > ")) {
				mark = "~"
				near++
			}
			fmt.Printf("%s %-22s %s\n   want %s\n", mark, it.ID, it.Question, it.Section)
			for _, s := range secs {
				fmt.Printf("   %.3f %s\n", s.Score, s.Title())
			}
		}
		fmt.Printf("top section right: %d of %d, near %d\n", right, len(items), near)
		return nil
	}
	if show != "" {
		return showItems(ctx, svc, coll, append(items, probes...), show)
	}
	rep, err := grader.RunDevSet(ctx, func(ctx context.Context, q, a string) (grader.Grade, error) {
		return svc.Check(ctx, grader.Request{Collection: coll, Question: q, Answer: a})
	}, items, probes)
	if err != nil {
		return err
	}
	if table {
		for _, o := range rep.Outcomes {
			caught := "-"
			if o.WrongCaught() {
				caught = "caught"
			}
			fmt.Printf("%-24s %-9s %3d %3d %3d %-6s section %.0f%%\n", o.Item.ID, o.Item.WrongKind, o.Strong.Score, o.Thin.Score, o.Wrong.Score, caught, 100*o.SectionShare)
		}
		return nil
	}
	if grades {
		// one line per question with its three grades, for scripts that
		// compare two versions of the judge
		enc := json.NewEncoder(os.Stdout)
		enc.SetEscapeHTML(false)
		for _, o := range rep.Outcomes {
			line := map[string]any{"id": o.Item.ID, "wrong_kind": o.Item.WrongKind, "caught": o.WrongCaught(), "strong": o.Strong, "thin": o.Thin, "wrong": o.Wrong}
			if err := enc.Encode(line); err != nil {
				return err
			}
		}
		return nil
	}
	if asJSON {
		enc := json.NewEncoder(os.Stdout)
		enc.SetIndent("", "  ")
		enc.SetEscapeHTML(false)
		return enc.Encode(rep)
	}
	fmt.Printf("questions %d\n", rep.N)
	fmt.Printf("strong > thin > wrong   %.0f%%\n", 100*rep.Ordered)
	fmt.Printf("thin > wrong            %.0f%%\n", 100*rep.ThinOverWrong)
	fmt.Printf("wrong caught            %.0f%%  %v of %v\n", 100*rep.WrongCaught, rep.CaughtByKind, rep.WrongByKind)
	fmt.Printf("false alarms strong     %.0f%%  (thin %.0f%%)\n", 100*rep.FalseAlarmsStrong, 100*rep.FalseAlarmsThin)
	fmt.Printf("right section           %.0f%%\n", 100*rep.RightSection)
	fmt.Printf("unsupported per strong  %.2f\n", rep.UnsupportedStrong)
	fmt.Printf("mean strong/thin/wrong  %.0f / %.0f / %.0f\n", rep.MeanStrong, rep.MeanThin, rep.MeanWrong)
	fmt.Printf("repetition gain         %d\n", rep.RepetitionGain)
	sort.SliceStable(rep.Probes, func(i, j int) bool { return rep.Probes[i].Probe < rep.Probes[j].Probe })
	for _, p := range rep.Probes {
		fmt.Printf("probe %-12s %-28s %3d %s\n", p.Probe, p.ID, p.Score, p.Verdict)
	}
	if !verbose {
		return nil
	}
	for _, o := range rep.Outcomes {
		var why []string
		if !o.Ordered() {
			why = append(why, fmt.Sprintf("scores %d/%d/%d", o.Strong.Score, o.Thin.Score, o.Wrong.Score))
		}
		if !o.WrongCaught() {
			why = append(why, "wrong not caught ("+o.Item.WrongKind+")")
		}
		for _, p := range o.Strong.Points {
			if p.Status == grader.Incorrect {
				why = append(why, "false alarm: "+p.Reason)
			}
		}
		for _, p := range o.Thin.Points {
			if p.Status == grader.Incorrect {
				why = append(why, "false alarm on the thin answer: "+p.Reason)
			}
		}
		if o.SectionShare < 0.5 {
			var got []string
			for _, r := range o.Strong.References {
				got = append(got, strings.Join(r.HeadingPath, " > "))
			}
			why = append(why, fmt.Sprintf("section %.0f%%, graded against %q", 100*o.SectionShare, got))
		}
		if len(why) > 0 {
			fmt.Printf("\n%s  %s\n  %s\n", o.Item.ID, o.Item.Question, strings.Join(why, "\n  "))
		}
	}
	return nil
}

// showItems prints what a reader of the page would see for each answer of
// the items whose id contains part.
func showItems(ctx context.Context, svc *grader.Service, coll string, items []grader.DevItem, part string) error {
	for _, it := range items {
		if !strings.Contains(it.ID, part) {
			continue
		}
		fmt.Printf("== %s  (section %s)\n%s\n", it.ID, it.Section, it.Question)
		answers := [][2]string{{"strong", it.Strong}, {"thin", it.Thin}, {"wrong", it.Wrong}, {"answer", it.Answer}}
		for _, a := range answers {
			if a[1] == "" {
				continue
			}
			g, err := svc.Check(ctx, grader.Request{Collection: coll, Question: it.Question, Answer: a[1]})
			if err != nil {
				return fmt.Errorf("%s %s: %w", it.ID, a[0], err)
			}
			fmt.Printf("-- %s %d %s: %s\n   %s\n", a[0], g.Score, g.Verdict, a[1], g.Summary)
			for _, p := range g.Points {
				fmt.Printf("   [%s %.2f w%.1f] %s\n", p.Status, p.Coverage, p.Weight, p.Text)
				if p.Evidence != "" {
					fmt.Printf("        evidence: %s\n", p.Evidence)
				}
				if p.Reason != "" {
					fmt.Printf("        reason: %s\n", p.Reason)
				}
			}
			for _, u := range g.Unsupported {
				fmt.Printf("   unsupported: %s\n", u)
			}
			for _, f := range g.Followups {
				fmt.Printf("   follow-up: %s\n", f)
			}
		}
	}
	return nil
}
