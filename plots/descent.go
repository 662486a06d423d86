package plots

import (
	"fmt"
	"math"
	"unicode"
	"unicode/utf8"

	"github.com/nnlesson/course/lang"
	"github.com/nnlesson/course/nnlesson"
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
// [xmin, xmax] cannot be drawn on the curve; a panel that has such steps
// shows instead, in its upper half, the distance |x − x*| from the lowest
// point x* of f on the range, step by step on a log axis, so that a descent
// that runs away is seen running away (a straight line up).
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
	target := lowest(f, curve).X
	row := make([]*plot.Plot, len(panels))
	for i, pan := range panels {
		if err := checkValues(name, fmt.Sprintf("panel %d (%q) path", i, pan.Title), pan.Path); err != nil {
			return nil, err
		}
		ylabel := "f(x)"
		if i > 0 {
			ylabel = ""
		}
		p, err := descentPanel(f, curve, xmin, xmax, target, pan, ylabel, len(panels), true)
		if err != nil {
			return nil, err
		}
		row[i] = p
	}
	shareY(row)
	describe(row[0], lang.Pick("Gradient descent", "Spadek gradientu"), describeDescent(xmin, xmax, target, panels))
	return &Figure{Panels: [][]*plot.Plot{row}, Width: NotebookWidth, Height: NotebookHeight}, nil
}

// shareY gives the panels of a row one y axis, so that they can be compared.
func shareY(row []*plot.Plot) {
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
}

// describeDescent says what DescentPaths shows.
func describeDescent(xmin, xmax, target float64, panels []DescentPanel) string {
	s := fmt.Sprintf(lang.Pick(
		"Gradient descent on the curve of f for x from %s to %s, whose lowest point is at x = %s: in each of %d panels a path, its steps marked on the curve and numbered from 0.",
		"Spadek gradientu na krzywej f dla x od %s do %s, której najniższy punkt leży w x = %s: na każdym z paneli (%d) ścieżka, której kroki zaznaczono na krzywej i ponumerowano od 0."),
		formatNumber(xmin), formatNumber(xmax), formatNumber(target), len(panels))
	for _, pan := range panels {
		n := len(pan.Path) - 1
		off := 0
		for _, x := range pan.Path {
			if x < xmin || x > xmax {
				off++
			}
		}
		s += " " + fmt.Sprintf(lang.Pick("%s: %d %s from x = %s to x = %s.", "%s: %d %s od x = %s do x = %s."),
			pan.Title, n, plural(n, "step", "steps", "krok", "kroki", "kroków"), formatNumber(pan.Path[0]), formatNumber(pan.Path[n]))
		if off > 0 {
			s += " " + fmt.Sprintf(lang.Pick(
				"%d of its points lie off the chart; the distance |x − %s| goes from %s to %s, shown step by step on a log scale.",
				"Punkty poza wykresem: %d; odległość |x − %s| zmienia się od %s do %s, co widać krok po kroku na skali logarytmicznej."),
				off, formatNumber(target), formatNumber(math.Abs(pan.Path[0]-target)), formatNumber(math.Abs(pan.Path[n]-target)))
		}
	}
	return s
}

// descentPanel draws one panel of DescentPaths. Steps off the chart get a
// distance inset if withInset, else only a note (and the room for it is
// made in any case, so that every frame of a control has the same axes).
func descentPanel(f func(float64) float64, curve plotter.XYs, xmin, xmax, target float64, pan DescentPanel, ylabel string, npanels int, withInset bool) (*plot.Plot, error) {
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
	if !withInset {
		p.Y.Tick.Marker = clampTicks{p.Y.Tick.Marker, p.Y.Min, p.Y.Max}
		p.Y.Max += (p.Y.Max - p.Y.Min) * 0.15
	}
	if offCount > 0 {
		msg := fmt.Sprintf(lang.Pick("steps %d–%d:\noff the chart", "kroki %d–%d:\npoza wykresem"), firstOff, len(pan.Path)-1)
		if offCount < len(pan.Path)-firstOff {
			msg = fmt.Sprintf(lang.Pick("%d %s off the chart,\nthe first: step %d", "%d %s poza wykresem,\npierwszy: krok %d"),
				offCount, plural(offCount, "step", "steps", "krok", "kroki", "kroków"), firstOff)
		}
		if offCount == 1 {
			msg = fmt.Sprintf(lang.Pick("step %d:\noff the chart", "krok %d:\npoza wykresem"), firstOff)
		}
		if !withInset {
			p.Add(&note{at: plotter.XY{X: (xmin + xmax) / 2, Y: p.Y.Max}, text: msg, style: text.Style{
				Color: Vermillion, Font: boldFontOf(noteSize), XAlign: draw.XCenter, YAlign: draw.YTop,
				Handler: plot.DefaultTextHandler}, offset: vg.Point{Y: -vg.Points(4)}})
			return p, nil
		}
		// The run-away, where it can be seen: the distance from the lowest
		// point, step by step, on a log axis, in the upper half of the panel.
		in := distancePlot(pan.Path, target, 0, 0, 0, msg, true)
		in.Title.TextStyle.Color = Vermillion
		p.Add(&inset{p: in, x0: 0.08, y0: 0.5, x1: 0.98, y1: 0.99})
		p.Y.Tick.Marker = clampTicks{p.Y.Tick.Marker, p.Y.Min, p.Y.Max}
		p.Y.Max += (p.Y.Max - p.Y.Min) * 1.1
	}
	return p, nil
}

