package nnlesson_test

import (
	"fmt"
	"math"
	"math/rand/v2"
	"slices"
	"strings"
	"testing"

	"gonum.org/v1/gonum/mat"

	"github.com/nnlesson/course/nnlesson"
)

func newRand(seed uint64) *rand.Rand { return rand.New(rand.NewPCG(seed, 2024)) }

func TestNumParams(t *testing.T) {
	for _, tc := range []struct {
		sizes []int
		want  int
	}{
		{[]int{784, 16, 16, 10}, 784*16 + 16 + 16*16 + 16 + 16*10 + 10}, // 13,002: the slide's w_0 … w_13,001
		{[]int{3, 2}, 3*2 + 2},
		{[]int{2, 3, 1}, 2*3 + 3 + 3*1 + 1},
		{[]int{1, 1, 1, 1}, 6},
	} {
		net := nnlesson.NewNetwork(tc.sizes, newRand(1))
		if got := net.NumParams(); got != tc.want {
			t.Errorf("%v: NumParams = %d, want %d", tc.sizes, got, tc.want)
		}
		if got := len(net.Params()); got != tc.want {
			t.Errorf("%v: len(Params) = %d, want %d", tc.sizes, got, tc.want)
		}
	}
	if got := nnlesson.NewNetwork([]int{784, 16, 16, 10}, newRand(1)).NumParams(); got != 13002 {
		t.Errorf("784-16-16-10 has %d parameters, the slide says 13,002", got)
	}
}

func TestNewNetworkShapes(t *testing.T) {
	sizes := []int{5, 4, 3, 2}
	net := nnlesson.NewNetwork(sizes, newRand(1))
	if net.Layers() != 3 {
		t.Errorf("Layers = %d, want 3", net.Layers())
	}
	if got := net.Sizes(); !slices.Equal(got, sizes) {
		t.Errorf("Sizes = %v, want %v", got, sizes)
	}
	net.Sizes()[0] = 99 // a copy: must not change the network
	if net.Sizes()[0] != 5 {
		t.Error("changing the slice Sizes returned changed the network")
	}
	for L := 1; L <= net.Layers(); L++ {
		if r, c := net.W(L).Dims(); r != sizes[L] || c != sizes[L-1] {
			t.Errorf("W(%d) is %d×%d, want n_L × n_(L−1) = %d×%d", L, r, c, sizes[L], sizes[L-1])
		}
		if net.B(L).Len() != sizes[L] {
			t.Errorf("B(%d) has %d values, want %d", L, net.B(L).Len(), sizes[L])
		}
		if net.Activation(L).Name != "sigmoid" {
			t.Errorf("layer %d: activation %q, want sigmoid by default", L, net.Activation(L).Name)
		}
	}
}

func TestNewNetworkDeterministic(t *testing.T) {
	a := nnlesson.NewNetwork([]int{4, 3, 2}, newRand(7)).Params()
	b := nnlesson.NewNetwork([]int{4, 3, 2}, newRand(7)).Params()
	c := nnlesson.NewNetwork([]int{4, 3, 2}, newRand(8)).Params()
	if !slices.Equal(a, b) {
		t.Error("the same seed gave different networks")
	}
	if slices.Equal(a, c) {
		t.Error("different seeds gave the same network")
	}
}

// FeedForward must agree with the network computed neuron by neuron, the
// slide "How a neuron works" applied to every neuron of every layer.
func TestFeedForwardNeuronByNeuron(t *testing.T) {
	rng := newRand(3)
	net := nnlesson.NewNetwork([]int{4, 5, 3, 2}, rng)
	net.SetActivation(2, nnlesson.ReLUActivation)
	x := []float64{0.1, 0.9, 0.4, 0.7}

	a := x
	for L := 1; L <= net.Layers(); L++ {
		next := make([]float64, net.Sizes()[L])
		for k := range next {
			n := nnlesson.Neuron{W: mat.Row(nil, k, net.W(L)), B: net.B(L).AtVec(k), F: net.Activation(L)}
			next[k] = n.Output(a)
		}
		a = next
	}
	got := net.FeedForward(x)
	for k := range a {
		if math.Abs(got[k]-a[k]) > 1e-14 {
			t.Errorf("output %d = %v, neuron by neuron %v", k, got[k], a[k])
		}
	}

	zs, as := net.FeedForwardTrace(x)
	if zs[0] != nil || !slices.Equal(as[0].RawVector().Data, x) {
		t.Errorf("trace: zs[0] = %v, as[0] = %v; want nil and the input", zs[0], as[0])
	}
	for L := 1; L <= net.Layers(); L++ {
		if zs[L].Len() != net.Sizes()[L] || as[L].Len() != net.Sizes()[L] {
			t.Errorf("trace layer %d: %d z and %d a, want %d", L, zs[L].Len(), as[L].Len(), net.Sizes()[L])
		}
	}
	if !slices.Equal(as[3].RawVector().Data, got) {
		t.Error("the trace's last activations differ from FeedForward")
	}
}

