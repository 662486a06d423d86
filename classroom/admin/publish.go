package main

import (
	"bytes"
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"io"
	"io/fs"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strings"
)

// notForStudents are the course's top folders whose packages no lesson
// imports: tools, tests and the teacher's notebooks.
var notForStudents = []string{"notebooks", "cmd", "classroom", "bench", "scripts", "binder", "student", "handouts"}

// solutionMarker is the line that starts a solution in the teacher's
// edition; no file published for the students may hold it.
const solutionMarker = "BEGIN SOLUTION"

func publishCmd(args []string) error {
	fl := flag.NewFlagSet("publish", flag.ExitOnError)
	course := fl.String("course", "", "the teacher's copy of the course (with student/ written by cmd/student)")
	out := fl.String("out", "", "folder to publish the students' copy into")
	fl.Parse(args)
	if *course == "" || *out == "" || fl.NArg() > 0 {
		return errors.New("need -course DIR and -out DIR")
	}
	changed, err := publish(*course, *out)
	if err != nil {
		return err
	}
	if changed {
		fmt.Printf("    published the course's packages and the student's edition in %s\n", *out)
	} else {
		fmt.Printf("    %s is up to date\n", *out)
	}
	return nil
}

// goPackage is the part of `go list -json` that publish reads.
type goPackage struct {
	ImportPath string
	Name       string
	Dir        string
	Standard   bool
	Module     *struct {
		Path string
		Main bool
	}
	GoFiles, CgoFiles, CFiles, HFiles, SFiles, IgnoredGoFiles, EmbedFiles []string
}

// publish writes into out the module the students' kernels compile against
// — go.mod, go.sum and the source of every package of the course that a
// lesson can import, with the course's packages they depend on — and
// lessons/, the student's edition that cmd/student wrote into course/student.
// It reports whether out changed; an out that is already up to date is left
// as it is. The new copy is built beside out and swapped in whole.
func publish(course, out string) (bool, error) {
	course, err := filepath.Abs(course)
	if err != nil {
		return false, err
	}
	pkgs, err := studentPackages(course)
	if err != nil {
		return false, err
	}
	tmp := out + ".new"
	if err := os.RemoveAll(tmp); err != nil {
		return false, err
	}
	defer os.RemoveAll(tmp)
	for _, f := range []string{"go.mod", "go.sum"} {
		if err := copyFile(filepath.Join(course, f), filepath.Join(tmp, f), 0o644); err != nil {
			return false, err
		}
	}
	for _, p := range pkgs {
		rel, err := filepath.Rel(course, p.Dir)
		if err != nil {
			return false, err
		}
		var files []string
		for _, list := range [][]string{p.GoFiles, p.CgoFiles, p.CFiles, p.HFiles, p.SFiles, p.IgnoredGoFiles, p.EmbedFiles} {
			files = append(files, list...)
		}
		for _, f := range files {
			if strings.HasSuffix(f, "_test.go") {
				continue
			}
			if err := copyFile(filepath.Join(p.Dir, f), filepath.Join(tmp, rel, f), 0o644); err != nil {
				return false, err
			}
		}
	}
	edition := filepath.Join(course, "student")
	n := 0
	err = filepath.WalkDir(edition, func(path string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() || filepath.Ext(path) != ".ipynb" {
			return err
		}
		rel, _ := filepath.Rel(edition, path)
		n++
		return copyFile(path, filepath.Join(tmp, "lessons", rel), 0o644)
	})
	if err != nil {
		return false, fmt.Errorf("the student's edition: %w (install.sh writes it with go run ./cmd/student -out student)", err)
	}
	if n == 0 {
		return false, fmt.Errorf("no lessons in %s: write the student's edition first (go run ./cmd/student -out student)", edition)
	}
	if err := noSolutions(tmp); err != nil {
		return false, err
	}
	if same, err := sameTree(tmp, out); err != nil {
		return false, err
	} else if same {
		return false, nil
	}
	if err := filepath.WalkDir(tmp, func(path string, d fs.DirEntry, err error) error {
		if err == nil && d.IsDir() {
			err = os.Chmod(path, 0o755)
		}
		return err
	}); err != nil {
		return false, err
	}
	old := out + ".old"
	os.RemoveAll(old)
	if _, err := os.Stat(out); err == nil {
		if err := os.Rename(out, old); err != nil {
			return false, err
		}
	}
	if err := os.Rename(tmp, out); err != nil {
		return false, err
	}
	return true, os.RemoveAll(old)
}

