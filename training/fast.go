package training

// This file is the fast path of training and evaluation. It computes what
// nnlesson's Backprop, AverageGradient and Step compute (backprop.go, in the
// slide's formulas) for a whole mini-batch, only faster: fast_test.go checks
// that the two agree to the last few bits of rounding (relative difference
// below 10⁻¹²). Read backprop.go to learn the method; read this file to see
// why the same method can run more than 10× faster (BenchmarkEpochMNIST
// against BenchmarkEpochMNISTPlain).
//
// Six facts make the speed:
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
//  4. Four to eight sums are worked on at a time, their numbers held in
//     registers, not memory; in layer 1, on x86-64, four neurons share
//     one vector instruction (layer1_amd64.go), to the same bits.
//  5. Every buffer is made once: no allocation per example.
//  6. The work of a mini-batch is shared by the cores of the machine. Each
//     core owns some of the weights — blocks of eight neurons of layer 1,
//     rows of the layers above — computes z^(1) of its neurons for every
//     image, and takes the step for its weights, adding the images' shares
//     to each weight one image after the other, in the mini-batch's order.
//     In between, the cores share the images for the layers above, each
//     image on its own. Every number is therefore computed by the same
//     operations in the same order as on one core: the network comes out
//     the same, bit for bit, on a machine with 1, 2 or 64 cores
//     (fast_test.go checks it).
//
// The names are backprop.go's: dCdZ is ∂C/∂z^(L) (often written δ), dAdZ is
// f′(z^(L)) = ∂a/∂z. The cost is nnlesson's OutputCost and OutputCostPrime,
// written once in nnlesson/cost.go.

import (
	"math"
	"runtime"
	"sync"
	"sync/atomic"
	"time"

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
	}
	for L := 1; L <= last; L++ {
		fn.f[L] = net.Activation(L)
		fn.sigmoid[L] = fn.f[L].Name == nnlesson.SigmoidActivation.Name && nnlesson.Known(fn.f[L])
		if L >= 2 {
			fn.w[L] = make([]float64, sizes[L]*sizes[L-1])
		}
		fn.b[L] = make([]float64, sizes[L])
	}
	fn.makeBuffers()
	fn.load(net)
	return fn
}

// makeBuffers gives fn buffers of its own for z, a, f′(z) and ∂C/∂z.
func (fn *fastNet) makeBuffers() {
	last := len(fn.sizes) - 1
	fn.z = make([][]float64, last+1)
	fn.a = make([][]float64, last+1)
	fn.dAdZ = make([][]float64, last+1)
	fn.dCdZ = make([][]float64, last+1)
	for L := 1; L <= last; L++ {
		n := fn.sizes[L]
		fn.z[L] = make([]float64, n)
		fn.a[L] = make([]float64, n)
		fn.dAdZ[L] = make([]float64, n)
		fn.dCdZ[L] = make([]float64, n)
	}
}

// lane returns a fastNet that shares fn's weights and biases but has
// buffers of its own, for another goroutine to run examples through.
func (fn *fastNet) lane() *fastNet {
	l := *fn
	l.makeBuffers()
	return &l
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
	sumColumns(fn.z[1], fn.b[1], fn.w1T, fn.sizes[1], pixels)
	fn.activate(1)
	return fn.forwardUpper()
}

// forwardUpper computes z^(L) and a^(L) for the layers L ≥ 2 from a^(1),
// and returns a^(L) of the output layer.
func (fn *fastNet) forwardUpper() []float64 {
	// Layers 2 … L: z^(L) = W^(L) a^(L−1) + b^(L), a dense product.
	for L := 2; L < len(fn.sizes); L++ {
		multiply(fn.z[L], fn.w[L], fn.a[L-1], fn.b[L])
		fn.activate(L)
	}
	return fn.a[len(fn.sizes)-1]
}

