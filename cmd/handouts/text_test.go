package main

import (
	"go/ast"
	"go/parser"
	"go/token"
	"os"
	"path/filepath"
	"reflect"
	"slices"
	"strings"
	"testing"

	"github.com/nnlesson/course/internal/notebook"
)

func TestInlineHTML(t *testing.T) {
	for md, want := range map[string]string{
		"1. Deep learning — *Deep Learning*":                         "1. Deep learning — <em>Deep Learning</em>",
		`2. How a neuron works — *<span lang="pl">Działanie</span>*`: `2. How a neuron works — <em><span lang="pl">Działanie</span></em>`,
		"the **neuron**, `nnlesson.Sigmoid(z)` and $a_i * b_i$":      "the <strong>neuron</strong>, <code>nnlesson.Sigmoid(z)</code> and $a_i * b_i$",
		"see [lesson 1](01-deep-learning.ipynb) & more":              "see lesson 1 &amp; more",
		`a \*literal\* star, snake_case_name, _emphasis_`:            "a *literal* star, snake_case_name, <em>emphasis</em>",
		`<img src=x onerror=alert(1)>text`:                           "<img>text",
		"unclosed *emphasis":                                         "unclosed <em>emphasis</em>",
	} {
		if got := inlineHTML(md); got != want {
			t.Errorf("inlineHTML(%q) =\n  %s\nwant\n  %s", md, got, want)
		}
	}
	if got := htmlText(inlineHTML(`2. How a neuron works — *<span lang="pl">Działanie neuronu</span>* &amp; $z$`)); got != "2. How a neuron works — Działanie neuronu & z" {
		t.Errorf("htmlText = %q", got)
	}
}

func TestSummary(t *testing.T) {
	md := func(src string, tags ...string) notebook.Cell {
		return notebook.Cell{Type: "markdown", Source: notebook.Text(src), Metadata: notebook.CellMetadata{Tags: tags}}
	}
	title := md("# 3. Many neurons — *Wiele neuronów*\n\nLesson 2 computed one neuron, e.g. with $w = 0.5$. A layer is many of them.\n\nMore.")
	for _, c := range []struct {
		name  string
		cells []notebook.Cell
		want  string
	}{
		{"first sentence after the title", []notebook.Cell{title}, "Lesson 2 computed one neuron, e.g. with $w = 0.5$."},
		{"a cell tagged summary", []notebook.Cell{title, md("## Setting up\n\nRun it."), md("A layer computes many neurons at once,\nas one matrix product. Second sentence.\n\nNot this.", "summary")},
			"A layer computes many neurons at once, as one matrix product. Second sentence."},
		{"the title alone in its cell", []notebook.Cell{md("# 4. Title"), md("> a quote\n\n- a list\n\n$$x$$\n\n**Bold** start of prose. Then more.")}, "**Bold** start of prose."},
		{"Polish abbreviations", []notebook.Cell{md("# 1. Tytuł\n\nLekcja liczy np. jeden neuron, tj. $z$. Drugie.")}, "Lekcja liczy np. jeden neuron, tj. $z$."},
		{"the sentence that says what the lesson does", []notebook.Cell{md("# 3. Many neurons\n\nLesson 2 computed one neuron. A layer is many.\n\nThis lesson follows the slide *Wiele neuronów*, e.g. its example. Then more."), md("This lesson is not in the first cell.")},
			"This lesson follows the slide *Wiele neuronów*, e.g. its example."},
		{"Polish: W tej lekcji", []notebook.Cell{md("# 3. Wiele neuronów\n\nLekcja 2 liczyła jeden neuron. W tej lekcji liczymy ich wiele naraz.")}, "W tej lekcji liczymy ich wiele naraz."},
	} {
		if got := summary(&notebook.Notebook{Cells: c.cells}); got != c.want {
			t.Errorf("%s: summary = %q, want %q", c.name, got, c.want)
		}
	}
	// The notebook's metadata comes first.
	nb := &notebook.Notebook{Cells: []notebook.Cell{title}}
	nb.Metadata.Extra = notebook.Fields{"nnlesson": []byte(`{"summary": "One layer, as *W·a + b*."}`)}
	if got := summary(nb); got != "One layer, as *W·a + b*." {
		t.Errorf("summary from the metadata = %q", got)
	}
}

func TestShows(t *testing.T) {
	paths := []string{"/home/ann/.cache/nnlesson", "/home/ann", "~/.cache/nnlesson"}
	for text, want := range map[string]string{
		"kept in /home/ann/.cache/nnlesson/x.json": "/home/ann/.cache/nnlesson",
		"home: /home/ann.":                         "/home/ann",
		"kept in ~/.cache/nnlesson/":               "~/.cache/nnlesson",
		"/home/anna/notes and /home/annex":         "",
		"the cache folder of your computer":        "",
	} {
		if got := shows(text, paths); got != want {
			t.Errorf("shows(%q) = %q, want %q", text, got, want)
		}
	}
}

