package main

import (
	"fmt"
	"go/ast"
	"go/parser"
	"go/token"
	"strconv"
	"strings"
	"unicode"

	"github.com/nnlesson/course/internal/notebook"
)

// The markers of a solution, each alone on its line (nbgrader's, in Go).
const (
	beginMarker = "// BEGIN SOLUTION"
	endMarker   = "// END SOLUTION"
	todoPrefix  = "// TODO:"
	// exerciseImport is the package the stubs call.
	exerciseImport = `"github.com/nnlesson/course/exercise"`
)

// studentEdition returns the student's edition of a notebook (nbformat 4
// JSON): solutions replaced by stubs (whose comment is todo where the
// solution gives no "// TODO:" text), code cells' outputs cleared, the link
// cell passed through relink (nil: unchanged), and every other byte as
// nbformat writes it — a notebook with nothing to change comes back
// identical. It also returns the number of solutions replaced.
func studentEdition(data []byte, relink func(string) string, todo string) ([]byte, int, error) {
	nb, err := notebook.Parse(data)
	if err != nil {
		return nil, 0, fmt.Errorf("not a valid notebook: %w", err)
	}
	total, imports := 0, false
	for i := range nb.Cells {
		c := &nb.Cells[i]
		src := string(c.Source)
		if c.Type != "code" {
			if err := noMarkers(src, c.Type); err != nil {
				return nil, 0, fmt.Errorf("%s: %w", nb.CellName(i), err)
			}
			continue
		}
		imports = imports || strings.Contains(src, exerciseImport)
		stubbed, n, err := stubSolutions(src, todo)
		if err != nil {
			return nil, 0, fmt.Errorf("%s: %w", nb.CellName(i), err)
		}
		total += n
		if relink != nil {
			stubbed = relink(stubbed)
		}
		c.Source = notebook.Text(stubbed)
		c.Outputs, c.ExecutionCount = nil, nil
	}
	if total > 0 && !imports {
		return nil, 0, fmt.Errorf("it has %d solution(s) but no cell imports %s, which the stubs call: add it to the lesson's import cell", total, exerciseImport)
	}
	out, err := nb.Encode()
	if err != nil {
		return nil, 0, err
	}
	return out, total, nil
}

// marker tells what a line is to the student edition.
type marker int

const (
	noMarker    marker = iota
	begin              // exactly beginMarker
	end                // exactly endMarker
	nearBegin          // meant as beginMarker, but spelt otherwise
	nearEnd            // meant as endMarker, but spelt otherwise
	mentionsOne        // a line of code that mentions BEGIN or END SOLUTION
)

// classify tells what line is. A line whose words are BEGIN SOLUTION (or
// END SOLUTION) in any case, with any punctuation — "//BEGIN SOLUTION",
// "// begin solution", "# END SOLUTION" — is a marker spelt wrong, which
// the command must not ignore: the solution would reach the students.
func classify(line string) marker {
	line = strings.TrimSpace(line)
	switch line {
	case beginMarker:
		return begin
	case endMarker:
		return end
	}
	words := strings.ToUpper(strings.Join(strings.FieldsFunc(line, func(r rune) bool { return !unicode.IsLetter(r) }), " "))
	switch words {
	case "BEGIN SOLUTION", "BEGINSOLUTION":
		return nearBegin
	case "END SOLUTION", "ENDSOLUTION":
		return nearEnd
	}
	if up := strings.ToUpper(line); strings.Contains(up, "BEGIN SOLUTION") || strings.Contains(up, "END SOLUTION") {
		return mentionsOne
	}
	return noMarker
}

// noMarkers refuses solution markers in a markdown or raw cell: the command
// replaces solutions in code cells only, so a solution marked in prose would
// reach the student's edition as it is.
func noMarkers(src, cellType string) error {
	for i, line := range strings.Split(src, "\n") {
		switch classify(line) {
		case begin, end, nearBegin, nearEnd:
		case mentionsOne:
			if !strings.Contains(line, "BEGIN SOLUTION") && !strings.Contains(line, "END SOLUTION") {
				continue // prose: "in the end, solution…" is no marker
			}
		default:
			continue
		}
		return fmt.Errorf("line %d: %q: solution markers work only in code cells; in a %s cell the solution would reach the students' edition as it is: move it into a code cell", i+1, strings.TrimSpace(line), cellType)
	}
	return nil
}

// block is a solution: the 0-based lines of its markers in a cell.
type block struct{ begin, end int }

// stubSolutions replaces each solution in a cell's source by its stub, at
// the indentation of its // BEGIN SOLUTION line, and counts them. A stub's
// comment is the solution's "// TODO:" text, or todo.
func stubSolutions(src, todo string) (string, int, error) {
	lines := strings.Split(src, "\n")
	var blocks []block
	for i := 0; i < len(lines); i++ {
		switch classify(lines[i]) {
		case end:
			return "", 0, fmt.Errorf("line %d: %s without a %s before it", i+1, endMarker, beginMarker)
		case begin:
			b := block{i, -1}
			for j := i + 1; j < len(lines) && b.end < 0; j++ {
				switch classify(lines[j]) {
				case begin:
					return "", 0, fmt.Errorf("line %d: a second %s before the %s of line %d", j+1, beginMarker, endMarker, i+1)
				case end:
					b.end = j
				case nearBegin, nearEnd, mentionsOne:
					return "", 0, misspelt(j, lines[j])
				}
			}
			if b.end < 0 {
				return "", 0, fmt.Errorf("line %d: %s has no %s after it", i+1, beginMarker, endMarker)
			}
			blocks = append(blocks, b)
			i = b.end
		case nearBegin, nearEnd, mentionsOne:
			return "", 0, misspelt(i, lines[i])
		}
	}
	if len(blocks) == 0 {
		return src, 0, nil
	}
	if err := checkPlacement(lines, blocks, todo); err != nil {
		return "", 0, err
	}
	return stub(lines, blocks, todo), len(blocks), nil
}

