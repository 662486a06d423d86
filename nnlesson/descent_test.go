package nnlesson_test

import (
	"fmt"
	"math"
	"strings"
	"testing"

	"github.com/nnlesson/course/nnlesson"
)

// The slide's example function, C(w) = (w − 3)², and its derivative.
func parabola(x float64) float64      { return (x - 3) * (x - 3) }
func parabolaPrime(x float64) float64 { return 2 * (x - 3) }

func TestMinimizeConvergesToThree(t *testing.T) {
	for _, x0 := range []float64{-10, 0, 2.9, 3, 8} {
		r := nnlesson.Minimize(parabolaPrime, x0, nnlesson.DescentSettings{Eta: 0.1, Tolerance: 1e-6, MaxSteps: 1000})
		if r.Outcome != nnlesson.Converged {
			t.Errorf("from %v: outcome %v", x0, r.Outcome)
		}
		if math.Abs(r.X()-3) > 1e-6 {
			t.Errorf("from %v: ended at %v, want 3", x0, r.X())
		}
		if len(r.Path) != r.Steps+1 || len(r.Slopes) != len(r.Path) || r.Path[0] != x0 {
			t.Errorf("from %v: %d steps but %d points and %d slopes, starting at %v", x0, r.Steps, len(r.Path), len(r.Slopes), r.Path[0])
		}
		for i := 1; i < len(r.Path); i++ {
			// Every step is x ← x − η f′(x), and the cost never rises for this η.
			if want := r.Path[i-1] - 0.1*r.Slopes[i-1]; r.Path[i] != want {
				t.Fatalf("from %v, step %d: x = %v, want x − η f′(x) = %v", x0, i, r.Path[i], want)
			}
			if parabola(r.Path[i]) > parabola(r.Path[i-1]) {
				t.Errorf("from %v, step %d: the cost rose", x0, i)
			}
		}
	}
}

func TestMinimizeSlopeSign(t *testing.T) {
	// Steps 4 and 5: a positive slope moves x left, a negative one right.
	s := nnlesson.DescentSettings{Eta: 0.1, Tolerance: 1e-3, MaxSteps: 1}
	if r := nnlesson.Minimize(parabolaPrime, 5, s); !(r.Path[1] < 5) {
		t.Errorf("from 5 (slope +4) moved to %v, want left", r.Path[1])
	}
	if r := nnlesson.Minimize(parabolaPrime, 1, s); !(r.Path[1] > 1) {
		t.Errorf("from 1 (slope −4) moved to %v, want right", r.Path[1])
	}
}

func TestMinimizeDiverges(t *testing.T) {
	// With η > 1 each step overshoots 3 by more than it was off: |x − 3| grows by |1 − 2η|.
	r := nnlesson.Minimize(parabolaPrime, 0, nnlesson.DescentSettings{Eta: 1.5, Tolerance: 1e-6, MaxSteps: 10000})
	if r.Outcome != nnlesson.Diverged {
		t.Fatalf("η = 1.5: outcome %v, want diverged", r.Outcome)
	}
	if slope := r.Slopes[r.Steps]; r.Steps >= 10000 || math.Max(math.Abs(r.X()), math.Abs(slope)) < 1e9 {
		t.Errorf("η = 1.5: stopped after %d steps at x = %v, slope %v; want an early stop beyond the limit 1e9", r.Steps, r.X(), slope)
	}
	if got := r.Outcome.String() + "; " + r.Advice(); got != "diverged: x ran away instead of settling; take a smaller η" {
		t.Errorf("outcome and advice read %q", got)
	}
	// A NaN slope at the start diverges at once, and the advice blames the
	// derivative, not η: no step was taken.
	nan := nnlesson.Minimize(func(float64) float64 { return math.NaN() }, 1, nnlesson.DescentSettings{Eta: 0.1, MaxSteps: 5})
	if nan.Outcome != nnlesson.Diverged || nan.Steps != 0 {
		t.Errorf("NaN slope: %v after %d steps", nan.Outcome, nan.Steps)
	}
	if a := nan.Advice(); !strings.Contains(a, "the derivative is NaN at the starting point x = 1") || strings.Contains(a, "smaller η") {
		t.Errorf("NaN slope at the start: advice %q, want one that blames the derivative at x = 1, not η", a)
	}
	// A custom limit.
	small := nnlesson.Minimize(parabolaPrime, 0, nnlesson.DescentSettings{Eta: 1.5, MaxSteps: 100, Limit: 100})
	if small.Outcome != nnlesson.Diverged || math.Abs(small.X()) > 1000 {
		t.Errorf("Limit 100: %v at x = %v", small.Outcome, small.X())
	}
}

