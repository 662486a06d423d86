package training

import (
	"math"
	"math/rand/v2"
	"os"
	"runtime"
	"slices"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/nnlesson/course/mnist"
	"github.com/nnlesson/course/nnlesson"
)

// randomDataset returns n images of rows×cols pixels, about the given
// fraction of them nonzero (MNIST has 19%), with random labels.
func randomDataset(rng *rand.Rand, n, rows, cols int, nonzero float64) *mnist.Dataset {
	return randomDatasetWith(rng, n, rows, cols, nonzero, nil)
}

// randomDatasetWith is randomDataset with a chance to change the pixels
// before the dataset is made.
func randomDatasetWith(rng *rand.Rand, n, rows, cols int, nonzero float64, change func(pixels []byte)) *mnist.Dataset {
	pixels, labels := make([]byte, n*rows*cols), make([]byte, n)
	for i := range pixels {
		if rng.Float64() < nonzero {
			pixels[i] = byte(1 + rng.IntN(255))
		}
	}
	for i := range labels {
		labels[i] = byte(rng.IntN(10))
	}
	if change != nil {
		change(pixels)
	}
	d, err := mnist.NewDataset(pixels, labels, rows, cols)
	if err != nil {
		panic(err)
	}
	return d
}

// plainStep is the mini-batch step the way the slides write it, with
// backprop.go alone: one gradient per image by Backprop, their average,
// one Step. It returns the sum of the images' costs before the step.
func plainStep(net *nnlesson.Network, data *mnist.Dataset, batch []int32, eta float64) (cost float64) {
	var gs []*nnlesson.Gradient
	for _, i := range batch {
		x, y := data.Image(int(i)), data.Target(int(i))
		cost += nnlesson.Cost(net.FeedForward(x), y)
		gs = append(gs, net.Backprop(x, y))
	}
	net.Step(nnlesson.AverageGradient(gs), eta)
	return cost
}

// relDiff returns max_i |a_i − b_i| / max_i |b_i| (0 if a equals b).
func relDiff(a, b []float64) float64 {
	var diff, scale float64
	for i := range a {
		diff = math.Max(diff, math.Abs(a[i]-b[i]))
		scale = math.Max(scale, math.Abs(b[i]))
	}
	if diff == 0 {
		return 0
	}
	return diff / scale
}

func subtract(a, b []float64) []float64 {
	d := make([]float64, len(a))
	for i := range a {
		d[i] = a[i] - b[i]
	}
	return d
}

// fastPathCases are networks for which the fast path must compute what
// backprop.go computes.
var fastPathCases = []struct {
	name         string
	sizes        []int
	hidden, last nnlesson.Activation
}{
	{"784-16-16-10 sigmoid", []int{784, 16, 16, 10}, nnlesson.SigmoidActivation, nnlesson.SigmoidActivation},
	{"784-30-10 sigmoid", []int{784, 30, 10}, nnlesson.SigmoidActivation, nnlesson.SigmoidActivation},
	{"784-10, one layer", []int{784, 10}, nnlesson.SigmoidActivation, nnlesson.SigmoidActivation},
	{"784-20-12-10 relu hidden", []int{784, 20, 12, 10}, nnlesson.ReLUActivation, nnlesson.SigmoidActivation},
	{"784-8-10 relu everywhere", []int{784, 8, 10}, nnlesson.ReLUActivation, nnlesson.ReLUActivation},
}

