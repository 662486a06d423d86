// Command handouts builds the course's handouts: it executes every lesson in
// notebooks/ headless on the GoNB kernel and writes one self-contained HTML
// page per lesson, outputs and charts inline, plus an index page in lesson
// order and all.html, every lesson in one page to print at once.
//
// Usage, from the project's root:
//
//	go run ./cmd/handouts -out handouts
//	go run ./cmd/handouts -no-code -out handouts-reading
//
// A handout needs no network and no script: its formulas are typeset into
// SVG when it is built (MathJax 3 in Node.js, installed by install.sh into
// cmd/handouts/typeset), its charts are inline SVG, and it prints on A4 with
// no chart cut across two pages and each lesson starting on a new page.
// -no-code leaves the code cells out, for students who only read: prose,
// formulas, outputs and charts.
//
// A lesson with a failing cell (a panic, a compile error), a chart that did
// not appear or an exercise check that did not pass makes the command exit
// with status 1, after building the others, naming the notebook and the
// cell.
package main

import (
	"context"
	"flag"
	"fmt"
	"html"
	"io"
	"os"
	"path/filepath"
	"strings"
	"time"

	"github.com/nnlesson/course/internal/notebook"
)

func main() {
	var opts options
	flag.StringVar(&opts.notebooks, "notebooks", "notebooks", "folder of the lessons (`*.ipynb`)")
	flag.StringVar(&opts.out, "out", "handouts", "folder to write the HTML handouts into")
	flag.BoolVar(&opts.noCode, "no-code", false, "leave the code cells out (prose, formulas, outputs and charts only)")
	flag.StringVar(&opts.typeset, "typeset", filepath.Join("cmd", "handouts", "typeset"), "folder of the formula typesetter (typeset.cjs and its node_modules)")
	flag.Usage = func() {
		fmt.Fprintf(flag.CommandLine.Output(), "usage: go run ./cmd/handouts [-notebooks DIR] [-out DIR] [-no-code]\n\n")
		flag.PrintDefaults()
	}
	flag.Parse()
	if flag.NArg() > 0 {
		flag.Usage()
		os.Exit(2)
	}
	if err := build(context.Background(), opts, os.Stdout); err != nil {
		fmt.Fprintf(os.Stderr, "handouts: %v\n", err)
		os.Exit(1)
	}
}

type options struct {
	notebooks string // folder of the lessons
	out       string // folder of the handouts
	noCode    bool   // leave the code cells out
	typeset   string // folder of typeset.cjs and its node_modules
}

// lesson is one built handout, as the index lists it.
type lesson struct {
	file, title string
	page        string // the offline page before typesetting, for all.html
}

// allFile is the page with every lesson, to print at once.
const allFile = "all.html"

// build executes every lesson and writes the handouts; it returns an error
// naming every notebook and cell that failed.
func build(ctx context.Context, opts options, log io.Writer) error {
	if err := notebook.Available(); err != nil {
		return err
	}
	if err := checkTypesetter(opts.typeset); err != nil {
		return err
	}
	paths, err := notebook.Lessons(opts.notebooks)
	if err != nil {
		return err
	}
	if err := os.MkdirAll(opts.out, 0o755); err != nil {
		return err
	}
	work, err := os.MkdirTemp("", "handouts-")
	if err != nil {
		return err
	}
	defer os.RemoveAll(work)

	var built []lesson
	var failed []string
	for _, path := range paths {
		start := time.Now()
		fmt.Fprintf(log, "%-40s ", filepath.Base(path))
		l, problems, err := buildLesson(ctx, opts, path, work)
		if err != nil {
			return err
		}
		if len(problems) > 0 {
			fmt.Fprintf(log, "FAILED\n")
			for _, p := range problems {
				failed = append(failed, fmt.Sprintf("%s: %s", path, p))
			}
			continue
		}
		fmt.Fprintf(log, "%5.1fs  %s\n", time.Since(start).Seconds(), filepath.Join(opts.out, l.file))
		built = append(built, l)
	}
	if len(built) > 0 {
		if err := writeAll(ctx, opts, work, built); err != nil {
			return err
		}
		fmt.Fprintf(log, "all lessons, to print: %s\n", filepath.Join(opts.out, allFile))
	}
	if err := writeIndex(filepath.Join(opts.out, "index.html"), built, opts.noCode); err != nil {
		return err
	}
	fmt.Fprintf(log, "index: %s\n", filepath.Join(opts.out, "index.html"))
	if len(failed) > 0 {
		return fmt.Errorf("%d problem(s):\n%s", len(failed), strings.Join(failed, "\n"))
	}
	return nil
}

