package plots

import (
	"fmt"
	"math"

	"github.com/nnlesson/course/lang"
	"gonum.org/v1/gonum/mat"
	"gonum.org/v1/plot"
	"gonum.org/v1/plot/vg"
	"gonum.org/v1/plot/vg/draw"
)

// WeightImage draws the 784 weights of one neuron of the first hidden layer
// (one row of W^(1)) as a 28×28 picture, each weight on the pixel it
// multiplies: red where a bright pixel raises the neuron's z, blue where it
// lowers it, white where the pixel does not matter. A colour bar gives the
// scale, which is symmetric about zero.
//
// It is 3Blue1Brown's picture of what a hidden neuron "looks for".
//
// It returns an error if w does not have 784 values or holds NaN or infinity.
func WeightImage(title string, w []float64) (*Figure, error) {
	const name = "WeightImage"
	if len(w) != imagePixels {
		return nil, fmt.Errorf("plots: WeightImage: %d weights; a neuron of the first hidden layer has one per pixel, 28×28 = 784", len(w))
	}
	if err := checkValues(name, "weights", w); err != nil {
		return nil, err
	}
	m := weightMap(w)
	p := gridPlot(title, &imageGrid{tiles: []tile{{img: colorImage(w, m), frame: draw.LineStyle{Color: lightGrey, Width: 1}}}, cols: 1})
	lo, hi := extent(w)
	describe(p, lang.Pick("The weights of one neuron", "Wagi jednego neuronu"), fmt.Sprintf(lang.Pick(
		"The 784 weights of one neuron as a 28×28 picture, each on the pixel it multiplies: red where a bright pixel raises the neuron's z, blue where it lowers it, white where the pixel does not matter. The weights range from %s to %s.",
		"784 wagi jednego neuronu jako obraz 28×28, każda na pikselu, który mnoży: czerwone tam, gdzie jasny piksel podnosi z neuronu, niebieskie tam, gdzie je obniża, białe tam, gdzie piksel nie ma znaczenia. Wagi przyjmują wartości od %s do %s."),
		formatNumber(lo), formatNumber(hi)))
	return &Figure{
		Panels: [][]*plot.Plot{{p, colorBar(m, lang.Pick("weight w", "waga w"))}},
		Widths: []float64{1, 0.45},
		Width:  15 * vg.Centimeter,
		Height: 12 * vg.Centimeter,
	}, nil
}

// WeightGrid draws every neuron of the first hidden layer as WeightImage
// does, in rows of cols (cols ≤ 0 picks 8), with one colour scale for all of
// them so that they can be compared. W is the layer's weight matrix W^(1),
// n_1 × 784: row j holds the weights into neuron j.
//
// It returns an error if W is nil or empty, does not have 784 columns, or
// holds NaN or infinity.
func WeightGrid(title string, W *mat.Dense, cols int) (*Figure, error) {
	if W == nil || W.IsEmpty() {
		return nil, fmt.Errorf("plots: WeightGrid: the weight matrix is empty")
	}
	n, k := W.Dims()
	if k != imagePixels {
		return nil, fmt.Errorf("plots: WeightGrid: W is %d×%d; the first hidden layer's W^(1) has one column per pixel, so it must be n×784", n, k)
	}
	rows := make([][]float64, n)
	var all []float64
	for j := range n {
		rows[j] = mat.Row(nil, j, W)
		if err := checkValues("WeightGrid", fmt.Sprintf("weights of neuron %d", j), rows[j]); err != nil {
			return nil, err
		}
		all = append(all, rows[j]...)
	}
	m := weightMap(all)
	tiles := make([]tile, n)
	for j, r := range rows {
		tiles[j] = tile{img: colorImage(r, m), caption: fmt.Sprintf("neuron %d", j), color: Black,
			frame: draw.LineStyle{Color: lightGrey, Width: 1}}
	}
	if cols <= 0 {
		cols = 8
	}
	cols = min(cols, n)
	nrows := (n + cols - 1) / cols
	cell := 2.5 * vg.Centimeter
	w := vg.Length(cols)*cell + 3.5*vg.Centimeter // the colour bar and its labels
	h := vg.Length(nrows)*(cell+0.6*vg.Centimeter) + 2*margin
	if title != "" {
		h += 1.0 * vg.Centimeter
	}
	p := gridPlot(title, &imageGrid{tiles: tiles, cols: cols})
	barShare := float64(3.5*vg.Centimeter) / float64(vg.Length(cols)*cell)
	lo, hi := extent(all)
	describe(p, lang.Pick("The weights of a layer's neurons", "Wagi neuronów warstwy"), fmt.Sprintf(lang.Pick(
		"The weights into each of the %d neurons of the first hidden layer, each neuron's 784 weights as a 28×28 picture in rows of %d, on one colour scale: red positive, blue negative, white zero. The weights range from %s to %s.",
		"Wagi wchodzące do każdego z %d neuronów pierwszej warstwy ukrytej; 784 wagi każdego neuronu jako obraz 28×28, po %d w wierszu, na jednej skali kolorów: czerwone dodatnie, niebieskie ujemne, białe zero. Wagi przyjmują wartości od %s do %s."),
		n, cols, formatNumber(lo), formatNumber(hi)))
	return &Figure{
		Panels: [][]*plot.Plot{{p, colorBar(m, lang.Pick("weight w", "waga w"))}},
		Widths: []float64{1, barShare},
		Width:  w,
		Height: max(h, 7*vg.Centimeter),
	}, nil
}

// weightMap is the diverging scale for weights, symmetric about zero so that
// zero is white: [−max|w|, +max|w|].
func weightMap(ws []float64) *colorMap {
	lim := 0.0
	for _, w := range ws {
		lim = math.Max(lim, math.Abs(w))
	}
	if lim == 0 {
		lim = 1 // all zero: any symmetric scale shows white
	}
	return newColorMap(weightScale, -lim, lim)
}
