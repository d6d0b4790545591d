package grader

import (
	"testing"
	"time"

	"grader/internal/testdatadir"
	"grader/token"
)

// BenchmarkGradeVsRetrieval reports offline grading of one answer (retrieve,
// build the rubric, judge) as a ratio to the retrieval alone, in the same run.
func BenchmarkGradeVsRetrieval(b *testing.B) {
	ctx := b.Context()
	ix, coll := ingestedIndex(b, "bench-grade", "../samples/notes", testdatadir.Path("seeds"))
	g := token.DefaultGlossary()
	svc := NewService(ix, NewOffline(g, DefaultCalibration()), nil, g)
	req := Request{Collection: coll, Question: "ALB와 NLB의 차이를 설명해 주세요",
		Answer: "ALB는 L7에서 HTTP 헤더와 path를 보고 라우팅하고, NLB는 L4에서 TCP와 UDP 트래픽을 분산합니다. NLB는 고정 IP를 가질 수 있습니다."}
	var grade, search time.Duration
	b.ResetTimer()
	for range b.N {
		start := time.Now()
		if _, err := ix.Search(ctx, coll, req.Question, sectionSearchK); err != nil {
			b.Fatal(err)
		}
		search += time.Since(start)
		start = time.Now()
		if _, err := svc.Grade(ctx, req); err != nil {
			b.Fatal(err)
		}
		grade += time.Since(start)
	}
	b.ReportMetric(float64(grade.Microseconds())/float64(b.N), "grade_us")
	b.ReportMetric(float64(search.Microseconds())/float64(b.N), "retrieval_us")
	b.ReportMetric(grade.Seconds()/search.Seconds(), "grade_ratio")
}
