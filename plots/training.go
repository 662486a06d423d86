package plots

import (
	"fmt"
	"math"
	"slices"

	"github.com/nnlesson/course/lang"
	"gonum.org/v1/plot"
	"gonum.org/v1/plot/plotter"
	"gonum.org/v1/plot/text"
	"gonum.org/v1/plot/vg"
	"gonum.org/v1/plot/vg/draw"
)

// TrainingCurve draws how training went, epoch by epoch: the cost on the
// left and the accuracy on the right, each with its last value written at
// the end of the line. cost[i] and accuracy[i] belong to epoch i+1;
// accuracy is a fraction (0.91 for 91 %) and may be nil to draw the cost alone.
//
// A falling cost and a rising accuracy are the signs that learning works;
// a cost that jumps about says the learning rate η is too large. The
// accuracy axis runs to 100 % from 0, or, when every epoch is above 50 %,
// from the ten below the lowest (90 % for 93.9 %), so that the last
// percents a network gains stay visible.
//
// With Live, the chart is redrawn in place after every epoch while the
// network trains.
//
// It returns an error if cost is empty, the two slices differ in length, a
// value is NaN or infinite, or an accuracy lies outside [0, 1].
func TrainingCurve(cost, accuracy []float64) (*Figure, error) {
	if err := checkTraining("TrainingCurve", cost, accuracy); err != nil {
		return nil, err
	}
	return trainingFigure(cost, accuracy, len(cost)), nil
}

// checkTraining checks TrainingCurve's data.
func checkTraining(name string, cost, accuracy []float64) error {
	if err := checkValues(name, "cost", cost); err != nil {
		return err
	}
	if accuracy != nil {
		if len(accuracy) != len(cost) {
			return fmt.Errorf("plots: %s: %d costs but %d accuracies; give one of each per epoch", name, len(cost), len(accuracy))
		}
		if err := checkValues(name, "accuracy", accuracy); err != nil {
			return err
		}
		for i, a := range accuracy {
			if a < 0 || a > 1 {
				return fmt.Errorf("plots: %s: accuracy[%d] is %g; give accuracy as a fraction between 0 and 1 (0.91 for 91 %%)", name, i, a)
			}
		}
	}
	return nil
}

// trainingFigure draws the first upto epochs of a training on the axes of
// the whole of it.
func trainingFigure(cost, accuracy []float64, upto int) *Figure {
	n := len(cost)
	left := epochPanel(lang.Pick("Cost", "Koszt"), lang.Pick("cost C", "koszt C"), cost[:upto], n, 0, "%.4f")
	top := 0.0
	for _, c := range cost {
		top = math.Max(top, c)
	}
	left.Y.Min, left.Y.Max = math.Min(0, slices.Min(cost)), top*1.08
	if top == 0 {
		left.Y.Max = 1
	}
	row := []*plot.Plot{left}
	if accuracy != nil {
		pct := make([]float64, n)
		for i, a := range accuracy {
			pct[i] = 100 * a
		}
		right := epochPanel(lang.Pick("Accuracy", "Dokładność"), lang.Pick("accuracy (%)", "dokładność (%)"), pct[:upto], n, 1, "%.1f%%")
		right.Y.Min, right.Y.Max = accuracyFloor(pct), 100
		right.Y.Tick.Marker = niceTicks{n: 5}
		row = append(row, right)
	}
	for _, p := range row {
		p.X.Min, p.X.Max = 1, float64(n)
		if n == 1 {
			p.X.Min, p.X.Max = 0.5, 1.5
		}
	}
	var acc []float64
	if accuracy != nil {
		acc = accuracy[:upto]
	}
	describe(left, lang.Pick("Training curve", "Przebieg uczenia"), describeTraining(cost[:upto], acc))
	return &Figure{Panels: [][]*plot.Plot{row}, Width: NotebookWidth, Height: NotebookHeight}
}

// TrainingControls is lesson 8's control over a finished training: a
// slider for the epoch, and for each epoch the training curves drawn up to
// it, on the axes of the whole run, so that moving the slider replays the
// training (in a handout too, where a live chart keeps only its last
// frame). The caption prints the epoch's numbers: "epoch 5: cost 0.1234,
// accuracy 93.10 %". cost and accuracy are as TrainingCurve takes them
// (accuracy may be nil); the last epoch is the default.
func TrainingControls(cost, accuracy []float64) (*Controls, error) {
	if err := checkTraining("TrainingControls", cost, accuracy); err != nil {
		return nil, err
	}
	epochs := make([]float64, len(cost))
	for i := range epochs {
		epochs[i] = float64(i + 1)
	}
	epoch := Slider(lang.Pick("epoch", "epoka"), epochs, float64(len(cost)), "%.0f")
	return NewControls(lang.Pick("Move the epoch: the training, epoch by epoch", "Zmieniaj epokę: uczenie epoka po epoce"),
		func(v []float64) (Chart, string, error) {
			k := int(v[0])
			caption := fmt.Sprintf(lang.Pick("cost %.4f", "koszt %.4f"), cost[k-1])
			if accuracy != nil {
				caption += fmt.Sprintf(lang.Pick(", accuracy %.2f %%", ", dokładność %.2f %%"), 100*accuracy[k-1])
			}
			return trainingFigure(cost, accuracy, k), caption, nil
		}, epoch)
}

