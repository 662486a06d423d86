package main

import (
	"bytes"
	"context"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"io"
	"io/fs"
	"os"
	"os/exec"
	"path/filepath"
	"sort"
	"strconv"
	"strings"
	"time"

	"github.com/nnlesson/course/internal/notebook"
)

// seedTime is the modification time given to the seed's cache entries.
// Go's build cache deletes an entry it has not used for five days, judged
// by the file's time, which it refreshes when it uses the entry — but it
// cannot refresh a file it does not own, and a student's seeded outputs are
// hard links to root's read-only seed. Dated in the future, the seeded
// entries (outputs, and the index entries copied beside them) are never
// judged unused, and Go does not try to refresh them: a lesson left for a
// week does not compile again.
var seedTime = time.Date(2099, 1, 1, 0, 0, 0, 0, time.UTC)

func seedCmd(args []string) error {
	fl := flag.NewFlagSet("seed", flag.ExitOnError)
	prefix := fl.String("prefix", "", "the course's system-wide folder (install.sh --system --prefix)")
	lessons := fl.String("lessons", "01 05 08", "the lessons to execute, by number: those that train the networks the others load")
	jupyterPath := fl.String("jupyter-path", "", "Jupyter's data folder holding the system-wide gonb kernel (JUPYTER_PATH)")
	fl.Parse(args)
	if *prefix == "" || fl.NArg() > 0 {
		return errors.New("need -prefix DIR")
	}
	return seed(*prefix, strings.Fields(*lessons), *jupyterPath)
}

// seed fills PREFIX/seed/go-build (a warm build cache) and PREFIX/seed/nnlesson
// (the trained networks) by executing the given lessons of the teacher's
// edition in PREFIX/course/notebooks on the system-wide gonb kernel, and by
// compiling every package of the students' module. It does nothing when the
// seeds were made from the same course, lessons and tools.
func seed(prefix string, lessons []string, jupyterPath string) error {
	var paths []string
	for _, n := range lessons {
		m, _ := filepath.Glob(filepath.Join(prefix, "course", "notebooks", n+"-*.ipynb"))
		if len(m) != 1 {
			return fmt.Errorf("no single lesson %s-*.ipynb in %s", n, filepath.Join(prefix, "course", "notebooks"))
		}
		paths = append(paths, m[0])
	}
	stamp, err := seedStamp(prefix, paths)
	if err != nil {
		return err
	}
	final := filepath.Join(prefix, "seed")
	if b, err := os.ReadFile(filepath.Join(final, "stamp")); err == nil && string(b) == stamp {
		fmt.Printf("    up to date (made from this course, these lessons and these tools)\n")
		return nil
	}
	tmp := final + ".new"
	if err := os.RemoveAll(tmp); err != nil {
		return err
	}
	defer os.RemoveAll(tmp)
	gocache, nncache := filepath.Join(tmp, "go-build"), filepath.Join(tmp, "nnlesson")
	for _, d := range []string{gocache, nncache} {
		if err := os.MkdirAll(d, 0o755); err != nil {
			return err
		}
	}
	env, err := kernelEnv(prefix)
	if err != nil {
		return err
	}
	env["GOCACHE"], env["NNLESSON_CACHE"] = gocache, nncache
	if jupyterPath != "" {
		env["JUPYTER_PATH"] = jupyterPath
	}
	for k, v := range env {
		os.Setenv(k, v)
	}
	// The kernel's own PATH (kernel.json) finds go; nbconvert is found on ours.
	os.Setenv("PATH", env["PATH"]+":"+os.Getenv("PATH"))

	for _, path := range paths {
		start := time.Now()
		ctx, cancel := context.WithTimeout(context.Background(), 30*time.Minute)
		nb, err := notebook.Execute(ctx, path, filepath.Join(tmp, "executed"))
		cancel()
		if err != nil {
			return err
		}
		if p := nb.Problems(); len(p) > 0 {
			var lines []string
			for _, f := range p {
				lines = append(lines, "  "+f.String())
			}
			return fmt.Errorf("%s does not run cleanly on this server's kernel:\n%s", filepath.Base(path), strings.Join(lines, "\n"))
		}
		fmt.Printf("    executed %s in %.0f s\n", filepath.Base(path), time.Since(start).Seconds())
	}
	os.RemoveAll(filepath.Join(tmp, "executed"))
	// Every package of the students' module, with what it imports.
	if err := buildCourse(filepath.Join(prefix, "student"), filepath.Join(prefix, "student"), env); err != nil {
		return err
	}

	// Read-only for everyone but root, build outputs dated ahead (seedTime).
	err = filepath.WalkDir(tmp, func(path string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		info, err := d.Info()
		if err != nil {
			return err
		}
		mode := os.FileMode(0o644)
		if d.IsDir() || info.Mode()&0o111 != 0 {
			mode = 0o755
		}
		if err := os.Chmod(path, mode); err != nil {
			return err
		}
		if strings.HasSuffix(d.Name(), "-d") || strings.HasSuffix(d.Name(), "-a") || strings.HasSuffix(filepath.Base(filepath.Dir(path)), "-d") {
			return os.Chtimes(path, seedTime, seedTime)
		}
		return nil
	})
	if err != nil {
		return err
	}
	if err := os.WriteFile(filepath.Join(tmp, "stamp"), []byte(stamp), 0o644); err != nil {
		return err
	}
	old := final + ".old"
	os.RemoveAll(old)
	if _, err := os.Stat(final); err == nil {
		if err := os.Rename(final, old); err != nil {
			return err
		}
	}
	if err := os.Rename(tmp, final); err != nil {
		return err
	}
	os.RemoveAll(old)
	size, files := du(gocacheFinal(final))
	nets, _ := filepath.Glob(filepath.Join(final, "nnlesson", "*"))
	fmt.Printf("    build cache seed: %d MB in %d files; trained networks: %d\n", size>>20, files, len(nets))
	return nil
}

