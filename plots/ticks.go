package plots

import (
	"math"
	"strconv"
	"strings"

	"gonum.org/v1/plot"
)

// niceTicks marks an axis at round numbers (1, 2 or 5 times a power of ten),
// about n labelled ticks per axis, with unlabelled minor ticks between them.
// Labels carry no more decimals than the step needs and use a true minus sign.
type niceTicks struct{ n int }

// Ticks implements plot.Ticker.
func (t niceTicks) Ticks(min, max float64) []plot.Tick {
	if !(max > min) || math.IsInf(max-min, 0) {
		return []plot.Tick{{Value: min, Label: formatTick(min, 1)}}
	}
	n := t.n
	if n < 2 {
		n = 5
	}
	step := niceStep(max-min, n)
	minor := step / 5
	if m := step / math.Pow(10, math.Floor(math.Log10(step))); math.Abs(m-2) < 1e-9 {
		minor = step / 4
	}
	var ticks []plot.Tick
	first := math.Ceil(min/minor-1e-9) * minor
	for i := 0; ; i++ {
		v := first + float64(i)*minor
		if v > max+minor*1e-9 {
			break
		}
		if math.Abs(v) < minor*1e-9 {
			v = 0
		}
		k := v / step
		if math.Abs(k-math.Round(k)) < 1e-6 {
			ticks = append(ticks, plot.Tick{Value: v, Label: formatTick(v, step)})
		} else {
			ticks = append(ticks, plot.Tick{Value: v})
		}
	}
	return ticks
}

// niceStep returns the round step (1, 2, 2.5 or 5 × 10^k) that cuts span into
// the number of intervals nearest to n.
func niceStep(span float64, n int) float64 {
	p := math.Pow(10, math.Floor(math.Log10(span/float64(n))))
	best, bestDiff := p, math.Inf(1)
	for _, m := range []float64{1, 2, 2.5, 5, 10} {
		diff := math.Abs(span/(m*p) - float64(n))
		if diff < bestDiff-1e-9 {
			best, bestDiff = m*p, diff
		}
	}
	return best
}

// formatTick writes v with just enough decimals for ticks step apart.
func formatTick(v, step float64) string {
	dec := 0
	for d := step; dec < 10 && math.Abs(d-math.Round(d)) > 1e-9*math.Max(1, math.Abs(d)); d *= 10 {
		dec++
	}
	s := strconv.FormatFloat(v, 'f', dec, 64)
	return strings.Replace(s, "-", "−", 1)
}
