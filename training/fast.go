package training

// This file is the fast path of training and evaluation. It computes what
// nnlesson's Backprop, AverageGradient and Step compute (backprop.go, in the
// slide's formulas) for a whole mini-batch, only faster: fast_test.go checks
// that the two agree to the last few bits of rounding (relative difference
// below 10⁻¹²). Read backprop.go to learn the method; read this file to see
// why the same method can run more than 10× faster (BenchmarkEpochMNIST
// against BenchmarkEpochMNISTPlain).
//
// Five facts make the speed:
//
//  1. Most MNIST pixels are 0 (about 19% are not). The first layer holds 96%
//     of the weights of a 784-16-16-10 network, and both of its big sums
//     only need the nonzero pixels (mnist's Ink):
//     z^(1) = W^(1) a^(0) + b^(1) adds the columns of W^(1) of those pixels,
//     and ∂C/∂W^(1) = ∂C/∂z^(1) a^(0)ᵀ is zero in all the other columns.
//  2. W^(1) is kept transposed, so that the weights that leave one pixel
//     lie side by side in memory.
//  3. The gradient of W^(1) is never written down: after the mini-batch's
//     backward passes, each image's share, (−η/m) ∂C/∂z^(1) a^(0)ᵀ, goes
//     straight into the columns of its nonzero pixels.
//  4. Six or eight neurons are worked on at a time, their numbers held in
//     registers, not memory.
//  5. Every buffer is made once: no allocation per example.
//
// The names are backprop.go's: dCdZ is ∂C/∂z^(L) (often written δ), dAdZ is
// f′(z^(L)) = ∂a/∂z. The cost is nnlesson's OutputCost and OutputCostPrime,
// written once in nnlesson/cost.go.
//
// It runs on one core, so the same seed gives the same network, bit for bit.

import (
	"github.com/nnlesson/course/mnist"
	"github.com/nnlesson/course/nnlesson"
)

// fastNet is a working copy of a Network, laid out for speed, with buffers
// for one example. load copies a network in, store copies it back.
type fastNet struct {
	sizes   []int                 // n_0, n_1, …, n_L
	f       []nnlesson.Activation // f[L], the activation of layer L
	sigmoid []bool                // f[L] is the sigmoid: then σ′(z) = a(1 − a) needs no second e^(−z)
	w1T     []float64             // W^(1) transposed, n_0 × n_1: row k holds the n_1 weights leaving pixel k
	w       [][]float64           // w[L] = W^(L), row-major n_L × n_(L−1), for L ≥ 2
	b       [][]float64           // b[L] = b^(L)
	z, a    [][]float64           // z^(L) and a^(L) of the current example (a[0] unused: the input is sparse)
	dAdZ    [][]float64           // f′(z^(L)) of the current example
	dCdZ    [][]float64           // ∂C/∂z^(L) of the current example
	index   []int32               // the indices k of the current image's nonzero pixels
	x       []float64             // their values a_k^(0)
}

func newFastNet(net *nnlesson.Network) *fastNet {
	sizes := net.Sizes()
	last := len(sizes) - 1
	fn := &fastNet{
		sizes:   sizes,
		f:       make([]nnlesson.Activation, last+1),
		sigmoid: make([]bool, last+1),
		w1T:     make([]float64, sizes[0]*sizes[1]),
		w:       make([][]float64, last+1),
		b:       make([][]float64, last+1),
		z:       make([][]float64, last+1),
		a:       make([][]float64, last+1),
		dAdZ:    make([][]float64, last+1),
		dCdZ:    make([][]float64, last+1),
		x:       make([]float64, sizes[0]),
		index:   make([]int32, sizes[0]),
	}
	for L := 1; L <= last; L++ {
		n, nPrev := sizes[L], sizes[L-1]
		fn.f[L] = net.Activation(L)
		fn.sigmoid[L] = fn.f[L].Name == nnlesson.SigmoidActivation.Name && nnlesson.Known(fn.f[L])
		if L >= 2 {
			fn.w[L] = make([]float64, n*nPrev)
		}
		fn.b[L] = make([]float64, n)
		fn.z[L] = make([]float64, n)
		fn.a[L] = make([]float64, n)
		fn.dAdZ[L] = make([]float64, n)
		fn.dCdZ[L] = make([]float64, n)
	}
	fn.load(net)
	return fn
}

