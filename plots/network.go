package plots

import (
	"fmt"
	"math"
	"slices"
	"sort"

	"github.com/nnlesson/course/lang"
	"gonum.org/v1/gonum/mat"
	"gonum.org/v1/plot"
	"gonum.org/v1/plot/text"
	"gonum.org/v1/plot/vg"
	"gonum.org/v1/plot/vg/draw"
)

// maxShown is the most neurons drawn in one column; a larger layer shows its
// first and last few with "⋮" between and its size underneath.
const maxShown = 10

// NetworkDiagram draws a network as columns of neurons, layer 0 (the input)
// on the left, with an edge for every weight. sizes[L] is the number of
// neurons of layer L. weights may be nil (all edges drawn thin and grey) or
// hold one matrix per layer after the input, weights[L−1] = W^(L) of size
// n_L × n_(L−1), so that edge k → j of layer L is W^(L).At(j, k).
//
// Positive weights are red and solid, negative ones blue and dashed (for a
// black-and-white print); the thicker the edge, the larger |w|. Layers of
// more than 10 neurons are abbreviated: the first 5 and the last 4, with "⋮"
// between and the layer's size written below it.
//
// It is the picture of the slides "Many neurons": a^(L) = σ(W^(L) a^(L−1) + b^(L)),
// each column computed from the one before.
//
// It returns an error if there are fewer than two layers, a layer has no
// neurons, or a weight matrix is missing, has the wrong size or holds NaN or
// infinity.
func NetworkDiagram(sizes []int, weights []*mat.Dense) (*plot.Plot, error) {
	if len(sizes) < 2 {
		return nil, fmt.Errorf("plots: NetworkDiagram: %d layers; a network needs at least an input layer and an output layer", len(sizes))
	}
	for L, n := range sizes {
		if n < 1 {
			return nil, fmt.Errorf("plots: NetworkDiagram: layer %d has %d neurons; every layer needs at least one", L, n)
		}
	}
	if weights != nil {
		if len(weights) != len(sizes)-1 {
			return nil, fmt.Errorf("plots: NetworkDiagram: %d layers need %d weight matrices, W^(1) … W^(%d), but got %d", len(sizes), len(sizes)-1, len(sizes)-1, len(weights))
		}
		for i, W := range weights {
			L := i + 1
			if W == nil {
				return nil, fmt.Errorf("plots: NetworkDiagram: W^(%d) is nil; pass weights = nil to draw no weights at all", L)
			}
			r, c := W.Dims()
			if r != sizes[L] || c != sizes[L-1] {
				return nil, fmt.Errorf("plots: NetworkDiagram: W^(%d) is %d×%d; layer %d has %d neurons and layer %d has %d, so W^(%d) must be %d×%d",
					L, r, c, L, sizes[L], L-1, sizes[L-1], L, sizes[L], sizes[L-1])
			}
			for j := range r {
				for k := range c {
					if v := W.At(j, k); math.IsNaN(v) || math.IsInf(v, 0) {
						return nil, fmt.Errorf("plots: NetworkDiagram: W^(%d) at (%d, %d) is %v; weights must be finite", L, j, k, v)
					}
				}
			}
		}
	}
	p := newPlot("", "", "")
	p.HideAxes()
	p.X.Padding, p.Y.Padding = 0, 0
	p.X.Min, p.X.Max = -0.5, float64(len(sizes))-0.5
	p.Y.Min, p.Y.Max = 0, 1
	p.Add(&network{sizes: sizes, weights: weights})

	pos := draw.LineStyle{Color: weightScale[len(weightScale)-2], Width: 3}
	neg := draw.LineStyle{Color: weightScale[1], Width: 3, Dashes: []vg.Length{vg.Points(6), vg.Points(3)}}
	if weights != nil {
		p.Legend.Add(lang.Pick("weight > 0", "waga > 0"), lineThumb(pos))
		p.Legend.Add(lang.Pick("weight < 0", "waga < 0"), lineThumb(neg))
		p.Legend.Add(lang.Pick("thicker: larger |w|", "grubsza: większe |w|"), legendText{})
		p.Legend.Top = true
		p.Legend.YOffs = vg.Points(4)
	}
	describe(p, lang.Pick("A network diagram", "Schemat sieci"), describeNetwork(sizes, weights))
	return p, nil
}

