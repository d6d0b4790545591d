// Command skipreport prints, in one line to stderr, what a test run skipped
// and how to get it, from the log the packages' testenv.Run appended to
// ($TESTENV_SKIPLOG). `make test` runs it after the tests:
//
//	go run ./internal/testenv/skipreport FILE
//
// It prints nothing when nothing was skipped, and always exits 0 unless the
// log cannot be read: the tests' own result is the run's result.
package main

import (
	"fmt"
	"os"

	"grader/internal/testenv"
)

func main() {
	if len(os.Args) != 2 {
		fmt.Fprintln(os.Stderr, "usage: skipreport FILE")
		os.Exit(2)
	}
	line, err := testenv.Report(os.Args[1])
	if err != nil {
		fmt.Fprintf(os.Stderr, "skipreport: %v\n", err)
		os.Exit(1)
	}
	if line != "" {
		fmt.Fprintln(os.Stderr, line)
	}
}
