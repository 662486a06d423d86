package training

import (
	"fmt"
	"math"
	"math/rand/v2"
	"slices"
	"time"

	"github.com/nnlesson/course/lang"
	"github.com/nnlesson/course/mnist"
	"github.com/nnlesson/course/nnlesson"
)

// EpochReport tells how training went in one epoch. Train sends one to its
// report function after each epoch, so that a lesson can print or plot
// the progress while it happens.
type EpochReport struct {
	Epoch        int           // 1, 2, …, Settings.Epochs
	TrainCost    float64       // the mean cost of the epoch's training images, each taken just before its mini-batch's step
	TestCost     float64       // the mean cost on the test images after the epoch (NaN without test images)
	TestAccuracy float64       // the fraction of test images classified correctly after the epoch (NaN without test images)
	Elapsed      time.Duration // the time since training began
}

// String prints the report in one line, in the lesson's language, e.g.
// "epoch  3: cost 0.1342, test cost 0.1213, test accuracy 93.21%". It
// leaves Elapsed out: a lesson that prints it shows the same text on every
// machine.
func (r EpochReport) String() string {
	s := fmt.Sprintf(lang.Pick("epoch %2d: cost %.4f", "epoka %2d: koszt %.4f"), r.Epoch, r.TrainCost)
	if !math.IsNaN(r.TestAccuracy) {
		s += fmt.Sprintf(lang.Pick(", test cost %.4f, test accuracy %.2f%%", ", koszt testowy %.4f, dokładność na zbiorze testowym %.2f%%"), r.TestCost, 100*r.TestAccuracy)
	}
	return s
}

// TrainNetwork makes a new network with s.Sizes, its weights and biases
// drawn by nnlesson.NewNetwork from the seed s.Seed, and trains it with
// Train. The same settings give the same network, bit for bit.
func TrainNetwork(s Settings, train, test *mnist.Dataset, report func(EpochReport)) (*nnlesson.Network, error) {
	if train == nil {
		return nil, errNoData()
	}
	if s.Sizes == nil {
		return nil, errorf("Settings.Sizes is empty; give the layer sizes, e.g. []int{784, 30, 10}",
			"Settings.Sizes jest puste; podaj rozmiary warstw, np. []int{784, 30, 10}")
	}
	if err := s.Check(train); err != nil {
		return nil, err
	}
	net := NewNetwork(s)
	if err := Train(net, train, test, s, report); err != nil {
		return nil, err
	}
	return net, nil
}

// NewNetwork returns the untrained network that TrainNetwork starts from
// with the settings s: layers of s.Sizes, weights and biases drawn by
// nnlesson.NewNetwork from the seed s.Seed, hidden layers with the
// activation s.Hidden. A lesson draws it to compare with the trained one.
//
// NewNetwork panics, as nnlesson.NewNetwork does, if s.Sizes cannot make a
// network; TrainNetwork checks the settings first.
func NewNetwork(s Settings) *nnlesson.Network {
	net := nnlesson.NewNetwork(s.Sizes, rand.New(rand.NewPCG(s.Seed, initStream)))
	if s.Hidden.F != nil {
		net.SetHiddenActivation(s.Hidden)
	}
	return net
}

// The two random streams drawn from one seed: the initial weights, and the
// order of the training images.
const (
	initStream    = 1
	shuffleStream = 2
)

