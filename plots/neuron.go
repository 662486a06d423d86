package plots

import (
	"fmt"
	"math"

	"github.com/nnlesson/course/lang"
	"github.com/nnlesson/course/nnlesson"
	"gonum.org/v1/plot"
	"gonum.org/v1/plot/plotter"
	"gonum.org/v1/plot/vg"
	"gonum.org/v1/plot/vg/draw"
)

// NeuronFamily draws a neuron's output a = σ(w·x + b) as a function of its
// input x, in two panels side by side: on the left one curve for each weight
// in ws (with b = 0), on the right one curve for each bias in bs (with w = 1).
//
// It shows what the two numbers of the slide "How a neuron works" do: the
// weight sets how steeply the neuron switches from 0 to 1 (and a negative
// weight turns the step around), the bias moves the step to x = −b/w — "how
// easy or hard it is to activate the neuron".
//
// It returns an error if ws or bs is empty, holds NaN or infinity, or the
// range is empty.
func NeuronFamily(xmin, xmax float64, ws, bs []float64) (*Figure, error) {
	const name = "NeuronFamily"
	if err := checkRange(name, "x", xmin, xmax); err != nil {
		return nil, err
	}
	if err := checkValues(name, "weights ws", ws); err != nil {
		return nil, err
	}
	if err := checkValues(name, "biases bs", bs); err != nil {
		return nil, err
	}
	sigma := func(z float64) float64 { return 1 / (1 + math.Exp(-z)) }
	left := familyPanel(lang.Pick("Weight w: how steep (b = 0)", "Waga w: jak stromo (b = 0)"),
		xmin, xmax, ws, "w", func(w, x float64) float64 { return sigma(w * x) })
	right := familyPanel(lang.Pick("Bias b: where it switches (w = 1)", "Bias b: gdzie się przełącza (w = 1)"),
		xmin, xmax, bs, "b", func(b, x float64) float64 { return sigma(x + b) })
	right.Y.Label.Text = ""
	describe(left, lang.Pick("A neuron's output for several weights and biases", "Wyjście neuronu dla kilku wag i biasów"),
		fmt.Sprintf(lang.Pick(
			"Two panels of the neuron's output a = σ(w·x + b) against its input x from %s to %s. Left, with b = 0, one curve for each weight w = %s: the larger |w|, the steeper the switch from 0 to 1, and a negative w turns it around. Right, with w = 1, one curve for each bias b = %s: the bias moves the switch to x = −b/w.",
			"Dwa panele wyjścia neuronu a = σ(w·x + b) w zależności od wejścia x od %s do %s. Po lewej, przy b = 0, po jednej krzywej dla każdej wagi w = %s: im większe |w|, tym bardziej stromo neuron przełącza się z 0 na 1, a ujemna waga odwraca to przejście. Po prawej, przy w = 1, po jednej krzywej dla każdego biasu b = %s: bias przesuwa przejście do x = −b/w."),
			formatNumber(xmin), formatNumber(xmax), numbers(ws), numbers(bs)))
	// The same y axis in both panels, so that they can be compared.
	top := math.Max(left.Y.Max, right.Y.Max)
	left.Y.Max, right.Y.Max = top, top
	return &Figure{
		Panels: [][]*plot.Plot{{left, right}},
		Width:  NotebookWidth,
		Height: NotebookHeight,
	}, nil
}

// familyPanel draws f(v, x) for each v in vs.
func familyPanel(title string, xmin, xmax float64, vs []float64, vname string, f func(v, x float64) float64) *plot.Plot {
	p := newPlot(title, "x", "a = σ(w·x + b)")
	p.Title.TextStyle.Font = boldFontOf(labelSize)
	addGrid(p)
	lines := make([]plotter.XYs, len(vs))
	names := make([]string, len(vs))
	for i, v := range vs {
		xys, _ := sample(func(x float64) float64 { return f(v, x) }, xmin, xmax, samples) // σ is always finite
		l, _ := plotter.NewLine(xys)
		l.LineStyle = seriesLine(i)
		p.Add(l)
		names[i] = fmt.Sprintf("%s = %s", vname, formatNumber(v))
		p.Legend.Add(names[i], l)
		lines[i] = xys
	}
	p.X.Min, p.X.Max = xmin, xmax
	p.Y.Min, p.Y.Max = 0, 1
	padY(p, 0.04)
	placeLegend(p, lines, names, NotebookWidth/2-2.5*vg.Centimeter, NotebookHeight-3*vg.Centimeter)
	return p
}

// checkValues rejects an empty slice or one holding NaN or infinity.
func checkValues(chart, what string, vs []float64) error {
	if len(vs) == 0 {
		return fmt.Errorf("plots: %s: %s is empty; give at least one value", chart, what)
	}
	for i, v := range vs {
		if math.IsNaN(v) || math.IsInf(v, 0) {
			return fmt.Errorf("plots: %s: %s[%d] is %v; every value must be a finite number", chart, what, i, v)
		}
	}
	return nil
}

// formatNumber writes v briefly (at most 4 significant digits) with a true minus sign.
func formatNumber(v float64) string {
	if math.Abs(v) < 5e-5 {
		v = 0 // 3.1e-08 is zero to the chart's four digits; e-notation would only puzzle
	}
	s := fmt.Sprintf("%.4g", v)
	if len(s) > 0 && s[0] == '-' {
		s = "−" + s[1:]
	}
	return s
}

