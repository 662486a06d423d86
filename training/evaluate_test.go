package training

import (
	"math"
	"math/rand/v2"
	"strings"
	"testing"

	"github.com/nnlesson/course/nnlesson"
)

// TestEvaluateAgreesWithPredict checks Accuracy, MeanCost, Misclassified
// and ConfusionMatrix against the definitions written with Predict and
// nnlesson.Cost, on an untrained network (many mistakes) over random images.
func TestEvaluateAgreesWithPredict(t *testing.T) {
	data := randomDataset(rand.New(rand.NewPCG(8, 8)), 300, 28, 28, 0.19)
	net := nnlesson.NewNetwork([]int{784, 16, 16, 10}, rand.New(rand.NewPCG(9, 9)))

	var correct int
	var cost float64
	var misses []Miss
	var confusion Confusion
	for i := range data.Len() {
		x, label := data.Image(i), data.Label(i)
		p := net.Predict(x)
		if p == label {
			correct++
		} else {
			misses = append(misses, Miss{Index: i, Label: label, Predicted: p})
		}
		confusion[label][p]++
		cost += nnlesson.Cost(net.FeedForward(x), data.Target(i))
	}
	if got, want := Accuracy(net, data), float64(correct)/300; got != want {
		t.Errorf("Accuracy = %v, want %v", got, want)
	}
	if got, want := MeanCost(net, data), cost/300; math.Abs(got-want) > 1e-12*want {
		t.Errorf("MeanCost = %v, want %v", got, want)
	}
	got := Misclassified(net, data)
	if len(got) != len(misses) || len(misses) == 0 {
		t.Fatalf("Misclassified: %d images, want %d (and more than none)", len(got), len(misses))
	}
	for k := range got {
		if got[k] != misses[k] {
			t.Errorf("Misclassified()[%d] = %+v, want %+v", k, got[k], misses[k])
		}
	}
	if c := ConfusionMatrix(net, data); c != confusion {
		t.Errorf("ConfusionMatrix =\n%v\nwant\n%v", c, confusion)
	}
}

func TestConfusionMatrixAddsUp(t *testing.T) {
	data := randomDataset(rand.New(rand.NewPCG(10, 10)), 500, 28, 28, 0.19)
	net := nnlesson.NewNetwork([]int{784, 10}, rand.New(rand.NewPCG(11, 11)))
	c := ConfusionMatrix(net, data)
	var perDigit [10]int
	for i := range data.Len() {
		perDigit[data.Label(i)]++
	}
	diagonal := 0
	for d := range 10 {
		row := 0
		for p := range 10 {
			row += c[d][p]
		}
		if row != perDigit[d] || c.RowSum(d) != perDigit[d] {
			t.Errorf("row %d adds up to %d (RowSum %d), but there are %d images of %d", d, row, c.RowSum(d), perDigit[d], d)
		}
		diagonal += c[d][d]
	}
	if got, want := float64(diagonal)/500, Accuracy(net, data); got != want {
		t.Errorf("the diagonal gives accuracy %v, Accuracy %v", got, want)
	}
	if lines := strings.Split(strings.TrimSpace(c.String()), "\n"); len(lines) != 11 || !strings.HasPrefix(lines[0], "true\\predicted") {
		t.Errorf("String():\n%s", c)
	}
}

func TestEvaluateBadSizes(t *testing.T) {
	data := randomDataset(rand.New(rand.NewPCG(1, 1)), 3, 28, 28, 0.2)
	for _, c := range []struct {
		sizes []int
		want  string
	}{
		{[]int{783, 10}, "input layer has 783 neurons but the images have 784 pixels"},
		{[]int{784, 9}, "output layer has 9 neurons"},
	} {
		net := nnlesson.NewNetwork(c.sizes, rand.New(rand.NewPCG(1, 1)))
		if msg := panicMessage(func() { Accuracy(net, data) }); !strings.Contains(msg, c.want) {
			t.Errorf("%v: panic %q, want one containing %q", c.sizes, msg, c.want)
		}
	}
	empty := data.First(0)
	net := nnlesson.NewNetwork([]int{784, 10}, rand.New(rand.NewPCG(1, 1)))
	if Accuracy(net, empty) != 0 || MeanCost(net, empty) != 0 || len(Misclassified(net, empty)) != 0 {
		t.Error("an empty dataset should give accuracy 0, cost 0, no misses")
	}
}

// TestAnswers: the answers for a dataset's images are its labels except
// where Misclassified names the image, and there the digit it names.
func TestAnswers(t *testing.T) {
	data := randomDataset(rand.New(rand.NewPCG(12, 12)), 200, 28, 28, 0.19)
	net := nnlesson.NewNetwork([]int{784, 16, 10}, rand.New(rand.NewPCG(13, 13)))
	images, labels := data.Images(data.Len())
	want := append([]int(nil), labels...)
	misses := Misclassified(net, data)
	for _, m := range misses {
		want[m.Index] = m.Predicted
	}
	got := Answers(net, images)
	if len(misses) == 0 || len(got) != len(want) {
		t.Fatalf("%d answers for %d images, %d of them wrong (want some)", len(got), len(want), len(misses))
	}
	for i := range want {
		if got[i] != want[i] {
			t.Errorf("Answers()[%d] = %d, want %d", i, got[i], want[i])
		}
	}
	if got := Answers(net, nil); len(got) != 0 {
		t.Errorf("Answers(net, nil) = %v, want none", got)
	}
}

// TestMistakes: the cells off the diagonal, all 90 of them, the largest
// first and equal counts in reading order; the diagonal never.
func TestMistakes(t *testing.T) {
	var c Confusion
	c[4][9], c[7][2], c[3][5], c[5][3], c[1][1] = 7, 3, 3, 1, 50
	ms := c.Mistakes()
	if len(ms) != 90 {
		t.Fatalf("%d mistakes, want the 90 cells off the diagonal", len(ms))
	}
	want := []Confused{{4, 9, 7}, {3, 5, 3}, {7, 2, 3}, {5, 3, 1}, {0, 1, 0}, {0, 2, 0}}
	for i, w := range want {
		if ms[i] != w {
			t.Errorf("Mistakes()[%d] = %+v, want %+v", i, ms[i], w)
		}
	}
	for _, m := range ms {
		if m.Label == m.Predicted {
			t.Errorf("Mistakes() holds the diagonal cell %+v", m)
		}
	}
}
