package training

import "github.com/nnlesson/course/mnist"

//go:generate sh -c "go run layer1_gen.go > layer1_amd64.s"

// The processor's vector instructions (AVX, on every x86-64 processor made
// since 2011) do four multiplications, or four additions, of float64s in
// one instruction. Layer 1's two big sums, sumColumns and addOuter, work on
// neighbouring neurons of one pixel at a time — their weights lie side by
// side in w1T — so four neurons fit one instruction. Each lane of it does
// what the Go loop does for its neuron: the product, rounded, then the sum,
// rounded, pixel after pixel; the results are therefore the same, bit for
// bit (layer1_test.go, TestVectorIsScalar, checks it). The Go loops remain for
// the neurons left over and for processors without AVX.

// vector says whether the vector versions are used: the processor has AVX.
// Tests switch it off to compare.
var vector = haveAVX()

// grey is mnist.Grey as a table the assembly can read.
var grey = func() (g [256]float64) {
	for p := range g {
		g[p] = mnist.Grey(byte(p))
	}
	return g
}()

// haveAVX reports whether the processor has AVX and the system lets
// programs use it (layer1_amd64.s).
func haveAVX() bool

// The assembly, layer1_amd64.s, written by layer1_gen.go. Each returns false, having computed
// nothing certain, when a pixel's weights lie beyond the end of w1T or mT.

//go:noescape
func sumColumns16(z, b, w1T []float64, n1 int, pixels []mnist.InkPixel, grey *[256]float64) bool

//go:noescape
func sumColumns8(z, b, w1T []float64, n1 int, pixels []mnist.InkPixel, grey *[256]float64) bool

//go:noescape
func sumColumns4(z, b, w1T []float64, n1 int, pixels []mnist.InkPixel, grey *[256]float64) bool

//go:noescape
func addOuter16(mT []float64, n1 int, d []float64, pixels []mnist.InkPixel, grey *[256]float64) bool

//go:noescape
func addOuter8(mT []float64, n1 int, d []float64, pixels []mnist.InkPixel, grey *[256]float64) bool

//go:noescape
func addOuter4(mT []float64, n1 int, d []float64, pixels []mnist.InkPixel, grey *[256]float64) bool

// sumColumnsVector does sumColumns's work for the first neurons of z, 16,
// 8 or 4 at a time, and returns the part of z, b and w1T left for the Go
// loop (fewer than four neurons).
func sumColumnsVector(z, b, w1T []float64, n1 int, pixels []mnist.InkPixel) ([]float64, []float64, []float64) {
	if !vector {
		return z, b, w1T
	}
	for len(z) >= 4 {
		var ok bool
		w := 16
		switch {
		case len(z) >= 16:
			ok = sumColumns16(z[:16], b[:16], w1T, n1, pixels, &grey)
		case len(z) >= 8:
			w, ok = 8, sumColumns8(z[:8], b[:8], w1T, n1, pixels, &grey)
		default:
			w, ok = 4, sumColumns4(z[:4], b[:4], w1T, n1, pixels, &grey)
		}
		if !ok {
			panic("training: a pixel's weights lie beyond the end of W^(1)")
		}
		z, b, w1T = z[w:], b[w:], w1T[w:]
	}
	return z, b, w1T
}

// addOuterVector does addOuter's work for the first numbers of d, 16, 8 or
// 4 at a time, and returns the part of mT and d left for the Go loop.
func addOuterVector(mT []float64, n1 int, d []float64, pixels []mnist.InkPixel) ([]float64, []float64) {
	if !vector {
		return mT, d
	}
	for len(d) >= 4 {
		var ok bool
		w := 16
		switch {
		case len(d) >= 16:
			ok = addOuter16(mT, n1, d[:16], pixels, &grey)
		case len(d) >= 8:
			w, ok = 8, addOuter8(mT, n1, d[:8], pixels, &grey)
		default:
			w, ok = 4, addOuter4(mT, n1, d[:4], pixels, &grey)
		}
		if !ok {
			panic("training: a pixel's weights lie beyond the end of W^(1)")
		}
		mT, d = mT[w:], d[w:]
	}
	return mT, d
}
