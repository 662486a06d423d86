package plots

import (
	"gonum.org/v1/plot"
	"gonum.org/v1/plot/vg"
	"gonum.org/v1/plot/vg/draw"
)

// contourLines draws the level curves of a grid by marching squares. It
// replaces gonum's plotter.Contour, which joins the pieces of a curve in map
// order and so writes a different (though identical-looking) SVG each time.
// Here every level is one path whose pieces follow the grid's cell order.
type contourLines struct {
	g      *grid
	levels []float64
	style  draw.LineStyle
}

// Plot implements plot.Plotter.
func (cl *contourLines) Plot(c draw.Canvas, p *plot.Plot) {
	trX, trY := p.Transforms(&c)
	cols, rows := cl.g.Dims()
	for _, level := range cl.levels {
		var path vg.Path
		for r := 0; r+1 < rows; r++ {
			for col := 0; col+1 < cols; col++ {
				segs := cellSegments(cl.g, col, r, level)
				for _, s := range segs {
					path.Move(vg.Point{X: trX(s[0]), Y: trY(s[1])})
					path.Line(vg.Point{X: trX(s[2]), Y: trY(s[3])})
				}
			}
		}
		if len(path) > 0 {
			c.SetLineStyle(cl.style)
			c.Stroke(path)
		}
	}
}

// cellSegments returns the pieces of the level curve inside the grid cell
// whose lower-left corner is (c, r), each as x0, y0, x1, y1.
func cellSegments(g *grid, c, r int, level float64) [][4]float64 {
	// Corners counter-clockwise from lower left, and the edges between them.
	x := [4]float64{g.X(c), g.X(c + 1), g.X(c + 1), g.X(c)}
	y := [4]float64{g.Y(r), g.Y(r), g.Y(r + 1), g.Y(r + 1)}
	z := [4]float64{g.Z(c, r), g.Z(c+1, r), g.Z(c+1, r+1), g.Z(c, r+1)}
	above := [4]bool{}
	for i := range z {
		above[i] = z[i] >= level
	}
	// The points where the curve crosses each edge i (corner i to i+1).
	var cross []int
	for i := range 4 {
		if above[i] != above[(i+1)%4] {
			cross = append(cross, i)
		}
	}
	point := func(i int) (float64, float64) {
		j := (i + 1) % 4
		t := (level - z[i]) / (z[j] - z[i])
		return x[i] + t*(x[j]-x[i]), y[i] + t*(y[j]-y[i])
	}
	seg := func(a, b int) [4]float64 {
		x0, y0 := point(a)
		x1, y1 := point(b)
		return [4]float64{x0, y0, x1, y1}
	}
	switch len(cross) {
	case 2:
		return [][4]float64{seg(cross[0], cross[1])}
	case 4:
		// A saddle: the cell's mean decides which corners are joined.
		mean := (z[0] + z[1] + z[2] + z[3]) / 4
		if (mean >= level) == above[0] {
			return [][4]float64{seg(0, 1), seg(2, 3)}
		}
		return [][4]float64{seg(3, 0), seg(1, 2)}
	}
	return nil
}
