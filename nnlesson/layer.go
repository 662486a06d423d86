package nnlesson

import (
	"fmt"

	"gonum.org/v1/gonum/mat"
)

// Layer computes one layer of the slide "Many neurons" in matrix form,
//
//	z^(L) = W^(L) a^(L−1) + b^(L)
//	a^(L) = f(z^(L))
//
// W is n_L × n_(L−1): row k holds the weights of neuron k of this layer,
// column j the weights that leave neuron j of the previous layer, so
// W.At(k, j) is the slide's w_kj. Layer is the Go form of the slide's numpy:
//
//	z = numpy.dot(weights[L], activations[L-1]) + biases[L]
//	current_activations = activation_func(z)
//
// Layer returns both z and a; backpropagation needs z, the lesson prints a.
// It panics with a message in the slide's terms if the sizes do not fit.
func Layer(W *mat.Dense, aPrev, b *mat.VecDense, f Activation) (z, a *mat.VecDense) {
	rows, cols := W.Dims()
	if aPrev.Len() != cols {
		panic(fmt.Sprintf("nnlesson: layer weights are %d×%d, so the previous layer must have %d activations, got %d", rows, cols, cols, aPrev.Len()))
	}
	if b.Len() != rows {
		panic(fmt.Sprintf("nnlesson: layer weights are %d×%d, so the layer has %d neurons and needs %d biases, got %d", rows, cols, rows, rows, b.Len()))
	}
	f.check()

	z = mat.NewVecDense(rows, nil)
	z.MulVec(W, aPrev) // W a^(L−1)
	z.AddVec(z, b)     // + b

	a = mat.NewVecDense(rows, nil)
	for k := 0; k < rows; k++ {
		a.SetVec(k, f.F(z.AtVec(k))) // a_k = f(z_k)
	}
	return z, a
}