// describeNetwork says what NetworkDiagram shows.
func describeNetwork(sizes []int, weights []*mat.Dense) string {
	layers := make([]string, len(sizes))
	for L, n := range sizes {
		layers[L] = fmt.Sprint(n)
	}
	s := fmt.Sprintf(lang.Pick(
		"A network of %d layers drawn as columns of circles, the input layer on the left: %s neurons. Every neuron is joined to every neuron of the next layer by an edge, one per weight.",
		"Sieć o %d warstwach narysowana jako kolumny kółek, warstwa wejściowa po lewej; liczby neuronów w kolejnych warstwach: %s. Każdy neuron jest połączony krawędzią, po jednej na wagę, z każdym neuronem następnej warstwy."),
		len(sizes), listOf(layers))
	if abbreviated := slices.ContainsFunc(sizes, func(n int) bool { return n > maxShown }); abbreviated {
		s += " " + fmt.Sprintf(lang.Pick("Layers of more than %d neurons show their first 5 and last 4.", "Z warstw większych niż %d neuronów widać 5 pierwszych i 4 ostatnie."), maxShown)
	}
	if weights != nil {
		var all []float64
		for _, W := range weights {
			all = append(all, W.RawMatrix().Data...)
		}
		lo, hi := extent(all)
		s += " " + fmt.Sprintf(lang.Pick(
			"Positive weights are red and solid, negative ones blue and dashed, and the larger |w|, the thicker the edge; the weights range from %s to %s.",
			"Wagi dodatnie są czerwone i ciągłe, ujemne niebieskie i przerywane, a im większe |w|, tym grubsza krawędź; wagi przyjmują wartości od %s do %s."),
			formatNumber(lo), formatNumber(hi))
	}
	return s
}

// lineThumb is a legend thumbnail showing a line style.
type lineThumb draw.LineStyle

func (l lineThumb) Thumbnail(c *draw.Canvas) {
	y := c.Center().Y
	c.StrokeLine2(draw.LineStyle(l), c.Min.X, y, c.Max.X, y)
}

// network draws the neurons and edges of NetworkDiagram.
type network struct {
	sizes   []int
	weights []*mat.Dense
}

// shown returns the neurons of a layer of n that are drawn, and whether the
// layer is abbreviated.
func shown(n int) ([]int, bool) {
	if n <= maxShown {
		idx := make([]int, n)
		for i := range idx {
			idx[i] = i
		}
		return idx, false
	}
	return []int{0, 1, 2, 3, 4, n - 4, n - 3, n - 2, n - 1}, true
}

