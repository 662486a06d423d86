package notebook

import (
	"fmt"
	"strings"
)

// The contracts between the course's packages and this checker are data,
// not HTML: beside the box or the chart a reader sees, the exercise and
// plots packages publish a small JSON record under a MIME type of the
// course's own (CheckMIME, ChartMIME) in the same display_data. Jupyter
// keeps it in the executed notebook; nothing renders it.

// The statuses of a check record (CheckMIME).
const (
	CheckPass    = "pass"    // ✓ the answer is right
	CheckFail    = "fail"    // ✗ it is wrong, panicked or did not return
	CheckTodo    = "todo"    // ✎ the function is still the student edition's stub
	CheckRunning = "running" // the check is calling the student's function
)

// A Check is the verdict of one exercise check in an executed notebook: the
// record {"status", "func", "text"} that the exercise package publishes as
// CheckMIME. A check shows CheckRunning before it calls the student's code
// and replaces it in place with its verdict, so a check that still says
// CheckRunning is one whose call ended the program: os.Exit, endless
// recursion, a panic in a goroutine.
type Check struct {
	Cell   int    // 0-based index of the check cell
	Status string // CheckPass, CheckFail, CheckTodo or CheckRunning
	Func   string // the function checked
	Text   string // the feedback, "✗ reluPrime(0.5) returned 0.5; expected 1 — …"
}

// A Chart is a chart shown in an executed notebook: the record {"title",
// "error"} that the plots package publishes as ChartMIME beside the chart's
// SVG. Error is not empty when the chart could not be drawn.
type Chart struct {
	Cell  int
	Title string
	Error string
}

// records calls f with each output of cell i that carries data of the
// given MIME type.
func (nb *Notebook) records(i int, mime string, f func(Output)) {
	for _, o := range nb.Cells[i].Outputs {
		if (o.Type == "display_data" || o.Type == "execute_result") && o.Data[mime] != nil {
			f(o)
		}
	}
}

// Checks returns the verdicts that cell i of an executed notebook shows, in
// order. A record that cannot be read comes back with an empty Status and
// a Text that says why.
func (nb *Notebook) Checks(i int) []Check {
	var out []Check
	nb.records(i, CheckMIME, func(o Output) {
		var r struct{ Status, Func, Text string }
		c := Check{Cell: i}
		if _, err := o.Data.JSON(CheckMIME, &r); err != nil {
			c.Text = err.Error()
		} else {
			c.Status, c.Func, c.Text = r.Status, r.Func, strings.TrimSpace(r.Text)
		}
		out = append(out, c)
	})
	return out
}

// IsCheckCell reports whether cell i of an executed notebook shows an
// exercise check's verdict (or its CheckRunning placeholder): it is an
// exercise's check cell. A check cell whose program failed before the
// check began shows an error instead, which Failures reports.
func (nb *Notebook) IsCheckCell(i int) bool { return len(nb.Checks(i)) > 0 }

// FailedChecks returns what is wrong with the exercises of an executed
// teacher's notebook, which must pass every check: each check that did not
// pass (✗, or ✎ for a solution left as a stub), each that never finished,
// and each record that cannot be read.
func (nb *Notebook) FailedChecks() []Failure {
	var out []Failure
	for i := range nb.Cells {
		for _, c := range nb.Checks(i) {
			if c.Status == CheckPass {
				continue
			}
			out = append(out, Failure{Cell: i, Name: nb.CellName(i), Message: c.problem()})
		}
	}
	return out
}

// problem says what is wrong with a check that did not pass.
func (c Check) problem() string {
	switch c.Status {
	case CheckFail, CheckTodo:
		return c.Text
	case CheckRunning:
		name := c.Func
		if name == "" {
			name = "the function checked"
		}
		return fmt.Sprintf("the check of %s never finished: %s stopped the whole program (os.Exit, endless recursion, or a panic in a goroutine)", name, name)
	case "":
		return "a check's verdict cannot be read: " + c.Text
	default:
		return fmt.Sprintf("a check's verdict has the unknown status %q (want %s, %s, %s or %s): %s", c.Status, CheckPass, CheckFail, CheckTodo, CheckRunning, c.Text)
	}
}

// Charts returns the charts cell i of an executed notebook shows, in order.
// A record that cannot be read comes back with an Error that says why.
func (nb *Notebook) Charts(i int) []Chart {
	var out []Chart
	nb.records(i, ChartMIME, func(o Output) {
		var r struct{ Title, Error string }
		c := Chart{Cell: i}
		if _, err := o.Data.JSON(ChartMIME, &r); err != nil {
			c.Error = "its record cannot be read: " + err.Error()
		} else {
			c.Title, c.Error = r.Title, r.Error
		}
		out = append(out, c)
	})
	return out
}

// ChartFailures returns the charts of an executed notebook that could not
// be drawn, with the reason.
func (nb *Notebook) ChartFailures() []Failure {
	var out []Failure
	for i := range nb.Cells {
		for _, c := range nb.Charts(i) {
			if c.Error == "" {
				continue
			}
			title := ""
			if c.Title != "" {
				title = fmt.Sprintf(" %q", c.Title)
			}
			out = append(out, Failure{Cell: i, Name: nb.CellName(i), Message: fmt.Sprintf("the chart%s could not be drawn: %s", title, c.Error)})
		}
	}
	return out
}

// Problems returns everything that is wrong with an executed lesson of the
// teacher's edition: failed cells, charts that could not be drawn, and
// exercise checks that did not pass. The notebook tests and the handouts
// hold every lesson to it.
func (nb *Notebook) Problems() []Failure {
	return append(append(nb.Failures(), nb.ChartFailures()...), nb.FailedChecks()...)
}
