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
// outputs are cleared, and everything else is left as nbformat writes it,
// byte for byte.
//
// Usage, from the project's root:
//
//	go run ./cmd/student                # notebooks/    → student/
//	go run ./cmd/student -lang pl       # notebooks/pl/ → student/pl/, in Polish
//	go run ./cmd/student -out DIR
//
// The lessons' first cell links them to the course's packages through a path
// relative to the notebook's folder ("${GONB_DIR}/.."); the command rewrites
// it for the output folder, so that the student's edition runs wherever -out
// puts it on this machine.
//
// It never loses a teacher's work. It refuses an -out that is, holds or lies
// inside the teacher's folder (compared as folders, not as names: through
// links, or on a disk that ignores case), and refuses to overwrite any file
// that is one of the lessons or holds solutions. It checks every lesson
// before writing any — a marker misspelt, unbalanced, outside a code cell or
// outside a function's body stops it with the notebook, cell and line — and
// writes each file whole (a temporary file renamed into place).
package main

import (
	"errors"
	"flag"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"regexp"
	"strings"

	"github.com/nnlesson/course/internal/notebook"
)

func main() {
	var opts options
	flag.StringVar(&opts.lang, "lang", "en", "language of the lessons: `en` or pl (Polish: lessons from notebooks/pl, stubs and summary in Polish)")
	flag.StringVar(&opts.notebooks, "notebooks", "", "folder of the teacher's lessons (`*.ipynb`) (default notebooks, or notebooks/pl with -lang pl)")
	flag.StringVar(&opts.out, "out", "", "folder to write the student's edition into (default student, or student/pl with -lang pl)")
	flag.Usage = func() {
		fmt.Fprintf(flag.CommandLine.Output(), "usage: go run ./cmd/student [-lang en|pl] [-notebooks DIR] [-out DIR]\n\n")
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
	lang      string // en or pl; "" is en
	notebooks string // folder of the teacher's lessons; "" is the language's default
	out       string // folder of the student's edition; "" is the language's default
}

// build writes the student's edition of every lesson into opts.out. It
// checks every lesson, and that no teacher's work would be overwritten,
// before writing any.
func build(opts options, log io.Writer) error {
	w, ok := languages[opts.lang]
	if opts.lang == "" {
		w, ok = languages["en"], true
	}
	if !ok {
		return fmt.Errorf("-lang %q: the course has lessons in en (English) and pl (Polish)", opts.lang)
	}
	if opts.notebooks == "" {
		opts.notebooks = w.notebooks
	}
	if opts.out == "" {
		opts.out = w.out
	}
	paths, err := notebook.Lessons(opts.notebooks)
	if err != nil {
		return err
	}
	from, err := resolve(opts.notebooks)
	if err != nil {
		return err
	}
	to, err := resolve(opts.out)
	if err != nil {
		return err
	}
	if err := apart(opts, from, to); err != nil {
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
		out, n, err := studentEdition(data, relink, w.todo)
		if err != nil {
			return fmt.Errorf("%s: %w", path, err)
		}
		target := filepath.Join(opts.out, filepath.Base(path))
		if err := mayOverwrite(target, paths); err != nil {
			return err
		}
		editions = append(editions, edition{target, out, n})
	}
	if err := os.MkdirAll(opts.out, 0o755); err != nil {
		return err
	}
	total := 0
	for _, e := range editions {
		if err := notebook.WriteFile(e.path, e.data); err != nil {
			return err
		}
		fmt.Fprintf(log, "%-40s %s\n", e.path, w.exercises(e.exercises))
		total += e.exercises
	}
	fmt.Fprintln(log, w.summary(len(editions), total, opts.out))
	return nil
}

// resolve returns the absolute path of dir as the system reads it: links
// resolved, and a ".." after a link leading to the parent of the link's
// target, not of the link (filepath.Abs would clean it away by name). The
// part of dir that does not exist yet is appended as it is.
func resolve(dir string) (string, error) {
	if !filepath.IsAbs(dir) {
		wd, err := os.Getwd()
		if err != nil {
			return "", err
		}
		dir = wd + string(filepath.Separator) + dir
	}
	parts := strings.Split(dir, string(filepath.Separator))
	for n := len(parts); n > 0; n-- {
		prefix := strings.Join(parts[:n], string(filepath.Separator))
		if prefix == "" {
			prefix = string(filepath.Separator)
		}
		real, err := filepath.EvalSymlinks(prefix)
		if err == nil {
			return filepath.Join(append([]string{real}, parts[n:]...)...), nil
		}
		if !errors.Is(err, fs.ErrNotExist) {
			return "", err
		}
	}
	return filepath.Clean(dir), nil
}

// apart refuses an output folder that is the teacher's folder, lies inside
// it, or directly holds it (notebooks/ holds notebooks/pl/): the student's
// edition would overwrite or mix with the lessons. Folders are compared as folders (os.SameFile), not as names, so
// that a link, or a name in other capitals on a disk that ignores case,
// cannot hide them.
func apart(opts options, from, to string) error {
	teacher, err := os.Stat(from)
	if err != nil {
		return err
	}
	for p := to; ; p = filepath.Dir(p) {
		if fi, err := os.Stat(p); err == nil && os.SameFile(fi, teacher) {
			if p == to {
				return fmt.Errorf("-out %s is the teacher's folder %s itself: the student's edition would overwrite the solutions; choose another folder", opts.out, opts.notebooks)
			}
			return fmt.Errorf("-out %s is inside the teacher's folder %s: the student's edition would mix with the lessons; choose a folder outside it", opts.out, opts.notebooks)
		}
		if filepath.Dir(p) == p {
			break
		}
	}
	if out, err := os.Stat(to); err == nil {
		if fi, err := os.Stat(filepath.Dir(from)); err == nil && os.SameFile(fi, out) {
			return fmt.Errorf("-out %s holds the teacher's folder %s: the student's edition would land among the teacher's lessons; choose another folder", opts.out, opts.notebooks)
		}
	}
	return nil
}

// mayOverwrite refuses to write target when it exists and is one of the
// teacher's lessons (the same file, through any link), or holds solutions:
// a student's edition never does, so it is a teacher's lesson.
func mayOverwrite(target string, lessons []string) error {
	fi, err := os.Stat(target)
	if errors.Is(err, fs.ErrNotExist) {
		return nil
	}
	if err != nil {
		return err
	}
	for _, l := range lessons {
		if li, err := os.Stat(l); err == nil && os.SameFile(fi, li) {
			return fmt.Errorf("%s is the teacher's lesson %s itself: the student's edition would overwrite its solutions; choose another -out", target, l)
		}
	}
	if !fi.Mode().IsRegular() {
		return fmt.Errorf("%s is not a file: choose another -out", target)
	}
	nb, err := notebook.Read(target)
	if err != nil {
		return nil // not a lesson: replaced whole, as asked
	}
	for i, c := range nb.Cells {
		if c.Type != "code" {
			continue
		}
		for _, line := range strings.Split(string(c.Source), "\n") {
			if classify(line) == begin {
				return fmt.Errorf("%s holds solutions (%s, %s): it is a teacher's lesson, which the student's edition never overwrites; choose another -out", target, nb.CellName(i), beginMarker)
			}
		}
	}
	return nil
}

// linkRE finds the path of the course in the lessons' link cell, quoted or
// not: -replace=github.com/nnlesson/course="${GONB_DIR}/<path>" or
// -replace=github.com/nnlesson/course=${GONB_DIR}/<path>.
var linkRE = regexp.MustCompile(`-replace=github\.com/nnlesson/course=(?:"\$\{GONB_DIR\}/((?:[^"\\]|\\.)*)"|\$\{GONB_DIR\}/(\S+))`)

// relinker returns the function that rewrites a link cell written for
// notebooks in folder from so that it works for notebooks in folder to: the
// path after ${GONB_DIR}/ must lead to the same place. It writes the quoted
// form, which a path with spaces needs.
func relinker(from, to string) func(string) string {
	return func(src string) string {
		return linkRE.ReplaceAllStringFunc(src, func(m string) string {
			parts := linkRE.FindStringSubmatch(m)
			path := parts[2]
			if parts[1] != "" || parts[2] == "" {
				path = unquote(parts[1])
			}
			target := filepath.Join(from, filepath.FromSlash(path))
			rel, err := filepath.Rel(to, target)
			if err != nil { // another volume: an absolute path still works here
				return "-replace=github.com/nnlesson/course=" + quote(filepath.ToSlash(target))
			}
			return "-replace=github.com/nnlesson/course=" + quote("${GONB_DIR}/"+filepath.ToSlash(rel))
		})
	}
}

// quote puts s in the shell's double quotes; a leading ${GONB_DIR} stays a
// variable, every other character is literal.
func quote(s string) string {
	v, rest := "", s
	if strings.HasPrefix(s, "${GONB_DIR}") {
		v, rest = "${GONB_DIR}", strings.TrimPrefix(s, "${GONB_DIR}")
	}
	var b strings.Builder
	for _, r := range rest {
		if strings.ContainsRune("\"\\$`", r) {
			b.WriteByte('\\')
		}
		b.WriteRune(r)
	}
	return `"` + v + b.String() + `"`
}

// unquote undoes the backslashes of a double-quoted shell word.
func unquote(s string) string {
	var b strings.Builder
	for i := 0; i < len(s); i++ {
		if s[i] == '\\' && i+1 < len(s) && strings.IndexByte("\"\\$`", s[i+1]) >= 0 {
			i++
		}
		b.WriteByte(s[i])
	}
	return b.String()
}
