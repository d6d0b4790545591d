package store

import (
	"fmt"
	"unicode"
	"unicode/utf8"
)

// MaxCollectionRunes bounds a collection name, in characters (not bytes), the
// same for the CLI and the API.
const MaxCollectionRunes = 100

// CheckCollection says what is wrong with a collection name, or nil. A name
// is UTF-8 text of 1 to MaxCollectionRunes characters without control
// characters (PostgreSQL cannot store NUL, and the others only confuse).
func CheckCollection(name string) error {
	switch {
	case name == "":
		return fmt.Errorf("collection name is empty")
	case !utf8.ValidString(name):
		return fmt.Errorf("collection name is not UTF-8 text")
	case utf8.RuneCountInString(name) > MaxCollectionRunes:
		return fmt.Errorf("collection name is longer than %d characters", MaxCollectionRunes)
	}
	for _, r := range name {
		if unicode.IsControl(r) {
			return fmt.Errorf("collection name contains a control character (%U)", r)
		}
	}
	return nil
}
