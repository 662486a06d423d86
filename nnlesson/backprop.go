package nnlesson

import (
	"fmt"
	"slices"

	"gonum.org/v1/gonum/mat"
)

// Gradient holds ∂C/∂w and ∂C/∂b for every weight and bias of a network,
// shaped like the network: W(L) is n_L × n_(L−1) like the network's W(L),
// and W(L).At(k, j) is ∂C/∂w_kj^(L). It is what the slide "Backpropagation"
// computes: how each parameter affects the cost, and so how to change it.
type Gradient struct {
	sizes []int
	w     []*mat.Dense    // w[L] = ∂C/∂W^(L); w[0] is nil
	b     []*mat.VecDense // b[L] = ∂C/∂b^(L); b[0] is nil
}

// NewGradient returns a gradient of zeros shaped like the network, ready to
// add per-example gradients into (see Add).
func (net *Network) NewGradient() *Gradient { return newGradient(net.sizes) }

// newGradient returns a gradient of zeros for a network of the given sizes.
func newGradient(sizes []int) *Gradient {
	g := &Gradient{
		sizes: slices.Clone(sizes),
		w:     make([]*mat.Dense, len(sizes)),
		b:     make([]*mat.VecDense, len(sizes)),
	}
	for L := 1; L < len(sizes); L++ {
		g.w[L] = mat.NewDense(sizes[L], sizes[L-1], nil)
		g.b[L] = mat.NewVecDense(sizes[L], nil)
	}
	return g
}

// Layers returns the number of the last layer, as Network.Layers does.
func (g *Gradient) Layers() int { return len(g.sizes) - 1 }

// W returns ∂C/∂W^(L), shaped like the network's W(L). It is live: changing
// it changes the gradient.
func (g *Gradient) W(L int) *mat.Dense {
	checkLayer(g.sizes, L)
	return g.w[L]
}

// B returns ∂C/∂b^(L), shaped like the network's B(L). It is live.
func (g *Gradient) B(L int) *mat.VecDense {
	checkLayer(g.sizes, L)
	return g.b[L]
}

// Flat returns every ∂C/∂w and ∂C/∂b in one list, in the order of
// Network.Params: layer 1's weights row by row, then its biases, then layer 2,
// and so on. It is a column of the slide's table, indexed w_0 … w_13,001 for
// 784-16-16-10; ParamName(i) says which weight or bias index i is.
func (g *Gradient) Flat() []float64 {
	var p []float64
	for L := 1; L <= g.Layers(); L++ {
		p = append(p, g.w[L].RawMatrix().Data...)
		p = append(p, g.b[L].RawVector().Data...)
	}
	return p
}

// ParamName names the parameter at index i of Flat (and Network.Params) in
// the slide's notation: "w_0,1^(1)" for row 0, column 1 of W^(1), or
// "b_3^(2)" for the bias of neuron 3 in layer 2. It panics if i is out of range.
func (g *Gradient) ParamName(i int) string {
	rest := i
	for L := 1; L <= g.Layers(); L++ {
		nW := g.sizes[L] * g.sizes[L-1]
		if rest >= 0 && rest < nW {
			return fmt.Sprintf("w_%d,%d^(%d)", rest/g.sizes[L-1], rest%g.sizes[L-1], L)
		}
		rest -= nW
		if rest >= 0 && rest < g.sizes[L] {
			return fmt.Sprintf("b_%d^(%d)", rest, L)
		}
		rest -= g.sizes[L]
	}
	panic(fmt.Sprintf("nnlesson: parameter %d does not exist: a %s network has parameters 0…%d", i, sizesString(g.sizes), i-rest-1))
}

// Add adds h to g, parameter by parameter: g ← g + h.
// It panics if h belongs to a network of another shape.
func (g *Gradient) Add(h *Gradient) {
	checkSameShape("the gradients", g.sizes, h.sizes)
	for L := 1; L <= g.Layers(); L++ {
		g.w[L].Add(g.w[L], h.w[L])
		g.b[L].AddVec(g.b[L], h.b[L])
	}
}

// Scale multiplies every component of g by c: g ← c·g.
func (g *Gradient) Scale(c float64) {
	for L := 1; L <= g.Layers(); L++ {
		g.w[L].Scale(c, g.w[L])
		g.b[L].ScaleVec(c, g.b[L])
	}
}