// TestFastStepEqualsBackprop checks the fast mini-batch step of fast.go
// against plainStep: three mini-batches (10, 10 and 7 images) in a row, on
// MNIST-like sparse images.
func TestFastStepEqualsBackprop(t *testing.T) {
	rng := rand.New(rand.NewPCG(7, 7))
	data := randomDataset(rng, 27, 28, 28, 0.19)
	batches := [][]int32{
		{3, 14, 15, 9, 2, 6, 5, 26, 5, 8}, // image 5 twice, as a shuffle never does, but the maths allows
		{0, 1, 4, 7, 10, 11, 12, 13, 16, 17},
		{18, 19, 20, 21, 22, 23, 24},
	}
	const eta = 3.0
	for _, c := range fastPathCases {
		t.Run(c.name, func(t *testing.T) {
			start := nnlesson.NewNetwork(c.sizes, rand.New(rand.NewPCG(1, 2)))
			start.SetHiddenActivation(c.hidden)
			start.SetActivation(start.Layers(), c.last)
			plain, fast := start.Clone(), start.Clone()
			sgd := newFastSGD(fast, data)
			for k, batch := range batches {
				plainCost := plainStep(plain, data, batch, eta)
				fastCost := sgd.step(batch, eta)
				if d := math.Abs(fastCost-plainCost) / plainCost; d > 1e-12 {
					t.Errorf("batch %d: cost %.17g by the fast path, %.17g by Backprop (relative difference %.2g)", k, fastCost, plainCost, d)
				}
			}
			sgd.store(fast)
			// The steps themselves, p − p_start, agree to 1e-12 of the largest step;
			// the parameters to 1e-12 of the largest parameter.
			p0, pp, pf := start.Params(), plain.Params(), fast.Params()
			t.Logf("relative differences: steps %.1e, parameters %.1e", relDiff(subtract(pf, p0), subtract(pp, p0)), relDiff(pf, pp))
			if d := relDiff(subtract(pf, p0), subtract(pp, p0)); d > 1e-12 || math.IsNaN(d) {
				t.Errorf("the fast path moved the parameters differently from Backprop + Step: relative difference %.2g", d)
			}
			if d := relDiff(pf, pp); d > 1e-12 || math.IsNaN(d) {
				t.Errorf("parameters after three steps differ: relative difference %.2g", d)
			}
			if d := relDiff(subtract(pp, p0), make([]float64, len(p0))); d == 0 {
				t.Errorf("the steps did not move the network: the test would prove nothing")
			}
		})
	}
}

// TestFastForwardEqualsFeedForward checks the forward pass of fast.go,
// which evaluate.go uses, against FeedForward.
func TestFastForwardEqualsFeedForward(t *testing.T) {
	rng := rand.New(rand.NewPCG(3, 4))
	data := randomDatasetWith(rng, 50, 28, 28, 0.19, func(pixels []byte) {
		pixels[0] = 255 // image 0 with some pixels at both ends of the scale
		clear(pixels[784 : 2*784])
	})
	for _, c := range fastPathCases {
		net := nnlesson.NewNetwork(c.sizes, rand.New(rand.NewPCG(5, 6)))
		net.SetHiddenActivation(c.hidden)
		net.SetActivation(net.Layers(), c.last)
		fn := newFastNet(net)
		for i := range data.Len() {
			want := net.FeedForward(data.Image(i))
			got := fn.forward(data.Ink(i))
			if d := relDiff(got, want); d > 1e-12 {
				t.Errorf("%s, image %d: fast forward pass %v, FeedForward %v", c.name, i, got, want)
			}
		}
	}
}

func TestIsSigmoid(t *testing.T) {
	isSigmoid := func(f nnlesson.Activation) bool {
		net := nnlesson.NewNetwork([]int{2, 1}, rand.New(rand.NewPCG(1, 2)))
		net.SetActivation(1, f)
		return newFastNet(net).sigmoid[1]
	}
	if !isSigmoid(nnlesson.SigmoidActivation) {
		t.Error("nnlesson.SigmoidActivation is not recognised: the fast path would compute e^(−z) twice")
	}
	for _, f := range []nnlesson.Activation{nnlesson.ReLUActivation, {Name: "sigmoid", F: nnlesson.Sigmoid, Prime: nnlesson.ReLUPrime}} {
		if isSigmoid(f) {
			t.Errorf("%+v taken for the sigmoid", f)
		}
	}
}

// realMNIST returns the real data, skipping the test if the module is not
// downloaded — except under CI=true, where missing data is a failure.
func realMNIST(t testing.TB) (train, test *mnist.Dataset) {
	t.Helper()
	train, test, err := mnist.Load()
	if err != nil {
		if os.Getenv("CI") == "true" {
			t.Fatal(err)
		}
		t.Skipf("MNIST is not here (%v); run ./install.sh to test with it", err)
	}
	return train, test
}

