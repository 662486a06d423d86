// Package check holds the checks of the lessons' exercises: one function per
// exercise, which a lesson's check cell calls once,
//
//	%%
//	check.MyZ(myZ, w, a, b)
//
// passing the student's function and whatever of the lesson it needs. Each
// check runs the student's code through package exercise (so that a panic,
// a stub or an endless loop is explained, not a crash), compares it with
// the right answer — computed here, in tested Go, not in the cell in front
// of the student — and recognises the mistakes students make, with a hint
// for each. Verdicts and hints follow the lesson's language (package lang).
// A check's verdict names what the student writes — the function, or for a
// free-form check its call, "numParams(sizes)" — in every language, so that
// the verdicts of a lesson's two editions pair up cell by cell.
//
// The files follow the lessons: lesson02.go holds the checks of lesson 2,
// and so on. check_test.go holds each check against the teacher's solution
// (✓), against every mistake it names (✗ with that hint), and against the
// student edition's stub (✎).
package check
