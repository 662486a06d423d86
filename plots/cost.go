package plots

import (
	"fmt"
	"image/color"
	"math"

	"github.com/nnlesson/course/lang"
	"gonum.org/v1/plot"
	"gonum.org/v1/plot/plotter"
	"gonum.org/v1/plot/text"
	"gonum.org/v1/plot/vg"
	"gonum.org/v1/plot/vg/draw"
)

// CostCurve draws the cost as a function of one parameter, C(w) for w in
// [xmin, xmax], and marks its lowest point.
//
// It is the picture behind "minimising a function of one variable": the
// best value of the parameter is at the bottom of the curve, where the
// slope is zero.
//
// It returns an error if cost is nil, the range is empty, or the cost is NaN
// or infinite somewhere on the range.
func CostCurve(title, xlabel string, xmin, xmax float64, cost func(float64) float64) (*plot.Plot, error) {
	const name = "CostCurve"
	if err := checkRange(name, "x", xmin, xmax); err != nil {
		return nil, err
	}
	if cost == nil {
		return nil, fmt.Errorf("plots: CostCurve: the cost function is nil")
	}
	xys, err := sample(cost, xmin, xmax, samples)
	if err != nil {
		return nil, fmt.Errorf("plots: CostCurve: %v", err)
	}
	p := newPlot(title, xlabel, lang.Pick("cost C", "koszt C"))
	addGrid(p)
	l, _ := plotter.NewLine(xys)
	l.LineStyle = seriesLine(0)
	p.Add(l)

	m := lowest(cost, xys)
	p.Add(markMinimum(m, Vermillion))
	p.X.Min, p.X.Max = xmin, xmax
	padY(p, 0.06)
	// Write the minimum above its dot, just clear of the curve.
	label := fmt.Sprintf(lang.Pick("lowest: C = %s at %s = %s", "minimum: C = %s dla %s = %s"), formatNumber(m.Y), xlabel, formatNumber(m.X))
	half := float64(vg.Length(len([]rune(label)))*noteSize*0.3/(NotebookWidth-3*vg.Centimeter)) * (xmax - xmin)
	cx := math.Min(math.Max(m.X, xmin+half), xmax-half) // keep the label inside the chart
	top := m.Y
	for _, pt := range xys {
		if math.Abs(pt.X-cx) <= half*1.1 {
			top = math.Max(top, pt.Y)
		}
	}
	note := noteAt(plotter.XY{X: cx, Y: top}, label, Black)
	note.Offset = vg.Point{Y: vg.Points(10)}
	if (top-p.Y.Min)/(p.Y.Max-p.Y.Min) > 0.8 {
		// No room above: write it to the right of the dot.
		note.XYs[0] = m
		note.TextStyle[0].XAlign = draw.XLeft
		note.Offset = vg.Point{X: vg.Points(14), Y: -vg.Points(6)}
	}
	p.Add(note)
	ys := make([]float64, len(xys))
	for i, pt := range xys {
		ys[i] = pt.Y
	}
	lo, hi := extent(ys)
	describe(p, "", fmt.Sprintf(lang.Pick(
		"A curve of the cost C against %s from %s to %s. C goes from %s at the left to %s at the right, between %s and %s; its lowest point is C = %s at %s = %s, marked with a cross.",
		"Krzywa kosztu C w zależności od %s, od %s do %s. C zmienia się od %s na lewym końcu do %s na prawym, w przedziale od %s do %s; najniższy punkt, C = %s dla %s = %s, jest oznaczony krzyżykiem."),
		xlabel, formatNumber(xmin), formatNumber(xmax), formatNumber(ys[0]), formatNumber(ys[len(ys)-1]),
		formatNumber(lo), formatNumber(hi), formatNumber(m.Y), xlabel, formatNumber(m.X)))
	return p, nil
}

