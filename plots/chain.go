package plots

import (
	"fmt"
	"image/color"
	"math"
	"strings"

	"github.com/nnlesson/course/lang"
	"github.com/nnlesson/course/nnlesson"
	"gonum.org/v1/plot"
	"gonum.org/v1/plot/text"
	"gonum.org/v1/plot/vg"
	"gonum.org/v1/plot/vg/draw"
)

// ChainRuleTree draws the chain rule of the output layer L of a network
// with one neuron per layer as 3Blue1Brown does: the tree of what depends
// on what, w^(L), a^(L−1) and b^(L) → z^(L) → a^(L) → C, with the wanted
// output y beside C, every node with its value, and every edge with its
// factor, the formula and the number: ∂z/∂w = a^(L−1), ∂a/∂z = f′(z),
// ∂C/∂a = 2(a − y). The path from w^(L) to C is drawn thick: multiplying
// the factors along it gives ∂C/∂w^(L), which is written below with ∂C/∂b^(L)
// and ∂C/∂a^(L−1), the slide's three formulas with their numbers.
//
// c is the output layer's entry of Network.Chain (chain[L] for the last
// L), y the wanted output. It returns an error if a number is not finite,
// or if c.DCdA is not 2(a − y), the ∂C/∂a of the output layer (another
// layer's factors, or another y).
func ChainRuleTree(c nnlesson.ChainFactors, y float64) (*Figure, error) {
	for _, v := range []float64{c.W, c.B, c.Z, c.A, c.DZdW, c.DAdZ, c.DCdA, y} {
		if math.IsNaN(v) || math.IsInf(v, 0) {
			return nil, fmt.Errorf("plots: ChainRuleTree: the factors hold %v; every number must be finite", v)
		}
	}
	if want := 2 * (c.A - y); math.Abs(c.DCdA-want) > 1e-9*math.Max(1, math.Abs(want)) {
		return nil, fmt.Errorf("plots: ChainRuleTree: ∂C/∂a is %g but 2(a − y) = 2(%g − %g) = %g; give the output layer's factors (chain[L] for the last L) and the y they were computed with",
			c.DCdA, c.A, y, want)
	}
	t := &chainTree{c: c, y: y}
	p := newPlot("", "", "")
	p.HideAxes()
	p.X.Padding, p.Y.Padding = 0, 0
	p.X.Min, p.X.Max, p.Y.Min, p.Y.Max = 0, 1, 0, 1
	p.Add(t)
	aPrev := c.DZdW
	cost := (c.A - y) * (c.A - y)
	describe(p, plain(t.title()), fmt.Sprintf(lang.Pick(
		"A tree of what depends on what in the last layer L. w(L) = %[1]s, a(L−1) = %[2]s and b(L) = %[3]s lead to z(L) = %[4]s, which leads to a(L) = %[5]s, which with the wanted output y = %[6]s leads to the cost C = %[7]s. Each edge carries its factor: ∂z/∂w = a(L−1) = %[2]s, ∂z/∂a(L−1) = w(L) = %[1]s, ∂z/∂b = 1, ∂a/∂z = f′(z) = %[8]s, ∂C/∂a = 2(a − y) = %[9]s. Multiplied along the path from w(L) to C they give ∂C/∂w(L) = %[10]s; ∂C/∂b(L) = %[11]s and ∂C/∂a(L−1) = %[12]s.",
		"Drzewo zależności w ostatniej warstwie L. w(L) = %[1]s, a(L−1) = %[2]s i b(L) = %[3]s prowadzą do z(L) = %[4]s, które prowadzi do a(L) = %[5]s, a to razem z oczekiwanym wyjściem y = %[6]s do kosztu C = %[7]s. Każda krawędź niesie swój czynnik: ∂z/∂w = a(L−1) = %[2]s, ∂z/∂a(L−1) = w(L) = %[1]s, ∂z/∂b = 1, ∂a/∂z = f′(z) = %[8]s, ∂C/∂a = 2(a − y) = %[9]s. Pomnożone wzdłuż ścieżki od w(L) do C dają ∂C/∂w(L) = %[10]s; ∂C/∂b(L) = %[11]s, a ∂C/∂a(L−1) = %[12]s."),
		fixed(c.W, 4), fixed(aPrev, 4), fixed(c.B, 4), fixed(c.Z, 4), fixed(c.A, 4), formatNumber(y), fixed(cost, 4),
		fixed(c.DAdZ, 4), fixed(c.DCdA, 4), sig(aPrev*c.DAdZ*c.DCdA), sig(c.DAdZ*c.DCdA), sig(c.W*c.DAdZ*c.DCdA)))
	return &Figure{Panels: [][]*plot.Plot{{p}}, Width: NotebookWidth, Height: 14 * vg.Centimeter}, nil
}

// chainTree draws ChainRuleTree.
type chainTree struct {
	c nnlesson.ChainFactors
	y float64
}

func (t *chainTree) title() string {
	return lang.Pick("The chain rule: C depends on w^(L) through z^(L) and a^(L)",
		"Reguła łańcuchowa: C zależy od w^(L) przez z^(L) i a^(L)")
}

