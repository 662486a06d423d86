package nnlesson_test

import (
	"fmt"
	"math"
	"math/rand/v2"
	"testing"

	"gonum.org/v1/gonum/diff/fd"
	"gonum.org/v1/gonum/mat"

	"github.com/nnlesson/course/nnlesson"
)

// The output layer's gradient, computed with the slide's formulas written
// index by index, must match Backprop.
func TestBackpropOutputLayerFormulas(t *testing.T) {
	net := nnlesson.NewNetwork([]int{3, 4, 2}, newRand(11))
	x := []float64{0.2, 0.7, 0.1}
	y := []float64{1, 0}
	zs, as := net.FeedForwardTrace(x)
	g := net.Backprop(x, y)

	L := 2
	f := net.Activation(L)
	for k := 0; k < 2; k++ {
		common := f.Prime(zs[L].AtVec(k)) * 2 * (as[L].AtVec(k) - y[k]) // f′(z_k) 2(a_k − y_k)
		if got := g.B(L).AtVec(k); math.Abs(got-common) > 1e-15 {
			t.Errorf("∂C/∂b_%d = %v, want f′(z_k) 2(a_k − y_k) = %v", k, got, common)
		}
		for j := 0; j < 4; j++ {
			want := as[L-1].AtVec(j) * common // a_j^(L−1) f′(z_k) 2(a_k − y_k)
			if got := g.W(L).At(k, j); math.Abs(got-want) > 1e-15 {
				t.Errorf("∂C/∂w_%d%d = %v, want %v", k, j, got, want)
			}
		}
	}
	// One layer down, ∂C/∂a_k^(1) = Σ_j w_jk f′(z_j) 2(a_j − y_j) feeds the same formulas.
	for k := 0; k < 4; k++ {
		var dCdA float64
		for j := 0; j < 2; j++ {
			dCdA += net.W(2).At(j, k) * f.Prime(zs[2].AtVec(j)) * 2 * (as[2].AtVec(j) - y[j])
		}
		want := net.Activation(1).Prime(zs[1].AtVec(k)) * dCdA
		if got := g.B(1).AtVec(k); math.Abs(got-want) > 1e-15 {
			t.Errorf("∂C/∂b_%d^(1) = %v, want %v", k, got, want)
		}
	}
	if r, c := g.W(1).Dims(); r != 4 || c != 3 {
		t.Errorf("gradient W(1) is %d×%d, want the network's 4×3", r, c)
	}
}

func TestChain(t *testing.T) {
	for _, hidden := range []nnlesson.Activation{nnlesson.SigmoidActivation, nnlesson.ReLUActivation} {
		net := nnlesson.NewNetwork([]int{1, 1, 1, 1}, newRand(4))
		net.SetHiddenActivation(hidden)
		net.W(1).Set(0, 0, 0.8) // keep every z away from ReLU's corner at 0
		net.B(1).SetVec(0, 0.3)
		net.W(2).Set(0, 0, -1.2)
		net.B(2).SetVec(0, 1.5)
		x, y := 0.6, 1.0
		chain := net.Chain(x, y)
		if len(chain) != 4 || chain[0].A != x {
			t.Fatalf("%s: %d entries, chain[0].A = %v", hidden, len(chain), chain[0].A)
		}
		if out := net.FeedForward([]float64{x})[0]; chain[3].A != out {
			t.Errorf("%s: chain output %v, FeedForward %v", hidden, chain[3].A, out)
		}
		if want := 2 * (chain[3].A - y); chain[3].DCdA != want {
			t.Errorf("%s: output ∂C/∂a = %v, want 2(a − y) = %v", hidden, chain[3].DCdA, want)
		}
		g := net.Backprop([]float64{x}, []float64{y})
		for L := 1; L <= 3; L++ {
			c := chain[L]
			if c.DZdW != chain[L-1].A || c.DZdAPrev != net.W(L).At(0, 0) || c.DAdZ != net.Activation(L).Prime(c.Z) {
				t.Errorf("%s layer %d: factors %+v", hidden, L, c)
			}
			if L < 3 && c.DCdA != chain[L+1].DCdAPrev {
				t.Errorf("%s layer %d: ∂C/∂a = %v, want the layer above's ∂C/∂a^(L−1) = %v", hidden, L, c.DCdA, chain[L+1].DCdAPrev)
			}
			if math.Abs(c.DCdW-g.W(L).At(0, 0)) > 1e-15 || math.Abs(c.DCdB-g.B(L).AtVec(0)) > 1e-15 {
				t.Errorf("%s layer %d: chain ∂C/∂w = %v, ∂C/∂b = %v; Backprop %v, %v", hidden, L, c.DCdW, c.DCdB, g.W(L).At(0, 0), g.B(L).AtVec(0))
			}
		}
		// Layer 1's ∂C/∂a^(0) is how the cost changes with the input x itself.
		cost := func(x float64) float64 { return math.Pow(net.FeedForward([]float64{x})[0]-y, 2) }
		num := fd.Derivative(cost, x, &fd.Settings{Formula: fd.Central})
		if got := chain[1].DCdAPrev; math.Abs(got-num) > 1e-8 {
			t.Errorf("%s: ∂C/∂a^(0) = %v, central difference %v", hidden, got, num)
		}
	}
	wantPanic(t, func() { nnlesson.NewNetwork([]int{1, 2, 1}, newRand(1)).Chain(0.5, 1) },
		"nnlesson: Chain needs one neuron per layer (sizes like 1-1-1-1), this network is 1-2-1")
}

