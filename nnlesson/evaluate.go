package nnlesson

import (
	"fmt"
	"strings"
)

// Accuracy returns the fraction of the images of data that net classifies
// correctly: the share of images i with net.Predict(data.Image(i)) ==
// data.Label(i), a number in [0, 1].
//
// Like all the functions of this file it runs the network with the fast
// forward pass of sparse.go, which computes the same as FeedForward (to the
// last few bits of rounding) without allocating.
//
// Accuracy panics if the network does not fit the data (see CheckFits).
func Accuracy(net *Network, data *Dataset) float64 {
	if data.Len() == 0 {
		return 0
	}
	correct := 0
	eachOutput(net, data, func(i int, a []float64) {
		if argmax(a) == data.Label(i) {
			correct++
		}
	})
	return float64(correct) / float64(data.Len())
}

// MeanCost returns the quadratic cost averaged over the images of data,
//
//	(1/n) Σ_i C_i,   C_i = Σ_j (a_j^(L) − y_j)²
//
// with a^(L) the network's output for image i and y its one-hot target.
//
// MeanCost panics if the network does not fit the data (see CheckFits).
func MeanCost(net *Network, data *Dataset) float64 {
	cost, _ := costAndAccuracy(net, data)
	return cost
}

// costAndAccuracy returns MeanCost and Accuracy in one pass over data.
func costAndAccuracy(net *Network, data *Dataset) (cost, accuracy float64) {
	if data.Len() == 0 {
		return 0, 0
	}
	var sum float64
	correct := 0
	eachOutput(net, data, func(i int, a []float64) {
		for j, aj := range a {
			y := 0.0
			if j == data.Label(i) {
				y = 1
			}
			sum += (aj - y) * (aj - y)
		}
		if argmax(a) == data.Label(i) {
			correct++
		}
	})
	n := float64(data.Len())
	return sum / n, float64(correct) / n
}

// Miss is an image that the network got wrong.
type Miss struct {
	Index     int // the image's index in the dataset
	Label     int // the digit it shows
	Predicted int // the digit the network answered
}

// Misclassified returns the images of data that net gets wrong, in the
// order of the dataset.
//
// Misclassified panics if the network does not fit the data (see CheckFits).
func Misclassified(net *Network, data *Dataset) []Miss {
	var misses []Miss
	eachOutput(net, data, func(i int, a []float64) {
		if p := argmax(a); p != data.Label(i) {
			misses = append(misses, Miss{Index: i, Label: data.Label(i), Predicted: p})
		}
	})
	return misses
}

// Confusion is a confusion matrix: Confusion[t][p] counts the images of
// digit t that the network took for digit p. The diagonal holds the
// correct answers; every row adds up to the number of images of its digit.
type Confusion [10][10]int

// ConfusionMatrix counts net's answers on data by true digit (rows) and
// predicted digit (columns).
//
// ConfusionMatrix panics if the network does not fit the data (see CheckFits).
func ConfusionMatrix(net *Network, data *Dataset) Confusion {
	var c Confusion
	eachOutput(net, data, func(i int, a []float64) {
		c[data.Label(i)][argmax(a)]++
	})
	return c
}

// Rows returns the counts as rows, Rows()[t][p] = c[t][p]: the form that a
// chart of the matrix (plots.ConfusionMatrix) takes.
func (c Confusion) Rows() [][]int {
	rows := make([][]int, len(c))
	for t := range c {
		rows[t] = append([]int(nil), c[t][:]...)
	}
	return rows
}

// String prints the matrix as a table, true digits down, predicted across.
func (c Confusion) String() string {
	var b strings.Builder
	b.WriteString("true\\predicted")
	for p := range 10 {
		fmt.Fprintf(&b, " %5d", p)
	}
	b.WriteString("\n")
	for t := range 10 {
		fmt.Fprintf(&b, "%14d", t)
		for p := range 10 {
			fmt.Fprintf(&b, " %5d", c[t][p])
		}
		b.WriteString("\n")
	}
	return b.String()
}

// CheckFits returns an error, in the reader's terms, if the network's
// input layer is not the size of the data's images or its output layer
// cannot give one answer per digit.
func CheckFits(net *Network, data *Dataset) error {
	return checkSizesFit(net.sizes, data)
}

func checkSizesFit(sizes []int, data *Dataset) error {
	if n := data.ImageSize(); sizes[0] != n {
		return fmt.Errorf("nnlesson: the network's input layer has %d neurons but the images have %d pixels (%d×%d); make the first size %d", sizes[0], n, data.Rows(), data.Cols(), n)
	}
	if last := sizes[len(sizes)-1]; last != MNISTDigits {
		return fmt.Errorf("nnlesson: the network's output layer has %d neurons but there are %d digits, one output each; make the last size %d", last, MNISTDigits, MNISTDigits)
	}
	return nil
}

// eachOutput runs every image of data through the network and calls
// visit(i, a^(L)); a is a buffer that the next image overwrites.
func eachOutput(net *Network, data *Dataset, visit func(i int, a []float64)) {
	if err := CheckFits(net, data); err != nil {
		panic(err.Error())
	}
	fn := newFastNet(net)
	images := data.nonzeros()
	for i := range data.Len() {
		visit(i, fn.forward(images.image(i)))
	}
}