// CostSurface draws a cost that depends on two parameters, C(x, y), as a
// heat map with contour lines and a colour bar, and marks its lowest point.
// Dark is low cost, yellow is high.
//
// It is the landscape that gradient descent walks down: the contour lines
// are the level curves, and the gradient crosses them at right angles.
//
// It returns an error if cost is nil, a range is empty, or the cost is NaN
// or infinite somewhere, or flat everywhere.
func CostSurface(title, xlabel, ylabel string, xmin, xmax, ymin, ymax float64, cost func(x, y float64) float64) (*Figure, error) {
	const name = "CostSurface"
	if err := checkRange(name, "x", xmin, xmax); err != nil {
		return nil, err
	}
	if err := checkRange(name, "y", ymin, ymax); err != nil {
		return nil, err
	}
	if cost == nil {
		return nil, fmt.Errorf("plots: CostSurface: the cost function is nil")
	}
	const n = 81 // grid points per side
	g := &grid{x0: xmin, dx: (xmax - xmin) / (n - 1), y0: ymin, dy: (ymax - ymin) / (n - 1), z: make([][]float64, n)}
	lo, hi := math.Inf(1), math.Inf(-1)
	var at plotter.XY
	for r := range n {
		g.z[r] = make([]float64, n)
		for c := range n {
			x, y := g.X(c), g.Y(r)
			v := cost(x, y)
			if math.IsNaN(v) || math.IsInf(v, 0) {
				return nil, fmt.Errorf("plots: CostSurface: the cost is %v at (%g, %g); it must be finite on the whole surface", v, x, y)
			}
			g.z[r][c] = v
			if v < lo {
				lo, at = v, plotter.XY{X: x, Y: y}
			}
			hi = math.Max(hi, v)
		}
	}
	if !(hi > lo) {
		return nil, fmt.Errorf("plots: CostSurface: the cost is %g everywhere; there is nothing to draw", lo)
	}
	cm := newColorMap(costScale, lo, hi)
	p := newPlot(title, xlabel, ylabel)
	h := plotter.NewHeatMap(g, cm.Palette(256))
	h.Rasterized = true
	p.Add(h)

	var levels []float64
	for _, t := range (niceTicks{n: 8}).Ticks(lo, hi) {
		if t.Label != "" && t.Value > lo && t.Value < hi {
			levels = append(levels, t.Value)
		}
	}
	if len(levels) > 0 {
		p.Add(&contourLines{g: g, levels: levels, style: draw.LineStyle{Color: colorWhite, Width: 1.2}})
	}
	p.Add(markMinimum(at, colorWhite))
	// The lowest point is the darkest, so white text beside it always shows.
	note := noteAt(at, lang.Pick("lowest C = ", "najmniejsze C = ")+formatNumber(lo), colorWhite)
	note.TextStyle[0].Font = boldFontOf(noteSize)
	note.TextStyle[0].XAlign = draw.XLeft
	if (at.X-xmin)/(xmax-xmin) > 0.6 {
		note.TextStyle[0].XAlign = draw.XRight
		note.Offset = vg.Point{X: -vg.Points(12), Y: vg.Points(8)}
	} else {
		note.Offset = vg.Point{X: vg.Points(12), Y: vg.Points(8)}
	}
	p.Add(note)
	p.X.Min, p.X.Max, p.Y.Min, p.Y.Max = xmin, xmax, ymin, ymax
	p.X.Padding, p.Y.Padding = 0, 0
	describe(p, "", fmt.Sprintf(lang.Pick(
		"A heat map of the cost C over %s from %s to %s (across) and %s from %s to %s (up), with contour lines: dark is low cost, yellow high; C ranges from %s to %s. The lowest point, C = %s at %s = %s, %s = %s, is marked with a cross.",
		"Mapa cieplna kosztu C dla %s od %s do %s (w poziomie) i %s od %s do %s (w pionie), z poziomicami: ciemne to niski koszt, żółte wysoki; C przyjmuje wartości od %s do %s. Najniższy punkt, C = %s dla %s = %s, %s = %s, jest oznaczony krzyżykiem."),
		xlabel, formatNumber(xmin), formatNumber(xmax), ylabel, formatNumber(ymin), formatNumber(ymax),
		formatNumber(lo), formatNumber(hi), formatNumber(lo), xlabel, formatNumber(at.X), ylabel, formatNumber(at.Y)))

	return &Figure{
		Panels: [][]*plot.Plot{{p, colorBar(cm, lang.Pick("cost C", "koszt C"))}},
		Widths: []float64{1, 0.2},
		Width:  NotebookWidth,
		Height: NotebookHeight,
	}, nil
}