func TestGradientFlatOrder(t *testing.T) {
	net := nnlesson.NewNetwork([]int{3, 2, 2}, newRand(2))
	g := net.Backprop([]float64{0.1, 0.2, 0.3}, []float64{0, 1})
	flat := g.Flat()
	if len(flat) != net.NumParams() {
		t.Fatalf("Flat has %d values, the network %d parameters", len(flat), net.NumParams())
	}
	// Layer 1: W(1) row by row (indices 0–5), b(1) (6–7); layer 2: W(2) (8–11), b(2) (12–13).
	for _, tc := range []struct {
		i    int
		name string
		want float64
	}{
		{0, "w_0,0^(1)", g.W(1).At(0, 0)},
		{1, "w_0,1^(1)", g.W(1).At(0, 1)},
		{3, "w_1,0^(1)", g.W(1).At(1, 0)},
		{5, "w_1,2^(1)", g.W(1).At(1, 2)},
		{6, "b_0^(1)", g.B(1).AtVec(0)},
		{7, "b_1^(1)", g.B(1).AtVec(1)},
		{8, "w_0,0^(2)", g.W(2).At(0, 0)},
		{11, "w_1,1^(2)", g.W(2).At(1, 1)},
		{13, "b_1^(2)", g.B(2).AtVec(1)},
	} {
		if flat[tc.i] != tc.want || g.ParamName(tc.i) != tc.name {
			t.Errorf("Flat()[%d] = %v named %q, want %v named %q", tc.i, flat[tc.i], g.ParamName(tc.i), tc.want, tc.name)
		}
	}
	wantPanic(t, func() { g.ParamName(14) }, "nnlesson: parameter 14 does not exist: a 3-2-2 network has parameters 0…13")
	wantPanic(t, func() { g.ParamName(-1) }, "nnlesson: parameter -1 does not exist")
	wantPanic(t, func() { g.W(3) }, "nnlesson: layer 3 does not exist: this network has layers 1…2")
	wantPanic(t, func() { g.B(0) }, "nnlesson: layer 0 does not exist")
}

func TestAverageGradient(t *testing.T) {
	net := nnlesson.NewNetwork([]int{2, 3, 2}, newRand(6))
	xs := [][]float64{{0.1, 0.9}, {0.8, 0.3}, {0.5, 0.5}}
	ys := [][]float64{{1, 0}, {0, 1}, {0, 1}}
	var gs []*nnlesson.Gradient
	for i := range xs {
		gs = append(gs, net.Backprop(xs[i], ys[i]))
	}
	avg := nnlesson.AverageGradient(gs)
	flats := [][]float64{gs[0].Flat(), gs[1].Flat(), gs[2].Flat()}
	for i, got := range avg.Flat() {
		want := (flats[0][i] + flats[1][i] + flats[2][i]) / 3
		if math.Abs(got-want) > 1e-15 {
			t.Errorf("average of %s = %v, want %v", avg.ParamName(i), got, want)
		}
	}
	// The average is the gradient of the average cost, ∂/∂p (1/n) Σ C_x.
	sum := net.NewGradient()
	for _, g := range gs {
		sum.Add(g)
	}
	sum.Scale(1.0 / 3)
	if e := nnlesson.MaxRelativeError(sum, avg); e > 1e-15 {
		t.Errorf("Add and Scale differ from AverageGradient by %v", e)
	}
	if gs[0].Flat()[0] != flats[0][0] {
		t.Error("AverageGradient changed its inputs")
	}
	other := nnlesson.NewNetwork([]int{2, 4, 2}, newRand(6)).NewGradient()
	wantPanic(t, func() { nnlesson.AverageGradient([]*nnlesson.Gradient{gs[0], other}) },
		"nnlesson: the gradients do not match: one is for a 2-3-2 network, the other for 2-4-2")
	wantPanic(t, func() { nnlesson.AverageGradient(nil) }, "nnlesson: AverageGradient needs at least one gradient")
}

func TestStep(t *testing.T) {
	net := nnlesson.NewNetwork([]int{3, 4, 2}, newRand(8))
	x, y := []float64{0.3, 0.6, 0.9}, []float64{0, 1}
	before := net.Params()
	cost := nnlesson.Cost(net.FeedForward(x), y)
	g := net.Backprop(x, y)
	eta := 0.1
	net.Step(g, eta)
	after, flat := net.Params(), g.Flat()
	for i := range after {
		if want := before[i] - eta*flat[i]; math.Abs(after[i]-want) > 1e-15 {
			t.Errorf("%s: %v after the step, want p − η ∂C/∂p = %v", g.ParamName(i), after[i], want)
		}
	}
	if got := nnlesson.Cost(net.FeedForward(x), y); !(got < cost) {
		t.Errorf("a small step against the gradient did not lower the cost: %v → %v", cost, got)
	}
	wantPanic(t, func() { net.Step(nnlesson.NewNetwork([]int{3, 2}, newRand(1)).NewGradient(), 0.1) },
		"nnlesson: the gradient and the network do not match: one is for a 3-2 network, the other for 3-4-2")
}

