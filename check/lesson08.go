package check

import (
	"fmt"
	"slices"
	"time"

	"github.com/nnlesson/course/exercise"
	"github.com/nnlesson/course/lang"
	"github.com/nnlesson/course/mnist"
	"github.com/nnlesson/course/nnlesson"
	"github.com/nnlesson/course/trained"
	"github.com/nnlesson/course/training"
)

// Lesson 8, "Training the digit recogniser".

// HardestDigit checks exercise 1: hardestDigit returns the digit t whose
// test images net reads right least often, relative to how many there are:
// the lowest c[t][t] / Σ_p c[t][p] of the confusion matrix c of net on the
// MNIST test images (the lowest digit of a tie). The lesson passes its
// trained network.
func HardestDigit(hardestDigit func() int, net *nnlesson.Network) bool {
	return hardestDigitOf(hardestDigit, training.ConfusionMatrix(net, mnist.Test()))
}

// hardestDigitOf is HardestDigit for the confusion matrix c.
func hardestDigitOf(hardestDigit func() int, c training.Confusion) bool {
	var right, rows, cols, wrong [10]float64
	for t := range 10 {
		right[t] = float64(c[t][t])
		for p := range 10 {
			rows[t] += float64(c[t][p])
			cols[t] += float64(c[p][t])
		}
		wrong[t] = rows[t] - right[t]
	}
	share := func(of, by [10]float64) (s [10]float64) {
		for t := range s {
			s[t] = of[t] / by[t]
		}
		return s
	}
	recall, precision := share(right, rows), share(right, cols)
	return exercise.Float("hardestDigit", func() float64 { return float64(hardestDigit()) }, argMin(recall), 0,
		exercise.MistakeValue(argMax(recall), 0, lang.Pick(
			"that is the easiest digit, the one with the highest share right; return the lowest.",
			"to najłatwiejsza cyfra, ta z największym udziałem poprawnych odpowiedzi; zwróć cyfrę z najmniejszym.")),
		exercise.MistakeValue(argMin(precision), 0, lang.Pick(
			"you divided by the sum of column t, the images the network took for a t; divide by the sum of row t, the images that show a t.",
			"tak wychodzi przy dzieleniu przez sumę kolumny t (obrazy, które sieć wzięła za t); podziel przez sumę wiersza t (obrazy, które przedstawiają t).")),
		exercise.MistakeValue(argMax(wrong), 0, lang.Pick(
			"that digit has the most mistakes, but also many images; divide by the sum of its row.",
			"ta cyfra ma najwięcej pomyłek, ale też dużo obrazów; podziel przez sumę jej wiersza.")))
}

// argMin returns the index of the smallest of xs, the first of a tie, as
// a float64 for exercise.Float.
func argMin(xs [10]float64) float64 {
	i := 0
	for t := range xs {
		if xs[t] < xs[i] {
			i = t
		}
	}
	return float64(i)
}

// argMax returns the index of the largest of xs, the first of a tie.
func argMax(xs [10]float64) float64 {
	var neg [10]float64
	for t := range xs {
		neg[t] = -xs[t]
	}
	return argMin(neg)
}

// BetterTimeout bounds Better's training: a wide network trained for many
// epochs may take minutes on a slow machine.
const BetterTimeout = 10 * time.Minute

// Better checks exercise 2: better returns settings whose network, trained
// on MNIST (trained.Network: once, then kept like the lesson's), reads at
// least 96% of the test digits right. lesson is the lesson's own settings,
// which do not: a hint says so when better returns them unchanged. The
// check prints the settings and the accuracy they reach.
//
// Training takes time, so Better lets the student's code run for
// BetterTimeout instead of exercise.Timeout.
func Better(better func() training.Settings, lesson training.Settings) bool {
	defer func(t time.Duration) { exercise.Timeout = t }(exercise.Timeout)
	exercise.Timeout = max(exercise.Timeout, BetterTimeout)
	return exercise.Check(lang.Pick(
		"better() gives a network that reads at least 96% of the test digits right",
		"better() daje sieć, która odczytuje poprawnie co najmniej 96% cyfr testowych"), func() error {
		s := better()
		net, err := trained.Network(s, nil)
		if err != nil {
			return err
		}
		acc := training.Accuracy(net, mnist.Test())
		fmt.Printf(lang.Pick("%s: %.2f%% of the test digits right\n", "%s – %.2f%% cyfr testowych odczytanych poprawnie\n"), s, 100*acc)
		switch {
		case acc >= 0.96:
			return nil
		case sameSettings(s, lesson):
			return fmt.Errorf(lang.Pick(
				"these are the lesson's settings, and their network reads %.2f%% of the test digits right; change at least one of them",
				"to ustawienia z lekcji, a ich sieć odczytuje poprawnie %.2f%% cyfr testowych; zmień choć jedno z nich"), 100*acc)
		case s.TrainSize > 0:
			return fmt.Errorf(lang.Pick(
				"%.2f%% is not yet 96%%: the network has seen only the first %d training images; train on all of them (TrainSize: 0)",
				"%.2f%% to jeszcze nie 96%%: sieć widziała tylko pierwsze %d obrazów treningowych; ucz ją na wszystkich (TrainSize: 0)"),
				100*acc, s.TrainSize)
		}
		return fmt.Errorf(lang.Pick(
			"%.2f%% is not yet 96%%; try a wider hidden layer, 64 or 100 neurons",
			"%.2f%% to jeszcze nie 96%%; spróbuj szerszej warstwy ukrytej, 64 albo 100 neuronów"), 100*acc)
	})
}

// sameSettings reports whether a and b train the same network; an unset
// hidden activation is the sigmoid.
func sameSettings(a, b training.Settings) bool {
	hidden := func(s training.Settings) string {
		if s.Hidden.Name == "" {
			return nnlesson.SigmoidActivation.Name
		}
		return s.Hidden.Name
	}
	return slices.Equal(a.Sizes, b.Sizes) && a.Eta == b.Eta && a.BatchSize == b.BatchSize && a.Epochs == b.Epochs &&
		a.Seed == b.Seed && a.TrainSize == b.TrainSize && hidden(a) == hidden(b)
}
