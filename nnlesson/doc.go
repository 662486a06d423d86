// Package nnlesson is the mathematics of the lecture "Deep Learning": a
// neuron, activation functions, a layer in matrix form, a network, the cost,
// one-variable descent, backpropagation and its numerical check — each in
// its own short file, named after its slide, with the slide's notation.
//
// # Notation
//
// The letters of the slides are the names in the code. Layer L means the
// slide's L: layer 0 is the input, layer 1 the first layer of neurons, and
// the last layer, net.Layers(), is the output.
//
//	slide                           code
//	a^(L)                           a, the activations of layer L (as[L] in FeedForwardTrace)
//	a^(L−1)                         aPrev, the activations of the layer before
//	z^(L) = W^(L) a^(L−1) + b^(L)   z (zs[L] in FeedForwardTrace)
//	W^(L), n_L × n_(L−1)            net.W(L): rows are this layer, columns the previous one
//	w_kj^(L)                        net.W(L).At(k, j): from neuron j of layer L−1 to neuron k of layer L
//	b^(L), b_k^(L)                  net.B(L), net.B(L).AtVec(k)
//	f, f′                           Activation{F, Prime}: SigmoidActivation, ReLUActivation
//	σ, σ′                           Sigmoid, SigmoidPrime
//	max(0, z) and its slope         ReLU, ReLUPrime
//	y                               the wanted outputs (OneHot(3, 10) for a "3")
//	C = Σ (a_i − y_i)²              Cost(a, y), no factor ½; one output's (a − y)² is OutputCost
//	∂C/∂a = 2(a − y)                CostPrime(a, y); one output's is OutputCostPrime
//	η                               eta, the learning rate
//	∂C/∂W^(L), ∂C/∂b^(L)            g.W(L), g.B(L) of a *Gradient
//	w_0 … w_13,001                  g.Flat()[i], net.Params()[i]; g.ParamName(i) names it
//	∂z/∂w = a^(L−1)                 ChainFactors.DZdW
//	∂z/∂a^(L−1) = w^(L)             ChainFactors.DZdAPrev
//	∂a/∂z = f′(z)                   ChainFactors.DAdZ
//	∂C/∂a = 2(a − y)                ChainFactors.DCdA (at the output; below, from the layer above)
//	∂C/∂w, ∂C/∂b, ∂C/∂a^(L−1)       ChainFactors.DCdW, DCdB, DCdAPrev
//
// Identifiers stay ASCII; Greek letters and primes appear in comments and
// printed output.
//
// # Files, in slide order
//
//	neuron.go      How a neuron works: WeightedSum, z = Σ w_i a_i + b; Neuron
//	layer.go       Many neurons: Layer, a^(L) = f(W^(L) a^(L−1) + b^(L))
//	activation.go  Activation functions: Sigmoid, ReLU and their derivatives
//	network.go     The network of layers: NewNetwork, W, B, FeedForward, Answer, NumParams
//	cost.go        The cost function: Cost, CostPrime, OneHot — the only place the cost is written
//	descent.go     Minimising a function of one variable: Minimize, the six steps
//	backprop.go    Backpropagation: Backprop, Gradient, AverageGradient, Step, Chain
//	gradcheck.go   Checking backpropagation: NumericalGradient, MaxRelativeError
//
// example_network_test.go walks a 2-3-1 network through all of it, from the
// forward pass to learning XOR.
//
// The machinery for training on real digits lives in packages of its own,
// which import this one and never the reverse: mnist (the data set and
// where it is found), training (mini-batch training, its Settings,
// evaluation, and the fast path) and trained (saving networks, and the cache
// of trained ones).
//
// # Errors
//
// A size that does not fit — an input or target of the wrong length, fewer
// than two layers, an empty layer, a layer number L that does not exist — is
// a programming mistake, and the function panics the way gonum/mat does, but
// with a message in the lecture's terms, such as
//
//	nnlesson: the input layer has 784 neurons, got 783 inputs
//
// Sizes that cannot make a network are checked by CheckSizes, which also
// refuses networks too large for memory (more than MaxParams weights and
// biases), saying how much they would need. The packages that face the
// world outside — data files, saved networks, training settings — return
// errors in the same terms.
//
// # Randomness
//
// Nothing here uses global state for its results. NewNetwork takes a
// *rand.Rand from math/rand/v2, so the same seed gives the same network on
// every run.
//
// # Language
//
// The few sentences this package writes for a student — a descent's
// outcome and advice, the message of CheckSizes — follow Language, "en" or
// "pl", which a lesson sets through the lang package (lang.Use) with every
// other package's. Panics for programming mistakes stay English, as Go's
// own do.
//
// # References
//
//   - Grant Sanderson, 3Blue1Brown, "Neural networks", chapters 1–4: "But what
//     is a neural network?", "Gradient descent, how neural networks learn",
//     "What is backpropagation really doing?", "Backpropagation calculus".
//     https://www.3blue1brown.com/topics/neural-networks
//   - Michael Nielsen, "Neural Networks and Deep Learning", chapter 1 "Using
//     neural nets to recognize handwritten digits" and chapter 2 "How the
//     backpropagation algorithm works". http://neuralnetworksanddeeplearning.com
package nnlesson
