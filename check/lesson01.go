package check

import (
	"fmt"
	"math/rand/v2"

	"github.com/nnlesson/course/exercise"
	"github.com/nnlesson/course/lang"
	"github.com/nnlesson/course/mnist"
	"github.com/nnlesson/course/nnlesson"
)

// Lesson 1, "Deep learning".

// NumParams checks exercise 1: numParams(sizes) returns the number of
// weights and biases of a network with the layer sizes n_0, n_1, …, input
// first,
//
//	Σ_{L≥1} (n_L·n_(L−1) + n_L),
//
// which it compares with what a network of those sizes really holds
// (nnlesson.Network.NumParams), for 784-30-10, the lesson's 784-16-16-10
// and a few more.
func NumParams(numParams func(sizes []int) int) bool {
	return exercise.Check("numParams(sizes)", func() error {
		for _, sizes := range [][]int{{784, 30, 10}, {784, 16, 16, 10}, {3, 2}, {2, 3, 1}, {784, 100, 30, 10}} {
			want := nnlesson.NewNetwork(sizes, rand.New(rand.NewPCG(1, 2))).NumParams()
			got := numParams(sizes)
			if got == want {
				continue
			}
			weights, biasesEverywhere, biasesBefore := 0, sizes[0], 0
			for L := 1; L < len(sizes); L++ {
				weights += sizes[L] * sizes[L-1]
				biasesEverywhere += sizes[L]
				biasesBefore += sizes[L-1]
			}
			switch got {
			case weights:
				return fmt.Errorf(lang.Pick(
					"for %v you counted %d, the weights alone; add one bias per neuron outside the input layer (the network holds %d)",
					"dla %v numParams zwraca %d, czyli same wagi; dodaj po jednym biasie na każdy neuron spoza warstwy wejściowej (liczba parametrów sieci: %d)"),
					sizes, got, want)
			case weights + biasesEverywhere:
				return fmt.Errorf(lang.Pick(
					"for %v you counted %d: that gives the input layer biases too, but its neurons only hold the pixels (the network holds %d)",
					"dla %v numParams zwraca %d, czyli wlicza biasy także w warstwie wejściowej, a jej neurony tylko przechowują piksele i biasów nie mają (liczba parametrów sieci: %d)"),
					sizes, got, want)
			case weights + biasesBefore:
				return fmt.Errorf(lang.Pick(
					"for %v you counted %d: that is one bias per neuron of layer L−1; count one per neuron of layer L (the network holds %d)",
					"dla %v numParams zwraca %d, czyli po jednym biasie na neuron warstwy L−1, a biasy należą do neuronów warstwy L (liczba parametrów sieci: %d)"),
					sizes, got, want)
			}
			return fmt.Errorf(lang.Pick("for %v you counted %d; the network holds %d",
				"dla %v numParams zwraca %d, a liczba parametrów sieci to %d"), sizes, got, want)
		}
		return nil
	})
}

// Pixel checks exercise 2: pixel(x, r, c) returns the grey level in row r,
// column c (both from 0) of the 28×28 image x, stored row after row, that
// is x[28r + c]. The lesson passes the first test image.
//
// Pixel panics if x is not 28×28: that is the lesson's mistake, not the
// student's.
func Pixel(pixel func(x []float64, r, c int) float64, x []float64) bool {
	if len(x) != mnist.Rows*mnist.Cols {
		panic(fmt.Sprintf("check.Pixel: the image must have %d×%d = %d pixels, got %d", mnist.Rows, mnist.Cols, mnist.Rows*mnist.Cols, len(x)))
	}
	return exercise.Check("pixel(x, r, c)", func() error {
		cases := [][2]int{{7, 14}, {10, 8}, {20, 12}, {17, 16}, {0, 0}, {27, 27}}
		got := make([]float64, len(cases))
		wrong, swapped := -1, true
		for i, rc := range cases {
			r, c := rc[0], rc[1]
			got[i] = pixel(x, r, c)
			if got[i] != x[28*r+c] && wrong < 0 {
				wrong = i
			}
			swapped = swapped && got[i] == x[28*c+r]
		}
		if wrong < 0 {
			return nil
		}
		r, c := cases[wrong][0], cases[wrong][1]
		if swapped {
			return fmt.Errorf(lang.Pick(
				"for row %d, column %d you returned %.4f, the pixel at row %d, column %d: rows and columns are swapped — row r starts at index 28·r",
				"dla wiersza %d i kolumny %d pixel zwraca %.4f, czyli wartość piksela z wiersza %d i kolumny %d: wiersze i kolumny są zamienione – wiersz r zaczyna się od indeksu 28·r"),
				r, c, got[wrong], c, r)
		}
		return fmt.Errorf(lang.Pick("for row %d, column %d you returned %.4f; the pixel there, number %d, is %.4f",
			"dla wiersza %d i kolumny %d pixel zwraca %.4f, a piksel w tym miejscu (numer %d) ma wartość %.4f"),
			r, c, got[wrong], 28*r+c, x[28*r+c])
	})
}

// SlideOutputs are the ten outputs of the cost slide's untrained network
// shown a "3" (lesson 5), rounded as the slide prints them: the paper form
// of exercise 3, whose answer is 8.
var SlideOutputs = []float64{0.43, 0.28, 0.19, 0.88, 0.72, 0.01, 0.64, 0.86, 0.99, 0.63}

// Answer checks exercise 3: answer(outputs) returns the number j of the
// largest output activation, the network's answer. It tries the slide's
// outputs (SlideOutputs), then net's outputs for the first 20 images of
// data (the lesson passes the trained network and the test images).
func Answer(answer func(outputs []float64) int, net *nnlesson.Network, data *mnist.Dataset) bool {
	return exercise.Check("answer(outputs)", func() error {
		for i := -1; i < min(20, data.Len()); i++ {
			outputs, which := SlideOutputs, lang.Pick("the slide's example", "przykładu ze slajdu")
			if i >= 0 {
				outputs, which = net.FeedForward(data.Image(i)), fmt.Sprintf(lang.Pick("test image %d", "obrazu testowego %d"), i)
			}
			want, least := nnlesson.Answer(outputs), argmin(outputs)
			got := answer(append([]float64(nil), outputs...))
			if got == want {
				continue
			}
			hint := ""
			switch got {
			case least:
				hint = lang.Pick(" — that is the least active output; the answer is the most active one",
					" – to najmniej aktywne wyjście, a odpowiedzią sieci jest numer najbardziej aktywnego")
			case want + 1:
				hint = lang.Pick(" — the output neurons are numbered from 0: output j stands for the digit j",
					" – neurony wyjściowe są numerowane od 0: wyjście j odpowiada cyfrze j")
			}
			return fmt.Errorf(lang.Pick("for %s the outputs are %.2f: the largest is output %d, you answered %d%s",
				"dla %s wyjścia to %.2f: największe jest wyjście %d, a answer zwraca %d%s"), which, outputs, want, got, hint)
		}
		return nil
	})
}

// argmin returns the index of the smallest of xs (the first, on a tie).
func argmin(xs []float64) int {
	least := 0
	for j := range xs {
		if xs[j] < xs[least] {
			least = j
		}
	}
	return least
}
