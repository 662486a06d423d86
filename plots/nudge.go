package plots

import (
	"fmt"
	"math"
	"strings"

	"github.com/nnlesson/course/lang"
	"github.com/nnlesson/course/nnlesson"
	"gonum.org/v1/plot/plotter"
	"gonum.org/v1/plot/vg"
	"gonum.org/v1/plot/vg/draw"
)

// A Nudge is one parameter of a network for NudgeControls to nudge: its
// name, the slope of the cost along it, ∂C/∂p (from backpropagation), and
// the cost as a function of how far the parameter is moved.
type Nudge struct {
	Name  string                      // as the slides write it: "w⁽³⁾", "b⁽¹⁾"
	Slope float64                     // ∂C/∂p at the parameter's value
	Cost  func(delta float64) float64 // C with the parameter moved by delta (Cost(0) is the cost now)

	err error // what was wrong with NetworkNudges' arguments
}

// NetworkNudges returns the nudges of the parameters of net numbered
// params (indices into net.Params(), as Gradient.ParamName counts them), or
// of all its parameters if there are no more than 12, for the input x and
// the wanted output y: each with backpropagation's slope and the cost
// C = Σ (a − y)² of a copy of net with that one parameter moved.
//
// NudgeControls reports the error if x or y does not fit the network, an
// index is out of range, or no parameters were chosen from a large network.
func NetworkNudges(net *nnlesson.Network, x, y []float64, params ...int) []Nudge {
	fail := func(format string, args ...any) []Nudge {
		return []Nudge{{err: fmt.Errorf("plots: NetworkNudges: "+format, args...)}}
	}
	if net == nil {
		return fail("the network is nil")
	}
	sizes := net.Sizes()
	if len(x) != sizes[0] || len(y) != sizes[len(sizes)-1] {
		return fail("the network takes %d inputs and gives %d outputs, but x has %d values and y %d", sizes[0], sizes[len(sizes)-1], len(x), len(y))
	}
	n := net.NumParams()
	if len(params) == 0 {
		if n > 12 {
			return fail("the network has %d parameters; choose a few by their indices (0 … %d)", n, n-1)
		}
		for i := range n {
			params = append(params, i)
		}
	}
	grad := net.Backprop(x, y)
	slopes := grad.Flat()
	base := net.Params()
	nudges := make([]Nudge, len(params))
	for k, i := range params {
		if i < 0 || i >= n {
			return fail("there is no parameter %d; the network's parameters are 0 … %d", i, n-1)
		}
		copyNet := net.Clone()
		nudges[k] = Nudge{
			Name:  paramName(grad.ParamName(i), sizes),
			Slope: slopes[i],
			Cost: func(delta float64) float64 {
				p := append([]float64(nil), base...)
				p[i] += delta
				copyNet.SetParams(p)
				return nnlesson.Cost(copyNet.FeedForward(x), y)
			},
		}
	}
	return nudges
}

// paramName writes a parameter's name ("w_0,1^(2)", "b_3^(1)") as the
// slides do, with subscripts and superscripts ("w₀,₁⁽²⁾"), leaving out the
// subscripts of a network with one neuron per layer ("w⁽³⁾").
func paramName(name string, sizes []int) string {
	single := true
	for _, s := range sizes {
		single = single && s == 1
	}
	base, sup, _ := strings.Cut(name, "^")
	letter, sub, _ := strings.Cut(base, "_")
	var b strings.Builder
	b.WriteString(letter)
	if !single {
		b.WriteString(mapDigits(sub, "₀₁₂₃₄₅₆₇₈₉"))
	}
	b.WriteString(strings.NewReplacer("(", "⁽", ")", "⁾").Replace(mapDigits(sup, "⁰¹²³⁴⁵⁶⁷⁸⁹")))
	return b.String()
}

// mapDigits replaces each digit of s by the rune at its place in digits.
func mapDigits(s, digits string) string {
	d := []rune(digits)
	var b strings.Builder
	for _, r := range s {
		if r >= '0' && r <= '9' {
			r = d[r-'0']
		}
		b.WriteRune(r)
	}
	return b.String()
}

