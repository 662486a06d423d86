package nnlesson

import (
	"math"

	"gonum.org/v1/gonum/diff/fd"
)

// NumericalGradient estimates the gradient of the cost of one example,
// C = Cost(FeedForward(x), y), without the chain rule: it nudges
// each weight and bias p_i by a small h in both directions and measures how
// the cost changes, the central difference
//
//	∂C/∂p_i ≈ (C(p_i + h) − C(p_i − h)) / 2h
//
// using gonum's diff/fd. It runs the network twice per parameter, so it is
// slow — 26,004 forward passes for 784-16-16-10 — but it is an independent
// check of Backprop, the way gonum/optimize checks its gradients.
// The network is not changed. It panics if x or y has the wrong length.
func NumericalGradient(net *Network, x, y []float64) *Gradient {
	net.checkInput(x)
	net.checkTarget(y)
	work := net.Clone() // the copy whose parameters fd moves
	cost := func(p []float64) float64 {
		work.SetParams(p)
		return Cost(work.FeedForward(x), y)
	}
	flat := fd.Gradient(nil, cost, net.Params(), &fd.Settings{Formula: fd.Central})

	g := net.NewGradient()
	for L := 1; L <= g.Layers(); L++ {
		flat = flat[copy(g.w[L].RawMatrix().Data, flat):]
		flat = flat[copy(g.b[L].RawVector().Data, flat):]
	}
	return g
}

// MaxRelativeError compares two gradients of the same network, typically
// Backprop's and NumericalGradient's: the largest difference between
// matching components, relative to the largest component of either,
//
//	max_i |g_i − h_i| / max_i max(|g_i|, |h_i|)
//
// Measuring against the largest component, not each one, keeps components
// that are nearly zero from turning rounding noise into a large "error".
// It is 0 when the gradients agree exactly (also when both are all zeros).
// It panics if the gradients differ in shape.
func MaxRelativeError(g, h *Gradient) float64 {
	checkSameShape("the gradients", g.sizes, h.sizes)
	gs, hs := g.Flat(), h.Flat()
	var diff, scale float64
	for i := range gs {
		diff = math.Max(diff, math.Abs(gs[i]-hs[i]))
		scale = math.Max(scale, math.Max(math.Abs(gs[i]), math.Abs(hs[i])))
	}
	if diff == 0 {
		return 0
	}
	return diff / scale
}
