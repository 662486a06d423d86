package training

import (
	"math"
	"math/rand/v2"
	"slices"
	"strings"
	"testing"

	"github.com/nnlesson/course/lang"
	"github.com/nnlesson/course/nnlesson"
)

func TestSettingsCheck(t *testing.T) {
	data := randomDataset(rand.New(rand.NewPCG(1, 1)), 20, 28, 28, 0.2)
	good := Settings{Sizes: []int{784, 30, 10}, Eta: 3, BatchSize: 10, Epochs: 1, Seed: 1}
	if err := good.Check(data); err != nil {
		t.Fatalf("good settings: %v", err)
	}
	for _, c := range []struct {
		change func(*Settings)
		want   string
	}{
		{func(s *Settings) { s.Eta = 0 }, "learning rate η = 0 must be a positive number"},
		{func(s *Settings) { s.Eta = -1 }, "η = -1 must be"},
		{func(s *Settings) { s.Eta = math.NaN() }, "η = NaN must be"},
		{func(s *Settings) { s.Eta = math.Inf(1) }, "η = +Inf must be"},
		{func(s *Settings) { s.BatchSize = 0 }, "mini-batch size is 0; it must be at least 1"},
		{func(s *Settings) { s.Epochs = 0 }, "Epochs is 0"},
		{func(s *Settings) { s.TrainSize = 21 }, "TrainSize is 21 but the training set has 20 images"},
		{func(s *Settings) { s.TrainSize = -1 }, "TrainSize is -1"},
		{func(s *Settings) { s.Sizes = []int{100, 30, 10} }, "the network's input layer has 100 neurons but the images have 784 pixels"},
		{func(s *Settings) { s.Sizes = []int{784, 30, 5} }, "the network's output layer has 5 neurons but there are 10 digits"},
		{func(s *Settings) { s.Sizes = []int{784} }, "needs at least two layers (the input and the output)"},
		{func(s *Settings) { s.Sizes = []int{784, 0, 10} }, "layer 1 of [784 0 10] has 0 neurons"},
		{func(s *Settings) { s.Sizes = []int{784, 1e9, 10} }, "a 784-1000000000-10 network has 795,000,000,010 weights and biases and needs 6.4 TB of memory"},
		{func(s *Settings) {
			s.Hidden = nnlesson.Activation{Name: "relu", F: nnlesson.ReLU, Prime: nnlesson.SigmoidPrime}
		}, `Settings.Hidden is "relu"`},
	} {
		s := good
		c.change(&s)
		err := s.Check(data)
		if err == nil || !strings.Contains(err.Error(), c.want) || !strings.HasPrefix(err.Error(), "training: ") {
			t.Errorf("%v: error %v, want one containing %q", s, err, c.want)
		}
		if _, err2 := TrainNetwork(s, data, nil, nil); err2 == nil || err2.Error() != err.Error() {
			t.Errorf("%v: TrainNetwork's error %v, want Check's", s, err2)
		}
	}
	if _, err := TrainNetwork(Settings{Eta: 1, BatchSize: 1, Epochs: 1}, data, nil, nil); err == nil || !strings.Contains(err.Error(), "Sizes is empty") {
		t.Errorf("no sizes: error %v", err)
	}
	net := nnlesson.NewNetwork([]int{784, 5, 10}, rand.New(rand.NewPCG(1, 1)))
	if err := Train(net, data, nil, good, nil); err == nil || !strings.Contains(err.Error(), "Settings.Sizes is 784-30-10 but the network is 784-5-10") {
		t.Errorf("sizes that differ from the network's: error %v", err)
	}
	small := randomDataset(rand.New(rand.NewPCG(1, 1)), 5, 10, 10, 0.2)
	if err := Train(net, data, small, Settings{Eta: 1, BatchSize: 1, Epochs: 1}, nil); err == nil || !strings.Contains(err.Error(), "100 pixels") {
		t.Errorf("test images of another size: error %v", err)
	}
}

