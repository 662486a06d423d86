// Package bench holds the speed comparisons of the README (bench/cells,
// bench/compare.sh and the others; see their headers). The figures are
// measured by running them, on a quiet machine, never asserted in tests:
// these tests only check that each comparison still runs against today's
// course and prints its ratio, so that a change to the course cannot
// leave a benchmark that no longer measures anything.
package bench

import (
	"os"
	"os/exec"
	"regexp"
	"testing"

	"github.com/nnlesson/course/internal/notebook/notebooktest"
)

// need skips the test when a Python module that a comparison needs is
// missing, saying how to install it; under CI (CI=true) it fails.
func need(t *testing.T, python, module, pkg string) {
	t.Helper()
	if exec.Command(python, "-c", "import "+module).Run() == nil {
		return
	}
	if os.Getenv("CI") == "true" {
		t.Fatalf("CI=true and %s has no %s (apt-get install %s)", python, module, pkg)
	}
	t.Skipf("skipping: %s has no %s (apt-get install %s)", python, module, pkg)
}

// run runs a comparison and returns what it printed; it fails the test if
// the comparison fails.
func run(t *testing.T, name string, args ...string) string {
	t.Helper()
	out, err := exec.Command(name, args...).CombinedOutput()
	if err != nil {
		t.Fatalf("%s %v: %v\n%s", name, args, err, out)
	}
	return string(out)
}

// TestCellsRuns: bench/cells runs GoNB's and IPython's print and chart
// cells once each and prints both ratios.
func TestCellsRuns(t *testing.T) {
	if testing.Short() {
		t.Skip("-short: bench/cells starts two kernels")
	}
	notebooktest.RequireJupyter(t)
	py := run(t, "./pyjupyter", "-c", "import sys; print(sys.executable)")
	need(t, py[:len(py)-1], "matplotlib", "python3-matplotlib")
	out := run(t, "./cells", "--runs", "1", "--warmup", "1")
	if got := regexp.MustCompile(`GoNB/IPython \d+\.\d+ \(ratio of medians\)`).FindAllString(out, -1); len(got) != 2 {
		t.Errorf("bench/cells printed %d ratios, want 2 (print cell, chart cell):\n%s", len(got), out)
	}
}

// TestCompareRuns: bench/compare.sh runs one epoch of the Go training and
// of the numpy one and prints their ratios and the share of the peak.
func TestCompareRuns(t *testing.T) {
	if testing.Short() {
		t.Skip("-short: bench/compare.sh trains on MNIST")
	}
	need(t, "/usr/bin/python3", "numpy", "python3-numpy")
	out := run(t, "./compare.sh", "1", "1")
	for _, want := range []string{
		`numpy/Go, run by run`,
		`Go, \d+ cores?: +\d+\.\d+ / \d+\.\d+ / \d+\.\d+`,
		`an epoch needs \d+ million multiply-adds`,
		`% of what the cores? can do`,
	} {
		if !regexp.MustCompile(want).MatchString(out) {
			t.Errorf("bench/compare.sh printed no %q:\n%s", want, out)
		}
	}
}