// buildLesson executes one notebook and writes its HTML page. Problems are
// the lesson's own failures (cells, charts, exercise checks); the error is
// for a build that could not run.
func buildLesson(ctx context.Context, opts options, path, work string) (lesson, []string, error) {
	nb, err := notebook.Execute(ctx, path, work)
	if err != nil {
		return lesson{}, nil, err
	}
	var problems []string
	for _, f := range nb.Problems() {
		problems = append(problems, f.String())
	}
	if len(problems) > 0 {
		return lesson{}, problems, nil
	}
	base := strings.TrimSuffix(filepath.Base(path), ".ipynb")
	executed := filepath.Join(work, filepath.Base(path))
	exported := filepath.Join(work, base+".nbconvert.html")
	var args []string
	if opts.noCode {
		args = append(args, "--no-input")
	}
	if err := notebook.HTML(ctx, executed, exported, args...); err != nil {
		return lesson{}, nil, err
	}
	raw, err := os.ReadFile(exported)
	if err != nil {
		return lesson{}, nil, err
	}
	page, err := offline(string(raw))
	if err != nil {
		return lesson{}, nil, fmt.Errorf("%s: %w", path, err)
	}
	if err := typesetPage(ctx, opts, work, page, base+".html"); err != nil {
		return lesson{}, nil, err
	}
	return lesson{file: base + ".html", title: nb.Title(), page: page}, nil, nil
}

// typesetPage writes an offline page into the handouts' folder under name,
// with its formulas typeset.
func typesetPage(ctx context.Context, opts options, work, page, name string) error {
	untypeset := filepath.Join(work, name+".offline.html")
	if err := os.WriteFile(untypeset, []byte(page), 0o644); err != nil {
		return err
	}
	return typeset(ctx, opts.typeset, untypeset, filepath.Join(opts.out, name))
}

// writeAll writes all.html: every lesson in one page, each starting on a new
// sheet when printed.
func writeAll(ctx context.Context, opts options, work string, lessons []lesson) error {
	pages := make([]string, len(lessons))
	for i, l := range lessons {
		pages[i] = l.page
	}
	all, err := combine(courseTitle+" — all lessons", pages)
	if err != nil {
		return err
	}
	return typesetPage(ctx, opts, work, all, allFile)
}

const courseTitle = "How a neural network learns"

// writeIndex writes the index page: the lessons in order, linked, and the
// page with all of them to print.
func writeIndex(path string, lessons []lesson, noCode bool) error {
	var b strings.Builder
	b.WriteString(`<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8">
<title>How a neural network learns — handouts</title>
<style>
body { font-family: "Liberation Sans", Arial, sans-serif; max-width: 42em; margin: 3em auto; padding: 0 1em; line-height: 1.5; color: #222; }
h1 { font-size: 1.8em; } ol { font-size: 1.2em; } li { margin: .4em 0; }
a { color: #0b5394; } .credit { color: #555; font-size: .9em; margin-top: 3em; }
@page { size: A4; margin: 20mm; }
</style></head><body>
<h1>How a neural network learns</h1>
<p>A deep-learning course in Go notebooks: the neuron, layers, activation functions, the cost,
gradient descent, backpropagation, and a digit recogniser trained on real MNIST.</p>
<ol>
`)
	for _, l := range lessons {
		fmt.Fprintf(&b, "<li><a href=\"%s\">%s</a></li>\n", html.EscapeString(l.file), html.EscapeString(l.title))
	}
	b.WriteString("</ol>\n")
	if noCode {
		b.WriteString("<p>This is the reading edition: the lessons' prose, formulas, outputs and charts, without the code.</p>\n")
	}
	if len(lessons) > 0 {
		fmt.Fprintf(&b, "<p>To print the whole course, each lesson starting on a new page: <a href=\"%s\">all lessons in one page</a>.</p>\n", allFile)
	}
	b.WriteString(`
<p class="credit">Pictures and examples after Grant Sanderson's 3Blue1Brown series
<a href="https://www.3blue1brown.com/topics/neural-networks">“Neural networks”</a>.</p>
</body></html>
`)
	return os.WriteFile(path, []byte(b.String()), 0o644)
}