// load copies net's weights and biases into fn.
func (fn *fastNet) load(net *nnlesson.Network) {
	n0, n1 := fn.sizes[0], fn.sizes[1]
	w1 := net.W(1)
	for j := range n1 {
		for k, w := range w1.RawRowView(j)[:n0] {
			fn.w1T[k*n1+j] = w
		}
	}
	for L := 1; L < len(fn.sizes); L++ {
		if L >= 2 {
			w := net.W(L)
			cols := fn.sizes[L-1]
			for j := range fn.sizes[L] {
				copy(fn.w[L][j*cols:(j+1)*cols], w.RawRowView(j))
			}
		}
		copy(fn.b[L], net.B(L).RawVector().Data)
	}
}

// store copies fn's weights and biases into net.
func (fn *fastNet) store(net *nnlesson.Network) {
	n0, n1 := fn.sizes[0], fn.sizes[1]
	w1 := net.W(1)
	for j := range n1 {
		row := w1.RawRowView(j)[:n0]
		for k := range row {
			row[k] = fn.w1T[k*n1+j]
		}
	}
	for L := 1; L < len(fn.sizes); L++ {
		if L >= 2 {
			w := net.W(L)
			cols := fn.sizes[L-1]
			for j := range fn.sizes[L] {
				copy(w.RawRowView(j), fn.w[L][j*cols:(j+1)*cols])
			}
		}
		copy(net.B(L).RawVector().Data, fn.b[L])
	}
}

// forward computes z^(L) and a^(L) for every layer from the nonzero pixels
// of one image, and returns a^(L) of the output layer (a buffer of fn).
func (fn *fastNet) forward(pixels []mnist.InkPixel) []float64 {
	// Layer 1: z^(1) = b^(1) + Σ over nonzero pixels k of a_k^(0) · (column k of W^(1)).
	n1 := fn.sizes[1]
	index, x := fn.unpack(pixels)
	sumColumns(fn.z[1][:n1], fn.b[1][:n1], fn.w1T, index, x)
	fn.activate(1)
	// Layers 2 … L: z^(L) = W^(L) a^(L−1) + b^(L), a dense product.
	for L := 2; L < len(fn.sizes); L++ {
		aPrev := fn.a[L-1]
		w, b, z := fn.w[L], fn.b[L], fn.z[L]
		nPrev := len(aPrev)
		for j := range z {
			row := w[j*nPrev : (j+1)*nPrev]
			s := 0.0
			for k, a := range aPrev[:len(row)] {
				s += row[k] * a
			}
			z[j] = s + b[j]
		}
		fn.activate(L)
	}
	return fn.a[len(fn.sizes)-1]
}

// unpack returns the indices k and the values a_k^(0) of an image's
// nonzero pixels, in buffers of fn.
func (fn *fastNet) unpack(pixels []mnist.InkPixel) (index []int32, x []float64) {
	index, x = fn.index[:len(pixels)], fn.x[:len(pixels)]
	for p, e := range pixels {
		index[p] = int32(e.Index())
		x[p] = mnist.Grey(e.Level())
	}
	return index, x
}

// cost returns the cost of the output a for an image of digit, C =
// Σ_j OutputCost(a_j, y_j) with y one-hot.
func (fn *fastNet) cost(a []float64, digit int) float64 {
	return outputCost(a, digit)
}

// outputCost returns Σ_j nnlesson.OutputCost(a_j, y_j) for the one-hot y of
// digit: the slide's C for one image.
func outputCost(a []float64, digit int) (cost float64) {
	for j, aj := range a {
		y := 0.0
		if j == digit {
			y = 1
		}
		cost += nnlesson.OutputCost(aj, y)
	}
	return cost
}

