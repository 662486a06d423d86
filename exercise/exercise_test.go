package exercise

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"math"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/nnlesson/course/lang"
)

// capture runs f with the text output recorded, outside a notebook.
func capture(t *testing.T, f func() bool) (bool, string) {
	t.Helper()
	var buf bytes.Buffer
	old := textOut
	textOut = func() io.Writer { return &buf }
	defer func() { textOut = old }()
	ok := f()
	return ok, strings.TrimSpace(buf.String())
}

func sigmoid(z float64) float64 { return 1 / (1 + math.Exp(-z)) }

var sigmoidCases = []Case{{0, 0.25}, {1, sigmoid(1) * (1 - sigmoid(1))}, {-2, sigmoid(-2) * (1 - sigmoid(-2))}}

var sigmoidHint = Mistake(sigmoid, "did you return σ(z) instead of σ(z)(1 − σ(z))?")

func TestFunc1(t *testing.T) {
	tests := []struct {
		name     string
		f        func(float64) float64
		wantOK   bool
		wantText string
	}{
		{"right", func(z float64) float64 { return sigmoid(z) * (1 - sigmoid(z)) }, true,
			"✓ sigmoidPrime is right for all 3 test values."},
		{"the mistake the hint knows", sigmoid, false,
			"✗ sigmoidPrime(0) returned 0.5; expected 0.25 — did you return σ(z) instead of σ(z)(1 − σ(z))? (3 of 3 test values are wrong.)"},
		{"another mistake", func(z float64) float64 { return 0.25 }, false,
			"✗ sigmoidPrime(1) returned 0.25; expected 0.196612. (2 of 3 test values are wrong.)"},
		{"a NaN", func(z float64) float64 { return math.NaN() }, false,
			"✗ sigmoidPrime(0) returned NaN; expected 0.25. (3 of 3 test values are wrong.)"},
		{"a stub", func(z float64) float64 { panic(NotWritten("write σ′(z) = σ(z)(1 − σ(z))")) }, false,
			"✎ sigmoidPrime is not written yet: write σ′(z) = σ(z)(1 − σ(z)). Replace the line panic(exercise.NotWritten(…)) with your code, run that cell, then this one again."},
		{"a bug that panics", func(z float64) float64 { return []float64{1}[int(z)+2] }, false,
			"✗ sigmoidPrime(0) panicked: runtime error: index out of range [2] with length 1."},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			ok, text := capture(t, func() bool { return Func1("sigmoidPrime", tt.f, sigmoidCases, sigmoidHint) })
			if ok != tt.wantOK || text != tt.wantText {
				t.Errorf("Func1 = %v, %q\nwant %v, %q", ok, text, tt.wantOK, tt.wantText)
			}
		})
	}
}

func TestFunc1Tolerance(t *testing.T) {
	cases := []Case{{1, 1000}}
	for _, tt := range []struct {
		got  float64
		want bool
	}{
		{1000 + 1e-7, true},  // within 1e-9 · 1000
		{1000 + 1e-5, false}, // not
		{1000, true},
	} {
		ok, _ := capture(t, func() bool { return Func1("f", func(float64) float64 { return tt.got }, cases) })
		if ok != tt.want {
			t.Errorf("Func1 on %v (want 1000) passed = %v, want %v", tt.got, ok, tt.want)
		}
	}
	ok, text := capture(t, func() bool { return Func1("f", math.Abs, nil) })
	if ok || !strings.Contains(text, "no test values") {
		t.Errorf("Func1 with no cases = %v, %q; want a failure that says so", ok, text)
	}
}

func TestFloat(t *testing.T) {
	hint := MistakeValue(0.1632, 0.001, "did you forget the factor σ′(z)?")
	for _, tt := range []struct {
		got      float64
		wantOK   bool
		wantText string
	}{
		{0.0816, true, "✓ dCdW() = 0.0816 is right."},
		{0.0819, true, "✓ dCdW() = 0.0819 is right."}, // rounded by hand, within ±0.001
		{0.0830, false, "✗ dCdW() returned 0.083; expected 0.0816 (± 0.001)."},
		{0.1632, false, "✗ dCdW() returned 0.1632; expected 0.0816 (± 0.001) — did you forget the factor σ′(z)?"},
		{math.Inf(1), false, "✗ dCdW() returned +Inf; expected 0.0816 (± 0.001)."},
	} {
		ok, text := capture(t, func() bool { return Float("dCdW", func() float64 { return tt.got }, 0.0816, 0.001, hint) })
		if ok != tt.wantOK || text != tt.wantText {
			t.Errorf("Float(%v) = %v, %q\nwant %v, %q", tt.got, ok, text, tt.wantOK, tt.wantText)
		}
	}
}

