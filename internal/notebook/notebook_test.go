package notebook

import (
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// testdata/executed-outputs.json is an executed notebook with real GoNB
// outputs (named .json, not .ipynb: committed notebooks keep no outputs): a
// cell that prints, one that panics, one that does not compile, one that
// prints after them, then a cell that asks for a chart and shows none and
// one that shows an SVG.

func TestFailures(t *testing.T) {
	nb, err := Read("testdata/executed-outputs.json")
	if err != nil {
		t.Fatal(err)
	}
	got := nb.Failures()
	if len(got) != 2 {
		t.Fatalf("found %d failing cells, want 2 (the panic and the compile error): %v", len(got), got)
	}
	for i, want := range []struct {
		cell  int
		texts []string
	}{
		{3, []string{"cell 4", "var x []int", "index out of range [3] with length 0"}},
		{4, []string{"cell 5", "fmt.Println(undefinedThing)", "undefined: undefinedThing"}},
	} {
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

func TestMissingCharts(t *testing.T) {
	nb, err := Read("testdata/executed-outputs.json")
	if err != nil {
		t.Fatal(err)
	}
	last := len(nb.Cells) - 1
	if !nb.DrawsChart(last) || nb.Charts(last) != 1 {
		t.Errorf("the last cell draws %v and shows %d charts, want true and 1", nb.DrawsChart(last), nb.Charts(last))
	}
	missing := nb.MissingCharts()
	if len(missing) != 1 || missing[0].Cell != last-1 {
		t.Fatalf("MissingCharts = %v, want only cell index %d", missing, last-1)
	}
	if nb.DrawsChart(2) {
		t.Errorf("cell 3 (a print) is taken for a chart")
	}
}

func TestHygiene(t *testing.T) {
	nb, err := Read("testdata/executed-outputs.json")
	if err != nil {
		t.Fatal(err)
	}
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
}

// TestSetLexer: an executed notebook names Go's lexer, so that its handout
// colours Go as Go; a lexer already named stays.
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
		b, err := os.ReadFile(path)
		if err != nil {
			t.Fatal(err)
		}
		var nb struct {
			Metadata struct {
				LanguageInfo struct {
					PygmentsLexer string `json:"pygments_lexer"`
				} `json:"language_info"`
			} `json:"metadata"`
		}
		if err := json.Unmarshal(b, &nb); err != nil {
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
	nb, err := Read(path)
	if err != nil || len(nb.Failures()) != 2 {
		t.Errorf("the notebook lost its content: %v", err)
	}
	if err := setLexer(path, "python"); err != nil || lexer() != "go" {
		t.Errorf("setLexer replaced a lexer already named: %q, %v", lexer(), err)
	}
}
