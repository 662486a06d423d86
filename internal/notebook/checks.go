package notebook

import (
	"html"
	"regexp"
	"strings"
)

// The verdicts of the exercise package's checks, as the CSS classes of the
// boxes it shows (exercise.ClassPass, ClassFail, ClassTodo).
const (
	CheckPass = "pass" // ✓ the answer is right
	CheckFail = "fail" // ✗ it is wrong, panicked or did not return
	CheckTodo = "todo" // ✎ the function is still the student edition's stub
)

// A Check is the verdict of one exercise check in an executed notebook.
type Check struct {
	Cell   int    // 0-based index of the check cell
	Status string // CheckPass, CheckFail or CheckTodo
	Text   string // the feedback, "✗ reluPrime(0.5) returned 0.5; expected 1 — …"
}

var checkRE = regexp.MustCompile(`(?s)<div class="nnlesson-check nnlesson-check-(pass|fail|todo)"[^>]*>(.*?)</div>`)

// checkCallRE matches a call of one of the exercise package's checks.
var checkCallRE = regexp.MustCompile(`\bexercise\.(Func1|Float|Slice|Check)\(`)

// IsCheckCell reports whether cell i calls one of the exercise package's
// checks: it is an exercise's check cell.
func (nb *Notebook) IsCheckCell(i int) bool {
	return nb.Cells[i].Type == "code" && checkCallRE.MatchString(string(nb.Cells[i].Source))
}

// Checks returns the verdicts that cell i of an executed notebook shows, in
// order.
func (nb *Notebook) Checks(i int) []Check {
	var out []Check
	for _, o := range nb.Cells[i].Outputs {
		for _, m := range checkRE.FindAllStringSubmatch(o.DataText("text/html"), -1) {
			text := html.UnescapeString(tagRE.ReplaceAllString(m[2], ""))
			out = append(out, Check{Cell: i, Status: m[1], Text: strings.TrimSpace(text)})
		}
	}
	return out
}

// FailedChecks returns what is wrong with the exercises of an executed
// teacher's notebook, which must pass every check: each check that did not
// pass (✗, or ✎ for a solution left as a stub), and each check cell that
// showed no verdict at all.
func (nb *Notebook) FailedChecks() []Failure {
	var out []Failure
	for i := range nb.Cells {
		checks := nb.Checks(i)
		if nb.IsCheckCell(i) && len(checks) == 0 {
			out = append(out, Failure{Cell: i, Name: nb.CellName(i), Message: "it calls an exercise check, but no verdict was shown"})
		}
		for _, c := range checks {
			if c.Status != CheckPass {
				out = append(out, Failure{Cell: i, Name: nb.CellName(i), Message: c.Text})
			}
		}
	}
	return out
}

// Problems returns everything that is wrong with an executed lesson of the
// teacher's edition: failed cells, charts that did not appear, and exercise
// checks that did not pass. The notebook tests and the handouts hold every
// lesson to it.
func (nb *Notebook) Problems() []Failure {
	return append(append(nb.Failures(), nb.MissingCharts()...), nb.FailedChecks()...)
}
