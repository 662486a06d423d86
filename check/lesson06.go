package check

import (
	"fmt"
	"math"

	"github.com/nnlesson/course/exercise"
	"github.com/nnlesson/course/lang"
	"github.com/nnlesson/course/nnlesson"
)

// Lesson 6, "The derivative; minimising a function of one variable".

// HPrime checks exercise 1: hPrime(x) returns h′(x) = 6x − 12, the
// derivative of h(x) = 3x² − 12x + 5.
func HPrime(hPrime func(float64) float64) bool {
	h := func(x float64) float64 { return 3*x*x - 12*x + 5 }
	right := func(x float64) float64 { return 6*x - 12 }
	var cases []exercise.Case
	for _, x := range []float64{0, 1, 2, -1.5} {
		cases = append(cases, exercise.Case{In: x, Want: right(x)})
	}
	return exercise.Func1("hPrime", hPrime, cases,
		exercise.Mistake(h, lang.Pick(
			"that is h(x) itself; the derivative is its slope.",
			"to samo h(x), a pochodna to jego nachylenie.")),
		exercise.Mistake(func(x float64) float64 { return 3*x - 12 }, lang.Pick(
			"the derivative of 3x² is 3 · 2x = 6x.",
			"pochodna 3x² to 3 · 2x = 6x.")),
		exercise.Mistake(func(x float64) float64 { return right(x) + 5 }, lang.Pick(
			"a constant such as 5 does not change the slope: its derivative is 0.",
			"stała, taka jak 5, nie zmienia nachylenia: jej pochodna to 0.")),
		exercise.Mistake(func(x float64) float64 { return 6*x + 12 }, lang.Pick(
			"check the sign: the derivative of −12x is −12.",
			"sprawdź znak: pochodna −12x to −12.")))
}

// LearningRate checks exercise 2: learningRate returns a learning rate η
// with which descent on f from x0, given f's derivative fPrime, converges
// (|f′(x)| < 0.001) in at most 10 steps.
func LearningRate(learningRate func() float64, fPrime func(float64) float64, x0 float64) bool {
	// The task is a formula, the same in both languages (see lesson05.go):
	// the slope after ten steps from x0 is below the tolerance.
	return exercise.Check("learningRate: |f′(x₁₀)| < 0.001", func() error {
		eta := learningRate()
		if !(eta > 0) || math.IsInf(eta, 1) {
			return fmt.Errorf(lang.Pick("η = %g: the learning rate must be a positive number",
				"η = %g: współczynnik uczenia musi być liczbą dodatnią"), eta)
		}
		r := nnlesson.Minimize(fPrime, x0, nnlesson.DescentSettings{Eta: eta, Tolerance: 0.001, MaxSteps: 10, Limit: 100})
		switch {
		case r.Outcome == nnlesson.Converged:
			return nil
		case r.Outcome == nnlesson.Diverged:
			return fmt.Errorf(lang.Pick("with η = %g, x ran away (it reached %.4g): η is far too large",
				"przy η = %g wartość x ucieka od minimum (dochodzi do %.4g): η jest zdecydowanie za duże"), eta, r.X())
		case r.Slopes[0]*r.Slopes[1] < 0:
			return fmt.Errorf(lang.Pick("with η = %g, x is %.4f after 10 steps, jumping from one side of the minimum to the other: η is too large",
				"przy η = %g po 10 krokach x = %.4f i wciąż przeskakuje z jednej strony minimum na drugą: η jest za duże"), eta, r.X())
		}
		return fmt.Errorf(lang.Pick("with η = %g, x is %.4f after 10 steps, still creeping towards the minimum: η is too small",
			"przy η = %g po 10 krokach x = %.4f i wciąż pełznie w stronę minimum: η jest za małe"), eta, r.X())
	})
}

// LowestMinimum checks exercise 3: lowestMinimum returns the global
// minimum of g, which descents with η = 0.05 from random starts between −2
// and 2 find; gPrime is g's derivative. The check finds the valleys itself,
// by descending from starts spread over [−2, 2].
func LowestMinimum(lowestMinimum func() float64, g, gPrime func(float64) float64) bool {
	global, local := math.NaN(), math.NaN()
	for start := -2.0; start <= 2; start += 0.25 {
		r := nnlesson.Minimize(gPrime, start, nnlesson.DescentSettings{Eta: 0.05, Tolerance: 0.001, MaxSteps: 1000})
		if r.Outcome != nnlesson.Converged {
			continue
		}
		x := r.X()
		if math.IsNaN(global) || g(x) < g(global) {
			global = x
		}
		if math.IsNaN(local) || g(x) > g(local) {
			local = x
		}
	}
	const tol = 0.005
	return exercise.Float("lowestMinimum", lowestMinimum, global, tol,
		exercise.MistakeValue(local, tol, lang.Pick(
			"that is the local minimum, the bottom of the other valley; keep the end point whose g(x) is lowest.",
			"to minimum lokalne, dno drugiej doliny; zachowaj ten punkt końcowy, w którym g(x) jest najmniejsze.")),
		exercise.MistakeValue(g(global), tol, lang.Pick(
			"that is the lowest value g(x); return the place x where it is reached.",
			"to najmniejsza wartość g(x); zwróć punkt x, w którym jest osiągana.")))
}
