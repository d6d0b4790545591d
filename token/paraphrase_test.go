package token

import (
	"fmt"
	"slices"
	"testing"
)

func TestParaphrasesOf(t *testing.T) {
	p := DefaultParaphrases()
	cases := []struct {
		word string
		has  []string
		not  []string
	}{
		{"초기", []string{"처음", "최초"}, nil},
		{"간단해진", []string{"단순", "심플"}, []string{"간단"}}, // by the start of the word, itself left out
		{"돈이", []string{"비용"}, nil},
		{"오버헤드", []string{"손해"}, nil},
		{"보안", nil, nil},        // in no group
		{"간단하게설명드리면", nil, nil}, // too long past the group's word: another word
	}
	for _, c := range cases {
		got := p.Of(c.word)
		expectMembers(t, fmt.Sprintf("Of(%q)", c.word), got, c.has, c.not)
		if c.has == nil && got != nil {
			t.Errorf("Of(%q) = %v, want none", c.word, got)
		}
	}
}

// No group holds two words of opposite sense: a paraphrase reads the
// answer's word as the notes', and an opposite would turn a contradiction
// into a match.
func TestParaphrasesHoldNoOpposites(t *testing.T) {
	p := DefaultParaphrases()
	for _, pair := range [][2]string{{"허용", "차단"}, {"자동", "수동"}, {"증가", "감소"}, {"시작", "종료"}, {"많은", "적은"}, {"쉽", "어렵"}, {"연결", "분리"}, {"저장", "삭제"}} {
		if slices.Contains(p.Of(pair[0]), pair[1]) || slices.Contains(p.Of(pair[1]), pair[0]) {
			t.Errorf("%s and %s are in one group", pair[0], pair[1])
		}
	}
	for _, g := range p.groups {
		if len(g) < 2 {
			t.Errorf("group %v has one word", g)
		}
	}
}

func TestExtends(t *testing.T) {
	for _, c := range []struct {
		word, stem string
		want       bool
	}{
		{"다루기", "다루", true}, {"간단해진", "간단", true}, {"간단", "간단", true},
		{"간단해지는", "간단", false}, // three more syllables: another word
		{"간단", "간", false},     // one syllable is no stem
		{"단순", "간단", false},
	} {
		if got := Extends(c.word, c.stem); got != c.want {
			t.Errorf("Extends(%q, %q) = %v, want %v", c.word, c.stem, got, c.want)
		}
	}
}
