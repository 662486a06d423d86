// Package notebooktest holds what the tests that execute notebooks share.
// It imports testing, so only tests import it: the shipped commands, which
// import internal/notebook, do not link the testing package.
package notebooktest

import (
	"os"
	"testing"

	"github.com/nnlesson/course/internal/notebook"
)

// RequireJupyter skips the test when Jupyter or the gonb kernel is missing,
// saying how to install them; under CI (CI=true) it fails instead, so that a
// CI machine without them cannot pass by skipping.
func RequireJupyter(t testing.TB) {
	t.Helper()
	err := notebook.Available()
	if err == nil {
		return
	}
	if os.Getenv("CI") == "true" {
		t.Fatalf("CI=true and the notebooks cannot run: %v", err)
	}
	t.Skipf("skipping: the notebooks cannot run here: %v", err)
}