// Plot implements plot.Plotter.
func (nw *network) Plot(c draw.Canvas, p *plot.Plot) {
	trX, _ := p.Transforms(&c)
	label := text.Style{Color: Black, Font: fontOf(noteSize), XAlign: draw.XCenter, YAlign: draw.YTop, Handler: plot.DefaultTextHandler}
	labelH := label.Height("0") * 2.4
	legendH := vg.Length(0)
	if nw.weights != nil {
		legendH = legendSize * 3.6
	}
	top, bottom := c.Max.Y-legendH-vg.Points(6), c.Min.Y+labelH+vg.Points(6)
	// The slots of a column: evenly spaced places, centred, as many as the
	// tallest column needs.
	slotsMax := 0
	for _, n := range nw.sizes {
		idx, abbrev := shown(n)
		slotsMax = max(slotsMax, len(idx))
		if abbrev {
			slotsMax = max(slotsMax, len(idx)+1)
		}
	}
	slotH := (top - bottom) / vg.Length(max(slotsMax, 4))
	radius := min(slotH*0.36, vg.Points(16))

	// Positions of the drawn neurons of every layer.
	type neuron struct {
		index int
		pt    vg.Point
	}
	cols := make([][]neuron, len(nw.sizes))
	dots := make([]vg.Point, len(nw.sizes)) // where "⋮" goes, if abbreviated
	for L, n := range nw.sizes {
		idx, abbrev := shown(n)
		slots := len(idx)
		if abbrev {
			slots++ // one slot for the dots
		}
		x := trX(float64(L))
		y0 := (top+bottom)/2 + slotH*vg.Length(slots-1)/2
		s := 0
		for i, k := range idx {
			if abbrev && i == 5 {
				dots[L] = vg.Point{X: x, Y: y0 - slotH*vg.Length(s)}
				s++
			}
			cols[L] = append(cols[L], neuron{k, vg.Point{X: x, Y: y0 - slotH*vg.Length(s)}})
			s++
		}
	}

	// Edges, weakest first so that the strong ones lie on top.
	type edge struct {
		a, b vg.Point
		w    float64
	}
	var edges []edge
	wmax := 0.0
	for L := 1; L < len(nw.sizes); L++ {
		for _, to := range cols[L] {
			for _, from := range cols[L-1] {
				w := math.NaN()
				if nw.weights != nil {
					w = nw.weights[L-1].At(to.index, from.index)
					wmax = math.Max(wmax, math.Abs(w))
				}
				edges = append(edges, edge{from.pt, to.pt, w})
			}
		}
	}
	sort.SliceStable(edges, func(i, j int) bool { return math.Abs(edges[i].w) < math.Abs(edges[j].w) })
	for _, e := range edges {
		sty := draw.LineStyle{Color: lightGrey, Width: 1}
		if !math.IsNaN(e.w) && wmax > 0 {
			f := math.Abs(e.w) / wmax
			sty.Width = vg.Length(0.4 + 4*f)
			if e.w >= 0 {
				sty.Color = weightScale[len(weightScale)-2]
			} else {
				sty.Color = weightScale[1]
				sty.Dashes = []vg.Length{vg.Points(6), vg.Points(3)}
			}
		}
		c.StrokeLine2(sty, e.a.X+radius, e.a.Y, e.b.X-radius, e.b.Y)
	}

	// Neurons on top of the edges.
	outline := draw.LineStyle{Color: Black, Width: 2}
	for L, col := range cols {
		for _, nr := range col {
			circle := circlePath(nr.pt, radius)
			c.SetColor(colorWhite)
			c.Fill(circle)
			c.SetLineStyle(outline)
			c.Stroke(circle)
		}
		if _, abbrev := shown(nw.sizes[L]); abbrev {
			d := dots[L]
			for _, dy := range []vg.Length{-slotH * 0.3, 0, slotH * 0.3} {
				c.SetColor(Black)
				c.Fill(circlePath(vg.Point{X: d.X, Y: d.Y + dy}, vg.Points(2.2)))
			}
		}
		name := fmt.Sprintf(lang.Pick("layer %d (hidden)", "warstwa %d (ukryta)"), L)
		switch L {
		case 0:
			name = lang.Pick("layer 0 (input)", "warstwa 0 (wejściowa)")
		case len(nw.sizes) - 1:
			name = fmt.Sprintf(lang.Pick("layer %d (output)", "warstwa %d (wyjściowa)"), L)
		}
		count := fmt.Sprintf("%d %s", nw.sizes[L], plural(nw.sizes[L], "neuron", "neurons", "neuron", "neurony", "neuronów"))
		c.FillText(label, vg.Point{X: trX(float64(L)), Y: bottom - vg.Points(2)}, name+"\n"+count)
	}
}

// circlePath is a circle of radius r around pt.
func circlePath(pt vg.Point, r vg.Length) vg.Path {
	var p vg.Path
	p.Move(vg.Point{X: pt.X + r, Y: pt.Y})
	p.Arc(pt, r, 0, 2*math.Pi)
	p.Close()
	return p
}
