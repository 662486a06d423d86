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
//	go test -run='^$' -bench='EpochMNIST$' -benchtime=3x ./training
//
// Loading MNIST and finding the nonzero pixels (once per dataset) are not
// timed; each iteration is one epoch of Train, with no test evaluation. It
// uses every core the program may use (GOMAXPROCS); GOMAXPROCS=1 times one.
// Besides the time it reports the multiply-adds an epoch needs (see
// epochMulAdds) and how many it did per second.
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
	work := epochMulAdds(train, s.Sizes, s.BatchSize)
	b.ReportMetric(work/1e6, "Mmul-add/epoch")
	b.ReportMetric(layer1MulAdds(train, s.Sizes)/1e6, "Mmul-add/epoch-layer1")
	b.ReportMetric(work*float64(b.N)/b.Elapsed().Seconds()/1e9, "Gmul-add/s")
}

// BenchmarkEpochMNISTPlain is the same epoch the way the slides write it,
// with backprop.go alone: Backprop for each image, nnlesson.AverageGradient, Step
// (see plainStep in fast_test.go). It is the reference that shows what
// the fast path of fast.go gains.
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

// epochMulAdds counts the multiply-adds (a·b + c) that one epoch of the
// fast path needs at the least, for a network of the given sizes and
// mini-batches of m images: for each image, with ink_i its nonzero pixels,
//
//	forward, layer 1:           ink_i · n_1
//	forward, layers L ≥ 2:      n_L · n_(L−1)
//	backward, layers L ≥ 2:     n_L · n_(L−1) for ∂C/∂z^(L−1), n_L · n_(L−1) for ∂C/∂W^(L)
//	the step of W^(1):          ink_i · n_1
//
// and for each mini-batch the step of W^(L), L ≥ 2, and of the biases. The
// e^(−z) of the sigmoids (n_1 + … + n_L per image) are not counted.
func epochMulAdds(data *mnist.Dataset, sizes []int, m int) float64 {
	upper, biases := 0, 0
	for L := 1; L < len(sizes); L++ {
		if L >= 2 {
			upper += sizes[L] * sizes[L-1]
		}
		biases += sizes[L]
	}
	images, batches := data.Len(), (data.Len()+m-1)/m
	return layer1MulAdds(data, sizes) + float64(3*upper*images+(upper+biases)*batches)
}

// layer1MulAdds counts the part of epochMulAdds that falls on layer 1
// (its forward sums and its step), which the vector instructions do where
// the processor has them: 2 · ink_i · n_1 for each image.
func layer1MulAdds(data *mnist.Dataset, sizes []int) float64 {
	ink := 0
	for i := range data.Len() {
		ink += len(data.Ink(i))
	}
	return float64(2 * ink * sizes[1])
}

// BenchmarkPeakMulAddVector measures how many multiply-adds per second one
// core does with the vector instructions the way layer 1 does them
// (sumColumns on 16 neurons, layer1_amd64.s): the weights of 96 pixels
// (12 KB, in the L1 cache), each pixel's 16 sums in four registers. Layer 1's
// multiply-adds divided by this rate, plus the others divided by
// BenchmarkPeakMulAdd's, is the least time an epoch could take on one core.
func BenchmarkPeakMulAddVector(b *testing.B) {
	if !vector {
		b.Skip("no vector instructions for layer 1 on this processor")
	}
	const n0, n1 = 96, 16
	w1T, z, bias := peakWeights()[:n0*n1], make([]float64, n1), make([]float64, n1)
	pixels := make([]mnist.InkPixel, 0, 100*n0)
	for range 100 {
		for k := range n0 {
			pixels = append(pixels, mnist.InkPixel(k<<8|128))
		}
	}
	for range b.N {
		sumColumnsVector(z, bias, w1T, n1, pixels)
		peakSink += z[0]
	}
	b.ReportMetric(float64(b.N)*float64(len(pixels)*n1)/b.Elapsed().Seconds()/1e9, "Gmul-add/s")
}

// BenchmarkPeakMulAdd measures how many multiply-adds per second one core
// can do, the way the fast path does them: scalar float64 (Go's default
// amd64 build neither fuses a·b + c nor uses vector instructions), six
// independent sums at a time, one factor loaded from the L1 cache. The
// epoch's multiply-adds (BenchmarkEpochMNIST) divided by this rate is the
// least time an epoch could take on one core. BenchmarkPeakMulAddAllCores
// runs it on every core at once.
func BenchmarkPeakMulAdd(b *testing.B) {
	w := peakWeights()
	for range b.N {
		peakSink += mulAdds(w, 0.5, 100)
	}
	b.ReportMetric(float64(b.N)*float64(len(w)*100)/b.Elapsed().Seconds()/1e9, "Gmul-add/s")
}

func BenchmarkPeakMulAddAllCores(b *testing.B) {
	b.RunParallel(func(pb *testing.PB) {
		w, s := peakWeights(), 0.0
		for pb.Next() {
			s += mulAdds(w, 0.5, 100)
		}
		peakSum <- s
	})
	for range runtime.GOMAXPROCS(0) {
		peakSink += <-peakSum
	}
	b.ReportMetric(float64(b.N)*float64(len(peakWeights())*100)/b.Elapsed().Seconds()/1e9, "Gmul-add/s")
}

var (
	peakSink float64
	peakSum  = make(chan float64, 1024)
)

// peakWeights returns 1,536 numbers (12 KB, inside any L1 cache).
func peakWeights() []float64 {
	w := make([]float64, 6*256)
	for i := range w {
		w[i] = float64(i%7) / 7
	}
	return w
}

// mulAdds returns Σ w_k · x, added up rounds times, in six sums.
func mulAdds(w []float64, x float64, rounds int) float64 {
	var s0, s1, s2, s3, s4, s5 float64
	for range rounds {
		for k := 0; k+6 <= len(w); k += 6 {
			v := w[k : k+6 : k+6]
			s0 += v[0] * x
			s1 += v[1] * x
			s2 += v[2] * x
			s3 += v[3] * x
			s4 += v[4] * x
			s5 += v[5] * x
		}
	}
	return s0 + s1 + s2 + s3 + s4 + s5
}
