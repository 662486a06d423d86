// Command handouts builds the course's handouts: it executes every lesson in
// notebooks/ headless on the GoNB kernel and writes one self-contained HTML
// page per lesson, outputs and charts inline, plus an index page in lesson
// order.
//
// Usage, from the project's root:
//
//	go run ./cmd/handouts -out handouts
//
// A lesson with a failing cell (a panic, a compile error) or a chart that did
// not appear makes the command exit with status 1, after building the
// others, naming the notebook and the cell.
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
	flag.Usage = func() {
		fmt.Fprintf(flag.CommandLine.Output(), "usage: go run ./cmd/handouts [-notebooks DIR] [-out DIR]\n\n")
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
}

// lesson is one built handout, as the index lists it.
type lesson struct {
	file, title string
}

// build executes every lesson and writes the handouts; it returns an error
// naming every notebook and cell that failed.
func build(ctx context.Context, opts options, log io.Writer) error {
	if err := notebook.Available(); err != nil {
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
		l, problems, err := buildLesson(ctx, path, work, opts.out)
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
	if err := writeIndex(filepath.Join(opts.out, "index.html"), built); err != nil {
		return err
	}
	fmt.Fprintf(log, "index: %s\n", filepath.Join(opts.out, "index.html"))
	if len(failed) > 0 {
		return fmt.Errorf("%d problem(s):\n%s", len(failed), strings.Join(failed, "\n"))
	}
	return nil
}

// buildLesson executes one notebook and writes its HTML page. Problems are
// the lesson's own failures (cells, charts); the error is for a build that
// could not run.
func buildLesson(ctx context.Context, path, work, out string) (lesson, []string, error) {
	nb, err := notebook.Execute(ctx, path, work)
	if err != nil {
		return lesson{}, nil, err
	}
	var problems []string
	for _, f := range append(nb.Failures(), nb.MissingCharts()...) {
		problems = append(problems, f.String())
	}
	if len(problems) > 0 {
		return lesson{}, problems, nil
	}
	name := strings.TrimSuffix(filepath.Base(path), ".ipynb") + ".html"
	executed := filepath.Join(work, filepath.Base(path))
	if err := notebook.HTML(ctx, executed, filepath.Join(out, name)); err != nil {
		return lesson{}, nil, err
	}
	return lesson{file: name, title: nb.Title()}, nil, nil
}

// writeIndex writes the index page: the lessons in order, linked.
func writeIndex(path string, lessons []lesson) error {
	var b strings.Builder
	b.WriteString(`<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8">
<title>How a neural network learns — handouts</title>
<style>
body { font-family: "Liberation Sans", Arial, sans-serif; max-width: 42em; margin: 3em auto; padding: 0 1em; line-height: 1.5; color: #222; }
h1 { font-size: 1.8em; } ol { font-size: 1.2em; } li { margin: .4em 0; }
a { color: #0b5394; } .credit { color: #555; font-size: .9em; margin-top: 3em; }
</style></head><body>
<h1>How a neural network learns</h1>
<p>A deep-learning course in Go notebooks: the neuron, layers, activation functions, the cost,
gradient descent, backpropagation, and a digit recogniser trained on real MNIST.</p>
<ol>
`)
	for _, l := range lessons {
		fmt.Fprintf(&b, "<li><a href=\"%s\">%s</a></li>\n", html.EscapeString(l.file), html.EscapeString(l.title))
	}
	b.WriteString(`</ol>
<p class="credit">Pictures and examples after Grant Sanderson's 3Blue1Brown series
<a href="https://www.3blue1brown.com/topics/neural-networks">“Neural networks”</a>.</p>
</body></html>
`)
	return os.WriteFile(path, []byte(b.String()), 0o644)
}