// misspelt refuses a line that looks like a marker but is not one exactly.
func misspelt(i int, line string) error {
	want := beginMarker
	if classify(line) == nearEnd || classify(line) == mentionsOne && strings.Contains(strings.ToUpper(line), "END SOLUTION") {
		want = endMarker
	}
	return fmt.Errorf("line %d: %q is not a solution marker, and the solution would reach the students: write exactly %q alone on its line", i+1, strings.TrimSpace(line), want)
}

// stub returns the cell's lines with each block replaced by its stub.
func stub(lines []string, blocks []block, todo string) string {
	var out []string
	next := 0
	for _, b := range blocks {
		out = append(out, lines[next:b.begin]...)
		indent := lines[b.begin][:len(lines[b.begin])-len(strings.TrimLeft(lines[b.begin], " \t"))]
		text := ""
		if b.begin+1 < b.end {
			if next := strings.TrimSpace(lines[b.begin+1]); strings.HasPrefix(next, todoPrefix) {
				text = strings.TrimSpace(strings.TrimPrefix(next, todoPrefix))
			}
		}
		comment := text
		if comment == "" {
			comment = todo
		}
		out = append(out,
			indent+todoPrefix+" "+comment,
			indent+"panic(exercise.NotWritten("+strconv.Quote(text)+"))")
		next = b.end + 1
	}
	out = append(out, lines[next:]...)
	return strings.Join(out, "\n")
}

// checkPlacement refuses a solution whose stub would not compile. The stub
// is a statement (a panic), so each solution must be whole statements
// inside a function's body: one at the top level of a cell, or one that
// takes a function's closing brace with it, leaves the student a cell that
// does not compile. The cell is read as Go (as GoNB does: declarations, then
// after %% the body of main; its !, % and %% lines are GoNB's own). A cell
// that is not Go to begin with is left to the teacher's edition's tests.
func checkPlacement(lines []string, blocks []block, todo string) error {
	fset := token.NewFileSet()
	f, err := parser.ParseFile(fset, "cell.go", asGo(lines), parser.SkipObjectResolution)
	if err != nil {
		return nil
	}
	type span struct{ from, to int } // 1-based lines of a body's braces
	var bodies []span
	ast.Inspect(f, func(n ast.Node) bool {
		var body *ast.BlockStmt
		switch n := n.(type) {
		case *ast.FuncDecl:
			body = n.Body
		case *ast.FuncLit:
			body = n.Body
		}
		if body != nil {
			bodies = append(bodies, span{fset.Position(body.Lbrace).Line, fset.Position(body.Rbrace).Line})
		}
		return true
	})
	for _, b := range blocks {
		inside := false
		for _, s := range bodies {
			if s.from < b.begin+1 && b.begin+1 < s.to {
				inside = true
			}
		}
		if !inside {
			return fmt.Errorf("line %d: this solution is not inside a function's body, and its stub (a statement) would not compile there: put %s and %s inside the braces of the function the student writes", b.begin+1, beginMarker, endMarker)
		}
		if _, err := parser.ParseFile(token.NewFileSet(), "cell.go", asGo(strings.Split(stub(lines, []block{b}, todo), "\n")), parser.SkipObjectResolution); err != nil {
			return fmt.Errorf("line %d: the stub that replaces this solution (to line %d) would not compile (%v): mark whole statements inside one function's body", b.begin+1, b.end+1, err)
		}
	}
	return nil
}

// asGo returns a GoNB cell as a Go file with the same line numbers, read as
// GoNB reads it: a line that starts with ! or % (after an optional //gonb:
// prefix) is GoNB's own, with its continuation lines (ending in \); a %%
// line opens func main, closed at the end; a package line is dropped.
func asGo(lines []string) []byte {
	var b strings.Builder
	b.WriteString("package cell; ")
	main, special := false, false
	for _, line := range lines {
		l := strings.TrimPrefix(line, "//gonb:")
		switch {
		case special:
			special = strings.HasSuffix(l, `\`)
		case (l == "%%" || strings.HasPrefix(l, "%% ") || strings.HasPrefix(l, "%%\t") || strings.HasPrefix(l, "%main")) && !main:
			b.WriteString("func main() {")
			main = true
		case len(l) > 1 && (l[0] == '%' || l[0] == '!'):
			special = strings.HasSuffix(l, `\`)
		case strings.HasPrefix(line, "package"):
		default:
			b.WriteString(line)
		}
		b.WriteByte('\n')
	}
	if main {
		b.WriteString("}\n")
	}
	return []byte(b.String())
}
