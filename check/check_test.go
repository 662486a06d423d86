package check

import (
	"strings"
	"testing"

	"github.com/nnlesson/course/exercise"
	"github.com/nnlesson/course/lang"
)

// want runs one check and requires one verdict of the given status whose
// text contains every part.
func want(t *testing.T, name string, run func(), status string, parts ...string) {
	t.Helper()
	got := exercise.Verdicts(run)
	if len(got) != 1 {
		t.Errorf("%s: %d verdicts %q, want 1", name, len(got), got)
		return
	}
	if got[0].Status != status {
		t.Errorf("%s: verdict %s %q, want %s", name, got[0].Status, got[0].Text, status)
	}
	for _, p := range parts {
		if !strings.Contains(got[0].Text, p) {
			t.Errorf("%s: %q does not say %q", name, got[0].Text, p)
		}
	}
}

// stub is what the student edition puts in place of a solution.
func stub[T any]() T { panic(exercise.NotWritten("write it")) }

// inBothLanguages runs test once in English and once in Polish.
func inBothLanguages(t *testing.T, test func(t *testing.T, pl bool)) {
	defer lang.Use(lang.Code())
	for _, code := range []string{"en", "pl"} {
		lang.Use(code)
		t.Run(code, func(t *testing.T) { test(t, code == "pl") })
	}
}

// pick returns en or pl.
func pick(pl bool, en, pls string) string {
	if pl {
		return pls
	}
	return en
}
