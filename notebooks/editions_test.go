package notebooks

import (
	"go/scanner"
	"go/token"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"sort"
	"strings"
	"testing"

	"github.com/nnlesson/course/internal/notebook"
)

// The Polish edition lives in pl/, one folder deeper, with the same file
// names; its link cell reaches the course two folders up.
const (
	polishDir      = "pl"
	polishLinkCell = `!*go mod edit -require=github.com/nnlesson/course@v0.0.0 -replace=github.com/nnlesson/course="${GONB_DIR}/../.."`
)

// polishLessons returns the Polish lessons, or skips the test while there
// is no Polish edition at all.
func polishLessons(t *testing.T) []string {
	t.Helper()
	if _, err := os.Stat(polishDir); err != nil {
		t.Skipf("no Polish edition (%s/) yet", polishDir)
	}
	paths, err := notebook.Lessons(polishDir)
	if err != nil {
		t.Fatal(err)
	}
	return paths
}

// TestEditionsPair: every lesson has its Polish twin under the same name,
// and the Polish edition has no lesson of its own.
func TestEditionsPair(t *testing.T) {
	var en, pl []string
	for _, p := range lessons(t) {
		en = append(en, filepath.Base(p))
	}
	for _, p := range polishLessons(t) {
		pl = append(pl, filepath.Base(p))
	}
	if !slices.Equal(en, pl) {
		t.Errorf("the editions differ: English %v, Polish %v", en, pl)
	}
}

// TestPolishHygiene holds the Polish lessons to what TestHygiene asks of
// the English ones, with their own link cell and language.
func TestPolishHygiene(t *testing.T) {
	for _, path := range polishLessons(t) {
		nb, err := notebook.Read(path)
		if err != nil {
			t.Fatal(err)
		}
		for _, p := range nb.Hygiene() {
			t.Errorf("%s: %s", path, p)
		}
		code := codeCells(nb)
		if len(code) < 2 || strings.TrimSpace(string(code[0].Source)) != polishLinkCell {
			t.Errorf("%s: the first code cell must be exactly the link cell\n%s", path, polishLinkCell)
		}
		if len(code) < 2 || !strings.Contains(string(code[1].Source), `lang.Use("pl")`) {
			t.Errorf(`%s: the second code cell must choose Polish: var language = lang.Use("pl")`, path)
		}
	}
}

// TestSameProgram: the two editions of a lesson are the same lesson — the
// same cells in the same order, with the same tags — and their code cells
// the same program, token for token, apart from string literals and
// comments. Identifiers follow the slides' notation in both.
func TestSameProgram(t *testing.T) {
	for _, plPath := range polishLessons(t) {
		enPath := filepath.Base(plPath)
		en, err := notebook.Read(enPath)
		if err != nil {
			t.Fatal(err)
		}
		pl, err := notebook.Read(plPath)
		if err != nil {
			t.Fatal(err)
		}
		if len(en.Cells) != len(pl.Cells) {
			t.Errorf("%s has %d cells, %s has %d: keep the editions cell for cell", enPath, len(en.Cells), plPath, len(pl.Cells))
			continue
		}
		for i := range en.Cells {
			ec, pc := en.Cells[i], pl.Cells[i]
			if ec.Type != pc.Type || !slices.Equal(ec.Metadata.Tags, pc.Metadata.Tags) {
				t.Errorf("%s, cell %d: %s %v in English, %s %v in Polish", enPath, i+1, ec.Type, ec.Metadata.Tags, pc.Type, pc.Metadata.Tags)
				continue
			}
			if ec.Type != "code" {
				continue
			}
			if d := programDiff(string(ec.Source), string(pc.Source)); d != "" {
				t.Errorf("%s, %s: the editions' code differs: %s", enPath, en.CellName(i), d)
			}
		}
	}
}

// TestProgramDiff keeps programDiff honest: it must see a changed
// identifier, number or operator, and must not see strings and comments.
func TestProgramDiff(t *testing.T) {
	const en = "%%\n// the sum\nfmt.Printf(\"z = %.2f\\n\", w*x+b) // print it\n!*echo \"hello\""
	for _, c := range []struct {
		pl   string
		same bool
	}{
		{"%%\n// suma\nfmt.Printf(\"z wynosi %.2f\\n\", w*x+b) // wypisz\n!*echo \"cześć\"", true},
		{"%%\nfmt.Printf(`z = %.2f\n`, w*x+b)\n!*echo \"hello\"", true},
		{"%%\nfmt.Printf(\"z = %.2f\\n\", w*x-b)\n!*echo \"hello\"", false},
		{"%%\nfmt.Printf(\"z = %.2f\\n\", v*x+b)\n!*echo \"hello\"", false},
		{"%%\nfmt.Printf(\"z = %.2f\\n\", w*x+b)\n!*echo \"hello\"\n!*ls", false},
		{"%%\nfmt.Printf(\"z = %.2f\\n\", w*x+2)\n!*echo \"hello\"", false},
		{"%%\nfmt.Printf(\"z = %.2f\\n\", w*x+b)\n!*echo hello", false},
	} {
		if got := programDiff(en, c.pl) == ""; got != c.same {
			t.Errorf("programDiff(en, %q) says same = %v, want %v", c.pl, got, c.same)
		}
	}
}

