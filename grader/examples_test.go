package grader

import (
	"slices"
	"testing"

	"grader/token"
)

func TestExamplesRead(t *testing.T) {
	g := token.DefaultGlossary()
	cases := []struct {
		text  string
		read  func(analysis) []instance
		want  []instance
		wantN int // how many in all
	}{
		{"웹 서버(Nginx 등)와 웹 어플리케이션(장고 등) 간의 인터페이스", notesExamples,
			[]instance{{"nginx", "server", "웹 "}, {"django", "applic", "웹 "}}, 2},
		{"개발의 오버헤드 (ex. 문서화) 를 줄여", notesExamples, nil, 0}, // a gloss, no name
		{"Django 같은 웹 서버와 Nginx 같은 웹 애플리케이션 사이에서", answerExamples,
			[]instance{{"django", "server", "웹 "}, {"nginx", "applic", "웹 "}}, 2},
		{"이 구조에서는 Django가 요청을 받는 웹 서버 쪽이고 Nginx가 로직을 처리하는 웹 애플리케이션 쪽입니다.", copulaExamples,
			[]instance{{"django", "server", "웹 "}, {"nginx", "applic", "웹 "}}, 2},
		// a target is no kind: Nginx passes requests on to the application
		{"Nginx가 요청을 받아 웹 애플리케이션으로 넘겨 줍니다.", copulaExamples, nil, 0},
	}
	for _, c := range cases {
		got := c.read(analyze(c.text, g))
		for _, w := range c.want {
			if !slices.Contains(got, w) {
				t.Errorf("%q: read %v, want %v among them", c.text, got, w)
			}
		}
		if len(got) != c.wantN {
			t.Errorf("%q: read %v, want %d", c.text, got, c.wantN)
		}
	}
}

// A name filed under the other kind the notes name is a swap, said with
// 같은 or as the predicate; filed as the notes file it, it is right.
func TestExampleSwapped(t *testing.T) {
	q := "Nginx를 Apache로 바꾸자는데 Django 코드를 고쳐야 하나요? WSGI 역할을 기준으로 말씀해 주세요."
	checkIncorrect(t, []incorrectCase{
		{"swapped with 같은", q, "WSGI는 Django 같은 웹 서버와 Nginx 같은 웹 애플리케이션 사이에서 인터페이스 역할을 합니다.", "장고"},
		{"swapped as predicates", q, "WSGI는 둘 사이의 인터페이스인데, Django가 요청을 받는 웹 서버 쪽이고 Nginx가 로직을 처리하는 웹 애플리케이션 쪽입니다.", "장고"},
		{"as the notes file them", q, "WSGI는 Nginx 같은 웹 서버와 Django 같은 웹 애플리케이션 사이에서 인터페이스 역할을 합니다.", ""},
	})
	gr := judgeOnSeeds(t, q, "WSGI는 Django 같은 웹 서버와 Nginx 같은 웹 애플리케이션 사이에서 인터페이스 역할을 합니다.")
	for _, p := range gr.Points {
		if p.Status == Incorrect && p.Reason != "노트에서 장고는 웹 어플리케이션의 예인데, 답변은 웹 서버의 예로 들었습니다" {
			t.Errorf("reason %q does not say which kind the notes file the name under", p.Reason)
		}
	}
}
