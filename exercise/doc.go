// Package exercise checks a student's answers to the exercises at the end of
// each lesson, with feedback that teaches:
//
//	✗ sigmoidPrime(0) returned 0.5; expected 0.25 — did you return σ(z) instead of σ(z)(1 − σ(z))?
//	✓ sigmoidPrime is right for all 5 test values.
//
// An exercise is a pair of cells. The first declares a function whose body
// the student writes; in the teacher's notebook the body is the solution,
// between the lines // BEGIN SOLUTION and // END SOLUTION (nbgrader's
// markers), and cmd/student replaces it by a stub that compiles and says what
// to do:
//
//	func sigmoidPrime(z float64) float64 {
//		// TODO: write σ′(z) = σ(z)(1 − σ(z))
//		panic(exercise.NotWritten("write σ′(z) = σ(z)(1 − σ(z))"))
//	}
//
// The second, the check cell, calls one of Func1, Float, Slice or Check
// (the lessons' own checks, in package check, are built on them). Every
// check calls the student's code itself, so that a panic in it — the stub's
// or a real bug's — or a loop that does not end within Timeout is caught and
// explained instead of stopping the cell. A check shows its verdict as a
// small coloured box in a notebook (the symbols ✓, ✗ and ✎ and their words
// carry the meaning, so it reads in black and white too), with the verdict
// as data beside it (VerdictMIME), and as one line of text elsewhere; it
// returns whether the answer passed.
//
// What a check cannot catch: code that ends the whole program — os.Exit, a
// recursion that never ends (Go's stack overflow is fatal), a panic in a
// goroutine the student started. Nothing inside the process survives
// those. For them a check first shows which function it is about to call
// ("⏳ Checking sigmoidPrime…"), so that the crash under the cell has a name.
//
// The feedback is in the lesson's language (see package lang); the hints,
// written in the lesson, are in its own.
package exercise
