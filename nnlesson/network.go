package nnlesson

import (
	"fmt"
	"math"
	"math/rand/v2"
	"strings"

	"gonum.org/v1/gonum/mat"
)

// Network is a fully connected feed-forward network with the slide's
// numbering: layer 0 is the input, layers 1 … L hold neurons, and layer L
// (the last) is the output. Layer L computes
//
//	a^(L) = f(W^(L) a^(L−1) + b^(L))
//
// with W^(L) of shape n_L × n_(L−1).
type Network struct {
	sizes []int           // sizes[L] = n_L, the number of neurons in layer L
	w     []*mat.Dense    // w[L] = W^(L), n_L × n_(L−1); w[0] is nil (the input has no weights)
	b     []*mat.VecDense // b[L] = b^(L), length n_L; b[0] is nil
	f     []Activation    // f[L], the activation of layer L; f[0] is unused
}

// NewNetwork returns a network with the given layer sizes, sizes[0] being
// the number of inputs, and sigmoid activations in every layer. Its weights
// are drawn from a normal distribution with standard deviation 1/√n_(L−1)
// and its biases from a standard normal distribution, using rng alone, so
// the same seed gives the same network.
//
// NewNetwork panics if there are fewer than two layers or a layer is empty.
func NewNetwork(sizes []int, rng *rand.Rand) *Network {
	if len(sizes) < 2 {
		panic(fmt.Sprintf("nnlesson: a network needs at least two layers (the input and the output), got sizes %v", sizes))
	}
	for L, n := range sizes {
		if n < 1 {
			panic(fmt.Sprintf("nnlesson: layer %d of %v has %d neurons; every layer needs at least one", L, sizes, n))
		}
	}
	net := &Network{
		sizes: append([]int(nil), sizes...),
		w:     make([]*mat.Dense, len(sizes)),
		b:     make([]*mat.VecDense, len(sizes)),
		f:     make([]Activation, len(sizes)),
	}
	for L := 1; L < len(sizes); L++ {
		rows, cols := sizes[L], sizes[L-1]
		scale := 1 / math.Sqrt(float64(cols))
		w := make([]float64, rows*cols)
		for i := range w {
			w[i] = rng.NormFloat64() * scale
		}
		b := make([]float64, rows)
		for i := range b {
			b[i] = rng.NormFloat64()
		}
		net.w[L] = mat.NewDense(rows, cols, w)
		net.b[L] = mat.NewVecDense(rows, b)
		net.f[L] = SigmoidActivation
	}
	return net
}

// Layers returns the number of the last layer, the slide's L for the output:
// 3 for a 784-16-16-10 network. Layers 1 … Layers() hold weights.
func (net *Network) Layers() int { return len(net.sizes) - 1 }

// Sizes returns the number of neurons in each layer, input first:
// [784 16 16 10] for the 3Blue1Brown network. It is a copy.
func (net *Network) Sizes() []int { return append([]int(nil), net.sizes...) }

// checkLayer panics unless L is a layer with weights, 1 … Layers().
func (net *Network) checkLayer(L int) { checkLayer(net.sizes, L) }

// W returns W^(L), the n_L × n_(L−1) weight matrix of layer L, with the
// slide's numbering (L = 1 is the first layer after the input). W.At(k, j)
// is w_kj^(L), the weight from neuron j of layer L−1 to neuron k of layer L.
// The matrix is the network's own: changing it changes the network.
func (net *Network) W(L int) *mat.Dense {
	net.checkLayer(L)
	return net.w[L]
}

// B returns b^(L), the biases of layer L, one per neuron. The vector is the
// network's own: changing it changes the network.
func (net *Network) B(L int) *mat.VecDense {
	net.checkLayer(L)
	return net.b[L]
}

// Activation returns f^(L), the activation function of layer L.
func (net *Network) Activation(L int) Activation {
	net.checkLayer(L)
	return net.f[L]
}

// SetActivation makes f the activation function of layer L.
func (net *Network) SetActivation(L int, f Activation) {
	net.checkLayer(L)
	f.check()
	net.f[L] = f
}

// SetHiddenActivation makes f the activation of every hidden layer, 1 … L−1,
// and leaves the output layer as it is. net.SetHiddenActivation(ReLUActivation)
// gives the common choice: ReLU inside, sigmoid outputs in <0, 1>.
func (net *Network) SetHiddenActivation(f Activation) {
	f.check()
	for L := 1; L < net.Layers(); L++ {
		net.f[L] = f
	}
}

// NumParams returns the number of weights and biases: for every layer
// n_L·n_(L−1) weights plus n_L biases. It is 13,002 for 784-16-16-10, the
// slide's w_0 … w_13,001.
func (net *Network) NumParams() int {
	n := 0
	for L := 1; L <= net.Layers(); L++ {
		n += net.sizes[L]*net.sizes[L-1] + net.sizes[L]
	}
	return n
}

