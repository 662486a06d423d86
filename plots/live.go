package plots

import (
	"fmt"
	"os"

	"gonum.org/v1/plot/vg"
)

// Live shows a chart that changes while a cell runs, such as the training
// curve after each epoch: every Update replaces the previous picture in the
// same place of the cell's output, instead of adding a new one.
//
//	live := plots.NewLive()
//	for epoch := range epochs {
//		… train one epoch, append its cost and accuracy …
//		live.Update(plots.Must(plots.TrainingCurve(costs, accs)))
//	}
//
// The last Update is the picture that stays: Jupyter applies each update to
// the saved output too, so the notebook file and an HTML handout made with
// nbconvert keep the final frame. Outside a notebook Update does nothing.
type Live struct {
	id     string
	frames int
}

// NewLive returns a Live display with no frame yet; the first Update creates it.
func NewLive() *Live {
	return &Live{}
}

// Update draws c at its standard size in place of the previous frame.
func (l *Live) Update(c Chart) {
	w, h := preferredSize(c)
	l.UpdateSize(c, w, h)
}

// UpdateSize is Update at a chosen size.
func (l *Live) UpdateSize(c Chart, w, h vg.Length) {
	if !inNotebook() {
		return
	}
	svg, err := SVG(c, w, h)
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		return
	}
	if l.id == "" {
		l.id = "plots_live_" + newID()
	}
	updateHTML(l.id, "<div>"+string(svg)+"</div>")
	l.frames++
	syncOutput() // the frame is on screen before training goes on
}

// Frames returns the number of frames drawn so far (0 outside a notebook).
func (l *Live) Frames() int { return l.frames }