func TestMinimizeStepLimit(t *testing.T) {
	r := nnlesson.Minimize(parabolaPrime, 0, nnlesson.DescentSettings{Eta: 0.001, Tolerance: 1e-6, MaxSteps: 50})
	if r.Outcome != nnlesson.StepLimit || r.Steps != 50 || len(r.Path) != 51 {
		t.Errorf("tiny η: %v after %d steps, %d points", r.Outcome, r.Steps, len(r.Path))
	}
	if want := "x is still crawling downhill: take more steps or a larger η"; r.Advice() != want {
		t.Errorf("tiny η: advice %q, want %q", r.Advice(), want)
	}
	// η = 1 on (x − 3)² bounces between 0 and 6 for ever: the step is too large, not too small.
	b := nnlesson.Minimize(parabolaPrime, 0, nnlesson.DescentSettings{Eta: 1, Tolerance: 1e-6, MaxSteps: 20})
	if want := "x jumps across the minimum at every step: take a smaller η"; b.Outcome != nnlesson.StepLimit || b.Advice() != want {
		t.Errorf("η = 1: %v, advice %q; want step limit and %q", b.Outcome, b.Advice(), want)
	}
	if !(r.X() > 0 && r.X() < 3) {
		t.Errorf("tiny η: x = %v, want on the way from 0 to 3", r.X())
	}
	// η = 1 jumps between 0 and 6 forever: neither converging nor diverging.
	r = nnlesson.Minimize(parabolaPrime, 0, nnlesson.DescentSettings{Eta: 1, Tolerance: 1e-6, MaxSteps: 20})
	if r.Outcome != nnlesson.StepLimit || r.X() != 0 || r.Path[1] != 6 {
		t.Errorf("η = 1: %v, path %v", r.Outcome, r.Path)
	}
}

func TestMinimizeLocalMinimum(t *testing.T) {
	// f(x) = x⁴ − 3x² + x has two valleys: the deeper near x = −1.30, a
	// shallower one near x = 1.13. Descent finds the valley it starts in.
	f := func(x float64) float64 { return x*x*x*x - 3*x*x + x }
	fPrime := func(x float64) float64 { return 4*x*x*x - 6*x + 1 }
	s := nnlesson.DescentSettings{Eta: 0.01, Tolerance: 1e-8, MaxSteps: 10000}
	right := nnlesson.Minimize(fPrime, 2, s)
	left := nnlesson.Minimize(fPrime, -2, s)
	if right.Outcome != nnlesson.Converged || left.Outcome != nnlesson.Converged {
		t.Fatalf("outcomes %v and %v", right.Outcome, left.Outcome)
	}
	if math.Abs(right.X()-1.13) > 0.01 || math.Abs(left.X()+1.30) > 0.01 {
		t.Errorf("from 2 ended at %v (want ≈ 1.13), from −2 at %v (want ≈ −1.30)", right.X(), left.X())
	}
	if !(f(right.X()) > f(left.X())) {
		t.Errorf("f(%v) = %v should be above the global minimum f(%v) = %v", right.X(), f(right.X()), left.X(), f(left.X()))
	}
	ys := right.Values(f)
	if len(ys) != len(right.Path) || ys[0] != f(2) || ys[len(ys)-1] != f(right.X()) {
		t.Errorf("Values: %d heights for %d points", len(ys), len(right.Path))
	}
}

