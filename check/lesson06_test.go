package check

import (
	"math"
	"math/rand/v2"
	"testing"

	"github.com/nnlesson/course/nnlesson"
)

func TestLesson06(t *testing.T) {
	fPrime := func(x float64) float64 { return 2 * (x - 3) }
	x0 := -10 + 20*rand.New(rand.NewPCG(2, 3)).Float64()
	g := func(x float64) float64 { return x*x*x*x - 3*x*x + x }
	gPrime := func(x float64) float64 { return 4*x*x*x - 6*x + 1 }
	descendG := func(start float64) float64 {
		return nnlesson.Minimize(gPrime, start, nnlesson.DescentSettings{Eta: 0.05, Tolerance: 0.001, MaxSteps: 100}).X()
	}
	rate := func(eta float64) func() float64 { return func() float64 { return eta } }
	inBothLanguages(t, func(t *testing.T, pl bool) {
		// The teacher's solutions.
		want(t, "hPrime solution", func() { HPrime(func(x float64) float64 { return 6*x - 12 }) }, "pass")
		want(t, "learningRate solution", func() { LearningRate(rate(0.5), fPrime, x0) }, "pass")
		want(t, "learningRate 0.35", func() { LearningRate(rate(0.35), fPrime, x0) }, "pass")
		want(t, "lowestMinimum solution", func() {
			LowestMinimum(func() float64 {
				rng := rand.New(rand.NewPCG(3, 4))
				best := math.NaN()
				for range 10 {
					x := descendG(-2 + 4*rng.Float64())
					if math.IsNaN(best) || g(x) < g(best) {
						best = x
					}
				}
				return best
			}, g, gPrime)
		}, "pass")

		// The mistakes each check names.
		want(t, "hPrime is h", func() { HPrime(func(x float64) float64 { return 3*x*x - 12*x + 5 }) }, "fail", pick(pl, "h(x) itself", "samo h(x)"))
		want(t, "hPrime 3x", func() { HPrime(func(x float64) float64 { return 3*x - 12 }) }, "fail", pick(pl, "3 · 2x = 6x", "3 · 2x = 6x"))
		want(t, "hPrime keeps 5", func() { HPrime(func(x float64) float64 { return 6*x - 7 }) }, "fail", pick(pl, "its derivative is 0", "jej pochodna to 0"))
		want(t, "hPrime sign", func() { HPrime(func(x float64) float64 { return 6*x + 12 }) }, "fail", pick(pl, "check the sign", "sprawdź znak"))
		want(t, "learningRate 0", func() { LearningRate(rate(0), fPrime, x0) }, "fail", pick(pl, "must be a positive number", "musi być liczbą dodatnią"))
		want(t, "learningRate NaN", func() { LearningRate(rate(math.NaN()), fPrime, x0) }, "fail", pick(pl, "must be a positive number", "musi być liczbą dodatnią"))
		want(t, "learningRate 1.1", func() { LearningRate(rate(1.1), fPrime, x0) }, "fail", pick(pl, "far too large", "zdecydowanie za duże"))
		want(t, "learningRate 0.9", func() { LearningRate(rate(0.9), fPrime, x0) }, "fail", pick(pl, "from one side of the minimum to the other", "z jednej strony minimum na drugą"))
		want(t, "learningRate 0.1", func() { LearningRate(rate(0.1), fPrime, x0) }, "fail", pick(pl, "still creeping", "wciąż pełznie"))
		want(t, "lowestMinimum local", func() { LowestMinimum(func() float64 { return descendG(0.5) }, g, gPrime) }, "fail", pick(pl, "the local minimum", "minimum lokalne"))
		want(t, "lowestMinimum g(x)", func() { LowestMinimum(func() float64 { return g(descendG(-0.5)) }, g, gPrime) }, "fail", pick(pl, "the lowest value g(x)", "najmniejsza wartość g(x)"))
		want(t, "lowestMinimum wrong", func() { LowestMinimum(func() float64 { return 0 }, g, gPrime) }, "fail", pick(pl, "returned 0; expected -1.30", "zwraca 0; oczekiwano -1.30"))

		// The student edition's stubs.
		want(t, "hPrime stub", func() { HPrime(func(float64) float64 { return stub[float64]() }) }, "todo")
		want(t, "learningRate stub", func() { LearningRate(stub[float64], fPrime, x0) }, "todo")
		want(t, "lowestMinimum stub", func() { LowestMinimum(stub[float64], g, gPrime) }, "todo")
	})
}
