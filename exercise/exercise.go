package exercise

import (
	"errors"
	"fmt"
	"math"
	"strconv"
	"strings"
	"time"
	"unicode"
	"unicode/utf8"

	"github.com/nnlesson/course/lang"
)

// Tolerance is how close Func1 wants each result: |got − want| ≤
// Tolerance·max(1, |want|). It is tight, for code; Float and Slice, whose
// answers a student may work out by hand and round, take their own.
var Tolerance = 1e-9

// Timeout bounds one call of the student's code: a call that has not
// returned by then is reported as a loop that never ends. A check cell whose
// check trains a network may set it higher first (exercise.Timeout =
// 3 * time.Minute); each cell is a fresh program, so it does not carry over.
var Timeout = 30 * time.Second

// A Case is one test value of Func1: the input and the expected result.
type Case struct {
	In, Want float64
}

// A Hint recognises a typical mistake in a wrong answer and says what the
// student probably did. Make one with Mistake, MistakeValue or MistakeSlice.
type Hint struct {
	msg   string
	match func(in float64, got []float64) bool
}

// Mistake is a hint for Func1: when the student's function returns, for the
// failing input in, what wrong(in) returns (within Tolerance), the feedback
// adds msg. For example, Mistake(nnlesson.Sigmoid, "did you return σ(z)
// instead of σ(z)(1 − σ(z))?").
func Mistake(wrong func(in float64) float64, msg string) Hint {
	return Hint{msg: msg, match: func(in float64, got []float64) bool {
		return len(got) == 1 && nearRel(got[0], wrong(in))
	}}
}

// MistakeValue is a hint for Float (or Func1): when the answer is wrong
// (within ±tol), the feedback adds msg.
func MistakeValue(wrong, tol float64, msg string) Hint {
	return Hint{msg: msg, match: func(_ float64, got []float64) bool {
		return len(got) == 1 && near(got[0], wrong, tol)
	}}
}

// MistakeSlice is a hint for Slice: when the answer is wrong, element by
// element within tol, the feedback adds msg.
func MistakeSlice(wrong []float64, tol float64, msg string) Hint {
	wrong = append([]float64(nil), wrong...)
	return Hint{msg: msg, match: func(_ float64, got []float64) bool {
		return len(got) == len(wrong) && firstDiff(got, wrong, tol) < 0
	}}
}

// Func1 checks a student's function of one number, f, named name in the
// feedback, on each case (results within Tolerance). On the first wrong
// case it says what f returned and what was expected, and adds the message
// of the first hint that recognises the mistake.
func Func1(name string, f func(float64) float64, cases []Case, hints ...Hint) bool {
	d := begin(name)
	if len(cases) == 0 {
		return d.show(verdict{status: fail, name: name, text: fmt.Sprintf(lang.Pick("the check of %s has no test values: give Func1 at least one Case.",
			"sprawdzenie %s nie ma wartości testowych: podaj Func1 co najmniej jeden Case."), name)})
	}
	wrong := 0
	var first string
	for _, c := range cases {
		var got float64
		call := fmt.Sprintf("%s(%s)", name, num(c.In))
		if v, ok := run(call, name, func() { got = f(c.In) }); !ok {
			return d.show(v)
		}
		if nearRel(got, c.Want) {
			continue
		}
		wrong++
		if first == "" {
			first = fmt.Sprintf(lang.Pick("%s returned %s; expected %s", "%s zwraca %s; oczekiwano %s"), call, num(got), num(c.Want)) +
				hintFor(hints, c.In, []float64{got})
		}
	}
	if wrong > 0 {
		if len(cases) > 1 {
			first += fmt.Sprintf(lang.Pick(" (%d of %d test values are wrong.)", " (błędne wartości testowe: %d z %d.)"), wrong, len(cases))
		}
		return d.show(verdict{status: fail, name: name, text: first})
	}
	if len(cases) == 1 {
		return d.show(verdict{status: pass, name: name, text: fmt.Sprintf(lang.Pick("%s is right for the test value.", "%s daje dobry wynik dla wartości testowej."), name)})
	}
	return d.show(verdict{status: pass, name: name, text: fmt.Sprintf(lang.Pick("%s is right for all %d test values.",
		"%s daje dobre wyniki dla wszystkich wartości testowych (%d)."), name, len(cases))})
}