// AverageGradient returns the average of the per-example gradients gs: the
// last column of the slide's table, where each training example says how it
// wants each weight to change and the step follows their average,
//
//	∂C/∂w = (1/n) Σ_x ∂C_x/∂w
//
// It panics if gs is empty or the gradients differ in shape.
func AverageGradient(gs []*Gradient) *Gradient {
	if len(gs) == 0 {
		panic("nnlesson: AverageGradient needs at least one gradient, got none")
	}
	avg := newGradient(gs[0].sizes)
	for _, g := range gs {
		avg.Add(g)
	}
	avg.Scale(1 / float64(len(gs)))
	return avg
}

// Backprop returns the gradient of the cost of one example,
//
//	C = Cost(FeedForward(x), y) = Σ_k (a_k^(L) − y_k)²
//
// with respect to every weight and bias, by the chain rule of the slide
// "Backpropagation", from the output layer down to layer 1:
//
//	∂C/∂w_kj^(L)   = a_j^(L−1) · f′(z_k^(L)) · ∂C/∂a_k^(L)
//	∂C/∂b_k^(L)    =             f′(z_k^(L)) · ∂C/∂a_k^(L)
//	∂C/∂a_j^(L−1)  = Σ_k w_kj^(L) f′(z_k^(L)) · ∂C/∂a_k^(L)
//
// (k numbers the neurons of layer L, j those of layer L−1), where at the
// output ∂C/∂a_k^(L) = 2(a_k^(L) − y_k), and in every layer below it is the
// ∂C/∂a^(L−1) just computed one layer up. For the whole layer at once, in
// the matrix form of Layer's z^(L) = W^(L) a^(L−1) + b^(L):
//
//	∂C/∂z^(L)    = f′(z^(L)) ⊙ ∂C/∂a^(L)
//	∂C/∂W^(L)    = ∂C/∂z^(L) · (a^(L−1))ᵀ
//	∂C/∂b^(L)    = ∂C/∂z^(L)
//	∂C/∂a^(L−1)  = (W^(L))ᵀ · ∂C/∂z^(L)
//
// Backprop panics if x or y has the wrong length.
func (net *Network) Backprop(x, y []float64) *Gradient {
	net.checkInput(x)
	net.checkTarget(y)
	zs, as := net.FeedForwardTrace(x)
	g := net.NewGradient()

	last := net.Layers()
	// At the output: ∂C/∂a_k = 2(a_k − y_k).
	dCdA := mat.NewVecDense(net.sizes[last], CostPrime(as[last].RawVector().Data, y))
	for L := last; L >= 1; L-- {
		// The two factors all three formulas share: f′(z_k) · ∂C/∂a_k.
		dCdZ := mat.NewVecDense(net.sizes[L], nil)
		for k := 0; k < net.sizes[L]; k++ {
			dAdZ := net.f[L].Prime(zs[L].AtVec(k))
			dCdZ.SetVec(k, dAdZ*dCdA.AtVec(k))
		}
		// ∂C/∂w_kj = a_j^(L−1) · f′(z_k) ∂C/∂a_k for every k and j at once:
		// the outer product dCdZ · a^(L−1)ᵀ, an n_L × n_(L−1) matrix like W^(L).
		g.w[L].Outer(1, dCdZ, as[L-1])
		// ∂C/∂b_k = f′(z_k) ∂C/∂a_k (z_k grows one for one with b_k).
		g.b[L].CopyVec(dCdZ)
		// ∂C/∂a_j^(L−1) = Σ_k w_kj f′(z_k) ∂C/∂a_k: the sum runs down column j
		// of W^(L), which is W^(L)ᵀ · dCdZ. It is ∂C/∂a for the layer below.
		if L > 1 {
			dCdAPrev := mat.NewVecDense(net.sizes[L-1], nil)
			dCdAPrev.MulVec(net.w[L].T(), dCdZ)
			dCdA = dCdAPrev
		}
	}
	return g
}

