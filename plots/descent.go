package plots

import (
	"fmt"
	"math"

	"gonum.org/v1/plot"
	"gonum.org/v1/plot/plotter"
	"gonum.org/v1/plot/text"
	"gonum.org/v1/plot/vg"
	"gonum.org/v1/plot/vg/draw"
)

// A DescentPanel is one run of gradient descent to draw: a title (say
// "η = 0.1: good") and the path x₀, x₁, x₂, … of the parameter, x₀ being
// the starting point and each next value one step later.
type DescentPanel struct {
	Title string
	Path  []float64
}

// DescentPaths draws the function f on [xmin, xmax] once per panel, side by
// side, with each panel's path of gradient steps marked on the curve and
// numbered 0, 1, 2, … (numbers that would overlap are left out; the first and
// the last are always written).
//
// It is the slide "Minimising a function of one variable" run with several
// learning rates: too small crawls, a good one settles at the bottom, too
// large overshoots from side to side or runs away. Steps that leave
// [xmin, xmax] are counted in a note instead of being drawn.
//
// It returns an error if f is nil, there is no panel, a path is empty or
// holds NaN or infinity, or f is not finite on the range.
func DescentPaths(f func(float64) float64, xmin, xmax float64, panels ...DescentPanel) (*Figure, error) {
	const name = "DescentPaths"
	if err := checkRange(name, "x", xmin, xmax); err != nil {
		return nil, err
	}
	if f == nil {
		return nil, fmt.Errorf("plots: DescentPaths: the function f is nil")
	}
	if len(panels) == 0 {
		return nil, fmt.Errorf("plots: DescentPaths: no panels; pass one plots.DescentPanel{Title, Path} per learning rate")
	}
	curve, err := sample(f, xmin, xmax, samples)
	if err != nil {
		return nil, fmt.Errorf("plots: DescentPaths: %v", err)
	}
	row := make([]*plot.Plot, len(panels))
	for i, pan := range panels {
		if err := checkValues(name, fmt.Sprintf("panel %d (%q) path", i, pan.Title), pan.Path); err != nil {
			return nil, err
		}
		ylabel := "f(x)"
		if i > 0 {
			ylabel = ""
		}
		p, err := descentPanel(f, curve, xmin, xmax, pan, ylabel, len(panels))
		if err != nil {
			return nil, err
		}
		row[i] = p
	}
	// One y axis for all panels, so that they can be compared.
	top := row[0].Y.Max
	for _, p := range row {
		top = math.Max(top, p.Y.Max)
	}
	for _, p := range row {
		if _, ok := p.Y.Tick.Marker.(clampTicks); !ok {
			p.Y.Tick.Marker = clampTicks{p.Y.Tick.Marker, p.Y.Min, p.Y.Max}
		}
		p.Y.Max = top
	}
	return &Figure{Panels: [][]*plot.Plot{row}, Width: NotebookWidth, Height: NotebookHeight}, nil
}

