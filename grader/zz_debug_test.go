package grader

import (
	"fmt"
	"os"
	"strings"
	"testing"

	"grader/internal/testdatadir"
)

func TestZZDebugItem(t *testing.T) {
	id := os.Getenv("ITEM")
	if id == "" {
		t.Skip()
	}
	f, _ := os.Open(testdatadir.Path("devset", "devset.jsonl"))
	items, _, _ := ReadDevSet(f)
	ix, coll := ingestedIndex(t, "dbg", testdatadir.Path("seeds"))
	g := ix
	_ = g
	svc := NewService(ix, NewOffline(nil, DefaultCalibration()), nil, nil)
	for _, it := range items {
		if it.ID != id {
			continue
		}
		secs, err := svc.Sections(t.Context(), coll, it.Question)
		if err != nil {
			t.Fatal(err)
		}
		for _, s := range secs {
			fmt.Println("SECTION", s.Title(), "siblings", len(s.Siblings))
			for _, p := range s.Siblings {
				fmt.Println("  SIB", strings.Join(p.HeadingPath, ">"))
			}
		}
		refs, sib, _, _ := svc.References(t.Context(), coll, it.Question)
		r := BuildRubric(it.Question, refs, svc.gloss)
		r.Context = sib
		o := NewOffline(svc.gloss, DefaultCalibration())
		pr := o.prepare(r)
		for k, p := range pr.profiles {
			fmt.Println("PROFILE", k, pr.entities[k], sortedKeys(p.bag.keys), p.points)
		}
		for i, p := range pr.points {
			fmt.Println("POINT", i, p.subject, p.kp.Text)
		}
		ans := o.analyzeAnswer(it.Strong, pr)
		for _, s := range ans.sents {
			for _, c := range s.clauses {
				var ks []string
				for _, t := range c.terms {
					ks = append(ks, t.key)
				}
				fmt.Println("CLAUSE", ks)
			}
		}
		gr, _ := o.Judge(t.Context(), r, it.Strong)
		for _, p := range gr.Points {
			fmt.Println(p.Status, p.Coverage, p.Text, "|", p.Reason)
		}
		fmt.Println("score", gr.Score)
	}
}
