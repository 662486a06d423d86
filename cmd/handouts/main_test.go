package main

import (
	"bytes"
	"context"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"sync"
	"testing"
	"time"

	notebook "github.com/nnlesson/course/internal/notebook/notebooktest"
)

// These tests build handouts from the small lessons in testdata with the
// real Jupyter, GoNB and MathJax: testdata/course (two lessons that use
// every feature of a page), testdata/pl (a Polish lesson), testdata/bad
// (lessons that fail in each way a build must survive).

var course struct {
	once sync.Once
	dir  string
	log  string
	err  error
}

// courseBuild builds testdata/course once for the tests that read it.
func courseBuild(t *testing.T) string {
	t.Helper()
	notebook.RequireJupyter(t)
	requireTypesetter(t)
	course.once.Do(func() {
		course.dir, course.err = os.MkdirTemp("", "handouts-test-")
		if course.err != nil {
			return
		}
		var log bytes.Buffer
		course.err = build(context.Background(), courseOptions(course.dir), &log)
		course.log = log.String()
	})
	if course.err != nil {
		t.Fatalf("build: %v\nlog:\n%s", course.err, course.log)
	}
	return course.dir
}

// testControls stands for plots.ControlScript: it marks each control it
// finds, so that the browser test sees it ran.
const testControls = `document.querySelectorAll("[data-nnlesson-control]").forEach(function (c) { c.dataset.wired = "1"; });`

func courseOptions(out string) options {
	return options{notebooks: "testdata/course", out: out, typeset: "typeset", lang: "en", controlScript: testControls}
}

func TestMain(m *testing.M) {
	code := m.Run()
	if course.dir != "" {
		os.RemoveAll(course.dir)
	}
	os.Exit(code)
}

