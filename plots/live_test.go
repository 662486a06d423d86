package plots

import (
	"errors"
	"os"
	"strings"
	"testing"
)

// fakeNotebook replaces the notebook calls and records what is published.
type fakeNotebook struct {
	ids     []string
	mimes   []string
	html    []string
	records []map[string]string
	syncs   int
}

func useFakeNotebook(t *testing.T, notebook bool) *fakeNotebook {
	f := &fakeNotebook{}
	oldIn, oldID, oldPublish, oldSync, oldErr := inNotebook, newID, publish, syncOutput, errOut
	t.Cleanup(func() { inNotebook, newID, publish, syncOutput, errOut = oldIn, oldID, oldPublish, oldSync, oldErr })
	inNotebook = func() bool { return notebook }
	n := 0
	newID = func() string { n++; return strings.Repeat("x", n) }
	publish = func(id, mime, html string, record map[string]string) {
		f.ids = append(f.ids, id)
		f.mimes = append(f.mimes, mime)
		f.html = append(f.html, html)
		f.records = append(f.records, record)
	}
	syncOutput = func() { f.syncs++ }
	return f
}

func TestLiveUpdatesOneDisplayInPlace(t *testing.T) {
	nb := useFakeNotebook(t, true)
	live := NewLive()
	var cost []float64
	for epoch := 1; epoch <= 3; epoch++ {
		cost = append(cost, 1/float64(epoch))
		live.Update(TrainingCurve(cost, nil))
	}
	if live.Frames() != 3 || len(nb.html) != 3 || nb.syncs != 3 {
		t.Fatalf("frames %d, updates %d, syncs %d; want 3 of each", live.Frames(), len(nb.html), nb.syncs)
	}
	for _, id := range nb.ids {
		if id == "" || id != nb.ids[0] {
			t.Errorf("display ids %q; every update must go to the same display", nb.ids)
			break
		}
	}
	// The last frame shows the last epoch's cost, 1/3.
	if !strings.Contains(nb.html[2], ">0.3333<") || strings.Contains(nb.html[1], ">0.3333<") {
		t.Errorf("the frames do not follow the data: last frame lacks the cost 0.3333")
	}
	// A second Live gets a display of its own.
	NewLive().Update(TrainingCurve(cost, nil))
	if nb.ids[3] == nb.ids[0] {
		t.Errorf("two Live displays share the id %q", nb.ids[0])
	}
}

// Show publishes each chart with a record that names it, so that tools can
// find charts by data; a chart that cannot be drawn publishes its error.
func TestShowPublishesARecord(t *testing.T) {
	nb := useFakeNotebook(t, true)
	Show(Functions("The sigmoid", "z", "σ(z)", -6, 6, Curve{Name: "σ", F: func(z float64) float64 { return z }}))
	Show(Functions("", "z", "", 1, 0)) // an empty range: the builder's error
	Show(nil, errors.New("plots: made up"))
	if len(nb.records) != 3 || nb.syncs != 3 {
		t.Fatalf("%d records, %d syncs; want 3 and 3", len(nb.records), nb.syncs)
	}
	if r := nb.records[0]; r["title"] != "The sigmoid" || r["error"] != "" || !strings.Contains(nb.html[0], "<svg") || nb.ids[0] != "" {
		t.Errorf("a good chart: record %v, id %q, html %.80q", r, nb.ids[0], nb.html[0])
	}
	for i := 1; i < 3; i++ {
		if r := nb.records[i]; r["error"] == "" || strings.Contains(nb.html[i], "<svg") || !strings.Contains(nb.html[i], "✗") {
			t.Errorf("chart %d that cannot be drawn: record %v, html %.80q; want its error, shown in a box", i, r, nb.html[i])
		}
	}
}

func TestLiveOutsideNotebookDoesNothing(t *testing.T) {
	nb := useFakeNotebook(t, false)
	live := NewLive()
	live.Update(TrainingCurve([]float64{1}, nil))
	if live.Frames() != 0 || len(nb.html) != 0 {
		t.Errorf("outside a notebook Live drew %d frames; want none", len(nb.html))
	}
	devNull, _ := os.Open(os.DevNull)
	defer devNull.Close()
	errOut = func() *os.File { return devNull }
	Show(TrainingCurve([]float64{1}, nil)) // must not panic outside a notebook
	Show(nil, errors.New("plots: made up"))
	if len(nb.html) != 0 {
		t.Errorf("outside a notebook Show published %d outputs; want none", len(nb.html))
	}
}

// A figure whose title sits on its panel (digit grids) publishes it.
func TestFigureTitleRecord(t *testing.T) {
	nb := useFakeNotebook(t, true)
	Show(DigitGrid("Four digits", [][]float64{make([]float64, 784), make([]float64, 784)}, []int{1, 2}, 2))
	if len(nb.records) != 1 || nb.records[0]["title"] != "Four digits" {
		t.Errorf("records %v, want one titled %q", nb.records, "Four digits")
	}
}
