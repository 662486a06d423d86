package training

import (
	"math/rand/v2"
	"runtime"
	"testing"

	"github.com/nnlesson/course/mnist"
	"github.com/nnlesson/course/nnlesson"
)

// The speed benchmark of issue 6: one epoch over the 60,000 MNIST training
// images for the lecture's 784-16-16-10 network, mini-batches of 10,
// η = 3.0. bench/compare.sh runs it beside the numpy reference
// (bench/numpy_epoch.py) and prints the ratio.
//
//	go test -run='^$' -bench=EpochMNIST -benchtime=3x ./nnlesson
//
// Loading MNIST and finding the nonzero pixels (once per dataset) are not
// timed; each iteration is one epoch of Train, with no test evaluation.
func BenchmarkEpochMNIST(b *testing.B) {
	train := benchmarkData(b)
	s := Settings{Sizes: []int{784, 16, 16, 10}, Eta: 3.0, BatchSize: 10, Epochs: 1, Seed: 1}
	net := nnlesson.NewNetwork(s.Sizes, rand.New(rand.NewPCG(1, initStream)))
	b.ReportAllocs()
	b.ResetTimer()
	for range b.N {
		if err := Train(net, train, nil, s, nil); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkEpochMNISTPlain is the same epoch the way the slides write it,
// with backprop.go alone: Backprop for each image, nnlesson.AverageGradient, Step
// (see plainStep in sparse_test.go). It is the reference that shows what
// the fast path of sparse.go gains.
func BenchmarkEpochMNISTPlain(b *testing.B) {
	train := benchmarkData(b)
	net := nnlesson.NewNetwork([]int{784, 16, 16, 10}, rand.New(rand.NewPCG(1, initStream)))
	rng := rand.New(rand.NewPCG(1, shuffleStream))
	order := make([]int32, train.Len())
	for i := range order {
		order[i] = int32(i)
	}
	b.ReportAllocs()
	b.ResetTimer()
	for range b.N {
		rng.Shuffle(len(order), func(i, j int) { order[i], order[j] = order[j], order[i] })
		for from := 0; from < len(order); from += 10 {
			plainStep(net, train, order[from:min(from+10, len(order))], 3.0)
		}
	}
}

func benchmarkData(b *testing.B) *mnist.Dataset {
	train, _, err := mnist.Load()
	if err != nil {
		b.Skip(err)
	}
	train.Ink(0) // works out the ink of every image once
	runtime.GC() // collect what loading left, so that no collection runs during the timing
	return train
}