// TestBuild checks the pages of a build: the index, a lesson page, its
// navigation, all.html and the formula sheet.
func TestBuild(t *testing.T) {
	out := courseBuild(t)
	index := read(t, filepath.Join(out, "index.html"))
	first := read(t, filepath.Join(out, "01-first.html"))
	second := read(t, filepath.Join(out, "02-second.html"))
	sheet := read(t, filepath.Join(out, formulaFile))
	all := read(t, filepath.Join(out, allFile))

	t.Run("index", func(t *testing.T) {
		for _, want := range []string{
			`<html lang="en">`,
			// each title formatted, numbered once, with its summary
			`<a href="01-first.html">1. First fixture lesson — <em><span lang="pl">Pierwsza lekcja</span></em></a>`,
			`<span class="nnlesson-summary">A neuron computes <mjx-container`, // the cell tagged summary, typeset
			`<a href="02-second.html">2. Second fixture lesson</a> <span class="nnlesson-summary">It prints a word.</span>`,
			`<a href="formula-sheet.html">Formula sheet</a>`,
			`<a href="all.html">`,
		} {
			if !strings.Contains(index, want) {
				t.Errorf("index.html lacks %s", want)
			}
		}
		for _, bad := range []string{"1. 1.", "*Pierwsza", "<ol"} {
			if strings.Contains(index, bad) {
				t.Errorf("index.html shows %q", bad)
			}
		}
	})

	t.Run("lesson", func(t *testing.T) {
		for _, want := range []string{
			`<html lang="en">`,
			`<title>1. First fixture lesson — Pierwsza lekcja</title>`,
			`<em><span lang="pl">Neuron przechowuje`,
			`z = 2.00`, `price: $5 and $6`, // outputs, the dollars as printed
			`Run the cells from top to bottom`, // the code edition keeps keyboard cells
			`nnlesson-check-pass`,              // the verdict box
			`<a href="02-second.html">the second</a>`,
			`<span class="nx">Func1</span>`, // the check cell's one call
		} {
			if !strings.Contains(first, want) {
				t.Errorf("01-first.html lacks %s", want)
			}
		}
		if !regexp.MustCompile(`<h1 id="[^"]*">1. First fixture lesson — <em><span lang="pl">Pierwsza lekcja</span></em>`).MatchString(first) {
			t.Error("01-first.html has not its title as its heading, formatted")
		}
		if !regexp.MustCompile(`<svg[^>]*viewBox="0 0 566`).MatchString(first) {
			t.Error("01-first.html has no chart")
		}
		if strings.Contains(first, ".ipynb\"") {
			t.Error("01-first.html links to a notebook")
		}
	})

	t.Run("navigation", func(t *testing.T) {
		for page, links := range map[string][]string{
			first:  {`rel="index" href="index.html"`, `rel="next" href="02-second.html"><span class="nnlesson-nav-word">Next:</span> 2. Second fixture lesson</a>`},
			second: {`rel="prev" href="01-first.html"><span class="nnlesson-nav-word">Previous:</span> 1. First fixture lesson — <em>`, `rel="next" href="formula-sheet.html"`},
			sheet:  {`rel="prev" href="02-second.html"`, `rel="index" href="index.html"`},
		} {
			for _, l := range links {
				// top and bottom
				if n := strings.Count(page, l); n != 2 {
					t.Errorf("a page has %d links %s, want 2 (top and bottom)", n, l)
				}
			}
		}
		if strings.Contains(first, `rel="prev"`) || strings.Contains(sheet, `rel="next"`) {
			t.Error("the first page links back, or the last forward")
		}
	})

	t.Run("all.html", func(t *testing.T) {
		for _, want := range []string{
			`<title>How a neural network learns — all lessons</title>`,
			`<section class="nnlesson-lesson" id="lesson-01-first" lang="en">`,
			`<section class="nnlesson-lesson" id="lesson-02-second" lang="en">`,
			`<section class="nnlesson-lesson" id="formula-sheet" lang="en">`,
			`<a href="#lesson-02-second">the second</a>`,
		} {
			if !strings.Contains(all, want) {
				t.Errorf("all.html lacks %s", want)
			}
		}
		if n := strings.Count(all, "<section"); n != 3 || strings.Count(all, "</section>") != 3 {
			t.Errorf("all.html has %d sections, want 3, each closed", n)
		}
	})

	t.Run("formula sheet", func(t *testing.T) {
		if n := strings.Count(sheet, "<tr><td>"); n != len(formulas) {
			t.Errorf("the formula sheet has %d formulas, want %d", n, len(formulas))
		}
		for _, want := range []string{`<title>Formula sheet — How a neural network learns</title>`,
			`<h2>1. First fixture lesson — <em><span lang="pl">Pierwsza lekcja</span></em></h2>`, `<h2>Lesson 5</h2>`,
			`<code>nnlesson.Sigmoid(z)</code>`} {
			if !strings.Contains(sheet, want) {
				t.Errorf("the formula sheet lacks %s", want)
			}
		}
		if strings.Contains(sheet, `\frac`) || strings.Count(sheet, "<mjx-container") < len(formulas) {
			t.Error("the formula sheet's formulas are not typeset")
		}
	})

	t.Run("nothing of this computer", func(t *testing.T) {
		home, _ := os.UserHomeDir()
		cache, _ := os.UserCacheDir()
		cwd, _ := os.Getwd()
		paths := []string{home, cache, cwd, os.TempDir() + "/handouts-"}
		pages, _ := filepath.Glob(filepath.Join(out, "*.html"))
		for _, page := range pages {
			if p := shows(read(t, page), paths); p != "" {
				t.Errorf("%s shows %s, a folder of the computer that built it", page, p)
			}
		}
	})

	t.Run("controls", func(t *testing.T) {
		for _, want := range []string{`<div class="nnlesson-control" data-nnlesson-control="1" role="group" aria-label="A test control">`,
			`<input type="range" min="0" max="1" step="1" value="0" data-param="0" data-labels="0|1" aria-label="b">`,
			`<figure class="nnlesson-frame" data-frame="1" hidden="">`, `<figcaption>frame 0</figcaption>`} {
			if !strings.Contains(second, want) {
				t.Errorf("02-second.html lacks the control's %s", want)
			}
		}
		for name, page := range map[string]string{"02-second.html": second, allFile: all} {
			scripts := regexp.MustCompile(`(?is)<script\b[^>]*>(.*?)</script>`).FindAllStringSubmatch(page, -1)
			if len(scripts) != 1 || scripts[0][1] != testControls {
				t.Errorf("%s has %d scripts, want one: the controls' script", name, len(scripts))
			}
		}
	})

	t.Run("offline", func(t *testing.T) {
		for _, name := range []string{"01-first.html", formulaFile, "index.html", "02-second.html", allFile} {
			page := read(t, filepath.Join(out, name))
			if name != "02-second.html" && name != allFile && strings.Contains(strings.ToLower(page), "<script") {
				t.Errorf("%s has a script", name)
			}
			if regexp.MustCompile(`(src|href)="(https?:)?//`).MatchString(strings.ReplaceAll(page, `<a href="https://`, "")) ||
				strings.Contains(page, "file://") {
				t.Errorf("%s loads something from outside itself", name)
			}
			if strings.Contains(page, "$$") || strings.Contains(page, `\sum`) {
				t.Errorf("%s shows raw TeX", name)
			}
		}
	})
}