// Plot implements plot.Plotter.
func (t *chainTree) Plot(cv draw.Canvas, _ *plot.Plot) {
	c := t.c
	w, h := cv.Max.X-cv.Min.X, cv.Max.Y-cv.Min.Y
	at := func(fx, fy float64) vg.Point {
		return vg.Point{X: cv.Min.X + w*vg.Length(fx), Y: cv.Min.Y + h*vg.Length(fy)}
	}
	// The title, and the three products at the bottom.
	drawRich(cv, vg.Point{X: cv.Center().X, Y: cv.Max.Y - titleSize}, t.title(), titleSize, true, Black, 0.5)
	aPrev := c.DZdW
	lines := []string{
		fmt.Sprintf("∂C/∂w^(L) = a^(L−1) · f′(z^(L)) · 2(a^(L) − y) = %s · %s · %s = %s",
			fixed(aPrev, 4), fixed(c.DAdZ, 4), paren(fixed(c.DCdA, 4)), sig(aPrev*c.DAdZ*c.DCdA)),
		fmt.Sprintf("∂C/∂b^(L) = 1 · f′(z^(L)) · 2(a^(L) − y) = %s · %s = %s",
			fixed(c.DAdZ, 4), paren(fixed(c.DCdA, 4)), sig(c.DAdZ*c.DCdA)),
		fmt.Sprintf("∂C/∂a^(L−1) = w^(L) · f′(z^(L)) · 2(a^(L) − y) = %s · %s · %s = %s",
			paren(fixed(c.W, 4)), fixed(c.DAdZ, 4), paren(fixed(c.DCdA, 4)), sig(c.W*c.DAdZ*c.DCdA)),
	}
	for i, l := range lines {
		col := Black
		if i == 0 {
			col = Vermillion
		}
		drawRich(cv, vg.Point{X: cv.Center().X, Y: cv.Min.Y + vg.Length(2-i)*labelSize*1.5 + 4}, l, labelSize, i == 0, col, 0.5)
	}

	// The nodes, in fractions of the area.
	type node struct {
		name, value string
		pt          vg.Point
	}
	const mid = 0.53
	nodes := map[string]node{
		"w":     {"w^(L)", fixed(c.W, 4), at(0.07, 0.80)},
		"aPrev": {"a^(L−1)", fixed(aPrev, 4), at(0.07, mid)},
		"b":     {"b^(L)", fixed(c.B, 4), at(0.07, 0.28)},
		"z":     {"z^(L)", fixed(c.Z, 4), at(0.50, mid)},
		"a":     {"a^(L)", fixed(c.A, 4), at(0.71, mid)},
		"C":     {"C", fixed((c.A-t.y)*(c.A-t.y), 4), at(0.92, mid)},
		"y":     {"y", formatNumber(t.y), at(0.92, 0.80)},
	}
	boxW, boxH := vg.Points(74), vg.Points(40)
	thin := draw.LineStyle{Color: darkGrey, Width: 2}
	thick := draw.LineStyle{Color: Vermillion, Width: 4}
	edge := func(from, to string, sty draw.LineStyle, enter vg.Length, via ...vg.Point) {
		a, b := nodes[from].pt, nodes[to].pt
		pts := []vg.Point{{X: a.X + boxW/2, Y: a.Y}}
		if from == "y" {
			pts = []vg.Point{{X: a.X, Y: a.Y - boxH/2}}
		}
		pts = append(pts, via...)
		end := vg.Point{X: b.X - boxW/2, Y: b.Y + enter}
		if from == "y" {
			end = vg.Point{X: b.X, Y: b.Y + boxH/2}
		}
		pts = append(pts, end)
		cv.StrokeLines(sty, pts)
		arrowHead(cv, pts[len(pts)-2], end, sty.Color)
	}
	bend := func(src string) vg.Point { return vg.Point{X: at(0.41, 0).X, Y: nodes[src].pt.Y} }
	edge("aPrev", "z", thin, 0)
	edge("b", "z", thin, -boxH/3, bend("b"))
	edge("y", "C", thin, 0)
	edge("w", "z", thick, boxH/3, bend("w"))
	edge("z", "a", thick, 0)
	edge("a", "C", thick, 0)

	// The factors on the edges: the formula, and under it the number. An
	// edge leaving a source has its factor just above it, to the right of
	// the box; between two boxes, the factor clears the boxes.
	step := labelSize * 1.35
	label := func(pt vg.Point, align float64, dy vg.Length, formula, value string, col color.Color) {
		top := pt.Y + dy + step // baseline of the formula
		if dy < 0 {
			top = pt.Y + dy - labelSize
		}
		drawRich(cv, vg.Point{X: pt.X, Y: top}, formula, labelSize, false, Black, align)
		if value != "" {
			drawRich(cv, vg.Point{X: pt.X, Y: top - step}, "= "+value, labelSize, true, col, align)
		}
	}
	right := func(key string) vg.Point { return vg.Point{X: nodes[key].pt.X + boxW/2 + 8, Y: nodes[key].pt.Y} }
	between := func(a, b string) vg.Point {
		return vg.Point{X: (nodes[a].pt.X + nodes[b].pt.X) / 2, Y: nodes[a].pt.Y}
	}
	clear := boxH/2 + 6
	label(right("w"), 0, 6, "∂z/∂w = a^(L−1)", fixed(aPrev, 4), Vermillion)
	label(right("aPrev"), 0, 6, "∂z/∂a^(L−1) = w^(L)", fixed(c.W, 4), Black)
	label(right("b"), 0, 6-step, "∂z/∂b = 1", "", Black)
	label(between("z", "a"), 0.5, clear, "∂a/∂z = f′(z)", fixed(c.DAdZ, 4), Vermillion)
	label(between("a", "C"), 0.5, -clear, "∂C/∂a = 2(a − y)", fixed(c.DCdA, 4), Vermillion)

	// The nodes on top of the edges.
	for _, key := range []string{"w", "aPrev", "b", "z", "a", "C", "y"} {
		n := nodes[key]
		r := vg.Rectangle{Min: vg.Point{X: n.pt.X - boxW/2, Y: n.pt.Y - boxH/2}, Max: vg.Point{X: n.pt.X + boxW/2, Y: n.pt.Y + boxH/2}}
		cv.SetColor(colorWhite)
		cv.Fill(r.Path())
		outline := draw.LineStyle{Color: Black, Width: 2}
		if key == "y" {
			outline.Dashes = []vg.Length{vg.Points(5), vg.Points(3)}
		}
		cv.StrokeLines(outline, closed(r))
		drawRich(cv, vg.Point{X: n.pt.X, Y: n.pt.Y + 2}, n.name, labelSize, true, Black, 0.5)
		drawRich(cv, vg.Point{X: n.pt.X, Y: n.pt.Y - labelSize - 1}, n.value, noteSize, false, Black, 0.5)
	}
}