// multiply sets z = w a + b, w a matrix of len(z) rows of len(a) numbers.
// It works on four rows at a time, so that four sums run side by side
// (one alone waits for each addition to finish before the next); each sum
// adds its terms in column order all the same, then the bias.
func multiply(z, w, a, b []float64) {
	n := len(a)
	b = b[:len(z)]
	j := 0
	for ; j+4 <= len(z); j += 4 {
		r0 := w[j*n : (j+1)*n]
		r1 := w[(j+1)*n : (j+2)*n][:len(r0)]
		r2 := w[(j+2)*n : (j+3)*n][:len(r0)]
		r3 := w[(j+3)*n : (j+4)*n][:len(r0)]
		var s0, s1, s2, s3 float64
		for k, ak := range a[:len(r0)] {
			s0 += r0[k] * ak
			s1 += r1[k] * ak
			s2 += r2[k] * ak
			s3 += r3[k] * ak
		}
		z[j], z[j+1], z[j+2], z[j+3] = s0+b[j], s1+b[j+1], s2+b[j+2], s3+b[j+3]
	}
	for ; j < len(z); j++ {
		row := w[j*n : (j+1)*n]
		s := 0.0
		for k, ak := range a[:len(row)] {
			s += row[k] * ak
		}
		z[j] = s + b[j]
	}
}

