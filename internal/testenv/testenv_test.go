package testenv

import (
	"bytes"
	"errors"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
)

func TestMain(m *testing.M) { Main(m) }

func TestIsCI(t *testing.T) {
	for v, want := range map[string]bool{
		"": false, " ": false, "0": false, "false": false, "False": false, "FALSE": false,
		"true": true, "1": true, "yes": true, "github": true,
	} {
		if got := isCI(v); got != want {
			t.Errorf("isCI(%q) = %v, want %v", v, got, want)
		}
	}
}

// TestHelperRequire is the test the child processes run: it needs a tool
// that is never there. Run directly, it does nothing.
func TestHelperRequire(t *testing.T) {
	if os.Getenv("TESTENV_HELPER") != "1" {
		return
	}
	Require(t, "a-tool", "apt-get install a-tool")
	t.Error("Require returned")
}

// child runs TestHelperRequire in a copy of this test binary with CI set to
// ci (unset when ""), and returns its stdout, stderr and error.
func child(t *testing.T, ci, log string) (string, string, error) {
	t.Helper()
	cmd := exec.Command(os.Args[0], "-test.run=^TestHelperRequire$", "-test.v", "-test.count=1")
	for _, kv := range os.Environ() {
		if !strings.HasPrefix(kv, "CI=") && !strings.HasPrefix(kv, LogEnv+"=") {
			cmd.Env = append(cmd.Env, kv)
		}
	}
	cmd.Env = append(cmd.Env, "TESTENV_HELPER=1", LogEnv+"="+log)
	if ci != "" {
		cmd.Env = append(cmd.Env, "CI="+ci)
	}
	var stdout, stderr bytes.Buffer
	cmd.Stdout, cmd.Stderr = &stdout, &stderr
	err := cmd.Run()
	return stdout.String(), stderr.String(), err
}

const wantLine = "SKIPPED (not run here): a-tool for 1 test (TestHelperRequire) — apt-get install a-tool"

func TestRequireSkipsOutsideCI(t *testing.T) {
	for _, ci := range []string{"", "false", "0"} {
		log := filepath.Join(t.TempDir(), "skipped")
		stdout, stderr, err := child(t, ci, log)
		if err != nil {
			t.Fatalf("CI=%q: the child failed (%v):\n%s%s", ci, err, stdout, stderr)
		}
		if !strings.Contains(stdout, "--- SKIP: TestHelperRequire") || !strings.Contains(stdout, "apt-get install a-tool") {
			t.Errorf("CI=%q: the test was not skipped saying how to get the tool:\n%s", ci, stdout)
		}
		if got := strings.TrimSpace(stderr); got != wantLine {
			t.Errorf("CI=%q: stderr = %q, want the one line %q", ci, got, wantLine)
		}
		if got, err := Report(log); err != nil || got != wantLine {
			t.Errorf("CI=%q: Report = %q, %v; want %q", ci, got, err, wantLine)
		}
	}
}

func TestRequireFailsInCI(t *testing.T) {
	for _, ci := range []string{"true", "1"} {
		log := filepath.Join(t.TempDir(), "skipped")
		stdout, stderr, err := child(t, ci, log)
		var exit *exec.ExitError
		if !errors.As(err, &exit) || exit.ExitCode() != 1 {
			t.Fatalf("CI=%q: the child returned %v, want exit status 1:\n%s%s", ci, err, stdout, stderr)
		}
		if !strings.Contains(stdout, "--- FAIL: TestHelperRequire") || !strings.Contains(stdout, "a-tool is missing") ||
			!strings.Contains(stdout, "apt-get install a-tool") {
			t.Errorf("CI=%q: the failure does not say what is missing and how to get it:\n%s", ci, stdout)
		}
		if strings.Contains(stdout+stderr, "SKIP") || strings.Contains(stdout, "Require returned") {
			t.Errorf("CI=%q: the test went on or was reported skipped:\n%s%s", ci, stdout, stderr)
		}
		if _, err := os.Stat(log); !os.IsNotExist(err) {
			t.Errorf("CI=%q: a failed test was logged as skipped (%v)", ci, err)
		}
	}
}

func TestLineAndReport(t *testing.T) {
	if got := Line(nil); got != "" {
		t.Errorf("Line(nil) = %q, want nothing", got)
	}
	// Two packages skip for chromium, one for something else: one line.
	log := filepath.Join(t.TempDir(), "skipped")
	if err := appendLog(log, merge(merge(nil, "chromium", "apt-get install chromium", "TestA", "TestB"), "pg", "install pg", "TestP")); err != nil {
		t.Fatal(err)
	}
	if err := appendLog(log, merge(nil, "chromium", "apt-get install chromium", "TestC")); err != nil {
		t.Fatal(err)
	}
	got, err := Report(log)
	want := "SKIPPED (not run here): chromium for 3 tests (TestA, TestB, TestC) — apt-get install chromium; pg for 1 test (TestP) — install pg"
	if err != nil || got != want {
		t.Errorf("Report = %q, %v\nwant %q", got, err, want)
	}
	if got, err := Report(filepath.Join(t.TempDir(), "none")); got != "" || err != nil {
		t.Errorf("Report(no log) = %q, %v; want nothing", got, err)
	}
}
