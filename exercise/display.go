package exercise

import (
	"fmt"
	"html"
	"io"
	"os"

	"github.com/janpfeifer/gonb/gonbui"
	"github.com/janpfeifer/gonb/gonbui/protocol"

	"github.com/nnlesson/course/lang"
)

// This file alone talks to the notebook.

// VerdictMIME is the MIME type of the record each check publishes beside its
// coloured box: {"status": "pass", "fail", "todo" or "running", "func": the
// function checked (or the task), "text": the feedback}. Tools that read an
// executed notebook (the course's tests, its handout builder) take verdicts
// from this record, not from the box's markup.
//
// Before it calls the student's code, a check shows a "running" box that
// names the function; the verdict replaces it. A program that the student's
// code ends before the check can answer — os.Exit, endless recursion, a
// panic in a goroutine of its own: nothing inside the process can catch
// these — leaves the "running" box, so the crash still has a name.
const VerdictMIME = "application/vnd.nnlesson.check+json"

// status is a check's verdict.
type status int

const (
	pass    status = iota // the answer is right: ✓
	fail                  // it is wrong, panicked or hung: ✗
	todo                  // the function is still the stub: ✎
	running               // the check is calling the student's code: ⏳
)

var looks = map[status]struct {
	name, symbol, border, background string
}{
	pass:    {"pass", "✓", "#2e7d32", "#e8f5e9"},
	fail:    {"fail", "✗", "#c62828", "#ffebee"},
	todo:    {"todo", "✎", "#8d6e00", "#fff8e1"},
	running: {"running", "⏳", "#455a64", "#eceff1"},
}

type verdict struct {
	status status
	name   string // the function checked, or the task of Check
	text   string
}

// String is the verdict as one line of text, symbol first.
func (v verdict) String() string { return looks[v.status].symbol + " " + v.text }

// HTML is the verdict as a small box, coloured, with the symbol in bold so
// that it reads in black and white too.
func (v verdict) HTML() string {
	l := looks[v.status]
	return fmt.Sprintf(`<div class="nnlesson-check nnlesson-check-%s" role="status" style="border-left: 6px solid %s; background: %s; color: #111; `+
		`padding: .5em .8em; margin: .3em 0; font-family: sans-serif; line-height: 1.4;">`+
		`<b style="font-size: 1.2em;">%s</b> %s</div>`,
		l.name, l.border, l.background, l.symbol, html.EscapeString(v.text))
}

// record is the verdict as data, published as VerdictMIME.
func (v verdict) record() map[string]string {
	return map[string]string{"status": looks[v.status].name, "func": v.name, "text": v.text}
}

// The outputs of a verdict; tests replace them.
var (
	inNotebook = func() bool { return gonbui.IsNotebook }
	newID      = gonbui.UniqueId
	// publish shows a verdict in the display id (a new output the first
	// time) and waits until GoNB has it: a cell's program may end right
	// after the check, and GoNB drops what is still in transit.
	publish = func(id string, v verdict) {
		gonbui.SendData(&protocol.DisplayData{
			Data:      map[protocol.MIMEType]any{protocol.MIMETextHTML: v.HTML(), VerdictMIME: v.record()},
			DisplayID: id,
		})
		gonbui.Sync()
	}
	textOut = func() io.Writer { return os.Stdout }
)

// A display is the place of one check's verdict in the cell's output.
type display struct{ id string }

// begin shows, in a notebook, that the check of name is about to call the
// student's code, and returns the place where its verdict will go.
func begin(name string) display {
	if recording != nil || !inNotebook() {
		return display{}
	}
	d := display{id: "nnlesson_check_" + newID()}
	publish(d.id, verdict{status: running, name: name,
		text: fmt.Sprintf(lang.Pick("Checking %s… (if the cell stops here with an error, the error came from %s)",
			"Sprawdzam %s… (jeśli komórka zatrzyma się tu z błędem, błąd pochodzi z %s)"), name, name)})
	return d
}

// show displays v in place of the running box — a box in a notebook, a
// line of text elsewhere — and returns whether it is a pass.
func (d display) show(v verdict) bool {
	if recording != nil {
		*recording = append(*recording, Verdict{Status: looks[v.status].name, Func: v.name, Text: v.text})
		return v.status == pass
	}
	if inNotebook() {
		publish(d.id, v)
	} else {
		fmt.Fprintln(textOut(), v.String())
	}
	return v.status == pass
}

// A Verdict is what a check said, as data: Status is "pass", "fail" or
// "todo"; Func the function checked (or the task of Check); Text the
// feedback, as the student reads it.
type Verdict struct {
	Status, Func, Text string
}

// recording, when not nil, collects verdicts instead of showing them.
var recording *[]Verdict

// Verdicts runs f, which calls checks, and returns their verdicts instead
// of showing them — for testing the checks of a lesson against the
// teacher's solutions and the mistakes they recognise.
func Verdicts(f func()) []Verdict {
	got := []Verdict{}
	old := recording
	recording = &got
	defer func() { recording = old }()
	f()
	return got
}