// backward computes ∂C/∂z^(L) of every layer for the image that forward
// ran last, of the given digit, and returns its cost C = Σ_j OutputCost(a_j^(L), y_j).
func (fn *fastNet) backward(digit int) (cost float64) {
	last := len(fn.sizes) - 1
	// Output layer: ∂C/∂z_j = f′(z_j) · ∂C/∂a_j, with ∂C/∂a_j = OutputCostPrime(a_j, y_j).
	out := fn.a[last]
	dCdZ, dAdZ := fn.dCdZ[last][:len(out)], fn.dAdZ[last][:len(out)]
	for j, a := range out {
		y := 0.0
		if j == digit {
			y = 1
		}
		cost += nnlesson.OutputCost(a, y)
		dCdZ[j] = dAdZ[j] * nnlesson.OutputCostPrime(a, y)
	}
	// Layers L … 2: ∂C/∂z^(L−1) = f′(z^(L−1)) ⊙ W^(L)ᵀ ∂C/∂z^(L), four
	// sums k at a time, each adding its terms in the order of j.
	for L := last; L >= 2; L-- {
		w, nPrev, d := fn.w[L], fn.sizes[L-1], fn.dCdZ[L]
		dPrev, dAdZ := fn.dCdZ[L-1][:nPrev], fn.dAdZ[L-1][:nPrev]
		k := 0
		for ; k+4 <= nPrev; k += 4 {
			var s0, s1, s2, s3 float64
			for j, dj := range d {
				o := j*nPrev + k
				r := w[o : o+4 : o+4]
				s0 += r[0] * dj
				s1 += r[1] * dj
				s2 += r[2] * dj
				s3 += r[3] * dj
			}
			dPrev[k], dPrev[k+1], dPrev[k+2], dPrev[k+3] = s0*dAdZ[k], s1*dAdZ[k+1], s2*dAdZ[k+2], s3*dAdZ[k+3]
		}
		for ; k < nPrev; k++ {
			s := 0.0
			for j, dj := range d {
				s += w[j*nPrev+k] * dj
			}
			dPrev[k] = s * dAdZ[k]
		}
	}
	return cost
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

// sumColumns sets z = b + Σ_p x_p · (row k_p of w1T) over an image's
// nonzero pixels p (k_p their index, x_p their value a_k^(0)): the first
// layer's z^(1) = W^(1) a^(0) + b^(1) from the nonzero pixels alone, or
// len(z) of its neurons (the rows of w1T are n1 long, and its first column
// is the first of z). It works on six neurons at a time (then four, then
// one), so that their sums stay in registers while it runs through the
// pixels (eight would not fit: with their products they need more than the
// processor's 16). Each sum adds its terms in pixel order all the same.
func sumColumns(z, b, w1T []float64, n1 int, pixels []mnist.InkPixel) {
	z, b, w1T = sumColumnsVector(z, b, w1T, n1, pixels) // four neurons to an instruction, where the processor can
	b = b[:len(z)]
	sixes := len(z) / 6
	if len(z)%6 == 2 && sixes > 0 {
		sixes-- // 8 = 4 + 4 rather than 6 + 1 + 1
	}
	j := 0
	for ; j < 6*sixes; j += 6 {
		z0, z1, z2, z3, z4, z5 := b[j], b[j+1], b[j+2], b[j+3], b[j+4], b[j+5]
		for _, p := range pixels {
			o := p.Index()*n1 + j
			w := w1T[o : o+6 : o+6]
			x := mnist.Grey(p.Level())
			z0 += w[0] * x
			z1 += w[1] * x
			z2 += w[2] * x
			z3 += w[3] * x
			z4 += w[4] * x
			z5 += w[5] * x
		}
		z[j], z[j+1], z[j+2], z[j+3], z[j+4], z[j+5] = z0, z1, z2, z3, z4, z5
	}
	for ; j+4 <= len(z); j += 4 {
		z0, z1, z2, z3 := b[j], b[j+1], b[j+2], b[j+3]
		for _, p := range pixels {
			o := p.Index()*n1 + j
			w := w1T[o : o+4 : o+4]
			x := mnist.Grey(p.Level())
			z0 += w[0] * x
			z1 += w[1] * x
			z2 += w[2] * x
			z3 += w[3] * x
		}
		z[j], z[j+1], z[j+2], z[j+3] = z0, z1, z2, z3
	}
	for ; j < len(z); j++ {
		zj := b[j]
		for _, p := range pixels {
			zj += w1T[p.Index()*n1+j] * mnist.Grey(p.Level())
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

// addOuter adds the outer product d a^(0)ᵀ to the transposed matrix mT
// (rows of n1 numbers, its first column the first of d), in the rows of an
// image's nonzero pixels alone: row k_p gets x_p · d. It takes eight
// columns at a time, to keep their d_j in registers.
//
// x is only room for x_p: read back from memory after each addition, it
// keeps the compiler from working out all eight products before it stores
// the first sum, which needs more registers than the processor has.
func addOuter(mT []float64, n1 int, d []float64, pixels []mnist.InkPixel, x *float64) {
	mT, d = addOuterVector(mT, n1, d, pixels) // four numbers of d to an instruction, where the processor can
	j := 0
	for ; j+8 <= len(d); j += 8 {
		d, m := d[j:j+8:j+8], mT[j:]
		d0, d1, d2, d3, d4, d5, d6, d7 := d[0], d[1], d[2], d[3], d[4], d[5], d[6], d[7]
		for _, p := range pixels {
			o := p.Index() * n1
			g := m[o : o+8 : o+8]
			*x = mnist.Grey(p.Level())
			g[0] += d0 * *x
			g[1] += d1 * *x
			g[2] += d2 * *x
			g[3] += d3 * *x
			g[4] += d4 * *x
			g[5] += d5 * *x
			g[6] += d6 * *x
			g[7] += d7 * *x
		}
	}
	for ; j+4 <= len(d); j += 4 {
		d, m := d[j:j+4:j+4], mT[j:]
		d0, d1, d2, d3 := d[0], d[1], d[2], d[3]
		for _, p := range pixels {
			o := p.Index() * n1
			g := m[o : o+4 : o+4]
			x := mnist.Grey(p.Level())
			g[0] += d0 * x
			g[1] += d1 * x
			g[2] += d2 * x
			g[3] += d3 * x
		}
	}
	for ; j < len(d); j++ {
		dj, m := d[j], mT[j:]
		for _, p := range pixels {
			m[p.Index()*n1] += dj * mnist.Grey(p.Level())
		}
	}
}

// fastSGD runs the mini-batch steps of stochastic gradient descent on a
// fastNet, on up to procs cores (fact 6 above). Each worker owns some of the
// neurons of layer 1 (blocks of eight: the weights that leave one pixel
// towards them fill one cache line) and some rows of W^(L), L ≥ 2. A
// mini-batch goes in two phases, with every worker waiting for the others
// after each:
//
//  1. layer 1: each worker first takes the step of the previous mini-batch
//     for the weights it owns,
//
//     W^(L) ← W^(L) − η · (1/m) Σ ∂C/∂W^(L),   b^(L) ← b^(L) − η · (1/m) Σ ∂C/∂b^(L),
//
//     adding the images' shares to each weight in the mini-batch's order;
//     then it computes z^(1), a^(1) and f′(z^(1)) of its neurons for every
//     image of this mini-batch. Its part of W^(1) (half of it on two
//     cores) never leaves its core's cache.
//
//  2. the layers above: each worker runs some of the images through the
//     layers L ≥ 2, forward and backward, each on its own lane (a fastNet
//     with buffers of its own), and writes down what the step needs of each
//     image: its ∂C/∂z^(L) of every layer, its a^(L) of the layers below the
//     last, its cost.
//
// Which worker takes which image or weights changes how fast it goes, never
// what is computed. A mini-batch of more than chunk images goes through
// phase 2 chunk images at a time, each chunk's ∂C/∂W^(L) for L ≥ 2 summed
// before the next: the images' records then take little memory.
type fastSGD struct {
	*fastNet
	data   *mnist.Dataset // the training images
	labels []byte         // their digits, read once
	procs  int            // the most workers to use: GOMAXPROCS, the cores the program may use
	// minWork is the least work, in multiply-adds per mini-batch and worker,
	// that pays for one more worker: below it, waiting for each other costs
	// more than the worker saves.
	minWork int
	ink     float64 // the mean number of nonzero pixels of an image, to guess the work of a mini-batch

	gw, gb [][]float64 // Σ ∂C/∂W^(L) (L ≥ 2) and Σ ∂C/∂b^(L) over the mini-batch
	// a1, dAdZ1 and dCdZ1 hold a^(1), f′(z^(1)) and ∂C/∂z^(1) of each image
	// of the mini-batch, n_1 numbers each; costs the cost of each image.
	a1, dAdZ1, dCdZ1, costs []float64
	// records holds, for each image of a chunk, recordSize numbers: its
	// a^(L) for 1 ≤ L < last at aAt[L], its ∂C/∂z^(L) for 2 ≤ L ≤ last at dAt[L].
	records    []float64
	recordSize int
	aAt, dAt   []int
	// blockOwner[k] is the worker that owns neurons 8k … 8k+7 of layer 1,
	// rowOwner[L][j] the one that owns row j of W^(L), for the n workers of
	// a stretch.
	blockOwner []int
	rowOwner   [][]int
	lanes      []*lane // one per worker
	sync       barrier
	// alone counts the stretches of an epoch still to run on one worker,
	// lonely how many the last time (see epoch).
	alone, lonely int
	// pace[0] and pace[1] are how long the last stretch on one worker and
	// on several took per image (0: none ran yet); stretches counts the
	// stretches that ran after both had (see workersFor).
	pace      [2]time.Duration
	stretches int
	// faster is the number of workers that ran faster the last time, gap
	// how many stretches it runs before the slower runs again, lookAgain
	// the stretch when it does (see workersFor).
	faster, gap, lookAgain int
}

// A lane is one worker's own: a fastNet whose buffers are its own, and room
// for its share of the step.
type lane struct {
	*fastNet
	scaled []float64          // (−η/m) ∂C/∂z^(1) of one image, for the worker's neurons
	x      float64            // room for addOuter
	ink    [][]mnist.InkPixel // the nonzero pixels of each image of the mini-batch
	last   [][]mnist.InkPixel // … and of the previous one, whose step is still to take
	_      [64]byte           // keeps lanes out of each other's cache lines
}

// chunk is the most images that phase 2 runs before their ∂C/∂W^(L) (L ≥ 2)
// are summed.
const chunk = 64

func newFastSGD(net *nnlesson.Network, data *mnist.Dataset) *fastSGD {
	fn := newFastNet(net)
	last := len(fn.sizes) - 1
	t := &fastSGD{
		fastNet:  fn,
		data:     data,
		labels:   make([]byte, data.Len()),
		procs:    runtime.GOMAXPROCS(0),
		minWork:  10000,
		gw:       make([][]float64, last+1),
		gb:       make([][]float64, last+1),
		aAt:      make([]int, last+1),
		dAt:      make([]int, last+1),
		rowOwner: make([][]int, last+1),
	}
	ink := 0
	for i := range t.labels {
		t.labels[i] = byte(data.Label(i))
		ink += len(data.Ink(i))
	}
	t.ink = float64(ink) / float64(max(1, data.Len()))
	for L := 1; L <= last; L++ {
		t.gw[L] = make([]float64, len(t.w[L]))
		t.gb[L] = make([]float64, t.sizes[L])
		t.rowOwner[L] = make([]int, t.sizes[L])
	}
	t.blockOwner = make([]int, (t.sizes[1]+7)/8)
	for L := 1; L < last; L++ {
		t.aAt[L] = t.recordSize
		t.recordSize += t.sizes[L]
	}
	for L := 2; L <= last; L++ {
		t.dAt[L] = t.recordSize
		t.recordSize += t.sizes[L]
	}
	t.recordSize = (t.recordSize + 7) &^ 7 // whole cache lines of 8 numbers: two workers never write into one
	return t
}

// workers returns how many workers to use for mini-batches of m images:
// as many as the cores allow, but no more than give each at least minWork
// multiply-adds per mini-batch.
func (t *fastSGD) workers(m int) int {
	work := float64(m) * (2*t.ink*float64(t.sizes[1]) + float64(3*t.upper()))
	return max(1, min(t.procs, int(work/float64(max(1, t.minWork)))))
}

// upper returns the weights of the layers L ≥ 2, Σ n_L · n_(L−1).
func (t *fastSGD) upper() int {
	w := 0
	for L := 2; L < len(t.sizes); L++ {
		w += t.sizes[L] * t.sizes[L-1]
	}
	return w
}

// step does one step of gradient descent on the images of batch and
// returns the sum of their costs before the step.
func (t *fastSGD) step(batch []int32, eta float64) (cost float64) {
	var costs [1]float64
	t.epoch(batch, len(batch), eta, costs[:])
	return costs[0]
}

// epoch runs the steps of gradient descent on the mini-batches of m images
// that order cuts into (the last may be smaller), one after the other, and
// writes each mini-batch's sum of costs before its step into costs. It
// stops after a mini-batch whose cost is NaN or infinite: training has
// diverged.
//
// It goes through the epoch a stretch of about stretch images at a time,
// each stretch with workers of its own, as many as workersFor says: the
// faster of one and all. When the workers of a stretch often had to sleep
// at the barrier, other programs are using the cores: the next stretches
// run on one worker (more of them each time it happens again), which is
// then faster, before the workers try again. What is computed stays the
// same.
func (t *fastSGD) epoch(order []int32, m int, eta float64, costs []float64) {
	most := t.workers(m)
	m = min(m, len(order))
	n1 := t.sizes[1]
	if need := m * n1; len(t.dCdZ1) < need {
		t.a1 = make([]float64, need)
		t.dAdZ1 = make([]float64, need)
		t.dCdZ1 = make([]float64, need)
		t.costs = make([]float64, m)
	}
	if need := min(m, chunk) * t.recordSize; len(t.records) < need {
		t.records = make([]float64, need)
	}
	for len(t.lanes) < most {
		t.lanes = append(t.lanes, &lane{fastNet: t.fastNet.lane(), scaled: make([]float64, n1)})
	}
	batches := max(1, stretch/m) // the mini-batches of a stretch
	for b := 0; b*m < len(order); b += batches {
		n := t.workersFor(most)
		part := order[b*m : min((b+batches)*m, len(order))]
		start := time.Now()
		t.stretch(n, part, m, eta, costs[b:])
		t.pace[min(n-1, 1)] = time.Since(start) / time.Duration(len(part))
		for _, cost := range costs[b : b+(len(part)+m-1)/m] {
			if math.IsNaN(cost) || math.IsInf(cost, 0) {
				return
			}
		}
		if n > 1 {
			if t.sync.sleepy() {
				t.lonely = min(64, max(4, 2*t.lonely))
				t.alone = t.lonely
			} else {
				t.lonely = 0
			}
		}
	}
}

// workersFor returns how many workers, 1 or most, the next stretch runs
// on: one while alone says so (the cores are busy with other programs);
// else the faster of the two, by how long each took the last time, after
// each has run once. Now and then the slower runs again, so that the
// choice follows the machine when its load changes: eight stretches after
// the choice changed, then after 16, 32 and every 64 while it holds.
// (On a processor whose second core adds little, one worker with the
// vector instructions is the faster: waiting for each other costs the
// workers more than they share.)
func (t *fastSGD) workersFor(most int) int {
	switch {
	case most == 1:
		return 1
	case t.alone > 0:
		t.alone--
		return 1
	case t.pace[1] == 0:
		return most
	case t.pace[0] == 0:
		return 1
	}
	faster, slower := most, 1
	if t.pace[0] < t.pace[1] {
		faster, slower = 1, most
	}
	if faster != t.faster {
		t.faster, t.gap = faster, 8
		t.lookAgain = t.stretches + t.gap
	}
	t.stretches++
	if t.stretches >= t.lookAgain {
		t.gap = min(2*t.gap, 64)
		t.lookAgain = t.stretches + t.gap
		return slower
	}
	return faster
}

// stretch is the number of images that the workers go through before
// epoch looks at how well they worked together.
const stretch = 2048

// stretch runs the mini-batches of m images of order on n workers.
func (t *fastSGD) stretch(n int, order []int32, m int, eta float64, costs []float64) {
	t.share(n, m)
	t.sync.reset(n, n <= runtime.GOMAXPROCS(0))
	if n == 1 {
		t.work(0, 1, order, m, eta, costs)
		return
	}
	var wg sync.WaitGroup
	for w := 1; w < n; w++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			t.work(w, n, order, m, eta, costs)
		}()
	}
	t.work(0, n, order, m, eta, costs)
	wg.Wait()
}

// share shares the blocks of layer 1 and the rows of the layers above
// among n workers, by the work they take for mini-batches of m images.
func (t *fastSGD) share(n, m int) {
	n1, last := t.sizes[1], len(t.sizes)-1
	ink := int(t.ink) + 1
	block := func(k int) int { return min(8, n1-8*k) * (2*ink + 20) } // the step, the forward pass, e^(−z)
	total := 0
	for k := range t.blockOwner {
		total += block(k)
	}
	for L := 2; L <= last; L++ {
		total += t.sizes[L] * (t.sizes[L-1] + 1)
	}
	before := 0
	for k := range t.blockOwner {
		t.blockOwner[k] = owner(before, block(k), total, n)
		before += block(k)
	}
	for L := 2; L <= last; L++ {
		for j := range t.rowOwner[L] {
			work := t.sizes[L-1] + 1
			t.rowOwner[L][j] = owner(before, work, total, n)
			before += work
		}
	}
}

// owner returns which of n workers takes the item that comes after work
// before of total: the one whose nth of the total holds the item's middle.
// The items of a worker follow one another.
func owner(before, work, total, n int) int {
	if total == 0 {
		return 0
	}
	return min(n-1, (2*before+work)*n/(2*total))
}

// work is worker w's part, of n, of stretch. The step of each mini-batch is
// taken at the start of the next (or at the end).
func (t *fastSGD) work(w, n int, order []int32, m int, eta float64, costs []float64) {
	l := t.lanes[w]
	l.last = l.last[:0]
	images := 0 // the images of the last chunk of the previous mini-batch
	for b := 0; b*m < len(order); b++ {
		batch := order[b*m : min((b+1)*m, len(order))]
		l.ink, l.last = l.last[:0], l.ink
		for _, i := range batch {
			l.ink = append(l.ink, t.data.Ink(int(i)))
		}
		// Phase 1: the previous step, then layer 1.
		if len(l.last) > 0 {
			t.update(w, images, eta)
		}
		t.layer1(w)
		t.sync.wait()
		// Phase 2: the layers above.
		for from := 0; from < len(batch); from += chunk {
			to := min(from+chunk, len(batch))
			t.upperLayers(w, n, batch, from, to)
			t.sync.wait()
			images = to - from
			if to < len(batch) {
				t.sumRows(w, images)
				t.sync.wait()
			}
		}
		cost := 0.0
		for _, c := range t.costs[:len(batch)] {
			cost += c
		}
		if w == 0 {
			costs[b] = cost
		}
		if math.IsNaN(cost) || math.IsInf(cost, 0) {
			break
		}
	}
	l.ink, l.last = l.last[:0], l.ink
	if len(l.last) > 0 {
		t.update(w, images, eta)
	}
}

// layer1 is worker w's share of phase 1 after the step: z^(1), a^(1) and
// f′(z^(1)) of its neurons for every image of the mini-batch.
func (t *fastSGD) layer1(w int) {
	l := t.lanes[w]
	n1 := t.sizes[1]
	j0, j1 := t.neurons(w)
	if j0 == j1 {
		return
	}
	z, b, w1T := l.z[1][:j1-j0], t.b[1][j0:j1], t.w1T[j0:]
	for e, pixels := range l.ink {
		sumColumns(z, b, w1T, n1, pixels)
		a, dAdZ := t.a1[e*n1+j0 : e*n1+j1][:len(z)], t.dAdZ1[e*n1+j0 : e*n1+j1][:len(z)]
		if t.sigmoid[1] {
			for j, zj := range z {
				s := nnlesson.Sigmoid(zj)
				a[j], dAdZ[j] = s, s*(1-s) // as activate computes them
			}
			continue
		}
		f := t.f[1]
		for j, zj := range z {
			a[j], dAdZ[j] = f.F(zj), f.Prime(zj)
		}
	}
}

// neurons returns the neurons j0 … j1−1 of layer 1 that worker w owns
// (none if j0 = j1): its blocks follow one another.
func (t *fastSGD) neurons(w int) (j0, j1 int) {
	j0, j1 = -1, -1
	for k, o := range t.blockOwner {
		if o == w {
			if j0 < 0 {
				j0 = 8 * k
			}
			j1 = min(8*k+8, t.sizes[1])
		}
	}
	if j0 < 0 {
		return 0, 0
	}
	return j0, j1
}

// upperLayers is worker w's share of phase 2 for images from … to−1 of
// batch: the images it owns, shared evenly.
func (t *fastSGD) upperLayers(w, n int, batch []int32, from, to int) {
	l := t.lanes[w]
	n1, last := t.sizes[1], len(t.sizes)-1
	for e := from; e < to; e++ {
		if owner(e-from, 1, to-from, n) != w {
			continue
		}
		// The lane's a^(L) and ∂C/∂z^(L) are the image's record.
		record := t.records[(e-from)*t.recordSize : (e-from+1)*t.recordSize]
		l.a[1], l.dAdZ[1], l.dCdZ[1] = t.a1[e*n1:(e+1)*n1], t.dAdZ1[e*n1:(e+1)*n1], t.dCdZ1[e*n1:(e+1)*n1]
		for L := 2; L <= last; L++ {
			if L < last {
				l.a[L] = record[t.aAt[L] : t.aAt[L]+t.sizes[L]]
			}
			l.dCdZ[L] = record[t.dAt[L] : t.dAt[L]+t.sizes[L]]
		}
		l.forwardUpper()
		t.costs[e] = l.backward(int(t.labels[batch[e]]))
		if last >= 2 {
			copy(record[t.aAt[1]:t.aAt[1]+n1], l.a[1])
		}
	}
}

// update is worker w's step for the weights and biases it owns, after the
// mini-batch whose images' pixels are in its lane's last, images of them
// in the last chunk.
func (t *fastSGD) update(w, images int, eta float64) {
	l := t.lanes[w]
	last := len(t.sizes) - 1
	inv := 1 / float64(len(l.last))
	if j0, j1 := t.neurons(w); j0 < j1 {
		t.updateLayer1(l, j0, j1, eta, inv)
	}
	t.sumRows(w, images)
	for L := 2; L <= last; L++ {
		nPrev := t.sizes[L-1]
		for j, o := range t.rowOwner[L] {
			if o == w {
				descend(t.w[L][j*nPrev:(j+1)*nPrev], t.gw[L][j*nPrev:(j+1)*nPrev], eta, inv)
				descend(t.b[L][j:j+1], t.gb[L][j:j+1], eta, inv)
			}
		}
	}
}

// sumRows adds the shares of the first images images of the chunk to the
// rows of Σ ∂C/∂W^(L) and Σ ∂C/∂b^(L), L ≥ 2, that worker w owns.
func (t *fastSGD) sumRows(w, images int) {
	for L := 2; L < len(t.sizes); L++ {
		for j, o := range t.rowOwner[L] {
			if o == w {
				t.sumRow(L, j, images)
			}
		}
	}
}

// sumRow adds the shares of the first images images of the chunk to row j
// of Σ ∂C/∂W^(L) and to Σ ∂C/∂b_j^(L): ∂C/∂W^(L) = ∂C/∂z^(L) a^(L−1)ᵀ and
// ∂C/∂b^(L) = ∂C/∂z^(L), one image after the other, four sums at a time.
func (t *fastSGD) sumRow(L, j, images int) {
	nPrev, size := t.sizes[L-1], t.recordSize
	records := t.records[:images*size]
	dAt, aAt := t.dAt[L]+j, t.aAt[L-1]
	gw := t.gw[L][j*nPrev : (j+1)*nPrev]
	gb := t.gb[L][j]
	for e := 0; e < len(records); e += size {
		gb += records[e+dAt]
	}
	t.gb[L][j] = gb
	k := 0
	for ; k+4 <= nPrev; k += 4 {
		g := gw[k : k+4 : k+4]
		s0, s1, s2, s3 := g[0], g[1], g[2], g[3]
		for e := 0; e < len(records); e += size {
			d, a := records[e+dAt], records[e+aAt+k:e+aAt+k+4:e+aAt+k+4]
			s0 += d * a[0]
			s1 += d * a[1]
			s2 += d * a[2]
			s3 += d * a[3]
		}
		g[0], g[1], g[2], g[3] = s0, s1, s2, s3
	}
	for ; k < nPrev; k++ {
		s := gw[k]
		for e := 0; e < len(records); e += size {
			s += records[e+dAt] * records[e+aAt+k]
		}
		gw[k] = s
	}
}

// updateLayer1 takes the step for neurons j0 … j1−1 of layer 1: each
// image's share of W^(1), (−η/m) ∂C/∂z^(1) a^(0)ᵀ, goes straight into the
// rows of its nonzero pixels, image after image; then the bias.
func (t *fastSGD) updateLayer1(l *lane, j0, j1 int, eta, inv float64) {
	n1 := t.sizes[1]
	scaled := l.scaled[:j1-j0]
	gb := t.gb[1][j0:j1]
	for e, pixels := range l.last {
		for j, d := range t.dCdZ1[e*n1+j0 : e*n1+j1][:len(scaled)] {
			gb[j] += d
			scaled[j] = -eta * (d * inv)
		}
		addOuter(t.w1T[j0:], n1, scaled, pixels, &l.x)
	}
	descend(t.b[1][j0:j1], gb, eta, inv)
}

// descend sets p ← p − η · (g · inv) and g ← 0.
func descend(p, g []float64, eta, inv float64) {
	g = g[:len(p)]
	for i := range p {
		p[i] += -eta * (g[i] * inv)
		g[i] = 0
	}
}

// A barrier makes n workers wait until all of them have come to it. It
// spins (looks again and again) for a while before it sleeps: the phases of
// a mini-batch of 10 take about 10 µs, and waking a sleeping goroutine takes
// several. A worker that is still not there after spinFor has probably lost
// its core to another program; then spinning would only slow that program
// down, and the waiting worker sleeps.
type barrier struct {
	_        [64]byte
	arrived  atomic.Int32  // the workers at the barrier
	pass     atomic.Uint32 // how many times the workers have passed it
	_        [56]byte
	n        int32         // the workers
	spinFor  time.Duration // how long to spin before sleeping
	sleepers atomic.Int32  // the workers asleep or about to be
	slept    atomic.Int64  // the waits since reset that ended asleep
	passed   uint32        // pass at reset
	mu       sync.Mutex
	wake     sync.Cond
}

// spinFor is how long a worker spins at a barrier before it sleeps.
const spinFor = 20 * time.Microsecond

// reset readies the barrier for n workers; spin says whether waiting
// workers should spin before they sleep (not when there are more workers
// than cores to run them).
func (b *barrier) reset(n int, spin bool) {
	b.n = int32(n)
	b.arrived.Store(0)
	b.slept.Store(0)
	b.passed = b.pass.Load()
	b.spinFor = 0
	if spin {
		b.spinFor = spinFor
	}
	b.wake.L = &b.mu
}

// sleepy reports whether more than one in ten waits since reset ended
// asleep.
func (b *barrier) sleepy() bool {
	waits := int64(b.pass.Load()-b.passed) * int64(b.n)
	return b.slept.Load()*10 > waits
}

// wait returns when all n workers have called it.
func (b *barrier) wait() {
	if b.n <= 1 {
		return
	}
	pass := b.pass.Load()
	if b.arrived.Add(1) == b.n {
		b.arrived.Store(0)
		b.pass.Add(1)
		if b.sleepers.Load() > 0 {
			b.mu.Lock()
			b.wake.Broadcast()
			b.mu.Unlock()
		}
		return
	}
	if b.spinFor > 0 {
		start := time.Now()
		for {
			for range 100 {
				if b.pass.Load() != pass {
					return
				}
			}
			if time.Since(start) > b.spinFor {
				break
			}
		}
	}
	b.slept.Add(1)
	b.mu.Lock()
	b.sleepers.Add(1)
	for b.pass.Load() == pass {
		b.wake.Wait()
	}
	b.sleepers.Add(-1)
	b.mu.Unlock()
}
