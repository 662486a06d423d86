// Package training teaches the lecture's network to read handwritten digits:
// mini-batch stochastic gradient descent on MNIST (Train, TrainNetwork), with
// every choice in one Settings, a report after each epoch, and the measures
// of how well a network answers (Accuracy, MeanCost, ConfusionMatrix,
// Misclassified).
//
// The method is the slides', computed by nnlesson's Backprop and Step. The
// gradients come from a fast path (fast.go) that computes the same numbers —
// a test holds it equal to Backprop, AverageGradient and Step — without the
// blank pixels of the images, without allocating, and on every core of the
// machine, in a fixed order so that the same seed trains the same network
// bit for bit on any machine. Read nnlesson's backprop.go to learn the
// method; read fast.go to see why it runs fast.
//
// A lesson rarely calls Train itself: the trained package's trained.Network
// trains once and keeps the network for later cells and lessons.
package training

import (
	"fmt"
	"math"
	"strings"

	"github.com/nnlesson/course/lang"
	"github.com/nnlesson/course/mnist"
	"github.com/nnlesson/course/nnlesson"
)

// Settings holds every choice that training makes, in one place, so that a
// lesson can show them and a student can change them.
type Settings struct {
	Sizes     []int               // layer sizes n_0, n_1, …, n_L: 784 input pixels first, 10 digits last
	Eta       float64             // η, the learning rate: the size of each step downhill
	BatchSize int                 // m, the number of images in a mini-batch (one step per mini-batch)
	Epochs    int                 // how many times to go through the training images
	Seed      uint64              // the seed of every random choice: initial weights and the shuffling
	TrainSize int                 // train on the first TrainSize training images; 0 means all of them
	Hidden    nnlesson.Activation // the hidden layers' activation (nnlesson.ReLUActivation, say); unset means sigmoid. The output layer stays sigmoid.
}

// DefaultSettings returns the settings of the lecture's network,
// 784-16-16-10 (sigmoid everywhere, the slide's cost C = Σ (a_j − y_j)²,
// NewNetwork's initial weights and biases): η = 0.5, mini-batches of 10,
// 10 epochs, seed 1. They reach 94.5% test accuracy on MNIST (94.1–94.9%
// over seeds 1 … 5) in a few seconds.
//
// Why η = 0.5 and not Nielsen's 3.0: his cost has a factor ½ that the
// slide's does not, so the slide's gradient is twice his, and η = 1.5 here
// is his 3.0. With η = 3.0 the network learns too, but jumps around: 93% after
// 10 epochs.
func DefaultSettings() Settings {
	return Settings{
		Sizes:     []int{mnist.Pixels, 16, 16, mnist.Digits},
		Eta:       0.5,
		BatchSize: 10,
		Epochs:    10,
		Seed:      1,
	}
}

// String prints the settings in one line, in the lesson's language, e.g.
// "784-16-16-10, η = 0.5, mini-batch 10, 10 epochs, seed 1".
func (s Settings) String() string {
	epochs := lang.Pick("%d epochs", "epoki: %d")
	if s.Epochs == 1 {
		epochs = lang.Pick("%d epoch", "epoki: %d")
	}
	str := fmt.Sprintf(lang.Pick("%s, η = %g, mini-batch %d, ", "%s, η = %g, minipaczki po %d, ")+epochs+lang.Pick(", seed %d", ", ziarno %d"),
		sizes(s.Sizes), s.Eta, s.BatchSize, s.Epochs, s.Seed)
	if s.TrainSize > 0 {
		str += fmt.Sprintf(lang.Pick(", first %d training images", ", pierwsze %d obrazów treningowych"), s.TrainSize)
	}
	if s.Hidden.F != nil {
		str += fmt.Sprintf(lang.Pick(", hidden layers %s", ", aktywacja warstw ukrytych: %s"), s.Hidden.Name)
	}
	return str
}

// Check returns an error, in the reader's terms and the lesson's language,
// if a setting cannot work for training on data: a learning rate that is
// not a positive number, an empty mini-batch, no epochs, a hidden
// activation that is not the lecture's, or layer sizes that cannot make a
// network (nnlesson.CheckSizes: too few, empty, or too many parameters to
// fit in memory) or do not fit the images and digits. Sizes may be nil for
// Train, which takes the sizes of the network.
//
// With data nil, Check checks the settings alone, and the sizes against
// MNIST's images (784 pixels) and digits (10): what a cache can check before
// it reads any data. Check reads nothing but the settings and the data's
// shape; it is safe to call before anything touches the disk.
func (s Settings) Check(data *mnist.Dataset) error {
	if !(s.Eta > 0) || math.IsInf(s.Eta, 0) {
		return errorf("the learning rate η = %g must be a positive number (0.5 is a good start for MNIST)",
			"współczynnik uczenia η = %g musi być liczbą dodatnią (na początek dla MNIST dobre jest 0.5)", s.Eta)
	}
	if s.BatchSize < 1 {
		return errorf("the mini-batch size is %d; it must be at least 1 (10 is usual)",
			"rozmiar minipaczki wynosi %d, a musi wynosić co najmniej 1 (zwykle 10)", s.BatchSize)
	}
	if s.Epochs < 1 {
		return errorf("Epochs is %d; train for at least 1 epoch", "Epochs wynosi %d, a trzeba trenować przez co najmniej 1 epokę", s.Epochs)
	}
	if data != nil && data.Len() == 0 {
		return errorf("the training set has no images", "zbiór treningowy nie ma ani jednego obrazu")
	}
	if s.TrainSize < 0 || data != nil && s.TrainSize > data.Len() {
		n := 60000
		if data != nil {
			n = data.Len()
		}
		return errorf("TrainSize is %d but the training set has %d images; use 1 … %d, or 0 for all",
			"TrainSize wynosi %d, a zbiór treningowy ma %d obrazów; podaj liczbę od 1 do %d albo 0, żeby użyć wszystkich", s.TrainSize, n, n)
	}
	if s.Hidden.F != nil || s.Hidden.Prime != nil || s.Hidden.Name != "" {
		if !nnlesson.Known(s.Hidden) {
			return errorf("Settings.Hidden is %q; use nnlesson.SigmoidActivation or nnlesson.ReLUActivation",
				"Settings.Hidden to %q; użyj nnlesson.SigmoidActivation albo nnlesson.ReLUActivation", s.Hidden.Name)
		}
	}
	if s.Sizes == nil {
		return nil
	}
	if err := nnlesson.CheckSizes(s.Sizes); err != nil {
		return fmt.Errorf("training: Settings.Sizes: %s", strings.TrimPrefix(err.Error(), "nnlesson: "))
	}
	if data == nil {
		return checkSizesFit(s.Sizes, mnist.Rows, mnist.Cols)
	}
	return checkSizesFit(s.Sizes, data.Rows(), data.Cols())
}

// errorf returns an error of this package in the lesson's language.
func errorf(en, pl string, args ...any) error {
	return fmt.Errorf("training: "+lang.Pick(en, pl), args...)
}

// sizes writes layer sizes the way the lecture does: "784-16-16-10".
func sizes(ns []int) string {
	s := make([]string, len(ns))
	for L, n := range ns {
		s[L] = fmt.Sprint(n)
	}
	return strings.Join(s, "-")
}