func TestWAndBAreLive(t *testing.T) {
	net := nnlesson.NewNetwork([]int{2, 2}, newRand(1))
	net.W(1).Copy(mat.NewDense(2, 2, []float64{1, 2, 3, 4}))
	net.B(1).SetVec(0, -1)
	net.B(1).SetVec(1, 0.5)
	x := []float64{0.5, -0.25}
	got := net.FeedForward(x)
	want := []float64{
		nnlesson.Sigmoid(1*0.5 + 2*-0.25 - 1),
		nnlesson.Sigmoid(3*0.5 + 4*-0.25 + 0.5),
	}
	if !slices.Equal(got, want) {
		t.Errorf("after setting W and b: FeedForward = %v, want %v", got, want)
	}
}

func TestPredict(t *testing.T) {
	net := nnlesson.NewNetwork([]int{1, 4}, newRand(1))
	net.W(1).Zero()
	net.B(1).CopyVec(mat.NewVecDense(4, []float64{0.1, 2, -1, 2})) // a tie between 1 and 3
	if got := net.Predict([]float64{0.3}); got != 1 {
		t.Errorf("Predict = %d, want 1 (the largest output, the first on a tie)", got)
	}
	net.B(1).SetVec(3, 2.5)
	if got := net.Predict([]float64{0.3}); got != 3 {
		t.Errorf("Predict = %d, want 3", got)
	}
}

func TestSetActivation(t *testing.T) {
	net := nnlesson.NewNetwork([]int{784, 16, 16, 10}, newRand(1))
	if got := net.String(); got != "784-16-16-10 network (sigmoid)" {
		t.Errorf("String = %q", got)
	}
	net.SetHiddenActivation(nnlesson.ReLUActivation)
	if got := net.String(); got != "784-16-16-10 network (relu, relu, sigmoid)" {
		t.Errorf("after SetHiddenActivation(ReLU): String = %q", got)
	}
	net.SetActivation(3, nnlesson.ReLUActivation)
	if net.Activation(3).Name != "relu" || net.String() != "784-16-16-10 network (relu)" {
		t.Errorf("after SetActivation(3, ReLU): layer 3 is %q, String = %q", net.Activation(3).Name, net.String())
	}
	wantPanic(t, func() { net.SetActivation(1, nnlesson.Activation{Name: "half"}) }, "nnlesson: ", `"half"`)
}

func TestParamsRoundTripAndClone(t *testing.T) {
	net := nnlesson.NewNetwork([]int{3, 4, 2}, newRand(5))
	clone := net.Clone()
	p := net.Params()
	for i := range p {
		p[i] = float64(i)
	}
	net.SetParams(p)
	if !slices.Equal(net.Params(), p) {
		t.Error("Params after SetParams differ")
	}
	if net.W(1).At(0, 1) != 1 || net.B(1).AtVec(0) != 12 || net.W(2).At(1, 0) != 20 {
		t.Errorf("Params order: W(1)[0,1] = %v (want 1), b(1)[0] = %v (want 12), W(2)[1,0] = %v (want 20)",
			net.W(1).At(0, 1), net.B(1).AtVec(0), net.W(2).At(1, 0))
	}
	if slices.Equal(clone.Params(), p) {
		t.Error("the clone changed with the network")
	}
	wantPanic(t, func() { net.SetParams(p[1:]) }, "nnlesson: a 3-4-2 network has 26 parameters, got 25 values")
}

func TestNetworkBadInput(t *testing.T) {
	net := nnlesson.NewNetwork([]int{784, 16, 16, 10}, newRand(1))
	for _, tc := range []struct {
		name string
		f    func()
		want string
	}{
		{"FeedForward short", func() { net.FeedForward(make([]float64, 783)) },
			"nnlesson: the input layer has 784 neurons, got 783 inputs"},
		{"Predict long", func() { net.Predict(make([]float64, 785)) },
			"nnlesson: the input layer has 784 neurons, got 785 inputs"},
		{"W(4)", func() { net.W(4) },
			"nnlesson: layer 4 does not exist: this network has layers 1…3 (layer 0 is the input, it has no weights)"},
		{"W(0)", func() { net.W(0) }, "nnlesson: layer 0 does not exist"},
		{"B(-1)", func() { net.B(-1) }, "nnlesson: layer -1 does not exist"},
		{"Activation(4)", func() { net.Activation(4) }, "nnlesson: layer 4 does not exist"},
		{"one layer", func() { nnlesson.NewNetwork([]int{784}, newRand(1)) },
			"nnlesson: a network needs at least two layers (the input and the output), got sizes [784]"},
		{"no layers", func() { nnlesson.NewNetwork(nil, newRand(1)) }, "at least two layers"},
		{"empty layer", func() { nnlesson.NewNetwork([]int{784, 0, 10}, newRand(1)) },
			"nnlesson: layer 1 of [784 0 10] has 0 neurons; every layer needs at least one"},
	} {
		t.Run(tc.name, func(t *testing.T) { wantPanic(t, tc.f, tc.want) })
	}
}

