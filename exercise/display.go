package exercise

import (
	"fmt"
	"html"
	"io"
	"os"

	"github.com/janpfeifer/gonb/gonbui"
)

// This file alone talks to the notebook.

// status is a check's verdict.
type status int

const (
	pass status = iota // the answer is right: ✓
	fail               // it is wrong, panicked or hung: ✗
	todo               // the function is still the stub: ✎
)

// The CSS classes of a check's box in a notebook's HTML output; a test of
// the lessons looks for them (internal/notebook.FailedChecks).
const (
	ClassPass = "nnlesson-check-pass"
	ClassFail = "nnlesson-check-fail"
	ClassTodo = "nnlesson-check-todo"
)

var looks = map[status]struct {
	symbol, class, border, background string
}{
	pass: {"✓", ClassPass, "#2e7d32", "#e8f5e9"},
	fail: {"✗", ClassFail, "#c62828", "#ffebee"},
	todo: {"✎", ClassTodo, "#8d6e00", "#fff8e1"},
}

type verdict struct {
	status status
	text   string
}

// String is the verdict as one line of text, symbol first.
func (v verdict) String() string { return looks[v.status].symbol + " " + v.text }

// HTML is the verdict as a small box, coloured, with the symbol in bold so
// that it reads in black and white too.
func (v verdict) HTML() string {
	l := looks[v.status]
	return fmt.Sprintf(`<div class="nnlesson-check %s" style="border-left: 6px solid %s; background: %s; color: #111; `+
		`padding: .5em .8em; margin: .3em 0; font-family: sans-serif; line-height: 1.4;">`+
		`<b style="font-size: 1.2em;">%s</b> %s</div>`,
		l.class, l.border, l.background, l.symbol, html.EscapeString(v.text))
}

// The outputs of a verdict; tests replace them.
var (
	inNotebook = func() bool { return gonbui.IsNotebook }
	// displayHTML shows html and waits until GoNB has it: a cell's program
	// may end right after the check, and GoNB drops what is still in transit.
	displayHTML = func(html string) { gonbui.DisplayHTML(html); gonbui.Sync() }
	textOut     = func() io.Writer { return os.Stdout }
)

// show displays v — a box in a notebook, a line of text elsewhere — and
// returns whether it is a pass.
func show(v verdict) bool {
	if inNotebook() {
		displayHTML(v.HTML())
	} else {
		fmt.Fprintln(textOut(), v.String())
	}
	return v.status == pass
}
