package check

import (
	"math/rand/v2"
	"testing"

	"github.com/nnlesson/course/mnist"
	"github.com/nnlesson/course/nnlesson"
)

// oneStepBy works exercise 1 out by hand, as the lesson's solution does;
// factor2 and sign let a test make the mistakes the check names.
func oneStepBy(factorX, factor2, sign float64) []float64 {
	w, b, x, y, eta := 0.6, -0.4, 1.5, 1.0, 1.0
	z := w*x + b
	a := nnlesson.Sigmoid(z)
	dCdA := factor2 * (a - y)
	dAdZ := nnlesson.SigmoidPrime(z)
	dCdW := factorX * dAdZ * dCdA
	dCdB := dAdZ * dCdA
	return []float64{w - sign*eta*dCdW, b - sign*eta*dCdB}
}

// silentWeightsOf counts the weights of layer 1 whose average gradient over
// the first n training images is 0, as the lesson's solution does, but with
// the average taken over the images used (n = 1: the first image only).
func silentWeightsOf(net *nnlesson.Network, n int, silent bool) float64 {
	train := mnist.Train()
	var gs []*nnlesson.Gradient
	for i := range n {
		gs = append(gs, net.Backprop(train.Image(i), train.Target(i)))
	}
	count := 0
	for _, d := range nnlesson.AverageGradient(gs).Flat()[:12544] {
		if (d == 0) == silent {
			count++
		}
	}
	return float64(count)
}

func TestLesson07(t *testing.T) {
	chainNet := nnlesson.NewNetwork([]int{1, 1, 1, 1}, rand.New(rand.NewPCG(1, 2)))
	const x, y = 0.8, 1.0
	net := nnlesson.NewNetwork([]int{784, 16, 16, 10}, rand.New(rand.NewPCG(1, 2)))
	inBothLanguages(t, func(t *testing.T, pl bool) {
		// The teacher's solutions.
		want(t, "oneStep solution", func() { OneStep(func() []float64 { return oneStepBy(1.5, 2, 1) }) }, "pass")
		want(t, "oneStep from the printed numbers", func() { OneStep(func() []float64 { return []float64{0.8662, -0.2226} }) }, "pass")
		want(t, "dCdB2 solution", func() {
			DCdB2(func() float64 {
				chain := chainNet.Chain(x, y)
				dCdA2 := chain[3].W * chain[3].DAdZ * chain[3].DCdA
				return nnlesson.SigmoidPrime(chain[2].Z) * dCdA2
			}, chainNet, x, y)
		}, "pass")
		want(t, "dCdB2 from the printed four decimals", func() {
			DCdB2(func() float64 { return nnlesson.SigmoidPrime(-1.0066) * -0.4006 * 0.0379 * -1.9211 }, chainNet, x, y)
		}, "pass")
		want(t, "dCdB2 against the measured slope", func() {
			DCdB2(func() float64 { return nnlesson.NumericalGradient(chainNet, []float64{x}, []float64{y}).Flat()[3] }, chainNet, x, y)
		}, "pass")
		want(t, "silentWeights solution", func() { SilentWeights(func() float64 { return silentWeightsOf(net, 6, true) }) }, "pass")

		// The mistakes each check names.
		want(t, "oneStep up the slope", func() { OneStep(func() []float64 { return oneStepBy(1.5, 2, -1) }) }, "fail",
			pick(pl, "up the slope", "pod górę"))
		want(t, "oneStep without x", func() { OneStep(func() []float64 { return oneStepBy(1, 2, 1) }) }, "fail",
			pick(pl, "∂z/∂w = x", "∂z/∂w = x"))
		want(t, "oneStep without the 2", func() { OneStep(func() []float64 { return oneStepBy(1.5, 1, 1) }) }, "fail",
			pick(pl, "forget the 2", "brakuje dwójki"))
		c := chainNet.Chain(x, y)
		want(t, "dCdB2 stops at ∂C/∂a^(2)", func() {
			DCdB2(func() float64 { return c[3].W * c[3].DAdZ * c[3].DCdA }, chainNet, x, y)
		}, "fail", pick(pl, "that is ∂C/∂a^(2)", "to jest ∂C/∂a^(2)"))
		want(t, "dCdB2 with σ′(z^(3))", func() {
			DCdB2(func() float64 { return nnlesson.SigmoidPrime(c[3].Z) * c[3].W * c[3].DAdZ * c[3].DCdA }, chainNet, x, y)
		}, "fail", pick(pl, "not σ′(z^(3))", "a nie σ′(z^(3))"))
		want(t, "dCdB2 gives the output bias", func() { DCdB2(func() float64 { return c[3].DAdZ * c[3].DCdA }, chainNet, x, y) }, "fail",
			pick(pl, "that is ∂C/∂b^(3)", "to jest ∂C/∂b^(3)"))
		want(t, "dCdB2 gives the weight", func() {
			DCdB2(func() float64 { return c[1].A * nnlesson.SigmoidPrime(c[2].Z) * c[3].W * c[3].DAdZ * c[3].DCdA }, chainNet, x, y)
		}, "fail", pick(pl, "that is ∂C/∂w^(2)", "to jest ∂C/∂w^(2)"))
		want(t, "silentWeights counts pixels", func() { SilentWeights(func() float64 { return silentWeightsOf(net, 6, true) / 16 }) }, "fail",
			pick(pl, "each pixel feeds 16 weights", "wychodzi 16 wag"))
		want(t, "silentWeights counts the others", func() { SilentWeights(func() float64 { return silentWeightsOf(net, 6, false) }) }, "fail",
			pick(pl, "do want a change", "niezerowe średnie życzenie"))
		want(t, "silentWeights of one image", func() { SilentWeights(func() float64 { return silentWeightsOf(net, 1, true) }) }, "fail",
			pick(pl, "the first image's gradient only", "samego pierwszego obrazu"))

		// The student edition's stubs.
		want(t, "oneStep stub", func() { OneStep(stub[[]float64]) }, "todo")
		want(t, "dCdB2 stub", func() { DCdB2(stub[float64], chainNet, x, y) }, "todo")
		want(t, "silentWeights stub", func() { SilentWeights(stub[float64]) }, "todo")
	})
}
