package nnlesson

// This file is the fast path of training and evaluation. It computes what
// Backprop, AverageGradient and Step compute (backprop.go, in the slide's
// formulas) for a whole mini-batch, only faster: sparse_test.go checks that
// the two agree to the last few bits of rounding (10⁻¹⁵). Read backprop.go
// to learn the method; read this file to see why the same method can run
// more than 10× faster (BenchmarkEpochMNIST against BenchmarkEpochMNISTPlain).
//
// Five facts make the speed:
//
//  1. Most MNIST pixels are 0 (about 19% are not). The first layer holds 96%
//     of the weights of a 784-16-16-10 network, and both of its big sums
//     only need the nonzero pixels:
//     z^(1) = W^(1) a^(0) + b^(1) adds the columns of W^(1) of those pixels,
//     and ∂C/∂W^(1) = δ^(1) a^(0)ᵀ is zero in all the other columns.
//  2. W^(1) is kept transposed, so that the weights that leave one pixel
//     lie side by side in memory.
//  3. The gradient of W^(1) is never written down: after the mini-batch's
//     backward passes, each image's share, (−η/m) δ^(1) a^(0)ᵀ, goes
//     straight into the columns of its nonzero pixels.
//  4. Six or eight neurons are worked on at a time, their numbers held in
//     registers, not memory.
//  5. Every buffer is made once: no allocation per example.
//
// It runs on one core, so the same seed gives the same network, bit for bit.

import (
	"fmt"
	"reflect"
)

// sparseImages holds the nonzero pixels of a dataset's images.
type sparseImages struct {
	start  []int32  // image i's pixels are entries start[i] … start[i+1]−1
	pixels []uint32 // one nonzero pixel: its index k in the image << 8 | its grey level 1 … 255
}

// nonzeros returns the nonzero pixels of d's images, working them out on
// first use (about 50 ms for the 60,000 training images, 36 MB).
func (d *Dataset) nonzeros() *sparseImages {
	d.sparseOnce.Do(func() {
		n := d.ImageSize()
		if n > 1<<24 {
			panic(fmt.Sprintf("nnlesson: images of %d pixels are too large; at most 2^24 are supported", n))
		}
		count := 0
		for _, p := range d.pixels {
			if p != 0 {
				count++
			}
		}
		s := &sparseImages{
			start:  make([]int32, d.Len()+1),
			pixels: make([]uint32, 0, count),
		}
		for i := range d.Len() {
			for k, p := range d.pixels[i*n : (i+1)*n] {
				if p != 0 {
					s.pixels = append(s.pixels, uint32(k)<<8|uint32(p))
				}
			}
			s.start[i+1] = int32(len(s.pixels))
		}
		d.sparse = s
	})
	return d.sparse
}

// image returns the nonzero pixels of image i.
func (s *sparseImages) image(i int) []uint32 {
	from, to := s.start[i], s.start[i+1]
	return s.pixels[from:to:to]
}

// fastNet is a working copy of a Network, laid out for speed, with buffers
// for one example. load copies a network in, store copies it back.
type fastNet struct {
	sizes   []int        // n_0, n_1, …, n_L
	f       []Activation // f[L], the activation of layer L
	sigmoid []bool       // f[L] is Sigmoid: then σ′(z) = a(1 − a) needs no second e^(−z)
	w1T     []float64    // W^(1) transposed, n_0 × n_1: row k holds the n_1 weights leaving pixel k
	w       [][]float64  // w[L] = W^(L), row-major n_L × n_(L−1), for L ≥ 2
	b       [][]float64  // b[L] = b^(L)
	z, a    [][]float64  // z^(L) and a^(L) of the current example (a[0] unused: the input is sparse)
	fp      [][]float64  // f′(z^(L)) of the current example
	delta   [][]float64  // δ^(L) = ∂C/∂z^(L) of the current example
	index   []uint32     // the indices k of the current image's nonzero pixels
	x       []float64    // their values a_k^(0)
}

func newFastNet(net *Network) *fastNet {
	last := net.Layers()
	fn := &fastNet{
		sizes:   net.Sizes(),
		f:       append([]Activation(nil), net.f...),
		sigmoid: make([]bool, last+1),
		w1T:     make([]float64, net.sizes[0]*net.sizes[1]),
		w:       make([][]float64, last+1),
		b:       make([][]float64, last+1),
		z:       make([][]float64, last+1),
		a:       make([][]float64, last+1),
		fp:      make([][]float64, last+1),
		delta:   make([][]float64, last+1),
		x:       make([]float64, net.sizes[0]),
		index:   make([]uint32, net.sizes[0]),
	}
	for L := 1; L <= last; L++ {
		n, nPrev := net.sizes[L], net.sizes[L-1]
		fn.sigmoid[L] = isSigmoid(net.f[L])
		if L >= 2 {
			fn.w[L] = make([]float64, n*nPrev)
		}
		fn.b[L] = make([]float64, n)
		fn.z[L] = make([]float64, n)
		fn.a[L] = make([]float64, n)
		fn.fp[L] = make([]float64, n)
		fn.delta[L] = make([]float64, n)
	}
	fn.load(net)
	return fn
}