// distancePlot draws |x − target| for each step of path on a log axis: a
// straight line down is a descent that converges, a straight line up one
// that runs away. Distances of 0 (a step that lands exactly on the target)
// are drawn at the bottom of the axis. steps and bottom…top, if positive,
// fix the axes (the same for every frame of a control); otherwise they fit
// the path.
func distancePlot(path []float64, target float64, steps int, bottom, top float64, title string, small bool) *plot.Plot {
	p := newPlot(title, lang.Pick("step", "krok"), fmt.Sprintf("|x − %s|", formatNumber(target)))
	if small {
		for _, sty := range []*text.Style{&p.X.Label.TextStyle, &p.Y.Label.TextStyle, &p.X.Tick.Label, &p.Y.Tick.Label} {
			sty.Font = fontOf(noteSize)
		}
		p.Title.TextStyle.Font = boldFontOf(noteSize)
		p.Title.Padding = vg.Points(3)
		p.X.Label.Padding, p.Y.Label.Padding = vg.Points(1), vg.Points(1)
	} else {
		p.Title.TextStyle.Font = boldFontOf(labelSize)
	}
	addGrid(p)
	ds := make([]float64, len(path))
	lo, hi := math.Inf(1), 0.0
	for k, x := range path {
		ds[k] = math.Abs(x - target)
		if ds[k] > 0 {
			lo = math.Min(lo, ds[k])
		}
		hi = math.Max(hi, ds[k])
	}
	if top > 0 {
		lo, hi = bottom, top
	}
	if math.IsInf(lo, 1) || hi <= 0 {
		lo, hi = 1e-3, 1
	}
	lo = math.Max(math.Pow(10, math.Floor(math.Log10(lo))), hi*1e-9)
	hi = math.Pow(10, math.Ceil(math.Log10(hi)))
	if hi <= lo {
		hi = lo * 10
	}
	xys := make(plotter.XYs, len(ds))
	for k, d := range ds {
		xys[k] = plotter.XY{X: float64(k), Y: math.Max(d, lo)}
	}
	l, _ := plotter.NewLine(xys)
	l.LineStyle = draw.LineStyle{Color: Vermillion, Width: 2}
	dots, _ := plotter.NewScatter(xys)
	dots.GlyphStyle = draw.GlyphStyle{Color: Vermillion, Radius: 3, Shape: draw.CircleGlyph{}}
	p.Add(l, dots)
	p.Y.Scale = plot.LogScale{}
	p.Y.Tick.Marker = logTicks{}
	p.Y.Min, p.Y.Max = lo, hi
	p.X.Min, p.X.Max = 0, float64(max(len(path)-1, steps, 1))
	p.X.Tick.Marker = stepTicks{}
	return p
}

// stepTicks marks whole steps, about four of them labelled.
type stepTicks struct{}

func (stepTicks) Ticks(min, max float64) []plot.Tick {
	var out []plot.Tick
	for _, t := range (niceTicks{n: 4}).Ticks(min, max) {
		if t.Value == math.Trunc(t.Value) {
			if t.Label != "" {
				t.Label = fmt.Sprint(int(t.Value))
			}
			out = append(out, t)
		}
	}
	return out
}

// inset draws a small plot inside the data area of another, over a white
// background; x0, y0, x1, y1 place it, as fractions of the data area.
type inset struct {
	p              *plot.Plot
	x0, y0, x1, y1 float64
}

