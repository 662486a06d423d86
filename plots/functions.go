package plots

import (
	"fmt"
	"math"
	"strings"

	"github.com/nnlesson/course/lang"

	"gonum.org/v1/plot"
	"gonum.org/v1/plot/plotter"
	"gonum.org/v1/plot/vg"
)

// A Curve is one function to draw, with its name for the legend.
type Curve struct {
	Name string                  // legend entry, for example "σ(z)" or "ReLU′(z)"
	F    func(x float64) float64 // the function; it must be finite on the whole range
}

// samples is the number of points at which a function is evaluated.
// A chart 20 cm wide has one point every half millimetre.
const samples = 401

// Functions draws several functions of one variable on one chart, each in its
// own colour and dash pattern, with a legend in the emptiest corner.
//
// It is the chart of the slide "Activation functions": the sigmoid σ beside
// its derivative σ′, and ReLU beside ReLU′, shows where a neuron learns
// (where f′ is large) and where it stops learning (where f′ is nearly 0).
//
// It returns an error if there is no curve, a curve has no function, the
// range is empty or not finite, or a function is NaN or infinite somewhere on
// the range.
func Functions(title, xlabel, ylabel string, xmin, xmax float64, curves ...Curve) (*plot.Plot, error) {
	if err := checkRange("Functions", "x", xmin, xmax); err != nil {
		return nil, err
	}
	if len(curves) == 0 {
		return nil, fmt.Errorf("plots: Functions: no curves to draw; pass at least one plots.Curve{Name, F}")
	}
	p := newPlot(title, xlabel, ylabel)
	addGrid(p)
	lines := make([]plotter.XYs, len(curves))
	for i, c := range curves {
		if c.F == nil {
			return nil, fmt.Errorf("plots: Functions: curve %d (%q) has no function F", i, c.Name)
		}
		xys, err := sample(c.F, xmin, xmax, samples)
		if err != nil {
			return nil, fmt.Errorf("plots: Functions: curve %q: %v", c.Name, err)
		}
		lines[i] = xys
		l, err := plotter.NewLine(xys)
		if err != nil {
			return nil, fmt.Errorf("plots: Functions: curve %q: %v", c.Name, err)
		}
		l.LineStyle = seriesLine(i)
		p.Add(l)
		if c.Name != "" {
			p.Legend.Add(c.Name, l)
		}
	}
	p.X.Min, p.X.Max = xmin, xmax
	padY(p, 0.04)
	names := make([]string, len(curves))
	for i, c := range curves {
		names[i] = c.Name
	}
	placeLegend(p, lines, names, NotebookWidth-3*vg.Centimeter, NotebookHeight-3*vg.Centimeter)
	describe(p, "", describeCurves(xlabel, xmin, xmax, names, lines))
	return p, nil
}

// describeCurves says what curves of functions of x show: for each, where
// it starts and ends and its lowest and highest value.
func describeCurves(xlabel string, xmin, xmax float64, names []string, lines []plotter.XYs) string {
	if xlabel == "" {
		xlabel = "x"
	}
	var named []string
	var each []string
	for i, xys := range lines {
		name := names[i]
		if name == "" {
			name = fmt.Sprintf(lang.Pick("curve %d", "krzywa %d"), i+1)
		}
		named = append(named, name)
		ys := make([]float64, len(xys))
		for k, pt := range xys {
			ys[k] = pt.Y
		}
		lo, hi := extent(ys)
		each = append(each, fmt.Sprintf(lang.Pick("%s goes from %s to %s (lowest %s, highest %s)", "%s zmienia się od %s do %s (najmniej %s, najwięcej %s)"),
			name, formatNumber(ys[0]), formatNumber(ys[len(ys)-1]), formatNumber(lo), formatNumber(hi)))
	}
	return fmt.Sprintf(lang.Pick("A graph of %s against %s from %s to %s: %s.", "Wykres %s w zależności od %s, od %s do %s: %s."),
		listOf(named), xlabel, formatNumber(xmin), formatNumber(xmax), strings.Join(each, "; "))
}

// sample evaluates f at n evenly spaced points of [xmin, xmax].
func sample(f func(float64) float64, xmin, xmax float64, n int) (plotter.XYs, error) {
	xys := make(plotter.XYs, n)
	for i := range xys {
		x := xmin + (xmax-xmin)*float64(i)/float64(n-1)
		y := f(x)
		if math.IsNaN(y) || math.IsInf(y, 0) {
			return nil, fmt.Errorf("the function is %v at x = %g; it must be finite on [%g, %g]", y, x, xmin, xmax)
		}
		xys[i].X, xys[i].Y = x, y
	}
	return xys, nil
}

// checkRange checks that [min, max] is a finite, non-empty interval.
func checkRange(chart, name string, min, max float64) error {
	if math.IsNaN(min) || math.IsNaN(max) || math.IsInf(min, 0) || math.IsInf(max, 0) {
		return fmt.Errorf("plots: %s: the %s range [%g, %g] must be finite", chart, name, min, max)
	}
	if !(min < max) {
		return fmt.Errorf("plots: %s: the %s range [%g, %g] is empty; %smin must be less than %smax", chart, name, min, max, name, name)
	}
	return nil
}

// padY widens the y axis by frac of its span at both ends, so that curves do
// not run along the frame. A flat curve gets a span of 1.
func padY(p *plot.Plot, frac float64) {
	lo, hi := p.Y.Min, p.Y.Max
	if hi-lo < 1e-12 {
		lo, hi = lo-0.5, hi+0.5
	}
	d := (hi - lo) * frac
	p.Y.Min, p.Y.Max = lo-d, hi+d
}
