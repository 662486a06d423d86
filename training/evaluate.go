package training

import (
	"fmt"
	"slices"
	"strings"

	"github.com/nnlesson/course/lang"
	"github.com/nnlesson/course/mnist"
	"github.com/nnlesson/course/nnlesson"
)

// Accuracy returns the fraction of the images of data that net classifies
// correctly: the share of images i with net.Predict(data.Image(i)) ==
// data.Label(i), a number in [0, 1].
//
// Like all the functions of this file it runs the network with the fast
// forward pass of fast.go, which computes the same as FeedForward (to the
// last few bits of rounding) without allocating.
//
// Accuracy panics if the network does not fit the data (see CheckFits).
func Accuracy(net *nnlesson.Network, data *mnist.Dataset) float64 {
	if data.Len() == 0 {
		return 0
	}
	correct := 0
	eachOutput(net, data, func(i int, a []float64) {
		if nnlesson.Answer(a) == data.Label(i) {
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
func MeanCost(net *nnlesson.Network, data *mnist.Dataset) float64 {
	cost, _ := costAndAccuracy(net, data)
	return cost
}

// costAndAccuracy returns MeanCost and Accuracy in one pass over data.
func costAndAccuracy(net *nnlesson.Network, data *mnist.Dataset) (cost, accuracy float64) {
	if data.Len() == 0 {
		return 0, 0
	}
	var sum float64
	correct := 0
	eachOutput(net, data, func(i int, a []float64) {
		sum += outputCost(a, data.Label(i))
		if nnlesson.Answer(a) == data.Label(i) {
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
func Misclassified(net *nnlesson.Network, data *mnist.Dataset) []Miss {
	var misses []Miss
	eachOutput(net, data, func(i int, a []float64) {
		if p := nnlesson.Answer(a); p != data.Label(i) {
			misses = append(misses, Miss{Index: i, Label: data.Label(i), Predicted: p})
		}
	})
	return misses
}

// Answers returns net's answer for each of images, net.Predict(image): the
// digits that a chart of predictions (plots.DigitPredictions) sets beside
// the labels of mnist.Dataset.Images or Pick.
func Answers(net *nnlesson.Network, images [][]float64) []int {
	answers := make([]int, len(images))
	for i, x := range images {
		answers[i] = net.Predict(x)
	}
	return answers
}

// Confusion is a confusion matrix: Confusion[t][p] counts the images of
// digit t that the network took for digit p. The diagonal holds the
// correct answers; every row adds up to the number of images of its digit.
type Confusion [10][10]int

// ConfusionMatrix counts net's answers on data by true digit (rows) and
// predicted digit (columns).
//
// ConfusionMatrix panics if the network does not fit the data (see CheckFits).
func ConfusionMatrix(net *nnlesson.Network, data *mnist.Dataset) Confusion {
	var c Confusion
	eachOutput(net, data, func(i int, a []float64) {
		c[data.Label(i)][nnlesson.Answer(a)]++
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

// RowSum returns the sum of row t: how many images of digit t there are.
func (c Confusion) RowSum(t int) int {
	sum := 0
	for _, n := range c[t] {
		sum += n
	}
	return sum
}

// Confused counts the images of one digit that the network took for
// another: one cell of a confusion matrix off its diagonal.
type Confused struct {
	Label     int // the digit the images show (the row)
	Predicted int // the digit the network answered (the column)
	Count     int // how many images
}

// Mistakes returns the 90 cells off the diagonal, the kinds of mistake,
// the most frequent first; cells of equal count stay in reading order, row
// by row.
func (c Confusion) Mistakes() []Confused {
	var ms []Confused
	for t := range c {
		for p := range c[t] {
			if t != p {
				ms = append(ms, Confused{Label: t, Predicted: p, Count: c[t][p]})
			}
		}
	}
	slices.SortStableFunc(ms, func(a, b Confused) int { return b.Count - a.Count })
	return ms
}

// String prints the matrix as a table, true digits down, predicted across.
func (c Confusion) String() string {
	var b strings.Builder
	b.WriteString(lang.Pick("true\\predicted", "prawdziwa\\odpowiedź"))
	for p := range 10 {
		fmt.Fprintf(&b, " %5d", p)
	}
	b.WriteString("\n")
	for t := range 10 {
		fmt.Fprintf(&b, "%*d", len([]rune(lang.Pick("true\\predicted", "prawdziwa\\odpowiedź"))), t)
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
func CheckFits(net *nnlesson.Network, data *mnist.Dataset) error {
	if net == nil {
		return errorf("there is no network (nil); make one with nnlesson.NewNetwork or trained.Network", "brak sieci (nil); utwórz ją przez nnlesson.NewNetwork albo trained.Network")
	}
	if data == nil {
		return errorf("there are no images (the dataset is nil); load them with mnist.Test() or mnist.Train()", "brak obrazów (zbiór danych to nil); wczytaj je przez mnist.Test() albo mnist.Train()")
	}
	return checkSizesFit(net.Sizes(), data.Rows(), data.Cols())
}

// checkSizesFit returns an error unless a network of sizes ns takes images
// of rows × cols pixels and answers with one output per digit.
func checkSizesFit(ns []int, rows, cols int) error {
	if n := rows * cols; ns[0] != n {
		return errorf("the network's input layer has %d neurons but the images have %d pixels (%d×%d); make the first size %d",
			"warstwa wejściowa sieci ma %d neuronów, a obrazy mają %d pikseli (%d×%d); ustaw pierwszy rozmiar na %d", ns[0], n, rows, cols, n)
	}
	if last := ns[len(ns)-1]; last != mnist.Digits {
		return errorf("the network's output layer has %d neurons but there are %d digits, one output each; make the last size %d",
			"warstwa wyjściowa sieci ma %d neuronów, a cyfr jest %d, po jednym wyjściu na cyfrę; ustaw ostatni rozmiar na %d", last, mnist.Digits, mnist.Digits)
	}
	return nil
}

// eachOutput runs every image of data through the network and calls
// visit(i, a^(L)); a is a buffer that the next image overwrites.
func eachOutput(net *nnlesson.Network, data *mnist.Dataset, visit func(i int, a []float64)) {
	if err := CheckFits(net, data); err != nil {
		panic(err.Error())
	}
	fn := newFastNet(net)
	for i := range data.Len() {
		visit(i, fn.forward(data.Ink(i)))
	}
}
