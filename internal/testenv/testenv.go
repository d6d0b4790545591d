// Package testenv decides what a test does when something it needs from
// outside the repository is missing here, such as the chromium the browser
// tests drive. (The data the tests use is in the repository, under testdata/:
// a missing file there is a plain failure, never a skip.)
//
// In CI (CI set to anything but "", "0" or "false") the test fails, naming
// what is missing and how to get it. On a developer's machine it is skipped,
// and the package's TestMain (Main or Run) prints one line at the end:
//
//	SKIPPED (not run here): chromium for 3 tests (TestA, TestB, TestC) — apt-get install chromium
//
// `go test ./...` shows a passing package's output only with -v, so when
// TESTENV_SKIPLOG names a file, Run also appends what it skipped there, and
// `make test` prints the whole run's skips in one line at its end (go run
// ./internal/testenv/skipreport FILE).
package testenv

import (
	"bufio"
	"fmt"
	"os"
	"slices"
	"strings"
	"sync"
	"testing"
)

// LogEnv names the file Run appends the package's skips to, when set.
const LogEnv = "TESTENV_SKIPLOG"

// InCI reports whether the tests run in CI, where nothing may be skipped.
func InCI() bool { return isCI(os.Getenv("CI")) }

// isCI is the decision on the value of CI: set to anything but "", "0" or
// "false" (any case).
func isCI(v string) bool {
	v = strings.TrimSpace(v)
	return v != "" && v != "0" && !strings.EqualFold(v, "false")
}

// Missing is one thing the tests needed and did not find, with the tests
// that were skipped for it.
type Missing struct {
	What, How string
	Tests     []string
}

var (
	mu      sync.Mutex
	skipped []*Missing
)

// Require is called by a test that cannot run because what it needs (what,
// e.g. "chromium") is missing here; how says how to get it (e.g. "apt-get
// install chromium"). In CI the test fails; otherwise it is skipped and
// recorded for the line Run prints.
func Require(t testing.TB, what, how string) {
	t.Helper()
	if InCI() {
		t.Fatalf("%s is missing (CI=%q: a missing dependency fails the test); get it: %s", what, os.Getenv("CI"), how)
	}
	record(what, how, t.Name())
	t.Skipf("%s is missing; to run this test: %s (under CI=true this fails)", what, how)
}

func record(what, how, test string) {
	mu.Lock()
	defer mu.Unlock()
	skipped = merge(skipped, what, how, test)
}

// merge adds one skipped test to ms, grouped by what and how, in first-seen order.
func merge(ms []*Missing, what, how string, tests ...string) []*Missing {
	i := slices.IndexFunc(ms, func(m *Missing) bool { return m.What == what && m.How == how })
	if i < 0 {
		ms = append(ms, &Missing{What: what, How: how})
		i = len(ms) - 1
	}
	for _, t := range tests {
		if !slices.Contains(ms[i].Tests, t) {
			ms[i].Tests = append(ms[i].Tests, t)
		}
	}
	return ms
}

// Line is the one line that says what was skipped and how to get it, or ""
// when nothing was.
func Line(ms []*Missing) string {
	if len(ms) == 0 {
		return ""
	}
	parts := make([]string, len(ms))
	for i, m := range ms {
		noun := "tests"
		if len(m.Tests) == 1 {
			noun = "test"
		}
		parts[i] = fmt.Sprintf("%s for %d %s (%s) — %s", m.What, len(m.Tests), noun, strings.Join(m.Tests, ", "), m.How)
	}
	return "SKIPPED (not run here): " + strings.Join(parts, "; ")
}

// Run runs the package's tests and returns their exit code, for a TestMain
// that has more to do; after the tests it prints the line of what was
// skipped (if anything) to stderr, and appends it to $TESTENV_SKIPLOG.
func Run(m *testing.M) int {
	code := m.Run()
	mu.Lock()
	ms := skipped
	mu.Unlock()
	if line := Line(ms); line != "" {
		fmt.Fprintln(os.Stderr, line)
		if path := os.Getenv(LogEnv); path != "" {
			if err := appendLog(path, ms); err != nil {
				fmt.Fprintf(os.Stderr, "testenv: %s: %v\n", LogEnv, err)
			}
		}
	}
	return code
}

// Main is a package's TestMain when it has nothing else to do:
//
//	func TestMain(m *testing.M) { testenv.Main(m) }
func Main(m *testing.M) { os.Exit(Run(m)) }

// The log holds one record a line: what, how and the tests, tab-separated.
// Each package appends its own lines in one write (O_APPEND), so packages
// tested at the same time do not mix their records.
func appendLog(path string, ms []*Missing) error {
	var b strings.Builder
	for _, m := range ms {
		fmt.Fprintf(&b, "%s\t%s\t%s\n", clean(m.What), clean(m.How), clean(strings.Join(m.Tests, "\t")))
	}
	f, err := os.OpenFile(path, os.O_WRONLY|os.O_APPEND|os.O_CREATE, 0o644)
	if err != nil {
		return err
	}
	if _, err := f.WriteString(b.String()); err != nil {
		f.Close()
		return err
	}
	return f.Close()
}

func clean(s string) string { return strings.ReplaceAll(s, "\n", " ") }

// Report reads a log that Run appended to and returns the one line for the
// whole run, or "" when nothing was skipped (or there is no log).
func Report(path string) (string, error) {
	f, err := os.Open(path)
	if os.IsNotExist(err) {
		return "", nil
	}
	if err != nil {
		return "", err
	}
	defer f.Close()
	var ms []*Missing
	sc := bufio.NewScanner(f)
	for sc.Scan() {
		fields := strings.Split(sc.Text(), "\t")
		if len(fields) < 3 {
			continue
		}
		ms = merge(ms, fields[0], fields[1], fields[2:]...)
	}
	if err := sc.Err(); err != nil {
		return "", err
	}
	return Line(ms), nil
}