// TestTrainIsSGD checks Train's loop against the slides' method written out
// with backprop.go: the images shuffled by the seed's second stream, cut
// into mini-batches of 10 (the last one of 7), one Backprop + Step per
// mini-batch, two epochs.
func TestTrainIsSGD(t *testing.T) {
	data := randomDataset(rand.New(rand.NewPCG(2, 2)), 37, 28, 28, 0.19)
	s := Settings{Sizes: []int{784, 12, 10, 10}, Eta: 2, BatchSize: 10, Epochs: 2, Seed: 42}
	var reports []EpochReport
	fast, err := TrainNetwork(s, data, data.First(5), func(r EpochReport) { reports = append(reports, r) })
	if err != nil {
		t.Fatal(err)
	}

	plain := nnlesson.NewNetwork(s.Sizes, rand.New(rand.NewPCG(s.Seed, initStream)))
	rng := rand.New(rand.NewPCG(s.Seed, shuffleStream))
	order := make([]int32, data.Len())
	for i := range order {
		order[i] = int32(i)
	}
	for epoch := range s.Epochs {
		rng.Shuffle(len(order), func(i, j int) { order[i], order[j] = order[j], order[i] })
		var cost float64
		for from := 0; from < len(order); from += s.BatchSize {
			cost += plainStep(plain, data, order[from:min(from+s.BatchSize, len(order))], s.Eta)
		}
		if got, want := reports[epoch].TrainCost, cost/float64(data.Len()); math.Abs(got-want) > 1e-12*want {
			t.Errorf("epoch %d: reported cost %.17g, want %.17g", epoch+1, got, want)
		}
	}
	if d := relDiff(fast.Params(), plain.Params()); d > 1e-12 {
		t.Errorf("Train and the plain method end %.2g apart (relative)", d)
	}
	if len(reports) != 2 || reports[0].Epoch != 1 || reports[1].Epoch != 2 {
		t.Fatalf("reports %v, want epochs 1 and 2", reports)
	}
	for _, r := range reports {
		if want := MeanCost(plain, data.First(5)); r.Epoch == 2 && math.Abs(r.TestCost-want) > 1e-12 {
			t.Errorf("epoch 2: test cost %v, want %v", r.TestCost, want)
		}
		if r.TestAccuracy < 0 || r.TestAccuracy > 1 || r.Elapsed <= 0 {
			t.Errorf("report %+v: accuracy outside [0, 1] or no time", r)
		}
	}
	if !strings.HasPrefix(reports[1].String(), "epoch  2: cost ") || !strings.Contains(reports[1].String(), "test accuracy") {
		t.Errorf("report prints as %q", reports[1])
	}
}

// TestNewNetwork: TrainNetwork trains the network that NewNetwork returns,
// hidden activation included.
func TestNewNetwork(t *testing.T) {
	data := randomDataset(rand.New(rand.NewPCG(6, 6)), 50, 28, 28, 0.19)
	s := Settings{Sizes: []int{784, 8, 10}, Eta: 0.2, BatchSize: 10, Epochs: 1, Seed: 7, Hidden: nnlesson.ReLUActivation}
	start := NewNetwork(s)
	if start.Activation(1).Name != "relu" {
		t.Errorf("NewNetwork's hidden activation is %q, want relu", start.Activation(1).Name)
	}
	if other := NewNetwork(Settings{Sizes: s.Sizes, Seed: 8}); slices.Equal(start.Params(), other.Params()) {
		t.Error("seeds 7 and 8 gave the same untrained network")
	}
	trained, err := TrainNetwork(s, data, nil, nil)
	if err != nil {
		t.Fatal(err)
	}
	if err := Train(start, data, nil, s, nil); err != nil {
		t.Fatal(err)
	}
	if !slices.Equal(start.Params(), trained.Params()) {
		t.Error("TrainNetwork did not start from NewNetwork's network")
	}
}

func TestTrainDeterministic(t *testing.T) {
	data := randomDataset(rand.New(rand.NewPCG(3, 3)), 200, 28, 28, 0.19)
	s := Settings{Sizes: []int{784, 8, 10}, Eta: 1, BatchSize: 7, Epochs: 2, Seed: 5}
	train := func(s Settings) []float64 {
		var reports int
		net, err := TrainNetwork(s, data, nil, func(r EpochReport) {
			reports++
			if !math.IsNaN(r.TestAccuracy) || !math.IsNaN(r.TestCost) {
				t.Errorf("no test set, but the report has test accuracy %v, cost %v", r.TestAccuracy, r.TestCost)
			}
		})
		if err != nil {
			t.Fatal(err)
		}
		if reports != s.Epochs {
			t.Errorf("%d reports for %d epochs", reports, s.Epochs)
		}
		return net.Params()
	}
	a, b := train(s), train(s)
	if !slices.Equal(a, b) {
		t.Error("the same settings gave two different networks")
	}
	s.Seed = 6
	if c := train(s); slices.Equal(a, c) {
		t.Error("seeds 5 and 6 gave the same network")
	}
}