// Step moves every weight and bias against the gradient, the step of
// gradient descent with learning rate η:
//
//	W^(L) ← W^(L) − η ∂C/∂W^(L),   b^(L) ← b^(L) − η ∂C/∂b^(L)
//
// It panics if g belongs to a network of another shape.
func (net *Network) Step(g *Gradient, eta float64) {
	net.check()
	checkSameShape("the gradient and the network", g.sizes, net.sizes)
	for L := 1; L <= net.Layers(); L++ {
		net.w[L].Add(net.w[L], scaled(-eta, g.w[L]))
		net.b[L].AddScaledVec(net.b[L], -eta, g.b[L])
	}
}

// scaled returns c·m as a new matrix.
func scaled(c float64, m *mat.Dense) *mat.Dense {
	var s mat.Dense
	s.Scale(c, m)
	return &s
}

// ChainFactors holds, for one layer L of a chain with one neuron per layer,
// every number of the slide's chain rule:
//
//	∂C/∂w^(L)    = ∂z^(L)/∂w^(L) · ∂a^(L)/∂z^(L) · ∂C/∂a^(L) = a^(L−1) f′(z^(L)) 2(a^(L) − y)
//	∂C/∂b^(L)    =                 ∂a^(L)/∂z^(L) · ∂C/∂a^(L) =          f′(z^(L)) 2(a^(L) − y)
//	∂C/∂a^(L−1)  = ∂z^(L)/∂a^(L−1) · ∂a^(L)/∂z^(L) · ∂C/∂a^(L) = w^(L)  f′(z^(L)) 2(a^(L) − y)
//
// (2(a^(L) − y) is ∂C/∂a at the output; in lower layers DCdA is the DCdAPrev
// of the layer above.)
type ChainFactors struct {
	W, B float64 // w^(L) and b^(L), the layer's one weight and bias
	Z, A float64 // z^(L) = w^(L) a^(L−1) + b^(L) and a^(L) = f(z^(L))

	DZdW     float64 // ∂z/∂w = a^(L−1)
	DZdAPrev float64 // ∂z/∂a^(L−1) = w^(L)
	DAdZ     float64 // ∂a/∂z = f′(z^(L))
	DCdA     float64 // ∂C/∂a^(L)

	DCdW     float64 // ∂C/∂w^(L) = DZdW · DAdZ · DCdA
	DCdB     float64 // ∂C/∂b^(L) = DAdZ · DCdA
	DCdAPrev float64 // ∂C/∂a^(L−1) = DZdAPrev · DAdZ · DCdA
}

// Chain returns the chain-rule factors of every layer of a network with one
// neuron per layer (sizes like 1-1-1-1), for input x and wanted output y,
// with C = (a^(L) − y)². The slice is indexed by the slide's L: chain[0] holds
// only the input, A = x; chain[Layers()] is the output layer. Its DCdW and
// DCdB are the same numbers as Backprop's W(L).At(0, 0) and B(L).AtVec(0).
// Chain panics if a layer has more than one neuron.
func (net *Network) Chain(x, y float64) []ChainFactors {
	net.check()
	for _, n := range net.sizes {
		if n != 1 {
			panic(fmt.Sprintf("nnlesson: Chain needs one neuron per layer (sizes like 1-1-1-1), this network is %s", sizesString(net.sizes)))
		}
	}
	last := net.Layers()
	chain := make([]ChainFactors, last+1)
	chain[0].A = x
	for L := 1; L <= last; L++ {
		c := &chain[L]
		c.W, c.B = net.w[L].At(0, 0), net.b[L].AtVec(0)
		c.Z = c.W*chain[L-1].A + c.B
		c.A = net.f[L].F(c.Z)
	}
	chain[last].DCdA = OutputCostPrime(chain[last].A, y)
	for L := last; L >= 1; L-- {
		c := &chain[L]
		c.DZdW = chain[L-1].A
		c.DZdAPrev = c.W
		c.DAdZ = net.f[L].Prime(c.Z)
		c.DCdW = c.DZdW * c.DAdZ * c.DCdA
		c.DCdB = c.DAdZ * c.DCdA
		c.DCdAPrev = c.DZdAPrev * c.DAdZ * c.DCdA
		if L > 1 {
			chain[L-1].DCdA = c.DCdAPrev
		}
	}
	return chain
}

// checkTarget panics unless y has one value per output neuron.
func (net *Network) checkTarget(y []float64) {
	if n := net.sizes[net.Layers()]; len(y) != n {
		panic(fmt.Sprintf("nnlesson: the output layer has %d neurons, got %d targets y", n, len(y)))
	}
}