// isSigmoid reports whether f is the package's own sigmoid, F = Sigmoid and
// Prime = SigmoidPrime (not just named "sigmoid").
func isSigmoid(f Activation) bool {
	return f.F != nil && f.Prime != nil &&
		reflect.ValueOf(f.F).Pointer() == reflect.ValueOf(Sigmoid).Pointer() &&
		reflect.ValueOf(f.Prime).Pointer() == reflect.ValueOf(SigmoidPrime).Pointer()
}

// load copies net's weights and biases into fn.
func (fn *fastNet) load(net *Network) {
	n0, n1 := fn.sizes[0], fn.sizes[1]
	for j := range n1 {
		for k := range n0 {
			fn.w1T[k*n1+j] = net.w[1].At(j, k)
		}
	}
	for L := 1; L < len(fn.sizes); L++ {
		if L >= 2 {
			copyDense(fn.w[L], net.w[L])
		}
		copy(fn.b[L], net.b[L].RawVector().Data)
	}
}

// store copies fn's weights and biases into net.
func (fn *fastNet) store(net *Network) {
	n0, n1 := fn.sizes[0], fn.sizes[1]
	for j := range n1 {
		for k := range n0 {
			net.w[1].Set(j, k, fn.w1T[k*n1+j])
		}
	}
	for L := 1; L < len(fn.sizes); L++ {
		if L >= 2 {
			rows, cols := net.w[L].Dims()
			for j := range rows {
				copy(net.w[L].RawRowView(j), fn.w[L][j*cols:(j+1)*cols])
			}
		}
		copy(net.b[L].RawVector().Data, fn.b[L])
	}
}

// copyDense copies the rows of m into the row-major slice dst.
func copyDense(dst []float64, m interface {
	Dims() (int, int)
	RawRowView(i int) []float64
}) {
	rows, cols := m.Dims()
	for j := range rows {
		copy(dst[j*cols:(j+1)*cols], m.RawRowView(j))
	}
}

