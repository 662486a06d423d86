package exercise

import (
	"runtime"
	"strings"
)

// NotWrittenError is the value a stub panics with: the student has not
// written this function yet. The checks recognise it and say so, with what
// to do, instead of reporting a crash.
type NotWrittenError struct {
	Func string // the function the stub stands in, "sigmoidPrime"; "" when unknown
	Todo string // what to write, "write σ′(z) = σ(z)(1 − σ(z))"
}

// NotWritten returns the value for a stub to panic with, in the student's
// edition of a lesson, where the solution was:
//
//	func sigmoidPrime(z float64) float64 {
//		// TODO: write σ′(z) = σ(z)(1 − σ(z))
//		panic(exercise.NotWritten("write σ′(z) = σ(z)(1 − σ(z))"))
//	}
//
// todo says what to write. The stub's function name is found by itself.
func NotWritten(todo string) *NotWrittenError {
	e := &NotWrittenError{Todo: strings.TrimSpace(todo)}
	pc := make([]uintptr, 1)
	if runtime.Callers(2, pc) == 1 { // the caller: the stub's function
		frame, _ := runtime.CallersFrames(pc).Next()
		e.Func = shortName(frame.Function)
	}
	return e
}

// Error says which function is not written and what to do, so that a stub
// called outside a check panics with a message a student understands.
func (e *NotWrittenError) Error() string {
	s := "this exercise is not written yet"
	if e.Func != "" {
		s = e.Func + " is not written yet"
	}
	if e.Todo != "" {
		s += ": " + e.Todo
	}
	return s + " (replace the line panic(exercise.NotWritten(…)) with your code)"
}

// shortName turns a runtime function name into the one the student wrote:
// "main.sigmoidPrime" → "sigmoidPrime", "main.(*net).forward" →
// "(*net).forward". A closure or a cell's own body (GoNB runs a %% cell as
// main) has no name a student would know: "".
func shortName(full string) string {
	if i := strings.LastIndex(full, "/"); i >= 0 {
		full = full[i+1:]
	}
	if i := strings.Index(full, "."); i >= 0 {
		full = full[i+1:]
	}
	if full == "main" || strings.Contains(full, ".func") || strings.HasPrefix(full, "main.") {
		return ""
	}
	return full
}
