package check

import (
	"math/rand/v2"

	"github.com/nnlesson/course/exercise"
	"github.com/nnlesson/course/lang"
	"github.com/nnlesson/course/mnist"
	"github.com/nnlesson/course/nnlesson"
)

// Lesson 7, "Backpropagation".

// OneStep checks exercise 1: oneStep returns the weight and the bias of a
// 1-1 sigmoid network with w = 0.6 and b = −0.4 after one step of gradient
// descent (η = 1) on the example x = 1.5, y = 1, worked out with the chain
// rule. The right answer is the library's: one Backprop and one Step.
func OneStep(oneStep func() []float64) bool {
	const w, b, x, y, eta = 0.6, -0.4, 1.5, 1.0, 1.0
	n := nnlesson.NewNetwork([]int{1, 1}, rand.New(rand.NewPCG(1, 2)))
	n.SetParams([]float64{w, b})
	g := n.Backprop([]float64{x}, []float64{y})
	n.Step(g, eta)
	dCdW, dCdB := g.Flat()[0], g.Flat()[1]
	return exercise.Slice("oneStep", oneStep, n.Params(), 0.001,
		exercise.MistakeSlice([]float64{w + eta*dCdW, b + eta*dCdB}, 0.001, lang.Pick(
			"you moved up the slope: the step goes against the gradient, w − η·∂C/∂w.",
			"to krok pod górę: trzeba iść przeciw gradientowi, w − η·∂C/∂w.")),
		exercise.MistakeSlice([]float64{w - eta*dCdB, b - eta*dCdB}, 0.001, lang.Pick(
			"the weight moved as much as the bias: did you forget the factor ∂z/∂w = x?",
			"waga przesunęła się tyle samo co bias: brakuje czynnika ∂z/∂w = x.")),
		exercise.MistakeSlice([]float64{w - eta*dCdW/2, b - eta*dCdB/2}, 0.001, lang.Pick(
			"both steps are half as long as they should be: ∂C/∂a = 2(a − y), did you forget the 2?",
			"oba kroki są o połowę za krótkie: ∂C/∂a = 2(a − y), brakuje dwójki.")))
}

// DCdB2 checks exercise 2: dCdB2 returns ∂C/∂b^(2), the slope of the cost
// along the bias of the middle layer of chainNet, a network with one neuron
// per layer (1-1-1-1), for the example x, y.
func DCdB2(dCdB2 func() float64, chainNet *nnlesson.Network, x, y float64) bool {
	c := chainNet.Chain(x, y)
	// 1e-5 accepts the answer worked out from the four decimals the lesson
	// prints, and tells it from every mistake below.
	return exercise.Float("dCdB2", dCdB2, c[2].DCdB, 1e-5,
		exercise.MistakeValue(c[3].DCdAPrev, 1e-5, lang.Pick(
			"that is ∂C/∂a^(2); one more link: b^(2) moves a^(2) by ∂a^(2)/∂z^(2) = σ′(z^(2)).",
			"to jest ∂C/∂a^(2); brakuje jeszcze jednego ogniwa: b^(2) zmienia a^(2) o ∂a^(2)/∂z^(2) = σ′(z^(2)).")),
		exercise.MistakeValue(c[3].DAdZ*c[3].DCdAPrev, 1e-5, lang.Pick(
			"the last link is the slope of layer 2's own neuron, σ′(z^(2)), not σ′(z^(3)).",
			"ostatnie ogniwo to nachylenie neuronu warstwy 2, σ′(z^(2)), a nie σ′(z^(3)).")),
		exercise.MistakeValue(c[3].DCdB, 1e-5, lang.Pick(
			"that is ∂C/∂b^(3), the slope along the output layer's bias; go one layer further back.",
			"to jest ∂C/∂b^(3), nachylenie względem biasu warstwy wyjściowej; cofnij się o jeszcze jedną warstwę.")),
		exercise.MistakeValue(c[2].DCdW, 1e-5, lang.Pick(
			"that is ∂C/∂w^(2): for the bias the first factor is ∂z^(2)/∂b^(2) = 1, not a^(1).",
			"to jest ∂C/∂w^(2): dla biasu pierwszy czynnik to ∂z^(2)/∂b^(2) = 1, a nie a^(1).")))
}

// SilentWeights checks exercise 3: silentWeights returns how many of the
// 12,544 weights of layer 1 of the lesson's 784-16-16-10 network have an
// average gradient of exactly 0 over the first six training images. The
// check predicts it from the images alone: a pixel that is blank in all six
// gives a^(0)_j = 0, so ∂C/∂w_kj^(1) = a_j^(0) f′(z_k^(1)) ∂C/∂a_k^(1) = 0 for
// each of the 16 hidden neurons k.
func SilentWeights(silentWeights func() float64) bool {
	train := mnist.Train()
	blank, blankInFirst := blankPixels(train, 6), blankPixels(train, 1)
	return exercise.Float("silentWeights", silentWeights, float64(16*blank), 0.5,
		exercise.MistakeValue(float64(blank), 0.5, lang.Pick(
			"that is the number of pixels blank in all six images; each pixel feeds 16 weights, one per hidden neuron.",
			"to jest liczba pikseli pustych na wszystkich sześciu obrazach; z każdego piksela wychodzi 16 wag, po jednej do każdego neuronu ukrytego.")),
		exercise.MistakeValue(float64(12544-16*blank), 0.5, lang.Pick(
			"that is how many weights do want a change; count those whose average wish is exactly 0.",
			"tyle wag ma niezerowe średnie życzenie; policz te, których średnie życzenie wynosi dokładnie 0.")),
		exercise.MistakeValue(float64(16*blankInFirst), 0.5, lang.Pick(
			"that counts the first image's gradient only; count the zeros of the average over all six.",
			"tyle zer ma gradient samego pierwszego obrazu; policz zera w średniej z sześciu obrazów.")))
}

// blankPixels returns how many pixels are blank (0) in each of the first n
// images of d.
func blankPixels(d *mnist.Dataset, n int) int {
	blank := 0
	for p := range d.ImageSize() {
		ink := 0
		for i := range n {
			ink += int(d.RawImage(i)[p])
		}
		if ink == 0 {
			blank++
		}
	}
	return blank
}
