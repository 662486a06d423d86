package plots

import (
	"gonum.org/v1/plot"
	"gonum.org/v1/plot/plotter"
	"gonum.org/v1/plot/vg"
)

// placeLegend puts the legend in the corner of the data area that the lines
// cross least. If every corner is crossed, it raises the top of the y axis to
// make room above the data and puts the legend there. dataW and dataH
// estimate the size of the data area the plot will get.
func placeLegend(p *plot.Plot, lines []plotter.XYs, names []string, dataW, dataH vg.Length) {
	n := 0
	longest := 0
	for _, name := range names {
		if name != "" {
			n++
			longest = max(longest, len([]rune(name)))
		}
	}
	if n == 0 {
		return
	}
	// The legend's size as a fraction of the data area, estimated from the
	// font size.
	w := float64((p.Legend.ThumbnailWidth + vg.Length(longest)*legendSize*0.6 + vg.Points(20)) / dataW)
	h := float64((vg.Length(n)*legendSize*1.35 + vg.Points(10)) / dataH)

	type corner struct{ top, left bool }
	corners := []corner{{true, true}, {true, false}, {false, false}, {false, true}}
	best, bestCount := corners[0], -1
	for _, c := range corners {
		count := 0
		for _, xys := range lines {
			for _, pt := range xys {
				u := (pt.X - p.X.Min) / (p.X.Max - p.X.Min)
				v := (pt.Y - p.Y.Min) / (p.Y.Max - p.Y.Min)
				if !c.left {
					u = 1 - u
				}
				if !c.top {
					v = 1 - v
				}
				if u <= w && v >= 1-h {
					count++
				}
			}
		}
		if bestCount < 0 || count < bestCount {
			best, bestCount = c, count
		}
	}
	if bestCount > 0 {
		// No free corner: make room above the data.
		span := p.Y.Max - p.Y.Min
		p.Y.Tick.Marker = clampTicks{p.Y.Tick.Marker, p.Y.Min, p.Y.Max}
		p.Y.Max += span * h / (1 - h)
		best = corner{top: true, left: true}
	}
	p.Legend.Top, p.Legend.Left = best.top, best.left
	if best.left {
		p.Legend.XOffs = vg.Points(8)
	} else {
		p.Legend.XOffs = -vg.Points(8)
	}
	if best.top {
		p.Legend.YOffs = -vg.Points(6)
	} else {
		p.Legend.YOffs = vg.Points(6)
	}
}