// forward computes z^(L) and a^(L) for every layer from the nonzero pixels
// of one image, and returns a^(L) of the output layer (a buffer of fn).
func (fn *fastNet) forward(pixels []uint32) []float64 {
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
func (fn *fastNet) unpack(pixels []uint32) (index []uint32, x []float64) {
	index, x = fn.index[:len(pixels)], fn.x[:len(pixels)]
	for p, e := range pixels {
		index[p] = e >> 8
		x[p] = pixelValue[uint8(e)]
	}
	return index, x
}

// sumColumns sets z = b + Σ_p x[p] · (row index[p] of w1T), the first
// layer's z^(1) = W^(1) a^(0) + b^(1) from the nonzero pixels alone. It
// works on six neurons at a time (then four, then one), so that their sums
// stay in registers while it runs through the pixels (eight would not fit:
// with their products they need more than the processor's 16). Each sum
// adds its terms in pixel order all the same.
func sumColumns(z, b, w1T []float64, index []uint32, x []float64) {
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

// activate sets a^(L) = f(z^(L)) and fp^(L) = f′(z^(L)).
func (fn *fastNet) activate(L int) {
	z := fn.z[L]
	a, fp := fn.a[L][:len(z)], fn.fp[L][:len(z)]
	if fn.sigmoid[L] {
		for j, zj := range z {
			s := Sigmoid(zj)
			a[j], fp[j] = s, s*(1-s) // σ′(z) = σ(z)(1 − σ(z)), as SigmoidPrime computes it
		}
		return
	}
	f := fn.f[L]
	for j, zj := range z {
		a[j], fp[j] = f.F(zj), f.Prime(zj)
	}
}

// fastSGD runs the mini-batch steps of stochastic gradient descent on a
// fastNet: for each example of a mini-batch, forward and backward, adding
// up the gradient; then one step against the average gradient.
//
// The gradient of W^(1), δ^(1) a^(0)ᵀ summed over the mini-batch, is never
// made: the step adds each image's share, (−η/m) δ^(1) a^(0)ᵀ, straight to
// the columns of W^(1) of its nonzero pixels.
type fastSGD struct {
	*fastNet
	gw, gb [][]float64 // Σ ∂C/∂W^(L) (L ≥ 2) and Σ ∂C/∂b^(L) over the mini-batch
	delta1 []float64   // δ^(1) of each image of the mini-batch, one after the other
	touch  uint32      // keeps the compiler from dropping the reads that fetch the images
}

func newFastSGD(net *Network) *fastSGD {
	t := &fastSGD{
		fastNet: newFastNet(net),
		gw:      make([][]float64, len(net.sizes)),
		gb:      make([][]float64, len(net.sizes)),
	}
	for L := 1; L < len(net.sizes); L++ {
		t.gw[L] = make([]float64, len(t.w[L]))
		t.gb[L] = make([]float64, net.sizes[L])
	}
	return t
}

// step does one step of gradient descent on the images of batch,
//
//	W^(L) ← W^(L) − η · (1/m) Σ ∂C/∂W^(L),   b^(L) ← b^(L) − η · (1/m) Σ ∂C/∂b^(L),
//
// the sums running over the m images of the mini-batch, and returns the sum
// of their costs before the step.
func (t *fastSGD) step(images *sparseImages, labels []byte, batch []int32, eta float64) (cost float64) {
	n1 := t.sizes[1]
	if need := len(batch) * n1; len(t.delta1) < need {
		t.delta1 = make([]float64, need)
	}
	// Touch every cache line of the batch's images first: the memory then
	// fetches them side by side, rather than one by one as backprop needs them.
	var touch uint32
	for _, i := range batch {
		pixels := images.image(int(i))
		for p := 0; p < len(pixels); p += 16 {
			touch += pixels[p]
		}
	}
	t.touch = touch
	for e, i := range batch {
		cost += t.backprop(images.image(int(i)), int(labels[i]))
		copy(t.delta1[e*n1:(e+1)*n1], t.delta[1])
	}
	inv := 1 / float64(len(batch))
	// Layer 1: W^(1) ← W^(1) + Σ over the images of (−η/m) δ^(1) a^(0)ᵀ, nonzero pixels only.
	scaled := t.delta[1] // free now: holds (−η/m) δ^(1)
	for e, i := range batch {
		for j, d := range t.delta1[e*n1 : (e+1)*n1] {
			scaled[j] = -eta * (d * inv)
		}
		index, x := t.unpack(images.image(int(i)))
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
// sums, and returns its cost C = Σ_j (a_j^(L) − y_j)².
func (t *fastSGD) backprop(pixels []uint32, digit int) (cost float64) {
	out := t.forward(pixels)
	last := len(t.sizes) - 1
	// Output layer: δ_j = f′(z_j) · 2(a_j − y_j).
	delta := t.delta[last]
	for j, a := range out {
		y := 0.0
		if j == digit {
			y = 1
		}
		d := a - y
		cost += d * d
		delta[j] = t.fp[last][j] * (2 * (a - y))
	}
	// Layers L … 2: ∂C/∂W^(L) = δ^(L) a^(L−1)ᵀ, then δ^(L−1) = f′(z^(L−1)) ⊙ W^(L)ᵀ δ^(L).
	for L := last; L >= 2; L-- {
		delta, aPrev := t.delta[L], t.a[L-1]
		w, gw, gb := t.w[L], t.gw[L], t.gb[L]
		nPrev := len(aPrev)
		deltaPrev := t.delta[L-1][:nPrev]
		clear(deltaPrev)
		for j, d := range delta {
			gb[j] += d
			row := w[j*nPrev : (j+1)*nPrev]
			grow, dPrev := gw[j*nPrev : (j+1)*nPrev][:len(row)], deltaPrev[:len(row)]
			for k, a := range aPrev[:len(row)] {
				grow[k] += d * a
				dPrev[k] += row[k] * d
			}
		}
		for k, fp := range t.fp[L-1][:len(deltaPrev)] {
			deltaPrev[k] *= fp
		}
	}
	// Layer 1: ∂C/∂b^(1) = δ^(1). (∂C/∂W^(1) = δ^(1) a^(0)ᵀ is left to step.)
	for j, d := range t.delta[1] {
		t.gb[1][j] += d
	}
	return cost
}

// addOuter adds the outer product δ a^(0)ᵀ to the transposed matrix mT,
// in the columns of the nonzero pixels alone: row index[p] of mT gets
// x[p] · δ. It takes eight neurons at a time, to keep their δ_j in
// registers.
func addOuter(mT, delta []float64, index []uint32, x []float64) {
	n1 := len(delta)
	index = index[:len(x)]
	j := 0
	for ; j+8 <= n1; j += 8 {
		d := delta[j : j+8 : j+8]
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
		dj := delta[j]
		for p, k := range index {
			mT[int(k)*n1+j] += dj * x[p]
		}
	}
}