// TestDeterministic builds the lessons a second time and compares every
// file byte for byte with the first build.
func TestDeterministic(t *testing.T) {
	first := courseBuild(t)
	second := t.TempDir()
	if err := build(context.Background(), courseOptions(second), &bytes.Buffer{}); err != nil {
		t.Fatal(err)
	}
	files, _ := filepath.Glob(filepath.Join(first, "*.html"))
	if len(files) != 5 {
		t.Fatalf("the first build wrote %d pages, want 5", len(files))
	}
	for _, f := range files {
		a, b := read(t, f), read(t, filepath.Join(second, filepath.Base(f)))
		if a != b {
			t.Errorf("%s differs between two builds, first at byte %d:\n%q\n%q", filepath.Base(f), firstDiff(a, b),
				a[max(0, firstDiff(a, b)-60):min(len(a), firstDiff(a, b)+60)], b[max(0, firstDiff(a, b)-60):min(len(b), firstDiff(a, b)+60)])
		}
	}
}

// TestReadingEdition checks -no-code: no keyboard cells, no code but the
// cells tagged reading-code, the exercise's statement without its
// solution, check or verdict, every output and chart.
func TestReadingEdition(t *testing.T) {
	notebook.RequireJupyter(t)
	requireTypesetter(t)
	out := t.TempDir()
	if err := build(context.Background(), options{notebooks: "testdata/course", out: out, typeset: "typeset", lang: "en", noCode: true}, &bytes.Buffer{}); err != nil {
		t.Fatal(err)
	}
	page := body(read(t, filepath.Join(out, "01-first.html")))
	for _, want := range []string{
		`<span class="nx">w</span>`, `its weight`, // the reading-code cell's code
		"z = 2.00", "price: $5 and $6", // outputs
		"<strong>Exercise 1.</strong> Double a number", // the exercise's statement
	} {
		if !strings.Contains(page, want) {
			t.Errorf("the reading edition lacks %s", want)
		}
	}
	if !regexp.MustCompile(`<svg[^>]*viewBox="0 0 566`).MatchString(page) {
		t.Error("the reading edition has no chart")
	}
	for _, bad := range []string{
		"Run the cells", "Run the next cell", // keyboard cells
		"Printf", "plots.Show", "go mod edit", "import", // code not tagged reading-code
		"BEGIN SOLUTION", "return 2", ">Func1<", // the solution and the check
		"nnlesson-check", "is right", // the verdict
	} {
		if strings.Contains(page, bad) {
			t.Errorf("the reading edition shows %q", bad)
		}
	}
	if !strings.Contains(read(t, filepath.Join(out, "index.html")), "This is the reading edition") {
		t.Error("the index does not say it is the reading edition")
	}
}