func descentPanel(f func(float64) float64, curve plotter.XYs, xmin, xmax float64, pan DescentPanel, ylabel string, npanels int) (*plot.Plot, error) {
	p := newPlot(pan.Title, "x", ylabel)
	p.Title.TextStyle.Font = boldFontOf(labelSize)
	p.X.Tick.Marker = niceTicks{n: 4}
	addGrid(p)
	l, _ := plotter.NewLine(curve)
	l.LineStyle = draw.LineStyle{Color: Blue, Width: dataWidth}
	p.Add(l)
	p.X.Min, p.X.Max = xmin, xmax
	padY(p, 0.06)

	// The steps on the chart, and those off it.
	var on plotter.XYs
	var steps []int
	firstOff, offCount := -1, 0
	for k, x := range pan.Path {
		if x < xmin || x > xmax {
			if firstOff < 0 {
				firstOff = k
			}
			offCount++
			continue
		}
		y := f(x)
		if math.IsNaN(y) || math.IsInf(y, 0) {
			return nil, fmt.Errorf("plots: DescentPaths: f(%g) is %v at step %d of panel %q", x, y, k, pan.Title)
		}
		on = append(on, plotter.XY{X: x, Y: y})
		steps = append(steps, k)
	}
	if len(on) > 1 {
		// Join the steps in order, so that a zigzag shows.
		jumps, _ := plotter.NewLine(on)
		jumps.LineStyle = draw.LineStyle{Color: Vermillion, Width: 1.5, Dashes: []vg.Length{vg.Points(4), vg.Points(3)}}
		p.Add(jumps)
	}
	if len(on) > 0 {
		dots, _ := plotter.NewScatter(on)
		dots.GlyphStyle = draw.GlyphStyle{Color: Vermillion, Radius: 4, Shape: draw.CircleGlyph{}}
		start, _ := plotter.NewScatter(on[:1])
		start.GlyphStyle = draw.GlyphStyle{Color: Black, Radius: 5, Shape: draw.BoxGlyph{}}
		p.Add(dots)
		if steps[0] == 0 {
			p.Add(start) // the starting point is a black square
		}
		p.Add(stepNumbers(on, steps, p, npanels))
	}
	if offCount > 0 {
		msg := fmt.Sprintf("steps %d–%d:\noff the chart", firstOff, len(pan.Path)-1)
		if offCount < len(pan.Path)-firstOff {
			msg = fmt.Sprintf("%d steps off the chart,\nfirst step %d", offCount, firstOff)
		}
		if offCount == 1 {
			msg = fmt.Sprintf("step %d:\noff the chart", firstOff)
		}
		p.Add(&note{at: plotter.XY{X: (xmin + xmax) / 2, Y: p.Y.Max}, text: msg, style: text.Style{
			Color: Vermillion, Font: boldFontOf(noteSize), XAlign: draw.XCenter, YAlign: draw.YTop,
			Handler: plot.DefaultTextHandler}, offset: vg.Point{Y: -vg.Points(4)}})
		// Room for the note above the curve.
		p.Y.Tick.Marker = clampTicks{p.Y.Tick.Marker, p.Y.Min, p.Y.Max}
		p.Y.Max += (p.Y.Max - p.Y.Min) * 0.2
	}
	return p, nil
}

// stepNumbers writes the step number beside each point, leaving out numbers
// that would overlap one already written. The first and last go first.
func stepNumbers(on plotter.XYs, steps []int, p *plot.Plot, npanels int) *plotter.Labels {
	// Estimated size of a panel's data area and of one number, in points.
	w := float64(NotebookWidth)/float64(npanels) - float64(2*vg.Centimeter)
	h := float64(NotebookHeight - 3*vg.Centimeter)
	type box struct{ x0, y0, x1, y1 float64 }
	var placed []box
	labels := &plotter.Labels{Offset: vg.Point{X: vg.Points(5), Y: vg.Points(3)}}
	order := []int{0}
	if len(on) > 1 {
		order = append(order, len(on)-1)
	}
	for i := 1; i < len(on)-1; i++ {
		order = append(order, i)
	}
	for _, i := range order {
		label := fmt.Sprint(steps[i])
		px := (on[i].X - p.X.Min) / (p.X.Max - p.X.Min) * w
		py := (on[i].Y - p.Y.Min) / (p.Y.Max - p.Y.Min) * h
		b := box{px + 3, py + 1, px + 5 + float64(len(label))*float64(noteSize)*0.6, py + 3 + float64(noteSize)}
		free := true
		for _, q := range placed {
			if b.x0 < q.x1 && q.x0 < b.x1 && b.y0 < q.y1 && q.y0 < b.y1 {
				free = false
				break
			}
		}
		if !free {
			continue
		}
		placed = append(placed, b)
		labels.XYs = append(labels.XYs, on[i])
		labels.Labels = append(labels.Labels, label)
		labels.TextStyle = append(labels.TextStyle, text.Style{Color: Black, Font: boldFontOf(noteSize),
			XAlign: draw.XLeft, YAlign: draw.YBottom, Handler: plot.DefaultTextHandler})
	}
	return labels
}
