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

// logTicks marks a log axis at the powers of ten, with unlabelled minor
// ticks at 2…9 times each when the axis spans few decades; when it spans
// many, it labels every second or third power.
type logTicks struct{}

// Ticks implements plot.Ticker.
func (logTicks) Ticks(min, max float64) []plot.Tick {
	lo, hi := int(math.Floor(math.Log10(min)+1e-9)), int(math.Ceil(math.Log10(max)-1e-9))
	every := 1 + (hi-lo)/6
	var ticks []plot.Tick
	for k := lo; k <= hi; k++ {
		v := math.Pow(10, float64(k))
		if v >= min*(1-1e-9) && v <= max*(1+1e-9) {
			t := plot.Tick{Value: v}
			if (k-lo)%every == 0 {
				t.Label = powerOfTen(k)
			}
			ticks = append(ticks, t)
		}
		if hi-lo <= 4 {
			for m := 2; m <= 9; m++ {
				if u := float64(m) * v; u > min && u < max {
					ticks = append(ticks, plot.Tick{Value: u})
				}
			}
		}
	}
	return ticks
}

// powerOfTen writes 10^k as a plain number when that is short (0.001,
// 1000), and otherwise with an exponent (1e−6, 1e9).
func powerOfTen(k int) string {
	switch {
	case k >= 0 && k <= 4:
		return strconv.FormatFloat(math.Pow(10, float64(k)), 'f', 0, 64)
	case k < 0 && k >= -4:
		return strconv.FormatFloat(math.Pow(10, float64(k)), 'f', -k, 64)
	case k < 0:
		return "1e−" + strconv.Itoa(-k)
	}
	return "1e" + strconv.Itoa(k)
}