// TestPolish builds the Polish handouts: Polish pages, titles, navigation,
// index, formula sheet and all.html.
func TestPolish(t *testing.T) {
	notebook.RequireJupyter(t)
	requireTypesetter(t)
	out := t.TempDir()
	if err := build(context.Background(), options{notebooks: "testdata/pl", out: out, typeset: "typeset", lang: "pl"}, &bytes.Buffer{}); err != nil {
		t.Fatal(err)
	}
	for file, wants := range map[string][]string{
		"01-pierwsza.html": {`<html lang="pl">`, `<title>1. Pierwsza lekcja</title>`, `<a rel="index" href="index.html">Spis lekcji</a>`,
			`<span class="nnlesson-nav-word">Następna:</span> Zestawienie wzorów`, "z = 2.00"},
		"index.html": {`<html lang="pl">`, `<title>Jak uczy się sieć neuronowa</title>`,
			`<a href="01-pierwsza.html">1. Pierwsza lekcja</a> <span class="nnlesson-summary">Ta lekcja liczy`,
			"wszystkie lekcje na jednej stronie", "Zestawienie wzorów"},
		formulaFile: {`<html lang="pl">`, `<h1>Zestawienie wzorów</h1>`, "<h2>1. Pierwsza lekcja</h2>", "<h2>Lekcja 7</h2>",
			"pochodna sigmoidy", "<th scope=\"col\">Wzór</th>"},
		allFile: {`<html lang="pl">`, `<title>Jak uczy się sieć neuronowa — wszystkie lekcje</title>`, `id="lesson-01-pierwsza" lang="pl"`, "pochodna sigmoidy"},
	} {
		page := read(t, filepath.Join(out, file))
		for _, want := range wants {
			if !strings.Contains(page, want) {
				t.Errorf("%s lacks %s", file, want)
			}
		}
		for _, english := range []string{"Next:", "All lessons", "Formula sheet", "the derivative of", "otherwise", "recognised", "mini-batch"} {
			if strings.Contains(page, english) {
				t.Errorf("%s says %q in English", file, english)
			}
		}
	}
	if got := read(t, filepath.Join(out, "index.html")); !strings.Contains(got, "np. dla jednego neuronu. ") && !strings.Contains(got, "np. dla jednego neuronu.</span>") {
		t.Errorf("the Polish summary is cut at an abbreviation: %s", got)
	}
}

// TestBuildProblems builds lessons that fail in every way a build must
// survive: a panic, a cell that never ends, an output with a script, a
// lesson that shows a folder of this computer (and, in a folder of its own,
// a notebook that is not JSON). The
// build goes on, writes the pages it can and the index, and names each
// lesson and cell in one line each — no Python traceback.
func TestBuildProblems(t *testing.T) {
	notebook.RequireJupyter(t)
	requireTypesetter(t)
	out := t.TempDir()
	const limit = 20 * time.Second
	err := build(context.Background(), options{notebooks: "testdata/bad", out: out, typeset: "typeset", lang: "en", cellTimeout: limit}, &bytes.Buffer{})
	if err == nil {
		t.Fatal("the build succeeded")
	}
	msg := err.Error()
	line := func(lesson string) string {
		for _, l := range strings.Split(msg, "\n") {
			if strings.HasPrefix(l, filepath.Join("testdata", "bad", lesson)+": ") {
				return l
			}
		}
		t.Errorf("the error names no problem of %s:\n%s", lesson, msg)
		return ""
	}
	for lesson, wants := range map[string][]string{
		"01-broken.ipynb": {"cell 4", "index out of range"},
		"03-sleeps.ipynb": {`cell 4 (code "time.Sleep(time.Hour)") ran longer than 20 s`},
		"04-script.ipynb": {"cell 4", "<script>", "onerror"},
		"05-home.ipynb":   {"cell 4", "shows a folder of the computer"},
	} {
		l := line(lesson)
		for _, want := range wants {
			if !strings.Contains(l, want) {
				t.Errorf("%s: the error does not say %q:\n%s", lesson, want, l)
			}
		}
	}
	if !strings.Contains(msg, `04-script.ipynb: cell 1 (markdown "# 4. A lesson with a script")`) {
		t.Errorf("the error does not name the markdown cell with an onerror:\n%s", msg)
	}
	for _, bad := range []string{"Traceback", "nbclient", "File \""} {
		if strings.Contains(msg, bad) {
			t.Errorf("the error shows Python's %q:\n%s", bad, msg)
		}
	}
	for file, want := range map[string]bool{"01-broken.html": false, "03-sleeps.html": false,
		"04-script.html": true, "05-home.html": false, "06-fine.html": true, "index.html": true, allFile: true} {
		if _, err := os.Stat(filepath.Join(out, file)); (err == nil) != want {
			t.Errorf("%s written: %v, want %v", file, err == nil, want)
		}
	}
	index := read(t, filepath.Join(out, "index.html"))
	if !strings.Contains(index, `href="04-script.html"`) || !strings.Contains(index, `href="06-fine.html"`) || strings.Contains(index, "05-home") {
		t.Errorf("the index does not list exactly the lessons written:\n%s", index)
	}
	script := body(read(t, filepath.Join(out, "04-script.html")))
	if !strings.Contains(script, "<p>kept</p><img>") {
		t.Errorf("04-script.html does not keep the output without its script and handler")
	}
	if bad := runsOrLoads(t, script); bad != "" {
		t.Errorf("04-script.html %s", bad)
	}
}