// colorBar is a narrow plot showing the colour scale m.
func colorBar(m *colorMap, label string) *plot.Plot {
	p := newPlot("", "", label)
	p.Add(&plotter.ColorBar{ColorMap: m, Vertical: true})
	p.HideX()
	p.X.Padding, p.Y.Padding = 0, 0
	p.Y.Min, p.Y.Max = m.Min(), m.Max()
	return p
}

// grid holds z values on an evenly spaced grid; z[r][c] is at (X(c), Y(r)).
// It implements plotter.GridXYZ.
type grid struct {
	x0, dx, y0, dy float64
	z              [][]float64
}

func (g *grid) Dims() (c, r int)   { return len(g.z[0]), len(g.z) }
func (g *grid) Z(c, r int) float64 { return g.z[r][c] }
func (g *grid) X(c int) float64    { return g.x0 + float64(c)*g.dx }
func (g *grid) Y(r int) float64    { return g.y0 + float64(r)*g.dy }

// lowest returns the lowest of the sampled points, refined by a golden-section
// search between its neighbours, so that C(w) = (w − 3)² reports w = 3 rather
// than the nearest sample.
func lowest(f func(float64) float64, xys plotter.XYs) plotter.XY {
	i := 0
	for j, pt := range xys {
		if pt.Y < xys[i].Y {
			i = j
		}
	}
	a, b := xys[max(i-1, 0)].X, xys[min(i+1, len(xys)-1)].X
	const phi = 0.6180339887498949
	for range 60 {
		c, d := b-phi*(b-a), a+phi*(b-a)
		if f(c) < f(d) {
			b = d
		} else {
			a = c
		}
	}
	x := (a + b) / 2
	if y := f(x); y < xys[i].Y {
		return plotter.XY{X: x, Y: y}
	}
	return xys[i]
}

// markMinimum marks a point with a large cross on a dark halo, visible on any
// background.
func markMinimum(at plotter.XY, c color.Color) plot.Plotter {
	halo, _ := plotter.NewScatter(plotter.XYs{at})
	halo.GlyphStyle = draw.GlyphStyle{Color: Black, Radius: glyphSize * 1.6, Shape: thickCross{width: 5}}
	mark, _ := plotter.NewScatter(plotter.XYs{at})
	mark.GlyphStyle = draw.GlyphStyle{Color: c, Radius: glyphSize * 1.4, Shape: thickCross{width: 2.5}}
	return plotters{halo, mark}
}

// thickCross is an × glyph with a chosen line width.
type thickCross struct{ width vg.Length }

func (g thickCross) DrawGlyph(c *draw.Canvas, sty draw.GlyphStyle, pt vg.Point) {
	c.SetLineStyle(draw.LineStyle{Color: sty.Color, Width: g.width})
	r := sty.Radius
	var p vg.Path
	p.Move(vg.Point{X: pt.X - r, Y: pt.Y - r})
	p.Line(vg.Point{X: pt.X + r, Y: pt.Y + r})
	p.Move(vg.Point{X: pt.X - r, Y: pt.Y + r})
	p.Line(vg.Point{X: pt.X + r, Y: pt.Y - r})
	c.Stroke(p)
}

// plotters draws several plotters as one.
type plotters []plot.Plotter

func (ps plotters) Plot(c draw.Canvas, p *plot.Plot) {
	for _, x := range ps {
		x.Plot(c, p)
	}
}

// noteAt writes s at a data point, centred above it.
func noteAt(at plotter.XY, s string, c color.Color) *plotter.Labels {
	return &plotter.Labels{
		XYs:    plotter.XYs{at},
		Labels: []string{s},
		TextStyle: []text.Style{{Color: c, Font: fontOf(noteSize), XAlign: draw.XCenter, YAlign: draw.YBottom,
			Handler: plot.DefaultTextHandler}},
	}
}
