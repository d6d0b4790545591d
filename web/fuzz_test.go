package web

import (
	"bytes"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/labstack/echo/v4"
)

// FuzzGradeRequest: any body sent to POST /grade is either a request the
// grader can take (a question and an answer with text, no NUL, UTF-8) or a
// client error (4xx) naming what was wrong; never a panic or a 500. Its
// seeds run in every `go test`; `make test` fuzzes it briefly.
func FuzzGradeRequest(f *testing.F) {
	for _, s := range []string{
		`{"question":"ALB와 NLB의 차이는?","answer":"ALB는 L7, NLB는 L4입니다."}`,
		`{"question":"q","answer":"a","collection":"notes","asked":["이전 질문"]}`,
		`{"question":"q","answer":"\u0000"}`,
		`{"question":"q","answer":"\u200b\u00a0"}`,
		`{"question":1,"answer":"a"}`,
		`{"question":"q","answer":"a"} {"x":1}`,
		`{"question":"q","answer":"a","collection":"` + strings.Repeat("c", 200) + `"}`,
		`{"question":"q","answer":"a","asked":[` + strings.Repeat(`"x",`, 150) + `"y"]}`,
		`[1,2,3]`, `null`, `{`, "\xff\xfe", ``,
	} {
		f.Add([]byte(s))
	}
	s := New(Deps{}, Config{DefaultCollection: "default"}, nil)
	e := echo.New()
	f.Fuzz(func(t *testing.T, body []byte) {
		req := httptest.NewRequest(http.MethodPost, "/api/v1/grade", bytes.NewReader(body))
		req.Header.Set(echo.HeaderContentType, echo.MIMEApplicationJSON)
		c := e.NewContext(req, httptest.NewRecorder())
		got, err := s.readGradeRequest(c)
		if err != nil {
			ae := classify(err)
			if ae == nil || ae.Status < 400 || ae.Status >= 500 || ae.Message == "" {
				t.Fatalf("body %q: error %v is not a client error with a message (%+v)", body, err, ae)
			}
			return
		}
		for name, v := range map[string]string{"question": got.Question, "answer": got.Answer, "collection": got.Collection} {
			if strings.TrimSpace(v) == "" || strings.ContainsRune(v, 0) || !utf8.ValidString(v) {
				t.Fatalf("body %q accepted with %s %q", body, name, v)
			}
		}
	})
}