// body returns the body of a page, without its styles.
func body(page string) string {
	if i := strings.Index(page, "<body"); i >= 0 {
		return page[i:]
	}
	return page
}

// TestBuildInvalidNotebook builds a folder with a notebook that is not
// valid JSON (the file of the JSON's lines cut short) beside one that is
// fine: the fine one is built, and the error says where the JSON breaks.
// (The round-trip test of internal/notebook reads every fixture in
// testdata, so this one is made here.)
func TestBuildInvalidNotebook(t *testing.T) {
	notebook.RequireJupyter(t)
	requireTypesetter(t)
	dir, out := t.TempDir(), t.TempDir()
	cut := "{\n \"cells\": [\n  {\n   \"cell_type\": \"markdown\",\n   \"metadata\": {},\n   \"source\": [\"# 1. Cut short\"]\n  },\n"
	prose := `{"cells": [{"cell_type": "markdown", "metadata": {}, "source": ["# 2. Only prose\n\nNo code."]}],
 "metadata": {"kernelspec": {"display_name": "Go (gonb)", "language": "go", "name": "gonb"}}, "nbformat": 4, "nbformat_minor": 4}`
	for name, text := range map[string]string{"01-cut.ipynb": cut, "02-prose.ipynb": prose} {
		if err := os.WriteFile(filepath.Join(dir, name), []byte(text), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	err := build(context.Background(), options{notebooks: dir, out: out, typeset: "typeset", lang: "en"}, &bytes.Buffer{})
	if err == nil || !strings.Contains(err.Error(), "01-cut.ipynb: not a valid notebook: its JSON breaks on line 8") || strings.Contains(err.Error(), "02-prose") {
		t.Errorf("the build's error does not name the notebook that is not JSON, and it alone: %v", err)
	}
	if _, err := os.Stat(filepath.Join(out, "02-prose.html")); err != nil {
		t.Errorf("the fine lesson was not built: %v", err)
	}
	if !strings.Contains(read(t, filepath.Join(out, "index.html")), "2. Only prose") {
		t.Error("the index does not list the fine lesson")
	}
}

func read(t *testing.T, path string) string {
	t.Helper()
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}

// requireTypesetter skips the test when Node.js or MathJax is missing; under
// CI (CI=true) it fails instead, as notebook.RequireJupyter does.
func requireTypesetter(t *testing.T) {
	t.Helper()
	if err := checkTypesetter("typeset"); err != nil {
		if os.Getenv("CI") == "true" {
			t.Fatalf("CI=true and the handouts cannot be typeset: %v", err)
		}
		t.Skipf("skipping: %v", err)
	}
}