// NudgeControls is lesson 7's control: a choice of the parameter p to nudge
// (when there is more than one) and a slider for the nudge Δ; each frame
// draws, against Δ, the true change of the cost ΔC = C(p + Δ) − C(p)
// beside the change the gradient predicts, ∂C/∂p · Δ (a straight line, the
// tangent), with the chosen Δ marked on both, and the caption prints the
// two numbers: "ΔC = −0.01234, ∂C/∂w⁽³⁾ · Δ = −0.01300".
//
// For a small Δ the two agree: that is what the gradient is for. Stepping
// against it (Δ of the other sign than ∂C/∂p) lowers the cost, which is the
// step of gradient descent; for a large Δ the curve bends away from the
// line, and the prediction is only a guide.
//
// delta is a slider (Slider("Δ", …)); nudges come from NetworkNudges, or
// are written by hand. It returns an error if there is no nudge, a nudge
// has no cost function, or a cost is not finite.
func NudgeControls(delta Param, nudges ...Nudge) (*Controls, error) {
	if delta.err != nil {
		return nil, delta.err
	}
	if delta.Choice {
		return nil, fmt.Errorf("plots: NudgeControls: %s must be a slider (plots.Slider), not a choice list", delta.Symbol)
	}
	if len(nudges) == 0 {
		return nil, fmt.Errorf("plots: NudgeControls: no parameters to nudge; give plots.NetworkNudges(net, x, y) or plots.Nudge values")
	}
	lo, hi := extent(delta.Values)
	if !(hi > lo) {
		lo, hi = lo-1, hi+1
	}
	// Each parameter's curve and y range, once.
	type track struct {
		curve  plotter.XYs
		c0     float64
		lo, hi float64
	}
	tracks := make([]track, len(nudges))
	names := make([]string, len(nudges))
	for k, n := range nudges {
		if n.err != nil {
			return nil, n.err
		}
		if n.Cost == nil {
			return nil, fmt.Errorf("plots: NudgeControls: the parameter %q has no cost function", n.Name)
		}
		if math.IsNaN(n.Slope) || math.IsInf(n.Slope, 0) {
			return nil, fmt.Errorf("plots: NudgeControls: the slope of %q is %v; it must be a finite number", n.Name, n.Slope)
		}
		names[k] = n.Name
		c0 := n.Cost(0)
		curve, err := sample(func(d float64) float64 { return n.Cost(d) - c0 }, lo, hi, 101)
		if err != nil || math.IsNaN(c0) || math.IsInf(c0, 0) {
			return nil, fmt.Errorf("plots: NudgeControls: the cost of %q: %v", n.Name, err)
		}
		t := track{curve: curve, c0: c0, lo: math.Min(0, math.Min(n.Slope*lo, n.Slope*hi)), hi: math.Max(0, math.Max(n.Slope*lo, n.Slope*hi))}
		for _, pt := range curve {
			t.lo, t.hi = math.Min(t.lo, pt.Y), math.Max(t.hi, pt.Y)
		}
		if t.hi-t.lo < 1e-9 {
			t.lo, t.hi = t.lo-1e-3, t.hi+1e-3
		}
		tracks[k] = t
	}
	params := []Param{delta}
	if len(nudges) > 1 {
		params = []Param{Choice(lang.Pick("nudged parameter", "zmieniany parametr"), names, 0), delta}
	}
	title := lang.Pick("Nudge one parameter: the cost changes by about ∂C/∂w · Δ",
		"Zmień jeden parametr: koszt zmienia się o około ∂C/∂w · Δ")
	return NewControls(title, func(v []float64) (Chart, string, error) {
		k, d := 0, v[0]
		if len(v) == 2 {
			k, d = int(v[0]), v[1]
		}
		n, t := nudges[k], tracks[k]
		dC := n.Cost(d) - t.c0
		if math.IsNaN(dC) || math.IsInf(dC, 0) {
			return nil, "", fmt.Errorf("the cost of %s moved by %g is %v", n.Name, d, dC)
		}
		predicted := n.Slope * d
		dText := delta.label(d)
		p := newPlot(fmt.Sprintf(lang.Pick("Nudging %s by %s = %s", "Zmiana %s o %s = %s"), n.Name, delta.Symbol, dText),
			fmt.Sprintf(lang.Pick("nudge %s of %s", "zmiana %s parametru %s"), delta.Symbol, n.Name),
			lang.Pick("change of the cost", "zmiana kosztu"))
		addGrid(p)
		zero, _ := plotter.NewLine(plotter.XYs{{X: lo, Y: 0}, {X: hi, Y: 0}})
		zero.LineStyle = draw.LineStyle{Color: darkGrey, Width: 1}
		trueLine, _ := plotter.NewLine(t.curve)
		trueLine.LineStyle = seriesLine(0)
		line, _ := plotter.NewLine(plotter.XYs{{X: lo, Y: n.Slope * lo}, {X: hi, Y: n.Slope * hi}})
		line.LineStyle = seriesLine(1)
		gap, _ := plotter.NewLine(plotter.XYs{{X: d, Y: predicted}, {X: d, Y: dC}})
		gap.LineStyle = draw.LineStyle{Color: Black, Width: 1.5, Dashes: []vg.Length{vg.Points(2), vg.Points(3)}}
		atTrue, _ := plotter.NewScatter(plotter.XYs{{X: d, Y: dC}})
		atTrue.GlyphStyle = seriesGlyph(0)
		atTrue.GlyphStyle.Radius = glyphSize * 1.4
		atLine, _ := plotter.NewScatter(plotter.XYs{{X: d, Y: predicted}})
		atLine.GlyphStyle = seriesGlyph(1)
		atLine.GlyphStyle.Radius = glyphSize * 1.3
		p.Add(zero, trueLine, line, gap, atTrue, atLine)
		p.Legend.Add(fmt.Sprintf(lang.Pick("true change ΔC = C(%[1]s + %[2]s) − C(%[1]s)", "prawdziwa zmiana ΔC = C(%[1]s + %[2]s) − C(%[1]s)"), n.Name, delta.Symbol), trueLine, atTrue)
		p.Legend.Add(fmt.Sprintf(lang.Pick("the gradient's prediction ∂C/∂%s · %s", "zmiana przewidziana przez gradient: ∂C/∂%s · %s"), n.Name, delta.Symbol), line, atLine)
		p.Legend.Top, p.Legend.Left = true, true
		p.Legend.XOffs = vg.Points(8)
		p.X.Min, p.X.Max = lo, hi
		p.Y.Min, p.Y.Max = t.lo, t.hi
		padY(p, 0.06)
		// Room above the curves for the legend.
		p.Y.Tick.Marker = clampTicks{p.Y.Tick.Marker, p.Y.Min, p.Y.Max}
		p.Y.Max += (p.Y.Max - p.Y.Min) * 0.3
		factor := dText
		if d < 0 {
			factor = "(" + dText + ")"
		}
		caption := fmt.Sprintf("ΔC = %s, ∂C/∂%s · %s = %s · %s = %s",
			sig(dC), n.Name, delta.Symbol, sig(n.Slope), factor, sig(predicted))
		way := lang.Pick("along the gradient: the cost rises", "zgodnie z gradientem: koszt rośnie")
		if predicted < 0 {
			way = lang.Pick("against the gradient: the cost falls", "przeciwnie do gradientu: koszt maleje")
		} else if predicted == 0 {
			way = lang.Pick("no nudge: the cost stays", "bez zmiany: koszt pozostaje")
		}
		describe(p, "", fmt.Sprintf(lang.Pick(
			"Against the nudge %[1]s of %[2]s from %[3]s to %[4]s, a curve of the true change of the cost and the straight line of the gradient's prediction, ∂C/∂%[2]s · %[1]s with ∂C/∂%[2]s = %[5]s. At %[1]s = %[6]s, marked on both, the cost changes by %[7]s and the gradient predicts %[8]s: %[9]s.",
			"W zależności od zmiany %[1]s parametru %[2]s od %[3]s do %[4]s: krzywa prawdziwej zmiany kosztu i prosta przewidywania gradientu, ∂C/∂%[2]s · %[1]s, gdzie ∂C/∂%[2]s = %[5]s. Dla %[1]s = %[6]s, zaznaczonego na obu, koszt zmienia się o %[7]s, a gradient przewiduje %[8]s: %[9]s."),
			delta.Symbol, n.Name, formatNumber(lo), formatNumber(hi), sig(n.Slope), dText, sig(dC), sig(predicted), way))
		return p, caption, nil
	}, params...)
}

// sig writes v to four significant digits with a true minus sign, in
// plain decimals unless it is very small or very large.
func sig(v float64) string {
	if v == 0 {
		return "0"
	}
	if a := math.Abs(v); a >= 1e-6 && a < 1e6 {
		dec := max(0, 3-int(math.Floor(math.Log10(a))))
		return fixed(v, dec)
	}
	return formatValue("%.3e", v)
}