func ExampleNewNetwork() {
	net := nnlesson.NewNetwork([]int{784, 16, 16, 10}, rand.New(rand.NewPCG(1, 2)))
	fmt.Println(net)
	fmt.Println("parameters:", net.NumParams())
	for L := 1; L <= net.Layers(); L++ {
		r, c := net.W(L).Dims()
		fmt.Printf("W^(%d) is %d×%d, b^(%d) has %d\n", L, r, c, L, net.B(L).Len())
	}
	net.SetHiddenActivation(nnlesson.ReLUActivation)
	fmt.Println(net)
	// Output:
	// 784-16-16-10 network (sigmoid)
	// parameters: 13002
	// W^(1) is 16×784, b^(1) has 16
	// W^(2) is 16×16, b^(2) has 16
	// W^(3) is 10×16, b^(3) has 10
	// 784-16-16-10 network (relu, relu, sigmoid)
}

func ExampleNetwork_FeedForwardTrace() {
	net := nnlesson.NewNetwork([]int{4, 3, 2}, rand.New(rand.NewPCG(1, 2)))
	zs, as := net.FeedForwardTrace([]float64{0.0, 0.5, 1.0, 0.5})
	for L := range as {
		if L == 0 {
			fmt.Printf("a^(0) has %d values: the input\n", as[0].Len())
			continue
		}
		fmt.Printf("z^(%d) and a^(%d) have %d values\n", L, L, zs[L].Len())
	}
	// Output:
	// a^(0) has 4 values: the input
	// z^(1) and a^(1) have 3 values
	// z^(2) and a^(2) have 2 values
}

func ExampleNetwork_W() {
	net := nnlesson.NewNetwork([]int{3, 2}, rand.New(rand.NewPCG(1, 2)))
	// W and B are the network's own: setting them sets the network.
	net.W(1).Copy(mat.NewDense(2, 3, []float64{
		0.2, -0.5, 0.1,
		0.4, 0.3, -0.2,
	}))
	net.B(1).CopyVec(mat.NewVecDense(2, []float64{0.1, -0.3}))
	fmt.Printf("w_01 = %.4f\n", net.W(1).At(0, 1))
	fmt.Printf("a^(1) = %.4f\n", net.FeedForward([]float64{1.0, 0.5, 0.25}))
	// Output:
	// w_01 = -0.5000
	// a^(1) = [0.5187 0.5498]
}

// Sizes that cannot make a network are refused before anything is
// allocated, with a message that says why — for absurd sizes, how much
// memory they would need.
func TestCheckSizes(t *testing.T) {
	for _, c := range []struct {
		sizes []int
		want  string
	}{
		{[]int{784}, "at least two layers"},
		{[]int{784, 0, 10}, "layer 1 of [784 0 10] has 0 neurons"},
		{[]int{784, 1e9, 10}, "a 784-1000000000-10 network has 795,000,000,010 weights and biases and needs 6.4 TB of memory; this course allows at most 100,000,000 (800 MB)"},
		{[]int{math.MaxInt >> 3, math.MaxInt >> 3}, "of memory; this course allows at most"}, // 1.2e18 each on 64-bit machines
	} {
		err := nnlesson.CheckSizes(c.sizes)
		if err == nil || !strings.Contains(err.Error(), c.want) {
			t.Errorf("CheckSizes(%v) = %v, want an error containing %q", c.sizes, err, c.want)
			continue
		}
		wantPanic(t, func() { nnlesson.NewNetwork(c.sizes, rand.New(rand.NewPCG(1, 2))) }, err.Error())
	}
	if err := nnlesson.CheckSizes([]int{784, 100, 30, 10}); err != nil {
		t.Errorf("the lessons' largest network: %v", err)
	}
}

// Mistakes that used to end in a raw nil-pointer panic or a silent answer
// now say what is wrong, in the lecture's terms.
func TestMisuseMessages(t *testing.T) {
	wantPanic(t, func() { nnlesson.NewNetwork([]int{2, 1}, nil) }, "needs a generator")
	var zero nnlesson.Network
	wantPanic(t, func() { zero.FeedForward([]float64{1}) }, "the network is nil or empty")
	var none *nnlesson.Network
	wantPanic(t, func() { none.Predict([]float64{1}) }, "the network is nil or empty")
	wantPanic(t, func() { zero.W(1) }, "the network is nil or empty")
	net := nnlesson.NewNetwork([]int{3, 2}, rand.New(rand.NewPCG(1, 2)))
	wantPanic(t, func() { net.Predict([]float64{0.5, math.NaN(), 0}) }, "input a_1^(0) is NaN")
	wantPanic(t, func() { nnlesson.Answer([]float64{0.1, math.NaN()}) }, "output a_1 is NaN")
	if got := nnlesson.Answer([]float64{0.1, 0.7, 0.7, 0.2}); got != 1 {
		t.Errorf("Answer with a tie between 1 and 2 = %d, want the lower, 1", got)
	}
}
