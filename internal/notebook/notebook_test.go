package notebook

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// testdata/executed-outputs.json is an executed notebook written by
// nbformat, with GoNB's real outputs (named .json, not .ipynb: committed
// notebooks keep no outputs): a cell that prints, one that panics, one that
// does not compile, one that prints after them; a chart that could not be
// drawn and one that was; then five exercise checks as the exercise package
// publishes them, an HTML box and a CheckMIME record in one display_data: a
// pass, a fail, a todo, a check left "running" by a student function that
// called os.Exit(3), and one left "running" by an os.Exit(0) that no error
// output reports.

func fixture(t *testing.T) *Notebook {
	t.Helper()
	nb, err := Read("testdata/executed-outputs.json")
	if err != nil {
		t.Fatal(err)
	}
	return nb
}

func TestFailures(t *testing.T) {
	got := fixture(t).Failures()
	want := []struct {
		cell  int
		texts []string
	}{
		{3, []string{"cell 4", "var x []int", "index out of range [3] with length 0"}},
		{4, []string{"cell 5", "fmt.Println(undefinedThing)", "undefined: undefinedThing"}},
		{11, []string{"cell 12", "exit status 3"}},
	}
	if len(got) != len(want) {
		t.Fatalf("found %d failing cells, want %d (the panic, the compile error, the exit): %v", len(got), len(want), got)
	}
	for i, want := range want {
		if got[i].Cell != want.cell {
			t.Errorf("failure %d is cell index %d, want %d", i, got[i].Cell, want.cell)
		}
		for _, s := range want.texts {
			if !strings.Contains(got[i].String(), s) {
				t.Errorf("failure %d does not say %q:\n%s", i, s, got[i])
			}
		}
		if strings.Contains(got[i].Message, "\x1b[") || strings.Contains(got[i].Message, "&#34;") {
			t.Errorf("failure %d keeps terminal escapes or HTML entities:\n%q", i, got[i].Message)
		}
	}
}

// TestCharts: charts are found by their ChartMIME record, and one that
// could not be drawn is a failure that says why.
func TestCharts(t *testing.T) {
	nb := fixture(t)
	if c := nb.Charts(7); len(c) != 1 || c[0].Title != "σ(z)" || c[0].Error != "" {
		t.Errorf("Charts(7) = %+v, want the σ(z) chart, drawn", c)
	}
	if c := nb.Charts(2); len(c) != 0 {
		t.Errorf("cell 3 (a print) shows charts: %+v", c)
	}
	failed := nb.ChartFailures()
	if len(failed) != 1 || failed[0].Cell != 6 || !strings.Contains(failed[0].Message, `the chart "Cost" could not be drawn: plots: the cost chart has no points`) {
		t.Errorf("ChartFailures = %v, want cell index 6's Cost chart", failed)
	}
	// An SVG without the record is not taken for a chart of the course, and
	// a record that cannot be read is a failure.
	nb.Cells[7].Outputs[0].Data[ChartMIME] = []byte(`{"title": 3}`)
	if f := nb.ChartFailures(); len(f) != 2 || !strings.Contains(f[1].Message, "cannot be read") {
		t.Errorf("an unreadable chart record gave %v", f)
	}
	delete(nb.Cells[7].Outputs[0].Data, ChartMIME)
	if c := nb.Charts(7); len(c) != 0 {
		t.Errorf("an SVG without its record was counted as a chart: %+v", c)
	}
}