// studentPackages lists the packages of the course module at dir that a
// lesson can import (not a command, not internal, not under one of
// notForStudents), with the course's own packages they import.
func studentPackages(dir string) ([]goPackage, error) {
	all, err := goList(dir, "./...")
	if err != nil {
		return nil, err
	}
	var roots []string
	for _, p := range all {
		rel, err := filepath.Rel(dir, p.Dir)
		if err != nil {
			return nil, err
		}
		top := strings.Split(filepath.ToSlash(rel), "/")[0]
		if p.Name == "main" || slices.Contains(notForStudents, top) || slices.Contains(strings.Split(p.ImportPath, "/"), "internal") {
			continue
		}
		roots = append(roots, p.ImportPath)
	}
	if len(roots) == 0 {
		return nil, fmt.Errorf("%s has no package a lesson could import", dir)
	}
	deps, err := goList(dir, append([]string{"-deps"}, roots...)...)
	if err != nil {
		return nil, err
	}
	var out []goPackage
	for _, p := range deps {
		if !p.Standard && p.Module != nil && p.Module.Main {
			out = append(out, p)
		}
	}
	return out, nil
}

func goList(dir string, args ...string) ([]goPackage, error) {
	cmd := exec.Command("go", append([]string{"list", "-json"}, args...)...)
	cmd.Dir = dir
	var stderr bytes.Buffer
	cmd.Stderr = &stderr
	b, err := cmd.Output()
	if err != nil {
		return nil, fmt.Errorf("go list in %s: %v\n%s", dir, err, stderr.String())
	}
	var pkgs []goPackage
	dec := json.NewDecoder(bytes.NewReader(b))
	for {
		var p goPackage
		if err := dec.Decode(&p); err == io.EOF {
			break
		} else if err != nil {
			return nil, err
		}
		pkgs = append(pkgs, p)
	}
	return pkgs, nil
}

// noSolutions refuses a published folder in which a file holds a solution.
func noSolutions(dir string) error {
	return filepath.WalkDir(dir, func(path string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() || filepath.Ext(path) != ".ipynb" {
			return err
		}
		b, err := os.ReadFile(path)
		if err != nil {
			return err
		}
		if bytes.Contains(b, []byte(solutionMarker)) {
			return fmt.Errorf("%s still holds a solution (%q): not publishing it where students can read it", path, solutionMarker)
		}
		return nil
	})
}

// copyFile copies src to dst (creating its folders), with mode perm.
func copyFile(src, dst string, perm os.FileMode) error {
	if err := os.MkdirAll(filepath.Dir(dst), 0o755); err != nil {
		return err
	}
	in, err := os.Open(src)
	if err != nil {
		return err
	}
	defer in.Close()
	out, err := os.OpenFile(dst, os.O_WRONLY|os.O_CREATE|os.O_TRUNC, perm)
	if err != nil {
		return err
	}
	if _, err := io.Copy(out, in); err != nil {
		out.Close()
		return err
	}
	if err := out.Close(); err != nil {
		return err
	}
	return os.Chmod(dst, perm)
}

// sameTree reports whether the folders a and b hold the same files with the
// same contents (b may be missing).
func sameTree(a, b string) (bool, error) {
	files := func(root string) (map[string]bool, error) {
		m := map[string]bool{}
		err := filepath.WalkDir(root, func(path string, d fs.DirEntry, err error) error {
			if err != nil {
				return err
			}
			if !d.IsDir() {
				rel, _ := filepath.Rel(root, path)
				m[rel] = true
			}
			return nil
		})
		return m, err
	}
	fa, err := files(a)
	if err != nil {
		return false, err
	}
	fb, err := files(b)
	if errors.Is(err, fs.ErrNotExist) {
		return false, nil
	} else if err != nil {
		return false, err
	}
	if len(fa) != len(fb) {
		return false, nil
	}
	for rel := range fa {
		if !fb[rel] {
			return false, nil
		}
		x, err := os.ReadFile(filepath.Join(a, rel))
		if err != nil {
			return false, err
		}
		y, err := os.ReadFile(filepath.Join(b, rel))
		if err != nil {
			return false, err
		}
		if !bytes.Equal(x, y) {
			return false, nil
		}
	}
	return true, nil
}