// paren puts a negative number in parentheses, for a product.
func paren(s string) string {
	if strings.HasPrefix(s, "−") {
		return "(" + s + ")"
	}
	return s
}

// arrowHead draws a filled arrow head at to, pointing from from.
func arrowHead(c draw.Canvas, from, to vg.Point, col color.Color) {
	dx, dy := float64(to.X-from.X), float64(to.Y-from.Y)
	l := math.Hypot(dx, dy)
	if l == 0 {
		return
	}
	ux, uy := dx/l, dy/l
	const size, half = 11.0, 5.0
	var p vg.Path
	p.Move(to)
	p.Line(vg.Point{X: to.X - vg.Length(size*ux-half*uy), Y: to.Y - vg.Length(size*uy+half*ux)})
	p.Line(vg.Point{X: to.X - vg.Length(size*ux+half*uy), Y: to.Y - vg.Length(size*uy-half*ux)})
	p.Close()
	c.SetColor(col)
	c.Fill(p)
}

// Rich text: a "^(…)" in a string is written as a superscript, "(…)"
// smaller and raised, as the slides write w^(L). gonum's plain text cannot
// do it, and the superscript parentheses ⁽ ⁾ are missing from the theme's
// font.

type richRun struct {
	s   string
	sup bool
}

// parseRich splits s into plain runs and superscripts.
func parseRich(s string) []richRun {
	var runs []richRun
	for s != "" {
		i := strings.Index(s, "^(")
		if i < 0 {
			runs = append(runs, richRun{s: s})
			break
		}
		j := strings.Index(s[i:], ")")
		if j < 0 {
			runs = append(runs, richRun{s: s})
			break
		}
		if i > 0 {
			runs = append(runs, richRun{s: s[:i]})
		}
		runs = append(runs, richRun{s: s[i+1 : i+j+1], sup: true})
		s = s[i+j+1:]
	}
	return runs
}

// plain writes rich text for a reader of plain text: w^(L) as w(L).
func plain(s string) string { return strings.ReplaceAll(s, "^(", "(") }

// drawRich writes rich text s with its baseline at pt; align is 0 for
// left-aligned, 0.5 for centred, 1 for right-aligned.
func drawRich(c draw.Canvas, pt vg.Point, s string, size vg.Length, bold bool, col color.Color, align float64) {
	style := func(sup bool) text.Style {
		sz := size
		if sup {
			sz = size * 0.7
		}
		f := fontOf(sz)
		if bold {
			f = boldFontOf(sz)
		}
		return text.Style{Color: col, Font: f, XAlign: draw.XLeft, YAlign: draw.YAlignment(0), Handler: plot.DefaultTextHandler}
	}
	runs := parseRich(s)
	var width vg.Length
	for _, r := range runs {
		width += style(r.sup).Width(r.s)
	}
	x := pt.X - width*vg.Length(align)
	for _, r := range runs {
		sty := style(r.sup)
		y := pt.Y
		if r.sup {
			y += size * 0.42
		}
		c.FillText(sty, vg.Point{X: x, Y: y}, r.s)
		x += sty.Width(r.s)
	}
}