// TestChecks reads the verdicts of the fixture's check cells.
func TestChecks(t *testing.T) {
	nb := fixture(t)
	if c := nb.Checks(8); len(c) != 1 || c[0] != (Check{Cell: 8, Status: CheckPass, Func: "reluPrime", Text: "reluPrime is right: all 4 cases pass."}) {
		t.Errorf("Checks(8) = %+v, want reluPrime's pass", c)
	}
	got := nb.FailedChecks()
	want := []struct {
		cell int
		msg  string
	}{
		{9, "sigmoidPrime(0) returned 0.5; expected 0.25 — did you return σ(z) instead of σ(z)(1 − σ(z))? <think>"},
		{10, "learningRate is not written yet."},
		{11, "the check of descend never finished: descend stopped the whole program (os.Exit, endless recursion, or a panic in a goroutine)"},
		{12, "the check of quit never finished"},
	}
	if len(got) != len(want) {
		t.Fatalf("FailedChecks found %d, want %d: %v", len(got), len(want), got)
	}
	for i, w := range want {
		if got[i].Cell != w.cell || !strings.Contains(got[i].Message, w.msg) {
			t.Errorf("failure %d = cell %d %q; want cell %d %q", i, got[i].Cell, got[i].Message, w.cell, w.msg)
		}
	}
	for i := range nb.Cells {
		if want := i >= 8; nb.IsCheckCell(i) != want {
			t.Errorf("IsCheckCell(%d) = %v, want %v", i, !want, want)
		}
	}
	if p := nb.Problems(); len(p) != 3+1+4 {
		t.Errorf("Problems found %d, want 3 failed cells, 1 chart and 4 checks:\n%v", len(p), p)
	}
}

// TestChecksReadData: a verdict is its CheckMIME record and nothing else;
// the box's HTML alone is no verdict, and a record that cannot be read, or
// has a status the checker does not know, does not pass.
func TestChecksReadData(t *testing.T) {
	nb := fixture(t)
	data := nb.Cells[8].Outputs[0].Data
	delete(data, CheckMIME)
	if nb.IsCheckCell(8) {
		t.Error("a check box's HTML without its record was taken for a verdict")
	}
	for _, tt := range []struct{ record, want string }{
		{`{"status": "passed", "func": "f", "text": "f is right"}`, `unknown status "passed"`},
		{`{"status": 1}`, "cannot be read"},
		{`"{\"status\": \"fail\", \"func\": \"f\", \"text\": \"f is wrong\"}"`, "f is wrong"}, // a string holding the record
	} {
		data[CheckMIME] = []byte(tt.record)
		if f := nb.FailedChecks(); len(f) != 5 || f[0].Cell != 8 || !strings.Contains(f[0].Message, tt.want) {
			t.Errorf("record %s: FailedChecks = %v, want first cell index 8 saying %q", tt.record, f, tt.want)
		}
	}
}

// TestOutline compares what two executions of a lesson show.
func TestOutline(t *testing.T) {
	a, b := fixture(t), fixture(t)
	o := a.Outline()
	if len(o) != 12 || o[6].Code != 7 || o[6].Cell != 7 || o[6].Charts != 1 || o[6].Checks != nil ||
		len(o[7].Checks) != 1 || o[7].Checks[0] != "reluPrime" || o[0].Charts != 0 {
		t.Errorf("outline = %+v", o)
	}
	if d := Compare(a, b); len(d) != 0 {
		t.Errorf("a lesson differs from itself: %v", d)
	}
	// A check named in the other language (a free-form check is named by
	// its task) is the same check.
	b.Cells[8].Outputs[0].Data[CheckMIME] = []byte(`{"status": "pass", "func": "relu po polsku", "text": "ok"}`)
	if d := Compare(a, b); len(d) != 0 {
		t.Errorf("a check named in another language counts as another: %v", d)
	}
	// The second edition has a markdown cell more (Polish prose may), has
	// lost the σ(z) chart, and shows no check where the first shows one.
	b.Path = "pl/x.ipynb"
	b.Cells = append([]Cell{{Type: "markdown", Source: "Wstęp."}}, b.Cells...)
	b.Cells[8].Outputs = nil
	b.Cells[9].Outputs = nil
	d := strings.Join(Compare(a, b), "\n")
	for _, want := range []string{
		`code cell 7 — testdata/executed-outputs.json: cell 8 (code "plots.Show(plots.Function(\"σ(z)\", sigmoid, -6, 6))"); pl/x.ipynb: cell 9`,
		"shows 1 chart(s) in testdata/executed-outputs.json, 0 in pl/x.ipynb",
		"checks [reluPrime] in testdata/executed-outputs.json, [] in pl/x.ipynb",
	} {
		if !strings.Contains(d, want) {
			t.Errorf("Compare does not say %q:\n%s", want, d)
		}
	}
	if n := len(Compare(a, b)); n != 2 {
		t.Errorf("Compare found %d differences, want 2:\n%s", n, d)
	}
	b.Cells = b.Cells[:len(b.Cells)-1]
	if d := Compare(a, b); len(d) == 0 || !strings.Contains(d[0], "has 12 code cells, pl/x.ipynb has 11") {
		t.Errorf("Compare of editions with different code cells: %v", d)
	}
}

