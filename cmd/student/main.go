// Command student writes the student's edition of the course: every lesson
// of notebooks/ with each solution — the lines between // BEGIN SOLUTION and
// // END SOLUTION, nbgrader's markers, in a code cell — replaced by a stub
// that compiles and says what to write:
//
//	// TODO: write σ′(z) = σ(z)(1 − σ(z))
//	panic(exercise.NotWritten("write σ′(z) = σ(z)(1 − σ(z))"))
//
// The text comes from a "// TODO: …" line just after // BEGIN SOLUTION, when
// there is one. Check cells are kept (they then report "not written yet"),
// outputs are cleared, and everything else is left as it was, byte for byte.
//
// Usage, from the project's root:
//
//	go run ./cmd/student -out student
//
// The lessons' first cell links them to the course's packages through a path
// relative to the notebook's folder (${GONB_DIR}/..); the command rewrites it
// for the output folder, so that the student's edition runs wherever -out
// puts it on this machine. Unbalanced markers stop the command with an error
// that names the notebook and the cell; nothing is written then.
package main

import (
	"flag"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"regexp"

	"github.com/nnlesson/course/internal/notebook"
)

func main() {
	var opts options
	flag.StringVar(&opts.notebooks, "notebooks", "notebooks", "folder of the teacher's lessons (`*.ipynb`)")
	flag.StringVar(&opts.out, "out", "student", "folder to write the student's edition into")
	flag.Usage = func() {
		fmt.Fprintf(flag.CommandLine.Output(), "usage: go run ./cmd/student [-notebooks DIR] [-out DIR]\n\n")
		flag.PrintDefaults()
	}
	flag.Parse()
	if flag.NArg() > 0 {
		flag.Usage()
		os.Exit(2)
	}
	if err := build(opts, os.Stdout); err != nil {
		fmt.Fprintf(os.Stderr, "student: %v\n", err)
		os.Exit(1)
	}
}

type options struct {
	notebooks string // folder of the teacher's lessons
	out       string // folder of the student's edition
}

// build writes the student's edition of every lesson into opts.out. It
// checks every lesson before writing any.
func build(opts options, log io.Writer) error {
	from, err := filepath.Abs(opts.notebooks)
	if err != nil {
		return err
	}
	to, err := filepath.Abs(opts.out)
	if err != nil {
		return err
	}
	if from == to {
		return fmt.Errorf("-out %s is the teachers' folder itself: the student's edition would overwrite the solutions; choose another folder", opts.out)
	}
	paths, err := notebook.Lessons(opts.notebooks)
	if err != nil {
		return err
	}
	relink := relinker(from, to)
	type edition struct {
		path      string
		data      []byte
		exercises int
	}
	var editions []edition
	for _, path := range paths {
		data, err := os.ReadFile(path)
		if err != nil {
			return err
		}
		out, n, err := studentEdition(data, relink)
		if err != nil {
			return fmt.Errorf("%s: %w", path, err)
		}
		editions = append(editions, edition{filepath.Join(opts.out, filepath.Base(path)), out, n})
	}
	if err := os.MkdirAll(opts.out, 0o755); err != nil {
		return err
	}
	total := 0
	for _, e := range editions {
		if err := os.WriteFile(e.path, e.data, 0o644); err != nil {
			return err
		}
		fmt.Fprintf(log, "%-40s %2d exercise(s)\n", e.path, e.exercises)
		total += e.exercises
	}
	fmt.Fprintf(log, "student's edition: %d lesson(s), %d exercise(s) in %s\n", len(editions), total, opts.out)
	return nil
}

// linkRE finds the path of the course in the lessons' link cell:
// -replace=github.com/nnlesson/course="${GONB_DIR}/<path>" (quoted or not).
var linkRE = regexp.MustCompile(`-replace=github\.com/nnlesson/course="?\$\{GONB_DIR\}/([^"\s]+)"?`)

// relinker returns the function that rewrites a link cell written for
// notebooks in folder from so that it works for notebooks in folder to: the
// path after ${GONB_DIR}/ must lead to the same place.
func relinker(from, to string) func(string) string {
	return func(src string) string {
		return linkRE.ReplaceAllStringFunc(src, func(m string) string {
			parts := linkRE.FindStringSubmatch(m)
			target := filepath.Join(from, filepath.FromSlash(parts[1]))
			rel, err := filepath.Rel(to, target)
			if err != nil { // another volume: an absolute path still works here
				return `-replace=github.com/nnlesson/course="` + filepath.ToSlash(target) + `"`
			}
			return `-replace=github.com/nnlesson/course="${GONB_DIR}/` + filepath.ToSlash(rel) + `"`
		})
	}
}
