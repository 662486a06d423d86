package notebook

import (
	"encoding/json"
	"strings"
	"testing"
)

// box is a check's output as the exercise package shows it in a notebook.
func box(status, text string) Output {
	h := `<div class="nnlesson-check nnlesson-check-` + status + `" style="border-left: 6px solid #2e7d32;">` +
		`<b style="font-size: 1.2em;">✓</b> ` + text + `</div>`
	raw, _ := json.Marshal(h)
	return Output{Type: "display_data", Data: map[string]json.RawMessage{"text/html": raw}}
}

func TestFailedChecks(t *testing.T) {
	nb := &Notebook{Cells: []Cell{
		{Type: "code", Source: "func reluPrime(z float64) float64 { return 1 }"},
		{Type: "code", Source: "%%\nexercise.Func1(\"reluPrime\", reluPrime, cases)",
			Outputs: []Output{box("fail", "reluPrime(-1) returned 1; expected 0 &mdash; did you &lt;forget&gt;?")}},
		{Type: "code", Source: "%%\nexercise.Float(\"dCdW\", dCdW, 0.1, 0.01)",
			Outputs: []Output{box("pass", "dCdW() = 0.1 is right.")}},
		{Type: "code", Source: "%%\nexercise.Check(\"it converges\", func() error { return nil })",
			Outputs: []Output{box("todo", "learningRate is not written yet.")}},
		{Type: "code", Source: "%%\nexercise.Slice(\"z\", z, want, 0)"}, // no verdict shown
	}}
	got := nb.FailedChecks()
	want := []struct {
		cell int
		msg  string
	}{
		{1, "reluPrime(-1) returned 1; expected 0 — did you <forget>?"},
		{3, "learningRate is not written yet."},
		{4, "no verdict was shown"},
	}
	if len(got) != len(want) {
		t.Fatalf("FailedChecks found %d, want %d: %v", len(got), len(want), got)
	}
	for i, w := range want {
		if got[i].Cell != w.cell || !strings.Contains(got[i].Message, w.msg) {
			t.Errorf("failure %d = cell %d %q; want cell %d %q", i, got[i].Cell, got[i].Message, w.cell, w.msg)
		}
	}
	if c := nb.Checks(2); len(c) != 1 || c[0].Status != CheckPass || !strings.HasSuffix(c[0].Text, "dCdW() = 0.1 is right.") {
		t.Errorf("Checks(2) = %+v, want one pass", c)
	}
	if nb.IsCheckCell(0) || !nb.IsCheckCell(4) {
		t.Error("IsCheckCell does not tell the check cells from the others")
	}
}