func TestSlice(t *testing.T) {
	want := []float64{1.1, -0.5, 2}
	hint := MistakeSlice([]float64{2.1, 0.5, 3}, 1e-9, "did you forget the bias b?")
	for _, tt := range []struct {
		got      []float64
		wantOK   bool
		wantText string
	}{
		{[]float64{1.1, -0.5, 2}, true, "✓ z() = [1.1 -0.5 2] is right."},
		{[]float64{1.1, -0.4, 2}, false, "✗ z() returned [1.1 -0.4 2]; expected [1.1 -0.5 2]: element 1 is -0.4, not -0.5 (± 1e-09)."},
		{[]float64{2.1, 0.5, 3}, false, "✗ z() returned [2.1 0.5 3]; expected [1.1 -0.5 2]: element 0 is 2.1, not 1.1 (± 1e-09) — did you forget the bias b?"},
		{[]float64{1.1}, false, "✗ z() returned 1 numbers, [1.1]; expected 3, [1.1 -0.5 2]."},
		{nil, false, "✗ z() returned 0 numbers, []; expected 3, [1.1 -0.5 2]."},
	} {
		ok, text := capture(t, func() bool { return Slice("z", func() []float64 { return tt.got }, want, 1e-9, hint) })
		if ok != tt.wantOK || text != tt.wantText {
			t.Errorf("Slice(%v) = %v, %q\nwant %v, %q", tt.got, ok, text, tt.wantOK, tt.wantText)
		}
	}
}

func TestSliceLong(t *testing.T) {
	got := make([]float64, 10)
	for i := range got {
		got[i] = float64(i)
	}
	if s := nums(got); s != "[0 1 2 3 … 8 9]" {
		t.Errorf("nums of 10 numbers = %q, want the middle elided", s)
	}
}

// learningRate is a student's stub, as cmd/student writes it.
func learningRate() float64 {
	// TODO: pick η so that descent converges in at most 50 steps
	panic(NotWritten("pick η so that descent converges in at most 50 steps"))
}

func TestCheck(t *testing.T) {
	const task = "descent with your η converges in at most 50 steps"
	for _, tt := range []struct {
		name     string
		check    func() error
		wantOK   bool
		wantText string
	}{
		{"done", func() error { return nil }, true, "✓ Done: " + task + "."},
		{"not yet", func() error { return errors.New("with η = 5 the cost grew to 1e+30: η is too large") }, false,
			"✗ Not yet: " + task + ". With η = 5 the cost grew to 1e+30: η is too large."},
		{"stub", func() error { learningRate(); return nil }, false,
			"✎ learningRate is not written yet: pick η so that descent converges in at most 50 steps. Replace the line panic(exercise.NotWritten(…)) with your code, run that cell, then this one again."},
		{"panic", func() error { var m map[string]int; m["x"] = 1; return nil }, false,
			"✗ Not yet: " + task + ". It panicked: assignment to entry in nil map."},
	} {
		t.Run(tt.name, func(t *testing.T) {
			ok, text := capture(t, func() bool { return Check(task, tt.check) })
			if ok != tt.wantOK || text != tt.wantText {
				t.Errorf("Check = %v, %q\nwant %v, %q", ok, text, tt.wantOK, tt.wantText)
			}
		})
	}
}

func TestTimeout(t *testing.T) {
	old := Timeout
	Timeout = 50 * time.Millisecond
	defer func() { Timeout = old }()
	block := make(chan struct{})
	defer close(block)
	ok, text := capture(t, func() bool {
		return Func1("forever", func(float64) float64 { <-block; return 0 }, []Case{{1, 1}})
	})
	if want := "✗ forever(1) did not return within 50ms — is there a loop that never ends?"; ok || text != want {
		t.Errorf("Func1 on a hanging function = %v, %q; want false, %q", ok, text, want)
	}
}

func TestNotWritten(t *testing.T) {
	err := func() (err error) {
		defer func() { err = recover().(error) }()
		learningRate()
		return nil
	}()
	var nw *NotWrittenError
	if !errors.As(err, &nw) || nw.Func != "learningRate" {
		t.Fatalf("the stub panicked with %#v; want a *NotWrittenError naming learningRate", err)
	}
	want := "learningRate is not written yet: pick η so that descent converges in at most 50 steps (replace the line panic(exercise.NotWritten(…)) with your code)"
	if err.Error() != want {
		t.Errorf("Error() = %q\nwant %q", err.Error(), want)
	}
	// A stub in a closure has no name the student knows: the check names it.
	ok, text := capture(t, func() bool {
		return Float("dCdW", func() float64 { panic(NotWritten("")) }, 1, 0)
	})
	if want := "✎ dCdW is not written yet. Replace the line panic(exercise.NotWritten(…)) with your code, run that cell, then this one again."; ok || text != want {
		t.Errorf("Float on a nameless stub = %v, %q; want false, %q", ok, text, want)
	}
}