func panicMessage(f func()) (msg string) {
	defer func() {
		if r := recover(); r != nil {
			msg, _ = r.(string)
			if err, ok := r.(error); ok {
				msg = err.Error()
			}
		}
	}()
	f()
	return ""
}

// TestParallelStepIsSequential checks fact 6 of fast.go: the steps that 2,
// 3 or 8 workers take give the same costs and the same network, bit for
// bit, as one worker alone — for every network of fastPathCases, and for
// mini-batches of 1 image, of 10 (the last one of 6), and of 150 (more
// than a chunk; the last one of 17).
func TestParallelStepIsSequential(t *testing.T) {
	rng := rand.New(rand.NewPCG(8, 8))
	data := randomDataset(rng, 167, 28, 28, 0.19)
	order := make([]int32, data.Len())
	for i := range order {
		order[i] = int32(i)
	}
	rng.Shuffle(len(order), func(i, j int) { order[i], order[j] = order[j], order[i] })
	for _, c := range fastPathCases {
		for _, m := range []int{1, 10, 150} {
			start := nnlesson.NewNetwork(c.sizes, rand.New(rand.NewPCG(1, 2)))
			start.SetHiddenActivation(c.hidden)
			start.SetActivation(start.Layers(), c.last)
			steps := order // 2 mini-batches of 150 images, the second of 17
			if m != 150 {
				steps = order[:3*m+m/2+1] // 4 mini-batches, the last one smaller (of 6 images, or of 1)
			}
			train := func(workers int) (params, costs []float64) {
				net := start.Clone()
				sgd := newFastSGD(net, data)
				sgd.procs, sgd.minWork = workers, 0 // every worker, however little the work
				if got := sgd.workers(m); got != workers {
					t.Fatalf("%d workers asked for, %d used", workers, got)
				}
				costs = make([]float64, (len(steps)+m-1)/m)
				for range 2 {
					sgd.epoch(steps, m, 3.0, costs)
				}
				sgd.store(net)
				return net.Params(), costs
			}
			p1, c1 := train(1)
			if slices.Equal(p1, start.Params()) {
				t.Fatalf("%s: the steps did not move the network: the test would prove nothing", c.name)
			}
			for _, n := range []int{2, 3, 8} {
				pn, cn := train(n)
				if !slices.Equal(c1, cn) {
					t.Errorf("%s, mini-batches of %d: %d workers give other costs than 1", c.name, m, n)
				}
				if !slices.Equal(p1, pn) {
					d := 0
					for i := range p1 {
						if p1[i] != pn[i] {
							d++
						}
					}
					t.Errorf("%s, mini-batches of %d: %d workers give another network than 1: %d of %d parameters differ (relative difference %.1e)",
						c.name, m, n, d, len(p1), relDiff(pn, p1))
				}
			}
		}
	}
}

// TestStretchesAloneAndTogether: an epoch whose stretches run some on one
// worker, some on two (as when other programs take the cores), trains the
// network that one worker trains.
func TestStretchesAloneAndTogether(t *testing.T) {
	data := randomDataset(rand.New(rand.NewPCG(10, 10)), 100, 28, 28, 0.19)
	order := make([]int32, 3*stretch+123) // each image many times
	for i := range order {
		order[i] = int32(i * 7 % data.Len())
	}
	start := nnlesson.NewNetwork([]int{784, 8, 10}, rand.New(rand.NewPCG(1, 2)))
	train := func(workers, alone int) []float64 {
		net := start.Clone()
		sgd := newFastSGD(net, data)
		sgd.procs, sgd.minWork, sgd.alone = workers, 0, alone
		sgd.epoch(order, 10, 0.5, make([]float64, len(order)/10+1))
		sgd.store(net)
		return net.Params()
	}
	one := train(1, 0)
	for _, alone := range []int{1, 2} {
		if !slices.Equal(one, train(2, alone)) {
			t.Errorf("%d stretches on one worker, the others on two: another network than on one worker", alone)
		}
	}
}

