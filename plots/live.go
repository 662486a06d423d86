package plots

// Live shows a chart that changes while a cell runs, such as the training
// curve after each epoch: every Update replaces the previous picture in the
// same place of the cell's output, instead of adding a new one.
//
//	live := plots.NewLive()
//	for epoch := range epochs {
//		… train one epoch, append its cost and accuracy …
//		live.Update(plots.TrainingCurve(costs, accs))
//	}
//
// The last Update is the picture that stays: Jupyter applies each update to
// the saved output too, so the notebook file and an HTML handout made with
// nbconvert keep the final frame. Outside a notebook Update draws nothing.
type Live struct {
	id     string
	frames int
}

// NewLive returns a Live display with no frame yet; the first Update creates it.
func NewLive() *Live {
	return &Live{}
}

// Update draws a chart — a builder's two results, as Show takes them — at
// its standard size in place of the previous frame.
func (l *Live) Update(c Chart, err error) {
	htmlText, record := render(c, err)
	if !inNotebook() {
		display(htmlText, record) // writes the error, if any
		return
	}
	if l.id == "" {
		l.id = "plots_live_" + newID()
	}
	publish(l.id, ChartMIME, htmlText, record)
	l.frames++
	syncOutput() // the frame is on screen before training goes on
}

// Frames returns the number of frames drawn so far (0 outside a notebook).
func (l *Live) Frames() int { return l.frames }