func TestShortName(t *testing.T) {
	for full, want := range map[string]string{
		"main.sigmoidPrime":     "sigmoidPrime",
		"main.(*net).forward":   "(*net).forward",
		"main.main":             "",
		"main.main.func1":       "",
		"main.check.func2":      "",
		"example.com/a/b.Slope": "Slope",
	} {
		if got := shortName(full); got != want {
			t.Errorf("shortName(%q) = %q, want %q", full, got, want)
		}
	}
}

// published is one output a check sent to the notebook.
type published struct {
	id string
	v  verdict
}

func useFakeNotebook(t *testing.T) *[]published {
	var shown []published
	oldIn, oldPublish, oldID := inNotebook, publish, newID
	inNotebook = func() bool { return true }
	n := 0
	newID = func() string { n++; return fmt.Sprint(n) }
	publish = func(id string, v verdict) { shown = append(shown, published{id, v}) }
	t.Cleanup(func() { inNotebook, publish, newID = oldIn, oldPublish, oldID })
	return &shown
}

// TestNotebookOutput checks the notebook form: before calling the student's
// code a check shows a "running" box naming the function, and its verdict
// replaces it in the same display — a box with the symbol and the text
// escaped, and the verdict as data (VerdictMIME).
func TestNotebookOutput(t *testing.T) {
	shown := useFakeNotebook(t)
	Check("a < b", func() error { return fmt.Errorf("got <b>") })
	Check("pass", func() error { return nil })
	Float("f", func() float64 { panic(NotWritten("x")) }, 0, 0)
	if len(*shown) != 6 {
		t.Fatalf("%d outputs, want 6: a running box and a verdict for each of 3 checks", len(*shown))
	}
	for i, want := range []struct{ status, name string }{{"fail", "a < b"}, {"pass", "pass"}, {"todo", "f"}} {
		run, done := (*shown)[2*i], (*shown)[2*i+1]
		if r := run.v.record(); r["status"] != "running" || r["func"] != want.name || !strings.Contains(run.v.text, want.name) {
			t.Errorf("check %d: first output %v, want a running box naming %q", i, r, want.name)
		}
		if done.id != run.id || done.id == "" {
			t.Errorf("check %d: the verdict went to display %q, the running box to %q; want the same", i, done.id, run.id)
		}
		if r := done.v.record(); r["status"] != want.status || r["func"] != want.name || r["text"] != done.v.text {
			t.Errorf("check %d: record %v, want status %s for %q", i, r, want.status, want.name)
		}
	}
	if h := (*shown)[1].v.HTML(); !strings.Contains(h, "<b style=\"font-size: 1.2em;\">✗</b> Not yet: a &lt; b. Got &lt;b&gt;.") {
		t.Errorf("the failing box does not show its text escaped:\n%s", h)
	}
}

// The verdicts speak the lesson's language.
func TestPolishVerdicts(t *testing.T) {
	defer lang.Use(lang.Code())
	lang.Use("pl")
	for _, c := range []struct {
		check func() bool
		want  string
	}{
		{func() bool { return Func1("sigmoidPrime", sigmoid, sigmoidCases, sigmoidHint) }, "✗ sigmoidPrime(0) zwraca 0.5; oczekiwano 0.25 – did you return σ(z) instead of σ(z)(1 − σ(z))? (błędne wartości testowe: 3 z 3.)"},
		{func() bool { return Float("f", func() float64 { return 1 }, 1, 0) }, "✓ f() = 1 – dobrze."},
		{func() bool { return Check("zadanie", func() error { return fmt.Errorf("za mało") }) }, "✗ Jeszcze nie: zadanie. Za mało."},
		{func() bool { return Float("f", func() float64 { panic(NotWritten("policz z")) }, 0, 0) }, "✎ f nie jest jeszcze napisana: policz z. Zastąp wiersz panic(exercise.NotWritten(…)) swoim kodem, uruchom tamtą komórkę, a potem tę jeszcze raz."},
		{func() bool { return Float("f", func() float64 { panic("ojej") }, 0, 0) }, "✗ Wywołanie f() kończy się paniką (panic): ojej."},
	} {
		_, text := capture(t, c.check)
		if text != c.want {
			t.Errorf("got  %s\nwant %s", text, c.want)
		}
	}
}

func TestVerdicts(t *testing.T) {
	got := Verdicts(func() {
		Float("f", func() float64 { return 1 }, 1, 0)
		Check("task", func() error { return fmt.Errorf("no") })
	})
	want := []Verdict{{"pass", "f", "f() = 1 is right."}, {"fail", "task", "Not yet: task. No."}}
	if !slices.Equal(got, want) {
		t.Errorf("Verdicts = %q, want %q", got, want)
	}
}
