package grader

import (
	"slices"
	"testing"

	"grader/token"
)

func TestBetweens(t *testing.T) {
	g := token.DefaultGlossary()
	cases := []struct {
		text        string
		left, right []string // nil: no "A와 B 사이" read
	}{
		{"웹 서버(Nginx 등)와 웹 어플리케이션(장고 등) 간의 인터페이스 역할을 한다.", []string{"nginx", "server"}, []string{"django", "applic"}},
		{"WSGI는 클라이언트와 Nginx 사이, 웹 서버 앞단에 놓여서", []string{"client"}, []string{"nginx"}},
		{"broker : Producer와 Consumer 사이에서 메시지 중계", []string{"produc"}, []string{"consum"}},
		// no sides named: "그 사이", "둘 사이"
		{"Broker는 그 사이에서 메시지를 중계합니다.", nil, nil},
		// a verb's -하고 is no joint
		{"Consumer는 메시지를 가져와 처리하고, Broker는 그 사이에서 중계합니다.", nil, nil},
	}
	for _, c := range cases {
		bs := betweens(analyze(c.text, g).terms)
		if c.left == nil {
			if len(bs) > 0 {
				t.Errorf("betweens(%q) = %+v, want none", c.text, bs)
			}
			continue
		}
		if len(bs) == 0 || !slices.Equal(bs[0].left, c.left) || !slices.Equal(bs[0].right, c.right) {
			t.Errorf("betweens(%q) = %+v, want %v / %v", c.text, bs, c.left, c.right)
		}
	}
}

// A thing placed between one of the notes' two sides and something else
// has moved, though every word of the line may be there (devset's, fresh3's
// and fresh10's WSGI answers had scored 94–96); between the two, in
// either order or in other words, it agrees.
func TestPlacedBetweenOtherThings(t *testing.T) {
	seedCasesIncorrect(t, "between", "Nginx 뒤에 Django 앱을 붙일 때 WSGI는 어디에 놓여서 무슨 일을 하나요?", []answerCase{
		{"client and web server", "WSGI는 클라이언트와 Nginx 사이에 놓여서 요청을 먼저 받아 넘겨 주는 인터페이스 역할을 합니다.", "인터페이스"},
		{"application and database", "WSGI는 Django 같은 웹 애플리케이션과 데이터베이스 사이의 인터페이스 역할을 합니다.", "인터페이스"},
		{"as the notes", "WSGI는 Nginx 같은 웹 서버와 Django 같은 웹 애플리케이션 사이에 놓여서 둘을 이어 주는 인터페이스 역할을 합니다.", ""},
		{"the other order", "WSGI는 웹 애플리케이션과 웹 서버 사이의 인터페이스입니다.", ""},
	})
}
