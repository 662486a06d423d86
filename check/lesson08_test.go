package check

import (
	"os"
	"testing"

	"github.com/nnlesson/course/exercise"
	"github.com/nnlesson/course/mnist"
	"github.com/nnlesson/course/nnlesson"
	"github.com/nnlesson/course/trained"
	"github.com/nnlesson/course/training"
)

// hardestOf works exercise 1 out as the lesson's solution does, with the
// share of row t (by = "row") or of column t (by = "col"); lowest picks the
// lowest share, else the highest.
func hardestOf(c training.Confusion, by string, lowest bool) int {
	best, bestShare := -1, 0.0
	for t := range 10 {
		total := 0
		for p := range 10 {
			if by == "row" {
				total += c[t][p]
			} else {
				total += c[p][t]
			}
		}
		share := float64(c[t][t]) / float64(total)
		if best < 0 || lowest && share < bestShare || !lowest && share > bestShare {
			best, bestShare = t, share
		}
	}
	return best
}

// mostMisses returns the digit with the most images read wrong.
func mostMisses(c training.Confusion) int {
	most, count := 0, -1
	for t := range 10 {
		wrong := 0
		for p := range 10 {
			if p != t {
				wrong += c[t][p]
			}
		}
		if wrong > count {
			most, count = t, wrong
		}
	}
	return most
}

// drawnConfusion is a confusion matrix drawn so that exercise 1's answer and
// each of its mistakes are four different digits: 5 is read right least
// often (85 of 100), 1 most often (99 of 100), 2 has the most images read
// wrong (40, of 400), and every mistake is a 3, so that column 3 has the
// lowest share right.
func drawnConfusion() training.Confusion {
	var c training.Confusion
	for t := range 10 {
		c[t][t] = 95
		c[t][3] = 5
	}
	c[3][3], c[3][0] = 95, 5
	c[1][1], c[1][3] = 99, 1
	c[2][2], c[2][3] = 360, 40
	c[5][5], c[5][3] = 85, 15
	return c
}

func TestLesson08HardestDigit(t *testing.T) {
	c := drawnConfusion()
	if hardestOf(c, "row", true) != 5 || hardestOf(c, "row", false) != 1 || hardestOf(c, "col", true) != 3 || mostMisses(c) != 2 {
		t.Fatalf("the drawn matrix does not separate the answer from the mistakes: %d %d %d %d",
			hardestOf(c, "row", true), hardestOf(c, "row", false), hardestOf(c, "col", true), mostMisses(c))
	}
	inBothLanguages(t, func(t *testing.T, pl bool) {
		want(t, "hardestDigit solution", func() { hardestDigitOf(func() int { return hardestOf(c, "row", true) }, c) }, "pass")
		want(t, "hardestDigit easiest", func() { hardestDigitOf(func() int { return hardestOf(c, "row", false) }, c) }, "fail",
			pick(pl, "the easiest digit", "najłatwiejsza cyfra"))
		want(t, "hardestDigit by column", func() { hardestDigitOf(func() int { return hardestOf(c, "col", true) }, c) }, "fail",
			pick(pl, "sum of column t", "sumę kolumny t"))
		want(t, "hardestDigit most misses", func() { hardestDigitOf(func() int { return mostMisses(c) }, c) }, "fail",
			pick(pl, "the most mistakes", "najwięcej pomyłek"))
		want(t, "hardestDigit stub", func() { hardestDigitOf(stub[int], c) }, "todo")
	})
}

// TestLesson08 trains the networks of exercise 2 (in a cache of its own),
// and checks exercise 1 on a real trained network.
func TestLesson08(t *testing.T) {
	if _, _, err := mnist.Load(); err != nil {
		if os.Getenv("CI") == "true" {
			t.Fatal(err)
		}
		t.Skipf("MNIST is not here (%v)", err)
	}
	t.Setenv("NNLESSON_CACHE", t.TempDir())
	// Cheaper than the lesson's settings, as far as this test is concerned.
	lesson := training.Settings{Sizes: []int{784, 30, 10}, Eta: 1, BatchSize: 10, Epochs: 1, Seed: 1, TrainSize: 2000, Hidden: nnlesson.SigmoidActivation}
	with := func(change func(s *training.Settings)) func() training.Settings {
		return func() training.Settings {
			s := lesson
			change(&s)
			return s
		}
	}
	timeout := exercise.Timeout
	solution := with(func(s *training.Settings) { s.Sizes, s.Epochs, s.TrainSize = []int{784, 64, 10}, 3, 0 })
	inBothLanguages(t, func(t *testing.T, pl bool) {
		want(t, "better solution", func() { Better(solution, lesson) }, "pass")
		want(t, "better unchanged", func() { Better(with(func(*training.Settings) {}), lesson) }, "fail",
			pick(pl, "the lesson's settings", "ustawienia z lekcji"))
		want(t, "better on a few images", func() { Better(with(func(s *training.Settings) { s.TrainSize = 1000 }), lesson) }, "fail",
			pick(pl, "only the first 1000 training images", "tylko pierwsze 1000 obrazów"))
		want(t, "better not there yet", func() { Better(with(func(s *training.Settings) { s.TrainSize = 0 }), lesson) }, "fail",
			pick(pl, "try a wider hidden layer", "spróbuj szerszej warstwy ukrytej"))
		want(t, "better diverges", func() { Better(with(func(s *training.Settings) { s.Eta = 100 }), lesson) }, "fail",
			pick(pl, "diverged", "rozbiegł"))
		want(t, "better cannot train", func() { Better(with(func(s *training.Settings) { s.Epochs = 0 }), lesson) }, "fail",
			pick(pl, "at least 1 epoch", "co najmniej 1 epokę"))
		want(t, "better stub", func() { Better(stub[training.Settings], lesson) }, "todo")
		if exercise.Timeout != timeout {
			t.Errorf("Better left exercise.Timeout at %v", exercise.Timeout)
		}

		net := trained.MustNetwork(solution(), nil)
		c := training.ConfusionMatrix(net, mnist.Test())
		want(t, "hardestDigit on a trained network", func() { HardestDigit(func() int { return hardestOf(c, "row", true) }, net) }, "pass")
		want(t, "hardestDigit stub on a trained network", func() { HardestDigit(stub[int], net) }, "todo")
	})
}