// describeTraining says what TrainingCurve shows.
func describeTraining(cost, accuracy []float64) string {
	n := len(cost)
	lo, hi := extent(cost)
	if n == 1 {
		s := fmt.Sprintf(lang.Pick("The cost after 1 epoch: %.4f.", "Koszt po 1 epoce: %.4f."), cost[0])
		if accuracy != nil {
			s += " " + fmt.Sprintf(lang.Pick("The accuracy: %.1f%%.", "Dokładność: %.1f%%."), 100*accuracy[0])
		}
		return s
	}
	s := fmt.Sprintf(lang.Pick(
		"The cost after each of %d %s: from %.4f after epoch 1 to %.4f after epoch %d (lowest %.4f, highest %.4f).",
		"Koszt po każdej z %d %s: od %.4f po epoce 1 do %.4f po epoce %d (najmniej %.4f, najwięcej %.4f)."),
		n, plural(n, "epoch", "epochs", "epok", "epok", "epok"), cost[0], cost[n-1], n, lo, hi)
	if accuracy != nil {
		lo, hi := extent(accuracy)
		s += " " + fmt.Sprintf(lang.Pick(
			"Beside it, the accuracy: from %.1f%% to %.1f%% (lowest %.1f%%, highest %.1f%%).",
			"Obok dokładność: od %.1f%% do %.1f%% (najmniej %.1f%%, najwięcej %.1f%%)."),
			100*accuracy[0], 100*accuracy[n-1], 100*lo, 100*hi)
	}
	return s
}

// epochPanel draws ys against epochs 1, 2, …, in series style i, with the
// last value written beside the last point; the axis will run to epoch total.
func epochPanel(title, ylabel string, ys []float64, total, i int, format string) *plot.Plot {
	p := newPlot(title, lang.Pick("epoch", "epoka"), ylabel)
	p.Title.TextStyle.Font = boldFontOf(labelSize)
	addGrid(p)
	xys := make(plotter.XYs, len(ys))
	for k, y := range ys {
		xys[k] = plotter.XY{X: float64(k + 1), Y: y}
	}
	l, _ := plotter.NewLine(xys)
	l.LineStyle = seriesLine(i)
	l.LineStyle.Dashes = nil // one series per panel: solid is clearest
	s, _ := plotter.NewScatter(xys)
	s.GlyphStyle = seriesGlyph(i)
	p.Add(l, s)
	n := len(ys)
	p.X.Min, p.X.Max = 1, float64(n)
	if n == 1 {
		p.X.Min, p.X.Max = 0.5, 1.5
	}
	p.X.Tick.Marker = epochTicks{}
	last := xys[n-1]
	align := draw.XRight
	if 2*n <= total {
		align = draw.XLeft // near the left end of the axis: write it rightwards
	}
	p.Add(&note{at: last, text: fmt.Sprintf(format, last.Y), offset: vg.Point{Y: vg.Points(10)},
		style: text.Style{Color: Black, Font: boldFontOf(noteSize), XAlign: align, YAlign: draw.YBottom,
			Handler: plot.DefaultTextHandler}})
	return p
}

// epochTicks marks whole epochs only.
type epochTicks struct{}

func (epochTicks) Ticks(min, max float64) []plot.Tick {
	var out []plot.Tick
	for _, t := range (niceTicks{n: 6}).Ticks(min, max) {
		if t.Value == math.Trunc(t.Value) {
			if t.Label == "" && max-min > 20 {
				continue // no minor tick on every epoch of a long run
			}
			if t.Label != "" || max-min <= 10 {
				t.Label = fmt.Sprint(int(t.Value)) // "1", never "1.0"
			}
			out = append(out, t)
		}
	}
	return out
}

// accuracyFloor is where the accuracy axis starts: 0, or, when every
// accuracy (in %) is above 50, the multiple of ten at least two points below
// the lowest.
func accuracyFloor(pct []float64) float64 {
	lo := slices.Min(pct)
	if lo <= 50 {
		return 0
	}
	return 10 * math.Floor((lo-2)/10)
}