func gocacheFinal(seed string) string { return filepath.Join(seed, "go-build") }

// seedStamp sums up what the seeds are made from: the students' module and
// lessons, the lessons executed, the kernel's environment and tools.
func seedStamp(prefix string, lessons []string) (string, error) {
	h := sha256.New()
	add := func(path string) error {
		f, err := os.Open(path)
		if err != nil {
			return err
		}
		defer f.Close()
		fmt.Fprintf(h, "%s\n", path)
		_, err = io.Copy(h, f)
		return err
	}
	var files []string
	err := filepath.WalkDir(filepath.Join(prefix, "student"), func(path string, d fs.DirEntry, err error) error {
		if err == nil && !d.IsDir() {
			files = append(files, path)
		}
		return err
	})
	if err != nil {
		return "", err
	}
	sort.Strings(files)
	files = append(files, lessons...)
	files = append(files, filepath.Join(prefix, "etc", "kernel-env.json"), filepath.Join(prefix, "bin", "gonb"))
	if self, err := os.Executable(); err == nil {
		files = append(files, self) // how the seeds are made
	}
	for _, f := range files {
		if err := add(f); err != nil {
			return "", err
		}
	}
	v, err := exec.Command("go", "version").Output()
	if err != nil {
		return "", fmt.Errorf("go version: %v", err)
	}
	h.Write(v)
	return hex.EncodeToString(h.Sum(nil)) + "\n", nil
}

// kernelEnv reads the environment that install.sh gave the system-wide
// kernels (PREFIX/etc/kernel-env.json).
func kernelEnv(prefix string) (map[string]string, error) {
	b, err := os.ReadFile(filepath.Join(prefix, "etc", "kernel-env.json"))
	if err != nil {
		return nil, fmt.Errorf("%v (run install.sh --system first)", err)
	}
	env := map[string]string{}
	if err := json.Unmarshal(b, &env); err != nil {
		return nil, fmt.Errorf("%s: %v", filepath.Join(prefix, "etc", "kernel-env.json"), err)
	}
	return env, nil
}

// buildCourse compiles every importable package of the module at dir, as a
// lesson's cell does: from a module of its own that links the course with a
// replace directive, with env (the kernel's environment, with GOCACHE). The
// packages are those of the module at pkgs (the same module: dir may reach
// them through links, which a walk of its folders does not follow).
func buildCourse(dir, pkgs string, env map[string]string) error {
	paths, err := coursePackages(pkgs)
	if err != nil {
		return err
	}
	work, err := os.MkdirTemp("", "nnlesson-build-")
	if err != nil {
		return err
	}
	defer os.RemoveAll(work)
	gomod := "module nnlesson_warm\n\ngo 1.24\n\nrequire github.com/nnlesson/course v0.0.0\n\nreplace github.com/nnlesson/course => " + strconvQuote(dir) + "\n"
	var src strings.Builder
	src.WriteString("package main\n\nimport (\n\t_ \"github.com/janpfeifer/gonb/gonbui\"\n")
	for _, p := range paths {
		fmt.Fprintf(&src, "\t_ %q\n", p)
	}
	src.WriteString(")\n\nfunc main() {}\n")
	if err := os.WriteFile(filepath.Join(work, "go.mod"), []byte(gomod), 0o644); err != nil {
		return err
	}
	if err := os.WriteFile(filepath.Join(work, "main.go"), []byte(src.String()), 0o644); err != nil {
		return err
	}
	cmd := exec.Command("go", "build", "-o", os.DevNull, ".")
	cmd.Dir = work
	cmd.Env = os.Environ()
	for k, v := range env {
		cmd.Env = append(cmd.Env, k+"="+v)
	}
	var out bytes.Buffer
	cmd.Stdout, cmd.Stderr = &out, &out
	if err := cmd.Run(); err != nil {
		return fmt.Errorf("compiling the course's packages from %s: %v\n%s", dir, err, out.String())
	}
	return nil
}

// coursePackages returns the import paths of the packages in the students'
// module at dir that a lesson can import: every folder with Go files, but
// internal ones.
func coursePackages(dir string) ([]string, error) {
	const module = "github.com/nnlesson/course"
	var out []string
	err := filepath.WalkDir(dir, func(path string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if !d.IsDir() {
			return nil
		}
		rel, _ := filepath.Rel(dir, path)
		rel = filepath.ToSlash(rel)
		if rel == "lessons" || rel == "internal" || strings.HasSuffix(rel, "/internal") {
			return filepath.SkipDir
		}
		if m, _ := filepath.Glob(filepath.Join(path, "*.go")); len(m) > 0 && rel != "." {
			out = append(out, module+"/"+rel)
		}
		return nil
	})
	return out, err
}

// strconvQuote quotes a path for go.mod (a path with a space needs quotes).
func strconvQuote(s string) string { return strconv.Quote(s) }

// du returns the bytes and files under dir, counting each inode once.
func du(dir string) (size int64, files int) {
	filepath.WalkDir(dir, func(path string, d fs.DirEntry, err error) error {
		if err == nil && !d.IsDir() {
			if info, err := d.Info(); err == nil {
				size += info.Size()
				files++
			}
		}
		return nil
	})
	return size, files
}