// NeuronControls is lesson 2's control: sliders for the weight w and the
// bias b of a neuron with one input x, and for each pair of values the curve
// a = σ(w·x + b), with its switching point x = −b/w marked on it (where
// a = ½) and printed in the caption: "x = −b/w = 2.00". A thin grey curve,
// σ(x) (w = 1, b = 0), stays in place to compare with.
//
// Moving w makes the step steeper or flatter (and a negative w turns it
// around); moving b slides it. With w = 0 the neuron ignores its input:
// a = σ(b) everywhere, and there is no switching point.
//
// w and b are sliders (Slider("w", …), Slider("b", …)); the chart's x range
// is fitted to hold every switching point they can make, from ±4 to ±10.
func NeuronControls(w, b Param) (*Controls, error) {
	for _, p := range []Param{w, b} {
		if p.err != nil {
			return nil, p.err
		}
		if p.Choice {
			return nil, fmt.Errorf("plots: NeuronControls: %s must be a slider (plots.Slider), not a choice list", p.Symbol)
		}
	}
	span := 4.0
	for _, wv := range w.Values {
		for _, bv := range b.Values {
			if wv != 0 {
				span = math.Max(span, math.Abs(bv/wv))
			}
		}
	}
	span = math.Min(math.Ceil(span+0.5), 10)
	title := lang.Pick("Move w and b: the neuron's output a = σ(w·x + b) and where it switches, x = −b/w",
		"Przesuń w i b: wyjście neuronu a = σ(w·x + b) i punkt włączenia x = −b/w")
	return NewControls(title, func(v []float64) (Chart, string, error) {
		return neuronFrame(v[0], v[1], w.label(v[0]), b.label(v[1]), -span, span)
	}, w, b)
}

// neuronFrame is one frame of NeuronControls.
func neuronFrame(w, b float64, wText, bText string, xmin, xmax float64) (Chart, string, error) {
	sigma := nnlesson.Sigmoid
	p := newPlot(fmt.Sprintf(lang.Pick("A neuron with w = %s and b = %s", "Neuron o wadze w = %s i biasie b = %s"), wText, bText),
		"x", "a = σ(w·x + b)")
	addGrid(p)
	ref, _ := sample(sigma, xmin, xmax, samples)
	refLine, _ := plotter.NewLine(ref)
	refLine.LineStyle = draw.LineStyle{Color: lightGrey, Width: 2}
	curve, _ := sample(func(x float64) float64 { return sigma(w*x + b) }, xmin, xmax, samples)
	line, _ := plotter.NewLine(curve)
	line.LineStyle = seriesLine(0)
	p.Add(refLine, line)
	p.Legend.Add("σ(w·x + b)", line)
	p.Legend.Add("σ(x): w = 1, b = 0", refLine)
	p.X.Min, p.X.Max = xmin, xmax
	p.Y.Min, p.Y.Max = 0, 1
	padY(p, 0.04)
	// Room above the curves for the legend.
	p.Y.Tick.Marker = clampTicks{p.Y.Tick.Marker, 0, 1}
	p.Y.Max += 0.3

	var caption, where string
	switch x := -b / w; {
	case w == 0:
		caption = fmt.Sprintf(lang.Pick("a = σ(b) = %s for every x: the neuron does not switch", "a = σ(b) = %s dla każdego x – neuron się nie przełącza"), fixed(sigma(b), 2))
		where = caption
	case x < xmin || x > xmax:
		caption = fmt.Sprintf(lang.Pick("x = −b/w = %s, off the chart", "x = −b/w = %s, poza wykresem"), fixed(x, 2))
		where = fmt.Sprintf(lang.Pick("It switches at x = −b/w = %s, off the chart.", "Neuron przełącza się w punkcie x = −b/w = %s, poza wykresem."), fixed(x, 2))
	default:
		caption = "x = −b/w = " + fixed(x, 2)
		where = fmt.Sprintf(lang.Pick("It switches at x = −b/w = %s, where a = 0.5, marked with a dashed line and a dot.",
			"Neuron przełącza się w punkcie x = −b/w = %s, gdzie a = 0.5; miejsce to zaznaczają linia przerywana i kropka."), fixed(x, 2))
		mark, _ := plotter.NewLine(plotter.XYs{{X: x, Y: 0}, {X: x, Y: 1}})
		mark.LineStyle = draw.LineStyle{Color: Vermillion, Width: 1.5, Dashes: []vg.Length{vg.Points(5), vg.Points(4)}}
		dot, _ := plotter.NewScatter(plotter.XYs{{X: x, Y: 0.5}})
		dot.GlyphStyle = draw.GlyphStyle{Color: Vermillion, Radius: glyphSize * 1.3, Shape: draw.CircleGlyph{}}
		label := noteAt(plotter.XY{X: x, Y: 1}, caption, Vermillion)
		label.TextStyle[0].Font = boldFontOf(noteSize)
		label.Offset = vg.Point{Y: vg.Points(4)}
		if x > (xmin+xmax)/2 {
			label.TextStyle[0].XAlign = draw.XRight
		} else {
			label.TextStyle[0].XAlign = draw.XLeft
		}
		p.Add(mark, dot, label)
	}
	p.Legend.Top, p.Legend.Left = true, w < 0
	p.Legend.XOffs = -vg.Points(8)
	if p.Legend.Left {
		p.Legend.XOffs = vg.Points(8)
	}
	describe(p, "", fmt.Sprintf(lang.Pick(
		"A curve of the neuron's output a = σ(w·x + b) with w = %s and b = %s, for x from %s to %s: a goes from %s to %s. %s A grey curve shows σ(x), w = 1 and b = 0, to compare with.",
		"Krzywa wyjścia neuronu a = σ(w·x + b) dla w = %s i b = %s, dla x od %s do %s: a zmienia się od %s do %s. %s Szara krzywa pokazuje dla porównania σ(x), czyli w = 1 i b = 0."),
		wText, bText, formatNumber(xmin), formatNumber(xmax), fixed(curve[0].Y, 2), fixed(curve[len(curve)-1].Y, 2), where))
	return p, caption, nil
}