func TestBackpropBadInput(t *testing.T) {
	net := nnlesson.NewNetwork([]int{784, 16, 16, 10}, newRand(1))
	wantPanic(t, func() { net.Backprop(make([]float64, 783), make([]float64, 10)) },
		"nnlesson: the input layer has 784 neurons, got 783 inputs")
	wantPanic(t, func() { net.Backprop(make([]float64, 784), make([]float64, 9)) },
		"nnlesson: the output layer has 10 neurons, got 9 targets y")
}

func ExampleNetwork_Backprop() {
	net := nnlesson.NewNetwork([]int{2, 3, 1}, rand.New(rand.NewPCG(1, 2)))
	x, y := []float64{0.5, 0.9}, []float64{1}
	g := net.Backprop(x, y)
	fmt.Printf("∂C/∂W^(2) =\n%.4f\n", mat.Formatted(g.W(2)))
	fmt.Printf("∂C/∂b^(2) = %.4f\n", g.B(2).AtVec(0))

	before := nnlesson.Cost(net.FeedForward(x), y)
	net.Step(g, 0.5)
	after := nnlesson.Cost(net.FeedForward(x), y)
	fmt.Printf("C: %.4f → %.4f\n", before, after)
	// Output:
	// ∂C/∂W^(2) =
	// [-0.1320  -0.1105  -0.0145]
	// ∂C/∂b^(2) = -0.1480
	// C: 0.8296 → 0.8019
}

func ExampleNetwork_Chain() {
	// C(w_1, b_1, w_2, b_2, w_3, b_3): one neuron per layer, weights set by hand.
	net := nnlesson.NewNetwork([]int{1, 1, 1, 1}, rand.New(rand.NewPCG(1, 2)))
	for L, wb := range [][2]float64{1: {0.8, 0.3}, 2: {-1.2, 1.5}, 3: {2.0, -0.5}} {
		if L > 0 {
			net.W(L).Set(0, 0, wb[0])
			net.B(L).SetVec(0, wb[1])
		}
	}
	chain := net.Chain(0.6, 1.0) // input a^(0) = 0.6, wanted output y = 1
	fmt.Println("L   a^(L)   ∂z/∂w   ∂a/∂z   ∂C/∂a   ∂C/∂w   ∂C/∂b")
	for L := 1; L < len(chain); L++ {
		c := chain[L]
		fmt.Printf("%d  %.4f  %.4f  %.4f  %.4f  %.4f  %.4f\n", L, c.A, c.DZdW, c.DAdZ, c.DCdA, c.DCdW, c.DCdB)
	}
	// Output:
	// L   a^(L)   ∂z/∂w   ∂a/∂z   ∂C/∂a   ∂C/∂w   ∂C/∂b
	// 1  0.6857  0.6000  0.2155  0.0691  0.0089  0.0149
	// 2  0.6631  0.6857  0.2234  -0.2579  -0.0395  -0.0576
	// 3  0.6956  0.6631  0.2118  -0.6089  -0.0855  -0.1289
}

func ExampleAverageGradient() {
	net := nnlesson.NewNetwork([]int{2, 3, 1}, rand.New(rand.NewPCG(1, 2)))
	examples := []struct{ x, y []float64 }{
		{[]float64{0.1, 0.9}, []float64{1}},
		{[]float64{0.8, 0.2}, []float64{0}},
		{[]float64{0.6, 0.7}, []float64{1}},
	}
	var gs []*nnlesson.Gradient
	for _, e := range examples {
		gs = append(gs, net.Backprop(e.x, e.y))
	}
	avg := nnlesson.AverageGradient(gs)
	// The slide's table: one column per example, then their average.
	// Flat index i is the slide's w_i; ParamName says which weight or bias it is.
	for _, i := range []int{0, 1, 6, net.NumParams() - 1} {
		fmt.Printf("w_%-2d %-10s", i, avg.ParamName(i))
		for _, g := range gs {
			fmt.Printf(" %+.4f", g.Flat()[i])
		}
		fmt.Printf("  → %+.4f\n", avg.Flat()[i])
	}
	// Output:
	// w_0  w_0,0^(1)  +0.0008 -0.0006 +0.0045  → +0.0016
	// w_1  w_0,1^(1)  +0.0075 -0.0002 +0.0053  → +0.0042
	// w_6  b_0^(1)    +0.0083 -0.0008 +0.0076  → +0.0051
	// w_12 b_0^(2)    -0.1488 +0.0151 -0.1484  → -0.0940
}