func TestHygiene(t *testing.T) {
	nb := fixture(t)
	if nb.Title() != "Fixture: an executed lesson" {
		t.Errorf("Title = %q", nb.Title())
	}
	problems := strings.Join(nb.Hygiene(), "\n")
	if !strings.Contains(problems, "cell 3") || !strings.Contains(problems, "keeps its outputs") {
		t.Errorf("an executed notebook passes hygiene:\n%s", problems)
	}
	for i := range nb.Cells {
		nb.Cells[i].Outputs, nb.Cells[i].ExecutionCount = nil, nil
	}
	if p := nb.Hygiene(); len(p) != 0 {
		t.Errorf("a cleared notebook fails hygiene: %v", p)
	}
	nb.Metadata.KernelSpec.Name = "python3"
	nb.NBFormat = 3
	problems = strings.Join(nb.Hygiene(), "\n")
	for _, want := range []string{`kernelspec is "python3", want "gonb"`, "nbformat is 3, want 4"} {
		if !strings.Contains(problems, want) {
			t.Errorf("hygiene does not say %q:\n%s", want, problems)
		}
	}
	nb.Metadata.KernelSpec = nil
	if problems := strings.Join(nb.Hygiene(), "\n"); !strings.Contains(problems, `kernelspec is "", want "gonb"`) {
		t.Errorf("a notebook without a kernelspec passes: %s", problems)
	}
}

func TestText(t *testing.T) {
	var a, b Text
	if err := a.UnmarshalJSON([]byte(`"one\ntwo"`)); err != nil {
		t.Fatal(err)
	}
	if err := b.UnmarshalJSON([]byte(`["one\n", "two"]`)); err != nil {
		t.Fatal(err)
	}
	if a != b || a != "one\ntwo" {
		t.Errorf("the two forms of nbformat text differ: %q, %q", a, b)
	}
	if err := a.UnmarshalJSON([]byte(`3`)); err == nil {
		t.Error("a number was accepted as text")
	}
	if j, _ := a.MarshalJSON(); string(j) != `["one\n","two"]` {
		t.Errorf("text is written as %s, want the list of lines", j)
	}
}

// TestParseErrors: a notebook that is not one says where.
func TestParseErrors(t *testing.T) {
	for _, tt := range []struct{ json, want string }{
		{`{"cells": [{"cell_type": "code", "source": 3}]}`, `cell 1: "source": expected a string or a list of strings`},
		{`{"cells": [{}, {"source": ""}]}`, "cell 1: it has no cell_type"},
		{`{"cells": [{"cell_type": "code", "outputs": [{"output_type": "stream", "text": {}}]}]}`, `cell 1: output 1: "text"`},
		{`[1, 2]`, "the notebook is not a JSON object"},
		{`{"cells": [`, "unexpected end of JSON input"},
	} {
		if _, err := Parse([]byte(tt.json)); err == nil || !strings.Contains(err.Error(), tt.want) {
			t.Errorf("Parse(%s) = %v, want %q", tt.json, err, tt.want)
		}
	}
}