// sumColumns sets z = b + Σ_p x[p] · (row index[p] of w1T), the first
// layer's z^(1) = W^(1) a^(0) + b^(1) from the nonzero pixels alone. It
// works on six neurons at a time (then four, then one), so that their sums
// stay in registers while it runs through the pixels (eight would not fit:
// with their products they need more than the processor's 16). Each sum
// adds its terms in pixel order all the same.
func sumColumns(z, b, w1T []float64, index []int32, x []float64) {
	n1 := len(z)
	index = index[:len(x)]
	j := 0
	for ; j+6 <= n1; j += 6 {
		z0, z1, z2, z3, z4, z5 := b[j], b[j+1], b[j+2], b[j+3], b[j+4], b[j+5]
		for p, k := range index {
			o := int(k)*n1 + j
			w := w1T[o : o+6 : o+6]
			xp := x[p]
			z0 += w[0] * xp
			z1 += w[1] * xp
			z2 += w[2] * xp
			z3 += w[3] * xp
			z4 += w[4] * xp
			z5 += w[5] * xp
		}
		z[j], z[j+1], z[j+2], z[j+3], z[j+4], z[j+5] = z0, z1, z2, z3, z4, z5
	}
	for ; j+4 <= n1; j += 4 {
		z0, z1, z2, z3 := b[j], b[j+1], b[j+2], b[j+3]
		for p, k := range index {
			o := int(k)*n1 + j
			w := w1T[o : o+4 : o+4]
			xp := x[p]
			z0 += w[0] * xp
			z1 += w[1] * xp
			z2 += w[2] * xp
			z3 += w[3] * xp
		}
		z[j], z[j+1], z[j+2], z[j+3] = z0, z1, z2, z3
	}
	for ; j < n1; j++ {
		zj := b[j]
		for p, k := range index {
			zj += w1T[int(k)*n1+j] * x[p]
		}
		z[j] = zj
	}
}

// activate sets a^(L) = f(z^(L)) and dAdZ^(L) = f′(z^(L)).
func (fn *fastNet) activate(L int) {
	z := fn.z[L]
	a, dAdZ := fn.a[L][:len(z)], fn.dAdZ[L][:len(z)]
	if fn.sigmoid[L] {
		for j, zj := range z {
			s := nnlesson.Sigmoid(zj)
			a[j], dAdZ[j] = s, s*(1-s) // σ′(z) = σ(z)(1 − σ(z)), as SigmoidPrime computes it
		}
		return
	}
	f := fn.f[L]
	for j, zj := range z {
		a[j], dAdZ[j] = f.F(zj), f.Prime(zj)
	}
}

// fastSGD runs the mini-batch steps of stochastic gradient descent on a
// fastNet: for each example of a mini-batch, forward and backward, adding
// up the gradient; then one step against the average gradient.
//
// The gradient of W^(1), ∂C/∂z^(1) a^(0)ᵀ summed over the mini-batch, is
// never made: the step adds each image's share, (−η/m) ∂C/∂z^(1) a^(0)ᵀ,
// straight to the columns of W^(1) of its nonzero pixels.
type fastSGD struct {
	*fastNet
	data   *mnist.Dataset // the training images
	labels []byte         // their digits, read once
	gw, gb [][]float64    // Σ ∂C/∂W^(L) (L ≥ 2) and Σ ∂C/∂b^(L) over the mini-batch
	dCdZ1  []float64      // ∂C/∂z^(1) of each image of the mini-batch, one after the other
	touch  int            // keeps the compiler from dropping the reads that fetch the images
}

func newFastSGD(net *nnlesson.Network, data *mnist.Dataset) *fastSGD {
	t := &fastSGD{
		fastNet: newFastNet(net),
		data:    data,
		labels:  make([]byte, data.Len()),
	}
	for i := range t.labels {
		t.labels[i] = byte(data.Label(i))
	}
	t.gw = make([][]float64, len(t.sizes))
	t.gb = make([][]float64, len(t.sizes))
	for L := 1; L < len(t.sizes); L++ {
		t.gw[L] = make([]float64, len(t.w[L]))
		t.gb[L] = make([]float64, t.sizes[L])
	}
	return t
}

// step does one step of gradient descent on the images of batch,
//
//	W^(L) ← W^(L) − η · (1/m) Σ ∂C/∂W^(L),   b^(L) ← b^(L) − η · (1/m) Σ ∂C/∂b^(L),
//
// the sums running over the m images of the mini-batch, and returns the sum
// of their costs before the step.
func (t *fastSGD) step(batch []int32, eta float64) (cost float64) {
	n1 := t.sizes[1]
	if need := len(batch) * n1; len(t.dCdZ1) < need {
		t.dCdZ1 = make([]float64, need)
	}
	// Touch every cache line of the batch's images first: the memory then
	// fetches them side by side, rather than one by one as backprop needs them.
	touch := 0
	for _, i := range batch {
		pixels := t.data.Ink(int(i))
		for p := 0; p < len(pixels); p += 16 {
			touch += int(pixels[p])
		}
	}
	t.touch = touch
	for e, i := range batch {
		cost += t.backprop(t.data.Ink(int(i)), int(t.labels[i]))
		copy(t.dCdZ1[e*n1:(e+1)*n1], t.dCdZ[1])
	}
	inv := 1 / float64(len(batch))
	// Layer 1: W^(1) ← W^(1) + Σ over the images of (−η/m) ∂C/∂z^(1) a^(0)ᵀ, nonzero pixels only.
	scaled := t.dCdZ[1] // free now: holds (−η/m) ∂C/∂z^(1)
	for e, i := range batch {
		for j, d := range t.dCdZ1[e*n1 : (e+1)*n1] {
			scaled[j] = -eta * (d * inv)
		}
		index, x := t.unpack(t.data.Ink(int(i)))
		addOuter(t.w1T, scaled, index, x)
	}
	for L := 1; L < len(t.sizes); L++ {
		if L >= 2 {
			descend(t.w[L], t.gw[L], eta, inv)
		}
		descend(t.b[L], t.gb[L], eta, inv)
	}
	return cost
}

