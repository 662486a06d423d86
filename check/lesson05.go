package check

import (
	"fmt"
	"math"

	"github.com/nnlesson/course/exercise"
	"github.com/nnlesson/course/lang"
	"github.com/nnlesson/course/nnlesson"
)

// Lesson 5, "The cost function".
//
// The tasks of the free-form checks are formulas, the same in both
// languages: a verdict names its check in the same words in the English
// and the Polish edition, so that the two can be compared cell by cell.

// QuadraticCost checks exercise 1: quadraticCost(a, y) returns the slide's
// cost C = Σ (a_i − y_i)². It tries the slide's outputs for a "3" with the
// wanted outputs y, the statement's small example a = (0.2, 0.7, 0.1),
// y = (0, 1, 0), whose cost is 0.14, and a perfect answer, which costs 0.
func QuadraticCost(quadraticCost func(a, y []float64) float64, outputs, y []float64) bool {
	small, smallY := []float64{0.2, 0.7, 0.1}, []float64{0, 1, 0}
	cases := []struct {
		what, call string
		a, y       []float64
	}{
		{lang.Pick("the slide's outputs", "wyjść ze slajdu"), "quadraticCost(outputs, y)", outputs, y},
		{lang.Pick("the small example", "małego przykładu"), "quadraticCost([0.2 0.7 0.1], [0 1 0])", small, smallY},
		{lang.Pick("a perfect answer", "idealnej odpowiedzi"), "quadraticCost(y, y)", y, y},
	}
	return exercise.Check("quadraticCost(a, y) = Σ (a_i − y_i)²", func() error {
		for _, c := range cases {
			got, want := quadraticCost(c.a, c.y), nnlesson.Cost(c.a, c.y)
			if costNear(got, want) {
				continue
			}
			msg := fmt.Sprintf(lang.Pick("for %s, %s returned %.6g; expected %.6g", "dla %s %s zwraca %.6g; oczekiwano %.6g"),
				c.what, c.call, got, want)
			return fmt.Errorf("%s"+lang.Pick(" — ", " – ")+"%s", msg, costHint(got, c.a, c.y))
		}
		return nil
	})
}

// costHint names the mistake that gives got instead of the cost of a
// against y.
func costHint(got float64, a, y []float64) string {
	want, unsquared := nnlesson.Cost(a, y), 0.0
	for i := range a {
		unsquared += math.Abs(a[i] - y[i])
	}
	switch {
	case costNear(got, want/2):
		return lang.Pick("that is half the cost: the slide's C has no factor ½.",
			"to połowa kosztu: C ze slajdu nie ma czynnika ½.")
	case costNear(got, want/float64(len(a))):
		return lang.Pick("that is the mean of the squares; the slide's C is their sum.",
			"to średnia kwadratów, a C ze slajdu jest ich sumą.")
	case costNear(got, math.Sqrt(want)):
		return lang.Pick("that is the square root of the sum; C stops at the sum of the squares.",
			"to pierwiastek z sumy; C to sama suma kwadratów, bez pierwiastka.")
	case costNear(got, unsquared):
		return lang.Pick("each difference a_i − y_i must be squared before it is added.",
			"każdą różnicę a_i − y_i trzeba przed dodaniem podnieść do kwadratu.")
	}
	return lang.Pick("square each difference a_i − y_i, then add up the squares.",
		"podnieś do kwadratu każdą różnicę a_i − y_i, a potem dodaj kwadraty.")
}

