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
// The second, the check cell, calls one of Func1, Float, Slice or Check.
// Every check calls the student's code itself, so that a panic — the stub's
// or a real bug's — or an endless loop is caught and explained instead of
// stopping the cell: a check never panics. A check shows its verdict as a
// small coloured box in a notebook (the symbols ✓, ✗ and ✎ and their words
// carry the meaning, so it reads in black and white too) and as one line
// of text elsewhere, and returns whether the answer passed.
package exercise