// Float checks a number that the student's function got computes — a step
// of backpropagation worked out by hand, say — against want, within ±tol.
func Float(name string, got func() float64, want, tol float64, hints ...Hint) bool {
	d := begin(name)
	var g float64
	call := name + "()"
	if v, ok := run(call, name, func() { g = got() }); !ok {
		return d.show(v)
	}
	if near(g, want, tol) {
		return d.show(verdict{status: pass, name: name, text: fmt.Sprintf(lang.Pick("%s = %s is right.", "%s = %s – dobrze."), call, num(g))})
	}
	return d.show(verdict{status: fail, name: name, text: fmt.Sprintf(lang.Pick("%s returned %s; expected %s%s", "%s zwraca %s; oczekiwano %s%s"), call, num(g), num(want), within(tol)) +
		hintFor(hints, 0, []float64{g})})
}

// Slice checks a list of numbers that the student's function got computes
// — the weighted inputs z of a layer, say — against want, each within ±tol.
func Slice(name string, got func() []float64, want []float64, tol float64, hints ...Hint) bool {
	d := begin(name)
	var g []float64
	call := name + "()"
	if v, ok := run(call, name, func() { g = got() }); !ok {
		return d.show(v)
	}
	if len(g) != len(want) {
		return d.show(verdict{status: fail, name: name, text: fmt.Sprintf(lang.Pick("%s returned %d numbers, %s; expected %d, %s",
			"%s zwraca listę długości %d, %s; oczekiwano długości %d, %s"),
			call, len(g), nums(g), len(want), nums(want)) + hintFor(hints, 0, g)})
	}
	i := firstDiff(g, want, tol)
	if i < 0 {
		return d.show(verdict{status: pass, name: name, text: fmt.Sprintf(lang.Pick("%s = %s is right.", "%s = %s – dobrze."), call, nums(g))})
	}
	return d.show(verdict{status: fail, name: name, text: fmt.Sprintf(lang.Pick("%s returned %s; expected %s: element %d is %s, not %s%s",
		"%s zwraca %s; oczekiwano %s: element o indeksie %d to %s, a nie %s%s"),
		call, nums(g), nums(want), i, num(g[i]), num(want[i]), within(tol)) + hintFor(hints, 0, g)})
}

// Check is the free-form check: task says what the student has to achieve
// ("gradient descent with your η converges in at most 50 steps"), and check
// runs the student's code and returns nil when it does, or an error that
// says what happened instead and what to try.
func Check(task string, check func() error) bool {
	d := begin(task)
	var err error
	if v, ok := run("", task, func() { err = check() }); !ok {
		if v.status == fail {
			v.text = lang.Pick("Not yet: ", "Jeszcze nie: ") + task + ". " + v.text
		}
		return d.show(v)
	}
	if err != nil {
		return d.show(verdict{status: fail, name: task, text: lang.Pick("Not yet: ", "Jeszcze nie: ") + task + ". " + capitalize(sentence(err.Error()))})
	}
	return d.show(verdict{status: pass, name: task, text: lang.Pick("Done: ", "Zrobione: ") + task + "."})
}