func TestMinimizeBadSettings(t *testing.T) {
	for _, s := range []nnlesson.DescentSettings{
		{Eta: 0, Tolerance: 1e-6, MaxSteps: 10},
		{Eta: -0.1, Tolerance: 1e-6, MaxSteps: 10},
		{Eta: math.NaN(), Tolerance: 1e-6, MaxSteps: 10},
		{Eta: 0.1, Tolerance: -1, MaxSteps: 10},
		{Eta: 0.1, Tolerance: 1e-6, MaxSteps: 0},
		{Eta: 0.1, Tolerance: 1e-6, MaxSteps: 10, Limit: -1},
		{Eta: math.Inf(1), Tolerance: 1e-6, MaxSteps: 10},
	} {
		wantPanic(t, func() { nnlesson.Minimize(parabolaPrime, 0, s) },
			"nnlesson: Minimize needs 0 < Eta < ∞, Tolerance ≥ 0, MaxSteps > 0 and Limit ≥ 0")
	}
	good := nnlesson.DescentSettings{Eta: 0.1, Tolerance: 1e-6, MaxSteps: 10}
	for _, x0 := range []float64{math.NaN(), math.Inf(-1)} {
		wantPanic(t, func() { nnlesson.Minimize(parabolaPrime, x0, good) }, "the starting point must be a number")
	}
	wantPanic(t, func() { nnlesson.Minimize(nil, 0, good) }, "needs the derivative fPrime")
}

func TestDescentInPolish(t *testing.T) {
	defer func(l string) { nnlesson.Language = l }(nnlesson.Language)
	nnlesson.Language = "pl"
	r := nnlesson.Minimize(parabolaPrime, 0, nnlesson.DescentSettings{Eta: 0.001, Tolerance: 1e-6, MaxSteps: 5})
	if got, want := r.String(), "x = 0.0299 po 5 krokach (nachylenie -5.9402) – limit kroków: nachylenie wciąż przekracza próg tolerancji; x powoli schodzi w dół: zrób więcej kroków albo weź większe η"; got != want {
		t.Errorf("in Polish:\n got %s\nwant %s", got, want)
	}
	for steps, want := range map[int]string{1: " po 1 kroku (", 3: " po 3 krokach (", 22: " po 22 krokach ("} {
		r := nnlesson.Minimize(parabolaPrime, 0, nnlesson.DescentSettings{Eta: 0.001, Tolerance: 1e-6, MaxSteps: steps})
		if got := r.String(); !strings.Contains(got, want) {
			t.Errorf("after %d steps: %q, want it to contain %q", steps, got, want)
		}
	}
}

func ExampleMinimize() {
	// C(w) = (w − 3)², its derivative 2(w − 3), starting from w = 0.
	dCdw := func(w float64) float64 { return 2 * (w - 3) }
	r := nnlesson.Minimize(dCdw, 0, nnlesson.DescentSettings{Eta: 0.1, Tolerance: 0.001, MaxSteps: 100})
	for i, w := range r.Path[:4] {
		fmt.Printf("step %d: w = %.4f, slope %.4f\n", i, w, r.Slopes[i])
	}
	fmt.Println(r)

	r = nnlesson.Minimize(dCdw, 0, nnlesson.DescentSettings{Eta: 1.1, Tolerance: 0.001, MaxSteps: 1000})
	fmt.Println(r)
	// Output:
	// step 0: w = 0.0000, slope -6.0000
	// step 1: w = 0.6000, slope -4.8000
	// step 2: w = 1.0800, slope -3.8400
	// step 3: w = 1.4640, slope -3.0720
	// 39 steps to x = 2.9995 (slope -0.0010) — converged: the slope is below the tolerance
	// 104 steps to x = -5.152e+08 (slope -1.030e+09) — diverged: x ran away instead of settling; take a smaller η
}
