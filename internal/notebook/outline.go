package notebook

import (
	"fmt"
	"strings"
)

// An Outline is what the code cells of an executed notebook show, cell by
// cell: how many charts, and which exercise checks. Two editions of a
// lesson (English and Polish, say) run the same code, so they must have the
// same outline: a chart or a check that one shows and the other does not
// went missing.
type Outline []Shown

// Shown is what one code cell shows.
type Shown struct {
	Code   int      // the cell's number among the code cells, from 1
	Cell   int      // its 0-based index in the notebook
	Charts int      // how many charts it shows
	Checks []string // the functions its exercise checks check, in order (in the lesson's language: compare their number)
}

// Outline returns the notebook's outline: one entry per code cell.
func (nb *Notebook) Outline() Outline {
	var out Outline
	for i, c := range nb.Cells {
		if c.Type != "code" {
			continue
		}
		s := Shown{Code: len(out) + 1, Cell: i, Charts: len(nb.Charts(i))}
		for _, ch := range nb.Checks(i) {
			s.Checks = append(s.Checks, ch.Func)
		}
		out = append(out, s)
	}
	return out
}

// Compare returns how the outlines of two executions of the same lesson
// differ — the same number of code cells, and in each the same number of
// charts and of exercise checks — each difference naming the cell in both.
// Checks are counted, not named: a free-form check is named by its task,
// which each edition states in its own language.
// It says nothing when they agree.
func Compare(a, b *Notebook) []string {
	oa, ob := a.Outline(), b.Outline()
	var out []string
	if len(oa) != len(ob) {
		out = append(out, fmt.Sprintf("%s has %d code cells, %s has %d", name(a), len(oa), name(b), len(ob)))
	}
	for k := range min(len(oa), len(ob)) {
		sa, sb := oa[k], ob[k]
		where := fmt.Sprintf("code cell %d — %s: %s; %s: %s", sa.Code, name(a), a.CellName(sa.Cell), name(b), b.CellName(sb.Cell))
		if sa.Charts != sb.Charts {
			out = append(out, fmt.Sprintf("%s — shows %d chart(s) in %s, %d in %s", where, sa.Charts, name(a), sb.Charts, name(b)))
		}
		if len(sa.Checks) != len(sb.Checks) {
			out = append(out, fmt.Sprintf("%s — checks [%s] in %s, [%s] in %s", where,
				strings.Join(sa.Checks, ", "), name(a), strings.Join(sb.Checks, ", "), name(b)))
		}
	}
	return out
}

// name names a notebook in a message.
func name(nb *Notebook) string {
	if nb.Path == "" {
		return "the notebook"
	}
	return nb.Path
}