// Plot implements plot.Plotter.
func (in *inset) Plot(c draw.Canvas, _ *plot.Plot) {
	w, h := c.Max.X-c.Min.X, c.Max.Y-c.Min.Y
	sub := c
	sub.Rectangle = vg.Rectangle{
		Min: vg.Point{X: c.Min.X + w*vg.Length(in.x0), Y: c.Min.Y + h*vg.Length(in.y0)},
		Max: vg.Point{X: c.Min.X + w*vg.Length(in.x1), Y: c.Min.Y + h*vg.Length(in.y1)},
	}
	c.SetColor(colorWhite)
	c.Fill(sub.Rectangle.Path())
	in.p.Draw(sub)
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

// DescentControls is lesson 6's control: sliders for the learning rate η
// and the starting point x₀, and for each pair the path of gradient descent
// on f from x₀ (nnlesson.Minimize with settings s and η from the slider),
// drawn on the curve of f as DescentPaths does, beside the distance
// |x − x*| from the lowest point x* of f on [xmin, xmax], step by step on a
// log axis (the same axes in every frame).
//
// The caption names the regime the student has found: the descent crawls
// (too small an η: the step limit comes first), converges, overshoots (it
// jumps across the bottom, yet settles), jumps from side to side without
// settling, or diverges (x runs away; on the log axis, a line going up).
//
// eta and start are sliders (Slider("η", …), Slider("x₀", …)); s gives the
// tolerance, the step limit and the divergence limit (s.Eta is not used).
// It returns an error if f or fPrime is nil, the range is empty, f is not
// finite on it, an η is not positive, or the settings cannot work.
func DescentControls(f, fPrime func(float64) float64, xmin, xmax float64, s nnlesson.DescentSettings, eta, start Param) (*Controls, error) {
	const name = "DescentControls"
	if err := checkRange(name, "x", xmin, xmax); err != nil {
		return nil, err
	}
	if f == nil || fPrime == nil {
		return nil, fmt.Errorf("plots: DescentControls: the function f and its derivative fPrime must not be nil")
	}
	for _, p := range []Param{eta, start} {
		if p.err != nil {
			return nil, p.err
		}
		if p.Choice {
			return nil, fmt.Errorf("plots: DescentControls: %s must be a slider (plots.Slider), not a choice list", p.Symbol)
		}
	}
	for _, e := range eta.Values {
		if !(e > 0) {
			return nil, fmt.Errorf("plots: DescentControls: the learning rate %s = %s must be positive", eta.Symbol, formatNumber(e))
		}
	}
	if !(s.Tolerance >= 0) || s.MaxSteps <= 0 || s.MaxSteps > 1000 || !(s.Limit >= 0) {
		return nil, fmt.Errorf("plots: DescentControls: the settings need Tolerance ≥ 0, 0 < MaxSteps ≤ 1000 and Limit ≥ 0, got Tolerance %g, MaxSteps %d, Limit %g", s.Tolerance, s.MaxSteps, s.Limit)
	}
	curve, err := sample(f, xmin, xmax, samples)
	if err != nil {
		return nil, fmt.Errorf("plots: DescentControls: %v", err)
	}
	target := lowest(f, curve).X
	// Every run first, so that every frame gets the same axes.
	runs := make(map[[2]int]nnlesson.DescentResult)
	steps, bottom, top := 1, math.Inf(1), 0.0
	for i, e := range eta.Values {
		for j, x0 := range start.Values {
			set := s
			set.Eta = e
			r := nnlesson.Minimize(fPrime, x0, set)
			runs[[2]int{i, j}] = r
			steps = max(steps, r.Steps)
			for _, x := range r.Path {
				if d := math.Abs(x - target); !math.IsNaN(d) && !math.IsInf(d, 0) {
					top = math.Max(top, d)
					if d > 0 {
						bottom = math.Min(bottom, d)
					}
				}
			}
		}
	}
	title := fmt.Sprintf(lang.Pick("Move %s and %s: gradient descent on f", "Przesuń %s i %s: spadek gradientu dla funkcji f"), eta.Symbol, start.Symbol)
	return NewControls(title, func(v []float64) (Chart, string, error) {
		i, j := indexOf(eta.Values, v[0]), indexOf(start.Values, v[1])
		r := runs[[2]int{i, j}]
		regime, detail := descentRegime(r, target)
		left, err := descentPanel(f, curve, xmin, xmax, target, DescentPanel{Title: capitalize(regime), Path: r.Path}, "f(x)", 2, false)
		if err != nil {
			return nil, "", err
		}
		right := distancePlot(r.Path, target, steps, bottom, top, lang.Pick("Distance from the minimum", "Odległość od minimum"), false)
		// "log scale" in the corner: a long label on the y axis would
		// shrink the panel (gonum makes room for it above the data).
		right.Add(&note{at: plotter.XY{X: right.X.Max, Y: right.Y.Max}, text: lang.Pick("log scale", "skala logarytmiczna"),
			style:  text.Style{Color: darkGrey, Font: fontOf(noteSize), XAlign: draw.XRight, YAlign: draw.YTop, Handler: plot.DefaultTextHandler},
			offset: vg.Point{X: -vg.Points(4), Y: -vg.Points(4)}})
		right.X.Max = float64(steps)
		fig := &Figure{Panels: [][]*plot.Plot{{left, right}}, Width: NotebookWidth, Height: NotebookHeight}
		n := len(r.Path) - 1
		describe(left, fmt.Sprintf("%s = %s, %s = %s: %s", eta.Symbol, eta.Labels[i], start.Symbol, start.Labels[j], regime), fmt.Sprintf(lang.Pick(
			"Gradient descent on f with %s = %s from %s = %s, drawn on the curve of f for x from %s to %s (lowest point at x = %s): %s, %s. Beside it, the distance |x − %s| after each of the %d %s, on a log scale: from %s to %s.",
			"Spadek gradientu na f dla %s = %s z punktu %s = %s, narysowany na krzywej f dla x od %s do %s (minimum w x = %s): %s, %s. Obok odległość |x − %s| po każdym z %d %s, na skali logarytmicznej: od %s do %s."),
			eta.Symbol, eta.Labels[i], start.Symbol, start.Labels[j], formatNumber(xmin), formatNumber(xmax), formatNumber(target), regime, detail,
			formatNumber(target), n, plural(n, "step", "steps", "kroku", "kroków", "kroków"),
			formatNumber(math.Abs(r.Path[0]-target)), formatNumber(math.Abs(r.Path[n]-target))))
		return fig, regime + ": " + detail, nil
	}, eta, start)
}

// capitalize writes the first letter of a word as a capital (not for
// mathematics: σ is not Σ).
func capitalize(s string) string {
	r, n := utf8.DecodeRuneInString(s)
	return string(unicode.ToUpper(r)) + s[n:]
}

// indexOf returns the index of v in vs (−1 if it is not there).
func indexOf(vs []float64, v float64) int {
	for i, u := range vs {
		if u == v {
			return i
		}
	}
	return -1
}

// descentRegime names how a descent went, and says where it ended.
func descentRegime(r nnlesson.DescentResult, target float64) (regime, detail string) {
	// A step crosses the bottom when x lands on its other side — by more
	// than rounding: η = 0.5 on (x − 3)² lands on 3 in one step, give or
	// take the last bit, and that is no overshoot.
	crossed := false
	eps := 1e-9 * (1 + math.Abs(target))
	for k := 1; k < len(r.Path); k++ {
		before, after := r.Path[k-1]-target, r.Path[k]-target
		if before*after < 0 && math.Abs(before) > eps && math.Abs(after) > eps {
			crossed = true
			break
		}
	}
	steps := fmt.Sprintf("%d %s", r.Steps, plural(r.Steps, "step", "steps", "krok", "kroki", "kroków"))
	at := "x = " + short(r.X())
	switch {
	case r.Outcome == nnlesson.Diverged:
		return lang.Pick("diverges", "rozbiega się"),
			fmt.Sprintf(lang.Pick("x runs away, %s after %s", "x ucieka, %s po %s"), at, stepsGenitive(r.Steps))
	case r.Outcome == nnlesson.Converged && !crossed:
		return lang.Pick("converges", "zbiega"),
			// English says "12 steps to x = 3", Polish "x = 3 po 12 krokach".
			fmt.Sprintf(lang.Pick("%[1]s to %[2]s", "%[2]s po %[3]s"), steps, at, stepsGenitive(r.Steps))
	case r.Outcome == nnlesson.Converged:
		return lang.Pick("overshoots, then converges", "przeskakuje dno i zbiega"),
			fmt.Sprintf(lang.Pick("%[1]s to %[2]s, from side to side", "%[2]s po %[3]s, z boku na bok"), steps, at, stepsGenitive(r.Steps))
	case !crossed:
		return lang.Pick("crawls", "pełznie"),
			fmt.Sprintf(lang.Pick("still %s after %s", "wciąż %s po %s"), at, stepsGenitive(r.Steps))
	}
	return lang.Pick("jumps from side to side", "skacze z boku na bok"),
		fmt.Sprintf(lang.Pick("does not settle: %s after %s", "nie zbiega: %s po %s"), at, stepsGenitive(r.Steps))
}

// stepsGenitive writes "after n steps" as Polish needs it: "po 1 kroku", "po 5 krokach".
func stepsGenitive(n int) string {
	return fmt.Sprintf("%d %s", n, plural(n, "step", "steps", "kroku", "krokach", "krokach"))
}

// short writes x with four decimals, or briefly in e-notation when it is huge.
func short(x float64) string {
	if math.Abs(x) < 1e5 {
		return fixed(x, 4)
	}
	return formatValue("%.3g", x)
}
