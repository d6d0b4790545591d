package store

import (
	"strings"
	"testing"
)

func TestCheckCollection(t *testing.T) {
	cases := []struct {
		name string
		want string // "" = valid; else a word of the error
	}{
		{"default", ""},
		{"내-노트", ""},
		{strings.Repeat("가", MaxCollectionRunes), ""}, // 300 bytes, 100 characters
		{strings.Repeat("가", MaxCollectionRunes+1), "longer than 100"},
		{strings.Repeat("a", MaxCollectionRunes+1), "longer than 100"},
		{"", "empty"},
		{"a\x00b", "control"},
		{"tab\there", "control"},
		{"\xff", "UTF-8"},
	}
	for _, c := range cases {
		err := CheckCollection(c.name)
		switch {
		case c.want == "" && err != nil:
			t.Errorf("CheckCollection(%q) = %v, want valid", c.name, err)
		case c.want != "" && (err == nil || !strings.Contains(err.Error(), c.want)):
			t.Errorf("CheckCollection(%q) = %v, want an error about %q", c.name, err, c.want)
		}
	}
}
