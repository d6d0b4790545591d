// Package testdatadir finds the repository's testdata/ folder: the seed
// notes, the Korean notes and Q&A, and the SemEval-2013 answers that the
// tests and the evaluation tools use (see testdata/README.md). It is the one
// place that knows where they are.
//
// (The package is not called testdata: the go command leaves directories of
// that name out of ./..., so its own test would never run.)
package testdatadir

import (
	"path/filepath"
	"runtime"
)

// root is testdata/ at the repository root, found from this file's own
// location at build time, so that it does not depend on the working
// directory: any package's test and `go run` of a tool find the same folder.
// A binary built with -trimpath has no absolute source path; it falls back
// to testdata/ under the working directory (the repository root).
var root = func() string {
	_, file, _, ok := runtime.Caller(0)
	if !ok || !filepath.IsAbs(file) {
		return "testdata"
	}
	return filepath.Join(filepath.Dir(file), "..", "..", "testdata")
}()

// Path returns the path of elem inside testdata/, e.g. Path("seeds") or
// Path("en", "scientsbank_train.csv"). It does not check that it exists: a
// test that opens it fails with the file's name.
func Path(elem ...string) string {
	return filepath.Join(append([]string{root}, elem...)...)
}
