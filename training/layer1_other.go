//go:build !amd64

package training

import "github.com/nnlesson/course/mnist"

// vector is false: only amd64 has vector versions of layer 1's sums
// (layer1_amd64.go).
var vector = false

func sumColumnsVector(z, b, w1T []float64, n1 int, pixels []mnist.InkPixel) ([]float64, []float64, []float64) {
	return z, b, w1T
}

func addOuterVector(mT []float64, n1 int, d []float64, pixels []mnist.InkPixel) ([]float64, []float64) {
	return mT, d
}