// TestWords checks that both languages have every word of the pages.
func TestWords(t *testing.T) {
	for name, w := range languages {
		v := reflect.ValueOf(*w)
		for i := range v.NumField() {
			f := v.Field(i)
			if f.Kind() == reflect.String && f.String() == "" {
				t.Errorf("%s: %s is empty", name, v.Type().Field(i).Name)
			}
		}
		if w.lang != name {
			t.Errorf("languages[%q].lang = %q", name, w.lang)
		}
	}
}

// TestFormulas checks the formula sheet's data: every formula in both
// languages, in lesson order, and every Go name it gives exists in the
// course's packages.
func TestFormulas(t *testing.T) {
	exported := map[string]bool{}
	for _, pkg := range []string{"nnlesson", "training"} {
		files, err := filepath.Glob(filepath.Join("..", "..", pkg, "*.go"))
		if err != nil || len(files) == 0 {
			t.Fatalf("no Go files in %s: %v", pkg, err)
		}
		fset := token.NewFileSet()
		for _, path := range files {
			if strings.HasSuffix(path, "_test.go") {
				continue
			}
			f, err := parser.ParseFile(fset, path, nil, 0)
			if err != nil {
				t.Fatal(err)
			}
			for _, d := range f.Decls {
				switch d := d.(type) {
				case *ast.FuncDecl:
					name := pkg + "." + d.Name.Name
					if d.Recv != nil {
						typ := d.Recv.List[0].Type
						if s, ok := typ.(*ast.StarExpr); ok {
							typ = s.X
						}
						name = pkg + "." + typ.(*ast.Ident).Name + "." + d.Name.Name
					}
					exported[name] = true
				case *ast.GenDecl:
					for _, s := range d.Specs {
						ts, ok := s.(*ast.TypeSpec)
						if !ok {
							continue
						}
						exported[pkg+"."+ts.Name.Name] = true
						if st, ok := ts.Type.(*ast.StructType); ok {
							for _, fld := range st.Fields.List {
								for _, n := range fld.Names {
									exported[pkg+"."+ts.Name.Name+"."+n.Name] = true
								}
							}
						}
					}
				}
			}
		}
	}
	last := 0
	for _, f := range formulas {
		if f.lesson < last || f.lesson < 1 || f.lesson > 8 {
			t.Errorf("%s: lesson %d out of order", f.tex, f.lesson)
		}
		last = f.lesson
		if f.en == "" || f.pl == "" || f.tex == "" {
			t.Errorf("%s: a language is missing", f.tex)
		}
		if (f.goCode == "") != (len(f.names) == 0) {
			t.Errorf("%s: Go code %q names %v", f.tex, f.goCode, f.names)
		}
		if _, ok := polishTeX[f.tex]; strings.Contains(f.tex, `\text{`) && !ok {
			t.Errorf("%s has words, and no Polish version in polishTeX", f.tex)
		}
		for _, n := range f.names {
			if !exported[n] {
				t.Errorf("%s: %s does not exist in the course's packages", f.tex, n)
			}
		}
	}
	for en := range polishTeX {
		if !slices.ContainsFunc(formulas, func(f formula) bool { return f.tex == en }) {
			t.Errorf("polishTeX translates a formula the sheet does not have: %s", en)
		}
	}
	for n := 1; n <= 8; n++ {
		if !slices.ContainsFunc(formulas, func(f formula) bool { return f.lesson == n }) {
			t.Errorf("lesson %d has no formula on the sheet", n)
		}
	}
	for _, w := range []*words{&english, &polish} {
		sheet := strings.Join(formulaSheet(w, map[int]string{2: "2. How a neuron works"}), "\n")
		if got := strings.Count(sheet, "<tr><td>"); got != len(formulas) {
			t.Errorf("%s: the sheet has %d rows, want %d", w.lang, got, len(formulas))
		}
		if !strings.Contains(sheet, "<h2>2. How a neuron works</h2>") || !strings.Contains(sheet, "<h2>"+strings.Replace(w.formulaLesson, "%d", "7", 1)+"</h2>") {
			t.Errorf("%s: the sheet's lessons are not headed by their titles:\n%s", w.lang, sheet)
		}
	}
	if _, err := os.Stat(filepath.Join("..", "..", "nnlesson", "doc.go")); err != nil {
		t.Fatal(err)
	}
}
