package plots

import (
	"fmt"
	"math"
	"strings"

	"github.com/nnlesson/course/lang"

	"gonum.org/v1/plot"
	"gonum.org/v1/plot/plotter"
	"gonum.org/v1/plot/text"
	"gonum.org/v1/plot/vg"
	"gonum.org/v1/plot/vg/draw"
)

// OutputBars draws the ten outputs a_j of a digit network as filled bars
// beside the outputs it should have given (y_j: 1 for the wanted digit, 0 for
// the others) as outlined bars, and writes each squared error (a_j − y_j)²
// above its pair. The title gives their sum, the cost C = Σ (a_j − y_j)².
//
// It is the picture of the slide "The cost function": an untrained network
// shown a "3" answers 0.43, 0.28, 0.19, 0.88, … and its cost is large.
//
// outputs must hold finite numbers (one per class, usually ten in [0, 1]);
// wanted must be one of the classes 0 … len(outputs)−1.
func OutputBars(outputs []float64, wanted int) (*plot.Plot, error) {
	const name = "OutputBars"
	if err := checkValues(name, "outputs", outputs); err != nil {
		return nil, err
	}
	n := len(outputs)
	if wanted < 0 || wanted >= n {
		return nil, fmt.Errorf("plots: OutputBars: wanted digit %d is not one of the %d outputs 0 … %d", wanted, n, n-1)
	}
	xs := make([]float64, n)
	ys := make([]float64, n)
	var cost float64
	sq := make([]float64, n)
	top := 1.0
	for j, a := range outputs {
		xs[j] = float64(j)
		if j == wanted {
			ys[j] = 1
		}
		sq[j] = (a - ys[j]) * (a - ys[j])
		cost += sq[j]
		top = math.Max(top, a)
	}

	p := newPlot(fmt.Sprintf(lang.Pick("The network was shown a “%d”: cost C = Σ (a − y)² = %.2f", "Sieci pokazano „%d”: koszt C = Σ (a − y)² = %.2f"), wanted, cost),
		lang.Pick("output neuron j (digit)", "neuron wyjściowy j (cyfra)"), lang.Pick("activation", "aktywacja"))
	p.X.Tick.Marker = integerTicks(0, n-1)
	p.Y.Tick.Marker = clampTicks{niceTicks{n: 5}, 0, top}
	p.X.Tick.Length = 0
	p.X.LineStyle.Width = 0

	const w = 0.36 // bar width, in digits
	a := &bars{X: shift(xs, -w/2-0.01), Heights: outputs, Width: w, Fill: Blue}
	y := &bars{X: shift(xs, w/2+0.01), Heights: ys, Width: w,
		Outline: draw.LineStyle{Color: Black, Width: 2}}
	p.Add(a, y)

	// The squared errors, above each pair of bars.
	labels := &plotter.Labels{Offset: vg.Point{Y: vg.Points(4)}}
	for j := range outputs {
		labels.XYs = append(labels.XYs, plotter.XY{X: xs[j], Y: math.Max(outputs[j], ys[j])})
		labels.Labels = append(labels.Labels, fmt.Sprintf("%.4f", sq[j]))
		labels.TextStyle = append(labels.TextStyle, text.Style{
			Color: Vermillion, Font: boldFontOf(noteSize),
			XAlign: draw.XCenter, YAlign: draw.YBottom, Handler: plot.DefaultTextHandler,
		})
	}
	p.Add(labels)

	p.Legend.Add(lang.Pick("network output a", "wyjście sieci a"), a)
	p.Legend.Add(lang.Pick("wanted output y", "oczekiwane wyjście y"), y)
	p.Legend.Add(lang.Pick("(a − y)² written above", "nad słupkami: (a − y)²"), legendText{})
	p.Legend.Top, p.Legend.Left = true, true
	p.Legend.XOffs = vg.Points(8)

	p.X.Min, p.X.Max = -0.6, float64(n)-0.4
	// Room above the bars for the error labels and the legend.
	p.Y.Min, p.Y.Max = 0, top*1.55
	describe(p, "", describeOutputs(outputs, wanted, sq, cost))
	return p, nil
}

// describeOutputs says what OutputBars shows.
func describeOutputs(outputs []float64, wanted int, sq []float64, cost float64) string {
	answer := 0
	for j, a := range outputs {
		if a > outputs[answer] {
			answer = j
		}
	}
	var as, errs []string
	for j := range outputs {
		as = append(as, fmt.Sprintf("a%s = %.2f", subscript(j), outputs[j]))
		errs = append(errs, fmt.Sprintf("%.4f", sq[j]))
	}
	return fmt.Sprintf(lang.Pick(
		"Bars of the network's %d outputs for an image of a %d, each beside the output wanted (1 for neuron %d, 0 for the others): %s. The largest output is a%s, so the network answers %d. Squared errors (a − y)²: %s; their sum, the cost C, is %.2f.",
		"Słupki %d wyjść sieci dla obrazu cyfry %d, każde obok oczekiwanego wyjścia (1 dla neuronu %d, 0 dla pozostałych): %s. Największe jest wyjście a%s, więc sieć odpowiada %d. Kwadraty błędów (a − y)²: %s; ich suma, koszt C, wynosi %.2f."),
		len(outputs), wanted, wanted, strings.Join(as, ", "), subscript(answer), answer, strings.Join(errs, ", "), cost)
}

// subscript writes n in subscript digits: 12 → ₁₂.
func subscript(n int) string {
	var b strings.Builder
	for _, r := range fmt.Sprint(n) {
		if r >= '0' && r <= '9' {
			r = '₀' + (r - '0')
		}
		b.WriteRune(r)
	}
	return b.String()
}

// legendText is an empty legend thumbnail, for an entry that is only words.
type legendText struct{}

func (legendText) Thumbnail(*draw.Canvas) {}

// shift returns xs + d.
func shift(xs []float64, d float64) []float64 {
	out := make([]float64, len(xs))
	for i, x := range xs {
		out[i] = x + d
	}
	return out
}

// integerTicks labels every integer from lo to hi.
func integerTicks(lo, hi int) plot.ConstantTicks {
	var ts plot.ConstantTicks
	for i := lo; i <= hi; i++ {
		ts = append(ts, plot.Tick{Value: float64(i), Label: fmt.Sprint(i)})
	}
	return ts
}

// clampTicks keeps the ticks of T that lie in [lo, hi] (an axis that goes on
// beyond the data to make room for a legend).
type clampTicks struct {
	T      plot.Ticker
	lo, hi float64
}

func (c clampTicks) Ticks(min, max float64) []plot.Tick {
	var out []plot.Tick
	for _, t := range c.T.Ticks(math.Max(min, c.lo), math.Min(max, c.hi)) {
		if t.Value >= c.lo-1e-9 && t.Value <= c.hi+1e-9 {
			out = append(out, t)
		}
	}
	return out
}