// descend sets p ← p − η · (g · inv) and g ← 0.
func descend(p, g []float64, eta, inv float64) {
	g = g[:len(p)]
	for i := range p {
		p[i] += -eta * (g[i] * inv)
		g[i] = 0
	}
}

// backprop runs one image forward and backward, adds its gradient to the
// sums, and returns its cost C = Σ_j OutputCost(a_j^(L), y_j).
func (t *fastSGD) backprop(pixels []mnist.InkPixel, digit int) (cost float64) {
	out := t.forward(pixels)
	last := len(t.sizes) - 1
	// Output layer: ∂C/∂z_j = f′(z_j) · ∂C/∂a_j, with ∂C/∂a_j = OutputCostPrime(a_j, y_j).
	dCdZ := t.dCdZ[last]
	for j, a := range out {
		y := 0.0
		if j == digit {
			y = 1
		}
		cost += nnlesson.OutputCost(a, y)
		dCdZ[j] = t.dAdZ[last][j] * nnlesson.OutputCostPrime(a, y)
	}
	// Layers L … 2: ∂C/∂W^(L) = ∂C/∂z^(L) a^(L−1)ᵀ, then
	// ∂C/∂z^(L−1) = f′(z^(L−1)) ⊙ W^(L)ᵀ ∂C/∂z^(L).
	for L := last; L >= 2; L-- {
		dCdZ, aPrev := t.dCdZ[L], t.a[L-1]
		w, gw, gb := t.w[L], t.gw[L], t.gb[L]
		nPrev := len(aPrev)
		dCdZPrev := t.dCdZ[L-1][:nPrev]
		clear(dCdZPrev)
		for j, d := range dCdZ {
			gb[j] += d
			row := w[j*nPrev : (j+1)*nPrev]
			grow, dPrev := gw[j*nPrev : (j+1)*nPrev][:len(row)], dCdZPrev[:len(row)]
			for k, a := range aPrev[:len(row)] {
				grow[k] += d * a
				dPrev[k] += row[k] * d
			}
		}
		for k, dAdZ := range t.dAdZ[L-1][:len(dCdZPrev)] {
			dCdZPrev[k] *= dAdZ
		}
	}
	// Layer 1: ∂C/∂b^(1) = ∂C/∂z^(1). (∂C/∂W^(1) = ∂C/∂z^(1) a^(0)ᵀ is left to step.)
	for j, d := range t.dCdZ[1] {
		t.gb[1][j] += d
	}
	return cost
}

// addOuter adds the outer product dCdZ a^(0)ᵀ to the transposed matrix mT,
// in the columns of the nonzero pixels alone: row index[p] of mT gets
// x[p] · dCdZ. It takes eight neurons at a time, to keep their dCdZ_j in
// registers.
func addOuter(mT, dCdZ []float64, index []int32, x []float64) {
	n1 := len(dCdZ)
	index = index[:len(x)]
	j := 0
	for ; j+8 <= n1; j += 8 {
		d := dCdZ[j : j+8 : j+8]
		d0, d1, d2, d3, d4, d5, d6, d7 := d[0], d[1], d[2], d[3], d[4], d[5], d[6], d[7]
		for p, k := range index {
			o := int(k)*n1 + j
			g := mT[o : o+8 : o+8]
			xp := x[p]
			g[0] += d0 * xp
			g[1] += d1 * xp
			g[2] += d2 * xp
			g[3] += d3 * xp
			g[4] += d4 * xp
			g[5] += d5 * xp
			g[6] += d6 * xp
			g[7] += d7 * xp
		}
	}
	for ; j < n1; j++ {
		dj := dCdZ[j]
		for p, k := range index {
			mT[int(k)*n1+j] += dj * x[p]
		}
	}
}
