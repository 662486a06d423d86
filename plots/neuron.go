package plots

import (
	"fmt"
	"math"

	"github.com/nnlesson/course/lang"
	"gonum.org/v1/plot"
	"gonum.org/v1/plot/plotter"
	"gonum.org/v1/plot/vg"
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
