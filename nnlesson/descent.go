package nnlesson

import (
	"fmt"
	"math"
)

// DescentSettings are the choices of the slide "Minimising a function of one
// variable": how far to move per unit of slope, when the slope is small
// enough, and when to give up.
type DescentSettings struct {
	Eta       float64 // η, the learning rate: each step moves x by −η·f′(x); must be > 0
	Tolerance float64 // stop when |f′(x)| < Tolerance, the slide's "small enough"; must be ≥ 0
	MaxSteps  int     // give up after this many steps; must be > 0
	Limit     float64 // |x| or |f′(x)| beyond Limit counts as diverged; 0 means 1e9
}

// Outcome says how a descent ended.
type Outcome int

const (
	Converged Outcome = iota // the slope fell below the tolerance: x is at a minimum (maybe a local one)
	StepLimit                // MaxSteps steps were taken and the slope is still too large
	Diverged                 // x or the slope ran off to infinity (or NaN): η is too large
)

// String says what the outcome means, in a sentence a student can read.
func (o Outcome) String() string {
	switch o {
	case Converged:
		return "converged: the slope is below the tolerance"
	case StepLimit:
		return "step limit: the slope is still above the tolerance"
	case Diverged:
		return "diverged: x ran away instead of settling; take a smaller η"
	}
	return fmt.Sprintf("Outcome(%d)", int(o))
}

// DescentResult is the record of a descent: every point visited, so that a
// lesson can draw the path on the graph of f.
type DescentResult struct {
	Path    []float64 // x at each step, the start first: len(Path) = Steps + 1
	Slopes  []float64 // f′(x) at each point of Path
	Steps   int       // the number of moves made
	Outcome Outcome
}

// X returns the last point reached.
func (r DescentResult) X() float64 { return r.Path[len(r.Path)-1] }

// Values returns f at each point of the path, the heights to draw it at.
func (r DescentResult) Values(f func(float64) float64) []float64 {
	ys := make([]float64, len(r.Path))
	for i, x := range r.Path {
		ys[i] = f(x)
	}
	return ys
}

// String sums the descent up in one line, with advice where it did not
// converge: "39 steps to x = 2.9995 (slope -0.0010) — converged: the slope is
// below the tolerance".
func (r DescentResult) String() string {
	s := fmt.Sprintf("%d steps to x = %s (slope %s) — %s",
		r.Steps, short(r.X()), short(r.Slopes[len(r.Slopes)-1]), r.Outcome)
	if a := r.Advice(); a != "" {
		s += "; " + a
	}
	return s
}

// Advice says what to change when the descent did not converge, read from
// its path: x that crawls in one direction wants more steps or a larger η;
// x that jumps from one side of the minimum to the other (the slope changes
// sign at every step) or runs away wants a smaller η.
func (r DescentResult) Advice() string {
	switch r.Outcome {
	case Diverged:
		return "" // the outcome says it: take a smaller η
	case StepLimit:
		n := len(r.Slopes)
		if n >= 2 && r.Slopes[n-1]*r.Slopes[n-2] < 0 {
			return "x jumps across the minimum at every step: take a smaller η"
		}
		return "x is still crawling downhill: take more steps or a larger η"
	}
	return ""
}

// Minimize follows the slide's six steps to a minimum of a function f of one
// variable, given its derivative fPrime (step 1) and a starting point x0
// (step 2):
//
//  3. compute the slope by putting x into the derivative,
//  4. if it is positive, move x to the left,
//  5. if it is negative, move x to the right,
//  6. repeat 3–5 until the slope is small enough.
//
// Steps 4 and 5 are one update, x ← x − η f′(x): the move is against the
// slope and proportional to it. Minimize stops when |f′(x)| < s.Tolerance
// (Converged), after s.MaxSteps moves (StepLimit), or when x or the slope is
// no longer a finite number or exceeds s.Limit (Diverged). It finds the
// bottom of the valley it starts in, which need not be the lowest one.
//
// It panics if s.Eta ≤ 0, s.Tolerance < 0 or s.MaxSteps ≤ 0.
func Minimize(fPrime func(x float64) float64, x0 float64, s DescentSettings) DescentResult {
	if !(s.Eta > 0) || !(s.Tolerance >= 0) || s.MaxSteps <= 0 {
		panic(fmt.Sprintf("nnlesson: Minimize needs Eta > 0, Tolerance ≥ 0 and MaxSteps > 0, got Eta %v, Tolerance %v, MaxSteps %d", s.Eta, s.Tolerance, s.MaxSteps))
	}
	limit := s.Limit
	if limit == 0 {
		limit = 1e9
	}
	tooBig := func(v float64) bool { return math.IsNaN(v) || math.Abs(v) > limit }

	x := x0
	slope := fPrime(x) // step 3
	r := DescentResult{Path: []float64{x}, Slopes: []float64{slope}}
	for {
		switch {
		case tooBig(x) || tooBig(slope):
			r.Outcome = Diverged
			return r
		case math.Abs(slope) < s.Tolerance: // step 6: small enough
			r.Outcome = Converged
			return r
		case r.Steps == s.MaxSteps:
			r.Outcome = StepLimit
			return r
		}
		x -= s.Eta * slope // steps 4 and 5: positive slope moves left, negative right
		slope = fPrime(x)  // step 3 again
		r.Path = append(r.Path, x)
		r.Slopes = append(r.Slopes, slope)
		r.Steps++
	}
}

// short formats v with four decimals, or in e-notation when it is huge.
func short(v float64) string {
	if math.Abs(v) < 1e4 {
		return fmt.Sprintf("%.4f", v)
	}
	return fmt.Sprintf("%.3e", v)
}
