package plots

import (
	"image/color"

	"gonum.org/v1/plot/plotter"
	"gonum.org/v1/plot/text"

	"gonum.org/v1/plot"
	"gonum.org/v1/plot/vg"
	"gonum.org/v1/plot/vg/draw"
)

// Small plotters shared by several charts.

// bars draws vertical bars whose positions and widths are in data units, so
// that they keep their proportions at any chart size (gonum's BarChart takes
// its width in points).
type bars struct {
	X, Heights []float64
	Width      float64        // in data units
	Fill       color.Color    // nil: not filled
	Outline    draw.LineStyle // zero width: no outline
}

// Plot implements plot.Plotter.
func (b *bars) Plot(c draw.Canvas, p *plot.Plot) {
	trX, trY := p.Transforms(&c)
	for i, x := range b.X {
		rect := vg.Rectangle{
			Min: vg.Point{X: trX(x - b.Width/2), Y: trY(0)},
			Max: vg.Point{X: trX(x + b.Width/2), Y: trY(b.Heights[i])},
		}
		if b.Fill != nil {
			c.SetColor(b.Fill)
			c.Fill(rect.Path())
		}
		if b.Outline.Width > 0 {
			// Draw the outline inside the bar, so that thin bars keep their width.
			in := b.Outline.Width / 2
			r := vg.Rectangle{Min: vg.Point{X: rect.Min.X + in, Y: rect.Min.Y + in}, Max: vg.Point{X: rect.Max.X - in, Y: rect.Max.Y - in}}
			if r.Max.Y < r.Min.Y {
				r.Max.Y = r.Min.Y
			}
			c.StrokeLines(b.Outline, closed(r))
		}
	}
}

// DataRange implements plot.DataRanger.
func (b *bars) DataRange() (xmin, xmax, ymin, ymax float64) {
	xmin, xmax = b.X[0]-b.Width/2, b.X[0]+b.Width/2
	for i, x := range b.X {
		xmin, xmax = min(xmin, x-b.Width/2), max(xmax, x+b.Width/2)
		ymin, ymax = min(ymin, b.Heights[i]), max(ymax, b.Heights[i])
	}
	return xmin, xmax, ymin, ymax
}

// Thumbnail implements plot.Thumbnailer, for the legend.
func (b *bars) Thumbnail(c *draw.Canvas) {
	r := c.Rectangle
	if b.Fill != nil {
		c.SetColor(b.Fill)
		c.Fill(r.Path())
	}
	if b.Outline.Width > 0 {
		in := b.Outline.Width / 2
		r = vg.Rectangle{Min: vg.Point{X: r.Min.X + in, Y: r.Min.Y + in}, Max: vg.Point{X: r.Max.X - in, Y: r.Max.Y - in}}
		c.StrokeLines(b.Outline, closed(r))
	}
}

// closed returns the corners of r as a closed polyline.
func closed(r vg.Rectangle) []vg.Point {
	return []vg.Point{r.Min, {X: r.Max.X, Y: r.Min.Y}, r.Max, {X: r.Min.X, Y: r.Max.Y}, r.Min}
}

// note writes text at a data point. Unlike plotter.Labels it claims no room
// for itself when the plot lays out its axes, so a long note cannot squeeze
// the data area; it must be placed where it fits.
type note struct {
	at     plotter.XY
	text   string
	style  text.Style
	offset vg.Point
}

// Plot implements plot.Plotter.
func (n *note) Plot(c draw.Canvas, p *plot.Plot) {
	trX, trY := p.Transforms(&c)
	pt := vg.Point{X: trX(n.at.X) + n.offset.X, Y: trY(n.at.Y) + n.offset.Y}
	c.FillText(n.style, pt, n.text)
}
