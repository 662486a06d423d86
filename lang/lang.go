// Package lang is the course's language switch. The lessons exist in English
// (notebooks/) and in Polish (notebooks/pl/), running the same code; what the
// packages write themselves — chart labels, exercise verdicts, training
// reports, a descent's advice — follows the language that the lesson chooses
// once, in its setup cell:
//
//	var language = lang.Use("pl")
//
// Every %% cell of a GoNB notebook is a program of its own, and only
// declarations carry over from one cell to the next. A package-level variable
// is such a declaration, and Go initialises it before the cell's code runs,
// so every cell after the setup cell speaks the lesson's language. English is
// the default: a program that never calls Use (a test, a command) writes
// English.
//
// Inside the packages, each sentence is written once in both languages, side
// by side, where it is used:
//
//	title := lang.Pick("epoch", "epoka")
//
// Numbers keep the decimal point in both languages, as the slides and Go's
// own output do. Panics for programming mistakes stay English, as Go's own do.
package lang

import (
	"fmt"
	"sync/atomic"

	"github.com/nnlesson/course/nnlesson"
)

// The languages of the course, by their ISO 639-1 codes.
const (
	English = "en"
	Polish  = "pl"
)

var polish atomic.Bool

// Use makes code ("en" or "pl") the language of everything the course's
// packages write, and returns it. It panics on another code: the course
// speaks these two.
func Use(code string) string {
	switch code {
	case English, Polish:
	default:
		panic(fmt.Sprintf("lang: the course speaks %q (English) and %q (Polish), not %q", English, Polish, code))
	}
	polish.Store(code == Polish)
	// nnlesson, the lecture's mathematics, imports nothing of the course, so
	// its few sentences (a descent's outcome and advice) are switched from here.
	nnlesson.Language = code
	return code
}

// Code returns the language in use, "en" or "pl".
func Code() string {
	if polish.Load() {
		return Polish
	}
	return English
}

// Pick returns en or pl, whichever is in the language in use.
func Pick(en, pl string) string {
	if polish.Load() {
		return pl
	}
	return en
}
