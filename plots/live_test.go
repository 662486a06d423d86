package plots

import (
	"strings"
	"testing"
)

// fakeNotebook replaces the notebook calls and records what Live sends.
type fakeNotebook struct {
	ids   []string
	html  []string
	syncs int
}

func useFakeNotebook(t *testing.T, notebook bool) *fakeNotebook {
	f := &fakeNotebook{}
	oldIn, oldID, oldUpdate, oldSync := inNotebook, newID, updateHTML, syncOutput
	t.Cleanup(func() { inNotebook, newID, updateHTML, syncOutput = oldIn, oldID, oldUpdate, oldSync })
	inNotebook = func() bool { return notebook }
	n := 0
	newID = func() string { n++; return strings.Repeat("x", n) }
	updateHTML = func(id, html string) { f.ids = append(f.ids, id); f.html = append(f.html, html) }
	syncOutput = func() { f.syncs++ }
	return f
}

func TestLiveUpdatesOneDisplayInPlace(t *testing.T) {
	nb := useFakeNotebook(t, true)
	live := NewLive()
	var cost []float64
	for epoch := 1; epoch <= 3; epoch++ {
		cost = append(cost, 1/float64(epoch))
		live.Update(Must(TrainingCurve(cost, nil)))
	}
	if live.Frames() != 3 || len(nb.html) != 3 || nb.syncs != 3 {
		t.Fatalf("frames %d, updates %d, syncs %d; want 3 of each", live.Frames(), len(nb.html), nb.syncs)
	}
	for _, id := range nb.ids {
		if id != nb.ids[0] {
			t.Errorf("display ids %q; every update must go to the same display", nb.ids)
			break
		}
	}
	// The last frame shows the last epoch's cost, 1/3.
	if !strings.Contains(nb.html[2], ">0.3333<") || strings.Contains(nb.html[1], ">0.3333<") {
		t.Errorf("the frames do not follow the data: last frame lacks the cost 0.3333")
	}
	// A second Live gets a display of its own.
	NewLive().Update(Must(TrainingCurve(cost, nil)))
	if nb.ids[3] == nb.ids[0] {
		t.Errorf("two Live displays share the id %q", nb.ids[0])
	}
}

func TestLiveOutsideNotebookDoesNothing(t *testing.T) {
	nb := useFakeNotebook(t, false)
	live := NewLive()
	live.Update(Must(TrainingCurve([]float64{1}, nil)))
	if live.Frames() != 0 || len(nb.html) != 0 {
		t.Errorf("outside a notebook Live drew %d frames; want none", len(nb.html))
	}
	Show(Must(TrainingCurve([]float64{1}, nil))) // must not panic outside a notebook
}
