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

// String says what the outcome means, in a sentence a student can read (in
// the lesson's Language).
func (o Outcome) String() string {
	switch o {
	case Converged:
		return pick("converged: the slope is below the tolerance",
			"zbieżność: nachylenie jest mniejsze od progu tolerancji")
	case StepLimit:
		return pick("step limit: the slope is still above the tolerance",
			"limit kroków: nachylenie wciąż przekracza próg tolerancji")
	case Diverged:
		return pick("diverged: x ran away instead of settling",
			"rozbieżność: x uciekło, zamiast się ustalić")
	}
	return fmt.Sprintf("Outcome(%d)", int(o))
}

// Language is the language of the sentences this package writes for a
// student, a descent's outcome and advice: "en" (the default) or "pl".
// Lessons do not set it themselves: the lang package's lang.Use sets it
// with every other package's language, once, in a lesson's setup cell.
var Language = "en"

// pick returns en or pl, whichever is in the package's Language.
func pick(en, pl string) string {
	if Language == "pl" {
		return pl
	}
	return en
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
	// English says "39 steps to x = 2.9995", Polish "x = 2.9995 po 39 krokach".
	s := fmt.Sprintf("%d steps to x = %s (slope %s) — %s", r.Steps, short(r.X()), short(r.Slopes[len(r.Slopes)-1]), r.Outcome)
	if Language == "pl" {
		steps := "krokach"
		if r.Steps == 1 {
			steps = "kroku"
		}
		s = fmt.Sprintf("x = %s po %d %s (nachylenie %s) – %s", short(r.X()), r.Steps, steps, short(r.Slopes[len(r.Slopes)-1]), r.Outcome)
	}
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
		if r.Steps == 0 { // no step was taken: the derivative failed at the start
			return pick(fmt.Sprintf("the derivative is %v at the starting point x = %v: check fPrime there (η is not the cause)", r.Slopes[0], r.Path[0]),
				fmt.Sprintf("pochodna w punkcie startowym x = %v wynosi %v: sprawdź tam fPrime (to nie wina η)", r.Path[0], r.Slopes[0]))
		}
		return pick("take a smaller η", "weź mniejsze η")
	case StepLimit:
		n := len(r.Slopes)
		if n >= 2 && r.Slopes[n-1]*r.Slopes[n-2] < 0 {
			return pick("x jumps across the minimum at every step: take a smaller η",
				"x w każdym kroku przeskakuje nad minimum: weź mniejsze η")
		}
		return pick("x is still crawling downhill: take more steps or a larger η",
			"x powoli schodzi w dół: zrób więcej kroków albo weź większe η")
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
// It panics if s.Eta ≤ 0, s.Tolerance < 0, s.MaxSteps ≤ 0 or s.Limit < 0
// (a setting that cannot work), and if x0 is not a number or fPrime is nil:
// no descent can start there.
func Minimize(fPrime func(x float64) float64, x0 float64, s DescentSettings) DescentResult {
	if !(s.Eta > 0) || math.IsInf(s.Eta, 0) || !(s.Tolerance >= 0) || s.MaxSteps <= 0 || !(s.Limit >= 0) {
		panic(fmt.Sprintf("nnlesson: Minimize needs 0 < Eta < ∞, Tolerance ≥ 0, MaxSteps > 0 and Limit ≥ 0 (0 means 1e9), got Eta %v, Tolerance %v, MaxSteps %d, Limit %v", s.Eta, s.Tolerance, s.MaxSteps, s.Limit))
	}
	if math.IsNaN(x0) || math.IsInf(x0, 0) {
		panic(fmt.Sprintf("nnlesson: Minimize starts at x0 = %v; the starting point must be a number (step 2 of the slide: pick some x)", x0))
	}
	if fPrime == nil {
		panic("nnlesson: Minimize needs the derivative fPrime (step 1 of the slide), got nil")
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