// TestSetLexer: an executed notebook names Go's lexer, so that its handout
// colours Go as Go; a lexer already named stays, and nothing else changes.
func TestSetLexer(t *testing.T) {
	path := filepath.Join(t.TempDir(), "x.ipynb")
	src, err := os.ReadFile("testdata/executed-outputs.json")
	if err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(path, src, 0o644); err != nil {
		t.Fatal(err)
	}
	lexer := func() string {
		nb, err := Read(path)
		if err != nil {
			t.Fatal(err)
		}
		return nb.Metadata.LanguageInfo.PygmentsLexer
	}
	if got := lexer(); got != "" {
		t.Fatalf("the fixture already names lexer %q", got)
	}
	if err := setLexer(path, "go"); err != nil {
		t.Fatal(err)
	}
	if got := lexer(); got != "go" {
		t.Errorf("lexer %q after setLexer, want go", got)
	}
	got, _ := os.ReadFile(path)
	if want := strings.Replace(string(src), `"pygments_lexer": ""`, `"pygments_lexer": "go"`, 1); string(got) != want {
		t.Errorf("setLexer changed more than the lexer:\n%s", got)
	}
	if err := setLexer(path, "python"); err != nil || lexer() != "go" {
		t.Errorf("setLexer replaced a lexer already named: %q, %v", lexer(), err)
	}
}

func TestSplitLines(t *testing.T) {
	for _, tt := range []struct {
		s    string
		want []string
	}{
		{"", nil},
		{"a", []string{"a"}},
		{"a\n", []string{"a\n"}},
		{"a\nb", []string{"a\n", "b"}},
		{"a\r\nb\rc\n\n", []string{"a\r\n", "b\r", "c\n", "\n"}},
		{"a\vb\fc\x1cd\x1de\x1ef\u0085g\u2028h\u2029i", []string{"a\v", "b\f", "c\x1c", "d\x1d", "e\x1e", "f\u0085", "g\u2028", "h\u2029", "i"}},
	} {
		got := splitLines(tt.s)
		if strings.Join(got, "|") != strings.Join(tt.want, "|") || len(got) != len(tt.want) {
			t.Errorf("splitLines(%q) = %q, want %q", tt.s, got, tt.want)
		}
	}
}

func TestQuote(t *testing.T) {
	in := "a\"\\\b\f\n\r\t\x00\x1f\x7f<&>é\u2028🙂\xff"
	want := `"a\"\\\b\f\n\r\t\u0000\u001f` + "\x7f<&>é\u2028🙂" + `\ufffd"`
	if got := string(quote(in)); got != want {
		t.Errorf("quote = %s, want %s", got, want)
	}
}

func TestPythonNumber(t *testing.T) {
	for in, want := range map[string]string{
		"0": "0", "-0": "0", "12345678901234567890123": "12345678901234567890123",
		"1.0": "1.0", "1e2": "100.0", "0.1": "0.1", "-0.0": "-0.0", "0.0001": "0.0001",
		"0.00001": "1e-05", "1e15": "1000000000000000.0", "1e16": "1e+16", "1.5e16": "1.5e+16",
		"123456789.125": "123456789.125", "2.5E-7": "2.5e-07",
	} {
		if got, err := pythonNumber(in); err != nil || got != want {
			t.Errorf("pythonNumber(%s) = %s, %v; want %s", in, got, err, want)
		}
	}
}

// TestWriteFile: a file is replaced whole, and a symlink in its place is
// replaced, not followed.
func TestWriteFile(t *testing.T) {
	dir := t.TempDir()
	outside := filepath.Join(t.TempDir(), "teacher.ipynb")
	if err := os.WriteFile(outside, []byte("the teacher's"), 0o644); err != nil {
		t.Fatal(err)
	}
	path := filepath.Join(dir, "x.ipynb")
	if err := os.Symlink(outside, path); err != nil {
		t.Fatal(err)
	}
	if err := WriteFile(path, []byte("new")); err != nil {
		t.Fatal(err)
	}
	if b, _ := os.ReadFile(outside); string(b) != "the teacher's" {
		t.Errorf("WriteFile wrote through a symlink: %q", b)
	}
	if b, _ := os.ReadFile(path); string(b) != "new" {
		t.Errorf("WriteFile wrote %q", b)
	}
	if entries, _ := os.ReadDir(dir); len(entries) != 1 {
		t.Errorf("WriteFile left %d files, want 1", len(entries))
	}
	if err := WriteFile(filepath.Join(dir, "no such folder", "x"), nil); err == nil {
		t.Error("WriteFile into a missing folder did not fail")
	}
}
