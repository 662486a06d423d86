package nnlesson

import (
	"fmt"
	"math"
	"math/rand/v2"
	"slices"
	"strconv"
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
// NewNetwork panics with CheckSizes's message if the sizes cannot make a
// network, and if rng is nil.
func NewNetwork(sizes []int, rng *rand.Rand) *Network {
	if err := CheckSizes(sizes); err != nil {
		panic(err.Error())
	}
	if rng == nil {
		panic("nnlesson: NewNetwork draws the first weights and biases at random and needs a generator, e.g. rand.New(rand.NewPCG(1, 2)); got nil")
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

// MaxParams is the largest number of weights and biases a network of this
// package may have: 100 million, 800 MB as float64, several times the
// largest network a lesson trains (784-100-30-10 has 81,840). Training needs
// a few copies of them more (the gradient, a working copy).
const MaxParams = 100_000_000

// CheckSizes returns an error, in the lecture's terms, if sizes cannot be
// the layers of a network: fewer than two layers (the input and the
// output), an empty layer, or more weights and biases than MaxParams, for
// which it says how much memory they would need:
//
//	nnlesson: a 784-1000000000-10 network has 794,000,001,0 weights and biases and needs 6.4 TB; …
func CheckSizes(sizes []int) error {
	if len(sizes) < 2 {
		return fmt.Errorf(pick("nnlesson: a network needs at least two layers (the input and the output), got sizes %v",
			"nnlesson: sieć potrzebuje co najmniej dwóch warstw (wejściowej i wyjściowej), a rozmiary to %v"), sizes)
	}
	for L, n := range sizes {
		if n < 1 {
			return fmt.Errorf(pick("nnlesson: layer %d of %v has %d neurons; every layer needs at least one",
				"nnlesson: warstwa %d z %v ma %d neuronów; każda warstwa potrzebuje co najmniej jednego"), L, sizes, n)
		}
	}
	// Count in floating point: the product of two absurd sizes overflows an int.
	params := 0.0
	for L := 1; L < len(sizes); L++ {
		params += float64(sizes[L])*float64(sizes[L-1]) + float64(sizes[L])
	}
	if params > MaxParams {
		return fmt.Errorf(pick("nnlesson: a %s network has %s weights and biases and needs %s of memory; this course allows at most %s (%s): make the layers smaller",
			"nnlesson: sieć %s ma %s wag i biasów i potrzebuje %s pamięci; kurs pozwala na najwyżej %s (%s): zmniejsz warstwy"),
			sizesString(sizes), count(params), bytes(8*params), count(MaxParams), bytes(8*MaxParams))
	}
	return nil
}

// count writes a number of parameters the way the lessons do: 13,002.
func count(n float64) string {
	if n >= 1e15 {
		return fmt.Sprintf("%.2g", n)
	}
	s := strconv.FormatFloat(n, 'f', 0, 64)
	for i := len(s) - 3; i > 0; i -= 3 {
		s = s[:i] + "," + s[i:]
	}
	return s
}

// bytes writes a size in bytes with its unit: "800 MB", "6.4 TB".
func bytes(n float64) string {
	if n >= 1e16 {
		return fmt.Sprintf("%.2g bytes", n)
	}
	units := []string{"B", "kB", "MB", "GB", "TB", "PB"}
	u := 0
	for n >= 1000 && u < len(units)-1 {
		n /= 1000
		u++
	}
	if n >= 10 {
		return fmt.Sprintf("%.0f %s", n, units[u])
	}
	return fmt.Sprintf("%.1f %s", n, units[u])
}

// Layers returns the number of the last layer, the slide's L for the output:
// 3 for a 784-16-16-10 network. Layers 1 … Layers() hold weights.
func (net *Network) Layers() int {
	net.check()
	return len(net.sizes) - 1
}

// Sizes returns the number of neurons in each layer, input first:
// [784 16 16 10] for the 3Blue1Brown network. It is a copy.
func (net *Network) Sizes() []int {
	net.check()
	return append([]int(nil), net.sizes...)
}

// checkLayer panics unless L is a layer with weights, 1 … Layers().
func (net *Network) checkLayer(L int) {
	net.check()
	checkLayer(net.sizes, L)
}

// check panics unless net was made by NewNetwork (or Clone): a nil or zero
// Network has no layers to compute with.
func (net *Network) check() {
	if net == nil || len(net.sizes) == 0 {
		panic("nnlesson: the network is nil or empty (a zero Network); make one with NewNetwork(sizes, rng)")
	}
}

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

// checkInput panics unless x has one number per input neuron.
func (net *Network) checkInput(x []float64) {
	net.check()
	if len(x) != net.sizes[0] {
		panic(fmt.Sprintf("nnlesson: the input layer has %d neurons, got %d inputs", net.sizes[0], len(x)))
	}
	for k, v := range x {
		if math.IsNaN(v) || math.IsInf(v, 0) {
			panic(fmt.Sprintf("nnlesson: input a_%d^(0) is %v; every input of the network must be a number (MNIST's pixels are in [0, 1])", k, v))
		}
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
// output neuron with the largest activation (the digit, for MNIST), see
// Answer. It panics if x has the wrong length or is not all numbers.
func (net *Network) Predict(x []float64) int {
	return Answer(net.FeedForward(x))
}

// Answer returns the network's answer read from its outputs: the number j
// of the output neuron with the largest activation a_j^(L). Ties go to the
// lower number. It panics if there are no outputs or one is NaN, which has
// no place in the order.
func Answer(outputs []float64) int {
	if len(outputs) == 0 {
		panic("nnlesson: Answer needs the network's outputs, got none")
	}
	best := 0
	for j, v := range outputs {
		if math.IsNaN(v) {
			panic(fmt.Sprintf("nnlesson: output a_%d is NaN, so no output is the largest: the weights hold NaN (training diverged?)", j))
		}
		if v > outputs[best] {
			best = j
		}
	}
	return best
}

// String describes the network by its layer sizes and activations, in the
// lesson's Language:
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
	return fmt.Sprintf(pick("%s network (%s)", "sieć %s (%s)"), sizesString(net.sizes), strings.Join(names, ", "))
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
	net.check()
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

// checkLayer panics unless L is a layer with weights of a network of the
// given sizes, 1 … len(sizes)−1.
func checkLayer(sizes []int, L int) {
	if last := len(sizes) - 1; L < 1 || L > last {
		panic(fmt.Sprintf("nnlesson: layer %d does not exist: this network has layers 1…%d (layer 0 is the input, it has no weights)", L, last))
	}
}

// checkSameShape panics unless two networks' sizes agree.
func checkSameShape(what string, a, b []int) {
	if !slices.Equal(a, b) {
		panic(fmt.Sprintf("nnlesson: %s do not match: one is for a %s network, the other for %s", what, sizesString(a), sizesString(b)))
	}
}

// sizesString writes layer sizes the way the lecture does: "784-16-16-10".
func sizesString(sizes []int) string {
	s := make([]string, len(sizes))
	for L, n := range sizes {
		s[L] = strconv.Itoa(n)
	}
	return strings.Join(s, "-")
}