// checkInput panics unless x has one value per input neuron.
func (net *Network) checkInput(x []float64) {
	if len(x) != net.sizes[0] {
		panic(fmt.Sprintf("nnlesson: the input layer has %d neurons, got %d inputs", net.sizes[0], len(x)))
	}
}

// FeedForwardTrace runs the network on the input x, layer after layer,
//
//	a^(0) = x,   z^(L) = W^(L) a^(L−1) + b^(L),   a^(L) = f(z^(L)),
//
// and returns every z^(L) and a^(L), indexed by the slide's L: as[0] is the
// input, as[Layers()] the output, and zs[0] is nil (the input has no z).
// It panics if x does not have one value per input neuron.
func (net *Network) FeedForwardTrace(x []float64) (zs, as []*mat.VecDense) {
	net.checkInput(x)
	zs = make([]*mat.VecDense, len(net.sizes))
	as = make([]*mat.VecDense, len(net.sizes))
	as[0] = mat.NewVecDense(len(x), append([]float64(nil), x...))
	for L := 1; L <= net.Layers(); L++ {
		zs[L], as[L] = Layer(net.w[L], as[L-1], net.b[L], net.f[L])
	}
	return zs, as
}

// FeedForward returns the network's output a^(L) for the input x (one value
// per input neuron, for MNIST the 784 pixels in <0, 1>). It panics if x has
// the wrong length.
func (net *Network) FeedForward(x []float64) []float64 {
	_, as := net.FeedForwardTrace(x)
	out := as[net.Layers()]
	return append([]float64(nil), out.RawVector().Data...)
}

// Predict returns the network's answer for the input x: the number of the
// output neuron with the largest activation (the digit, for MNIST). Ties go
// to the lower number.
func (net *Network) Predict(x []float64) int {
	return argmax(net.FeedForward(x))
}

// argmax returns the index of the largest value, the first one on ties.
func argmax(a []float64) int {
	best := 0
	for i, v := range a {
		if v > a[best] {
			best = i
		}
	}
	return best
}

// String describes the network by its layer sizes and activations:
// "784-16-16-10 network (sigmoid)" when every layer uses the same one,
// otherwise one name per layer, "784-16-16-10 network (relu, relu, sigmoid)".
func (net *Network) String() string {
	names := make([]string, 0, net.Layers())
	same := true
	for L := 1; L <= net.Layers(); L++ {
		names = append(names, net.f[L].Name)
		same = same && net.f[L].Name == net.f[1].Name
	}
	if same {
		names = names[:1]
	}
	return fmt.Sprintf("%s network (%s)", sizesString(net.sizes), strings.Join(names, ", "))
}

// Params returns all weights and biases in one list of NumParams() numbers,
// the slide's w_0 … w_13,001. The order is fixed: layer 1 first, its weights
// W^(1) row by row (w_00, w_01, …, w_10, …), then its biases b^(1), then
// layer 2 in the same way, and so on. Gradient.Flat uses the same order, so
// Params()[i] and Flat()[i] belong to the same parameter. It is a copy.
func (net *Network) Params() []float64 {
	p := make([]float64, 0, net.NumParams())
	for L := 1; L <= net.Layers(); L++ {
		p = append(p, net.w[L].RawMatrix().Data...)
		p = append(p, net.b[L].RawVector().Data...)
	}
	return p
}

// SetParams sets all weights and biases from p, in the order of Params.
// It panics unless p has NumParams() values.
func (net *Network) SetParams(p []float64) {
	if len(p) != net.NumParams() {
		panic(fmt.Sprintf("nnlesson: a %s network has %d parameters, got %d values", sizesString(net.sizes), net.NumParams(), len(p)))
	}
	for L := 1; L <= net.Layers(); L++ {
		p = p[copy(net.w[L].RawMatrix().Data, p):]
		p = p[copy(net.b[L].RawVector().Data, p):]
	}
}

// Clone returns an independent copy of the network: same sizes, weights,
// biases and activations, sharing no memory with net.
func (net *Network) Clone() *Network {
	c := &Network{
		sizes: append([]int(nil), net.sizes...),
		w:     make([]*mat.Dense, len(net.sizes)),
		b:     make([]*mat.VecDense, len(net.sizes)),
		f:     append([]Activation(nil), net.f...),
	}
	for L := 1; L <= net.Layers(); L++ {
		c.w[L] = mat.DenseCopyOf(net.w[L])
		c.b[L] = mat.VecDenseCopyOf(net.b[L])
	}
	return c
}