// LazyCost checks exercise 2: lazyCost returns, worked out by hand, the
// cost for a "3" of a network that answers 0.1 on all ten outputs.
func LazyCost(lazyCost func() float64) bool {
	lazy := []float64{0.1, 0.1, 0.1, 0.1, 0.1, 0.1, 0.1, 0.1, 0.1, 0.1}
	const tol = 0.005
	return exercise.Float("lazyCost", lazyCost, nnlesson.Cost(lazy, nnlesson.OneHot(3, 10)), tol,
		exercise.MistakeValue(0.81, tol, lang.Pick(
			"that is only the output for 3, (0.1 − 1)²; the nine other outputs add (0.1 − 0)² each.",
			"to tylko kwadrat błędu wyjścia dla cyfry 3, (0.1 − 1)²; każde z dziewięciu pozostałych wyjść dodaje jeszcze (0.1 − 0)².")),
		exercise.MistakeValue(0.09, tol, lang.Pick(
			"those are the nine outputs that want 0; the output for 3 adds (0.1 − 1)² = 0.81.",
			"to suma tylko dla dziewięciu wyjść, które powinny wynosić 0; wyjście dla cyfry 3 dodaje jeszcze (0.1 − 1)² = 0.81.")),
		exercise.MistakeValue(1.8, tol, lang.Pick(
			"each difference is squared: (0.1 − 1)² = 0.81, not 0.9 · 2.",
			"różnicę podnosimy do kwadratu: (0.1 − 1)² = 0.81, a nie 0.9 · 2.")))
}

// MeanCost checks exercise 3: meanCost(outs, digits) returns the cost
// averaged over the examples, (1/N) Σ_k C_k. It tries the statement's three
// examples: the slide's outputs for a "3" (cost 3.3585), a perfect "3"
// (cost 0) and a network that answers 7 for an image of a 1 (cost 2), and
// takes the mean to four decimals, 1.7862, as worked out by hand.
func MeanCost(meanCost func(outs [][]float64, digits []int) float64, outputs []float64) bool {
	outs := [][]float64{outputs, nnlesson.OneHot(3, 10), nnlesson.OneHot(7, 10)}
	digits := []int{3, 3, 1}
	costs := make([]float64, len(outs))
	sum := 0.0
	for k := range outs {
		costs[k] = nnlesson.Cost(outs[k], nnlesson.OneHot(digits[k], 10))
		sum += costs[k]
	}
	want := sum / float64(len(outs))
	return exercise.Check("meanCost(outs, digits) = (1/N) Σ_k C_k", func() error {
		got := meanCost(outs, digits)
		if math.Abs(got-want) <= 1e-4 {
			return nil
		}
		msg := fmt.Sprintf(lang.Pick("for the three examples of the statement, meanCost returned %.6g; expected %.6g",
			"dla trzech przykładów z treści zadania meanCost zwraca %.6g; oczekiwano %.6g"), got, want)
		var hint string
		switch {
		case costNear(got, sum):
			hint = lang.Pick("that is the sum of the three costs; divide it by the number of examples.",
				"to suma trzech kosztów; podziel ją przez liczbę przykładów.")
		case costNear(got, costs[0]):
			hint = lang.Pick("that is only the first example's cost; add up the costs of all of them, then divide by how many there are.",
				"to koszt tylko pierwszego przykładu; dodaj koszty wszystkich, a potem podziel przez ich liczbę.")
		case costNear(got, want/10):
			hint = lang.Pick("you also divided by the ten outputs; the cost of one example is the sum of its ten squares.",
				"podzielono także przez dziesięć wyjść, a koszt jednego przykładu to suma jego dziesięciu kwadratów.")
		default:
			hint = lang.Pick("add up the cost of each example, nnlesson.Cost(outs[k], nnlesson.OneHot(digits[k], 10)), then divide by the number of examples.",
				"dodaj koszty przykładów, nnlesson.Cost(outs[k], nnlesson.OneHot(digits[k], 10)), a potem podziel sumę przez liczbę przykładów.")
		}
		return fmt.Errorf("%s"+lang.Pick(" — ", " – ")+"%s", msg, hint)
	})
}

// costNear reports whether got is within 1e-9 of want: the checks of code that
// computes what the check computes.
func costNear(got, want float64) bool {
	return math.Abs(got-want) <= 1e-9*math.Max(1, math.Abs(want))
}
