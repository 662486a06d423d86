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

// SlopeControls is lesson 4's control: a slider for z, and for each value
// two panels, the sigmoid σ on the left and ReLU on the right, each with
// its derivative (dashed), the point at z on both curves, and the tangent
// at z, the straight line whose slope is the derivative there. The caption
// prints both slopes: "σ′(z) = 0.1050, ReLU′(z) = 1".
//
// Moving z far from 0 shows the sigmoid's slope vanish (σ′(6) = 0.0025: a
// saturated neuron barely learns) while ReLU's stays 1 for every z > 0.
//
// z is a slider (Slider("z", …)); the panels span its values.
func SlopeControls(z Param) (*Controls, error) {
	if z.err != nil {
		return nil, z.err
	}
	if z.Choice {
		return nil, fmt.Errorf("plots: SlopeControls: %s must be a slider (plots.Slider), not a choice list", z.Symbol)
	}
	lo, hi := extent(z.Values)
	pad := math.Max((hi-lo)*0.05, 0.5)
	zmin, zmax := lo-pad, hi+pad
	title := lang.Pick("Move z: the slopes of σ and ReLU at z", "Zmieniaj z: nachylenie σ i ReLU w punkcie z")
	return NewControls(title, func(v []float64) (Chart, string, error) {
		return slopeFrame(v[0], z.label(v[0]), zmin, zmax)
	}, z)
}

// slopeFrame is one frame of SlopeControls.
func slopeFrame(z float64, zText string, zmin, zmax float64) (Chart, string, error) {
	sp, rp := nnlesson.SigmoidPrime(z), nnlesson.ReLUPrime(z)
	left := slopePanel(fmt.Sprintf(lang.Pick("Sigmoid: slope σ′(z) = %s", "Sigmoida: nachylenie σ′(z) = %s"), fixed(sp, 4)),
		"σ(z)", "σ′(z)", nnlesson.Sigmoid, nnlesson.SigmoidPrime, z, zmin, zmax, -0.05, 1.05)
	right := slopePanel(fmt.Sprintf(lang.Pick("ReLU: slope ReLU′(z) = %s", "ReLU: nachylenie ReLU′(z) = %s"), formatNumber(rp)),
		"ReLU(z)", "ReLU′(z)", nnlesson.ReLU, nnlesson.ReLUPrime, z, zmin, zmax, -0.05*zmax, math.Max(zmax, 1.05))
	right.Y.Label.Text = ""
	caption := fmt.Sprintf("σ′(z) = %s, ReLU′(z) = %s", fixed(sp, 4), formatNumber(rp))
	describe(left, fmt.Sprintf(lang.Pick("The slopes of σ and ReLU at z = %s", "Nachylenie σ i ReLU w z = %s"), zText), fmt.Sprintf(lang.Pick(
		"Two panels for z from %s to %s, each a function drawn solid with its derivative dashed, the point z = %s marked on both and the tangent at z drawn through it. Left, the sigmoid: σ(z) = %s and its slope σ′(z) = %s; far from 0 the curve flattens and its slope vanishes. Right, ReLU: ReLU(z) = %s and its slope ReLU′(z) = %s, which is 1 for every z > 0 and 0 for z ≤ 0.",
		"Dwa panele dla z od %s do %s; na każdym funkcja (linia ciągła) i jej pochodna (przerywana), punkt z = %s zaznaczony na obu i styczna w punkcie z. Po lewej sigmoida: σ(z) = %s i nachylenie σ′(z) = %s; daleko od 0 krzywa się wypłaszcza, a nachylenie zanika. Po prawej ReLU: ReLU(z) = %s i nachylenie ReLU′(z) = %s, które wynosi 1 dla każdego z > 0 i 0 dla z ≤ 0."),
		formatNumber(zmin), formatNumber(zmax), zText, fixed(nnlesson.Sigmoid(z), 4), fixed(sp, 4), formatNumber(nnlesson.ReLU(z)), formatNumber(rp)))
	return &Figure{Panels: [][]*plot.Plot{{left, right}}, Width: NotebookWidth, Height: NotebookHeight}, caption, nil
}

// slopePanel draws f and its derivative fp on [zmin, zmax], the points at z
// and the tangent to f at z.
func slopePanel(title, fName, fpName string, f, fp func(float64) float64, z, zmin, zmax, ymin, ymax float64) *plot.Plot {
	p := newPlot(title, "z", "")
	p.Title.TextStyle.Font = boldFontOf(labelSize)
	p.X.Tick.Marker = niceTicks{n: 4}
	addGrid(p)
	curve, _ := sample(f, zmin, zmax, samples)
	fl, _ := plotter.NewLine(curve)
	fl.LineStyle = seriesLine(0)
	deriv, _ := sample(fp, zmin, zmax, samples)
	dl, _ := plotter.NewLine(deriv)
	dl.LineStyle = seriesLine(1)
	// The tangent: through (z, f(z)) with slope f′(z), a quarter of the
	// range long on each side.
	h := (zmax - zmin) / 4
	fz, s := f(z), fp(z)
	tl, _ := plotter.NewLine(plotter.XYs{{X: z - h, Y: fz - s*h}, {X: z + h, Y: fz + s*h}})
	tl.LineStyle = draw.LineStyle{Color: Black, Width: 1.5}
	on, _ := plotter.NewScatter(plotter.XYs{{X: z, Y: fz}})
	on.GlyphStyle = draw.GlyphStyle{Color: Vermillion, Radius: glyphSize * 1.3, Shape: draw.CircleGlyph{}}
	below, _ := plotter.NewScatter(plotter.XYs{{X: z, Y: s}})
	below.GlyphStyle = draw.GlyphStyle{Color: Vermillion, Radius: glyphSize * 1.1, Shape: draw.BoxGlyph{}}
	p.Add(fl, dl, tl, on, below)
	p.Legend.Add(fName, fl)
	p.Legend.Add(fpName, dl)
	p.Legend.Add(lang.Pick("tangent at z", "styczna w punkcie z"), tl)
	p.Legend.TextStyle.Font = fontOf(noteSize)
	p.Legend.ThumbnailWidth = vg.Points(28)
	p.Legend.Top, p.Legend.Left = true, true
	p.Legend.XOffs, p.Legend.YOffs = vg.Points(6), -vg.Points(2)
	p.X.Min, p.X.Max = zmin, zmax
	p.Y.Min, p.Y.Max = ymin, ymax
	// Room above the curves for the legend.
	p.Y.Tick.Marker = clampTicks{niceTicks{n: 5}, ymin, ymax}
	p.Y.Max += (ymax - ymin) * 0.35
	return p
}