// Train trains net by mini-batch stochastic gradient descent, as on the
// slides: in each epoch it shuffles the training images, cuts them into
// mini-batches of s.BatchSize images, and for each mini-batch takes one
// step against the average gradient of its images' costs,
//
//	W^(L) ← W^(L) − η · (1/m) Σ ∂C/∂W^(L),   b^(L) ← b^(L) − η · (1/m) Σ ∂C/∂b^(L)
//
// (the last mini-batch of an epoch may be smaller). The gradients are those
// of nnlesson's Backprop, computed by the fast path of fast.go. After each
// epoch it measures the test images (if test is not nil) and calls report
// (if it is not nil). The shuffling is drawn from s.Seed; s.Sizes, if
// given, must be the network's sizes.
//
// Train returns an error if the settings do not fit (see Settings.Check) or
// if training diverges, which happens when η is too large: the cost
// becomes NaN or infinite, rises far above where it started, or gets stuck
// no better than guessing because the output neurons saturated (see
// saturated). The network is then left as it was after the last complete
// epoch.
func Train(net *nnlesson.Network, train, test *mnist.Dataset, s Settings, report func(EpochReport)) error {
	if train == nil {
		return errNoData()
	}
	if err := s.Check(train); err != nil {
		return err
	}
	if net == nil {
		return errorf("there is no network to train (nil); make one with nnlesson.NewNetwork", "brak sieci do trenowania (nil); utwórz ją przez nnlesson.NewNetwork")
	}
	if s.Sizes != nil && !slices.Equal(s.Sizes, net.Sizes()) {
		return errorf("Settings.Sizes is %s but the network is %s; make them equal, or leave Sizes nil",
			"Settings.Sizes to %s, a sieć ma rozmiary %s; ustaw je tak samo albo zostaw Sizes puste", sizes(s.Sizes), sizes(net.Sizes()))
	}
	if err := CheckFits(net, train); err != nil {
		return err
	}
	if test != nil {
		if err := CheckFits(net, test); err != nil {
			return err
		}
	}
	if s.TrainSize > 0 {
		train = train.First(s.TrainSize)
	}
	start := time.Now()
	rng := rand.New(rand.NewPCG(s.Seed, shuffleStream))
	order := make([]int32, train.Len())
	for i := range order {
		order[i] = int32(i)
	}
	sgd := newFastSGD(net, train)
	probe := train.First(1000) // the images that watch for divergence
	startCost := MeanCost(net, probe)
	costs := make([]float64, (len(order)+s.BatchSize-1)/s.BatchSize) // the cost of each mini-batch
	for epoch := 1; epoch <= s.Epochs; epoch++ {
		rng.Shuffle(len(order), func(i, j int) { order[i], order[j] = order[j], order[i] })
		var sum float64
		sgd.epoch(order, s.BatchSize, s.Eta, costs) // every mini-batch's step, on every core
		for _, cost := range costs {
			if math.IsNaN(cost) || math.IsInf(cost, 0) {
				return diverged(epoch, fmt.Sprintf(lang.Pick("the cost is %g", "koszt wynosi %g"), cost), s.Eta)
			}
			sum += cost
		}
		r := EpochReport{Epoch: epoch, TrainCost: sum / float64(len(order)), TestCost: math.NaN(), TestAccuracy: math.NaN()}
		if r.TrainCost > 10*startCost && r.TrainCost > 1 {
			return diverged(epoch, fmt.Sprintf(lang.Pick("the mean cost rose from %.4g to %.4g", "średni koszt wzrósł z %.4g do %.4g"), startCost, r.TrainCost), s.Eta)
		}
		if cost, dead := saturated(sgd.fastNet, probe); dead {
			return diverged(epoch, fmt.Sprintf(lang.Pick("the cost is stuck at %.4f, no better than guessing: the output neurons saturated, f′(z) ≈ 0, and the gradient vanished",
				"koszt utknął na %.4f, nie lepiej niż przy zgadywaniu: neurony wyjściowe się nasyciły, f′(z) ≈ 0 i gradient zanikł"), cost), s.Eta)
		}
		sgd.store(net)
		if test != nil {
			r.TestCost, r.TestAccuracy = costAndAccuracy(net, test)
		}
		r.Elapsed = time.Since(start)
		if report != nil {
			report(r)
		}
	}
	return nil
}

func errNoData() error {
	return errorf("there are no training images (the dataset is nil); load them with mnist.Train()",
		"brak obrazów treningowych (zbiór danych to nil); wczytaj je przez mnist.Train()")
}

func diverged(epoch int, what string, eta float64) error {
	return errorf("training diverged in epoch %d (%s); the learning rate η = %g is too large — try a value 10× smaller",
		"trening się rozbiegł w epoce %d (%s); współczynnik uczenia η = %g jest za duży — spróbuj wartości 10 razy mniejszej", epoch, what, eta)
}

// saturated reports whether the network has stopped learning because its
// output neurons saturated, with the mean cost on data. A too large step
// throws the weights so far that z^(L) is huge for every image: the
// sigmoid's outputs are then 0 or 1, its slope f′(z) is 0, and so is every
// gradient. The cost then stays where it is, no better than the same
// answer for every image (0.1 from each output gives cost 0.9). It counts
// as saturated when its cost is that bad and at least half of the output
// neurons have f′(z) < 10⁻⁶ on the first images of data.
func saturated(fn *fastNet, data *mnist.Dataset) (cost float64, dead bool) {
	last := len(fn.sizes) - 1
	n := fn.sizes[last]
	flat := 0 // output neurons with f′(z) ≈ 0
	for i := range data.Len() {
		cost += fn.cost(fn.forward(data.Ink(i)), data.Label(i))
		for _, dAdZ := range fn.dAdZ[last] {
			if dAdZ < 1e-6 {
				flat++
			}
		}
	}
	cost /= float64(data.Len())
	guess := 1 - 1/float64(n) // the cost of answering 1/n on every output
	return cost, cost >= guess && 2*flat >= n*data.Len()
}