// TestTrainDiverges: a learning rate far too large must stop training with
// an error that says so, in both ways training fails.
func TestTrainDiverges(t *testing.T) {
	// nnlesson.ReLU outputs have no ceiling: the cost overflows.
	data := randomDataset(rand.New(rand.NewPCG(4, 4)), 300, 28, 28, 0.19)
	net := nnlesson.NewNetwork([]int{784, 20, 10}, rand.New(rand.NewPCG(1, 1)))
	net.SetHiddenActivation(nnlesson.ReLUActivation)
	net.SetActivation(2, nnlesson.ReLUActivation)
	before := net.Params()
	err := Train(net, data, nil, Settings{Eta: 300, BatchSize: 10, Epochs: 3, Seed: 1}, nil)
	if err == nil || !strings.Contains(err.Error(), "training diverged in epoch 1") ||
		!strings.Contains(err.Error(), "the learning rate η = 300 is too large — try a value 10× smaller") {
		t.Errorf("nnlesson.ReLU network, η = 300: error %v", err)
	}
	if !slices.Equal(before, net.Params()) {
		t.Error("training diverged in epoch 1, but the network changed")
	}

	// nnlesson.Sigmoid outputs saturate: the cost stays near 1 and nothing moves.
	train, _ := realMNIST(t)
	s := DefaultSettings()
	s.Eta, s.Epochs, s.TrainSize = 300, 2, 3000
	_, err = TrainNetwork(s, train, nil, nil)
	if err == nil || !strings.Contains(err.Error(), "training diverged in epoch 1 (the cost is stuck at") ||
		!strings.Contains(err.Error(), "η = 300 is too large") {
		t.Errorf("sigmoid network, η = 300: error %v", err)
	}
	s.Eta = 0.001 // far too small: slow, but not diverging
	if _, err = TrainNetwork(s, train, nil, nil); err != nil {
		t.Errorf("η = 0.001: error %v, want none", err)
	}
}

// TestTrainedAccuracy trains on the real MNIST: the lecture's 784-16-16-10
// with DefaultSettings must pass 94% test accuracy in its 10 epochs, and a
// 784-30-10 network 95% in 6 epochs (about 2 s here: well inside the goal
// of 30 seconds).
func TestTrainedAccuracy(t *testing.T) {
	train, test := realMNIST(t)
	if testing.Short() || raceEnabled {
		t.Skip("trains for several seconds (minutes under the race detector)")
	}
	for _, c := range []struct {
		s    Settings
		want float64
	}{
		{DefaultSettings(), 0.94},
		{Settings{Sizes: []int{784, 30, 10}, Eta: 0.5, BatchSize: 10, Epochs: 6, Seed: 1}, 0.95},
	} {
		var last EpochReport
		net, err := TrainNetwork(c.s, train, test, func(r EpochReport) { last = r })
		if err != nil {
			t.Fatal(err)
		}
		got := Accuracy(net, test)
		t.Logf("%v: test accuracy %.2f%% after %.1f s", c.s, 100*got, last.Elapsed.Seconds())
		if got < c.want {
			t.Errorf("%v: test accuracy %.2f%%, want at least %.0f%%", c.s, 100*got, 100*c.want)
		}
		if got != last.TestAccuracy {
			t.Errorf("the last report says %v, Accuracy %v", last.TestAccuracy, got)
		}
	}
}

// TestSettingsString: one line, "1 epoch" and "2 epochs", the extras only
// when set.
func TestSettingsString(t *testing.T) {
	s := Settings{Sizes: []int{784, 30, 10}, Eta: 1, BatchSize: 10, Epochs: 1, Seed: 3}
	if got, want := s.String(), "784-30-10, η = 1, mini-batch 10, 1 epoch, seed 3"; got != want {
		t.Errorf("String() = %q, want %q", got, want)
	}
	s.Epochs, s.TrainSize, s.Hidden = 2, 1000, nnlesson.ReLUActivation
	if got, want := s.String(), "784-30-10, η = 1, mini-batch 10, 2 epochs, seed 3, first 1000 training images, hidden layers relu"; got != want {
		t.Errorf("String() = %q, want %q", got, want)
	}
}

// The words a student reads from this package follow the lesson's language.
func TestInPolish(t *testing.T) {
	defer lang.Use(lang.Code())
	lang.Use("pl")
	data := randomDataset(rand.New(rand.NewPCG(1, 1)), 20, 28, 28, 0.2)
	s := Settings{Sizes: []int{784, 30, 10}, Eta: 0, BatchSize: 10, Epochs: 1, Seed: 1}
	if err := s.Check(data); err == nil || err.Error() != "training: współczynnik uczenia η = 0 musi być liczbą dodatnią (na początek dla MNIST dobre jest 0.5)" {
		t.Errorf("η = 0 in Polish: %v", err)
	}
	s.Eta, s.Sizes = 0.5, []int{784, 1e9, 10}
	if err := s.Check(data); err == nil || !strings.Contains(err.Error(), "ma 795,000,000,010 wag i biasów i potrzebuje 6.4 TB pamięci") {
		t.Errorf("absurd sizes in Polish: %v", err)
	}
	if got, want := DefaultSettings().String(), "784-16-16-10, η = 0.5, minipaczki po 10, epoki: 10, ziarno 1"; got != want {
		t.Errorf("settings in Polish: %q, want %q", got, want)
	}
	r := EpochReport{Epoch: 3, TrainCost: 0.1342, TestCost: 0.1213, TestAccuracy: 0.9321}
	if got, want := r.String(), "epoka  3: koszt 0.1342, koszt testowy 0.1213, dokładność na zbiorze testowym 93.21%"; got != want {
		t.Errorf("report in Polish: %q, want %q", got, want)
	}
}
