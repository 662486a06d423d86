package training

import (
	"bytes"
	"math/rand/v2"
	"os"
	"os/exec"
	"slices"
	"strings"
	"testing"

	"github.com/nnlesson/course/mnist"
)

// TestVectorIsScalar checks that layer 1's sums give the same bits with the
// vector instructions as with the Go loops alone, for every number of
// neurons from 1 to 21 (all the widths and what is left over), starting at
// every neuron of a row.
func TestVectorIsScalar(t *testing.T) {
	if !vector {
		t.Skip("this processor has no vector version of layer 1's sums (AVX on amd64): only the Go loops run")
	}
	rng := rand.New(rand.NewPCG(3, 4))
	const n0, n1 = 784, 21
	w1T := make([]float64, n0*n1)
	for i := range w1T {
		w1T[i] = rng.NormFloat64()
	}
	for trial := range 20 {
		var pixels []mnist.InkPixel
		for k := range n0 {
			if rng.Float64() < 0.2 || (trial == 0 && k == n0-1) { // the last pixel, whose weights end w1T
				pixels = append(pixels, mnist.InkPixel(k<<8|(1+rng.IntN(255))))
			}
		}
		for j0 := range n1 {
			for width := 1; j0+width <= n1; width++ {
				b, d := make([]float64, width), make([]float64, width)
				for i := range b {
					b[i], d[i] = rng.NormFloat64(), rng.NormFloat64()
				}
				zv, zs := make([]float64, width), make([]float64, width)
				mv, ms := slices.Clone(w1T), slices.Clone(w1T)
				var x float64
				sumColumns(zv, b, w1T[j0:], n1, pixels)
				addOuter(mv[j0:], n1, d, pixels, &x)
				vector = false
				sumColumns(zs, b, w1T[j0:], n1, pixels)
				addOuter(ms[j0:], n1, d, pixels, &x)
				vector = true
				if !slices.Equal(zv, zs) {
					t.Fatalf("sumColumns, neurons %d…%d: vector %v, Go %v", j0, j0+width-1, zv, zs)
				}
				if !slices.Equal(mv, ms) {
					t.Fatalf("addOuter, neurons %d…%d: vector and Go differ", j0, j0+width-1)
				}
			}
		}
	}
}

// TestVectorRefusesPixelsOutside checks that the assembly, which has no
// bounds checks of Go's, refuses a pixel whose weights lie beyond W^(1).
func TestVectorRefusesPixelsOutside(t *testing.T) {
	if !vector {
		t.Skip("this processor has no vector version of layer 1's sums (AVX on amd64)")
	}
	const n0, n1 = 10, 16
	w1T := make([]float64, n0*n1)
	for _, width := range []int{16, 8, 4} {
		for _, f := range map[string]func(pixels []mnist.InkPixel){
			"sumColumns": func(p []mnist.InkPixel) { sumColumns(make([]float64, width), make([]float64, width), w1T, n1, p) },
			"addOuter":   func(p []mnist.InkPixel) { var x float64; addOuter(w1T, n1, make([]float64, width), p, &x) },
		} {
			f([]mnist.InkPixel{(n0-1)<<8 | 7}) // the last pixel is inside
			func() {
				defer func() {
					if r := recover(); r == nil || !strings.Contains(r.(string), "beyond the end of W^(1)") {
						t.Errorf("width %d, a pixel past the last: got %v, want a panic saying so", width, r)
					}
				}()
				f([]mnist.InkPixel{3 << 8, n0<<8 | 7})
			}()
		}
	}
}

// TestAssemblyIsGenerated: layer1_amd64.s is what layer1_gen.go writes, so
// that its six loops stay one loop (go generate ./training writes it again).
func TestAssemblyIsGenerated(t *testing.T) {
	want, err := exec.Command("go", "run", "layer1_gen.go").Output()
	if err != nil {
		t.Fatalf("go run layer1_gen.go: %v", err)
	}
	got, err := os.ReadFile("layer1_amd64.s")
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(got, want) {
		t.Error("layer1_amd64.s is not what layer1_gen.go writes: run go generate ./training")
	}
}