// run calls f, catching a panic and a call that does not return within
// Timeout. It returns the verdict to show when f did not return normally.
// call names the call in messages ("" for Check), and name the function
// the student writes, for a stub that does not know its own name.
func run(call, name string, f func()) (verdict, bool) {
	done := make(chan any, 1)
	go func() {
		returned := false
		defer func() {
			if !returned {
				r := recover()
				if r == nil { // runtime.Goexit: no panic, yet no return
					r = "it stopped without returning"
				}
				done <- r
			}
		}()
		f()
		returned = true
		done <- nil
	}()
	timer := time.NewTimer(Timeout)
	defer timer.Stop()
	var r any
	select {
	case r = <-done:
	case <-timer.C:
		text := fmt.Sprintf(lang.Pick("It did not return within %v — is there a loop that never ends?",
			"Kod nie skończył się w ciągu %v — czy jakaś pętla nigdy się nie kończy?"), Timeout)
		if call != "" {
			text = fmt.Sprintf(lang.Pick("%s did not return within %v — is there a loop that never ends?",
				"Wywołanie %s nie skończyło się w ciągu %v — czy jakaś pętla nigdy się nie kończy?"), call, Timeout)
		}
		return verdict{status: fail, name: name, text: text}, false
	}
	if r == nil {
		return verdict{}, true
	}
	var nw *NotWrittenError
	if err, ok := r.(error); ok && errors.As(err, &nw) {
		fn := nw.Func
		if fn == "" {
			fn = name
		}
		text := fn + lang.Pick(" is not written yet", " nie jest jeszcze napisana")
		if nw.Todo != "" {
			text += ": " + nw.Todo
		}
		return verdict{status: todo, name: name, text: sentence(text) + lang.Pick(" Replace the line panic(exercise.NotWritten(…)) with your code, run that cell, then this one again.",
			" Zastąp wiersz panic(exercise.NotWritten(…)) swoim kodem, uruchom tamtą komórkę, a potem tę jeszcze raz.")}, false
	}
	text := fmt.Sprintf(lang.Pick("It panicked: %s", "Kod kończy się paniką (panic): %s"), sentence(fmt.Sprint(r)))
	if call != "" {
		text = fmt.Sprintf(lang.Pick("%s panicked: %s", "Wywołanie %s kończy się paniką (panic): %s"), call, sentence(fmt.Sprint(r)))
	}
	return verdict{status: fail, name: name, text: text}, false
}

// near reports whether |got − want| ≤ tol. NaN is near only NaN, and an
// infinity only itself.
func near(got, want, tol float64) bool {
	if math.IsNaN(want) || math.IsNaN(got) {
		return math.IsNaN(want) && math.IsNaN(got)
	}
	if math.IsInf(want, 0) || math.IsInf(got, 0) {
		return got == want
	}
	return math.Abs(got-want) <= tol
}

// nearRel is near within Func1's Tolerance, relative to max(1, |want|).
func nearRel(got, want float64) bool {
	return near(got, want, Tolerance*math.Max(1, math.Abs(want)))
}

// firstDiff returns the first index where got and want differ by more than
// tol, or -1.
func firstDiff(got, want []float64, tol float64) int {
	for i := range want {
		if !near(got[i], want[i], tol) {
			return i
		}
	}
	return -1
}

// hintFor returns " — msg" for the first hint that recognises got, or ".".
func hintFor(hints []Hint, in float64, got []float64) string {
	for _, h := range hints {
		if h.match != nil && h.match(in, got) {
			return lang.Pick(" — ", " – ") + h.msg
		}
	}
	return "."
}

func within(tol float64) string {
	if tol == 0 {
		return ""
	}
	return " (± " + num(tol) + ")"
}

// num formats a number the way the feedback prints it: at most six
// significant digits, no trailing zeros.
func num(x float64) string {
	return strconv.FormatFloat(x, 'g', 6, 64)
}

// nums formats a list of numbers, eliding the middle of a long one.
func nums(xs []float64) string {
	parts := make([]string, 0, len(xs))
	for i, x := range xs {
		if len(xs) > 8 && i == 4 {
			parts = append(parts, "…")
		}
		if len(xs) > 8 && i >= 4 && i < len(xs)-2 {
			continue
		}
		parts = append(parts, num(x))
	}
	return "[" + strings.Join(parts, " ") + "]"
}

// capitalize upper-cases the first letter of s: Go's error texts start in
// lower case, and Check's feedback puts them after a full stop.
func capitalize(s string) string {
	if s == "" {
		return s
	}
	r, n := utf8.DecodeRuneInString(s)
	return string(unicode.ToUpper(r)) + s[n:]
}

// sentence ends s with a full stop unless it already ends a sentence.
func sentence(s string) string {
	s = strings.TrimSpace(s)
	if s == "" || strings.HasSuffix(s, ".") || strings.HasSuffix(s, "?") || strings.HasSuffix(s, "!") {
		return s
	}
	return s + "."
}
