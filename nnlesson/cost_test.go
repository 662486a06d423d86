package nnlesson_test

import (
	"fmt"
	"math"
	"slices"
	"testing"

	"github.com/nnlesson/course/nnlesson"
)

// The slide "The cost function": an untrained network shown a "3".
var (
	slideOutputs = []float64{0.43, 0.28, 0.19, 0.88, 0.72, 0.01, 0.64, 0.86, 0.99, 0.63}
	slideSquares = []float64{0.1863, 0.0809, 0.0357, 0.0138, 0.5242, 0.0001, 0.4079, 0.7388, 0.9817, 0.3998}
)

func TestCostSlideThree(t *testing.T) {
	y := nnlesson.OneHot(3, 10)

	// With the outputs as printed, rounded to two digits: 0.43² + … + (0.88 − 1)² + … = 3.3585.
	if got := nnlesson.Cost(slideOutputs, y); math.Abs(got-3.3585) > 1e-12 {
		t.Errorf("cost of the rounded outputs = %.6f, want 3.3585", got)
	}

	// The slide's squares come from the outputs before rounding; they add up
	// to 3.3692, which the slide prints as 3.37.
	var sum float64
	for _, s := range slideSquares {
		sum += s
	}
	if math.Abs(sum-3.3692) > 1e-12 || fmt.Sprintf("%.2f", sum) != "3.37" {
		t.Errorf("the slide's squares add up to %.6f, want 3.3692 (3.37)", sum)
	}

	// Unrounded outputs recovered from the squares (a_i = √square, and
	// a_3 = 1 − √0.0138 since a_3 < 1) cost the slide's 3.37 again.
	unrounded := make([]float64, 10)
	for i, s := range slideSquares {
		unrounded[i] = math.Sqrt(s)
	}
	unrounded[3] = 1 - math.Sqrt(slideSquares[3])
	if got := nnlesson.Cost(unrounded, y); math.Abs(got-3.3692) > 1e-12 {
		t.Errorf("cost of the unrounded outputs = %.6f, want 3.3692", got)
	}
	for i := range unrounded {
		if math.Abs(unrounded[i]-slideOutputs[i]) > 0.005 {
			t.Errorf("output %d: unrounded %.4f does not round to the slide's %.2f", i, unrounded[i], slideOutputs[i])
		}
	}
}

func TestCost(t *testing.T) {
	for _, tc := range []struct {
		a, y []float64
		want float64
	}{
		{[]float64{}, []float64{}, 0},
		{[]float64{0.5}, []float64{0.5}, 0},
		{[]float64{1}, []float64{0}, 1},              // no factor ½
		{[]float64{0.2, 0.9}, []float64{0, 1}, 0.05}, // 0.04 + 0.01
		{[]float64{3, -1, 0}, []float64{1, 1, 1}, 4 + 4 + 1},
	} {
		if got := nnlesson.Cost(tc.a, tc.y); math.Abs(got-tc.want) > 1e-15 {
			t.Errorf("Cost(%v, %v) = %v, want %v", tc.a, tc.y, got, tc.want)
		}
	}
}

func TestCostPrime(t *testing.T) {
	a := []float64{0.2, 0.9, 0.5}
	y := []float64{0, 1, 0.5}
	got := nnlesson.CostPrime(a, y)
	want := []float64{2 * 0.2, 2 * (0.9 - 1), 0}
	for i := range want {
		if math.Abs(got[i]-want[i]) > 1e-15 {
			t.Errorf("∂C/∂a_%d = %v, want 2(a − y) = %v", i, got[i], want[i])
		}
	}
	// Compare with a central difference of the cost itself.
	for i := range a {
		h := 1e-6
		up, down := slices.Clone(a), slices.Clone(a)
		up[i] += h
		down[i] -= h
		num := (nnlesson.Cost(up, y) - nnlesson.Cost(down, y)) / (2 * h)
		if math.Abs(got[i]-num) > 1e-8 {
			t.Errorf("∂C/∂a_%d = %v, central difference %v", i, got[i], num)
		}
	}
}

func TestCostBadInput(t *testing.T) {
	wantPanic(t, func() { nnlesson.Cost(make([]float64, 10), make([]float64, 9)) },
		"nnlesson: the cost compares each output with its target: got 10 outputs a but 9 targets y")
	wantPanic(t, func() { nnlesson.CostPrime(make([]float64, 2), make([]float64, 3)) },
		"nnlesson: ", "2 outputs a but 3 targets y")
	wantPanic(t, func() { nnlesson.OneHot(10, 10) }, "nnlesson: OneHot needs a digit in 0…9 for 10 outputs, got 10")
	wantPanic(t, func() { nnlesson.OneHot(-1, 10) }, "got -1")
}

func TestOneHot(t *testing.T) {
	for digit := range 10 {
		y := nnlesson.OneHot(digit, 10)
		for i, v := range y {
			if (i == digit) != (v == 1) || (v != 0 && v != 1) {
				t.Errorf("OneHot(%d, 10) = %v", digit, y)
				break
			}
		}
	}
}

func ExampleCost() {
	// The slide's untrained network, shown a "3".
	a := []float64{0.43, 0.28, 0.19, 0.88, 0.72, 0.01, 0.64, 0.86, 0.99, 0.63}
	y := nnlesson.OneHot(3, 10)
	fmt.Println("y =", y)
	fmt.Printf("C = %.4f\n", nnlesson.Cost(a, y))
	// Output:
	// y = [0 0 0 1 0 0 0 0 0 0]
	// C = 3.3585
}

func ExampleCostPrime() {
	a := []float64{0.43, 0.28, 0.19, 0.88}
	y := nnlesson.OneHot(3, 4)
	fmt.Printf("∂C/∂a = %.4f\n", nnlesson.CostPrime(a, y))
	// Output:
	// ∂C/∂a = [0.8600 0.5600 0.3800 -0.2400]
}