// TestTrainLeavesNoWorkers: the workers of a step end with it; nothing runs
// on after Train returns.
func TestTrainLeavesNoWorkers(t *testing.T) {
	data := randomDataset(rand.New(rand.NewPCG(9, 9)), 100, 28, 28, 0.19)
	before := runtime.NumGoroutine()
	sgd := newFastSGD(nnlesson.NewNetwork([]int{784, 16, 16, 10}, rand.New(rand.NewPCG(1, 2))), data)
	sgd.procs, sgd.minWork = 4, 0
	costs := make([]float64, 10)
	sgd.epoch(make([]int32, 100), 10, 1.0, costs)
	if _, err := TrainNetwork(Settings{Sizes: []int{784, 16, 16, 10}, Eta: 1, BatchSize: 10, Epochs: 2, Seed: 1}, data, nil, nil); err != nil {
		t.Fatal(err)
	}
	// A goroutine that has finished may still be counted for a moment.
	for range 100 {
		if runtime.NumGoroutine() <= before {
			return
		}
		time.Sleep(10 * time.Millisecond)
	}
	buf := make([]byte, 1<<16)
	t.Errorf("%d goroutines before training, %d after:\n%s", before, runtime.NumGoroutine(), buf[:runtime.Stack(buf, true)])
}

// TestBarrier: no worker passes the barrier before all have come to it,
// whether they spin or sleep.
func TestBarrier(t *testing.T) {
	for _, spin := range []bool{true, false} {
		const n, rounds = 5, 2000
		var b barrier
		b.reset(n, spin)
		var arrived atomic.Int64
		var wg sync.WaitGroup
		for w := range n {
			wg.Add(1)
			go func() {
				defer wg.Done()
				for r := range int64(rounds) {
					arrived.Add(1)
					if int64(w) == r%n {
						time.Sleep(time.Microsecond) // one worker late each round
					}
					b.wait()
					if got := arrived.Load(); got < n*(r+1) {
						t.Errorf("round %d: a worker passed the barrier when %d of %d had come", r, got-n*r, n)
						return
					}
					b.wait()
				}
			}()
		}
		wg.Wait()
	}
}

// TestWorkersFor: each number of workers runs once, then the faster runs,
// and the slower now and then, to look again: after 8 stretches, then 16,
// 32, 64; when it has become the faster, it runs; alone wins over both.
func TestWorkersFor(t *testing.T) {
	var sgd fastSGD
	if n := sgd.workersFor(1); n != 1 {
		t.Fatalf("one core: %d workers", n)
	}
	var got []int
	for s := range 40 {
		n := sgd.workersFor(4)
		got = append(got, n)
		if s < 12 {
			sgd.pace[min(n-1, 1)] = map[int]time.Duration{1: 300, 4: 100}[n] // four are faster
		} else {
			sgd.pace[min(n-1, 1)] = map[int]time.Duration{1: 100, 4: 300}[n] // now one is
		}
	}
	want := []int{4, 1, // each once
		4, 4, 4, 4, 4, 4, 4, 1, // eight stretches later, one again: slower
		4, 4, 4, 4, 4, 4, 4, 4, 4, 4, 4, 4, 4, 4, 4, 1, // sixteen later, one again: faster now
		1, 1, 1, 1, 1, 1, 1, 4, // eight later, four again: slower
		1, 1, 1, 1, 1, 1}
	if !slices.Equal(got, want) {
		t.Errorf("workers of 40 stretches:\n got %v\nwant %v", got, want)
	}
	sgd.pace = [2]time.Duration{300, 100} // four are faster again, but the cores are busy
	sgd.alone = 2
	if a, b := sgd.workersFor(4), sgd.workersFor(4); a != 1 || b != 1 {
		t.Errorf("alone = 2: %d, then %d workers; want 1 and 1", a, b)
	}
	if n := sgd.workersFor(4); n != 4 {
		t.Errorf("after alone, with four faster: %d workers", n)
	}
}