// quoted matches a double-quoted string in a GoNB special line.
var quoted = regexp.MustCompile(`"(\\.|[^"\\])*"`)

// programDiff returns "" if a and b are the same cell program apart from
// string literals and comments, or else where they first differ. GoNB's
// special lines (!shell, %magic) are compared with their quoted strings
// blanked; the rest is compared token by token with go/scanner.
func programDiff(a, b string) string {
	specialA, goA := splitSpecial(a)
	specialB, goB := splitSpecial(b)
	if !slices.Equal(specialA, specialB) {
		return "special lines " + strings.Join(specialA, " | ") + " ≠ " + strings.Join(specialB, " | ")
	}
	ta, tb := tokens(goA), tokens(goB)
	for i := range max(len(ta), len(tb)) {
		if i >= len(ta) || i >= len(tb) {
			return "one has more code: " + strings.Join(append(ta[min(i, len(ta)):], tb[min(i, len(tb)):]...), " ")
		}
		if ta[i] != tb[i] {
			return ta[i] + " ≠ " + tb[i]
		}
	}
	return ""
}

// splitSpecial separates a cell's special lines (!…, %…) from its Go code,
// keeping the Go lines' count so positions still match.
func splitSpecial(src string) (special []string, code string) {
	var lines []string
	for _, l := range strings.Split(src, "\n") {
		if t := strings.TrimSpace(l); strings.HasPrefix(t, "!") || strings.HasPrefix(t, "%") {
			special = append(special, quoted.ReplaceAllString(t, `""`))
			l = ""
		}
		lines = append(lines, l)
	}
	return special, strings.Join(lines, "\n")
}

// tokens returns the Go tokens of src, comments left out and every string
// or character literal written as its kind alone.
func tokens(src string) []string {
	var s scanner.Scanner
	fset := token.NewFileSet()
	s.Init(fset.AddFile("", fset.Base(), len(src)), []byte(src), nil, 0)
	var out []string
	for {
		_, tok, lit := s.Scan()
		switch tok {
		case token.EOF:
			return out
		case token.COMMENT:
			continue
		case token.STRING, token.CHAR:
			out = append(out, tok.String())
		case token.SEMICOLON:
			out = append(out, ";")
		default:
			out = append(out, tok.String()+lit)
		}
	}
}

func codeCells(nb *notebook.Notebook) []notebook.Cell {
	var code []notebook.Cell
	for _, c := range nb.Cells {
		if c.Type == "code" {
			code = append(code, c)
		}
	}
	return code
}

// TestCellsAreShort: a code cell shows the idea, not the machinery — none
// over 15 lines, and half of them 6 lines or fewer. Anything longer belongs
// in tested Go (check/, plots/, the library).
func TestCellsAreShort(t *testing.T) {
	var counts []int
	for _, path := range lessons(t) {
		nb, err := notebook.Read(path)
		if err != nil {
			t.Fatal(err)
		}
		for i, c := range nb.Cells {
			if c.Type != "code" {
				continue
			}
			n := len(strings.Split(strings.TrimRight(string(c.Source), "\n"), "\n"))
			if n > 15 {
				t.Errorf("%s, %s has %d lines; keep code cells to 15 lines at most", path, nb.CellName(i), n)
			}
			counts = append(counts, n)
		}
	}
	sort.Ints(counts)
	if median := counts[len(counts)/2]; median > 6 {
		t.Errorf("the median code cell has %d lines; keep it to 6 at most", median)
	}
}

// TestPolishTypography holds the Polish prose to Polish typography: „…”
// for quotations, not straight quotes; an en dash between words, not a
// hyphen with spaces; and the Polish letters themselves, not their ASCII
// look-alikes in the words the course uses most. Code, formulas, HTML
// attributes and link targets are left out of the check.
func TestPolishTypography(t *testing.T) {
	hidden := regexp.MustCompile("(?s)```.*?```|`[^`]*`|\\$\\$.*?\\$\\$|\\$[^$]*\\$|<[^>]*>|\\]\\([^)]*\\)")
	rules := []struct {
		re   *regexp.Regexp
		what string
	}{
		{regexp.MustCompile(`"`), `a straight quote: Polish quotes are „…”`},
		{regexp.MustCompile(`[\p{L}\p{N}*_)] - `), "a hyphen between spaces: Polish uses an en dash, –"},
		{regexp.MustCompile(`(?i)(^|[^\p{L}])(wartosc|wspolczynnik|siec|wejscie|wyjscie|uczenie sie|wezel|roznica|rownanie|rozklad|sredni)([^\p{L}]|$)`), "a word without its Polish letters"},
	}
	for _, path := range polishLessons(t) {
		nb, err := notebook.Read(path)
		if err != nil {
			t.Fatal(err)
		}
		for i, c := range nb.Cells {
			if c.Type != "markdown" {
				continue
			}
			text := hidden.ReplaceAllString(string(c.Source), " ")
			for _, line := range strings.Split(text, "\n") {
				for _, r := range rules {
					if m := r.re.FindString(line); m != "" {
						t.Errorf("%s, cell %d: %s (%q) in: %s", path, i+1, r.what, m, strings.TrimSpace(line))
					}
				}
			}
		}
	}
}
